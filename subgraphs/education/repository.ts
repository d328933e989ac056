import type { Document, IndexDescription } from 'mongodb';
import { allOf, range, oneOf } from '../../storage/filters';
import { type StoredRecord } from '../../model/envelope';

export type SchoolLevel =
  | 'KINDERGARTEN'
  | 'PRIMARY'
  | 'JUNIOR_SECONDARY'
  | 'SENIOR_SECONDARY'
  | 'NINE_YEAR'
  | 'VOCATIONAL'
  | 'SPECIAL';
export type SchoolOwnership = 'PUBLIC' | 'PRIVATE';
export type SchoolFeeUnit = 'PER_TERM' | 'PER_YEAR' | 'PER_MONTH';

/** Stored fields of a school 学校; head counts are numbers of people. */
export interface SchoolFields {
  schoolName: string;
  /** 10-digit national school identification code 学校标识码, null where the school has none. */
  schoolCode: string | null;
  level: SchoolLevel;
  ownership: SchoolOwnership;
  address: string;
  studentCapacity: number;
  enrolledStudents: number;
  teacherCount: number;
  foundedYear: number;
}

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

/** Stored fields of an enrolment plan 招生计划; the result fields are null until results are published. */
export interface EnrolmentPlanFields {
  schoolName: string;
  schoolYear: number;
  plannedEnrolment: number;
  actualEnrolment: number | null;
  admissionScoreLine: number | null;
  studentAidRecipients: number;
  studentAidTotalFen: number;
}

export type StoredSchool = StoredRecord<SchoolFields>;
export type StoredSchoolFee = StoredRecord<SchoolFeeFields>;
export type StoredEnrolmentPlan = StoredRecord<EnrolmentPlanFields>;


export interface SchoolFilter {
  levels?: SchoolLevel[] | null;
  ownerships?: SchoolOwnership[] | null;
  minStudentCapacity?: number | null;
  schoolName?: string | null;
}

export function schoolFilter(input: SchoolFilter | null | undefined): Document {
  if (!input) return {};
  return allOf({
    level: oneOf(input.levels),
    ownership: oneOf(input.ownerships),
    studentCapacity: range('filter.minStudentCapacity', input.minStudentCapacity, undefined),
    schoolName: input.schoolName ?? undefined,
  });
}

export interface SchoolFeeFilter {
  feeItem?: string | null;
  units?: SchoolFeeUnit[] | null;
  /** In fen: the YuanAmount scalar has already parsed it. */
  minAmount?: number | null;
  maxAmount?: number | null;
  schoolName?: string | null;
}

export function schoolFeeFilter(input: SchoolFeeFilter | null | undefined): Document {
  if (!input) return {};
  return allOf({
    feeItem: input.feeItem ?? undefined,
    unit: oneOf(input.units),
    amountFen: range('filter.minAmount', input.minAmount, input.maxAmount),
    schoolName: input.schoolName ?? undefined,
  });
}

export interface EnrolmentPlanFilter {
  schoolYearFrom?: number | null;
  schoolYearTo?: number | null;
  minPlannedEnrolment?: number | null;
  hasResults?: boolean | null;
}

export function enrolmentPlanFilter(input: EnrolmentPlanFilter | null | undefined): Document {
  if (!input) return {};
  const results = input.hasResults === true ? { $ne: null } : input.hasResults === false ? { $eq: null } : undefined;
  return allOf({
    schoolYear: range('filter.schoolYearFrom', input.schoolYearFrom, input.schoolYearTo),
    plannedEnrolment: range('filter.minPlannedEnrolment', input.minPlannedEnrolment, undefined),
    actualEnrolment: results,
  });
}

export const schoolIndexes: IndexDescription[] = [{ key: { schoolName: 1, publishedAt: -1 }, name: 'school_name' }];

export const schoolFeeIndexes: IndexDescription[] = [
  { key: { schoolName: 1, publishedAt: -1 }, name: 'school_name' },
  { key: { feeItem: 1, amountFen: 1 }, name: 'fee_item_amount' },
];

export const enrolmentPlanIndexes: IndexDescription[] = [{ key: { schoolYear: -1, publishedAt: -1 }, name: 'school_year' }];
