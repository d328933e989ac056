import { z } from 'zod';
import { count, day, positiveQuantity, text, yuan, type FieldsSchema } from '../../model/input';
import type { LandExpropriationFields, LandTransferFields, HouseExpropriationFields } from './repository';

/** How publishers send land records: GraphQL field names, money in yuan; stored with money in fen. */
export const landInputs: Record<'LandExpropriation' | 'HouseExpropriation' | 'LandTransfer', FieldsSchema> = {
  LandExpropriation: z
    .object({
      approvalNumber: text(100),
      approvalAuthority: text(100),
      approvedOn: day,
      location: text(300),
      areaSquareMetres: positiveQuantity,
      landType: z.enum(['ARABLE', 'GARDEN', 'FOREST', 'GRASSLAND', 'OTHER_AGRICULTURAL', 'CONSTRUCTION', 'UNUSED']),
      compensationPerMu: yuan,
      totalCompensation: yuan,
      householdsAffected: count,
      resettlementPlan: text(500),
    })
    .strict()
    .transform(({ compensationPerMu, totalCompensation, ...rest }): LandExpropriationFields => ({
      ...rest,
      compensationPerMuFen: compensationPerMu,
      totalCompensationFen: totalCompensation,
    })),
  HouseExpropriation: z
    .object({
      decisionNumber: text(100),
      decidedOn: day,
      purpose: text(300),
      scope: text(500),
      householdsAffected: count,
      buildingAreaSquareMetres: positiveQuantity,
      compensationPlan: text(500),
      compensationBudget: yuan,
    })
    .strict()
    .transform(({ compensationBudget, ...rest }): HouseExpropriationFields => ({ ...rest, compensationBudgetFen: compensationBudget })),
  LandTransfer: z
    .object({
      parcelNumber: text(100),
      location: text(300),
      areaSquareMetres: positiveQuantity,
      use: z.enum(['RESIDENTIAL', 'COMMERCIAL', 'INDUSTRIAL', 'MIXED', 'PUBLIC_SERVICE', 'STORAGE']),
      termYears: z.number().int({ error: 'must be a whole number' }).min(1).max(70, { error: 'at most 70 years' }),
      method: z.enum(['TENDER', 'AUCTION', 'LISTING', 'AGREEMENT']),
      floorAreaRatio: z.number().min(0, { error: 'must not be negative' }).max(50),
      startingPrice: yuan,
      finalPrice: yuan,
      winningParty: text(200),
      transferredOn: day,
    })
    .strict()
    .transform(({ startingPrice, finalPrice, ...rest }): LandTransferFields => ({
      ...rest,
      startingPriceFen: startingPrice,
      finalPriceFen: finalPrice,
    })),
};
