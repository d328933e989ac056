import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { fenToYuan } from '../../scalars';
import { allOf, day, oneOf, range } from '../../../storage/filters';
import type { MiningRight, MiningRightTransferFilter, MiningRightTransferMethod } from '../../../subgraphs/land/generated/types';
import { defineRecordType } from '../record-type';
import { calendarDay, optionalText, positiveQuantity, reportBreaches, text, yuan } from '../rules';

/**
 * Stored fields of a mining-right transfer 矿业权出让 as its result notice 出让结果公示 states it;
 * money in integer fen, the deal date as `YYYY-MM-DD`.
 */
export interface MiningRightTransferFields {
  projectName: string;
  right: MiningRight;
  mineral: string;
  location: string;
  areaSquareKilometres: number;
  method: MiningRightTransferMethod;
  termYears: number;
  startingPriceFen: number;
  finalPriceFen: number;
  winningParty: string;
  licenceNumber: string | null;
  transferredOn: string;
}

export type StoredMiningRightTransfer = StoredRecord<MiningRightTransferFields>;

/** The longest term of each right: an exploration licence runs 5 years a term, a mining licence up to 30 (矿产资源法实施细则). */
const LONGEST_TERM: Record<MiningRight, number> = { EXPLORATION: 5, MINING: 30 };
/** Exploration licence numbers 勘查许可证号 start with T, mining licence numbers 采矿许可证号 with C. */
const LICENCE_PREFIX: Record<MiningRight, string> = { EXPLORATION: 'T', MINING: 'C' };
/** Methods that set the price by competing bids: the deal cannot be below the starting price. */
const COMPETITIVE: readonly MiningRightTransferMethod[] = ['AUCTION', 'LISTING'];

export const miningRightTransfer = defineRecordType({
  type: 'MiningRightTransfer',
  domain: 'LAND',
  subgraph: 'land',
  collection: 'miningRightTransfers',
  listField: 'miningRightTransfers',
  singleField: 'miningRightTransfer',
  description: 'Transfer of a mining right 矿业权出让: an exploration right 探矿权 or a mining right 采矿权.',
  fields: {
    projectName: 'String!',
    right: 'MiningRight!',
    mineral: 'String!',
    location: 'String!',
    areaSquareKilometres: 'Float!',
    method: 'MiningRightTransferMethod!',
    termYears: 'Int!',
    startingPrice: 'Money!',
    finalPrice: 'Money!',
    winningParty: 'String!',
    licenceNumber: 'String',
    transferredOn: 'Date!',
  },
  input: z
    .object({
      projectName: text(300),
      right: z.enum(['EXPLORATION', 'MINING']),
      mineral: text(50),
      location: text(300),
      areaSquareKilometres: positiveQuantity,
      method: z.enum(['TENDER', 'AUCTION', 'LISTING', 'AGREEMENT', 'FIRST_COME_APPLICATION']),
      termYears: z.number().int({ error: 'must be a whole number' }).min(1, { error: 'at least 1 year' }).max(30, { error: 'at most 30 years' }),
      startingPrice: yuan,
      finalPrice: yuan,
      winningParty: text(200),
      licenceNumber: optionalText(50),
      transferredOn: calendarDay,
    })
    .strict()
    .transform(({ startingPrice, finalPrice, ...rest }, context): MiningRightTransferFields => {
      const prefix = LICENCE_PREFIX[rest.right];
      const broken = reportBreaches(context, [
        COMPETITIVE.includes(rest.method) &&
          finalPrice < startingPrice && [
            'finalPrice',
            'not-below-starting',
            `a right sold by ${rest.method} goes for at least its starting price (${fenToYuan(startingPrice)}); got ${fenToYuan(finalPrice)}`,
          ],
        rest.termYears > LONGEST_TERM[rest.right] && [
          'termYears',
          'term-limit',
          `an ${rest.right} right is granted for at most ${LONGEST_TERM[rest.right]} years; got ${rest.termYears}`,
        ],
        rest.method === 'FIRST_COME_APPLICATION' &&
          rest.right !== 'EXPLORATION' && ['method', 'first-come-exploration', 'only exploration rights are granted to the first applicant 申请在先'],
        rest.licenceNumber !== null &&
          !rest.licenceNumber.startsWith(prefix) && [
            'licenceNumber',
            'licence-prefix',
            `the licence of an ${rest.right} right is numbered ${prefix}… (${rest.right === 'EXPLORATION' ? '勘查许可证号' : '采矿许可证号'})`,
          ],
      ]);
      if (broken) return z.NEVER;
      return { ...rest, startingPriceFen: startingPrice, finalPriceFen: finalPrice };
    }),
  filter: {
    fields: {
      minerals: '[String!]',
      rights: '[MiningRight!]',
      methods: '[MiningRightTransferMethod!]',
      minFinalPrice: 'YuanAmount',
      maxFinalPrice: 'YuanAmount',
      transferredFrom: 'Date',
      transferredTo: 'Date',
    },
    where: (input: MiningRightTransferFilter) =>
      allOf({
        mineral: oneOf(input.minerals),
        right: oneOf(input.rights),
        method: oneOf(input.methods),
        finalPriceFen: range('filter.minFinalPrice', input.minFinalPrice, input.maxFinalPrice),
        transferredOn: range('filter.transferredFrom', day(input.transferredFrom), day(input.transferredTo)),
      }),
  },
  indexes: [
    { key: { mineral: 1, publishedAt: -1, _id: -1 }, name: 'mineral' },
    { key: { finalPriceFen: -1 }, name: 'final_price' },
  ],
  resolvers: {},
});
