import type { Document, IndexDescription } from 'mongodb';
import { allOf, range, day, oneOf, type DayInput } from '../../storage/filters';
import { type StoredRecord } from '../../model/envelope';

export type BudgetReportKind = 'BUDGET' | 'FINAL_ACCOUNT';
export type BudgetScope = 'GOVERNMENT' | 'DEPARTMENT';
export type ProcurementMethod =
  | 'OPEN_TENDER'
  | 'INVITED_TENDER'
  | 'COMPETITIVE_NEGOTIATION'
  | 'COMPETITIVE_CONSULTATION'
  | 'SINGLE_SOURCE'
  | 'REQUEST_FOR_QUOTATION';

/** One class of the functional classification 支出功能分类 and the amount under it, in fen. */
export interface StoredFunctionalExpenditure {
  functionCode: string;
  functionClass: string;
  amountFen: number;
}

/** Stored fields of a budget or final account 预算/决算; money in integer fen. */
export interface BudgetReportFields {
  kind: BudgetReportKind;
  scope: BudgetScope;
  budgetUnit: string;
  fiscalYear: number;
  totalRevenueFen: number;
  totalExpenditureFen: number;
  basicExpenditureFen: number;
  projectExpenditureFen: number;
  expenditureByFunction: StoredFunctionalExpenditure[];
}

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

export function publicExpenseReportFields(items: PublicExpenseItems): PublicExpenseReportFields {
  const parts = [items.travelAbroad, items.vehiclePurchase, items.vehicleRunning, items.officialReception];
  const totalBudgetFen = parts.reduce((sum, part) => sum + part.budgetFen, 0);
  const totalActualFen = parts.reduce((sum, part) => sum + part.actualFen, 0);
  return { ...items, totalBudgetFen, totalActualFen, overspent: totalActualFen > totalBudgetFen };
}

/** Stored fields of a procurement award 政府采购结果; money in integer fen, the date as `YYYY-MM-DD`. */
export interface ProcurementAwardFields {
  projectName: string;
  projectNumber: string;
  method: ProcurementMethod;
  budgetFen: number;
  supplierName: string;
  supplierCreditCode: string | null;
  awardAmountFen: number;
  awardDate: string;
  procuringEntity: string;
  itemsDescription: string;
}

export type StoredBudgetReport = StoredRecord<BudgetReportFields>;
export type StoredPublicExpenseReport = StoredRecord<PublicExpenseReportFields>;
export type StoredProcurementAward = StoredRecord<ProcurementAwardFields>;


export interface BudgetReportFilter {
  kinds?: BudgetReportKind[] | null;
  scopes?: BudgetScope[] | null;
  fiscalYearFrom?: number | null;
  fiscalYearTo?: number | null;
  /** In fen: the YuanAmount scalar has already parsed it. */
  minTotalExpenditure?: number | null;
  maxTotalExpenditure?: number | null;
}

export function budgetReportFilter(input: BudgetReportFilter | null | undefined): Document {
  if (!input) return {};
  return allOf({
    kind: oneOf(input.kinds),
    scope: oneOf(input.scopes),
    fiscalYear: range('filter.fiscalYearFrom', input.fiscalYearFrom, input.fiscalYearTo),
    totalExpenditureFen: range('filter.minTotalExpenditure', input.minTotalExpenditure, input.maxTotalExpenditure),
  });
}

export interface PublicExpenseReportFilter {
  fiscalYearFrom?: number | null;
  fiscalYearTo?: number | null;
  /** In fen. */
  minTotalActual?: number | null;
  overspent?: boolean | null;
}

export function publicExpenseReportFilter(input: PublicExpenseReportFilter | null | undefined): Document {
  if (!input) return {};
  return allOf({
    fiscalYear: range('filter.fiscalYearFrom', input.fiscalYearFrom, input.fiscalYearTo),
    totalActualFen: range('filter.minTotalActual', input.minTotalActual, undefined),
    overspent: input.overspent ?? undefined,
  });
}

export interface ProcurementAwardFilter {
  methods?: ProcurementMethod[] | null;
  supplierName?: string | null;
  /** In fen. */
  minAwardAmount?: number | null;
  maxAwardAmount?: number | null;
  awardDateFrom?: DayInput;
  awardDateTo?: DayInput;
}

export function procurementAwardFilter(input: ProcurementAwardFilter | null | undefined): Document {
  if (!input) return {};
  return allOf({
    method: oneOf(input.methods),
    supplierName: input.supplierName ?? undefined,
    awardAmountFen: range('filter.minAwardAmount', input.minAwardAmount, input.maxAwardAmount),
    awardDate: range('filter.awardDateFrom', day(input.awardDateFrom), day(input.awardDateTo)),
  });
}

export const budgetReportIndexes: IndexDescription[] = [
  { key: { fiscalYear: -1, publishedAt: -1 }, name: 'fiscal_year' },
  { key: { totalExpenditureFen: -1 }, name: 'total_expenditure' },
];

export const publicExpenseReportIndexes: IndexDescription[] = [
  { key: { fiscalYear: -1, publishedAt: -1 }, name: 'fiscal_year' },
  { key: { totalActualFen: -1 }, name: 'total_actual' },
];

export const procurementAwardIndexes: IndexDescription[] = [
  { key: { supplierName: 1, publishedAt: -1 }, name: 'supplier' },
  { key: { awardAmountFen: -1 }, name: 'award_amount' },
  { key: { awardDate: -1 }, name: 'award_date' },
];
