import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, day, oneOf, range } from '../../../storage/filters';
import type { PolicyDocumentFilter, PolicyDocumentKind, PolicyValidity } from '../../../subgraphs/documents/generated/types';
import { defineRecordType } from '../record-type';
import { calendarDay, optionalIndexNumber, reportBreaches, text } from '../rules';

/** Stored fields of a policy document 政策文件 (a normative document 规范性文件 or not); days as `YYYY-MM-DD`. */
export interface PolicyDocumentFields {
  kind: PolicyDocumentKind;
  normative: boolean;
  coIssuers: string[];
  effectiveOn: string | null;
  expiresOn: string | null;
  validity: PolicyValidity;
  replacedByIndexNumber: string | null;
}

export type StoredPolicyDocument = StoredRecord<PolicyDocumentFields>;

/** The states in which a document names the one that replaced or amended it. */
const SUCCEEDED: readonly PolicyValidity[] = ['REPEALED', 'AMENDED'];

export const policyDocument = defineRecordType({
  type: 'PolicyDocument',
  domain: 'DOCUMENTS',
  subgraph: 'documents',
  collection: 'policyDocuments',
  listField: 'policyDocuments',
  singleField: 'policyDocument',
  description:
    'A policy document 政策文件, normative documents 行政规范性文件 included (国办发〔2018〕37号), of a kind 文种 of the 党政机关公文处理工作条例, with its validity 有效性.',
  fields: {
    kind: 'PolicyDocumentKind!',
    normative: 'Boolean!',
    coIssuers: '[String!]!',
    effectiveOn: 'Date',
    expiresOn: 'Date',
    validity: 'PolicyValidity!',
    replacedByIndexNumber: 'String',
  },
  input: z
    .object({
      kind: z.enum(['NOTICE', 'OPINION', 'MEASURES', 'PROVISIONS', 'DECISION', 'REPLY', 'RULES', 'PLAN', 'OTHER']),
      normative: z.boolean({ error: 'must be true or false' }),
      coIssuers: z.array(text(200)).max(20, { error: 'at most 20 co-issuing agencies' }).default([]),
      effectiveOn: calendarDay.nullish().transform((v) => v ?? null),
      expiresOn: calendarDay.nullish().transform((v) => v ?? null),
      validity: z.enum(['IN_FORCE', 'EXPIRED', 'REPEALED', 'AMENDED']),
      replacedByIndexNumber: optionalIndexNumber,
    })
    .strict()
    .transform((sent, context): PolicyDocumentFields => {
      const broken = reportBreaches(context, [
        sent.effectiveOn !== null &&
          sent.expiresOn !== null &&
          sent.expiresOn < sent.effectiveOn && ['expiresOn', 'date-order', `must not be before effectiveOn (${sent.effectiveOn})`],
        sent.normative &&
          sent.effectiveOn === null && ['effectiveOn', 'normative-effective', 'a normative document 规范性文件 states the day it takes effect (国办发〔2018〕37号)'],
        sent.validity === 'EXPIRED' && sent.expiresOn === null && ['expiresOn', 'expiry-date', 'an EXPIRED document states the day it expired'],
        sent.validity === 'AMENDED' &&
          sent.replacedByIndexNumber === null && ['replacedByIndexNumber', 'amended-by', 'an AMENDED document names the index number of the document that amended it'],
        !SUCCEEDED.includes(sent.validity) &&
          sent.replacedByIndexNumber !== null && [
            'replacedByIndexNumber',
            'replaced-by',
            `only a REPEALED or AMENDED document names one that replaced it; this one is ${sent.validity}`,
          ],
        new Set(sent.coIssuers).size !== sent.coIssuers.length && ['coIssuers', 'distinct', 'names each co-issuing agency once'],
      ]);
      if (broken) return z.NEVER;
      return sent;
    }),
  filter: {
    fields: {
      kinds: '[PolicyDocumentKind!]',
      validities: '[PolicyValidity!]',
      normative: 'Boolean',
      effectiveFrom: 'Date',
      effectiveTo: 'Date',
    },
    where: (input: PolicyDocumentFilter) =>
      allOf({
        kind: oneOf(input.kinds),
        validity: oneOf(input.validities),
        normative: input.normative ?? undefined,
        effectiveOn: range('filter.effectiveFrom', day(input.effectiveFrom), day(input.effectiveTo)),
      }),
  },
  indexes: [
    { key: { kind: 1, publishedAt: -1, _id: -1 }, name: 'kind' },
    { key: { validity: 1, publishedAt: -1, _id: -1 }, name: 'validity' },
  ],
  resolvers: {},
});
