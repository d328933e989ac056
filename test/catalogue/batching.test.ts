/**
 * No N+1: a page of records across every domain, with agencies, regions, parents and domain fields,
 * costs at most one MongoDB command per collection and purpose, counted with the driver's command
 * monitoring on the client the subgraphs share.
 */
import { RECORD_TYPES, RECORD_TYPE_NAMES } from '../../model/record-types';
import { SampleContext } from '../../scripts/sample/context';
import { sampleMakers } from '../../scripts/sample/makers';
import { collectionOf, commandsDuring } from '../support/command-monitor';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
const PER_TYPE = 8;

beforeAll(async () => {
  stack = await startTestStack('batching');
  const context = new SampleContext(7);
  const records = RECORD_TYPE_NAMES.flatMap((type) => Array.from({ length: PER_TYPE }, () => sampleMakers[type]!(context)));
  expect((await stack.writer.write(records)).rejected).toEqual([]);
});
afterAll(async () => {
  await stack?.close();
});

it('fetches a 100-record page across all domains with one command per collection and purpose', async () => {
  const fragments = `
    ... on LandTransfer { finalPrice { yuan } }
    ... on ProcurementAward { awardAmount { yuan } }
    ... on HousingAllocation { householdHead }
    ... on SchoolFee { amount { yuan } }
    ... on SafetyAccident { deaths }`;
  let response: Awaited<ReturnType<TestStack['query']>> | undefined;
  const events = await commandsDuring(async () => {
    response = await stack.query(
      `{ catalogue(first: 100) { edges { node { title agency { name parent { name } } region { name parent { name } } ${fragments} } } } }`,
    );
  });
  expect(response?.errors).toBeUndefined();
  const edges = (response?.data as { catalogue: { edges: unknown[] } }).catalogue.edges;
  expect(edges).toHaveLength(100);

  // Every cursor is done with its first batch: no getMore, no killCursors.
  expect(events.map((e) => e.commandName).filter((name) => name === 'getMore' || name === 'killCursors')).toEqual([]);
  const finds = events.filter((e) => e.commandName === 'find').map(collectionOf);
  const perCollection = new Map<string, number>();
  for (const collection of finds) perCollection.set(collection, (perCollection.get(collection) ?? 0) + 1);
  // entries: the page; agencies and regions: the nodes' own, then their parents (one level each).
  const prefix = stack.databases.catalogue.databaseName;
  expect(perCollection.get(`${prefix}.entries`)).toBe(1);
  expect(perCollection.get(`${prefix}.agencies`)).toBeLessThanOrEqual(2);
  expect(perCollection.get(`${prefix}.regions`)).toBeLessThanOrEqual(2);
  const domainCollections = [...perCollection].filter(([name]) => !name.startsWith(`${prefix}.`));
  const fetched = new Set<string>(['LandTransfer', 'ProcurementAward', 'HousingAllocation', 'SchoolFee', 'SafetyAccident'].map((t) => RECORD_TYPES[t as keyof typeof RECORD_TYPES].collection));
  for (const [name, count] of domainCollections) {
    expect(fetched.has(name.split('.')[1])).toBe(true);
    expect(count).toBe(1);
  }
  expect(domainCollections.length).toBeGreaterThan(0);
  expect(finds.length).toBeLessThanOrEqual(1 + 2 + 2 + fetched.size);
});
