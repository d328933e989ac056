import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, day, oneOf, range } from '../../../storage/filters';
import type { AdministrativeCoercionFilter, CoercionKind, PartyKind } from '../../../subgraphs/enforcement/generated/types';
import { defineRecordType } from '../record-type';
import { calendarDay, optionalCalendarDay, optionalCreditCode, optionalYuan, reportBreaches, text } from '../rules';
import { creditCodeBreach, partyKind, partyName } from './party';

/** Stored fields of an administrative coercion 行政强制; the amount in integer fen, dates as `YYYY-MM-DD`. */
export interface AdministrativeCoercionFields {
  decisionNumber: string;
  kind: CoercionKind;
  party: string;
  partyKind: PartyKind;
  partyCreditCode: string | null;
  object: string;
  legalBasis: string;
  amountFen: number | null;
  startedOn: string;
  endsOn: string | null;
  extended: boolean;
  releasedOn: string | null;
}

export type StoredAdministrativeCoercion = StoredRecord<AdministrativeCoercionFields>;

/** Coercive measures 行政强制措施 (行政强制法 art. 9); the other kinds are enforcement 行政强制执行 (art. 12). */
const MEASURES: readonly CoercionKind[] = ['SEALING', 'SEIZURE', 'FREEZING', 'OTHER_MEASURE'];
/**
 * Measures the law limits in time: sealing and seizure last at most 30 days (art. 25), a freeze until
 * a decision due within 30 days (art. 32); either may be extended once, by at most 30 days more.
 */
const TIME_LIMITED: readonly CoercionKind[] = ['SEALING', 'SEIZURE', 'FREEZING'];
const LIMIT_DAYS = 30;
const EXTENSION_DAYS = 30;
/** Kinds that act on a sum of money, which the decision states: a freeze, a transfer of deposits. */
const ON_FUNDS: readonly CoercionKind[] = ['FREEZING', 'TRANSFER_OF_FUNDS'];

const DAY_MS = 24 * 60 * 60 * 1000;
const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

export const administrativeCoercion = defineRecordType({
  type: 'AdministrativeCoercion',
  domain: 'ENFORCEMENT',
  subgraph: 'enforcement',
  collection: 'administrativeCoercions',
  listField: 'administrativeCoercions',
  singleField: 'administrativeCoercion',
  description:
    'An administrative coercion 行政强制 in any sector under the Administrative Coercion Law (行政强制法): a coercive measure 行政强制措施 (art. 9: sealing, seizure, freezing, within the time limits of arts. 25 and 32) or an enforcement 行政强制执行 (art. 12).',
  fields: {
    decisionNumber: 'String!',
    kind: 'CoercionKind!',
    party: 'String!',
    partyKind: 'PartyKind!',
    partyCreditCode: 'String',
    object: 'String!',
    legalBasis: 'String!',
    amount: 'Money',
    startedOn: 'Date!',
    endsOn: 'Date',
    extended: 'Boolean!',
    releasedOn: 'Date',
  },
  personNames: { party: partyName('partyKind') },
  input: z
    .object({
      decisionNumber: text(100),
      kind: z.enum(['SEALING', 'SEIZURE', 'FREEZING', 'OTHER_MEASURE', 'FINE_FOR_DELAY', 'TRANSFER_OF_FUNDS', 'AUCTION', 'REMOVAL', 'PERFORMANCE_BY_PROXY', 'OTHER_ENFORCEMENT']),
      party: text(200),
      partyKind,
      partyCreditCode: optionalCreditCode,
      object: text(1000),
      legalBasis: text(1000),
      amount: optionalYuan,
      startedOn: calendarDay,
      endsOn: optionalCalendarDay,
      extended: z.boolean().default(false),
      releasedOn: optionalCalendarDay,
    })
    .strict()
    .transform(({ amount, ...rest }, context): AdministrativeCoercionFields => {
      const limited = TIME_LIMITED.includes(rest.kind);
      const longest = LIMIT_DAYS + (rest.extended ? EXTENSION_DAYS : 0);
      const broken = reportBreaches(context, [
        limited && rest.endsOn === null && ['endsOn', 'period-required', `a ${rest.kind} states the day it ends (at most ${LIMIT_DAYS} days, 行政强制法 arts. 25 and 32)`],
        rest.endsOn !== null && rest.endsOn < rest.startedOn && ['endsOn', 'date-order', `must not be before startedOn (${rest.startedOn})`],
        limited &&
          rest.endsOn !== null &&
          daysBetween(rest.startedOn, rest.endsOn) > longest && [
            'endsOn',
            'period-limit',
            rest.extended
              ? `a ${rest.kind} lasts at most ${LIMIT_DAYS} days and one extension of at most ${EXTENSION_DAYS}: ${longest} days from ${rest.startedOn}`
              : `a ${rest.kind} lasts at most ${LIMIT_DAYS} days from ${rest.startedOn}; longer needs an approved extension (extended)`,
          ],
        rest.extended && !limited && ['extended', 'extension-kind', 'only sealing, seizure and freezing are extended (行政强制法 arts. 25 and 32)'],
        rest.releasedOn !== null && !MEASURES.includes(rest.kind) && ['releasedOn', 'release-kind', 'a coercive measure is released 解除; an enforcement is not'],
        rest.releasedOn !== null && rest.releasedOn < rest.startedOn && ['releasedOn', 'date-order', `must not be before startedOn (${rest.startedOn})`],
        rest.releasedOn !== null &&
          rest.endsOn !== null &&
          rest.releasedOn > rest.endsOn && ['releasedOn', 'release-in-period', `a measure is released by the day it ends (${rest.endsOn}), not after`],
        ON_FUNDS.includes(rest.kind) && !amount && ['amount', 'amount-required', `a ${rest.kind} states the sum of deposits or remittances it acts on, above zero`],
        creditCodeBreach(rest.partyKind, rest.partyCreditCode, 'partyCreditCode'),
      ]);
      if (broken) return z.NEVER;
      return { ...rest, amountFen: amount };
    }),
  filter: {
    fields: {
      kinds: '[CoercionKind!]',
      party: 'String',
      partyCreditCode: 'String',
      startedFrom: 'Date',
      startedTo: 'Date',
    },
    where: (input: AdministrativeCoercionFilter) =>
      allOf({
        kind: oneOf(input.kinds),
        party: input.party ?? undefined,
        partyCreditCode: input.partyCreditCode ?? undefined,
        startedOn: range('filter.startedFrom', day(input.startedFrom), day(input.startedTo)),
      }),
  },
  indexes: [
    { key: { party: 1, publishedAt: -1, _id: -1 }, name: 'party' },
    { key: { partyCreditCode: 1, publishedAt: -1, _id: -1 }, name: 'party_credit_code' },
  ],
  resolvers: {},
});
