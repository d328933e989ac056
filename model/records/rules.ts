/**
 * Building blocks of the record types' input schemas (model/records/<domain>/<type>.ts) and of the
 * envelope's: publishers' forms in, stored forms out, every broken rule named.
 */
import { z } from 'zod';
import { isUnifiedSocialCreditCode } from '../agency-code';
import { yuanToFen } from '../scalars';

/** A type's own fields: publishers' names and forms in, stored names and forms out. */
export type FieldsSchema = z.ZodType<object>;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * An index number 索引号 as real portals write them: each agency numbers in its own scheme
 * (115323000151673132-/2017-1019636, 11370900004341590P/2017-00150), so only the characters and the
 * length are fixed; it is unique across the catalogue.
 */
export const INDEX_NUMBER_CHARACTERS = 'A-Za-z0-9\\-/_.';
const INDEX_NUMBER_PATTERN = new RegExp(`^[${INDEX_NUMBER_CHARACTERS}]*$`);
const INDEX_NUMBER_MAX_LENGTH = 64;

export const indexNumber = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(INDEX_NUMBER_MAX_LENGTH, { error: `at most ${INDEX_NUMBER_MAX_LENGTH} characters` })
  .regex(INDEX_NUMBER_PATTERN, {
    error: 'may hold only letters, digits and - / _ . (as in 115323000151673132-/2017-1019636 or 11370900004341590P/2017-00150)',
  });

/** Another record's index number where a record may name one (the document that replaced it). */
export const optionalIndexNumber = indexNumber.nullish().transform((v) => v ?? null);

export function text(max: number) {
  return z.string().trim().min(1, { error: 'must not be empty' }).max(max, { error: `at most ${max} characters` });
}

export const optionalText = (max: number) => text(max).nullish().transform((v) => v ?? null);

/** A calendar day `YYYY-MM-DD` that exists. */
export const calendarDay = z.string().refine(
  (value) => {
    const match = DAY.exec(value);
    if (!match) return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  },
  { error: 'must be a real calendar day written YYYY-MM-DD' },
);

/** A calendar day where a record may have none; stored as null then. */
export const optionalCalendarDay = calendarDay.nullish().transform((v) => v ?? null);

/** Money in yuan as an exact decimal string ("1250000.50") or a whole number; stored as fen. */
export const yuan = z.union([z.string(), z.number()]).transform((value, context) => {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (text.startsWith('-')) {
    context.addIssue({ code: 'custom', message: 'money must not be negative', params: { rule: 'non-negative' } });
    return z.NEVER;
  }
  try {
    return yuanToFen(text);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message, params: { rule: 'money-format' } });
    return z.NEVER;
  }
});

export const count = z.number().int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' });
export const positiveQuantity = z.number().positive({ error: 'must be above zero' }).finite();

/** Money in yuan where a record may have none (a fine, a subsidy); stored as fen or null. */
export const optionalYuan = yuan.nullish().transform((v) => v ?? null);

/** A calendar year (a fiscal year, a plan year, a school year). */
export const year = z.number().int({ error: 'must be a whole number' }).min(1900, { error: 'must be 1900 or later' }).max(2100, { error: 'must be 2100 or earlier' });

/** A company's unified social credit code where published; null where not. */
export const optionalCreditCode = z
  .string()
  .trim()
  .refine(isUnifiedSocialCreditCode, { error: 'must be an 18-character unified social credit code with a correct check character' })
  .nullish()
  .transform((v) => v ?? null);

/** A field the catalogue computes from the others (a total, a rate, a flag): publishers leave it out. */
export const derived = (from: string) =>
  z
    .unknown()
    .refine((v) => v === undefined, { error: `is computed from ${from}; leave it out`, params: { rule: 'derived' } })
    .optional();

/** A broken rule across fields: the field it is reported on (dotted), the rule, and why. */
export type Breach = [field: string, rule: string, message: string];

/**
 * Reports breaches of rules across fields from a type's transform (which runs only once every field
 * is valid on its own); returns whether there were any, so the transform can return `z.NEVER`.
 */
export function reportBreaches(context: z.core.$RefinementCtx, breaches: ReadonlyArray<Breach | false | null | undefined>): boolean {
  let reported = false;
  for (const breach of breaches) {
    if (!breach) continue;
    const [field, rule, message] = breach;
    context.addIssue({ code: 'custom', path: field.split('.'), message, params: { rule } });
    reported = true;
  }
  return reported;
}
