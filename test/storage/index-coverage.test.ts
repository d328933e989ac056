import { BSONRegExp } from 'mongodb';
import { queryShapeOf, type QueryShape } from '../../storage/query-shapes';
import {
  checkShape,
  checkShapes,
  declaredIndexes,
  type AllowList,
  type DeclaredIndexes,
} from '../support/index-coverage';
import { UNINDEXED_SHAPES } from '../support/unindexed-shapes';
import { closeMongoClients } from '../../storage/mongo';

const shape = (fields: Partial<QueryShape>): QueryShape => ({
  database: 'catalogue',
  collection: 'entries',
  command: 'find',
  equality: [],
  sort: [],
  range: [],
  residual: [],
  ...fields,
});

const NEWEST = ['publishedAt:-1', '_id:-1'];
const OLDEST = ['publishedAt:1', '_id:1'];

describe('query shapes of the commands a client sends', () => {
  it('takes equality ($in, $all, values), range ($gt, $regex) and a keyset cursor over the sort keys from a find, with the sort in order', () => {
    const at = new Date('2024-01-01T00:00:00Z');
    const command = {
      find: 'entries',
      filter: {
        $and: [
          { status: 'PUBLISHED', agencyCode: { $in: ['11430621059724804R'] }, grams: { $all: ['征地'] } },
          { searchText: { $regex: '征地' }, publishedAt: { $gte: at } },
          { $or: [{ publishedAt: { $lt: at } }, { publishedAt: at, _id: { $lt: '116109294108197489-/2024-1002448' } }] },
        ],
      },
      sort: new Map([
        ['publishedAt', -1],
        ['_id', -1],
      ]),
      limit: 21,
    };
    expect(queryShapeOf('t_catalogue_ab12cd_catalogue', 'find', command)).toEqual({
      database: 'catalogue',
      collection: 'entries',
      command: 'find',
      equality: ['agencyCode', 'grams', 'status'],
      sort: NEWEST,
      range: ['_id', 'publishedAt', 'searchText'],
      residual: [],
    });
  });

  it('keeps no value of the query, only field names', () => {
    const found = queryShapeOf('disclosure_housing', 'find', {
      find: 'housingAllocations',
      filter: { applicantName: '张三明', idNumber: { $regex: new BSONRegExp('^430621') }, birth: /1980/ },
    });
    expect(found).toEqual(shape({ database: 'housing', collection: 'housingAllocations', equality: ['applicantName'], range: ['birth', 'idNumber'] }));
    expect(JSON.stringify(found)).not.toMatch(/张三明|430621|1980/);
  });

  it('takes an $or that is not a keyset cursor (the visibility of an agency) as residual fields', () => {
    const found = queryShapeOf('disclosure_land', 'find', {
      find: 'landTransfers',
      filter: { $and: [{ $or: [{ status: 'PUBLISHED' }, { agencyCode: { $in: ['x'] } }] }, { use: 'HOUSING' }] },
      sort: new Map([['publishedAt', -1], ['_id', -1]]),
    });
    expect(found).toEqual(shape({ database: 'land', collection: 'landTransfers', equality: ['use'], sort: NEWEST, residual: ['agencyCode', 'status'] }));
  });

  it('reads an aggregate by its leading $match and the $sort after it; countDocuments is such an aggregate', () => {
    expect(
      queryShapeOf('disclosure_catalogue', 'aggregate', {
        aggregate: 'entries',
        pipeline: [{ $match: { domain: { $in: ['LAND'] }, writtenOn: { $lte: '2024-12-31' } } }, { $group: { _id: 1, n: { $sum: 1 } } }],
      }),
    ).toEqual(shape({ command: 'aggregate', equality: ['domain'], range: ['writtenOn'] }));
    expect(
      queryShapeOf('disclosure_catalogue', 'aggregate', { aggregate: 'entries', pipeline: [{ $match: { type: 'LandTransfer' } }, { $sort: { publishedAt: 1, _id: 1 } }] }),
    ).toEqual(shape({ command: 'aggregate', equality: ['type'], sort: OLDEST }));
    expect(queryShapeOf('disclosure_catalogue', 'aggregate', { aggregate: 'entries', pipeline: [{ $group: { _id: '$agencyCode' } }] })).toEqual(
      shape({ command: 'aggregate' }),
    );
  });

  it('reads count and distinct by their query, and ignores commands that read no collection', () => {
    expect(queryShapeOf('disclosure_gateway', 'count', { count: 'apiKeys', query: { agencyCode: 'a' } })).toEqual(
      shape({ database: 'gateway', collection: 'apiKeys', command: 'count', equality: ['agencyCode'] }),
    );
    expect(queryShapeOf('test_owner_1a2b3c4d', 'distinct', { distinct: 'changes', key: 'type', query: { _id: { $gt: 5 } } })).toEqual(
      shape({ database: 'test', collection: 'changes', command: 'distinct', range: ['_id'] }),
    );
    expect(queryShapeOf('disclosure_catalogue', 'getMore', { getMore: 1, collection: 'entries' })).toBeUndefined();
    expect(queryShapeOf('disclosure_catalogue', 'insert', { insert: 'entries', documents: [] })).toBeUndefined();
    expect(queryShapeOf('disclosure_catalogue', 'aggregate', { aggregate: 1, pipeline: [] })).toBeUndefined();
  });
});

describe('the ESR check against declared indexes', () => {
  const declared: DeclaredIndexes = new Map([
    [
      'catalogue.entries',
      [
        { name: '_id_', key: ['_id:1'] },
        { name: 'published', key: NEWEST },
        { name: 'agency_published', key: ['agencyCode:1', ...NEWEST] },
        { name: 'region_range_published', key: ['regionPath:1', 'writtenOn:1', ...NEWEST] },
      ],
    ],
  ]);
  const none: AllowList = { shapes: [], residualFields: [] };

  it('covers equality, then the sort (either way round), then range by an index prefix, and a range on the sort key by the sort', () => {
    expect(checkShape(shape({ equality: ['agencyCode'], sort: NEWEST }), declared, none)).toEqual({ outcome: 'covered', index: 'agency_published' });
    expect(checkShape(shape({ equality: ['agencyCode'], sort: OLDEST, range: ['_id', 'publishedAt'] }), declared, none)).toEqual({
      outcome: 'covered',
      index: 'agency_published',
    });
    expect(checkShape(shape({ equality: ['_id'] }), declared, none)).toEqual({ outcome: 'covered', index: '_id_' });
    expect(checkShape(shape({ command: 'aggregate', equality: ['agencyCode'] }), declared, none)).toEqual({ outcome: 'covered', index: 'agency_published' });
    expect(checkShape(shape({ command: 'count' }), declared, none)).toEqual({ outcome: 'covered', index: '(collection metadata)' });
  });

  it('fails a new unindexed shape and says what it lacks', () => {
    const verdict = checkShape(shape({ equality: ['disclosureMode'], sort: NEWEST }), declared, none);
    expect(verdict.outcome).toBe('uncovered');
    expect(verdict).toMatchObject({ why: expect.stringContaining('no index of entries starts with disclosureMode, publishedAt:-1, _id:-1') });
    expect(checkShape(shape({}), declared, none)).toEqual({ outcome: 'uncovered', why: 'it reads the whole of entries (no field an index could bound, no sort)' });
    // A collection with no index of its own declared has its _id index only.
    expect(checkShape(shape({ collection: 'changeBlocks', equality: ['committed'] }), declared, none).outcome).toBe('uncovered');
  });

  it('fails a shape whose fields are in an index in the wrong order (range before sort), or sorted in mixed directions', () => {
    // regionPath, then the sort, then writtenOn would be ESR; the index has the range before the sort.
    expect(checkShape(shape({ equality: ['regionPath'], sort: NEWEST, range: ['writtenOn'] }), declared, none).outcome).toBe('uncovered');
    expect(checkShape(shape({ equality: ['regionPath'], range: ['writtenOn'] }), declared, none)).toEqual({ outcome: 'covered', index: 'region_range_published' });
    expect(checkShape(shape({ sort: ['publishedAt:-1', '_id:1'] }), declared, none).outcome).toBe('uncovered');
    // Equality fields must all come first: agencyCode and regionPath are in no one index together.
    expect(checkShape(shape({ equality: ['agencyCode', 'regionPath'], sort: NEWEST }), declared, none).outcome).toBe('uncovered');
  });

  it('passes an allow-listed shape with its reason, a residual field taken out, and fails what the entry does not name', () => {
    const allowList: AllowList = {
      residualFields: [{ collections: ['entries'], field: 'status', reason: 'nearly every record is published' }],
      shapes: [{ collections: ['entries'], equality: ['disclosureMode'], range: [], reason: 'walks the publication order' }],
    };
    expect(checkShape(shape({ equality: ['disclosureMode', 'status'], sort: OLDEST, range: ['_id', 'publishedAt'] }), declared, allowList)).toEqual({
      outcome: 'allowed',
      reason: 'walks the publication order',
    });
    expect(checkShape(shape({ equality: ['agencyCode', 'status'], sort: NEWEST }), declared, allowList)).toEqual({ outcome: 'covered', index: 'agency_published' });
    expect(checkShape(shape({ equality: ['disclosureMode'], range: ['writtenOn'] }), declared, allowList).outcome).toBe('uncovered');
    expect(checkShape(shape({ collection: 'landTransfers', database: 'land', equality: ['disclosureMode'] }), declared, allowList).outcome).toBe('uncovered');
  });

  it('sums up a run: a shape sent by two processes once, and the entries no shape needed', () => {
    const allowList: AllowList = {
      residualFields: [],
      shapes: [
        { collections: ['entries'], equality: ['disclosureMode'], range: [], reason: 'walks the publication order' },
        { collections: ['entries'], equality: ['category'], range: [], reason: 'not sent by this run' },
      ],
    };
    const report = checkShapes(
      [
        shape({ equality: ['agencyCode'], sort: NEWEST }),
        shape({ equality: ['agencyCode'], sort: NEWEST }),
        shape({ equality: ['disclosureMode'], sort: NEWEST }),
        shape({ equality: ['publishedLate'], sort: NEWEST }),
      ],
      declared,
      allowList,
    );
    expect(report).toMatchObject({ shapes: 3, covered: 1, allowed: 1, unusedEntries: [allowList.shapes[1]] });
    expect(report.uncovered.map((u) => u.shape.equality)).toEqual([['publishedLate']]);
  });

  it('every entry of the reviewed allow-list gives a reason', () => {
    for (const entry of [...UNINDEXED_SHAPES.shapes, ...UNINDEXED_SHAPES.residualFields]) expect(entry.reason.length).toBeGreaterThan(20);
  });
});

describe('the declared indexes', () => {
  afterAll(closeMongoClients);

  it('are the ones the subgraphs and the key store create, read back from the engine', async () => {
    const declared = await declaredIndexes(process.env.MONGODB_URI as string);
    expect(declared.get('catalogue.entries')).toEqual(
      expect.arrayContaining([
        { name: '_id_', key: ['_id:1'] },
        { name: 'agency_published', key: ['agencyCode:1', 'publishedAt:-1', '_id:-1'] },
        { name: 'grams', key: ['grams:1'] },
      ]),
    );
    expect(declared.get('land.landTransfers')).toEqual(expect.arrayContaining([{ name: 'revision', key: ['revision:1', '_id:1'] }]));
    expect(declared.get('gateway.apiKeys')).toEqual(expect.arrayContaining([{ name: 'agency_created', key: ['agencyCode:1', 'createdAt:1'] }]));
  });
});
