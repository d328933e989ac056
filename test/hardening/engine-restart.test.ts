/**
 * The database engine dying under a running stack, killed with SIGKILL: its owner (the supervisor
 * `npm start` and `npm run engine` use) logs it and starts it again on the same port and data; every
 * subgraph's `/ready` (and so the gateway's) answers 503 naming the engine meanwhile while `/health`
 * stays 200; a query during the outage is answered within seconds with DATABASE_UNAVAILABLE, not
 * after the 10 s subgraph timeout; once the engine is back the services are ready again and answer
 * from the same data, without being restarted. Uses an engine of its own (the run's engine is
 * shared), so it is skipped with MONGODB_URI.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { superviseEngine, type SupervisedEngine } from '../../scripts/lib/engine-supervisor';
import { startStack, type Stack } from '../../scripts/lib/stack';
import { loadReferenceData } from '../../scripts/sample/load';
import { DEFAULT_PORTS, SUBGRAPH_NAMES } from '../../platform/config';
import { IDENTITY_HEADER, signIdentity } from '../../platform/identity';
import { agencyIdentity, agencyNamed, sampleRecords } from '../support/builders';
import { request } from '../support/http';
import { eventually } from '../support/waiting';

const engineStartedHere = process.env.TEST_ENGINE_KIND !== 'external';

(engineStartedHere ? describe : describe.skip)('an engine that dies and is restarted by its owner', () => {
  let dataDir: string;
  let engine: SupervisedEngine | undefined;
  let stack: Stack | undefined;
  const engineLog: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'engine-restart-'));
    // The first attempt waits 10 s, so the outage lasts long enough to be watched.
    engine = await superviseEngine({ env: { ...process.env, MONGODB_URI: '' }, dataDir, log: (line) => engineLog.push(line), restartDelaysMs: [10_000, 1_000] });
    const env: NodeJS.ProcessEnv = {
      MONGODB_URI: engine.uri,
      MONGODB_DB_PREFIX: `t_restart_${randomBytes(3).toString('hex')}`,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      // The answer after the restart must come from the database, not from the response cache.
      CACHE_MAX_AGE_SECONDS: '0',
    };
    for (const name of Object.keys(DEFAULT_PORTS)) env[`${name.toUpperCase()}_PORT`] = '0';
    stack = await startStack(env);
    await loadReferenceData(stack.databases.catalogue);
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    await engine?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts it on the same port and data; meanwhile not ready and DATABASE_UNAVAILABLE at once; then answers again', async () => {
    const s = stack as Stack;
    const e = engine as SupervisedEngine;
    const subgraphs = SUBGRAPH_NAMES.map((name) => s.subgraphUrls[name] as string);
    const query = '{ landTransfers(first: 1) { totalCount } }';
    const answer = async () => request(`${s.gatewayUrl}graphql`, post(query)).then(({ status, json }) => ({ status, ...json }));
    await s.writer.write(sampleRecords('LandTransfer', 1), { status: 'PUBLISHED' });
    // Made before the outage and not used until it, so the gateway has not remembered its check.
    const created = await s.keys.create(agencyNamed('岳阳县国土资源局')._id, 'engine restart');
    if (!created.ok) throw new Error(created.message);

    expect(await readiness([...subgraphs, s.gatewayUrl])).toEqual(Array(subgraphs.length + 1).fill(200));
    expect(await answer()).toEqual({ status: 200, data: { landTransfers: { totalCount: 1 } } });

    const { uri, pid } = e;
    expect(pid).toEqual(expect.any(Number));
    process.kill(pid as number, 'SIGKILL');

    expect(await eventually(async () => (await readiness(subgraphs)).every((status) => status === 503), 5_000)).toBe(true);
    const askedAt = Date.now();
    const during = await answer();
    const tookMs = Date.now() - askedAt;
    expect(e.restarts).toBe(0);
    expect(during.status).toBe(503);
    expect(during.errors?.[0]).toMatchObject({
      message: 'The land service cannot reach its database now; retry later.',
      extensions: { code: 'DATABASE_UNAVAILABLE', serviceName: 'land' },
    });
    expect(tookMs).toBeLessThan(3_000);

    // A mutation straight to the catalogue's port, with an idempotency key (read before anything runs): the same answer, as fast.
    const identity = signIdentity(agencyIdentity(agencyNamed('岳阳县国土资源局')._id), s.identitySecret);
    const mutationAskedAt = Date.now();
    const mutation = await request(s.subgraphUrls.catalogue as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: identity, 'idempotency-key': 'outage-1' },
      body: JSON.stringify({ query: 'mutation { reviewDisclosures(indexNumbers: ["11430621059724804R-/2024-1"]) { status } }' }),
    });
    expect(Date.now() - mutationAskedAt).toBeLessThan(3_000);
    expect(mutation.status).toBe(503);
    expect(mutation.json.errors?.[0]).toMatchObject({
      message: 'The catalogue service cannot reach its database now; retry later.',
      extensions: { code: 'DATABASE_UNAVAILABLE', serviceName: 'catalogue' },
    });

    // A key the gateway's key store cannot check now: the same retryable code, not UNAUTHENTICATED.
    const keyed = await request(`${s.gatewayUrl}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${created.key}` },
      body: JSON.stringify({ query: 'mutation { reviewDisclosures(indexNumbers: ["11430621059724804R-/2024-1"]) { status } }' }),
    });
    expect(keyed.status).toBe(503);
    expect(keyed.json.errors?.[0]).toMatchObject({
      message: "Publishing needs an agency's API key: the API key could not be checked now (the gateway’s key store did not answer); try again",
      extensions: { code: 'DATABASE_UNAVAILABLE' },
    });

    const land = await request(new URL('/ready', s.subgraphUrls.land).toString());
    expect(land.json).toMatchObject({
      status: 'not ready',
      checks: { 'mongodb:land': { ready: false, reason: expect.stringContaining(`the database engine at ${new URL(uri).host} does not answer`) } },
    });
    expect((await request(`${s.gatewayUrl}ready`)).status).toBe(503);
    expect((await request(new URL('/health', s.subgraphUrls.land).toString())).status).toBe(200);
    expect((await request(`${s.gatewayUrl}health`)).status).toBe(200);

    expect(await eventually(async () => e.restarts === 1, 20_000)).toBe(true);
    expect(e.uri).toBe(uri);
    expect(e.pid).not.toBe(pid);
    expect(await eventually(async () => (await readiness([...subgraphs, s.gatewayUrl])).every((status) => status === 200), 20_000)).toBe(true);
    expect(await answer()).toEqual({ status: 200, data: { landTransfers: { totalCount: 1 } } });
    expect(engineLog).toEqual(
      expect.arrayContaining([
        `the engine at ${uri} died (killed by signal 9)`,
        `restart attempt 1 of 2 in 10000 ms, on port ${new URL(uri).port} with the data in ${dataDir}`,
        `the engine is back at ${uri} (restart 1)`,
      ]),
    );
  }, 60_000);
});

async function readiness(urls: string[]): Promise<number[]> {
  return Promise.all(urls.map(async (url) => (await request(new URL('/ready', url).toString())).status));
}


function post(query: string): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) };
}
