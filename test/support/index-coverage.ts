/**
 * Checks query shapes (storage/query-shapes.ts) against the indexes the code declares, by the ESR
 * rule: a shape is covered when its equality fields (in any order), then its sort (in order, or
 * all reversed), then its range fields (in any order) are a prefix of one index of its collection.
 * A shape no index covers must be in the reviewed allow-list (./unindexed-shapes.ts) with its reason.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiKeyStore } from '../../gateway/auth/api-key-store';
import { openDatabases, prepareDatabases } from '../../scripts/lib/databases';
import { database } from '../../storage/mongo';
import { QUERY_SHAPES_FILE_PREFIX, type QueryCommand, type QueryShape } from '../../storage/query-shapes';

export interface DeclaredIndex {
  name: string;
  /** The key in order, as `field:1` or `field:-1`. */
  key: string[];
}

/** Indexes by `<database owner>.<collection>`; `_id_` is there for every collection. */
export type DeclaredIndexes = ReadonlyMap<string, readonly DeclaredIndex[]>;

/**
 * Shapes no index covers, accepted as they are: those of `collections` (and `command`, when given)
 * with exactly these equality and range fields, once the residual fields are taken out and a range
 * on a sort key (a keyset cursor) is left to the sort; any sort, or exactly `sort` when given.
 */
export interface AllowedShape {
  collections: readonly string[];
  command?: QueryCommand;
  /** Exactly these equality fields, or (with `combined`) any two or more of them together. */
  equality: readonly string[];
  combined?: boolean;
  range: readonly string[];
  sort?: readonly string[];
  reason: string;
}

/** A field that may be filtered after the index that the other fields of a query use. */
export interface ResidualField {
  collections: readonly string[];
  field: string;
  reason: string;
}

export interface AllowList {
  shapes: readonly AllowedShape[];
  residualFields: readonly ResidualField[];
}

export type Verdict =
  | { outcome: 'covered'; index: string }
  | { outcome: 'allowed'; reason: string }
  | { outcome: 'uncovered'; why: string };

const ID_INDEX: DeclaredIndex = { name: '_id_', key: ['_id:1'] };

const fieldOf = (key: string) => key.slice(0, key.lastIndexOf(':'));
const directionOf = (key: string) => Number(key.slice(key.lastIndexOf(':') + 1));
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The shape with the fields its allow-list lets be filtered after the index moved to `residual`. */
function withoutResidualFields(shape: QueryShape, allowList: AllowList): QueryShape {
  const residual = new Set(
    allowList.residualFields.filter((r) => r.collections.includes(shape.collection)).map((r) => r.field),
  );
  const keep = (fields: readonly string[]) => fields.filter((f) => !residual.has(f));
  const moved = [...shape.equality, ...shape.range].filter((f) => residual.has(f));
  return { ...shape, equality: keep(shape.equality), range: keep(shape.range), residual: [...new Set([...shape.residual, ...moved])].sort() };
}

/** Whether `index` has the equality fields, then the sort, then the range fields as its prefix. */
function servesByEsr(index: DeclaredIndex, equality: readonly string[], sort: readonly string[], range: readonly string[]): boolean {
  const fields = index.key.map(fieldOf);
  if (!sameSet(fields.slice(0, equality.length), equality)) return false;
  const sorted = index.key.slice(equality.length, equality.length + sort.length);
  if (sorted.length < sort.length) return false;
  const flips = sort.map((key, i) => fieldOf(key) === fieldOf(sorted[i]) && directionOf(key) * directionOf(sorted[i]));
  if (flips.some((flip) => flip === false) || new Set(flips).size > 1) return false;
  const start = equality.length + sort.length;
  return sameSet(fields.slice(start, start + range.length), range);
}

/** The ESR parts of a shape: a sort key matched by equality sorts nothing, a range on a sort key is bounded by the sort. */
function esrOf(shape: QueryShape) {
  const sort = shape.sort.filter((key) => !shape.equality.includes(fieldOf(key)));
  const sortFields = sort.map(fieldOf);
  const range = shape.range.filter((field) => !sortFields.includes(field));
  return { equality: shape.equality, sort, range };
}

function indexesOf(shape: QueryShape, declared: DeclaredIndexes): readonly DeclaredIndex[] {
  return declared.get(`${shape.database}.${shape.collection}`) ?? [ID_INDEX];
}

function allowedEntry(shape: QueryShape, allowList: AllowList): AllowedShape | undefined {
  const { equality, sort, range } = esrOf(shape);
  return allowList.shapes.find(
    (entry) =>
      entry.collections.includes(shape.collection) &&
      (entry.command === undefined || entry.command === shape.command) &&
      (entry.combined ? equality.length >= 2 && equality.every((f) => entry.equality.includes(f)) : sameSet(entry.equality, equality)) &&
      sameSet(entry.range, range) &&
      (entry.sort === undefined || entry.sort.join() === sort.join()),
  );
}

export function checkShape(given: QueryShape, declared: DeclaredIndexes, allowList: AllowList): Verdict {
  const shape = withoutResidualFields(given, allowList);
  const { equality, sort, range } = esrOf(shape);
  const indexes = indexesOf(shape, declared);
  const bounded = equality.length + sort.length + range.length > 0;
  // A count without a query is answered from the collection's metadata.
  const metadataCount = shape.command === 'count' && given.equality.length + given.range.length + given.residual.length === 0;
  if (metadataCount) return { outcome: 'covered', index: '(collection metadata)' };
  const index = bounded ? indexes.find((candidate) => servesByEsr(candidate, equality, sort, range)) : undefined;
  if (index) return { outcome: 'covered', index: index.name };
  const entry = allowedEntry(shape, allowList);
  if (entry) return { outcome: 'allowed', reason: entry.reason };
  const wanted = [...equality, ...sort, ...range].join(', ');
  return {
    outcome: 'uncovered',
    why: bounded
      ? `no index of ${shape.collection} starts with ${wanted} (equality, then sort, then range); it has ${indexes.map((i) => `${i.name} {${i.key.join(', ')}}`).join('; ')}`
      : `it reads the whole of ${shape.collection} (no field an index could bound, no sort)`,
  };
}

export interface CoverageReport {
  shapes: number;
  covered: number;
  allowed: number;
  uncovered: Array<{ shape: QueryShape; why: string }>;
  /** Allow-list entries no shape of the run needed (stale, or the tests that send them did not run). */
  unusedEntries: AllowedShape[];
}

export function checkShapes(shapes: readonly QueryShape[], declared: DeclaredIndexes, allowList: AllowList): CoverageReport {
  // The same shape from several processes (two stacks, two database prefixes: one owner) counts once.
  const distinct = [...new Map(shapes.map((shape) => [JSON.stringify(shape), shape])).values()];
  const report: CoverageReport = { shapes: distinct.length, covered: 0, allowed: 0, uncovered: [], unusedEntries: [] };
  const used = new Set<AllowedShape>();
  for (const shape of distinct) {
    const verdict = checkShape(shape, declared, allowList);
    if (verdict.outcome === 'covered') report.covered++;
    else if (verdict.outcome === 'allowed') {
      report.allowed++;
      const entry = allowedEntry(withoutResidualFields(shape, allowList), allowList);
      if (entry) used.add(entry);
    } else report.uncovered.push({ shape, why: verdict.why });
  }
  report.unusedEntries = allowList.shapes.filter((entry) => !used.has(entry));
  return report;
}

export function formatCoverage(report: CoverageReport): string {
  const lines = [
    `[index coverage] ${report.shapes} query shapes: ${report.covered} covered by an index (ESR), ${report.allowed} allow-listed, ${report.uncovered.length} uncovered`,
  ];
  for (const { shape, why } of report.uncovered) {
    lines.push(`  UNCOVERED ${shape.database}.${shape.collection} ${shape.command} ${JSON.stringify({ equality: shape.equality, sort: shape.sort, range: shape.range, residual: shape.residual })}: ${why}`);
  }
  if (report.unusedEntries.length) lines.push(`  ${report.unusedEntries.length} allow-list entries were not needed by this run`);
  return lines.join('\n');
}

/** Every shape the processes of a run wrote to `dir`. */
export function readShapes(dir: string): QueryShape[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith(QUERY_SHAPES_FILE_PREFIX))
    .flatMap((name) => readFileSync(path.join(dir, name), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as QueryShape);
}

/**
 * The indexes the code declares, from the code that creates them: every subgraph's `prepare` and
 * the gateway's key store run on scratch databases of `uri`, whose indexes are then listed.
 */
export async function declaredIndexes(uri: string): Promise<DeclaredIndexes> {
  const prefix = `indexes_${randomBytes(3).toString('hex')}`;
  const databases = { ...(await openDatabases({ MONGODB_URI: uri, MONGODB_DB_PREFIX: prefix })), gateway: await database(uri, `${prefix}_gateway`) };
  try {
    await prepareDatabases(databases);
    await new ApiKeyStore(databases.gateway).ensureIndexes();
    const declared = new Map<string, DeclaredIndex[]>();
    for (const [owner, db] of Object.entries(databases)) {
      for (const { name: collection } of await db.listCollections({}, { nameOnly: true }).toArray()) {
        const indexes = await db.collection(collection).listIndexes().toArray();
        declared.set(
          `${owner}.${collection}`,
          indexes.map((index) => ({ name: index.name as string, key: Object.entries(index.key as Record<string, number>).map(([f, d]) => `${f}:${d}`) })),
        );
      }
    }
    return declared;
  } finally {
    await Promise.all(Object.values(databases).map((db) => db.dropDatabase()));
  }
}
