import { MongoClient, type Db } from 'mongodb';

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
