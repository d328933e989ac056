/**
 * `npm run reindex` as a user runs it: a catalogue index damaged by hand (an entry lost, one stale,
 * one left behind by a deleted record) is rebuilt from the domain collections, and the change feed
 * is told what the public now sees differently.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import { openDatabases } from '../../scripts/lib/databases';
import { loadReferenceData } from '../../scripts/sample/load';
import type { SubgraphName } from '../../platform/config';
import { CATALOGUE_ENTRIES } from '../../model/record-types';
import { localPublisher } from '../../scripts/lib/databases';
import { closeMongoClients } from '../../storage/mongo';
import { sampleRecords } from '../support/builders';
import { runScript } from '../support/process';

const prefix = `t_reindex_${randomBytes(3).toString('hex')}`;
let databases: Record<SubgraphName, Db>;

const reindex = () => runScript('scripts/reindex.ts', [], { MONGODB_DB_PREFIX: prefix });

const entries = () => databases.catalogue.collection<{ _id: string; title: string; status: string }>(CATALOGUE_ENTRIES);
const sorted = () => entries().find().sort({ _id: 1 }).toArray();

beforeAll(async () => {
  databases = await openDatabases({ ...process.env, MONGODB_DB_PREFIX: prefix });
  await loadReferenceData(databases.catalogue);
  await localPublisher(databases).write([...sampleRecords('LandTransfer', 3), ...sampleRecords('SchoolFee', 2)]);
});

afterAll(async () => {
  await Promise.all(Object.values(databases).map((db) => db.dropDatabase()));
  await closeMongoClients();
});

describe('npm run reindex', () => {
  it('restores a lost entry, refreshes a stale one, removes an orphan, and logs the public changes', async () => {
    const intact = await sorted();
    const [lost, stale, kept] = intact;
    const orphan = { ...kept, _id: `${kept._id}9`, title: '已删除记录' };
    await entries().deleteOne({ _id: lost._id });
    await entries().updateOne({ _id: stale._id }, { $set: { title: '过时的标题' } });
    await entries().insertOne(orphan);
    const changes = databases.catalogue.collection<{ _id: number; indexNumber: string }>('changes');
    const lastBefore = (await changes.find().sort({ _id: -1 }).limit(1).toArray())[0]._id;

    const run = await reindex();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^read 5 records in [\d.]+ s: 1 entries restored, 1 refreshed, 1 removed, 0 records without an entry$/m);
    expect(run.stderr).toContain('reindexing: 5/5 (100%)');
    expect(await sorted()).toEqual(intact);
    const logged = await changes.find({ _id: { $gt: lastBefore } }).sort({ _id: 1 }).toArray();
    expect(logged.map((c) => c.indexNumber).sort()).toEqual([lost._id, stale._id, orphan._id].sort());
  });

  it('changes nothing on an intact index', async () => {
    const before = await sorted();
    const run = await reindex();
    expect(run.stdout).toMatch(/: 0 entries restored, 0 refreshed, 0 removed, 0 records without an entry$/m);
    expect(await sorted()).toEqual(before);
  });

  it('refuses arguments with exit code 2', async () => {
    const { code, stderr } = await runScript('scripts/reindex.ts', ['--all']);
    expect(code).toBe(2);
    expect(stderr).toContain('npm run reindex takes no arguments; got --all');
  });
});
