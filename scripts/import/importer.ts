/**
 * The file import: rows read from a JSON, NDJSON or CSV byte stream are validated one by one (the
 * same rules as the mutations), and the good ones are stored in batches through the one write path.
 * Memory stays bounded by the batch, except for the index numbers already seen in the file (kept to
 * reject a duplicate within one file: about 100 bytes each).
 */
import { FIELD_SCHEMAS } from '../../model/records';
import type { DisclosureInput } from '../../model/input';
import type { Publisher } from '../../publishing/publisher';
import { validateSubmission, type FieldError } from '../../model/input';
import type { DisclosureStatus } from '../../model/envelope';
import { withAttachmentFiles } from './attachments';
import { csvRows } from './csv';
import { jsonRows, ndjsonRows } from './json';
import { FILE, FileError, type ImportFormat, type SourceRow } from './rows';
import { textPieces } from './text';

/** A row that was not stored: where it is in the file, and every reason. */
export interface RejectedRow {
  line: number;
  /** JSON only: the element's position in the array, from 0. */
  position?: number;
  indexNumber: string | null;
  errors: FieldError[];
}

export interface ImportSummary {
  /** Rows read (blank lines not counted). */
  rows: number;
  /** Rows stored new or changed. */
  stored: number;
  /** Rows already stored exactly so: nothing changed. */
  unchanged: number;
  /** Rows rejected, the file error included when there is one. */
  rejected: number;
  /** Set when the file could not be read to its end: rows after `line` were not read. */
  fileError?: RejectedRow;
}

export interface ImportOptions {
  /** Review state of new and changed records. */
  status: DisclosureStatus;
  /** Records stored per write. */
  batchSize?: number;
  /** Where attachment paths start: the import file's folder (the working folder when not given). */
  baseDir?: string;
  /** Called with each rejected row, in file order. */
  onRejected?: (row: RejectedRow) => void | Promise<void>;
  /** Called after every batch with the rows read so far. */
  onProgress?: (summary: ImportSummary) => void;
}

const DEFAULT_BATCH_SIZE = 2500;
/** A batch is written early once its attachments hold this many bytes, so memory stays bounded. */
const MAX_BATCH_ATTACHMENT_BYTES = 64 * 1024 * 1024;

/** The rows of a file in `format`. */
export function readRows(format: ImportFormat, bytes: AsyncIterable<Buffer>): AsyncIterable<SourceRow> {
  switch (format) {
    case 'csv':
      return csvRows(bytes, FIELD_SCHEMAS);
    case 'json':
      return jsonRows(textPieces(bytes));
    case 'ndjson':
      return ndjsonRows(textPieces(bytes));
  }
}

function indexNumberOf(submission: unknown): string | null {
  const value = (submission as { envelope?: { indexNumber?: unknown } } | undefined)?.envelope?.indexNumber;
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/**
 * Reading errors and validation errors together; a field that could not be read is not also
 * `required`. With the row's index number as de-identified (what the report may quote).
 */
async function problemsOf(row: SourceRow, baseDir: string): Promise<{ input?: DisclosureInput; indexNumber: string | null; errors: FieldError[] }> {
  if (row.submission === undefined) return { indexNumber: null, errors: row.errors };
  const read = await withAttachmentFiles(row.submission, baseDir);
  const validated = validateSubmission(read.submission, FIELD_SCHEMAS);
  const indexNumber = indexNumberOf(validated.submission);
  const errors = [...row.errors, ...read.errors];
  if (validated.ok && !errors.length) return { input: validated.input, indexNumber, errors: [] };
  const unreadable = new Set([...(row.unreadable ?? []), ...read.errors.map((e) => e.field.replace(/\.path$/, '.contentBase64'))]);
  const validation = validated.ok ? [] : validated.errors.filter((e) => !(unreadable.has(e.field) && e.rule === 'required'));
  return { indexNumber, errors: [...errors, ...validation] };
}

export async function importRows(
  rows: AsyncIterable<SourceRow>,
  writer: Publisher,
  options: ImportOptions,
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const summary: ImportSummary = { rows: 0, stored: 0, unchanged: 0, rejected: 0 };
  const firstLineOf = new Map<string, number>();
  let batch: Array<{ row: SourceRow; input: DisclosureInput }> = [];
  let batchAttachmentBytes = 0;

  const reject = async (rejected: RejectedRow) => {
    summary.rejected += 1;
    await options.onRejected?.(rejected);
  };

  const flush = async () => {
    if (!batch.length) return;
    const written = await writer.writeDetailed(batch.map((b) => ({ input: b.input })), { status: options.status });
    const refused = new Map(written.rejected.map((r) => [r.indexNumber, r]));
    for (const { row, input } of batch) {
      const refusal = refused.get(input.envelope.indexNumber);
      if (refusal) {
        const errors = [{ field: refusal.field, rule: refusal.rule ?? 'reference', message: refusal.reason }];
        await reject({ line: row.line, position: row.position, indexNumber: input.envelope.indexNumber, errors });
      }
    }
    for (const result of written.results) {
      if (result.changed) summary.stored += 1;
      else summary.unchanged += 1;
    }
    batch = [];
    batchAttachmentBytes = 0;
    options.onProgress?.(summary);
  };

  try {
    for await (const row of rows) {
      summary.rows += 1;
      const { input, indexNumber, errors } = await problemsOf(row, options.baseDir ?? process.cwd());
      if (!input) {
        await reject({ line: row.line, position: row.position, indexNumber, errors });
        continue;
      }
      const key = input.envelope.indexNumber;
      const first = firstLineOf.get(key);
      if (first !== undefined) {
        await reject({
          line: row.line,
          position: row.position,
          indexNumber: key,
          errors: [{ field: 'envelope.indexNumber', rule: 'duplicate', message: `the same index number is already on line ${first} of this file` }],
        });
        continue;
      }
      firstLineOf.set(key, row.line);
      batch.push({ row, input });
      batchAttachmentBytes += (input.attachments ?? []).reduce((sum, file) => sum + file.size, 0);
      if (batch.length >= batchSize || batchAttachmentBytes >= MAX_BATCH_ATTACHMENT_BYTES) await flush();
    }
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    await flush();
    summary.fileError = { line: error.line, indexNumber: null, errors: [{ field: FILE, rule: error.rule, message: error.message }] };
    await reject(summary.fileError);
    return summary;
  }
  await flush();
  return summary;
}
