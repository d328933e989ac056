/**
 * Validation of disclosures as publishers send them (GraphQL mutations, file import): field-level
 * errors that name the field and the rule, and conversion to what is stored (money in fen).
 */
import { z } from 'zod';
import { AGENCY_CODE_RULE, isAgencyCode, normalizeAgencyCode } from './agency-code';
import { attachmentsSchema, type AttachmentUpload } from './attachments';
import { MAX_BODY_HTML_LENGTH, MAX_BODY_TEXT_LENGTH, MAX_SUMMARY_LENGTH, sanitizeBodyHtml, textOfHtml } from './body';
import { calendarDay, indexNumber, optionalText, text, type FieldsSchema } from './records/rules';
import { deidentifySubmission } from './records/personal-data';
import { isRecordTypeName, RECORD_TYPE_NAMES, type RecordTypeName } from './record-types';
import type { EnvelopeInput } from './envelope';

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
  /** Files published with the record 附件, their bytes decoded and checked. */
  attachments?: AttachmentUpload[];
}

/**
 * The outcome, with `submission`: what was sent with its personal data masked (records/personal-data.ts),
 * the only form of it to pass on, store, log or quote.
 */
export type Validated = ({ ok: true; input: DisclosureInput } | { ok: false; errors: FieldError[] }) & { submission: unknown };

// ---- the envelope ---------------------------------------------------------------------------------

const envelopeSchema = z
  .object({
    indexNumber,
    title: text(500),
    category: text(100),
    agencyCode: z.string().transform(normalizeAgencyCode).refine(isAgencyCode, { error: AGENCY_CODE_RULE }),
    regionCode: z.string().regex(/^\d{6}$/, { error: 'must be a 6-digit GB/T 2260 region code' }),
    documentNumber: optionalText(100),
    subjectTerms: z.array(text(50)).max(30, { error: 'at most 30 subject terms' }).default([]),
    writtenOn: calendarDay.nullish().transform((v) => v ?? null),
    publishedAt: z.iso.datetime({ offset: true, error: 'must be an RFC 3339 date-time with an offset, e.g. 2017-03-06T10:00:00+08:00' }).transform((v) => new Date(v)),
    disclosureMode: z.enum(['FULL', 'PARTIAL', 'REDACTED']),
    interpretationIndexNumber: optionalText(100),
    sourceUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).nullish().transform((v) => v ?? null),
    summary: optionalText(MAX_SUMMARY_LENGTH),
    bodyText: optionalText(MAX_BODY_TEXT_LENGTH),
    bodyHtml: optionalText(MAX_BODY_HTML_LENGTH).transform((html) => (html === null ? null : sanitizeBodyHtml(html) || null)),
  })
  .strict()
  .transform((envelope, context) => {
    if (envelope.bodyText !== null || envelope.bodyHtml === null) return envelope;
    // Only HTML was sent: its text is the body's plain text, within the same limit.
    const bodyText = textOfHtml(envelope.bodyHtml) || null;
    if (bodyText && bodyText.length > MAX_BODY_TEXT_LENGTH) {
      const message = `its text has ${bodyText.length} characters, more than the ${MAX_BODY_TEXT_LENGTH} a body may have`;
      context.addIssue({ code: 'custom', path: ['bodyHtml'], message, params: { rule: 'max-length' } });
      return z.NEVER;
    }
    return { ...envelope, bodyText };
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
 * De-identifies one submission `{ type, envelope, fields }` and validates what is left against the
 * envelope rules and the type's own schema, reporting every problem at once.
 */
export function validateSubmission(raw: unknown, schemas: Partial<Record<RecordTypeName, FieldsSchema>>): Validated {
  const masked = deidentifySubmission(raw);
  const submission = (masked ?? {}) as { type?: unknown; envelope?: unknown; fields?: unknown; attachments?: unknown };
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
  const attachments = attachmentsSchema.optional().safeParse(submission.attachments ?? undefined);
  if (!attachments.success) errors.push(...fieldErrors(attachments.error, 'attachments', submission.attachments));
  if (errors.length || !envelope.success || !fields || !attachments.success) return { ok: false, errors, submission: masked };
  const input: DisclosureInput = { type: submission.type as RecordTypeName, envelope: envelope.data as EnvelopeInput, fields };
  if (attachments.data?.length) input.attachments = attachments.data;
  return { ok: true, input, submission: masked };
}
