import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, day, oneOf, range } from '../../../storage/filters';
import type { AdministrativePenaltyFilter, PartyKind, PenaltyKind, PenaltySector } from '../../../subgraphs/enforcement/generated/types';
import { defineRecordType } from '../record-type';
import { calendarDay, optionalCreditCode, optionalYuan, reportBreaches, text } from '../rules';
import { creditCodeBreach, partyKind, partyName } from './party';

/** Stored fields of an administrative penalty 行政处罚; the fine in integer fen, dates as `YYYY-MM-DD`. */
export interface AdministrativePenaltyFields {
  caseNumber: string;
  sector: PenaltySector;
  party: string;
  partyKind: PartyKind;
  partyCreditCode: string | null;
  violation: string;
  legalBasis: string;
  penaltyKinds: PenaltyKind[];
  fineAmountFen: number | null;
  decidedOn: string;
}

export type StoredAdministrativePenalty = StoredRecord<AdministrativePenaltyFields>;

/** Sectors whose organs may restrict personal freedom (行政处罚法 art. 18): the police, and others a law names. */
const DETAINING_SECTORS: readonly PenaltySector[] = ['PUBLIC_SECURITY', 'OTHER'];

export const administrativePenalty = defineRecordType({
  type: 'AdministrativePenalty',
  domain: 'ENFORCEMENT',
  subgraph: 'enforcement',
  collection: 'administrativePenalties',
  listField: 'administrativePenalties',
  singleField: 'administrativePenalty',
  description:
    'An administrative penalty decision 行政处罚决定 in any sector, the penalty half of the 双公示: kinds of penalty as the Administrative Penalty Law (行政处罚法, 2021 revision, art. 9) lists them, published under the 国家发展改革委 credit-information standard within 7 working days of the decision.',
  fields: {
    caseNumber: 'String!',
    sector: 'PenaltySector!',
    party: 'String!',
    partyKind: 'PartyKind!',
    partyCreditCode: 'String',
    violation: 'String!',
    legalBasis: 'String!',
    penaltyKinds: '[PenaltyKind!]!',
    fineAmount: 'Money',
    decidedOn: 'Date!',
  },
  personNames: { party: partyName('partyKind') },
  input: z
    .object({
      caseNumber: text(100),
      sector: z.enum(['WORK_SAFETY', 'MARKET_REGULATION', 'ENVIRONMENT', 'TRANSPORT', 'NATURAL_RESOURCES', 'HOUSING_CONSTRUCTION', 'TAXATION', 'PUBLIC_SECURITY', 'OTHER']),
      party: text(200),
      partyKind,
      partyCreditCode: optionalCreditCode,
      violation: text(2000),
      legalBasis: text(1000),
      penaltyKinds: z
        .array(
          z.enum([
            'WARNING',
            'PUBLIC_CRITICISM',
            'FINE',
            'CONFISCATION',
            'LICENCE_REVOCATION',
            'QUALIFICATION_DOWNGRADE',
            'BUSINESS_RESTRICTION',
            'SUSPENSION',
            'CLOSURE',
            'EMPLOYMENT_RESTRICTION',
            'DETENTION',
            'OTHER',
          ]),
        )
        .min(1, { error: 'at least one kind of penalty' }),
      fineAmount: optionalYuan,
      decidedOn: calendarDay,
    })
    .strict()
    .transform(({ fineAmount, ...rest }, context): AdministrativePenaltyFields => {
      const fined = rest.penaltyKinds.includes('FINE');
      const detained = rest.penaltyKinds.includes('DETENTION');
      const duplicate = rest.penaltyKinds.find((kind, i) => rest.penaltyKinds.indexOf(kind) !== i);
      const broken = reportBreaches(context, [
        duplicate !== undefined && ['penaltyKinds', 'unique', `${duplicate} is listed more than once`],
        fined && !fineAmount && ['fineAmount', 'fine-kind', 'a decision imposing a FINE states the fine, above zero'],
        !fined && fineAmount !== null && ['fineAmount', 'fine-kind', 'a fine amount needs FINE among penaltyKinds'],
        detained && rest.partyKind !== 'NATURAL_PERSON' && ['penaltyKinds', 'detention-person', 'DETENTION 行政拘留 is imposed on a natural person only'],
        detained &&
          !DETAINING_SECTORS.includes(rest.sector) && [
            'sector',
            'detention-authority',
            `DETENTION 行政拘留 is decided by the police (PUBLIC_SECURITY) or an organ a law names (OTHER), not in ${rest.sector} (行政处罚法 art. 18)`,
          ],
        creditCodeBreach(rest.partyKind, rest.partyCreditCode, 'partyCreditCode'),
      ]);
      if (broken) return z.NEVER;
      return { ...rest, fineAmountFen: fineAmount };
    }),
  filter: {
    fields: {
      sectors: '[PenaltySector!]',
      party: 'String',
      partyCreditCode: 'String',
      penaltyKinds: '[PenaltyKind!]',
      minFineAmount: 'YuanAmount',
      maxFineAmount: 'YuanAmount',
      decidedFrom: 'Date',
      decidedTo: 'Date',
    },
    where: (input: AdministrativePenaltyFilter) =>
      allOf({
        sector: oneOf(input.sectors),
        party: input.party ?? undefined,
        partyCreditCode: input.partyCreditCode ?? undefined,
        // On an array field `$in` matches a decision imposing any of the kinds.
        penaltyKinds: oneOf(input.penaltyKinds),
        fineAmountFen: range('filter.minFineAmount', input.minFineAmount, input.maxFineAmount),
        decidedOn: range('filter.decidedFrom', day(input.decidedFrom), day(input.decidedTo)),
      }),
  },
  indexes: [
    { key: { party: 1, publishedAt: -1, _id: -1 }, name: 'party' },
    { key: { partyCreditCode: 1, publishedAt: -1, _id: -1 }, name: 'party_credit_code' },
    { key: { fineAmountFen: -1 }, name: 'fine_amount' },
  ],
  resolvers: {},
});
