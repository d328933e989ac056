/**
 * Turns a stored record (as the sample makers build it) back into what a publisher sends: GraphQL
 * field names, money as yuan strings, instants as RFC 3339 strings, derived fields left out. The
 * tests check each type's input schema against it; the benchmark writes import files with it.
 * Generic but for what a type's definition says otherwise (`toPublic`, model/records).
 */
import type { RecordTypeName } from '../../model/record-types';
import type { DisclosureInput } from '../../model/input';
import { recordDefinition } from '../../model/records';
import { fenToYuan } from '../../model/scalars';

export type Fields = Record<string, unknown>;

/** `<name>Fen` → `<name>` as a yuan string, dates → ISO strings, recursively. */
function yuanNames(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(yuanNames);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) =>
        key.endsWith('Fen') ? [key.slice(0, -'Fen'.length), v === null ? null : fenToYuan(v as number)] : [key, yuanNames(v)],
      ),
    );
  }
  return value;
}

/** The public form of a type's stored fields. */
export function publicFields(type: RecordTypeName, stored: object): Fields {
  const fields = yuanNames(stored) as Fields;
  const { toPublic } = recordDefinition(type);
  return toPublic ? toPublic(fields) : fields;
}

/** A sample record as a publisher would submit it. */
export function publicSubmission(input: DisclosureInput): { type: RecordTypeName; envelope: Fields; fields: Fields } {
  return {
    type: input.type,
    envelope: { ...input.envelope, publishedAt: input.envelope.publishedAt.toISOString() },
    fields: publicFields(input.type, input.fields),
  };
}
