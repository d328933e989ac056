import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, day, range } from '../../../storage/filters';
import type { HouseExpropriationFilter } from '../../../subgraphs/land/generated/types';
import { defineRecordType } from '../record-type';
import { count, calendarDay, positiveQuantity, text, yuan } from '../rules';

/** Stored fields of an expropriation of houses on state-owned land 国有土地上房屋征收; money in integer fen. */
export interface HouseExpropriationFields {
  decisionNumber: string;
  decidedOn: string;
  purpose: string;
  scope: string;
  householdsAffected: number;
  buildingAreaSquareMetres: number;
  compensationPlan: string;
  compensationBudgetFen: number;
}

export type StoredHouseExpropriation = StoredRecord<HouseExpropriationFields>;

export const houseExpropriation = defineRecordType({
  type: 'HouseExpropriation',
  domain: 'LAND',
  subgraph: 'land',
  collection: 'houseExpropriations',
  listField: 'houseExpropriations',
  singleField: 'houseExpropriation',
  description: 'Expropriation of houses on state-owned land and compensation 国有土地上房屋征收与补偿.',
  fields: {
    decisionNumber: 'String!',
    decidedOn: 'Date!',
    purpose: 'String!',
    scope: 'String!',
    householdsAffected: 'Int!',
    buildingAreaSquareMetres: 'Float!',
    compensationPlan: 'String!',
    compensationBudget: 'Money!',
  },
  input: z
    .object({
      decisionNumber: text(100),
      decidedOn: calendarDay,
      purpose: text(300),
      scope: text(500),
      householdsAffected: count,
      buildingAreaSquareMetres: positiveQuantity,
      compensationPlan: text(500),
      compensationBudget: yuan,
    })
    .strict()
    .transform(({ compensationBudget, ...rest }): HouseExpropriationFields => ({ ...rest, compensationBudgetFen: compensationBudget })),
  filter: {
    fields: {
      minHouseholdsAffected: 'Int',
      minCompensationBudget: 'YuanAmount',
      decidedFrom: 'Date',
      decidedTo: 'Date',
    },
    where: (input: HouseExpropriationFilter) =>
      allOf({
        householdsAffected: range('filter.minHouseholdsAffected', input.minHouseholdsAffected, undefined),
        compensationBudgetFen: range('filter.minCompensationBudget', input.minCompensationBudget, undefined),
        decidedOn: range('filter.decidedFrom', day(input.decidedFrom), day(input.decidedTo)),
      }),
  },
  indexes: [],
  resolvers: {},
});
