import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, day, oneOf, range } from '../../../storage/filters';
import type { AdministrativePenaltyFilter, PenaltyKind } from '../../../subgraphs/safety/generated/types';
import { defineRecordType } from '../record-type';
import { calendarDay, optionalCreditCode, optionalYuan, reportBreaches, text } from '../rules';

/** Stored fields of an administrative penalty 行政处罚; the fine in integer fen, dates as `YYYY-MM-DD`. */
export interface AdministrativePenaltyFields {
  caseNumber: string;
  party: string;
  partyCreditCode: string | null;
  violation: string;
  legalBasis: string;
  penaltyKinds: PenaltyKind[];
  fineAmountFen: number | null;
  decidedOn: string;
}

export type StoredAdministrativePenalty = StoredRecord<AdministrativePenaltyFields>;

export const administrativePenalty = defineRecordType({
  type: 'AdministrativePenalty',
  domain: 'SAFETY',
  subgraph: 'safety',
  collection: 'administrativePenalties',
  listField: 'administrativePenalties',
  singleField: 'administrativePenalty',
  description: 'An administrative penalty 行政处罚 in safety supervision.',
  fields: {
    caseNumber: 'String!',
    party: 'String!',
    partyCreditCode: 'String',
    violation: 'String!',
    legalBasis: 'String!',
    penaltyKinds: '[PenaltyKind!]!',
    fineAmount: 'Money',
    decidedOn: 'Date!',
  },
  personNames: { party: 'party' },
  input: z
    .object({
      caseNumber: text(100),
      party: text(200),
      partyCreditCode: optionalCreditCode,
      violation: text(2000),
      legalBasis: text(1000),
      penaltyKinds: z.array(z.enum(['WARNING', 'FINE', 'CONFISCATION', 'SUSPENSION', 'LICENCE_REVOCATION'])).min(1, { error: 'at least one kind of penalty' }),
      fineAmount: optionalYuan,
      decidedOn: calendarDay,
    })
    .strict()
    .transform(({ fineAmount, ...rest }, context): AdministrativePenaltyFields => {
      const fined = rest.penaltyKinds.includes('FINE');
      const duplicate = rest.penaltyKinds.find((kind, i) => rest.penaltyKinds.indexOf(kind) !== i);
      const broken = reportBreaches(context, [
        duplicate !== undefined && ['penaltyKinds', 'unique', `${duplicate} is listed more than once`],
        fined && !fineAmount && ['fineAmount', 'fine-kind', 'a decision imposing a FINE states the fine, above zero'],
        !fined && fineAmount !== null && ['fineAmount', 'fine-kind', 'a fine amount needs FINE among penaltyKinds'],
      ]);
      if (broken) return z.NEVER;
      return { ...rest, fineAmountFen: fineAmount };
    }),
  filter: {
    fields: {
      party: 'String',
      penaltyKinds: '[PenaltyKind!]',
      minFineAmount: 'YuanAmount',
      maxFineAmount: 'YuanAmount',
      decidedFrom: 'Date',
      decidedTo: 'Date',
    },
    where: (input: AdministrativePenaltyFilter) =>
      allOf({
        party: input.party ?? undefined,
        // On an array field `$in` matches a decision imposing any of the kinds.
        penaltyKinds: oneOf(input.penaltyKinds),
        fineAmountFen: range('filter.minFineAmount', input.minFineAmount, input.maxFineAmount),
        decidedOn: range('filter.decidedFrom', day(input.decidedFrom), day(input.decidedTo)),
      }),
  },
  indexes: [
    { key: { party: 1, publishedAt: -1, _id: -1 }, name: 'party' },
    { key: { fineAmountFen: -1 }, name: 'fine_amount' },
  ],
  resolvers: {},
});
