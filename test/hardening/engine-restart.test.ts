/**
 * The database engine restarting under a running stack: every subgraph's `/ready` (and so the
 * gateway's) reports 503 while MongoDB is unreachable, `/health` stays 200, and both report ready
 * again, and queries answer, once the engine is back on its port, with no restart of the services.
 * Uses an engine of its own (the run's engine is shared), so it is skipped with MONGODB_URI.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEngine, type Engine } from '../../scripts/lib/engine';
import { startStack, type Stack } from '../../scripts/lib/stack';
import { DEFAULT_PORTS, SUBGRAPH_NAMES } from '../../platform/config';
import { request } from '../support/http';

const engineStartedHere = process.env.TEST_ENGINE_KIND !== 'external';
const quiet = () => undefined;

async function readiness(urls: string[]): Promise<number[]> {
  return Promise.all(urls.map(async (url) => (await request(new URL('/ready', url).toString())).status));
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return check();
}

(engineStartedHere ? describe : describe.skip)('an engine that stops and comes back', () => {
  let dataDir: string;
  let engine: Engine | undefined;
  let stack: Stack | undefined;
  const engineEnv = { ...process.env, MONGODB_URI: '' };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'engine-restart-'));
    engine = await startEngine({ env: engineEnv, dataDir, log: quiet });
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
  });

  afterAll(async () => {
    await stack?.stop();
    await engine?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('makes the services report not ready, then ready again without restarting them', async () => {
    const s = stack as Stack;
    const subgraphs = SUBGRAPH_NAMES.map((name) => s.subgraphUrls[name] as string);
    const query = '{ landTransfers(first: 1) { totalCount } }';
    const answer = async () => (await request(`${s.gatewayUrl}graphql`, post(query))).json;

    expect(await readiness([...subgraphs, s.gatewayUrl])).toEqual(Array(7).fill(200));
    expect(await answer()).toEqual({ data: { landTransfers: { totalCount: 0 } } });

    const port = Number(new URL((engine as Engine).uri).port);
    await (engine as Engine).stop();
    engine = undefined;

    // The ping gives up after 2 s, so not-ready shows within a few seconds.
    expect(await eventually(async () => (await readiness(subgraphs)).every((status) => status === 503), 10_000)).toBe(true);
    const land = await request(new URL('/ready', s.subgraphUrls.land).toString());
    expect(land.json).toMatchObject({ status: 'not ready', checks: { 'mongodb:land': { ready: false, reason: expect.any(String) } } });
    expect((await request(`${s.gatewayUrl}ready`)).status).toBe(503);
    expect((await request(new URL('/health', s.subgraphUrls.land).toString())).status).toBe(200);
    expect((await request(`${s.gatewayUrl}health`)).status).toBe(200);

    engine = await startEngine({ env: engineEnv, dataDir, port, log: quiet });
    expect(engine.uri).toBe(`mongodb://127.0.0.1:${port}/`);
    expect(await eventually(async () => (await readiness([...subgraphs, s.gatewayUrl])).every((status) => status === 200), 20_000)).toBe(true);
    expect(await answer()).toEqual({ data: { landTransfers: { totalCount: 0 } } });
  }, 60_000);
});

function post(query: string): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) };
}
