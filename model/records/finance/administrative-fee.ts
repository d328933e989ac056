import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, oneOf } from '../../../storage/filters';
import type { AdministrativeFeeFilter, AdministrativeFeeKind, FeeListing } from '../../../subgraphs/finance/generated/types';
import { defineRecordType } from '../record-type';
import { derived, optionalText, optionalYuan, reportBreaches, text, year, yuan } from '../rules';

/**
 * Stored fields of an administrative or public-institution fee 行政事业性收费 as its collecting unit
 * publishes it: the item, its basis and standard, and what was collected in a year, in integer fen.
 */
export interface AdministrativeFeeFields {
  feeItem: string;
  collectingUnit: string;
  basisDocument: string;
  approvingAuthority: string;
  standard: string;
  standardAmountFen: number | null;
  unit: string | null;
  kind: AdministrativeFeeKind;
  listedIn: FeeListing;
  fiscalYear: number;
  collectedAmountFen: number;
}

export type StoredAdministrativeFee = StoredRecord<AdministrativeFeeFields>;

const FEN_PER_TEN_THOUSAND_YUAN = 1_000_000;

/** Integer fen as an exact decimal of 万元 (ten thousand yuan), six decimals: 123456789 fen → "123.456789". */
function fenToTenThousandYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / FEN_PER_TEN_THOUSAND_YUAN)}.${String(abs % FEN_PER_TEN_THOUSAND_YUAN).padStart(6, '0')}`;
}

export const administrativeFee = defineRecordType({
  type: 'AdministrativeFee',
  domain: 'FINANCE',
  subgraph: 'finance',
  collection: 'administrativeFees',
  listField: 'administrativeFees',
  singleField: 'administrativeFee',
  description:
    'An administrative or public-institution fee 行政事业性收费: item, basis, standard and the amount collected in a year (《行政事业性收费标准管理办法》发改价格规〔2018〕988号; 全国性及中央部门和单位行政事业性收费目录清单).',
  fields: {
    feeItem: 'String!',
    collectingUnit: 'String!',
    basisDocument: 'String!',
    approvingAuthority: 'String!',
    standard: 'String!',
    standardAmount: 'Money',
    unit: 'String',
    kind: 'AdministrativeFeeKind!',
    listedIn: 'FeeListing!',
    fiscalYear: 'Int!',
    collectedAmount: 'Money!',
    collectedTenThousandYuan: 'String!',
  },
  input: z
    .object({
      feeItem: text(200),
      collectingUnit: text(200),
      basisDocument: text(300),
      approvingAuthority: text(200),
      standard: text(500),
      standardAmount: optionalYuan,
      unit: optionalText(50),
      kind: z.enum(['ADMINISTRATIVE', 'PUBLIC_INSTITUTION']),
      listedIn: z.enum(['NATIONAL', 'PROVINCIAL', 'UNLISTED']),
      fiscalYear: year,
      collectedAmount: yuan,
      collectedTenThousandYuan: derived('collectedAmount'),
    })
    .strict()
    .transform(({ standardAmount, collectedAmount, collectedTenThousandYuan: _derived, ...rest }, context): AdministrativeFeeFields => {
      // An exact amount is a price per something (每件, 每平方米): the two are published together.
      const broken = reportBreaches(context, [
        (standardAmount === null) !== (rest.unit === null) && [
          standardAmount === null ? 'standardAmount' : 'unit',
          'amount-unit-pair',
          'an exact standard is an amount per unit: give standardAmount and unit together, or neither',
        ],
      ]);
      if (broken) return z.NEVER;
      return { ...rest, standardAmountFen: standardAmount, collectedAmountFen: collectedAmount };
    }),
  filter: {
    fields: {
      kinds: '[AdministrativeFeeKind!]',
      listedIn: '[FeeListing!]',
      fiscalYear: 'Int',
      collectingUnit: 'String',
      feeItem: 'String',
    },
    where: (input: AdministrativeFeeFilter) =>
      allOf({
        kind: oneOf(input.kinds),
        listedIn: oneOf(input.listedIn),
        fiscalYear: input.fiscalYear ?? undefined,
        collectingUnit: input.collectingUnit ?? undefined,
        feeItem: input.feeItem ?? undefined,
      }),
  },
  indexes: [
    { key: { collectingUnit: 1, publishedAt: -1, _id: -1 }, name: 'collecting_unit' },
    { key: { feeItem: 1, publishedAt: -1, _id: -1 }, name: 'fee_item' },
    { key: { fiscalYear: -1, publishedAt: -1, _id: -1 }, name: 'fiscal_year' },
    { key: { listedIn: 1, publishedAt: -1, _id: -1 }, name: 'listed_in' },
  ],
  resolvers: {
    collectedTenThousandYuan: (record: StoredAdministrativeFee) => fenToTenThousandYuan(record.collectedAmountFen),
  },
});
