import { z } from 'zod';
import {
  derived,
  optionalCreditCode,
  optionalYuan,
  reportBreaches,
  text,
  day,
  year,
  yuan,
  type FieldsSchema,
} from '../../model/input';
import { fenToYuan } from '../../model/scalars';
import {
  publicExpenseReportFields,
  type BudgetReportFields,
  type ProcurementAwardFields,
  type PublicExpenseReportFields,
} from './repository';

/** A budgeted and an actual amount of one expense, in yuan (GraphQL `PublicExpenseAmounts`). */
const budgetAndActual = z
  .object({ budget: yuan, actual: yuan })
  .strict()
  .transform(({ budget, actual }) => ({ budgetFen: budget, actualFen: actual }));

/** One class of the functional classification 支出功能分类: expenditure classes are 2xx (201 一般公共服务 … 232). */
const functionalExpenditure = z
  .object({
    functionCode: z.string().trim().regex(/^2\d{2}$/, { error: 'must be a 3-digit expenditure class code 类级科目编码 such as 205' }),
    functionClass: text(50),
    amount: yuan,
  })
  .strict()
  .transform(({ amount, ...rest }) => ({ ...rest, amountFen: amount }));

const sumFen = (amounts: number[]) => amounts.reduce((sum, fen) => sum + fen, 0);

/**
 * How publishers send finance records: GraphQL field names, money in yuan; stored with money in fen.
 * Totals the catalogue derives (a three-public-expenses report's totals, vehicle subtotal and
 * overspent flag) are computed here from the items, never taken from the publisher.
 */
export const financeInputs: Record<'BudgetReport' | 'PublicExpenseReport' | 'ProcurementAward', FieldsSchema> = {
  BudgetReport: z
    .object({
      kind: z.enum(['BUDGET', 'FINAL_ACCOUNT']),
      scope: z.enum(['GOVERNMENT', 'DEPARTMENT']),
      budgetUnit: text(200),
      fiscalYear: year,
      totalRevenue: yuan,
      totalExpenditure: yuan,
      basicExpenditure: yuan,
      projectExpenditure: yuan,
      expenditureByFunction: z.array(functionalExpenditure).max(40, { error: 'at most 40 functional classes' }),
    })
    .strict()
    .transform((sent, context): BudgetReportFields => {
      const { totalRevenue, totalExpenditure, basicExpenditure, projectExpenditure, ...rest } = sent;
      const codes = sent.expenditureByFunction.map((f) => f.functionCode);
      const duplicate = codes.find((code, i) => codes.indexOf(code) !== i);
      const byFunction = sumFen(sent.expenditureByFunction.map((f) => f.amountFen));
      const broken = reportBreaches(context, [
        basicExpenditure + projectExpenditure !== totalExpenditure && [
          'totalExpenditure',
          'sum',
          `must equal basicExpenditure + projectExpenditure (${fenToYuan(basicExpenditure + projectExpenditure)}); got ${fenToYuan(totalExpenditure)}`,
        ],
        sent.expenditureByFunction.length > 0 &&
          byFunction !== totalExpenditure && [
            'expenditureByFunction',
            'sum',
            `the classes add up to ${fenToYuan(byFunction)}, not totalExpenditure (${fenToYuan(totalExpenditure)})`,
          ],
        duplicate !== undefined && ['expenditureByFunction', 'unique', `functional class ${duplicate} is listed more than once`],
      ]);
      if (broken) return z.NEVER;
      return {
        ...rest,
        totalRevenueFen: totalRevenue,
        totalExpenditureFen: totalExpenditure,
        basicExpenditureFen: basicExpenditure,
        projectExpenditureFen: projectExpenditure,
      };
    }),
  PublicExpenseReport: z
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
  ProcurementAward: z
    .object({
      projectName: text(300),
      projectNumber: text(100),
      method: z.enum([
        'OPEN_TENDER',
        'INVITED_TENDER',
        'COMPETITIVE_NEGOTIATION',
        'COMPETITIVE_CONSULTATION',
        'SINGLE_SOURCE',
        'REQUEST_FOR_QUOTATION',
      ]),
      budget: yuan,
      supplier: z.object({ name: text(200), creditCode: optionalCreditCode }).strict(),
      awardAmount: yuan,
      awardDate: day,
      procuringEntity: text(200),
      itemsDescription: text(1000),
    })
    .strict()
    .transform(({ budget, supplier, awardAmount, ...rest }, context): ProcurementAwardFields => {
      // A bid above the procurement budget is invalid (政府采购货物和服务招标投标管理办法, art. 63).
      const broken = reportBreaches(context, [
        awardAmount > budget && ['awardAmount', 'within-budget', `must not exceed the budget (${fenToYuan(budget)}); got ${fenToYuan(awardAmount)}`],
      ]);
      if (broken) return z.NEVER;
      return {
        ...rest,
        budgetFen: budget,
        supplierName: supplier.name,
        supplierCreditCode: supplier.creditCode,
        awardAmountFen: awardAmount,
      };
    }),
};
