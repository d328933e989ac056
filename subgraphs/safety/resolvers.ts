import type { DisclosureTypeSpec } from '../kit/domain-subgraph';
import { money } from '../../model/scalars';
import { shanghaiDate } from '../../model/time';
import {
  administrativePenaltyFilter,
  administrativePenaltyIndexes,
  foodDrugSamplingFilter,
  foodDrugSamplingIndexes,
  safetyAccidentFilter,
  safetyAccidentIndexes,
  type AdministrativePenaltyFilter,
  type FoodDrugSamplingFilter,
  type SafetyAccidentFilter,
  type StoredAdministrativePenalty,
  type StoredFoodDrugSampling,
  type StoredSafetyAccident,
} from './repository';

const safetyAccident: DisclosureTypeSpec<StoredSafetyAccident, SafetyAccidentFilter> = {
  type: 'SafetyAccident',
  listField: 'safetyAccidents',
  singleField: 'safetyAccident',
  filter: safetyAccidentFilter,
  indexes: safetyAccidentIndexes,
  fields: {
    occurredOn: (record) => shanghaiDate(record.occurredAt),
    directEconomicLoss: (record) => money(record.directEconomicLossFen),
  },
};

const administrativePenalty: DisclosureTypeSpec<StoredAdministrativePenalty, AdministrativePenaltyFilter> = {
  type: 'AdministrativePenalty',
  listField: 'administrativePenalties',
  singleField: 'administrativePenalty',
  filter: administrativePenaltyFilter,
  indexes: administrativePenaltyIndexes,
  fields: {
    fineAmount: (record) => money(record.fineAmountFen),
  },
};

const foodDrugSampling: DisclosureTypeSpec<StoredFoodDrugSampling, FoodDrugSamplingFilter> = {
  type: 'FoodDrugSampling',
  listField: 'foodDrugSamplings',
  singleField: 'foodDrugSampling',
  filter: foodDrugSamplingFilter,
  indexes: foodDrugSamplingIndexes,
};

export const safetyTypes = [safetyAccident, administrativePenalty, foodDrugSampling];
