import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { fenToYuan } from '../../scalars';
import { endOfShanghaiDay, shanghaiDate, startOfShanghaiDay } from '../../time';
import { allOf, day, oneOf, range } from '../../../storage/filters';
import type { AccidentGrade, AccidentIndustry, SafetyAccidentFilter } from '../../../subgraphs/safety/generated/types';
import { defineRecordType } from '../record-type';
import { count, derived, reportBreaches, text, yuan } from '../rules';

const FEN_PER_TEN_THOUSAND_YUAN = 10_000 * 100;

/**
 * The lower bounds of each grade above ORDINARY in Decree 493 (国务院令第493号, article 3), highest
 * grade first. "以上" includes the bound and "以下" excludes it, so each bound is inclusive.
 */
const GRADE_THRESHOLDS: ReadonlyArray<{ grade: AccidentGrade; deaths: number; seriousInjuries: number; lossFen: number }> = [
  { grade: 'ESPECIALLY_MAJOR', deaths: 30, seriousInjuries: 100, lossFen: 10_000 * FEN_PER_TEN_THOUSAND_YUAN },
  { grade: 'MAJOR', deaths: 10, seriousInjuries: 50, lossFen: 5_000 * FEN_PER_TEN_THOUSAND_YUAN },
  { grade: 'LARGER', deaths: 3, seriousInjuries: 10, lossFen: 1_000 * FEN_PER_TEN_THOUSAND_YUAN },
];

/** The grade of an accident under Decree 493: the highest grade any one of its figures reaches. */
export function accidentGrade(deaths: number, seriousInjuries: number, lossFen: number): AccidentGrade {
  const reached = GRADE_THRESHOLDS.find(
    (threshold) => deaths >= threshold.deaths || seriousInjuries >= threshold.seriousInjuries || lossFen >= threshold.lossFen,
  );
  return reached?.grade ?? 'ORDINARY';
}

/** Stored fields of a production-safety accident 生产安全事故; money in integer fen. */
export interface SafetyAccidentFields {
  /** The accident's day in Asia/Shanghai is derived from this instant, never stored beside it. */
  occurredAt: Date;
  place: string;
  industry: AccidentIndustry;
  deaths: number;
  seriousInjuries: number;
  injuries: number;
  directEconomicLossFen: number;
  grade: AccidentGrade;
  company: string;
  investigationReportUrl: string | null;
  causeSummary: string;
}

export type StoredSafetyAccident = StoredRecord<SafetyAccidentFields>;

/**
 * An accident's grade is derived from its figures by Decree 493; a grade the publisher states must
 * agree with them.
 */
export const safetyAccident = defineRecordType({
  type: 'SafetyAccident',
  domain: 'SAFETY',
  subgraph: 'safety',
  collection: 'safetyAccidents',
  listField: 'safetyAccidents',
  singleField: 'safetyAccident',
  description: 'A production-safety accident 生产安全事故.',
  fields: {
    occurredAt: 'DateTime!',
    occurredOn: 'Date!',
    place: 'String!',
    industry: 'AccidentIndustry!',
    deaths: 'Int!',
    seriousInjuries: 'Int!',
    injuries: 'Int!',
    directEconomicLoss: 'Money!',
    grade: 'AccidentGrade!',
    company: 'String!',
    investigationReportUrl: 'URL',
    causeSummary: 'String!',
  },
  input: z
    .object({
      occurredAt: z.iso
        .datetime({ offset: true, error: 'must be an RFC 3339 date-time with an offset, e.g. 2016-03-12T14:30:00+08:00' })
        .transform((v) => new Date(v)),
      occurredOn: derived('occurredAt'),
      place: text(300),
      industry: z.enum(['MINING', 'CONSTRUCTION', 'ROAD_TRANSPORT', 'HAZARDOUS_CHEMICALS', 'FIREWORKS', 'MANUFACTURING', 'FIRE', 'OTHER']),
      deaths: count,
      seriousInjuries: count,
      injuries: count,
      directEconomicLoss: yuan,
      grade: z.enum(['ORDINARY', 'LARGER', 'MAJOR', 'ESPECIALLY_MAJOR']).optional(),
      company: text(200),
      investigationReportUrl: z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
        .nullish()
        .transform((v) => v ?? null),
      causeSummary: text(2000),
    })
    .strict()
    .transform(({ occurredOn: _computed, directEconomicLoss, grade: stated, ...rest }, context): SafetyAccidentFields => {
      const grade = accidentGrade(rest.deaths, rest.seriousInjuries, directEconomicLoss);
      const broken = reportBreaches(context, [
        rest.injuries < rest.seriousInjuries && [
          'injuries',
          'includes-serious',
          `counts every person injured, the ${rest.seriousInjuries} serious injuries included; got ${rest.injuries}`,
        ],
        stated !== undefined &&
          stated !== grade && [
            'grade',
            'grade-rule',
            `Decree 493 grades ${rest.deaths} deaths, ${rest.seriousInjuries} serious injuries and ${fenToYuan(directEconomicLoss)} yuan direct loss as ${grade}, not ${stated}; leave grade out to have it derived`,
          ],
      ]);
      if (broken) return z.NEVER;
      return { ...rest, directEconomicLossFen: directEconomicLoss, grade };
    }),
  filter: {
    fields: {
      grades: '[AccidentGrade!]',
      industries: '[AccidentIndustry!]',
      minDeaths: 'Int',
      maxDeaths: 'Int',
      occurredFrom: 'Date',
      occurredTo: 'Date',
      minDirectEconomicLoss: 'YuanAmount',
    },
    where: (input: SafetyAccidentFilter) => {
      const occurredFrom = day(input.occurredFrom);
      const occurredTo = day(input.occurredTo);
      return allOf({
        grade: oneOf(input.grades),
        industry: oneOf(input.industries),
        deaths: range('filter.minDeaths', input.minDeaths, input.maxDeaths),
        occurredAt: range(
          'filter.occurredFrom',
          occurredFrom && startOfShanghaiDay(occurredFrom),
          occurredTo && endOfShanghaiDay(occurredTo),
          true,
        ),
        directEconomicLossFen: range('filter.minDirectEconomicLoss', input.minDirectEconomicLoss, undefined),
      });
    },
  },
  indexes: [
    { key: { grade: 1, occurredAt: -1 }, name: 'grade_occurred' },
    { key: { occurredAt: -1 }, name: 'occurred' },
  ],
  resolvers: {
    occurredOn: (record: StoredSafetyAccident) => shanghaiDate(record.occurredAt),
  },
});
