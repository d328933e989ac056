import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { isMaskedName } from '../../deidentify';
import { fenToYuan, money } from '../../scalars';
import { allOf, oneOf } from '../../../storage/filters';
import type { StudentAidFilter, StudentAidProgramme } from '../../../subgraphs/education/generated/types';
import { defineRecordType } from '../record-type';
import { count, optionalText, reportBreaches, text, year, yuan, type Breach } from '../rules';

/** One student aided, as stored: the name masked (张*明), no ID number. */
export interface StoredStudentAidRecipient {
  name: string;
  gradeClass: string;
  amountFen: number;
}

/**
 * Stored fields of a student-aid allocation 学生资助 (a grant 助学金 or scholarship 奖学金 of one school
 * for one school year, `schoolYear` 2024 being 2024–2025); money in integer fen. `recipients` is the
 * published list 公示名单, or null where only the totals are published.
 */
export interface StudentAidFields {
  programme: StudentAidProgramme;
  schoolName: string;
  schoolIndexNumber: string | null;
  schoolYear: number;
  standardPerStudentFen: number;
  recipientCount: number;
  totalAmountFen: number;
  recipients: StoredStudentAidRecipient[] | null;
}

export type StoredStudentAid = StoredRecord<StudentAidFields>;

/**
 * The most one student may get a year where a national standard fixes it, in fen, by the school
 * year from which it applies: 《学生资助资金管理办法》(财教〔2021〕310号) sets the national scholarship
 * 国家奖学金 at 8,000 yuan and the national encouragement scholarship 国家励志奖学金 at 5,000; from the
 * autumn term of 2024 the Ministry of Finance and the Ministry of Education raised them to 10,000 and
 * 6,000. Grants 助学金 vary by region and grade, so they have no cap here.
 */
const CAPS: Partial<Record<StudentAidProgramme, ReadonlyArray<{ from: number; fen: number }>>> = {
  NATIONAL_SCHOLARSHIP: [
    { from: 2024, fen: 10_000_00 },
    { from: 0, fen: 8_000_00 },
  ],
  NATIONAL_ENCOURAGEMENT: [
    { from: 2024, fen: 6_000_00 },
    { from: 0, fen: 5_000_00 },
  ],
};

/** The per-student cap of a programme in a school year, in fen; null where no national standard fixes one. */
export function studentAidCap(programme: StudentAidProgramme, schoolYear: number): number | null {
  return CAPS[programme]?.find((cap) => schoolYear >= cap.from)?.fen ?? null;
}

const recipient = z
  .object({ name: text(50), gradeClass: text(100), amount: yuan })
  .strict()
  .transform(({ amount, ...rest }): StoredStudentAidRecipient => ({ ...rest, amountFen: amount }));

export const studentAid = defineRecordType({
  type: 'StudentAid',
  domain: 'EDUCATION',
  subgraph: 'education',
  collection: 'studentAids',
  listField: 'studentAids',
  singleField: 'studentAid',
  description:
    'A student-aid allocation 助学金/奖学金 of a school for a school year, recipients de-identified (《学生资助资金管理办法》财教〔2021〕310号).',
  fields: {
    programme: 'StudentAidProgramme!',
    schoolName: 'String!',
    schoolIndexNumber: 'String',
    schoolYear: 'Int!',
    standardPerStudent: 'Money!',
    recipientCount: 'Int!',
    totalAmount: 'Money!',
    recipients: { type: '[StudentAidRecipient!]', fields: { name: 'String!', gradeClass: 'String!', amount: 'Money!' } },
  },
  personNames: { 'recipients.name': 'person' },
  input: z
    .object({
      programme: z.enum(['NATIONAL_GRANT', 'NATIONAL_SCHOLARSHIP', 'NATIONAL_ENCOURAGEMENT', 'LOCAL_GRANT', 'OTHER']),
      schoolName: text(200),
      schoolIndexNumber: optionalText(64),
      schoolYear: year,
      standardPerStudent: yuan,
      recipientCount: count,
      totalAmount: yuan,
      recipients: z
        .array(recipient)
        .max(5000, { error: 'at most 5000 recipients a record' })
        .nullish()
        .transform((v) => v ?? null),
    })
    .strict()
    .transform(({ standardPerStudent, totalAmount, ...rest }, context): StudentAidFields => {
      const cap = studentAidCap(rest.programme, rest.schoolYear);
      const listed = rest.recipients?.reduce((total, r) => total + r.amountFen, 0) ?? null;
      const overCap = (field: string, fen: number): Breach | false =>
        cap !== null &&
        fen > cap && [field, 'programme-cap', `${rest.programme} is at most ${fenToYuan(cap)} yuan a student in ${rest.schoolYear}; got ${fenToYuan(fen)}`];
      const broken = reportBreaches(context, [
        overCap('standardPerStudent', standardPerStudent),
        ...(rest.recipients ?? []).map((r, i) => overCap(`recipients.${i}.amount`, r.amountFen)),
        ...(rest.recipients ?? []).map(
          (r, i): Breach | false => !isMaskedName(r.name) && [`recipients.${i}.name`, 'masked-name', 'a student’s name is stored masked, like 张*明'],
        ),
        cap !== null &&
          rest.recipients === null &&
          totalAmount > cap * rest.recipientCount && [
            'totalAmount',
            'programme-cap',
            `${rest.recipientCount} students of ${rest.programme} get at most ${fenToYuan(cap * rest.recipientCount)} in ${rest.schoolYear}; got ${fenToYuan(totalAmount)}`,
          ],
        listed !== null &&
          listed !== totalAmount && [
            'totalAmount',
            'total-matches-recipients',
            `the total is the sum of the recipients listed (${fenToYuan(listed)}); got ${fenToYuan(totalAmount)}`,
          ],
        rest.recipients !== null &&
          rest.recipients.length !== rest.recipientCount && [
            'recipientCount',
            'count-matches-recipients',
            `${rest.recipients.length} recipients are listed; got ${rest.recipientCount}`,
          ],
      ]);
      if (broken) return z.NEVER;
      return { ...rest, standardPerStudentFen: standardPerStudent, totalAmountFen: totalAmount };
    }),
  filter: {
    fields: {
      programmes: '[StudentAidProgramme!]',
      schoolYear: 'Int',
      schoolName: 'String',
    },
    where: (input: StudentAidFilter) =>
      allOf({
        programme: oneOf(input.programmes),
        schoolYear: input.schoolYear ?? undefined,
        schoolName: input.schoolName ?? undefined,
      }),
  },
  indexes: [
    { key: { programme: 1, publishedAt: -1, _id: -1 }, name: 'programme' },
    { key: { schoolYear: -1, publishedAt: -1, _id: -1 }, name: 'school_year' },
    { key: { schoolName: 1, publishedAt: -1, _id: -1 }, name: 'school_name' },
  ],
  resolvers: {
    recipients: (record: StoredStudentAid) => record.recipients?.map(({ amountFen, ...rest }) => ({ ...rest, amount: money(amountFen) })) ?? null,
  },
});
