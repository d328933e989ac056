import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, oneOf, range } from '../../../storage/filters';
import type { SchoolFilter, SchoolLevel, SchoolOwnership } from '../../../subgraphs/education/generated/types';
import { defineRecordType } from '../record-type';
import { count, text } from '../rules';
import { schoolLevel } from './school-level';

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

export type StoredSchool = StoredRecord<SchoolFields>;

export const school = defineRecordType({
  type: 'School',
  domain: 'EDUCATION',
  subgraph: 'education',
  collection: 'schools',
  listField: 'schools',
  singleField: 'school',
  description: 'A school 学校.',
  fields: {
    schoolName: 'String!',
    schoolCode: 'String',
    level: 'SchoolLevel!',
    ownership: 'SchoolOwnership!',
    address: 'String!',
    studentCapacity: 'Int!',
    enrolledStudents: 'Int!',
    teacherCount: 'Int!',
    foundedYear: 'Int!',
  },
  input: z
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
  filter: {
    fields: {
      levels: '[SchoolLevel!]',
      ownerships: '[SchoolOwnership!]',
      minStudentCapacity: 'Int',
      schoolName: 'String',
    },
    where: (input: SchoolFilter) =>
      allOf({
        level: oneOf(input.levels),
        ownership: oneOf(input.ownerships),
        studentCapacity: range('filter.minStudentCapacity', input.minStudentCapacity, undefined),
        schoolName: input.schoolName ?? undefined,
      }),
  },
  indexes: [{ key: { schoolName: 1, publishedAt: -1, _id: -1 }, name: 'school_name' }],
  resolvers: {},
});
