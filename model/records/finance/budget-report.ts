import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { fenToYuan, money } from '../../scalars';
import { allOf, oneOf, range } from '../../../storage/filters';
import type { BudgetReportFilter, BudgetReportKind, BudgetScope } from '../../../subgraphs/finance/generated/types';
import { defineRecordType } from '../record-type';
import { reportBreaches, text, year, yuan } from '../rules';

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

export type StoredBudgetReport = StoredRecord<BudgetReportFields>;

/** One class of the functional classification 支出功能分类: expenditure classes are 2xx (201 一般公共服务 … 232). */
const functionalExpenditure = z
  .object({
    functionCode: z.string().trim().regex(/^2\d{2}$/, { error: 'must be a 3-digit expenditure class code 类级科目编码 such as 205' }),
    functionClass: text(50),
    amount: yuan,
  })
  .strict()
  .transform(({ amount, ...rest }): StoredFunctionalExpenditure => ({ ...rest, amountFen: amount }));

const sumFen = (amounts: number[]) => amounts.reduce((sum, fen) => sum + fen, 0);

export const budgetReport = defineRecordType({
  type: 'BudgetReport',
  domain: 'FINANCE',
  subgraph: 'finance',
  collection: 'budgetReports',
  listField: 'budgetReports',
  singleField: 'budgetReport',
  description: 'A budget or final account 预算/决算 of a government or department.',
  fields: {
    kind: 'BudgetReportKind!',
    scope: 'BudgetScope!',
    budgetUnit: 'String!',
    fiscalYear: 'Int!',
    totalRevenue: 'Money!',
    totalExpenditure: 'Money!',
    basicExpenditure: 'Money!',
    projectExpenditure: 'Money!',
    expenditureByFunction: {
      type: '[FunctionalExpenditure!]!',
      fields: { functionCode: 'String!', functionClass: 'String!', amount: 'Money!' },
    },
  },
  input: z
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
  filter: {
    fields: {
      kinds: '[BudgetReportKind!]',
      scopes: '[BudgetScope!]',
      fiscalYearFrom: 'Int',
      fiscalYearTo: 'Int',
      minTotalExpenditure: 'YuanAmount',
      maxTotalExpenditure: 'YuanAmount',
    },
    where: (input: BudgetReportFilter) =>
      allOf({
        kind: oneOf(input.kinds),
        scope: oneOf(input.scopes),
        fiscalYear: range('filter.fiscalYearFrom', input.fiscalYearFrom, input.fiscalYearTo),
        totalExpenditureFen: range('filter.minTotalExpenditure', input.minTotalExpenditure, input.maxTotalExpenditure),
      }),
  },
  indexes: [
    { key: { fiscalYear: -1, publishedAt: -1, _id: -1 }, name: 'fiscal_year' },
    { key: { totalExpenditureFen: -1 }, name: 'total_expenditure' },
  ],
  resolvers: {
    expenditureByFunction: (record: StoredBudgetReport) =>
      record.expenditureByFunction.map(({ functionCode, functionClass, amountFen }) => ({
        functionCode,
        functionClass,
        amount: money(amountFen),
      })),
  },
});
