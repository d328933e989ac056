import { z } from 'zod';
import { count, day, derived, optionalYuan, positiveQuantity, reportBreaches, text, year, yuan, type FieldsSchema } from '../../model/input';
import { maskIdNumber, maskName } from '../../model/deidentify';
import type { AffordableHousingProjectFields, HousingAllocationFields } from './repository';

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

/** How publishers send housing records: GraphQL field names, money in yuan; stored with money in fen. */
export const housingInputs: Record<'AffordableHousingProject' | 'HousingAllocation', FieldsSchema> = {
  AffordableHousingProject: z
    .object({
      projectName: text(300),
      housingType: z.enum(['PUBLIC_RENTAL', 'LOW_RENT', 'ECONOMY', 'SHANTY_TOWN_RENOVATION', 'SUBSIDISED_RENTAL']),
      location: text(300),
      planYear: year,
      unitsPlanned: count,
      unitsStarted: count,
      unitsCompleted: count,
      completionRate: derived('unitsCompleted and unitsPlanned'),
      investment: yuan,
      implementingBody: text(200),
    })
    .strict()
    .transform(({ investment, completionRate: _computed, ...rest }, context): AffordableHousingProjectFields => {
      const broken = reportBreaches(context, [
        rest.unitsCompleted > rest.unitsStarted && [
          'unitsCompleted',
          'within-started',
          `a project cannot complete more units than it started (${rest.unitsStarted}); got ${rest.unitsCompleted}`,
        ],
      ]);
      if (broken) return z.NEVER;
      return { ...rest, investmentFen: investment };
    }),
  HousingAllocation: z
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
      allocatedOn: day,
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
};
