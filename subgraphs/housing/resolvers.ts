import type { DisclosureTypeSpec } from '../kit/domain-subgraph';
import { money } from '../../model/scalars';
import {
  affordableHousingProjectFilter,
  affordableHousingProjectIndexes,
  housingAllocationFilter,
  housingAllocationIndexes,
  type AffordableHousingProjectFilter,
  type HousingAllocationFilter,
  type StoredAffordableHousingProject,
  type StoredHousingAllocation,
} from './repository';

/** Units completed over units planned, to four decimals; null when no units are planned. */
function completionRate(project: StoredAffordableHousingProject): number | null {
  if (project.unitsPlanned === 0) return null;
  return Math.round((project.unitsCompleted / project.unitsPlanned) * 10_000) / 10_000;
}

const affordableHousingProject: DisclosureTypeSpec<StoredAffordableHousingProject, AffordableHousingProjectFilter> = {
  type: 'AffordableHousingProject',
  listField: 'affordableHousingProjects',
  singleField: 'affordableHousingProject',
  filter: affordableHousingProjectFilter,
  indexes: affordableHousingProjectIndexes,
  fields: {
    completionRate,
    investment: (record) => money(record.investmentFen),
  },
};

const housingAllocation: DisclosureTypeSpec<StoredHousingAllocation, HousingAllocationFilter> = {
  type: 'HousingAllocation',
  listField: 'housingAllocations',
  singleField: 'housingAllocation',
  filter: housingAllocationFilter,
  indexes: housingAllocationIndexes,
  fields: {
    monthlyRentSubsidy: (record) => money(record.monthlyRentSubsidyFen),
  },
};

export const housingDisclosureTypes = [affordableHousingProject, housingAllocation];
