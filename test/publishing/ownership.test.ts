/**
 * One owner per datum: each subgraph process talks to its own database and no other, whatever the
 * request (reads that join across subgraphs, publishing through the catalogue to the owners). Each
 * subgraph gets a connection string of its own here, so each has its own client, and the driver's
 * command monitoring tells which databases each one touched.
 */
import type { CommandStartedEvent } from 'mongodb';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/config';
import { mongoClient } from '../../storage/mongo';
import { agencyNamed, landTransferSubmission } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
const touched = new Map<SubgraphName, Set<string>>();
const uriOf = (name: SubgraphName) => `${process.env.MONGODB_URI}?appName=${name}`;

beforeAll(async () => {
  const env: NodeJS.ProcessEnv = {};
  for (const name of SUBGRAPH_NAMES) env[`${name.toUpperCase()}_MONGODB_URI`] = uriOf(name);
  stack = await startTestStack('ownership', { env });
  for (const name of SUBGRAPH_NAMES) {
    const databases = new Set<string>();
    touched.set(name, databases);
    (await mongoClient(uriOf(name))).on('commandStarted', (event: CommandStartedEvent) => {
      if (event.databaseName !== 'admin') databases.add(event.databaseName);
    });
  }
});
afterAll(async () => {
  await stack.close();
});

it('keeps every subgraph on its own database through joins, publishing and the change feed', async () => {
  const { key } = await stack.createKey(agencyNamed('岳阳县国土资源局')._id, 'ownership');
  const auth = { authorization: `Bearer ${key}` };
  const draft = landTransferSubmission();
  const id = draft.envelope.indexNumber;
  const submitted = await stack.query('mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) { accepted { status } } }', { s: [draft] }, auth);
  expect(submitted.data).toEqual({ submitDisclosures: { accepted: [{ status: 'DRAFT' }] } });
  for (const mutation of ['reviewDisclosures', 'publishDisclosures']) {
    const moved = await stack.query(`mutation ($ids: [String!]!) { ${mutation}(indexNumbers: $ids) { status } }`, { ids: [id] }, auth);
    expect(moved.errors).toBeUndefined();
  }
  const read = await stack.query(
    `{ catalogue(first: 5) { totalCount edges { node { indexNumber agency { name } ... on LandTransfer { finalPrice { yuan } } } } }
       landTransfers(first: 5) { edges { node { id agency { name landTransfers(first: 1) { totalCount } } } } }
       changes(first: 5) { edges { node { kind indexNumber } } }
       requestLog(first: 5) { totalCount edges { node { agency { name } } } } }`,
  );
  expect(read.errors).toBeUndefined();
  expect(read.data).toMatchObject({
    catalogue: { totalCount: 1, edges: [{ node: { indexNumber: id, agency: { name: '岳阳县国土资源局' }, finalPrice: { yuan: '1234567.89' } } }] },
    changes: { edges: [{ node: { kind: 'UPSERT', indexNumber: id } }] },
    requestLog: { totalCount: 0, edges: [] },
  });

  const prefix = stack.env.MONGODB_DB_PREFIX;
  const seen = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, [...(touched.get(name) ?? [])].sort()]));
  expect(seen).toEqual(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, [`${prefix}_${name}`]])));
});

it('reports only its own database as what it needs to be ready', async () => {
  for (const name of SUBGRAPH_NAMES) {
    const ready = (await (await fetch(new URL('/ready', stack.subgraphUrls[name]))).json()) as { checks: Record<string, unknown> };
    expect(Object.keys(ready.checks)).toEqual([`mongodb:${name}`]);
  }
});
