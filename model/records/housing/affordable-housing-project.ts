import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, oneOf, range } from '../../../storage/filters';
import type { AffordableHousingProjectFilter, HousingType } from '../../../subgraphs/housing/generated/types';
import { defineRecordType } from '../record-type';
import { count, derived, reportBreaches, text, year, yuan } from '../rules';

/** Stored fields of an affordable housing project 保障性住房项目; money in integer fen. */
export interface AffordableHousingProjectFields {
  projectName: string;
  housingType: HousingType;
  location: string;
  /** The plan year; the envelope's `year` is the publication year. */
  planYear: number;
  unitsPlanned: number;
  unitsStarted: number;
  unitsCompleted: number;
  investmentFen: number;
  implementingBody: string;
}

export type StoredAffordableHousingProject = StoredRecord<AffordableHousingProjectFields>;

export const affordableHousingProject = defineRecordType({
  type: 'AffordableHousingProject',
  domain: 'HOUSING',
  subgraph: 'housing',
  collection: 'affordableHousingProjects',
  listField: 'affordableHousingProjects',
  singleField: 'affordableHousingProject',
  description: 'An affordable housing project 保障性住房项目.',
  fields: {
    projectName: 'String!',
    housingType: 'HousingType!',
    location: 'String!',
    planYear: 'Int!',
    unitsPlanned: 'Int!',
    unitsStarted: 'Int!',
    unitsCompleted: 'Int!',
    completionRate: 'Float',
    investment: 'Money!',
    implementingBody: 'String!',
  },
  input: z
    .object({
      projectName: text(300),
      housingType: z.enum(['PUBLIC_RENTAL', 'LOW_RENT', 'ECONOMY', 'SHANTY_TOWN_RENOVATION', 'SUBSIDISED_RENTAL']),
      location: text(300),
      planYear: year,
      unitsPlanned: count,
      unitsStarted: count,
      unitsCompleted: count,
      completionRate: derived('unitsCompleted and unitsPlanned'),
      investment: yuan,
      implementingBody: text(200),
    })
    .strict()
    .transform(({ investment, completionRate: _computed, ...rest }, context): AffordableHousingProjectFields => {
      const broken = reportBreaches(context, [
        rest.unitsCompleted > rest.unitsStarted && [
          'unitsCompleted',
          'within-started',
          `a project cannot complete more units than it started (${rest.unitsStarted}); got ${rest.unitsCompleted}`,
        ],
      ]);
      if (broken) return z.NEVER;
      return { ...rest, investmentFen: investment };
    }),
  filter: {
    fields: {
      housingTypes: '[HousingType!]',
      planYearFrom: 'Int',
      planYearTo: 'Int',
      minUnitsPlanned: 'Int',
      minInvestment: 'YuanAmount',
    },
    where: (input: AffordableHousingProjectFilter) =>
      allOf({
        housingType: oneOf(input.housingTypes),
        planYear: range('filter.planYearFrom', input.planYearFrom, input.planYearTo),
        unitsPlanned: range('filter.minUnitsPlanned', input.minUnitsPlanned, undefined),
        investmentFen: range('filter.minInvestment', input.minInvestment, undefined),
      }),
  },
  indexes: [{ key: { housingType: 1, planYear: -1 }, name: 'housing_type_plan_year' }],
  resolvers: {
    /** Units completed over units planned, to four decimals; null when no units are planned. */
    completionRate: (project: StoredAffordableHousingProject) =>
      project.unitsPlanned === 0 ? null : Math.round((project.unitsCompleted / project.unitsPlanned) * 10_000) / 10_000,
  },
});
