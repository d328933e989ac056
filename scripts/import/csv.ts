/**
 * CSV reader of the file import, on csv-parse (streaming). The first record names the columns:
 *
 *   - `type`: the record type, e.g. `LandTransfer`;
 *   - the envelope fields by name (`indexNumber`, `title`, `category`, `agencyCode`, `regionCode`,
 *     `documentNumber`, `subjectTerms`, `writtenOn`, `publishedAt`, `disclosureMode`,
 *     `interpretationIndexNumber`, `sourceUrl`); `subjectTerms` separated by `;` (or `；`);
 *   - the type's own fields by their public names (`finalPrice`, `use`, …). `envelope.` or
 *     `fields.` before a name says where a column belongs explicitly.
 *
 * Cells become what a JSON submission would carry, by what the type's schema expects of the field:
 * an empty cell is a field not given (null where the schema takes null); a field that takes only
 * numbers gets a number when the cell is a plain decimal (`12000.5`, `-3`; otherwise the text goes
 * on and is rejected as `type`); a field that takes only true/false gets `true`/`false`; a list or
 * object field (FoodDrugSampling.failedItems, …) reads the cell as JSON. Every other field, money
 * included (it takes yuan as text, so it stays exact), keeps the text as it is.
 *
 * A non-empty cell in a column that is not a field of the row's type rejects the row with
 * `unknown-field`; a missing column of a required field with `required` (from the schema). Cells
 * are decoded as UTF-8 one by one with a fatal decoder: bad bytes reject the row with `utf-8`, naming
 * the column. Line numbers are physical lines: the first line of a record that spans several.
 */
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { isRecordTypeName, type RecordTypeName } from '../../model/record-types';
import type { FieldError } from '../../model/input';
import type { FieldsSchema } from '../../model/records/rules';
import type { EnvelopeInput } from '../../model/envelope';
import { kindsOf, shapeOf, type ValueKind } from './schema-kinds';
import { badUtf8, FileError, type SourceRow } from './rows';
import { withoutBom } from './text';

export const ENVELOPE_COLUMNS = [
  'indexNumber', 'title', 'category', 'agencyCode', 'regionCode', 'documentNumber', 'subjectTerms',
  'writtenOn', 'publishedAt', 'disclosureMode', 'interpretationIndexNumber', 'sourceUrl',
] as const satisfies ReadonlyArray<keyof EnvelopeInput>;

const ENVELOPE = new Set<string>(ENVELOPE_COLUMNS);
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

interface Column {
  /** `type`, or where the value goes: `envelope.title`, `fields.finalPrice`. */
  path: string;
  part: 'type' | 'envelope' | 'fields';
  name: string;
}

function columnOf(header: string): Column {
  if (header === 'type') return { path: 'type', part: 'type', name: 'type' };
  const explicit = /^(envelope|fields)\.(.+)$/.exec(header);
  if (explicit) return { path: header, part: explicit[1] as 'envelope' | 'fields', name: explicit[2] };
  const part = ENVELOPE.has(header) ? 'envelope' : 'fields';
  return { path: `${part}.${header}`, part, name: header };
}

/** Each type's fields and the kinds of value they take, read once from its schema. */
class FieldKinds {
  private readonly cache = new Map<RecordTypeName, Map<string, Set<ValueKind>> | null>();

  constructor(private readonly schemas: Partial<Record<RecordTypeName, FieldsSchema>>) {}

  of(type: RecordTypeName): Map<string, Set<ValueKind>> | null {
    if (!this.cache.has(type)) {
      const schema = this.schemas[type];
      const shape = schema && shapeOf(schema);
      this.cache.set(type, shape ? new Map(Object.entries(shape).map(([name, field]) => [name, kindsOf(field)])) : null);
    }
    return this.cache.get(type) ?? null;
  }
}

function cellValue(text: string, kinds: Set<ValueKind> | undefined, path: string): { value?: unknown; error?: FieldError } {
  if (text.trim() === '') return kinds?.has('null') ? { value: null } : {};
  if (!kinds || kinds.has('string') || kinds.has('unknown')) return { value: text };
  if (kinds.has('number') && PLAIN_DECIMAL.test(text.trim())) return { value: Number(text.trim()) };
  if (kinds.has('boolean') && /^(true|false)$/i.test(text.trim())) return { value: text.trim().toLowerCase() === 'true' };
  if (kinds.has('array') || kinds.has('object')) {
    try {
      return { value: JSON.parse(text) };
    } catch {
      return { error: { field: path, rule: 'json', message: 'must be written as JSON in its CSV cell, e.g. [{"item":"…"}]' } };
    }
  }
  return { value: text };
}

/** Counts line feeds in the bytes handed to the parser, so records can be given their first line. */
class LineCounter {
  private readonly offsets: number[] = [];
  private head = 0;
  private seen = 0;
  private before = 0;

  async *count(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) this.offsets.push(this.seen + i);
      this.seen += chunk.length;
      yield chunk;
    }
  }

  /** The line (1-based) of the byte at `offset`; offsets must not go backwards. */
  lineAt(offset: number): number {
    while (this.head < this.offsets.length && this.offsets[this.head] < offset) {
      this.head += 1;
      this.before += 1;
    }
    if (this.head > 4096) {
      this.offsets.splice(0, this.head);
      this.head = 0;
    }
    return this.before + 1;
  }
}

const CSV_PROBLEMS: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE: 'a quoted cell has more text after its closing quote',
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is not closed before the end of the file',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a quoted cell has more text after its closing quote',
};

export async function* csvRows(
  bytes: AsyncIterable<Buffer>,
  schemas: Partial<Record<RecordTypeName, FieldsSchema>>,
): AsyncGenerator<SourceRow> {
  const lines = new LineCounter();
  const parser = Readable.from(lines.count(withoutBom(bytes))).pipe(
    parse({ encoding: null, info: true, relax_column_count: true }),
  );
  const kinds = new FieldKinds(schemas);
  let columns: Column[] | null = null;
  let recordStart = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Buffer[]; info: { bytes: number } }>) {
      const line = lines.lineAt(recordStart);
      recordStart = info.bytes;
      if (record.every((cell) => cell.length === 0)) continue; // a blank line
      if (!columns) {
        columns = header(record);
        continue;
      }
      yield rowOf(record, columns, line, kinds);
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw new FileError(lines.lineAt(recordStart), 'csv-syntax', `the CSV cannot be read from this line on: ${CSV_PROBLEMS[error.code] ?? error.code}`);
    }
    throw error;
  }
  if (!columns) throw new FileError(1, 'required', 'the file has no header line naming its columns');
}

function header(record: Buffer[]): Column[] {
  const names: string[] = [];
  for (const cell of record) {
    try {
      names.push(strict.decode(cell).trim());
    } catch {
      throw new FileError(1, 'utf-8', 'the header line is not valid UTF-8 (save the file as UTF-8)');
    }
  }
  const columns = names.map(columnOf);
  const seen = new Set<string>();
  for (const [i, column] of columns.entries()) {
    if (!names[i]) throw new FileError(1, 'required', `column ${i + 1} of the header has no name`);
    if (seen.has(column.path)) throw new FileError(1, 'duplicate-column', `the column ${names[i]} appears twice in the header`);
    seen.add(column.path);
  }
  return columns;
}

function rowOf(record: Buffer[], columns: Column[], line: number, kinds: FieldKinds): SourceRow {
  if (record.length !== columns.length) {
    return {
      line,
      errors: [{ field: '(row)', rule: 'column-count', message: `has ${record.length} cells; the header names ${columns.length} columns` }],
    };
  }
  const errors: FieldError[] = [];
  const unreadable = new Set<string>();
  const texts = record.map((cell, i) => {
    try {
      return strict.decode(cell);
    } catch {
      errors.push(badUtf8(columns[i].path));
      unreadable.add(columns[i].path);
      return '';
    }
  });
  const typeCell = columns.findIndex((c) => c.part === 'type');
  const type = typeCell === -1 ? undefined : texts[typeCell].trim() || undefined;
  const fieldKinds = type && isRecordTypeName(type) ? kinds.of(type) : null;
  const envelope: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  for (const [i, column] of columns.entries()) {
    const text = texts[i];
    if (column.part === 'type' || unreadable.has(column.path)) continue;
    if (column.part === 'envelope') {
      if (text.trim() === '') continue;
      envelope[column.name] = column.name === 'subjectTerms' ? text.split(/[;；]/).map((t) => t.trim()).filter(Boolean) : text;
      continue;
    }
    if (fieldKinds && !fieldKinds.has(column.name)) {
      if (text.trim() !== '') errors.push({ field: column.path, rule: 'unknown-field', message: `${column.name} is not a field of ${type}` });
      continue;
    }
    const { value, error } = cellValue(text, fieldKinds?.get(column.name), column.path);
    if (error) {
      errors.push(error);
      unreadable.add(column.path);
    } else if (value !== undefined) fields[column.name] = value;
  }
  return { line, submission: { type, envelope, fields }, errors, unreadable };
}
