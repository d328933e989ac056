/**
 * The registry of record types: every definition, in the order the API lists them. Adding a type is
 * writing its module and listing it here; what the rest of the code knows about types derives from
 * this list (model/record-types.ts, the domain subgraphs, the input schemas, the import, the export,
 * the public form, the generated resolver types' mappers).
 */
import type { FieldsSchema } from './rules';
import type { DomainSubgraphName } from './record-type';
import { budgetReport } from './finance/budget-report';
import { procurementAward } from './finance/procurement-award';
import { publicExpenseReport } from './finance/public-expense-report';
import { administrativeFee } from './finance/administrative-fee';
import { governmentDebt } from './finance/government-debt';
import { specialFundAllocation } from './finance/special-fund-allocation';
import { houseExpropriation } from './land/house-expropriation';
import { landExpropriation } from './land/land-expropriation';
import { landTransfer } from './land/land-transfer';
import { miningRightTransfer } from './land/mining-right-transfer';
import { affordableHousingProject } from './housing/affordable-housing-project';
import { housingAllocation } from './housing/housing-allocation';
import { enrolmentPlan } from './education/enrolment-plan';
import { school } from './education/school';
import { schoolFee } from './education/school-fee';
import { studentAid } from './education/student-aid';
import { environmentalEnforcement } from './safety/environmental-enforcement';
import { foodDrugSampling } from './safety/food-drug-sampling';
import { safetyAccident } from './safety/safety-accident';
import { administrativeCoercion } from './enforcement/administrative-coercion';
import { administrativeLicence } from './enforcement/administrative-licence';
import { administrativePenalty } from './enforcement/administrative-penalty';
import { consultation } from './documents/consultation';
import { disclosureGuide } from './documents/disclosure-guide';
import { notice } from './documents/notice';
import { policyDocument } from './documents/policy-document';
import { policyInterpretation } from './documents/policy-interpretation';

export const RECORD_DEFINITIONS = [
  budgetReport,
  publicExpenseReport,
  procurementAward,
  administrativeFee,
  governmentDebt,
  specialFundAllocation,
  landExpropriation,
  houseExpropriation,
  landTransfer,
  miningRightTransfer,
  affordableHousingProject,
  housingAllocation,
  school,
  schoolFee,
  enrolmentPlan,
  studentAid,
  safetyAccident,
  environmentalEnforcement,
  foodDrugSampling,
  administrativeLicence,
  administrativePenalty,
  administrativeCoercion,
  policyDocument,
  notice,
  policyInterpretation,
  consultation,
  disclosureGuide,
] as const;

export type RecordDefinition = (typeof RECORD_DEFINITIONS)[number];
type RecordTypeName = RecordDefinition['type'];

/** The definitions a domain subgraph owns, with their literal types (for its generated resolver types). */
export function recordsOf<const Subgraph extends DomainSubgraphName>(subgraph: Subgraph): Array<Extract<RecordDefinition, { subgraph: Subgraph }>> {
  return RECORD_DEFINITIONS.filter((definition): definition is Extract<RecordDefinition, { subgraph: Subgraph }> => definition.subgraph === subgraph);
}

export function recordDefinition(type: RecordTypeName): RecordDefinition {
  const definition = RECORD_DEFINITIONS.find((candidate) => candidate.type === type);
  if (!definition) throw new Error(`no record type ${type}`);
  return definition;
}

/** Every type's input schema: how publishers send its own fields, and what is stored. */
export const FIELD_SCHEMAS = Object.fromEntries(
  RECORD_DEFINITIONS.map((definition) => [definition.type, definition.input as FieldsSchema]),
) as Record<RecordTypeName, FieldsSchema>;
