/**
 * One owner per datum, under a crash: the database engine is stopped in the middle of a batch of
 * publish calls (records of two owners, land and housing), started again, and the same calls are
 * sent again. Every record then has one state everywhere: in its owner's collection, in the
 * catalogue's index, in public answers and in the change feed. (Before the owners held the truth, 11
 * records were left REVIEWED in their domain and DRAFT in the catalogue, and publishing them failed.)
 * Uses an engine of its own, so it is skipped with MONGODB_URI.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CATALOGUE_ENTRIES } from '../../model/record-types';
import { startEngine, type Engine } from '../../scripts/lib/engine';
import { agencyNamed, housingAllocationSubmission, landTransferSubmission } from '../support/builders';
import { request } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/waiting';

const engineStartedHere = process.env.TEST_ENGINE_KIND !== 'external';
const quiet = () => undefined;
const RECORDS_PER_OWNER = 15;
const CALLS = 6;

/** Sends SIGKILL to the engine process (and its watchdog) listening on `port`, as a crash would; how many were hit. */
function killListener(port: number): number {
  const flag = `--listen-addr=127.0.0.1:${port}`;
  let killed = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let args: string[];
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (!args.includes(flag)) continue;
    process.kill(Number(pid), 'SIGKILL');
    killed += 1;
  }
  return killed;
}


(engineStartedHere ? describe : describe.skip)('publishing while the engine dies', () => {
  let dataDir: string;
  let engine: Engine | undefined;
  let stack: TestStack;
  let auth: Record<string, string>;
  const engineEnv = { ...process.env, MONGODB_URI: '' };
  const land = Array.from({ length: RECORDS_PER_OWNER }, () => landTransferSubmission('岳阳县国土资源局'));
  const housing = Array.from({ length: RECORDS_PER_OWNER }, () => housingAllocationSubmission('岳阳县住房和城乡建设局'));
  const indexNumbers = [...land, ...housing].map((s) => s.envelope.indexNumber);
  // Each call publishes records of both owners.
  const calls = Array.from({ length: CALLS }, (_, i) => indexNumbers.filter((_, j) => j % CALLS === i));

  const publish = (ids: string[]) =>
    stack.query<{ publishDisclosures: Array<{ indexNumber: string; status: string }> }>(
      'mutation ($ids: [String!]!) { publishDisclosures(indexNumbers: $ids) { indexNumber status } }',
      { ids },
      auth,
    );

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'converge-'));
    engine = await startEngine({ env: engineEnv, dataDir, log: quiet });
    stack = await startTestStack('converge', { env: { MONGODB_URI: engine.uri, CATALOGUE_SYNC_INTERVAL_MS: '0' } });
    const { key } = await stack.createKey(agencyNamed('岳阳县人民政府办公室')._id, 'county government');
    auth = { authorization: `Bearer ${key}` };
  });

  afterAll(async () => {
    if (engine) await stack?.close();
    else await stack?.stop();
    await engine?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends with every record in one state everywhere after the same calls are sent again', async () => {
    const submitted = await stack.query<{ submitDisclosures: { accepted: unknown[]; rejected: unknown[] } }>(
      'mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) { accepted { indexNumber } rejected { indexNumber } } }',
      { s: [...land, ...housing] },
      auth,
    );
    expect(submitted.data?.submitDisclosures.rejected).toEqual([]);
    const reviewed = await stack.query('mutation ($ids: [String!]!) { reviewDisclosures(indexNumbers: $ids) { status } }', { ids: indexNumbers }, auth);
    expect(reviewed.errors).toBeUndefined();

    const port = Number(new URL((engine as Engine).uri).port);
    const inFlight = calls.map((ids) => publish(ids).catch((error: unknown) => ({ errors: [{ message: String(error) }] })));
    // Killed (not stopped) as soon as the first records are published at their owner: mid-batch.
    const transfers = stack.databases.land.collection('landTransfers');
    await eventually(async () => (await transfers.countDocuments({ status: 'PUBLISHED' })) > 0, 10_000, 250);
    expect(killListener(port)).toBeGreaterThan(0);
    const firstRound = await Promise.all(inFlight);
    await (engine as Engine).stop();
    engine = undefined;
    expect(firstRound.filter((answer) => answer.errors).length).toBeGreaterThan(0);

    engine = await startEngine({ env: engineEnv, dataDir, port, log: quiet });
    expect(await eventually(async () => (await request(`${stack.gatewayUrl}ready`)).status === 200, 20_000, 250)).toBe(true);

    for (const ids of calls) {
      const again = await publish(ids);
      expect(again.errors).toBeUndefined();
      expect(again.data?.publishDisclosures.map((r) => r.status)).toEqual(ids.map(() => 'PUBLISHED'));
    }

    const owned = [
      ...(await stack.databases.land.collection('landTransfers').find({}, { projection: { status: 1 } }).toArray()),
      ...(await stack.databases.housing.collection('housingAllocations').find({}, { projection: { status: 1 } }).toArray()),
    ];
    const indexed = await stack.databases.catalogue.collection(CATALOGUE_ENTRIES).find({}, { projection: { status: 1 } }).toArray();
    const states = (docs: Array<{ _id: unknown; status?: unknown }>) => Object.fromEntries(docs.map((d) => [String(d._id), d.status]).sort());
    const expected = Object.fromEntries(indexNumbers.map((id) => [id, 'PUBLISHED']).sort());
    expect(states(owned)).toEqual(expected);
    expect(states(indexed)).toEqual(expected);

    const count = await stack.query<{ catalogue: { totalCount: number } }>('{ catalogue(first: 1) { totalCount } }');
    expect(count.data?.catalogue.totalCount).toBe(indexNumbers.length);
    const feed = await stack.query<{ changes: { edges: Array<{ node: { kind: string; indexNumber: string } }> } }>(
      '{ changes(first: 100) { edges { node { kind indexNumber } } } }',
    );
    const lastKind = new Map(feed.data?.changes.edges.map(({ node }) => [node.indexNumber, node.kind]));
    expect(Object.fromEntries([...lastKind].sort())).toEqual(Object.fromEntries(indexNumbers.map((id) => [id, 'UPSERT']).sort()));
  }, 90_000);
});
