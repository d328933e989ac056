/**
 * Validation of disclosures as publishers send them (GraphQL mutations, file import): field-level
 * errors that name the field and the rule, and conversion to what is stored (money in fen).
 */
import { z } from 'zod';
import { isUnifiedSocialCreditCode } from './agency-code';
import { isRecordTypeName, RECORD_TYPE_NAMES, type RecordTypeName } from './record-types';
import type { EnvelopeInput } from './envelope';
import { yuanToFen } from './scalars';

export interface FieldError {
  /** Path of the field, e.g. `fields.finalPrice` or `envelope.publishedAt`. */
  field: string;
  /** The rule it broke, e.g. `required`, `format`, `non-negative`, `max-length`. */
  rule: string;
  message: string;
}

/** One disclosure as a publisher hands it in: the envelope plus its type's own fields. */
export interface DisclosureInput<Fields extends object = object> {
  type: RecordTypeName;
  envelope: EnvelopeInput;
  fields: Fields;
}

export type Validated = { ok: true; input: DisclosureInput } | { ok: false; errors: FieldError[] };

/** A type's own fields: publishers' names and forms in, stored names and forms out. */
export type FieldsSchema = z.ZodType<object>;

// ---- building blocks for every domain's schemas -------------------------------------------------

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function text(max: number) {
  return z.string().trim().min(1, { error: 'must not be empty' }).max(max, { error: `at most ${max} characters` });
}

export const optionalText = (max: number) => text(max).nullish().transform((v) => v ?? null);

/** A calendar day `YYYY-MM-DD` that exists. */
export const day = z.string().refine(
  (value) => {
    const match = DAY.exec(value);
    if (!match) return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  },
  { error: 'must be a real calendar day written YYYY-MM-DD' },
);

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

// ---- the envelope ---------------------------------------------------------------------------------

const envelopeSchema = z
  .object({
    indexNumber: z
      .string()
      .trim()
      .regex(/^[0-9A-HJ-NPQRTUWXY]{18}-\/\d{4}-\d{1,12}$/, {
        error: 'must be an index number like 115323000151673132-/2017-1019636 (agency code, -/, year, -, serial)',
      }),
    title: text(500),
    category: text(100),
    agencyCode: z.string().refine(isUnifiedSocialCreditCode, { error: 'must be an 18-character unified social credit code with a correct check character' }),
    regionCode: z.string().regex(/^\d{6}$/, { error: 'must be a 6-digit GB/T 2260 region code' }),
    documentNumber: optionalText(100),
    subjectTerms: z.array(text(50)).max(30, { error: 'at most 30 subject terms' }).default([]),
    writtenOn: day.nullish().transform((v) => v ?? null),
    publishedAt: z.iso.datetime({ offset: true, error: 'must be an RFC 3339 date-time with an offset, e.g. 2017-03-06T10:00:00+08:00' }).transform((v) => new Date(v)),
    disclosureMode: z.enum(['FULL', 'PARTIAL', 'REDACTED']),
    interpretationIndexNumber: optionalText(100),
    sourceUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).nullish().transform((v) => v ?? null),
  })
  .strict()
  .superRefine((envelope, context) => {
    if (!envelope.indexNumber.startsWith(`${envelope.agencyCode}-/`)) {
      context.addIssue({
        code: 'custom',
        path: ['indexNumber'],
        message: 'must start with the publishing agency’s code (agencyCode)',
        params: { rule: 'agency-prefix' },
      });
    }
  });

// ---- turning zod issues into field errors ---------------------------------------------------------

/** What was sent at `path` (zod 4 leaves `issue.input` out), to tell a missing field from a wrong one. */
function sentAt(input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined), input);
}

function ruleOf(issue: z.core.$ZodIssue, sent: unknown): string {
  const custom = (issue as { params?: { rule?: string } }).params?.rule;
  if (custom) return custom;
  switch (issue.code) {
    case 'invalid_type':
      return sent === undefined || sent === null ? 'required' : 'type';
    case 'too_small':
      return issue.origin === 'string' ? 'min-length' : 'minimum';
    case 'too_big':
      return issue.origin === 'string' ? 'max-length' : 'maximum';
    case 'invalid_format':
      return 'format';
    case 'invalid_value':
      return 'one-of';
    case 'unrecognized_keys':
      return 'unknown-field';
    default:
      return issue.code === 'custom' ? 'format' : issue.code;
  }
}

export function fieldErrors(error: z.ZodError, prefix: string, input?: unknown): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: `${base}.${key}`, rule: 'unknown-field', message: `${key} is not a field of this record type` }));
    }
    return [{ field: base, rule: ruleOf(issue, sentAt(input, issue.path)), message: issue.message }];
  });
}

/**
 * Validates one submission `{ type, envelope, fields }` against the envelope rules and the type's
 * own schema, reporting every problem at once.
 */
export function validateSubmission(raw: unknown, schemas: Partial<Record<RecordTypeName, FieldsSchema>>): Validated {
  const submission = (raw ?? {}) as { type?: unknown; envelope?: unknown; fields?: unknown };
  const errors: FieldError[] = [];
  if (typeof submission.type !== 'string' || !isRecordTypeName(submission.type)) {
    errors.push({ field: 'type', rule: 'one-of', message: `must be one of ${RECORD_TYPE_NAMES.join(', ')}` });
  }
  const envelope = envelopeSchema.safeParse(submission.envelope ?? {});
  if (!envelope.success) errors.push(...fieldErrors(envelope.error, 'envelope', submission.envelope));
  let fields: object | undefined;
  if (typeof submission.type === 'string' && isRecordTypeName(submission.type)) {
    const schema = schemas[submission.type];
    const parsed = schema?.safeParse(submission.fields ?? {});
    if (!parsed) errors.push({ field: 'type', rule: 'not-accepted', message: `${submission.type} records are not accepted yet` });
    else if (parsed.success) fields = parsed.data;
    else errors.push(...fieldErrors(parsed.error, 'fields', submission.fields));
  }
  if (errors.length || !envelope.success || !fields) return { ok: false, errors };
  return { ok: true, input: { type: submission.type as RecordTypeName, envelope: envelope.data as EnvelopeInput, fields } };
}
