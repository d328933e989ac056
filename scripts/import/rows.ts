/**
 * What the readers of the file import hand on: one row per submission with where it stands in the
 * file, or a FileError when the file cannot be read past some point.
 */
import type { FieldError } from '../../model/input';

export type ImportFormat = 'json' | 'ndjson' | 'csv';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['json', 'ndjson', 'csv'];

export interface SourceRow {
  /**
   * Physical line (1-based): for CSV the first line of the record, for NDJSON the line, for JSON the
   * line where the array element starts.
   */
  line: number;
  /** JSON only: the element's position in the top-level array, from 0. */
  position?: number;
  /** The submission `{ type, envelope, fields }` as read; absent when the row could not be read. */
  submission?: unknown;
  /** Problems found while reading: bad UTF-8, bad JSON, CSV cells that cannot be converted. */
  errors: FieldError[];
  /**
   * Fields left out of `submission` because they could not be read (CSV cells with bad UTF-8): the
   * validator's `required` for them would only repeat the reading error.
   */
  unreadable?: ReadonlySet<string>;
}

/** The file cannot be read past `line`: reported like a rejected row, and the import stops there. */
export class FileError extends Error {
  override readonly name = 'FileError';

  constructor(
    readonly line: number,
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

export const ROW = '(row)';
export const FILE = '(file)';

export function badUtf8(field = ROW): FieldError {
  return { field, rule: 'utf-8', message: 'is not valid UTF-8 (the bytes were not read; save the file as UTF-8)' };
}

