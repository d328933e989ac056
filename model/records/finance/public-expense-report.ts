import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { money } from '../../scalars';
import { allOf, range } from '../../../storage/filters';
import type { PublicExpenseReportFilter } from '../../../subgraphs/finance/generated/types';
import { defineRecordType } from '../record-type';
import { derived, optionalYuan, text, year, yuan } from '../rules';

/** A budgeted and an actual amount of one expense, in fen. */
export interface BudgetAndActualFen {
  budgetFen: number;
  actualFen: number;
}

/** The three public expenses 三公经费 as a report states them, before the totals are derived. */
export interface PublicExpenseItems {
  fiscalYear: number;
  reportingUnit: string;
  travelAbroad: BudgetAndActualFen;
  vehiclePurchase: BudgetAndActualFen;
  vehicleRunning: BudgetAndActualFen;
  officialReception: BudgetAndActualFen;
  previousYearActualFen: number | null;
}

/**
 * Stored fields of a three-public-expenses report: the items plus their totals and whether the
 * total actual is above the total budget, kept so the filters can query them (the engine has no
 * `$expr`). Build them with `publicExpenseReportFields`, never by hand.
 */
export interface PublicExpenseReportFields extends PublicExpenseItems {
  totalBudgetFen: number;
  totalActualFen: number;
  overspent: boolean;
}

export type StoredPublicExpenseReport = StoredRecord<PublicExpenseReportFields>;

export function publicExpenseReportFields(items: PublicExpenseItems): PublicExpenseReportFields {
  const parts = [items.travelAbroad, items.vehiclePurchase, items.vehicleRunning, items.officialReception];
  const totalBudgetFen = parts.reduce((sum, part) => sum + part.budgetFen, 0);
  const totalActualFen = parts.reduce((sum, part) => sum + part.actualFen, 0);
  return { ...items, totalBudgetFen, totalActualFen, overspent: totalActualFen > totalBudgetFen };
}

/** A budgeted and an actual amount of one expense, in yuan (GraphQL `PublicExpenseAmounts`). */
const budgetAndActual = z
  .object({ budget: yuan, actual: yuan })
  .strict()
  .transform(({ budget, actual }): BudgetAndActualFen => ({ budgetFen: budget, actualFen: actual }));

const amounts = ({ budgetFen, actualFen }: BudgetAndActualFen) => ({ budget: money(budgetFen), actual: money(actualFen) });

const AMOUNTS = { type: 'PublicExpenseAmounts!', fields: { budget: 'Money!', actual: 'Money!' } } as const;

/**
 * Totals the catalogue derives (the totals, the vehicle subtotal and the overspent flag) are
 * computed from the items, never taken from the publisher.
 */
export const publicExpenseReport = defineRecordType({
  type: 'PublicExpenseReport',
  domain: 'FINANCE',
  subgraph: 'finance',
  collection: 'publicExpenseReports',
  listField: 'publicExpenseReports',
  singleField: 'publicExpenseReport',
  description: 'The “three public expenses” 三公经费 of an agency for a year, budget and actual.',
  fields: {
    fiscalYear: 'Int!',
    reportingUnit: 'String!',
    travelAbroad: AMOUNTS,
    officialVehicles: {
      type: 'OfficialVehicleExpense!',
      fields: { budget: 'Money!', actual: 'Money!', purchase: AMOUNTS, running: AMOUNTS },
    },
    officialReception: AMOUNTS,
    total: AMOUNTS,
    overspent: 'Boolean!',
    previousYearActual: 'Money',
    changeFromPreviousYear: 'Money',
  },
  input: z
    .object({
      fiscalYear: year,
      reportingUnit: text(200),
      travelAbroad: budgetAndActual,
      officialVehicles: z
        .object({
          purchase: budgetAndActual,
          running: budgetAndActual,
          budget: derived('purchase and running'),
          actual: derived('purchase and running'),
        })
        .strict(),
      officialReception: budgetAndActual,
      previousYearActual: optionalYuan,
      total: derived('the three items'),
      overspent: derived('the total actual and the total budget'),
      changeFromPreviousYear: derived('the total actual and previousYearActual'),
    })
    .strict()
    .transform(
      ({ fiscalYear, reportingUnit, travelAbroad, officialVehicles, officialReception, previousYearActual }): PublicExpenseReportFields =>
        publicExpenseReportFields({
          fiscalYear,
          reportingUnit,
          travelAbroad,
          vehiclePurchase: officialVehicles.purchase,
          vehicleRunning: officialVehicles.running,
          officialReception,
          previousYearActualFen: previousYearActual,
        }),
    ),
  filter: {
    fields: {
      fiscalYearFrom: 'Int',
      fiscalYearTo: 'Int',
      minTotalActual: 'YuanAmount',
      overspent: 'Boolean',
    },
    where: (input: PublicExpenseReportFilter) =>
      allOf({
        fiscalYear: range('filter.fiscalYearFrom', input.fiscalYearFrom, input.fiscalYearTo),
        totalActualFen: range('filter.minTotalActual', input.minTotalActual, undefined),
        overspent: input.overspent ?? undefined,
      }),
  },
  indexes: [
    { key: { fiscalYear: -1, publishedAt: -1, _id: -1 }, name: 'fiscal_year' },
    { key: { totalActualFen: -1 }, name: 'total_actual' },
  ],
  resolvers: {
    travelAbroad: (record: StoredPublicExpenseReport) => amounts(record.travelAbroad),
    officialVehicles: ({ vehiclePurchase, vehicleRunning }: StoredPublicExpenseReport) => ({
      ...amounts({
        budgetFen: vehiclePurchase.budgetFen + vehicleRunning.budgetFen,
        actualFen: vehiclePurchase.actualFen + vehicleRunning.actualFen,
      }),
      purchase: amounts(vehiclePurchase),
      running: amounts(vehicleRunning),
    }),
    officialReception: (record: StoredPublicExpenseReport) => amounts(record.officialReception),
    total: (record: StoredPublicExpenseReport) => amounts({ budgetFen: record.totalBudgetFen, actualFen: record.totalActualFen }),
    changeFromPreviousYear: (record: StoredPublicExpenseReport) =>
      record.previousYearActualFen === null ? null : money(record.totalActualFen - record.previousYearActualFen),
  },
  toPublic: ({ totalBudget: _budget, totalActual: _actual, overspent: _overspent, vehiclePurchase, vehicleRunning, ...rest }) => ({
    ...rest,
    officialVehicles: { purchase: vehiclePurchase, running: vehicleRunning },
  }),
});
