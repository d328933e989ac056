/**
 * The export's columns of each record type's own fields (gateway/portal/exports.ts), derived from the
 * definitions' public fields: the GraphQL selection that reads them and the cell each becomes.
 * Money is its exact yuan text; a list of plain values stays a list; an object, or a list of them,
 * keeps its shape with money as yuan text inside.
 */
import { RECORD_DEFINITIONS } from '.';
import { namedType, type FieldType } from './record-type';

/** Every own field of every type, once, in the registry's order: the columns after the envelope's. */
export const RECORD_COLUMNS: readonly string[] = [...new Set(RECORD_DEFINITIONS.flatMap((definition) => Object.keys(definition.fields)))];

function selectionOf(fields: Readonly<Record<string, FieldType>>): string {
  return Object.entries(fields)
    .map(([field, type]) => {
      if (typeof type !== 'string') return `${field} { ${selectionOf(type.fields)} }`;
      return namedType(type) === 'Money' ? `${field} { yuan }` : field;
    })
    .join(' ');
}

/**
 * Field names that types give different GraphQL types (`method`: TransferMethod!, ProcurementMethod!):
 * one selection cannot read them under one name, so each is read under an alias `<Type>_<field>`.
 */
const typesByField = new Map<string, Set<string>>();
for (const definition of RECORD_DEFINITIONS) {
  for (const [field, type] of Object.entries(definition.fields)) {
    typesByField.set(field, (typesByField.get(field) ?? new Set()).add(typeof type === 'string' ? type : type.type));
  }
}
const aliased = (field: string) => (typesByField.get(field)?.size ?? 0) > 1;
const responseName = (type: string, field: string) => (aliased(field) ? `${type}_${field}` : field);

/** Inline fragments reading each type's own fields, for a selection on `Disclosure`. */
export const RECORD_COLUMNS_SELECTION = RECORD_DEFINITIONS.map((definition) => {
  const fields = Object.entries(definition.fields).map(([field, type]) => {
    const selection = selectionOf({ [field]: type });
    return aliased(field) ? `${responseName(definition.type, field)}: ${selection}` : selection;
  });
  return `... on ${definition.type} { ${fields.join(' ')} }`;
}).join('\n');

function cellOf(type: FieldType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => cellOf(type, item));
  if (typeof type !== 'string') {
    const object = value as Record<string, unknown>;
    return Object.fromEntries(Object.entries(type.fields).map(([field, inner]) => [field, cellOf(inner, object[field])]));
  }
  return namedType(type) === 'Money' ? (value as { yuan: string }).yuan : value;
}

const fieldsByType = new Map<string, Readonly<Record<string, FieldType>>>(RECORD_DEFINITIONS.map((definition) => [definition.type, definition.fields]));

/** The own columns of a record read with RECORD_COLUMNS_SELECTION: its type's fields, by name. */
export function recordCells(type: string, node: Record<string, unknown>): Record<string, unknown> {
  const fields = fieldsByType.get(type) ?? {};
  return Object.fromEntries(Object.entries(fields).map(([field, fieldType]) => [field, cellOf(fieldType, node[responseName(type, field)])]));
}
