import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, oneOf, range } from '../../../storage/filters';
import type { SchoolFeeFilter, SchoolFeeUnit, SchoolLevel } from '../../../subgraphs/education/generated/types';
import { defineRecordType } from '../record-type';
import { calendarDay, text, yuan } from '../rules';
import { schoolLevel } from './school-level';

/** Stored fields of a school fee item 收费项目; the amount in integer fen, dates as `YYYY-MM-DD`. */
export interface SchoolFeeFields {
  schoolName: string;
  schoolLevel: SchoolLevel;
  feeItem: string;
  amountFen: number;
  unit: SchoolFeeUnit;
  basisDocument: string;
  approvingAuthority: string;
  effectiveFrom: string;
}

export type StoredSchoolFee = StoredRecord<SchoolFeeFields>;

export const schoolFee = defineRecordType({
  type: 'SchoolFee',
  domain: 'EDUCATION',
  subgraph: 'education',
  collection: 'schoolFees',
  listField: 'schoolFees',
  singleField: 'schoolFee',
  description: 'A school fee item 教育收费项目, its standard and basis.',
  fields: {
    schoolName: 'String!',
    schoolLevel: 'SchoolLevel!',
    feeItem: 'String!',
    amount: 'Money!',
    unit: 'SchoolFeeUnit!',
    basisDocument: 'String!',
    approvingAuthority: 'String!',
    effectiveFrom: 'Date!',
  },
  input: z
    .object({
      schoolName: text(200),
      schoolLevel,
      feeItem: text(100),
      amount: yuan,
      unit: z.enum(['PER_TERM', 'PER_YEAR', 'PER_MONTH']),
      basisDocument: text(200),
      approvingAuthority: text(200),
      effectiveFrom: calendarDay,
    })
    .strict()
    .transform(({ amount, ...rest }): SchoolFeeFields => ({ ...rest, amountFen: amount })),
  filter: {
    fields: {
      feeItem: 'String',
      units: '[SchoolFeeUnit!]',
      minAmount: 'YuanAmount',
      maxAmount: 'YuanAmount',
      schoolName: 'String',
    },
    where: (input: SchoolFeeFilter) =>
      allOf({
        feeItem: input.feeItem ?? undefined,
        unit: oneOf(input.units),
        amountFen: range('filter.minAmount', input.minAmount, input.maxAmount),
        schoolName: input.schoolName ?? undefined,
      }),
  },
  indexes: [
    { key: { schoolName: 1, publishedAt: -1, _id: -1 }, name: 'school_name' },
    { key: { feeItem: 1, amountFen: 1 }, name: 'fee_item_amount' },
  ],
  resolvers: {},
});
