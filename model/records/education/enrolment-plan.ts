import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, range } from '../../../storage/filters';
import type { EnrolmentPlanFilter } from '../../../subgraphs/education/generated/types';
import { defineRecordType } from '../record-type';
import { count, reportBreaches, text, year, yuan } from '../rules';

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

export type StoredEnrolmentPlan = StoredRecord<EnrolmentPlanFields>;

const optionalCount = count.nullish().transform((v) => v ?? null);

export const enrolmentPlan = defineRecordType({
  type: 'EnrolmentPlan',
  domain: 'EDUCATION',
  subgraph: 'education',
  collection: 'enrolmentPlans',
  listField: 'enrolmentPlans',
  singleField: 'enrolmentPlan',
  description: 'An enrolment plan and result 招生计划与结果, with student aid.',
  fields: {
    schoolName: 'String!',
    schoolYear: 'Int!',
    plannedEnrolment: 'Int!',
    actualEnrolment: 'Int',
    admissionScoreLine: 'Int',
    studentAidRecipients: 'Int!',
    studentAidTotal: 'Money!',
  },
  input: z
    .object({
      schoolName: text(200),
      schoolYear: year,
      plannedEnrolment: count,
      actualEnrolment: optionalCount,
      admissionScoreLine: optionalCount,
      studentAidRecipients: count,
      studentAidTotal: yuan,
    })
    .strict()
    .transform(({ studentAidTotal, ...rest }, context): EnrolmentPlanFields => {
      const broken = reportBreaches(context, [
        rest.admissionScoreLine !== null &&
          rest.actualEnrolment === null && [
            'admissionScoreLine',
            'needs-results',
            'an admission score line is a result: publish it with actualEnrolment',
          ],
        (rest.studentAidRecipients === 0) !== (studentAidTotal === 0) && [
          'studentAidTotal',
          'aid-pair',
          rest.studentAidRecipients === 0
            ? 'aid was paid but studentAidRecipients is 0'
            : `${rest.studentAidRecipients} students received aid but studentAidTotal is 0`,
        ],
      ]);
      if (broken) return z.NEVER;
      return { ...rest, studentAidTotalFen: studentAidTotal };
    }),
  filter: {
    fields: {
      schoolYearFrom: 'Int',
      schoolYearTo: 'Int',
      minPlannedEnrolment: 'Int',
      hasResults: 'Boolean',
    },
    where: (input: EnrolmentPlanFilter) =>
      allOf({
        schoolYear: range('filter.schoolYearFrom', input.schoolYearFrom, input.schoolYearTo),
        plannedEnrolment: range('filter.minPlannedEnrolment', input.minPlannedEnrolment, undefined),
        actualEnrolment: input.hasResults === true ? { $ne: null } : input.hasResults === false ? { $eq: null } : undefined,
      }),
  },
  indexes: [{ key: { schoolYear: -1, publishedAt: -1, _id: -1 }, name: 'school_year' }],
  resolvers: {},
});
