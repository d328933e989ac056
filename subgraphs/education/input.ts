import { z } from 'zod';
import { count, day, reportBreaches, text, year, yuan, type FieldsSchema } from '../../model/input';
import type { EnrolmentPlanFields, SchoolFeeFields, SchoolFields } from './repository';

const schoolLevel = z.enum(['KINDERGARTEN', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'NINE_YEAR', 'VOCATIONAL', 'SPECIAL']);

const optionalCount = count.nullish().transform((v) => v ?? null);

/** How publishers send education records: GraphQL field names, money in yuan; stored with money in fen. */
export const educationInputs: Record<'School' | 'SchoolFee' | 'EnrolmentPlan', FieldsSchema> = {
  School: z
    .object({
      schoolName: text(200),
      schoolCode: z
        .string()
        .trim()
        .regex(/^\d{10}$/, { error: 'must be the 10-digit national school identification code 学校标识码' })
        .nullish()
        .transform((v) => v ?? null),
      level: schoolLevel,
      ownership: z.enum(['PUBLIC', 'PRIVATE']),
      address: text(300),
      studentCapacity: count,
      enrolledStudents: count,
      teacherCount: count,
      // Some schools go back to academies 书院 of the imperial era.
      foundedYear: z.number().int({ error: 'must be a whole number' }).min(900, { error: 'must be 900 or later' }).max(2100, { error: 'must be 2100 or earlier' }),
    })
    .strict()
    .transform((sent): SchoolFields => sent),
  SchoolFee: z
    .object({
      schoolName: text(200),
      schoolLevel,
      feeItem: text(100),
      amount: yuan,
      unit: z.enum(['PER_TERM', 'PER_YEAR', 'PER_MONTH']),
      basisDocument: text(200),
      approvingAuthority: text(200),
      effectiveFrom: day,
    })
    .strict()
    .transform(({ amount, ...rest }): SchoolFeeFields => ({ ...rest, amountFen: amount })),
  EnrolmentPlan: z
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
};
