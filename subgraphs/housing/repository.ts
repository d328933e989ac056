import type { Document, IndexDescription } from 'mongodb';
import { allOf, range, day, oneOf, type DayInput } from '../../storage/filters';
import { type StoredRecord } from '../../model/envelope';
import type { MaskedIdNumber, MaskedName } from '../../model/deidentify';

export type HousingType = 'PUBLIC_RENTAL' | 'LOW_RENT' | 'ECONOMY' | 'SHANTY_TOWN_RENOVATION' | 'SUBSIDISED_RENTAL';
export type AllocationOutcome = 'APPROVED' | 'REJECTED' | 'WAITLISTED';

/** Stored fields of an affordable housing project 保障性住房项目; money in integer fen. */
export interface AffordableHousingProjectFields {
  projectName: string;
  housingType: HousingType;
  location: string;
  /** The plan year; the envelope's `year` is the publication year. */
  planYear: number;
  unitsPlanned: number;
  unitsStarted: number;
  unitsCompleted: number;
  investmentFen: number;
  implementingBody: string;
}

/**
 * Stored fields of one allocation result line 分配结果公示. The household head's name and ID number
 * are only ever stored masked (deidentify.ts). A household granted a unit has `unitNumber` and
 * `unitAreaSquareMetres`; one granted a rent subsidy has `monthlyRentSubsidyFen`.
 */
export interface HousingAllocationFields {
  projectName: string;
  householdHead: MaskedName;
  idNumber: MaskedIdNumber;
  householdSize: number;
  outcome: AllocationOutcome;
  unitNumber: string | null;
  unitAreaSquareMetres: number | null;
  monthlyRentSubsidyFen: number | null;
  batch: string;
  /** `YYYY-MM-DD`. */
  allocatedOn: string;
}

export type StoredAffordableHousingProject = StoredRecord<AffordableHousingProjectFields>;
export type StoredHousingAllocation = StoredRecord<HousingAllocationFields>;


export interface AffordableHousingProjectFilter {
  housingTypes?: HousingType[] | null;
  planYearFrom?: number | null;
  planYearTo?: number | null;
  minUnitsPlanned?: number | null;
  /** In fen: the YuanAmount scalar has already parsed it. */
  minInvestment?: number | null;
}

export function affordableHousingProjectFilter(input: AffordableHousingProjectFilter | null | undefined): Document {
  if (!input) return {};
  return allOf({
    housingType: oneOf(input.housingTypes),
    planYear: range('filter.planYearFrom', input.planYearFrom, input.planYearTo),
    unitsPlanned: range('filter.minUnitsPlanned', input.minUnitsPlanned, undefined),
    investmentFen: range('filter.minInvestment', input.minInvestment, undefined),
  });
}

export interface HousingAllocationFilter {
  outcomes?: AllocationOutcome[] | null;
  projectName?: string | null;
  minHouseholdSize?: number | null;
  allocatedFrom?: DayInput;
  allocatedTo?: DayInput;
}

export function housingAllocationFilter(input: HousingAllocationFilter | null | undefined): Document {
  if (!input) return {};
  return allOf({
    outcome: oneOf(input.outcomes),
    projectName: input.projectName ?? undefined,
    householdSize: range('filter.minHouseholdSize', input.minHouseholdSize, undefined),
    allocatedOn: range('filter.allocatedFrom', day(input.allocatedFrom), day(input.allocatedTo)),
  });
}

export const affordableHousingProjectIndexes: IndexDescription[] = [
  { key: { housingType: 1, planYear: -1 }, name: 'housing_type_plan_year' },
];

export const housingAllocationIndexes: IndexDescription[] = [
  { key: { projectName: 1, publishedAt: -1 }, name: 'project_name' },
];
