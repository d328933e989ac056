import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { fenToYuan } from '../../scalars';
import { allOf, day, oneOf, range } from '../../../storage/filters';
import type { ProcurementAwardFilter, ProcurementMethod } from '../../../subgraphs/finance/generated/types';
import { defineRecordType } from '../record-type';
import { calendarDay, optionalCreditCode, reportBreaches, text, yuan } from '../rules';

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

export type StoredProcurementAward = StoredRecord<ProcurementAwardFields>;

export const procurementAward = defineRecordType({
  type: 'ProcurementAward',
  domain: 'FINANCE',
  subgraph: 'finance',
  collection: 'procurementAwards',
  listField: 'procurementAwards',
  singleField: 'procurementAward',
  description: 'A government procurement award 政府采购中标/成交结果 (OCDS-shaped).',
  fields: {
    projectName: 'String!',
    projectNumber: 'String!',
    method: 'ProcurementMethod!',
    budget: 'Money!',
    supplier: { type: 'ProcurementSupplier!', fields: { name: 'String!', creditCode: 'String' } },
    awardAmount: 'Money!',
    awardDate: 'Date!',
    procuringEntity: 'String!',
    itemsDescription: 'String!',
  },
  personNames: { 'supplier.name': 'party' },
  input: z
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
      awardDate: calendarDay,
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
  filter: {
    fields: {
      methods: '[ProcurementMethod!]',
      supplierName: 'String',
      minAwardAmount: 'YuanAmount',
      maxAwardAmount: 'YuanAmount',
      awardDateFrom: 'Date',
      awardDateTo: 'Date',
    },
    where: (input: ProcurementAwardFilter) =>
      allOf({
        method: oneOf(input.methods),
        supplierName: input.supplierName ?? undefined,
        awardAmountFen: range('filter.minAwardAmount', input.minAwardAmount, input.maxAwardAmount),
        awardDate: range('filter.awardDateFrom', day(input.awardDateFrom), day(input.awardDateTo)),
      }),
  },
  indexes: [
    { key: { supplierName: 1, publishedAt: -1, _id: -1 }, name: 'supplier' },
    { key: { awardAmountFen: -1 }, name: 'award_amount' },
    { key: { awardDate: -1 }, name: 'award_date' },
  ],
  resolvers: {
    supplier: (record: StoredProcurementAward) => ({ name: record.supplierName, creditCode: record.supplierCreditCode }),
  },
  toPublic: ({ supplierName, supplierCreditCode, ...rest }) => ({ ...rest, supplier: { name: supplierName, creditCode: supplierCreditCode } }),
});
