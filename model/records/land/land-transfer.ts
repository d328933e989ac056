import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, day, oneOf, range } from '../../../storage/filters';
import type { LandTransferFilter, LandUse, TransferMethod } from '../../../subgraphs/land/generated/types';
import { defineRecordType } from '../record-type';
import { calendarDay, positiveQuantity, text, yuan } from '../rules';

/** Stored fields of a transfer of a state-owned land-use right 国有土地使用权出让; money in integer fen. */
export interface LandTransferFields {
  parcelNumber: string;
  location: string;
  areaSquareMetres: number;
  use: LandUse;
  termYears: number;
  method: TransferMethod;
  floorAreaRatio: number;
  startingPriceFen: number;
  finalPriceFen: number;
  winningParty: string;
  /** `YYYY-MM-DD`. */
  transferredOn: string;
}

export type StoredLandTransfer = StoredRecord<LandTransferFields>;

export const landTransfer = defineRecordType({
  type: 'LandTransfer',
  domain: 'LAND',
  subgraph: 'land',
  collection: 'landTransfers',
  listField: 'landTransfers',
  singleField: 'landTransfer',
  description: 'Transfer of a state-owned land-use right 国有土地使用权出让.',
  fields: {
    parcelNumber: 'String!',
    location: 'String!',
    areaSquareMetres: 'Float!',
    use: 'LandUse!',
    termYears: 'Int!',
    method: 'TransferMethod!',
    floorAreaRatio: 'Float!',
    startingPrice: 'Money!',
    finalPrice: 'Money!',
    winningParty: 'String!',
    transferredOn: 'Date!',
  },
  personNames: { winningParty: 'party' },
  input: z
    .object({
      parcelNumber: text(100),
      location: text(300),
      areaSquareMetres: positiveQuantity,
      use: z.enum(['RESIDENTIAL', 'COMMERCIAL', 'INDUSTRIAL', 'MIXED', 'PUBLIC_SERVICE', 'STORAGE']),
      termYears: z.number().int({ error: 'must be a whole number' }).min(1).max(70, { error: 'at most 70 years' }),
      method: z.enum(['TENDER', 'AUCTION', 'LISTING', 'AGREEMENT']),
      floorAreaRatio: z.number().min(0, { error: 'must not be negative' }).max(50),
      startingPrice: yuan,
      finalPrice: yuan,
      winningParty: text(200),
      transferredOn: calendarDay,
    })
    .strict()
    .transform(({ startingPrice, finalPrice, ...rest }): LandTransferFields => ({
      ...rest,
      startingPriceFen: startingPrice,
      finalPriceFen: finalPrice,
    })),
  filter: {
    fields: {
      uses: '[LandUse!]',
      methods: '[TransferMethod!]',
      minFinalPrice: 'YuanAmount',
      maxFinalPrice: 'YuanAmount',
      minAreaSquareMetres: 'Float',
      maxAreaSquareMetres: 'Float',
      winningParty: 'String',
      transferredFrom: 'Date',
      transferredTo: 'Date',
    },
    where: (input: LandTransferFilter) =>
      allOf({
        use: oneOf(input.uses),
        method: oneOf(input.methods),
        finalPriceFen: range('filter.minFinalPrice', input.minFinalPrice, input.maxFinalPrice),
        areaSquareMetres: range('filter.minAreaSquareMetres', input.minAreaSquareMetres, input.maxAreaSquareMetres),
        winningParty: input.winningParty ?? undefined,
        transferredOn: range('filter.transferredFrom', day(input.transferredFrom), day(input.transferredTo)),
      }),
  },
  indexes: [
    { key: { finalPriceFen: -1 }, name: 'final_price' },
    { key: { winningParty: 1, publishedAt: -1, _id: -1 }, name: 'winning_party' },
  ],
  resolvers: {},
});
