import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { endOfShanghaiDay, startOfShanghaiDay } from '../../time';
import { allOf, day, range } from '../../../storage/filters';
import type { CommentChannelKind, ConsultationFilter, ConsultationStatus } from '../../../subgraphs/documents/generated/types';
import { defineRecordType } from '../record-type';
import { count, optionalIndexNumber, reportBreaches, text } from '../rules';

export interface CommentChannel {
  kind: CommentChannelKind;
  address: string;
}

export interface ConsultationFeedback {
  commentsReceived: number;
  commentsAdopted: number;
  summary: string;
}

/** Stored fields of a public consultation 征求意见 on a draft (the draft's title is the envelope's). */
export interface ConsultationFields {
  commentWindow: { opensAt: Date; closesAt: Date };
  channels: CommentChannel[];
  feedback: ConsultationFeedback | null;
  finalDocumentIndexNumber: string | null;
}

export type StoredConsultation = StoredRecord<ConsultationFields>;

/** Where a consultation stands at `now`: not yet open, taking comments, or closed. */
export function consultationStatus(window: ConsultationFields['commentWindow'], now: Date): ConsultationStatus {
  if (now < window.opensAt) return 'UPCOMING';
  return now <= window.closesAt ? 'OPEN' : 'CLOSED';
}

const instant = z.iso
  .datetime({ offset: true, error: 'must be an RFC 3339 date-time with an offset, e.g. 2024-03-01T09:00:00+08:00' })
  .transform((v) => new Date(v));

export const consultation = defineRecordType({
  type: 'Consultation',
  domain: 'DOCUMENTS',
  subgraph: 'documents',
  collection: 'consultations',
  listField: 'consultations',
  singleField: 'consultation',
  description:
    'A public consultation 公开征求意见 on a draft (国办发〔2018〕37号): its comment window, the ways to comment, how the comments were taken up 意见采纳情况 and the final document.',
  fields: {
    commentWindow: { type: 'CommentWindow!', fields: { opensAt: 'DateTime!', closesAt: 'DateTime!' } },
    channels: { type: '[CommentChannel!]!', fields: { kind: 'CommentChannelKind!', address: 'String!' } },
    windowStatus: 'ConsultationStatus!',
    feedback: { type: 'ConsultationFeedback', fields: { commentsReceived: 'Int!', commentsAdopted: 'Int!', summary: 'String!' } },
    finalDocumentIndexNumber: 'String',
  },
  input: z
    .object({
      commentWindow: z.object({ opensAt: instant, closesAt: instant }).strict(),
      channels: z
        .array(z.object({ kind: z.enum(['EMAIL', 'POST', 'ONLINE_FORM', 'PHONE', 'MEETING']), address: text(300) }).strict())
        .min(1, { error: 'give at least one way to comment' })
        .max(10, { error: 'at most 10 ways to comment' }),
      windowStatus: z
        .enum(['UPCOMING', 'OPEN', 'CLOSED'])
        .optional()
        .refine((v) => v === undefined, { error: 'is computed from commentWindow and the time of asking; leave it out', params: { rule: 'derived' } }),
      feedback: z
        .object({ commentsReceived: count, commentsAdopted: count, summary: text(2000) })
        .strict()
        .nullish()
        .transform((v) => v ?? null),
      finalDocumentIndexNumber: optionalIndexNumber,
    })
    .strict()
    .transform(({ windowStatus: _computed, ...sent }, context): ConsultationFields => {
      const { commentWindow, feedback } = sent;
      const broken = reportBreaches(context, [
        commentWindow.closesAt < commentWindow.opensAt && [
          'commentWindow.closesAt',
          'date-order',
          `must not be before opensAt (${commentWindow.opensAt.toISOString()})`,
        ],
        feedback !== null &&
          feedback.commentsAdopted > feedback.commentsReceived && [
            'feedback.commentsAdopted',
            'adopted-within-received',
            `cannot exceed the ${feedback.commentsReceived} comments received; got ${feedback.commentsAdopted}`,
          ],
      ]);
      if (broken) return z.NEVER;
      return sent;
    }),
  filter: {
    fields: { closesFrom: 'Date', closesTo: 'Date' },
    where: (input: ConsultationFilter) => {
      const closesFrom = day(input.closesFrom);
      const closesTo = day(input.closesTo);
      return allOf({
        'commentWindow.closesAt': range('filter.closesFrom', closesFrom && startOfShanghaiDay(closesFrom), closesTo && endOfShanghaiDay(closesTo), true),
      });
    },
  },
  indexes: [{ key: { 'commentWindow.closesAt': -1 }, name: 'closes' }],
  resolvers: {
    windowStatus: (record: StoredConsultation) => consultationStatus(record.commentWindow, new Date()),
  },
});
