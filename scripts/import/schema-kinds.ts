/**
 * What a type's input schema expects of each field, read from the zod schema itself, so a CSV cell
 * (always text) can be turned into what a JSON submission would carry: a number for a number field,
 * a list or object for a nested one. Money fields accept text, so they stay text and stay exact.
 */
import type { z } from 'zod';

export type ValueKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null' | 'unknown';

interface Def {
  type: string;
  in?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  values?: unknown[];
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

const WRAPPERS = new Set(['optional', 'nonoptional', 'readonly', 'catch', 'default', 'prefault', 'success']);

/** The value kinds a schema accepts as input. `unknown` when it cannot tell (a preprocessing step). */
export function kindsOf(schema: z.ZodType, depth = 0): Set<ValueKind> {
  const def = defOf(schema);
  if (depth > 20) return new Set(['unknown']);
  const inner = (s: z.ZodType | undefined) => (s ? kindsOf(s, depth + 1) : new Set<ValueKind>(['unknown']));
  switch (def.type) {
    case 'string':
    case 'enum':
    case 'template_literal':
      return new Set(['string']);
    case 'literal':
      return new Set((def.values ?? []).map((v) => (v === null ? 'null' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string')));
    case 'number':
    case 'int':
    case 'bigint':
      return new Set(['number']);
    case 'boolean':
      return new Set(['boolean']);
    case 'array':
    case 'tuple':
    case 'set':
      return new Set(['array']);
    case 'object':
    case 'record':
    case 'map':
      return new Set(['object']);
    case 'null':
      return new Set(['null']);
    case 'nullable':
      return new Set([...inner(def.innerType), 'null']);
    case 'pipe':
      return inner(def.in);
    case 'lazy':
      return inner(def.getter?.());
    case 'union':
      return new Set((def.options ?? []).flatMap((option) => [...kindsOf(option, depth + 1)]));
    case 'intersection':
      return new Set([...inner(def.left)].filter((kind) => inner(def.right).has(kind)));
    default:
      return WRAPPERS.has(def.type) ? inner(def.innerType) : new Set(['unknown']);
  }
}

/** The fields of an object schema (through transforms, refinements and wrappers), or undefined. */
export function shapeOf(schema: z.ZodType, depth = 0): Record<string, z.ZodType> | undefined {
  const def = defOf(schema);
  if (depth > 20) return undefined;
  switch (def.type) {
    case 'object':
      return def.shape;
    case 'pipe':
      return def.in ? shapeOf(def.in, depth + 1) : undefined;
    case 'lazy':
      return def.getter ? shapeOf(def.getter(), depth + 1) : undefined;
    case 'intersection': {
      const left = def.left && shapeOf(def.left, depth + 1);
      const right = def.right && shapeOf(def.right, depth + 1);
      return left && right ? { ...left, ...right } : undefined;
    }
    default:
      return WRAPPERS.has(def.type) && def.innerType ? shapeOf(def.innerType, depth + 1) : undefined;
  }
}
