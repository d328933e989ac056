import {
  MongoBulkWriteError,
  MongoClient,
  type Collection,
  type Db,
  type Document,
  type Filter,
  type IndexDescription,
  type IndexSpecification,
  type OptionalUnlessRequiredId,
  type WithoutId,
} from 'mongodb';
import { recordQueryShapes } from './query-shapes';

export const DUPLICATE_KEY = 11000;

/**
 * How long an operation waits for the engine to be reachable before it fails (the driver's
 * serverSelectionTimeoutMS): well under the gateway's 10 s subgraph timeout, so a request during an
 * engine restart is answered at once with DATABASE_UNAVAILABLE (platform/errors.ts).
 */
export const DATABASE_SELECTION_TIMEOUT_MS = 1_500;

/** One client per URI in a process, shared by the subgraphs that run in it. */
const clients = new Map<string, Promise<MongoClient>>();

export function mongoClient(uri: string): Promise<MongoClient> {
  let client = clients.get(uri);
  if (!client) {
    client = MongoClient.connect(uri, {
      appName: 'gov-disclosure-catalogue',
      serverSelectionTimeoutMS: DATABASE_SELECTION_TIMEOUT_MS,
      // Command events let tests and benchmarks count the commands a request costs.
      monitorCommands: true,
    }).then(recordQueryShapes);
    clients.set(uri, client);
    client.catch(() => clients.delete(uri));
  }
  return client;
}

export async function database(uri: string, name: string): Promise<Db> {
  return (await mongoClient(uri)).db(name);
}

export async function closeMongoClients(): Promise<void> {
  const all = [...clients.values()];
  clients.clear();
  await Promise.allSettled(all.map(async (client) => (await client).close()));
}

/**
 * FerretDB v1.24 stops answering an `update` command that replaces many existing documents at once
 * (118 never returned; 40 took 0.1 s), so replacements go in chunks of this size.
 */
const REPLACE_CHUNK = 25;

/**
 * Writes documents by `_id`: inserts those that do not exist yet (an upsert costs FerretDB about
 * 20 ms a document, an insert a fraction of one), replaces those whose stored content differs, and
 * leaves identical ones alone. An insert that meets an `_id` written meanwhile by someone else is
 * retried as a replacement, so the outcome is the same. Returns how many documents changed.
 */
export async function storeById<T extends Document & { _id: string }>(
  collection: Collection<T>,
  documents: readonly T[],
  existing: ReadonlyMap<string, Document>,
): Promise<number> {
  const fresh = documents.filter((d) => !existing.has(d._id));
  const replacements = documents.filter((d) => existing.has(d._id) && !sameContent(existing.get(d._id) as Document, d));
  let inserted = fresh.length;
  if (fresh.length) {
    try {
      await collection.insertMany(fresh as OptionalUnlessRequiredId<T>[], { ordered: false });
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (writeErrors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
      replacements.push(...writeErrors.map((e) => fresh[e.index]));
      inserted -= writeErrors.length;
    }
  }
  for (let i = 0; i < replacements.length; i += REPLACE_CHUNK) {
    await collection.bulkWrite(
      replacements
        .slice(i, i + REPLACE_CHUNK)
        .map((d) => ({ replaceOne: { filter: { _id: d._id } as Filter<T>, replacement: d as WithoutId<T>, upsert: true } })),
      { ordered: false },
    );
  }
  return inserted + replacements.length;
}

/** Whether two documents hold the same fields and values (dates by instant, key order ignored). */
export function sameContent(a: Document, b: Document): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value instanceof Date) return `D${value.getTime()}`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Creates indexes one command each. FerretDB v1.24 crashes the connection when one createIndexes
 * command names several indexes that already exist, which every restart would do; one at a time,
 * an existing index is a no-op on every engine. An index whose declared key changed under the same
 * name is dropped and made again (the engines refuse the new key otherwise), so a database made by
 * an earlier version starts.
 */
export async function ensureIndexes(collection: Collection<Document>, indexes: readonly IndexDescription[]): Promise<void> {
  const existing = await existingIndexKeys(collection);
  for (const { key, ...options } of indexes) {
    const before = options.name === undefined ? undefined : existing.get(options.name);
    if (before !== undefined && before !== JSON.stringify(key)) await collection.dropIndex(options.name as string);
    await collection.createIndex(key as IndexSpecification, options);
  }
}

/** Each index of the collection by name, with its key as JSON (field order kept); none when the collection does not exist yet. */
async function existingIndexKeys(collection: Collection<Document>): Promise<Map<string, string>> {
  const listed = await collection
    .listIndexes()
    .toArray()
    .catch((error: { codeName?: string }) => {
      if (error.codeName === 'NamespaceNotFound') return [];
      throw error;
    });
  return new Map(listed.map((index) => [String(index.name), JSON.stringify(index.key)]));
}
