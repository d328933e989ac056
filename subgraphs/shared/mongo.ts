import {
  MongoBulkWriteError,
  MongoClient,
  type Collection,
  type Db,
  type Document,
  type Filter,
  type OptionalUnlessRequiredId,
  type WithoutId,
} from 'mongodb';

export const DUPLICATE_KEY = 11000;

/** One client per URI in a process, shared by the subgraphs that run in it. */
const clients = new Map<string, Promise<MongoClient>>();

export function mongoClient(uri: string): Promise<MongoClient> {
  let client = clients.get(uri);
  if (!client) {
    client = MongoClient.connect(uri, { appName: 'gov-disclosure-catalogue', serverSelectionTimeoutMS: 10_000 });
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
 * Writes documents by `_id`: inserts those not known to exist (an upsert costs FerretDB about 20 ms
 * a document, an insert a fraction of one) and replaces the rest. An insert that meets an `_id`
 * written meanwhile by someone else is retried as a replacement, so the outcome is the same.
 */
export async function storeById<T extends Document & { _id: string }>(
  collection: Collection<T>,
  documents: readonly T[],
  existing: ReadonlySet<string>,
): Promise<void> {
  const fresh = documents.filter((d) => !existing.has(d._id));
  const replacements = documents.filter((d) => existing.has(d._id));
  if (fresh.length) {
    try {
      await collection.insertMany(fresh as OptionalUnlessRequiredId<T>[], { ordered: false });
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (writeErrors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
      replacements.push(...writeErrors.map((e) => fresh[e.index]));
    }
  }
  if (replacements.length) {
    await collection.bulkWrite(
      replacements.map((d) => ({ replaceOne: { filter: { _id: d._id } as Filter<T>, replacement: d as WithoutId<T>, upsert: true } })),
      { ordered: false },
    );
  }
}
