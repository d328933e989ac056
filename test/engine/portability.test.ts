/**
 * Every query shape the project relies on, run against the chosen engine (FerretDB here, MongoDB 6+
 * anywhere else). When code starts using a new shape, add it here first: ENGINE.md lists the subset.
 */
import { MongoBulkWriteError, MongoClient, MongoServerError, type Collection, type IndexDescription } from 'mongodb';
import { ensureIndexes, storeById } from '../../storage/mongo';
import { openTestDatabase, type TestDatabase } from '../support/database';

interface Doc {
  _id: string;
  agency: string;
  year: number;
  publishedAt: Date;
  terms: string[];
  amountFen: number;
  title: string;
}

function doc(n: number, overrides: Partial<Doc> = {}): Doc {
  return {
    _id: `idx-${String(n).padStart(4, '0')}`,
    agency: n % 3 === 0 ? 'A' : 'B',
    year: 2014 + (n % 4),
    // several records share one timestamp so the tie-breaker is exercised
    publishedAt: new Date(Date.UTC(2020, 0, 1 + Math.floor(n / 3))),
    terms: n % 2 === 0 ? ['征地', '补偿'] : ['预算'],
    amountFen: n * 100,
    title: `文件${n}`,
    ...overrides,
  };
}

let database: TestDatabase;
let records: Collection<Doc>;

beforeAll(async () => {
  database = await openTestDatabase('portability');
});
afterAll(async () => {
  await database.drop();
});
beforeEach(async () => {
  records = database.db.collection<Doc>(`records_${Math.random().toString(36).slice(2, 8)}`);
});

describe('indexes', () => {
  it('a unique index rejects a duplicate with code 11000', async () => {
    await records.createIndex({ title: 1 }, { unique: true });
    await records.insertOne(doc(1));
    const error = await records.insertOne(doc(2, { title: '文件1' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(11000);
    expect(await records.countDocuments()).toBe(1);
  });

  it('creating existing indexes again, one command each, changes nothing (as every restart does)', async () => {
    const indexes: IndexDescription[] = [
      { key: { publishedAt: -1, _id: -1 }, name: 'published_desc' },
      { key: { terms: 1 }, name: 'terms' },
    ];
    await ensureIndexes(records as never, indexes);
    await ensureIndexes(records as never, indexes);
    expect((await records.listIndexes().toArray()).map((i) => i.name).sort()).toEqual(['_id_', 'published_desc', 'terms']);
  });

  it('makes again an index whose declared key changed under the same name, keeping the others and the documents', async () => {
    await records.insertMany([doc(1), doc(2)]);
    await ensureIndexes(records as never, [
      { key: { agency: 1, publishedAt: -1 }, name: 'agency_published' },
      { key: { terms: 1 }, name: 'terms' },
    ]);
    await ensureIndexes(records as never, [
      { key: { agency: 1, publishedAt: -1, _id: -1 }, name: 'agency_published' },
      { key: { terms: 1 }, name: 'terms' },
    ]);
    const keys = Object.fromEntries((await records.listIndexes().toArray()).map((i) => [i.name, i.key]));
    expect(keys).toEqual({ _id_: { _id: 1 }, agency_published: { agency: 1, publishedAt: -1, _id: -1 }, terms: { terms: 1 } });
    expect(await records.countDocuments()).toBe(2);
  });

  it('creates the declared indexes of a collection that does not exist yet', async () => {
    await ensureIndexes(records as never, [{ key: { agency: 1 }, name: 'agency' }]);
    expect((await records.listIndexes().toArray()).map((i) => i.name).sort()).toEqual(['_id_', 'agency']);
  });

  it('creates compound indexes and lists them', async () => {
    await records.createIndexes([
      { key: { publishedAt: -1, _id: -1 }, name: 'published_desc' },
      { key: { agency: 1, year: 1 }, name: 'agency_year' },
    ]);
    const names = (await records.listIndexes().toArray()).map((i) => i.name).sort();
    expect(names).toEqual(['_id_', 'agency_year', 'published_desc']);
  });
});

describe('writes', () => {
  it('an upsert run twice leaves one document with the second values', async () => {
    for (const title of ['first', 'second']) {
      await records.updateOne(
        { _id: 'idx-0001' },
        { $set: { title }, $setOnInsert: { year: 2020 } },
        { upsert: true },
      );
    }
    expect(await records.find().toArray()).toEqual([{ _id: 'idx-0001', title: 'second', year: 2020 }]);
  });

  it('findOneAndUpdate with upsert returns the document after the update', async () => {
    const first = await records.findOneAndUpdate(
      { _id: 'counter' as string },
      { $inc: { amountFen: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    const second = await records.findOneAndUpdate(
      { _id: 'counter' as string },
      { $inc: { amountFen: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(first?.amountFen).toBe(1);
    expect(second?.amountFen).toBe(2);
  });

  it('bulkWrite applies inserts, upserts, updates and deletes in one command', async () => {
    await records.insertMany([doc(1), doc(2)]);
    const result = await records.bulkWrite([
      { insertOne: { document: doc(3) } },
      { updateOne: { filter: { _id: 'idx-0004' }, update: { $set: doc(4) }, upsert: true } },
      { updateOne: { filter: { _id: 'idx-0001' }, update: { $set: { title: 'changed' } } } },
      { deleteOne: { filter: { _id: 'idx-0002' } } },
    ]);
    expect(result.insertedCount).toBe(1);
    expect(result.upsertedCount).toBe(1);
    expect(result.modifiedCount).toBe(1);
    expect(result.deletedCount).toBe(1);
    expect((await records.find().sort({ _id: 1 }).toArray()).map((d) => [d._id, d.title])).toEqual([
      ['idx-0001', 'changed'],
      ['idx-0003', '文件3'],
      ['idx-0004', '文件4'],
    ]);
  });

  it('unordered insertMany stores the new documents and reports each duplicate with its position', async () => {
    await records.insertOne(doc(2));
    const error = await records
      .insertMany([doc(1), doc(2), doc(3)], { ordered: false })
      .catch((e: unknown) => e as MongoBulkWriteError);
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const writeErrors = [(error as MongoBulkWriteError).writeErrors].flat();
    expect(writeErrors.map((e) => [e.index, e.code])).toEqual([[1, 11000]]);
    expect((await records.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['idx-0001', 'idx-0002', 'idx-0003']);
  });

  it('replacing many existing documents goes through in chunks, and identical ones are left alone', async () => {
    const originals = Array.from({ length: 120 }, (_, i) => doc(i + 1));
    await records.insertMany(originals);
    const existing = new Map(originals.map((d) => [d._id, d]));
    const changed = originals.map((d, i) => (i % 2 ? { ...d, title: `改${d.title}` } : d));
    expect(await storeById(records, changed, existing)).toBe(60);
    expect(await records.countDocuments({ title: { $regex: '^改' } })).toBe(60);
    expect(await storeById(records, changed, new Map(changed.map((d) => [d._id, d])))).toBe(0);
  });

  it('unordered bulkWrite stores the good documents and reports the duplicate', async () => {
    await records.insertOne(doc(1));
    const error = await records
      .bulkWrite([{ insertOne: { document: doc(1) } }, { insertOne: { document: doc(2) } }], { ordered: false })
      .catch((e: unknown) => e as { writeErrors?: unknown; code?: number });
    expect(error).toMatchObject({ code: 11000 });
    expect(await records.countDocuments()).toBe(2);
  });
});

describe('reads', () => {
  beforeEach(async () => {
    await records.insertMany(Array.from({ length: 30 }, (_, i) => doc(i + 1)));
  });

  // FerretDB v1.24 computes only the first accumulator of a $group (later ones come back 0), so the
  // project keeps to one accumulator per $group and runs a second aggregation for a second figure.
  it('$group with one accumulator counts, and another $group sums, by a field', async () => {
    const all = Array.from({ length: 30 }, (_, i) => doc(i + 1)).filter((d) => d.year >= 2015);
    const byAgency = (agency: string) => all.filter((d) => d.agency === agency);
    const counts = await records
      .aggregate([
        { $match: { year: { $gte: 2015 } } },
        { $group: { _id: '$agency', count: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    const sums = await records
      .aggregate([
        { $match: { year: { $gte: 2015 } } },
        { $group: { _id: '$agency', amountFen: { $sum: '$amountFen' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(counts).toEqual([
      { _id: 'A', count: byAgency('A').length },
      { _id: 'B', count: byAgency('B').length },
    ]);
    expect(sums).toEqual([
      { _id: 'A', amountFen: byAgency('A').reduce((s, d) => s + d.amountFen, 0) },
      { _id: 'B', amountFen: byAgency('B').reduce((s, d) => s + d.amountFen, 0) },
    ]);
  });

  it('$group on a compound key counts each combination', async () => {
    const groups = await records
      .aggregate<{ _id: { agency: string; year: number }; count: number }>([
        { $group: { _id: { agency: '$agency', year: '$year' }, count: { $sum: 1 } } },
        { $sort: { '_id.agency': 1, '_id.year': 1 } },
      ])
      .toArray();
    const expected = new Map<string, number>();
    for (const d of Array.from({ length: 30 }, (_, i) => doc(i + 1))) {
      const key = `${d.agency}/${d.year}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(groups.map((g) => [`${g._id.agency}/${g._id.year}`, g.count])).toEqual([...expected].sort());
  });

  it('$unwind then $group counts array elements', async () => {
    const groups = await records
      .aggregate<{ _id: string; count: number }>([
        { $unwind: '$terms' },
        { $group: { _id: '$terms', count: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(groups).toEqual([
      { _id: '征地', count: 15 },
      { _id: '补偿', count: 15 },
      { _id: '预算', count: 15 },
    ].sort((a, b) => (a._id < b._id ? -1 : 1)));
  });

  it('keyset pagination on (publishedAt desc, _id desc) returns every record once', async () => {
    await records.createIndex({ publishedAt: -1, _id: -1 });
    const seen: string[] = [];
    let after: { publishedAt: Date; _id: string } | undefined;
    for (let page = 0; page < 20; page++) {
      const filter = after
        ? {
            $or: [
              { publishedAt: { $lt: after.publishedAt } },
              { publishedAt: after.publishedAt, _id: { $lt: after._id } },
            ],
          }
        : {};
      const batch = await records.find(filter).sort({ publishedAt: -1, _id: -1 }).limit(7).toArray();
      if (batch.length === 0) break;
      seen.push(...batch.map((d) => d._id));
      after = batch[batch.length - 1];
    }
    const expected = Array.from({ length: 30 }, (_, i) => doc(i + 1))
      .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a._id < b._id ? 1 : -1))
      .map((d) => d._id);
    expect(seen).toEqual(expected);
  });

  it('$regex matches a Chinese substring, anchored and not', async () => {
    expect(await records.countDocuments({ title: { $regex: '文件1' } })).toBe(11); // 1, 10-19
    expect(await records.countDocuments({ title: { $regex: '^文件2' } })).toBe(11); // 2, 20-29
    expect(await records.countDocuments({ title: { $regex: '3$' } })).toBe(3); // 3, 13, 23
  });

  it('$all on an array field requires every element', async () => {
    expect(await records.countDocuments({ terms: { $all: ['征地', '补偿'] } })).toBe(15);
    expect(await records.countDocuments({ terms: { $all: ['征地', '预算'] } })).toBe(0);
  });

  it('$in, $nin, ranges, $exists and $elemMatch filter as MongoDB does', async () => {
    expect(await records.countDocuments({ _id: { $in: ['idx-0001', 'idx-0002', 'nope'] } })).toBe(2);
    expect(await records.countDocuments({ year: { $nin: [2014, 2015] } })).toBe(15);
    expect(await records.countDocuments({ amountFen: { $gte: 1000, $lt: 2000 } })).toBe(10);
    expect(await records.countDocuments({ missing: { $exists: false } })).toBe(30);
    expect(await records.countDocuments({ terms: { $elemMatch: { $eq: '预算' } } })).toBe(15);
  });

  it('projection, skip and limit shape the result', async () => {
    const page = await records
      .find({}, { projection: { _id: 1, year: 1 } })
      .sort({ _id: 1 })
      .skip(2)
      .limit(2)
      .toArray();
    expect(page).toEqual([
      { _id: 'idx-0003', year: 2017 },
      { _id: 'idx-0004', year: 2014 },
    ]);
  });

  it('dates round-trip exactly to the millisecond', async () => {
    const at = new Date('2014-01-13T07:45:00.123+08:00');
    await records.insertOne(doc(99, { publishedAt: at }));
    const stored = await records.findOne({ _id: 'idx-0099' });
    expect(stored?.publishedAt.toISOString()).toBe('2014-01-12T23:45:00.123Z');
  });

  it('integer money sums stay exact beyond 2^31', async () => {
    await records.insertMany([doc(100, { amountFen: 2_000_000_000_00 }), doc(101, { amountFen: 1 })]);
    const [total] = await records
      .aggregate<{ total: number }>([
        { $match: { _id: { $in: ['idx-0100', 'idx-0101'] } } },
        { $group: { _id: null, total: { $sum: '$amountFen' } } },
      ])
      .toArray();
    expect(total.total).toBe(2_000_000_000_01);
  });

  it('a page with a batch size as large as its limit closes its cursor with the first batch', async () => {
    const client = await MongoClient.connect(process.env.MONGODB_URI as string, { monitorCommands: true });
    const commands: string[] = [];
    client.on('commandStarted', (event) => commands.push(event.commandName));
    try {
      const monitored = client.db(database.db.databaseName).collection<Doc>(records.collectionName);
      const page = await monitored.find({}).sort({ _id: 1 }).limit(21).batchSize(21).toArray();
      expect(page).toHaveLength(21);
    } finally {
      await client.close();
    }
    expect(commands.filter((name) => name !== 'endSessions')).toEqual(['find']);
  });

  it('the highest _id comes from a descending sort with limit 1, and a read streams in batches', async () => {
    const [highest] = await records.find({}, { projection: { _id: 1 } }).sort({ _id: -1 }).limit(1).toArray();
    expect(highest).toEqual({ _id: 'idx-0030' });
    const streamed: string[] = [];
    for await (const record of records.find({}).batchSize(7)) streamed.push(record._id);
    expect(streamed.sort()).toEqual(Array.from({ length: 30 }, (_, i) => doc(i + 1)._id));
  });
});

describe('the change log', () => {
  it('two writers inserting the same _id: one wins, the other gets 11000 and can take the next', async () => {
    const blocks = database.db.collection<{ _id: number }>(`blocks_${Math.random().toString(36).slice(2, 8)}`);
    const results = await Promise.allSettled([blocks.insertOne({ _id: 1 }), blocks.insertOne({ _id: 1 })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect((loser?.reason as MongoServerError).code).toBe(11000);
    await blocks.insertOne({ _id: 2 });
    expect(await blocks.countDocuments()).toBe(2);
  });

  it('deleteMany with $in on a field and a range on _id removes only the older entries', async () => {
    const changes = database.db.collection<{ _id: number; indexNumber: string }>(`changes_${Math.random().toString(36).slice(2, 8)}`);
    await changes.insertMany([
      { _id: 1, indexNumber: 'a' },
      { _id: 2, indexNumber: 'b' },
      { _id: 3, indexNumber: 'c' },
      { _id: 10, indexNumber: 'a' },
    ]);
    const { deletedCount } = await changes.deleteMany({ indexNumber: { $in: ['a', 'c'] }, _id: { $lt: 10 } });
    expect(deletedCount).toBe(2);
    expect(await changes.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 2, indexNumber: 'b' },
      { _id: 10, indexNumber: 'a' },
    ]);
  });
});
