import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, oneOf } from '../../../storage/filters';
import type { InterpretationForm, PolicyInterpretationFilter } from '../../../subgraphs/documents/generated/types';
import { defineRecordType } from '../record-type';
import { indexNumber, reportBreaches } from '../rules';

/** Stored fields of a policy interpretation 政策解读. */
export interface PolicyInterpretationFields {
  form: InterpretationForm;
  interpretsIndexNumbers: string[];
  mediaUrl: string | null;
}

export type StoredPolicyInterpretation = StoredRecord<PolicyInterpretationFields>;

/** Forms whose content is a picture or a recording, published at its own address. */
const MEDIA_FORMS: readonly InterpretationForm[] = ['GRAPHIC', 'VIDEO'];
const MOST_INTERPRETED = 20;

export const policyInterpretation = defineRecordType({
  type: 'PolicyInterpretation',
  domain: 'DOCUMENTS',
  subgraph: 'documents',
  collection: 'policyInterpretations',
  listField: 'policyInterpretations',
  singleField: 'policyInterpretation',
  description:
    'A policy interpretation 政策解读 of one or more published records (政府信息公开条例 art. 20): in words, a graphic 图解, a video, questions and answers or a press conference.',
  fields: {
    form: 'InterpretationForm!',
    interpretsIndexNumbers: '[String!]!',
    mediaUrl: 'URL',
  },
  input: z
    .object({
      form: z.enum(['TEXT', 'GRAPHIC', 'VIDEO', 'QA', 'PRESS_CONFERENCE']),
      interpretsIndexNumbers: z
        .array(indexNumber)
        .min(1, { error: 'interprets at least one record: give its index number' })
        .max(MOST_INTERPRETED, { error: `at most ${MOST_INTERPRETED} records` }),
      mediaUrl: z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
        .nullish()
        .transform((v) => v ?? null),
    })
    .strict()
    .transform((sent, context): PolicyInterpretationFields => {
      const broken = reportBreaches(context, [
        new Set(sent.interpretsIndexNumbers).size !== sent.interpretsIndexNumbers.length && [
          'interpretsIndexNumbers',
          'distinct',
          'names each interpreted record once',
        ],
        MEDIA_FORMS.includes(sent.form) && sent.mediaUrl === null && ['mediaUrl', 'media-url', `a ${sent.form} interpretation gives the address of its picture or video`],
      ]);
      if (broken) return z.NEVER;
      return sent;
    }),
  filter: {
    fields: { forms: '[InterpretationForm!]', interprets: 'String' },
    where: (input: PolicyInterpretationFilter) =>
      allOf({ form: oneOf(input.forms), interpretsIndexNumbers: input.interprets ?? undefined }),
  },
  indexes: [
    { key: { interpretsIndexNumbers: 1, publishedAt: -1, _id: -1 }, name: 'interprets' },
    { key: { form: 1, publishedAt: -1, _id: -1 }, name: 'form' },
  ],
  resolvers: {},
});
