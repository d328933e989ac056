/**
 * Attachments in an import file (README, "Importing a file"): a JSON or NDJSON row may list
 * `attachments: [{ name, mediaType, path }]`, `path` relative to the import file. Each file is read
 * and sent as base64, as the API takes it (`contentBase64`); a file that cannot be read is the row's
 * error, naming the attachment.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FieldError } from '../../model/input';
import { isPlainObject } from '../../platform/values';

/** `submission` with each attachment's `path` replaced by the file's bytes in base64, and the files that could not be read. */
export async function withAttachmentFiles(submission: unknown, baseDir: string): Promise<{ submission: unknown; errors: FieldError[] }> {
  if (!isPlainObject(submission) || !Array.isArray(submission.attachments)) return { submission, errors: [] };
  const errors: FieldError[] = [];
  const attachments = await Promise.all(
    submission.attachments.map(async (attachment: unknown, i) => {
      if (!isPlainObject(attachment) || attachment.path === undefined) return attachment;
      const { path: file, ...rest } = attachment;
      const field = `attachments.${i}.path`;
      if (typeof file !== 'string' || !file || path.isAbsolute(file)) {
        errors.push({ field, rule: 'format', message: 'must be the path of the file relative to the import file' });
        return rest;
      }
      try {
        return { ...rest, contentBase64: (await readFile(path.resolve(baseDir, file))).toString('base64') };
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
        errors.push({ field, rule: 'file', message: `${file}: ${reason} (paths are relative to the import file)` });
        return rest;
      }
    }),
  );
  return { submission: { ...submission, attachments }, errors };
}
