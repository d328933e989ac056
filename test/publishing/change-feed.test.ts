/**
 * The change feed under load: agencies publish, change and withdraw records concurrently through the
 * gateway while a consumer pulls `changes` page after page. When the writers stop, the consumer's
 * copy is exactly the public set, each record as it is now: nothing missed, nothing kept that was
 * withdrawn, no change seen twice.
 */
import { Random } from '../../scripts/sample/random';
import { agencyNamed } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const AGENCIES = ['岳阳县国土资源局', '含山县国土资源局', '随县国土资源局'].map(agencyNamed);
const ROUNDS = 8;

let stack: TestStack;

interface ChangePage {
  changes: {
    edges: Array<{ node: { sequence: number; kind: 'UPSERT' | 'TOMBSTONE'; indexNumber: string; disclosure: { title: string } | null } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
}

const PULL = `query ($after: String) { changes(after: $after, first: 5) {
  edges { node { sequence kind indexNumber disclosure { title } } } pageInfo { hasNextPage endCursor } } }`;

function landTransfer(agency: (typeof AGENCIES)[number], serial: number, title: string) {
  return {
    type: 'LandTransfer',
    envelope: {
      indexNumber: `${agency._id}-/2024-${3_000_000 + serial}`,
      title,
      category: '土地出让',
      agencyCode: agency._id,
      regionCode: agency.regionCode,
      publishedAt: '2024-05-01T09:00:00+08:00',
      disclosureMode: 'FULL',
    },
    fields: {
      parcelNumber: `P-${serial}`,
      location: '城关镇',
      areaSquareMetres: 5000,
      use: 'INDUSTRIAL',
      termYears: 50,
      method: 'LISTING',
      floorAreaRatio: 1.2,
      startingPrice: '500000',
      finalPrice: '520000',
      winningParty: '某实业有限公司',
      transferredOn: '2024-04-20',
    },
  };
}

async function mutate(key: string, query: string, variables: Record<string, unknown>) {
  const response = await stack.query(query, variables, { authorization: `Bearer ${key}` });
  if (response.errors) throw new Error(JSON.stringify(response.errors));
}

/** One agency at work: new records, corrections (back through review) and withdrawals. */
async function writer(index: number, key: string): Promise<void> {
  const agency = AGENCIES[index];
  const rng = new Random(100 + index);
  const published: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const action = published.length === 0 ? 'new' : rng.pick(['new', 'new', 'correct', 'withdraw'] as const);
    const serial = action === 'new' ? index * 1000 + round : rng.pick(published);
    const record = landTransfer(agency, serial, `${agency.name}出让公告${serial}（第${round}版）`);
    const id = record.envelope.indexNumber;
    if (action === 'withdraw') {
      await mutate(key, `mutation ($ids: [String!]!) { withdrawDisclosures(indexNumbers: $ids) { status } }`, { ids: [id] });
      published.splice(published.indexOf(serial), 1);
      continue;
    }
    await mutate(key, `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) { accepted { status } } }`, { s: [record] });
    await mutate(key, `mutation ($ids: [String!]!) { reviewDisclosures(indexNumbers: $ids) { status } }`, { ids: [id] });
    await mutate(key, `mutation ($ids: [String!]!) { publishDisclosures(indexNumbers: $ids) { status } }`, { ids: [id] });
    if (action === 'new') published.push(serial);
  }
}

beforeAll(async () => {
  stack = await startTestStack('changefeed');
});
afterAll(async () => {
  await stack?.close();
});

it('leaves a paging consumer with exactly the publisher’s set while writers are busy', async () => {
  const keys = await Promise.all(AGENCIES.map((a) => stack.createKey(a._id, 'writer')));
  const copy = new Map<string, string>();
  const sequences: number[] = [];
  let cursor: string | null = null;
  let writersDone = false;

  const pull = async (): Promise<boolean> => {
    const response = await stack.query<ChangePage>(PULL, { after: cursor });
    expect(response.errors).toBeUndefined();
    const { edges, pageInfo } = response.data!.changes;
    for (const { node } of edges) {
      sequences.push(node.sequence);
      if (node.kind === 'UPSERT') copy.set(node.indexNumber, node.disclosure!.title);
      else copy.delete(node.indexNumber);
    }
    cursor = pageInfo.endCursor;
    return pageInfo.hasNextPage || edges.length > 0;
  };

  const consumer = (async () => {
    for (;;) {
      const more = await pull();
      if (!more && writersDone) return;
      if (!more) await new Promise((resolve) => setTimeout(resolve, 30));
    }
  })();
  await Promise.all(keys.map((k, i) => writer(i, k.key)));
  writersDone = true;
  await consumer;

  const published = await stack.databases.catalogue
    .collection<{ _id: string; title: string }>('entries')
    .find({ status: 'PUBLISHED' } as never)
    .toArray();
  expect(published.length).toBeGreaterThan(5);
  const expected = new Map(published.map((r) => [r._id, r.title] as [string, string]).sort());
  // The consumer may have read its last empty page just before the last writer finished: one more
  // read from its cursor, after every write has answered (a skipped entry would never arrive).
  while (await pull());
  expect(new Map([...copy].sort())).toEqual(expected);
  expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
  expect(new Set(sequences).size).toBe(sequences.length);
});

it('serves a full copy from the start and resumes from a cursor without repeating', async () => {
  const all: number[] = [];
  let after: string | null = null;
  for (let more = true; more; ) {
    const response: { data?: ChangePage | null } = await stack.query<ChangePage>(PULL, { after });
    const page = response.data!.changes;
    all.push(...page.edges.map((e) => e.node.sequence));
    after = page.pageInfo.endCursor;
    more = page.pageInfo.hasNextPage;
  }
  const resumed = await stack.query<ChangePage>(PULL, { after });
  expect(resumed.data!.changes.edges).toEqual([]);
  expect(resumed.data!.changes.pageInfo).toEqual({ hasNextPage: false, endCursor: after });
  expect(new Set(all).size).toBe(all.length);
});

it('rejects a cursor it did not issue', async () => {
  const response = await stack.query(`{ changes(after: "nonsense") { edges { cursor } } }`);
  expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
});
