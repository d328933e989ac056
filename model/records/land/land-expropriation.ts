import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, day, oneOf, range } from '../../../storage/filters';
import type { LandExpropriationFilter, LandType } from '../../../subgraphs/land/generated/types';
import { defineRecordType } from '../record-type';
import { count, calendarDay, positiveQuantity, text, yuan } from '../rules';

/** Stored fields of a land expropriation 征地; money in integer fen, dates as `YYYY-MM-DD`. */
export interface LandExpropriationFields {
  approvalNumber: string;
  approvalAuthority: string;
  approvedOn: string;
  location: string;
  areaSquareMetres: number;
  landType: LandType;
  compensationPerMuFen: number;
  totalCompensationFen: number;
  householdsAffected: number;
  resettlementPlan: string;
}

export type StoredLandExpropriation = StoredRecord<LandExpropriationFields>;

export const landExpropriation = defineRecordType({
  type: 'LandExpropriation',
  domain: 'LAND',
  subgraph: 'land',
  collection: 'landExpropriations',
  listField: 'landExpropriations',
  singleField: 'landExpropriation',
  description: 'Land expropriation 征地: approval, land, compensation and resettlement.',
  fields: {
    approvalNumber: 'String!',
    approvalAuthority: 'String!',
    approvedOn: 'Date!',
    location: 'String!',
    areaSquareMetres: 'Float!',
    landType: 'LandType!',
    compensationPerMu: 'Money!',
    totalCompensation: 'Money!',
    householdsAffected: 'Int!',
    resettlementPlan: 'String!',
  },
  input: z
    .object({
      approvalNumber: text(100),
      approvalAuthority: text(100),
      approvedOn: calendarDay,
      location: text(300),
      areaSquareMetres: positiveQuantity,
      landType: z.enum(['ARABLE', 'GARDEN', 'FOREST', 'GRASSLAND', 'OTHER_AGRICULTURAL', 'CONSTRUCTION', 'UNUSED']),
      compensationPerMu: yuan,
      totalCompensation: yuan,
      householdsAffected: count,
      resettlementPlan: text(500),
    })
    .strict()
    .transform(({ compensationPerMu, totalCompensation, ...rest }): LandExpropriationFields => ({
      ...rest,
      compensationPerMuFen: compensationPerMu,
      totalCompensationFen: totalCompensation,
    })),
  filter: {
    fields: {
      landTypes: '[LandType!]',
      approvalAuthority: 'String',
      minAreaSquareMetres: 'Float',
      maxAreaSquareMetres: 'Float',
      minHouseholdsAffected: 'Int',
      approvedFrom: 'Date',
      approvedTo: 'Date',
    },
    where: (input: LandExpropriationFilter) =>
      allOf({
        landType: oneOf(input.landTypes),
        approvalAuthority: input.approvalAuthority ?? undefined,
        areaSquareMetres: range('filter.minAreaSquareMetres', input.minAreaSquareMetres, input.maxAreaSquareMetres),
        householdsAffected: range('filter.minHouseholdsAffected', input.minHouseholdsAffected, undefined),
        approvedOn: range('filter.approvedFrom', day(input.approvedFrom), day(input.approvedTo)),
      }),
  },
  indexes: [],
  resolvers: {},
});
