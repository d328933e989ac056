/**
 * Idempotency keys of the mutations (IETF draft-ietf-httpapi-idempotency-key-header), in the
 * database of the subgraph that answers them: one document per caller's API key and idempotency key,
 * with a fingerprint of the request, its state (in flight or done), the first outcome once there is
 * one, and an expiry.
 */
import { randomUUID } from 'node:crypto';
import { MongoServerError, type Collection, type Db } from 'mongodb';
import { DUPLICATE_KEY } from '../storage/mongo';

export const IDEMPOTENCY_COLLECTION = 'idempotencyKeys';
/** One document per claim taken over (an expired key, an abandoned request): its unique `_id` elects one taker. */
export const IDEMPOTENCY_TAKEOVERS_COLLECTION = 'idempotencyTakeovers';
/** How long a key and its first outcome are kept. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
/**
 * A request in flight longer than this is taken to have died with its process, and a retry with the
 * key runs the mutation again (the write path makes that safe: re-sending converges).
 */
export const IN_FLIGHT_LEASE_MS = 60_000;
/** Where the engine has no TTL indexes (FerretDB v1.24), expired keys are swept this often, on use. */
const SWEEP_INTERVAL_MS = 10 * 60_000;

/** The first outcome of a request: its HTTP status and its JSON body. */
export interface StoredOutcome {
  status: number;
  body: string;
}

interface IdempotencyDocument {
  /** `<API key id>:<idempotency key>`. */
  _id: string;
  fingerprint: string;
  state: 'in-flight' | 'done';
  /** Who holds the key while in flight: only that request completes or releases it. */
  claimId: string;
  startedAt: Date;
  expiresAt: Date;
  outcome?: StoredOutcome;
}

/** What a request with an idempotency key should do. */
export type Claim =
  | { kind: 'claimed'; complete(outcome: StoredOutcome): Promise<void>; release(): Promise<void> }
  | { kind: 'replay'; outcome: StoredOutcome }
  | { kind: 'other-request' }
  | { kind: 'in-flight' };

interface TakeoverDocument {
  /** `<key document _id>~<claimId taken over>`. */
  _id: string;
  expiresAt: Date;
}

/** Whether inserting `document` won (false: a document with its `_id` was there first). */
async function insertFirst<T extends { _id: string }>(collection: Collection<T>, document: T): Promise<boolean> {
  try {
    await collection.insertOne(document as Parameters<Collection<T>['insertOne']>[0]);
    return true;
  } catch (error) {
    if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return false;
    throw error;
  }
}

/**
 * Every decision between concurrent requests is an insert with a unique `_id`, never a conditional
 * update: FerretDB v1.24 does not apply an update's filter and change atomically (README, "What the
 * engine taught us"), so two retries could both take over one claim.
 */
export class IdempotencyStore {
  private readonly keys: Collection<IdempotencyDocument>;
  private readonly takeovers: Collection<TakeoverDocument>;
  private ttlIndex = false;
  private lastSweep = 0;

  constructor(db: Db) {
    this.keys = db.collection<IdempotencyDocument>(IDEMPOTENCY_COLLECTION);
    this.takeovers = db.collection<TakeoverDocument>(IDEMPOTENCY_TAKEOVERS_COLLECTION);
  }

  /** A TTL index on the expiry where the engine has them; otherwise claims sweep expired documents. */
  async ensureIndexes(): Promise<void> {
    try {
      await this.keys.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
      await this.takeovers.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
      this.ttlIndex = true;
    } catch (error) {
      if (!(error instanceof MongoServerError && /expireAfterSeconds/.test(error.message))) throw error;
    }
  }

  /**
   * Takes `key` of `keyId` for the request with `fingerprint`, or says what became of it: the first
   * outcome of the same request, another request under the key, or the same one still in flight.
   */
  async claim(keyId: string, key: string, fingerprint: string): Promise<Claim> {
    await this.sweep();
    const _id = `${keyId}:${key}`;
    for (;;) {
      const now = new Date();
      const claimId = randomUUID();
      const fresh: IdempotencyDocument = { _id, fingerprint, state: 'in-flight', claimId, startedAt: now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) };
      if (await insertFirst(this.keys, fresh)) return this.claimed(_id, claimId);
      const existing = await this.keys.findOne({ _id });
      if (!existing) continue;
      const expired = existing.expiresAt <= now;
      const abandoned = existing.state === 'in-flight' && now.getTime() - existing.startedAt.getTime() > IN_FLIGHT_LEASE_MS;
      if (!expired) {
        if (existing.fingerprint !== fingerprint) return { kind: 'other-request' };
        if (existing.state === 'done' && existing.outcome) return { kind: 'replay', outcome: existing.outcome };
        if (!abandoned) return { kind: 'in-flight' };
      }
      // An expired key is free again; an abandoned claim is taken over, by the one taker whose insert wins.
      if (!(await insertFirst(this.takeovers, { _id: `${_id}~${existing.claimId}`, expiresAt: fresh.expiresAt }))) return { kind: 'in-flight' };
      await this.keys.replaceOne({ _id }, fresh);
      return this.claimed(_id, claimId);
    }
  }

  private claimed(_id: string, claimId: string): Claim {
    return {
      kind: 'claimed',
      complete: async (outcome) => {
        const expiresAt = new Date(Date.now() + IDEMPOTENCY_TTL_MS);
        await this.keys.updateOne({ _id, claimId }, { $set: { state: 'done', outcome, expiresAt } });
      },
      release: async () => {
        await this.keys.deleteOne({ _id, claimId });
      },
    };
  }

  private async sweep(): Promise<void> {
    if (this.ttlIndex || Date.now() - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = Date.now();
    const now = new Date();
    await this.keys.deleteMany({ expiresAt: { $lte: now } });
    await this.takeovers.deleteMany({ expiresAt: { $lte: now } });
  }
}
