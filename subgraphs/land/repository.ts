import type { Document, IndexDescription } from 'mongodb';
import { allOf, range, day, oneOf, type DayInput } from '../../storage/filters';
import { type StoredRecord } from '../../model/envelope';

export type LandType = 'ARABLE' | 'GARDEN' | 'FOREST' | 'GRASSLAND' | 'OTHER_AGRICULTURAL' | 'CONSTRUCTION' | 'UNUSED';
export type LandUse = 'RESIDENTIAL' | 'COMMERCIAL' | 'INDUSTRIAL' | 'MIXED' | 'PUBLIC_SERVICE' | 'STORAGE';
export type TransferMethod = 'TENDER' | 'AUCTION' | 'LISTING' | 'AGREEMENT';

/** Stored fields of a land expropriation 征地; money in integer fen, dates as `YYYY-MM-DD`. */
export interface LandExpropriationFields {
  approvalNumber: string;
  approvalAuthority: string;
  approvedOn: string;
  location: string;
  areaSquareMetres: number;
  landType: LandType;
  compensationPerMuFen: number;
  totalCompensationFen: number;
  householdsAffected: number;
  resettlementPlan: string;
}

export interface HouseExpropriationFields {
  decisionNumber: string;
  decidedOn: string;
  purpose: string;
  scope: string;
  householdsAffected: number;
  buildingAreaSquareMetres: number;
  compensationPlan: string;
  compensationBudgetFen: number;
}

export interface LandTransferFields {
  parcelNumber: string;
  location: string;
  areaSquareMetres: number;
  use: LandUse;
  termYears: number;
  method: TransferMethod;
  floorAreaRatio: number;
  startingPriceFen: number;
  finalPriceFen: number;
  winningParty: string;
  transferredOn: string;
}

export type StoredLandExpropriation = StoredRecord<LandExpropriationFields>;
export type StoredHouseExpropriation = StoredRecord<HouseExpropriationFields>;
export type StoredLandTransfer = StoredRecord<LandTransferFields>;


export interface LandExpropriationFilter {
  landTypes?: LandType[] | null;
  approvalAuthority?: string | null;
  minAreaSquareMetres?: number | null;
  maxAreaSquareMetres?: number | null;
  minHouseholdsAffected?: number | null;
  approvedFrom?: DayInput;
  approvedTo?: DayInput;
}

export function landExpropriationFilter(input: LandExpropriationFilter | null | undefined): Document {
  if (!input) return {};
  return allOf({
    landType: oneOf(input.landTypes),
    approvalAuthority: input.approvalAuthority ?? undefined,
    areaSquareMetres: range('filter.minAreaSquareMetres', input.minAreaSquareMetres, input.maxAreaSquareMetres),
    householdsAffected: range('filter.minHouseholdsAffected', input.minHouseholdsAffected, undefined),
    approvedOn: range('filter.approvedFrom', day(input.approvedFrom), day(input.approvedTo)),
  });
}

export interface HouseExpropriationFilter {
  minHouseholdsAffected?: number | null;
  minCompensationBudget?: number | null;
  decidedFrom?: DayInput;
  decidedTo?: DayInput;
}

export function houseExpropriationFilter(input: HouseExpropriationFilter | null | undefined): Document {
  if (!input) return {};
  return allOf({
    householdsAffected: range('filter.minHouseholdsAffected', input.minHouseholdsAffected, undefined),
    compensationBudgetFen: range('filter.minCompensationBudget', input.minCompensationBudget, undefined),
    decidedOn: range('filter.decidedFrom', day(input.decidedFrom), day(input.decidedTo)),
  });
}

export interface LandTransferFilter {
  uses?: LandUse[] | null;
  methods?: TransferMethod[] | null;
  /** In fen: the YuanAmount scalar has already parsed it. */
  minFinalPrice?: number | null;
  maxFinalPrice?: number | null;
  minAreaSquareMetres?: number | null;
  maxAreaSquareMetres?: number | null;
  winningParty?: string | null;
  transferredFrom?: DayInput;
  transferredTo?: DayInput;
}

export function landTransferFilter(input: LandTransferFilter | null | undefined): Document {
  if (!input) return {};
  return allOf({
    use: oneOf(input.uses),
    method: oneOf(input.methods),
    finalPriceFen: range('filter.minFinalPrice', input.minFinalPrice, input.maxFinalPrice),
    areaSquareMetres: range('filter.minAreaSquareMetres', input.minAreaSquareMetres, input.maxAreaSquareMetres),
    winningParty: input.winningParty ?? undefined,
    transferredOn: range('filter.transferredFrom', day(input.transferredFrom), day(input.transferredTo)),
  });
}

export const landTransferIndexes: IndexDescription[] = [
  { key: { finalPriceFen: -1 }, name: 'final_price' },
  { key: { winningParty: 1, publishedAt: -1 }, name: 'winning_party' },
];
