/**
 * Where the gateway keeps the agencies' API keys: the `apiKeys` collection of its own database
 * (GATEWAY_MONGODB_URI / GATEWAY_DB). Storage only; what a key means is api-key-manager.ts.
 */
import type { Collection, Db } from 'mongodb';
import { ensureIndexes } from '../../storage/mongo';

/** An agency's API key as stored: only a hash of its secret, never the secret. */
export interface StoredApiKey {
  /** The key's public id, the middle part of `gdk_<id>_<secret>`. */
  _id: string;
  agencyCode: string;
  label: string;
  /** SHA-256 of the secret, hex. Keys are 256 random bits, so a fast hash is enough. */
  secretHash: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export const API_KEYS = 'apiKeys';

export class ApiKeyStore {
  readonly keys: Collection<StoredApiKey>;

  constructor(db: Db) {
    this.keys = db.collection<StoredApiKey>(API_KEYS);
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.keys as never, [{ key: { agencyCode: 1, createdAt: 1 }, name: 'agency_created' }]);
  }

  async insert(key: StoredApiKey): Promise<void> {
    await this.keys.insertOne(key);
  }

  findById(id: string): Promise<StoredApiKey | null> {
    return this.keys.findOne({ _id: id });
  }

  /** Marks an active key revoked; false when there is no active key with that id. */
  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.keys.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at } });
    return result.modifiedCount === 1;
  }

  /** Keys in the order they were created, of one agency or of all. */
  list(agencyCode?: string): Promise<StoredApiKey[]> {
    return this.keys.find(agencyCode ? { agencyCode } : {}).sort({ createdAt: 1, _id: 1 }).toArray();
  }
}
