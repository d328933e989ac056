/**
 * The change log's ordering guarantee, against the engine: a reader never passes a run of sequence
 * numbers that a writer took and has not committed yet, so a slow writer's changes are never
 * skipped; a record that changes again keeps one entry, its latest.
 */
import { BLOCK_SIZE, ChangeLog } from '../../publishing/change-log';
import type { StoredEnvelope } from '../../model/envelope';
import { openTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let log: ChangeLog;

beforeEach(async () => {
  database = await openTestDatabase('changelog');
  log = new ChangeLog(database.db);
  await log.ensureIndexes();
});
afterEach(async () => {
  await database.drop();
});

const record = (indexNumber: string): Pick<StoredEnvelope, '_id' | 'type' | 'domain' | 'agencyCode' | 'category'> => ({
  _id: indexNumber,
  type: 'LandTransfer',
  domain: 'LAND',
  agencyCode: '11430621MB1528837Y',
  category: '土地出让',
});

const indexNumbersOf = (page: { changes: Array<{ indexNumber: string }> }) => page.changes.map((c) => c.indexNumber);

it('holds readers before a run a slow writer has not committed, then hands on both runs in order', async () => {
  const slow = await log.begin([record('a1'), record('a2')]);
  const fast = await log.begin([record('b1')]);
  await log.commit(fast);

  const held = await log.read(0, 10);
  expect(indexNumbersOf(held)).toEqual([]);
  expect(held).toMatchObject({ after: 0, hasMore: true });

  await log.commit(slow);
  const all = await log.read(0, 10);
  expect(indexNumbersOf(all)).toEqual(['a1', 'a2', 'b1']);
  expect(all.hasMore).toBe(false);
  expect(indexNumbersOf(await log.read(all.after, 10))).toEqual([]);
});

it('hands on what comes before a pending run, and says more is coming', async () => {
  await log.commit(await log.begin([record('a1')]));
  const pending = await log.begin([record('b1')]);
  const page = await log.read(0, 10);
  expect(indexNumbersOf(page)).toEqual(['a1']);
  expect(page.hasMore).toBe(true);
  await log.commit(pending);
  expect(indexNumbersOf(await log.read(page.after, 10))).toEqual(['b1']);
});

it('keeps one entry per record: the latest, also for a record twice in one batch', async () => {
  await log.commit(await log.begin([record('a1'), record('a2')]));
  await log.commit(await log.begin([record('a1'), record('a3'), record('a3')]));
  const page = await log.read(0, 10);
  expect(page.changes.map((c) => [c.indexNumber, c._id])).toEqual([
    ['a2', BLOCK_SIZE + 1],
    ['a1', 2 * BLOCK_SIZE],
    ['a3', 2 * BLOCK_SIZE + 2],
  ]);
});

it('pages by sequence without repeating or missing an entry', async () => {
  await log.commit(await log.begin(['r1', 'r2', 'r3', 'r4', 'r5'].map(record)));
  const first = await log.read(0, 2);
  const second = await log.read(first.after, 2);
  const third = await log.read(second.after, 2);
  expect([first, second, third].map(indexNumbersOf)).toEqual([['r1', 'r2'], ['r3', 'r4'], ['r5']]);
  expect([first.hasMore, second.hasMore, third.hasMore]).toEqual([true, true, false]);
});

it('gives concurrent writers distinct runs of sequence numbers, and a reader every entry once', async () => {
  const writers = Array.from({ length: 12 }, (_, w) => [`w${w}a`, `w${w}b`, `w${w}c`]);
  const batches = await Promise.all(writers.map((names) => log.begin(names.map(record))));
  const sequences = batches.flatMap((batch) => batch.entries.map((entry) => entry._id));
  expect(new Set(sequences).size).toBe(36);
  await Promise.all(batches.map((batch) => log.commit(batch)));
  const page = await log.read(0, 100);
  expect(indexNumbersOf(page).sort()).toEqual(writers.flat().sort());
  expect(page.changes.map((c) => c._id)).toEqual([...sequences].sort((a, b) => a - b));
});

it('does not hold readers behind a run whose writer gave up (the engine went away mid-batch)', async () => {
  const abandoned = await log.begin([record('a1')]);
  await log.commit(await log.begin([record('b1')]));
  expect(indexNumbersOf(await log.read(0, 10))).toEqual([]);
  log.abandon(abandoned);
  const page = await log.read(0, 10);
  expect(indexNumbersOf(page)).toEqual(['a1', 'b1']);
  expect(page.hasMore).toBe(false);
});
