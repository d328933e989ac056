import type { DisclosureTypeSpec } from '../kit/domain-subgraph';
import { money } from '../../model/scalars';
import {
  houseExpropriationFilter,
  landExpropriationFilter,
  landTransferFilter,
  landTransferIndexes,
  type HouseExpropriationFilter,
  type LandExpropriationFilter,
  type LandTransferFilter,
  type StoredHouseExpropriation,
  type StoredLandExpropriation,
  type StoredLandTransfer,
} from './repository';

const landExpropriation: DisclosureTypeSpec<StoredLandExpropriation, LandExpropriationFilter> = {
  type: 'LandExpropriation',
  listField: 'landExpropriations',
  singleField: 'landExpropriation',
  filter: landExpropriationFilter,
  fields: {
    compensationPerMu: (record) => money(record.compensationPerMuFen),
    totalCompensation: (record) => money(record.totalCompensationFen),
  },
};

const houseExpropriation: DisclosureTypeSpec<StoredHouseExpropriation, HouseExpropriationFilter> = {
  type: 'HouseExpropriation',
  listField: 'houseExpropriations',
  singleField: 'houseExpropriation',
  filter: houseExpropriationFilter,
  fields: {
    compensationBudget: (record) => money(record.compensationBudgetFen),
  },
};

const landTransfer: DisclosureTypeSpec<StoredLandTransfer, LandTransferFilter> = {
  type: 'LandTransfer',
  listField: 'landTransfers',
  singleField: 'landTransfer',
  filter: landTransferFilter,
  indexes: landTransferIndexes,
  fields: {
    startingPrice: (record) => money(record.startingPriceFen),
    finalPrice: (record) => money(record.finalPriceFen),
  },
};

export const landTypes = [landExpropriation, houseExpropriation, landTransfer];
