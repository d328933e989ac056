import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { maskIdNumber, maskName, type MaskedIdNumber, type MaskedName } from '../../deidentify';
import { allOf, day, oneOf, range } from '../../../storage/filters';
import type { AllocationOutcome, HousingAllocationFilter } from '../../../subgraphs/housing/generated/types';
import { defineRecordType } from '../record-type';
import { calendarDay, optionalYuan, positiveQuantity, reportBreaches, text } from '../rules';

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

export type StoredHousingAllocation = StoredRecord<HousingAllocationFields>;

/**
 * The household head's name, raw or already masked, masked at once (deidentify.ts): what the schema
 * returns, and so what reaches the writer, the database and any log, is the masked form only.
 * Messages never repeat the value.
 */
const householdHead = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(50, { error: 'at most 50 characters' })
  .transform((value, context) => {
    try {
      return maskName(value);
    } catch {
      context.addIssue({
        code: 'custom',
        message: 'must be a name, raw or masked like 张*丰; it must not start or end with "*"',
        params: { rule: 'format' },
      });
      return z.NEVER;
    }
  });

/**
 * The household head's resident ID number, raw or already masked, masked at once. An invalid one is
 * rejected with a message that says what is wrong with it but never repeats it.
 */
const idNumber = z.string().transform((value, context) => {
  try {
    return maskIdNumber(value);
  } catch {
    const length = value.trim().length;
    const what = length === 18 || length === 15 ? 'has a character out of place' : `has ${length} characters`;
    context.addIssue({
      code: 'custom',
      message: `must be a resident ID number: 18 characters (17 digits, then a digit or X) or 15 digits, raw or masked like 4306**********1234; this one ${what}`,
      params: { rule: 'format' },
    });
    return z.NEVER;
  }
});

export const housingAllocation = defineRecordType({
  type: 'HousingAllocation',
  domain: 'HOUSING',
  subgraph: 'housing',
  collection: 'housingAllocations',
  listField: 'housingAllocations',
  singleField: 'housingAllocation',
  description: 'An affordable housing allocation result 保障性住房分配结果, de-identified.',
  fields: {
    projectName: 'String!',
    householdHead: 'String!',
    idNumber: 'String!',
    householdSize: 'Int!',
    outcome: 'AllocationOutcome!',
    unitNumber: 'String',
    unitAreaSquareMetres: 'Float',
    monthlyRentSubsidy: 'Money',
    batch: 'String!',
    allocatedOn: 'Date!',
  },
  personNames: { householdHead: 'person' },
  input: z
    .object({
      projectName: text(300),
      householdHead,
      idNumber,
      householdSize: z.number().int({ error: 'must be a whole number' }).min(1, { error: 'at least 1 person' }).max(30, { error: 'at most 30 people' }),
      outcome: z.enum(['APPROVED', 'REJECTED', 'WAITLISTED']),
      unitNumber: text(100).nullish().transform((v) => v ?? null),
      unitAreaSquareMetres: positiveQuantity.nullish().transform((v) => v ?? null),
      monthlyRentSubsidy: optionalYuan,
      batch: text(100),
      allocatedOn: calendarDay,
    })
    .strict()
    .transform(({ monthlyRentSubsidy, ...rest }, context): HousingAllocationFields => {
      const hasUnit = rest.unitNumber !== null || rest.unitAreaSquareMetres !== null;
      const hasSubsidy = monthlyRentSubsidy !== null;
      const approved = rest.outcome === 'APPROVED';
      const broken = reportBreaches(context, [
        hasUnit &&
          (rest.unitNumber === null || rest.unitAreaSquareMetres === null) && [
            rest.unitNumber === null ? 'unitNumber' : 'unitAreaSquareMetres',
            'unit-pair',
            'an allocated unit needs both unitNumber and unitAreaSquareMetres',
          ],
        !approved &&
          (hasUnit || hasSubsidy) && [
            'outcome',
            'approved-only',
            `only an APPROVED household is allocated a unit or granted a rent subsidy; this one is ${rest.outcome}`,
          ],
        approved &&
          hasUnit === hasSubsidy && [
            'outcome',
            'unit-or-subsidy',
            hasUnit
              ? 'an APPROVED household is allocated a unit or granted a rent subsidy, not both'
              : 'an APPROVED household is allocated a unit (unitNumber, unitAreaSquareMetres) or granted a rent subsidy (monthlyRentSubsidy)',
          ],
        hasSubsidy && monthlyRentSubsidy === 0 && ['monthlyRentSubsidy', 'positive', 'a granted subsidy must be above zero; leave it out when none was granted'],
      ]);
      if (broken) return z.NEVER;
      return { ...rest, monthlyRentSubsidyFen: monthlyRentSubsidy };
    }),
  filter: {
    fields: {
      outcomes: '[AllocationOutcome!]',
      projectName: 'String',
      minHouseholdSize: 'Int',
      allocatedFrom: 'Date',
      allocatedTo: 'Date',
    },
    where: (input: HousingAllocationFilter) =>
      allOf({
        outcome: oneOf(input.outcomes),
        projectName: input.projectName ?? undefined,
        householdSize: range('filter.minHouseholdSize', input.minHouseholdSize, undefined),
        allocatedOn: range('filter.allocatedFrom', day(input.allocatedFrom), day(input.allocatedTo)),
      }),
  },
  indexes: [{ key: { projectName: 1, publishedAt: -1, _id: -1 }, name: 'project_name' }],
  resolvers: {},
});
