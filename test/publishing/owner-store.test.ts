/**
 * An owner's records are their own outbox: every change gives the changed records a new revision,
 * and the revision feed hands each record on, as it is now, in commit order, without repeating or
 * skipping one while writers run concurrently.
 */
import { OwnerRecordStore } from '../../publishing/owner-store';
import { storedRecord, type OwnedRecord } from '../../publishing/stored-record';
import { sampleRecords } from '../support/builders';
import { openTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let store: OwnerRecordStore;

beforeEach(async () => {
  database = await openTestDatabase('owner');
  store = new OwnerRecordStore(database.db, ['LandTransfer', 'LandExpropriation']);
  await store.ensureIndexes();
});
afterEach(async () => {
  await database.drop();
});

const records = (type: 'LandTransfer' | 'LandExpropriation', count: number, seed = 4): OwnedRecord[] =>
  sampleRecords(type, count, seed).map((input) => storedRecord({ input, agencyName: '岳阳县国土资源局', regionPath: [input.envelope.regionCode] }, 'DRAFT'));

async function readAll(first = 2): Promise<OwnedRecord[]> {
  const seen: OwnedRecord[] = [];
  let after = null;
  for (;;) {
    const page = await store.changesAfter(after, first);
    seen.push(...page.records);
    after = page.next;
    if (!page.hasMore) return seen;
  }
}

it('hands on every record once, across types, in revision order', async () => {
  const transfers = records('LandTransfer', 3);
  const expropriations = records('LandExpropriation', 2);
  await store.store(transfers, 'DRAFT');
  await store.store(expropriations, 'DRAFT');
  const read = await readAll();
  expect(read.map((r) => r._id)).toEqual([...transfers.map((r) => r._id).sort(), ...expropriations.map((r) => r._id).sort()]);
  expect(new Set(read.map((r) => r.revision)).size).toBe(2);
});

it('leaves a record stored exactly so as it is: no new revision, its review state kept', async () => {
  const [first] = records('LandTransfer', 1);
  await store.store([first], 'DRAFT');
  await store.setStatus([first._id], 'REVIEWED', () => undefined);
  const again = await store.store([first], 'DRAFT');
  expect(again.results).toEqual([{ indexNumber: first._id, type: 'LandTransfer', status: 'REVIEWED', changed: false }]);
  const [stored] = await readAll();
  expect(stored.status).toBe('REVIEWED');
});

it('moves a changed record to the end of the feed, with its current state', async () => {
  const [a, b] = records('LandTransfer', 2);
  await store.store([a, b], 'DRAFT');
  const start = await store.changesAfter(null, 10);
  await store.setStatus([a._id], 'REVIEWED', () => undefined);
  const next = await store.changesAfter(start.next, 10);
  expect(next.records.map((r) => [r._id, r.status])).toEqual([[a._id, 'REVIEWED']]);
});

it('refuses an index number that belongs to another type, and a refused move changes nothing', async () => {
  const [transfer] = records('LandTransfer', 1);
  await store.store([transfer], 'DRAFT');
  const [expropriation] = records('LandExpropriation', 1);
  const clash = await store.store([{ ...expropriation, _id: transfer._id }], 'DRAFT');
  expect(clash.rejected).toEqual([{ indexNumber: transfer._id, field: 'envelope.indexNumber', reason: 'index number already belongs to a LandTransfer' }]);
  const refused = await store.setStatus([transfer._id, 'missing'], 'PUBLISHED', (record) => (record ? undefined : 'no such record'));
  expect(refused.refused).toEqual([{ indexNumber: 'missing', field: 'indexNumbers', reason: 'no such record' }]);
  expect((await store.findByIds([transfer._id])).get(transfer._id)?.status).toBe('DRAFT');
});

it('gives concurrent writers distinct revisions and a reader every record once', async () => {
  const batches = Array.from({ length: 8 }, (_, i) => records('LandTransfer', 3, 100 + i));
  await Promise.all(batches.map((batch) => store.store(batch, 'DRAFT')));
  const read = await readAll(5);
  expect(read.map((r) => r._id).sort()).toEqual(batches.flat().map((r) => r._id).sort());
  expect(new Set(read.map((r) => r.revision)).size).toBe(8);
});
