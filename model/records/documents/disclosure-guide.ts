import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf } from '../../../storage/filters';
import type { DisclosureGuideFilter } from '../../../subgraphs/documents/generated/types';
import { defineRecordType } from '../record-type';
import { optionalText, reportBreaches, text } from '../rules';
import { numberingPatternProblem } from './numbering-pattern';

export interface NumberingScheme {
  description: string;
  /** A template of `./numbering-pattern.ts`, where the scheme is regular enough to check. */
  pattern: string | null;
}

export interface DisclosureOffice {
  name: string;
  address: string;
  officeHours: string;
  phone: string;
  fax: string | null;
  email: string | null;
  postalCode: string;
}

/** Stored fields of a disclosure guide 政府信息公开指南 (政府信息公开条例 art. 12). */
export interface DisclosureGuideFields {
  categories: string[];
  numberingScheme: NumberingScheme;
  waysToObtain: string[];
  office: DisclosureOffice;
}

export type StoredDisclosureGuide = StoredRecord<DisclosureGuideFields>;

const headings = (what: string) =>
  z
    .array(text(200))
    .min(1, { error: `list at least one ${what}` })
    .max(50, { error: `at most 50 ${what}s` });

export const disclosureGuide = defineRecordType({
  type: 'DisclosureGuide',
  domain: 'DOCUMENTS',
  subgraph: 'documents',
  collection: 'disclosureGuides',
  listField: 'disclosureGuides',
  singleField: 'disclosureGuide',
  description:
    'A disclosure guide 政府信息公开指南 (政府信息公开条例 art. 12): the categories of information an agency publishes, how it numbers them, how to ask for information, and its disclosure office.',
  fields: {
    categories: '[String!]!',
    numberingScheme: { type: 'NumberingScheme!', fields: { description: 'String!', pattern: 'String' } },
    waysToObtain: '[String!]!',
    office: {
      type: 'DisclosureOffice!',
      fields: {
        name: 'String!',
        address: 'String!',
        officeHours: 'String!',
        phone: 'String!',
        fax: 'String',
        email: 'String',
        postalCode: 'String!',
      },
    },
  },
  input: z
    .object({
      categories: headings('category'),
      numberingScheme: z.object({ description: text(1000), pattern: optionalText(100) }).strict(),
      waysToObtain: headings('way to obtain information'),
      office: z
        .object({
          name: text(200),
          address: text(300),
          officeHours: text(200),
          phone: text(50),
          fax: optionalText(50),
          email: z
            .email({ error: 'must be an e-mail address' })
            .nullish()
            .transform((v) => v ?? null),
          postalCode: z.string().regex(/^\d{6}$/, { error: 'must be a 6-digit postal code 邮政编码' }),
        })
        .strict(),
    })
    .strict()
    .transform((sent, context): DisclosureGuideFields => {
      const { pattern } = sent.numberingScheme;
      const problem = pattern === null ? null : numberingPatternProblem(pattern);
      const broken = reportBreaches(context, [problem !== null && ['numberingScheme.pattern', 'numbering-pattern', problem]]);
      if (broken) return z.NEVER;
      return sent;
    }),
  filter: {
    fields: { declaresPattern: 'Boolean' },
    where: (input: DisclosureGuideFilter) =>
      allOf({
        'numberingScheme.pattern': input.declaresPattern === null || input.declaresPattern === undefined ? undefined : input.declaresPattern ? { $type: 'string' } : { $eq: null },
      }),
  },
  indexes: [],
  resolvers: {},
});
