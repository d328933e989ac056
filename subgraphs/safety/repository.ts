import type { Document, IndexDescription } from 'mongodb';
import { allOf, range, day, oneOf, type DayInput } from '../../storage/filters';
import { type StoredRecord } from '../../model/envelope';
import { endOfShanghaiDay, startOfShanghaiDay } from '../../model/time';

export type AccidentIndustry =
  | 'MINING'
  | 'CONSTRUCTION'
  | 'ROAD_TRANSPORT'
  | 'HAZARDOUS_CHEMICALS'
  | 'FIREWORKS'
  | 'MANUFACTURING'
  | 'FIRE'
  | 'OTHER';
export type AccidentGrade = 'ORDINARY' | 'LARGER' | 'MAJOR' | 'ESPECIALLY_MAJOR';
export type PenaltyKind = 'WARNING' | 'FINE' | 'CONFISCATION' | 'SUSPENSION' | 'LICENCE_REVOCATION';
export type SamplingCategory = 'FOOD' | 'DRUG' | 'COSMETIC';
export type SamplingOutcome = 'PASSED' | 'FAILED';

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

/** Stored fields of an administrative penalty 行政处罚; the fine in integer fen, dates as `YYYY-MM-DD`. */
export interface AdministrativePenaltyFields {
  caseNumber: string;
  party: string;
  partyCreditCode: string | null;
  violation: string;
  legalBasis: string;
  penaltyKinds: PenaltyKind[];
  fineAmountFen: number | null;
  decidedOn: string;
}

export interface FailedTestItem {
  item: string;
  result: string;
  limit: string;
}

/** Stored fields of a food or drug sampling result 食品药品抽检; dates as `YYYY-MM-DD`. */
export interface FoodDrugSamplingFields {
  productName: string;
  productCategory: SamplingCategory;
  producer: string;
  sampledFrom: string;
  batchNumber: string | null;
  producedOn: string | null;
  specification: string;
  outcome: SamplingOutcome;
  failedItems: FailedTestItem[];
  testingInstitution: string;
  sampledOn: string;
}

export type StoredSafetyAccident = StoredRecord<SafetyAccidentFields>;
export type StoredAdministrativePenalty = StoredRecord<AdministrativePenaltyFields>;
export type StoredFoodDrugSampling = StoredRecord<FoodDrugSamplingFields>;


export interface SafetyAccidentFilter {
  grades?: AccidentGrade[] | null;
  industries?: AccidentIndustry[] | null;
  minDeaths?: number | null;
  maxDeaths?: number | null;
  occurredFrom?: DayInput;
  occurredTo?: DayInput;
  /** In fen: the YuanAmount scalar has already parsed it. */
  minDirectEconomicLoss?: number | null;
}

export function safetyAccidentFilter(input: SafetyAccidentFilter | null | undefined): Document {
  if (!input) return {};
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
}

export interface AdministrativePenaltyFilter {
  party?: string | null;
  penaltyKinds?: PenaltyKind[] | null;
  /** In fen: the YuanAmount scalar has already parsed it. */
  minFineAmount?: number | null;
  maxFineAmount?: number | null;
  decidedFrom?: DayInput;
  decidedTo?: DayInput;
}

export function administrativePenaltyFilter(input: AdministrativePenaltyFilter | null | undefined): Document {
  if (!input) return {};
  return allOf({
    party: input.party ?? undefined,
    // On an array field `$in` matches a decision imposing any of the kinds.
    penaltyKinds: oneOf(input.penaltyKinds),
    fineAmountFen: range('filter.minFineAmount', input.minFineAmount, input.maxFineAmount),
    decidedOn: range('filter.decidedFrom', day(input.decidedFrom), day(input.decidedTo)),
  });
}

export interface FoodDrugSamplingFilter {
  outcomes?: SamplingOutcome[] | null;
  productCategories?: SamplingCategory[] | null;
  producer?: string | null;
  sampledOnFrom?: DayInput;
  sampledOnTo?: DayInput;
}

export function foodDrugSamplingFilter(input: FoodDrugSamplingFilter | null | undefined): Document {
  if (!input) return {};
  return allOf({
    outcome: oneOf(input.outcomes),
    productCategory: oneOf(input.productCategories),
    producer: input.producer ?? undefined,
    sampledOn: range('filter.sampledOnFrom', day(input.sampledOnFrom), day(input.sampledOnTo)),
  });
}

export const safetyAccidentIndexes: IndexDescription[] = [
  { key: { grade: 1, occurredAt: -1 }, name: 'grade_occurred' },
  { key: { occurredAt: -1 }, name: 'occurred' },
];

export const administrativePenaltyIndexes: IndexDescription[] = [
  { key: { party: 1, publishedAt: -1 }, name: 'party' },
  { key: { fineAmountFen: -1 }, name: 'fine_amount' },
];

export const foodDrugSamplingIndexes: IndexDescription[] = [
  { key: { producer: 1, publishedAt: -1 }, name: 'producer' },
  { key: { outcome: 1, sampledOn: -1 }, name: 'outcome_sampled' },
];
