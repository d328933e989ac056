/**
 * Query shapes: what a read asks of a collection, without its values (they could hold personal
 * data): which fields it matches by equality, in which order it sorts, which fields it bounds.
 * With QUERY_SHAPES_DIR set (the test run sets it), every client the project opens appends the
 * shapes of its `find`, `aggregate`, `count` and `distinct` commands, each once, to a file of its
 * process in that folder; test/support/index-coverage.ts checks them against the declared indexes.
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { CommandStartedEvent, Document, MongoClient } from 'mongodb';
import { SUBGRAPH_NAMES } from '../platform/config';

export const QUERY_COMMANDS = ['find', 'aggregate', 'count', 'distinct'] as const;
export type QueryCommand = (typeof QUERY_COMMANDS)[number];

export interface QueryShape {
  /** The owner of the database (`catalogue`, `land`, …, `gateway`), or `test` for a test's own. */
  database: string;
  collection: string;
  command: QueryCommand;
  /** Fields matched by a value, `$in` (any element of a multikey index) or `$all`; sorted. */
  equality: string[];
  /** The sort, in order, as `field:1` or `field:-1`. */
  sort: string[];
  /** Fields bounded by `$gt`, `$lt`, `$regex`, `$ne`, `$exists`…, and the sort keys a keyset cursor bounds; sorted. */
  range: string[];
  /** Fields tested only inside an `$or` (or `$nor`, `$expr`) that is not a keyset cursor: filtered after any index; sorted. */
  residual: string[];
}

/** Operators that match one value or a set of them: equality in the ESR rule. */
const EQUALITY_OPERATORS = new Set(['$eq', '$in', '$all']);

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

interface FilterFields {
  equality: Set<string>;
  range: Set<string>;
  residual: Set<string>;
}

function fieldsOf(filter: Document, sortKeys: readonly string[], into: FilterFields): FilterFields {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and') {
      for (const clause of value as Document[]) fieldsOf(clause, sortKeys, into);
    } else if (key === '$or' || key === '$nor') {
      const branches = (value as Document[]).map((branch) => fieldsOf(branch, sortKeys, emptyFields()));
      const touched = branches.flatMap((b) => [...b.equality, ...b.range, ...b.residual]);
      // A keyset cursor: `$or` of (k1 > a) or (k1 = a and k2 > b), every branch on the sort keys.
      const keyset = key === '$or' && sortKeys.length > 0 && touched.every((field) => sortKeys.includes(field));
      for (const field of touched) (keyset ? into.range : into.residual).add(field);
    } else if (key.startsWith('$')) {
      into.residual.add(key);
    } else if (isOperatorObject(value)) {
      const operators = Object.keys(value);
      (operators.every((op) => EQUALITY_OPERATORS.has(op)) ? into.equality : into.range).add(key);
    } else if (value instanceof RegExp || (value as { _bsontype?: string } | null)?._bsontype === 'BSONRegExp') {
      into.range.add(key);
    } else {
      into.equality.add(key);
    }
  }
  return into;
}

const emptyFields = (): FilterFields => ({ equality: new Set(), range: new Set(), residual: new Set() });

/** The filter and sort a command reads by: a find's, the leading `$match` and `$sort` of a pipeline, a count's or distinct's query. */
function readOf(command: QueryCommand, body: Document): { filter: Document; sort: Array<[string, unknown]> } {
  switch (command) {
    case 'find':
      return { filter: body.filter ?? {}, sort: sortKeysOf(body.sort) };
    case 'aggregate': {
      const stages = (body.pipeline ?? []) as Document[];
      const filter = stages[0]?.$match as Document | undefined;
      return { filter: filter ?? {}, sort: sortKeysOf(stages[filter ? 1 : 0]?.$sort) };
    }
    case 'count':
    case 'distinct':
      return { filter: body.query ?? {}, sort: [] };
  }
}

/** A sort as the driver sends it (a Map, in order) or as written (an object). */
function sortKeysOf(sort: unknown): Array<[string, unknown]> {
  if (sort instanceof Map) return [...sort.entries()];
  return sort && typeof sort === 'object' ? Object.entries(sort) : [];
}

/** The owner of a database named `<prefix>_<owner>`, as the settings name them. */
function ownerOf(databaseName: string): string {
  const owner = databaseName.slice(databaseName.lastIndexOf('_') + 1);
  return (SUBGRAPH_NAMES as readonly string[]).includes(owner) || owner === 'gateway' ? owner : 'test';
}

const sorted = (fields: Iterable<string>) => [...fields].sort();

/** The shape of a command, or undefined for a command that is not a query of a collection. */
export function queryShapeOf(databaseName: string, commandName: string, body: Document): QueryShape | undefined {
  if (!(QUERY_COMMANDS as readonly string[]).includes(commandName)) return undefined;
  const command = commandName as QueryCommand;
  const collection = body[command];
  if (typeof collection !== 'string') return undefined;
  const { filter, sort } = readOf(command, body);
  const sortKeys = sort.map(([field]) => field);
  const fields = fieldsOf(filter, sortKeys, emptyFields());
  for (const field of fields.equality) fields.range.delete(field);
  return {
    database: ownerOf(databaseName),
    collection,
    command,
    equality: sorted(fields.equality),
    sort: sort.map(([field, direction]) => `${field}:${direction}`),
    range: sorted(fields.range),
    residual: sorted(fields.residual),
  };
}

export const QUERY_SHAPES_FILE_PREFIX = 'query-shapes-';

/** Shapes this process has written already, over all its clients. */
const seen = new Set<string>();

/**
 * With QUERY_SHAPES_DIR set, appends the shape of every query `client` sends, the first time it is
 * seen in this process, to `<QUERY_SHAPES_DIR>/query-shapes-<pid>.ndjson`. The client must have been
 * made with `monitorCommands: true`. Returns the client.
 */
export function recordQueryShapes(client: MongoClient): MongoClient {
  const dir = process.env.QUERY_SHAPES_DIR;
  if (!dir) return client;
  const file = path.join(dir, `${QUERY_SHAPES_FILE_PREFIX}${process.pid}.ndjson`);
  const record = (event: CommandStartedEvent) => {
    const shape = queryShapeOf(event.databaseName, event.commandName, event.command);
    if (!shape) return;
    const line = JSON.stringify(shape);
    if (seen.has(line)) return;
    seen.add(line);
    try {
      appendFileSync(file, `${line}\n`);
    } catch {
      // The folder is gone: the run that checks the shapes has ended (a server outlived it).
      client.off('commandStarted', record);
    }
  };
  client.on('commandStarted', record);
  return client;
}
