/**
 * Attachments 附件 as publishers send them (README, "Bodies and attachments"): a submission's
 * `attachments: [{ name, mediaType, contentBase64, sha256? }]`, each decoded and checked here, so
 * what an owner stores is bytes of an allowed type within the limits, with their SHA-256.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AttachmentMeta } from './envelope';

/** An attachment as submitted: what is kept of it, and its bytes. */
export interface AttachmentUpload extends AttachmentMeta {
  content: Buffer;
}

/** Largest attachment, in bytes (decoded). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Most attachments one record may have. */
export const MAX_ATTACHMENTS = 10;
const MAX_NAME_LENGTH = 255;

/** The media types an attachment may have: documents, spreadsheets, images, archives and plain data. */
export const ATTACHMENT_MEDIA_TYPES = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/ofd',
  'image/png',
  'image/jpeg',
  'application/zip',
  'text/plain',
  'text/csv',
] as const;

/** Standard base64: its alphabet, padding only at the end, a multiple of 4 long (one character class: a group would recurse over 13 MB). */
const isBase64 = (text: string) => text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
const SHA256 = /^[0-9a-f]{64}$/;

/** The paths of a submission that hold bytes and hashes, not text: de-identification leaves them as they are. */
export const BINARY_PATHS: ReadonlySet<string> = new Set(['attachments.contentBase64', 'attachments.sha256']);

const attachment = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(MAX_NAME_LENGTH, { error: `at most ${MAX_NAME_LENGTH} characters` })
      .refine((name) => !/[/\\\p{Cc}]/u.test(name), { error: 'a file name without / \\ or control characters', params: { rule: 'format' } }),
    mediaType: z.enum(ATTACHMENT_MEDIA_TYPES, { error: `must be one of ${ATTACHMENT_MEDIA_TYPES.join(', ')}` }),
    contentBase64: z
      .string()
      .refine(isBase64, { error: 'must be the bytes in standard base64 (A–Z a–z 0–9 + /, padded with =, no line breaks)', params: { rule: 'base64' } }),
    sha256: z
      .string()
      .transform((hash) => hash.toLowerCase())
      .refine((hash) => SHA256.test(hash), { error: 'must be the hex SHA-256 of the bytes (64 hex digits)', params: { rule: 'format' } })
      .optional(),
  })
  .strict()
  .transform((sent, context): AttachmentUpload => {
    const content = Buffer.from(sent.contentBase64, 'base64');
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (content.length === 0) context.addIssue({ code: 'custom', path: ['contentBase64'], message: 'the file is empty', params: { rule: 'min-size' } });
    if (content.length > MAX_ATTACHMENT_BYTES) {
      const message = `the file has ${content.length} bytes, more than the ${MAX_ATTACHMENT_BYTES} (10 MiB) an attachment may have`;
      context.addIssue({ code: 'custom', path: ['contentBase64'], message, params: { rule: 'max-size' } });
    }
    if (sent.sha256 !== undefined && sent.sha256 !== sha256) {
      context.addIssue({ code: 'custom', path: ['sha256'], message: `does not match the bytes sent, whose SHA-256 is ${sha256}`, params: { rule: 'sha256-mismatch' } });
    }
    return { name: sent.name, mediaType: sent.mediaType, size: content.length, sha256, content };
  });

/** A record's attachments: at most MAX_ATTACHMENTS, no file twice. */
export const attachmentsSchema = z
  .array(attachment)
  .max(MAX_ATTACHMENTS, { error: `at most ${MAX_ATTACHMENTS} attachments a record` })
  .superRefine((attachments, context) => {
    attachments.forEach((file, i) => {
      if (attachments.findIndex((other) => other.sha256 === file.sha256) < i) {
        context.addIssue({ code: 'custom', path: [i, 'contentBase64'], message: 'the same file is attached twice', params: { rule: 'duplicate' } });
      }
    });
  });
