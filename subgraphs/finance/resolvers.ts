import type { DisclosureTypeSpec } from '../kit/domain-subgraph';
import { money } from '../../model/scalars';
import {
  budgetReportFilter,
  budgetReportIndexes,
  procurementAwardFilter,
  procurementAwardIndexes,
  publicExpenseReportFilter,
  publicExpenseReportIndexes,
  type BudgetAndActualFen,
  type BudgetReportFilter,
  type ProcurementAwardFilter,
  type PublicExpenseReportFilter,
  type StoredBudgetReport,
  type StoredProcurementAward,
  type StoredPublicExpenseReport,
} from './repository';

const amounts = ({ budgetFen, actualFen }: BudgetAndActualFen) => ({ budget: money(budgetFen), actual: money(actualFen) });

const budgetReport: DisclosureTypeSpec<StoredBudgetReport, BudgetReportFilter> = {
  type: 'BudgetReport',
  listField: 'budgetReports',
  singleField: 'budgetReport',
  filter: budgetReportFilter,
  indexes: budgetReportIndexes,
  fields: {
    totalRevenue: (record) => money(record.totalRevenueFen),
    totalExpenditure: (record) => money(record.totalExpenditureFen),
    basicExpenditure: (record) => money(record.basicExpenditureFen),
    projectExpenditure: (record) => money(record.projectExpenditureFen),
    expenditureByFunction: (record) =>
      record.expenditureByFunction.map(({ functionCode, functionClass, amountFen }) => ({
        functionCode,
        functionClass,
        amount: money(amountFen),
      })),
  },
};

const publicExpenseReport: DisclosureTypeSpec<StoredPublicExpenseReport, PublicExpenseReportFilter> = {
  type: 'PublicExpenseReport',
  listField: 'publicExpenseReports',
  singleField: 'publicExpenseReport',
  filter: publicExpenseReportFilter,
  indexes: publicExpenseReportIndexes,
  fields: {
    travelAbroad: (record) => amounts(record.travelAbroad),
    officialVehicles: ({ vehiclePurchase, vehicleRunning }) => ({
      ...amounts({
        budgetFen: vehiclePurchase.budgetFen + vehicleRunning.budgetFen,
        actualFen: vehiclePurchase.actualFen + vehicleRunning.actualFen,
      }),
      purchase: amounts(vehiclePurchase),
      running: amounts(vehicleRunning),
    }),
    officialReception: (record) => amounts(record.officialReception),
    total: (record) => amounts({ budgetFen: record.totalBudgetFen, actualFen: record.totalActualFen }),
    previousYearActual: (record) => money(record.previousYearActualFen),
    changeFromPreviousYear: (record) =>
      record.previousYearActualFen === null ? null : money(record.totalActualFen - record.previousYearActualFen),
  },
};

const procurementAward: DisclosureTypeSpec<StoredProcurementAward, ProcurementAwardFilter> = {
  type: 'ProcurementAward',
  listField: 'procurementAwards',
  singleField: 'procurementAward',
  filter: procurementAwardFilter,
  indexes: procurementAwardIndexes,
  fields: {
    budget: (record) => money(record.budgetFen),
    supplier: (record) => ({ name: record.supplierName, creditCode: record.supplierCreditCode }),
    awardAmount: (record) => money(record.awardAmountFen),
  },
};

export const financeTypes = [budgetReport, publicExpenseReport, procurementAward];
