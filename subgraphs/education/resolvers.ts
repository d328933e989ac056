import type { DisclosureTypeSpec } from '../kit/domain-subgraph';
import { money } from '../../model/scalars';
import {
  enrolmentPlanFilter,
  enrolmentPlanIndexes,
  schoolFeeFilter,
  schoolFeeIndexes,
  schoolFilter,
  schoolIndexes,
  type EnrolmentPlanFilter,
  type SchoolFeeFilter,
  type SchoolFilter,
  type StoredEnrolmentPlan,
  type StoredSchool,
  type StoredSchoolFee,
} from './repository';

const school: DisclosureTypeSpec<StoredSchool, SchoolFilter> = {
  type: 'School',
  listField: 'schools',
  singleField: 'school',
  filter: schoolFilter,
  indexes: schoolIndexes,
};

const schoolFee: DisclosureTypeSpec<StoredSchoolFee, SchoolFeeFilter> = {
  type: 'SchoolFee',
  listField: 'schoolFees',
  singleField: 'schoolFee',
  filter: schoolFeeFilter,
  indexes: schoolFeeIndexes,
  fields: {
    amount: (record) => money(record.amountFen),
  },
};

const enrolmentPlan: DisclosureTypeSpec<StoredEnrolmentPlan, EnrolmentPlanFilter> = {
  type: 'EnrolmentPlan',
  listField: 'enrolmentPlans',
  singleField: 'enrolmentPlan',
  filter: enrolmentPlanFilter,
  indexes: enrolmentPlanIndexes,
  fields: {
    studentAidTotal: (record) => money(record.studentAidTotalFen),
  },
};

export const educationTypes = [school, schoolFee, enrolmentPlan];
