import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';

export interface TestDatabase {
  client: MongoClient;
  db: Db;
  /** Drops the database and closes the connection. */
  drop(): Promise<void>;
}

/** A fresh database on the run's engine, named after the suite so leftovers are easy to spot. */
export async function openTestDatabase(label: string): Promise<TestDatabase> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set: run the tests through jest (global setup starts the engine)');
  const client = await MongoClient.connect(uri);
  const db = client.db(`test_${label}_${randomBytes(4).toString('hex')}`);
  return {
    client,
    db,
    drop: async () => {
      await db.dropDatabase();
      await client.close();
    },
  };
}
