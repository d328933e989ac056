import type { DomainName } from './envelope';
import type { SubgraphName } from '../platform/config';

interface RecordTypeInfo {
  domain: DomainName;
  subgraph: Exclude<SubgraphName, 'catalogue'>;
  /** Collection in the owning subgraph's database. */
  collection: string;
}

/** Every disclosure type, the domain and subgraph that own it, and where it is stored. */
export const RECORD_TYPES = {
  BudgetReport: { domain: 'FINANCE', subgraph: 'finance', collection: 'budgetReports' },
  PublicExpenseReport: { domain: 'FINANCE', subgraph: 'finance', collection: 'publicExpenseReports' },
  ProcurementAward: { domain: 'FINANCE', subgraph: 'finance', collection: 'procurementAwards' },
  LandExpropriation: { domain: 'LAND', subgraph: 'land', collection: 'landExpropriations' },
  HouseExpropriation: { domain: 'LAND', subgraph: 'land', collection: 'houseExpropriations' },
  LandTransfer: { domain: 'LAND', subgraph: 'land', collection: 'landTransfers' },
  AffordableHousingProject: { domain: 'HOUSING', subgraph: 'housing', collection: 'affordableHousingProjects' },
  HousingAllocation: { domain: 'HOUSING', subgraph: 'housing', collection: 'housingAllocations' },
  School: { domain: 'EDUCATION', subgraph: 'education', collection: 'schools' },
  SchoolFee: { domain: 'EDUCATION', subgraph: 'education', collection: 'schoolFees' },
  EnrolmentPlan: { domain: 'EDUCATION', subgraph: 'education', collection: 'enrolmentPlans' },
  SafetyAccident: { domain: 'SAFETY', subgraph: 'safety', collection: 'safetyAccidents' },
  AdministrativePenalty: { domain: 'SAFETY', subgraph: 'safety', collection: 'administrativePenalties' },
  FoodDrugSampling: { domain: 'SAFETY', subgraph: 'safety', collection: 'foodDrugSamplings' },
} as const satisfies Record<string, RecordTypeInfo>;

export type RecordTypeName = keyof typeof RECORD_TYPES;

export const RECORD_TYPE_NAMES = Object.keys(RECORD_TYPES) as RecordTypeName[];

export function isRecordTypeName(name: string): name is RecordTypeName {
  return Object.prototype.hasOwnProperty.call(RECORD_TYPES, name);
}

/** Name of the catalogue's index collection, one entry per disclosure of any type. */
export const CATALOGUE_ENTRIES = 'entries';
export const AGENCIES = 'agencies';
export const REGIONS = 'regions';
