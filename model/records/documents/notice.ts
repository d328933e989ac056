import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, oneOf } from '../../../storage/filters';
import type { NoticeFilter, NoticeKind } from '../../../subgraphs/documents/generated/types';
import { defineRecordType } from '../record-type';
import { calendarDay, reportBreaches } from '../rules';

/** The days a public notice 公示 runs, both included. */
export interface NoticePeriod {
  startsOn: string;
  endsOn: string;
}

/** Stored fields of a notice or announcement 通知公告; days as `YYYY-MM-DD`. */
export interface NoticeFields {
  kind: NoticeKind;
  noticePeriod: NoticePeriod | null;
}

export type StoredNotice = StoredRecord<NoticeFields>;

export const notice = defineRecordType({
  type: 'Notice',
  domain: 'DOCUMENTS',
  subgraph: 'documents',
  collection: 'notices',
  listField: 'notices',
  singleField: 'notice',
  description: 'A notice or announcement 通知公告: an announcement 公告, a notice 通知, a public notice 公示 with its period, or a published result 结果公布.',
  fields: {
    kind: 'NoticeKind!',
    noticePeriod: { type: 'NoticePeriod', fields: { startsOn: 'Date!', endsOn: 'Date!' } },
  },
  input: z
    .object({
      kind: z.enum(['ANNOUNCEMENT', 'NOTICE', 'PUBLIC_NOTICE', 'RESULT']),
      noticePeriod: z
        .object({ startsOn: calendarDay, endsOn: calendarDay })
        .strict()
        .nullish()
        .transform((v) => v ?? null),
    })
    .strict()
    .transform((sent, context): NoticeFields => {
      const period = sent.noticePeriod;
      const broken = reportBreaches(context, [
        sent.kind === 'PUBLIC_NOTICE' && period === null && ['noticePeriod', 'notice-period', 'a PUBLIC_NOTICE 公示 states the days it runs'],
        period !== null && period.endsOn < period.startsOn && ['noticePeriod.endsOn', 'date-order', `must not be before startsOn (${period.startsOn})`],
      ]);
      if (broken) return z.NEVER;
      return sent;
    }),
  filter: {
    fields: { kinds: '[NoticeKind!]' },
    where: (input: NoticeFilter) => allOf({ kind: oneOf(input.kinds) }),
  },
  indexes: [{ key: { kind: 1, publishedAt: -1, _id: -1 }, name: 'kind' }],
  resolvers: {},
});
