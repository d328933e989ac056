/**
 * The idempotency store on the real engine: one claim per key at a time, the first outcome kept,
 * a claim whose holder died (older than the lease) taken over by exactly one retry, whose late
 * completion then changes nothing, and an expired key free again.
 */
import { IdempotencyStore, IDEMPOTENCY_COLLECTION, IN_FLIGHT_LEASE_MS, type Claim } from '../../publishing/idempotency-store';
import { openTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let store: IdempotencyStore;

beforeAll(async () => {
  database = await openTestDatabase('idempotency_store');
  store = new IdempotencyStore(database.db);
  await store.ensureIndexes();
});

afterAll(async () => {
  await database?.drop();
});

function claimed(claim: Claim): Extract<Claim, { kind: 'claimed' }> {
  if (claim.kind !== 'claimed') throw new Error(`expected a claim, got ${claim.kind}`);
  return claim;
}

const keys = () => database.db.collection<{ _id: string; startedAt: Date; expiresAt: Date }>(IDEMPOTENCY_COLLECTION);

it('gives a key to one of several concurrent requests; the others are told it is in flight', async () => {
  const claims = await Promise.all(Array.from({ length: 5 }, () => store.claim('key1', 'concurrent', 'f1')));
  expect(claims.map((c) => c.kind).sort()).toEqual(['claimed', 'in-flight', 'in-flight', 'in-flight', 'in-flight']);
});

it('keeps the first outcome for the same request, and refuses another request under the key', async () => {
  await claimed(await store.claim('key1', 'kept', 'f1')).complete({ status: 200, body: '{"data":{"x":1}}' });
  expect(await store.claim('key1', 'kept', 'f1')).toEqual({ kind: 'replay', outcome: { status: 200, body: '{"data":{"x":1}}' } });
  expect(await store.claim('key1', 'kept', 'f2')).toEqual({ kind: 'other-request' });
  expect((await store.claim('key2', 'kept', 'f2')).kind).toBe('claimed');
});

it('frees a released key for the next request', async () => {
  await claimed(await store.claim('key1', 'released', 'f1')).release();
  expect((await store.claim('key1', 'released', 'f1')).kind).toBe('claimed');
});

it('lets one retry take over a claim older than the lease; the late first holder then changes nothing', async () => {
  const first = claimed(await store.claim('key1', 'abandoned', 'f1'));
  await keys().updateOne({ _id: 'key1:abandoned' }, { $set: { startedAt: new Date(Date.now() - IN_FLIGHT_LEASE_MS - 1_000) } });
  const retries = await Promise.all([store.claim('key1', 'abandoned', 'f1'), store.claim('key1', 'abandoned', 'f1')]);
  expect(retries.map((c) => c.kind).sort()).toEqual(['claimed', 'in-flight']);
  await first.complete({ status: 200, body: '{"data":{"late":true}}' });
  expect((await store.claim('key1', 'abandoned', 'f1')).kind).toBe('in-flight');
  await claimed(retries.find((c) => c.kind === 'claimed') as Claim).complete({ status: 200, body: '{"data":{"retry":true}}' });
  expect(await store.claim('key1', 'abandoned', 'f1')).toEqual({ kind: 'replay', outcome: { status: 200, body: '{"data":{"retry":true}}' } });
});

it('treats an expired key as free, for any request', async () => {
  await claimed(await store.claim('key1', 'expired', 'f1')).complete({ status: 200, body: '{}' });
  await keys().updateOne({ _id: 'key1:expired' }, { $set: { expiresAt: new Date(Date.now() - 1_000) } });
  expect((await store.claim('key1', 'expired', 'f2')).kind).toBe('claimed');
});
