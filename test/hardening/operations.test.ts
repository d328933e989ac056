/**
 * Operating the services: `/health` and `/ready` on the gateway and every subgraph, Prometheus
 * `/metrics`, one JSON log line per request carrying a request id that travels to the subgraphs
 * (and never a variable's value), keep-alive timeouts that avoid the idle-socket race, and a
 * graceful stop on SIGTERM that finishes the requests in flight.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { freePort } from '../../scripts/lib/engine';
import { SUBGRAPH_NAMES } from '../../platform/config';
import { postJson, request } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';
import { captureLog } from '../support/log-capture';

interface LogLine {
  level: string;
  service: string;
  msg: string;
  time: string;
  req: { id: string; method: string; path: string };
  res: { statusCode: number };
  durationMs: number;
  graphql?: { operationName?: string; operationType?: string; outcome?: string; errorCodes?: string[] };
}

const { chunks: logText, stream: logStream } = captureLog();

function logLines(): LogLine[] {
  return logText
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogLine);
}

/** Log lines are written when a response ends, a moment after the client has read it. */
async function linesFor(id: string, count: number): Promise<LogLine[]> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const lines = logLines().filter((line) => line.req?.id === id);
    if (lines.length >= count || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('operations', { logStream });
});
afterAll(async () => {
  await stack?.close();
});

describe('/health and /ready', () => {
  it('answer 200 on the gateway and on every subgraph, naming what was checked', async () => {
    expect((await request(`${stack.gatewayUrl}health`)).json).toEqual({ status: 'ok' });
    const ready = await request(`${stack.gatewayUrl}ready`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect(ready.json).toEqual({
      status: 'ready',
      checks: { 'mongodb:gateway': { ready: true }, ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, { ready: true }])) },
    });
    for (const name of SUBGRAPH_NAMES) {
      const base = stack.subgraphUrls[name] as string;
      expect((await request(new URL('/health', base).toString())).status).toBe(200);
      const subgraphReady = await request(new URL('/ready', base).toString());
      expect(subgraphReady.status).toBe(200);
      expect(subgraphReady.json).toMatchObject({ status: 'ready', checks: { [`mongodb:${name}`]: { ready: true } } });
    }
  });
});

describe('/metrics', () => {
  function sample(text: string, metric: string): number {
    const line = text.split('\n').find((l) => l.startsWith(`${metric} `));
    return line ? Number(line.slice(metric.length + 1)) : 0;
  }

  it('counts requests by operation type and outcome, times them and the subgraph calls, and shows process metrics', async () => {
    const before = (await request(`${stack.gatewayUrl}metrics`)).text;
    await stack.query('query Regions { regions(level: PROVINCE) { code } }');
    await stack.query('{ regions { code ');
    await stack.query('{ catalogue(first: 0) { totalCount } }');
    const scrape = await request(`${stack.gatewayUrl}metrics`);
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const after = scrape.text;
    const delta = (metric: string) => sample(after, metric) - sample(before, metric);

    expect(delta('gateway_graphql_requests_total{operation_type="query",outcome="success"}')).toBe(1);
    expect(delta('gateway_graphql_requests_total{operation_type="unknown",outcome="rejected"}')).toBe(1);
    expect(delta('gateway_graphql_requests_total{operation_type="query",outcome="rejected"}')).toBe(1);
    expect(delta('gateway_graphql_request_duration_seconds_count{operation_type="query",outcome="success"}')).toBe(1);
    expect(delta('gateway_subgraph_fetch_duration_seconds_count{subgraph="catalogue",outcome="ok"}')).toBe(1);
    expect(after).toMatch(/^gateway_subgraph_fetch_duration_seconds_bucket\{le="0\.005",subgraph="catalogue",outcome="ok"\} \d+$/m);
    for (const processMetric of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect(after).toMatch(new RegExp(`^${processMetric} [\\d.e+-]+$`, 'm'));
    }

    const subgraph = (await request(new URL('/metrics', stack.subgraphUrls.catalogue).toString())).text;
    expect(sample(subgraph, 'subgraph_graphql_requests_total{operation_type="query",outcome="success"}')).toBeGreaterThan(0);
  });
});

describe('request logs', () => {
  it('write one JSON line per request with the incoming request id, echoed back and passed to the subgraphs', async () => {
    const id = `test-${Date.now()}`;
    const answer = await postJson(stack.endpoint, { query: 'query Provinces { regions(level: PROVINCE) { code } }' }, { 'x-request-id': id });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-request-id')).toBe(id);

    const lines = await linesFor(id, 2);
    const gateway = lines.filter((line) => line.service === 'gateway');
    expect(gateway).toHaveLength(1);
    expect(gateway[0]).toMatchObject({
      level: 'info',
      msg: 'request completed',
      req: { id, method: 'POST', path: '/graphql' },
      res: { statusCode: 200 },
      graphql: { operationName: 'Provinces', operationType: 'query', outcome: 'success' },
    });
    expect(new Date(gateway[0].time).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(gateway[0].durationMs).toEqual(expect.any(Number));
    // The catalogue subgraph served it and logged the same id.
    expect(lines.filter((line) => line.service === 'catalogue-subgraph')).toEqual([
      expect.objectContaining({ req: { id, method: 'POST', path: '/' }, graphql: expect.objectContaining({ outcome: 'success' }) }),
    ]);
  });

  it('make a request id when none (or an unusable one) comes in', async () => {
    for (const headers of [{}, { 'x-request-id': 'has spaces and ünïcode' }, { 'x-request-id': 'x'.repeat(200) }] as Array<Record<string, string>>) {
      const answer = await postJson(stack.endpoint, { query: '{ __typename }' }, headers);
      const id = answer.headers.get('x-request-id') as string;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(await linesFor(id, 1)).toHaveLength(1);
    }
  });

  it('log refused requests with their error codes, at warn', async () => {
    const id = `refused-${Date.now()}`;
    await postJson(stack.endpoint, { query: '{ catalogue(first: 500) { totalCount } }' }, { 'x-request-id': id });
    const [line] = await linesFor(id, 1);
    expect(line).toMatchObject({ level: 'warn', res: { statusCode: 400 }, graphql: { operationType: 'query', outcome: 'rejected', errorCodes: ['BAD_USER_INPUT'] } });
  });

  it("never hold a variable's value, from POST or GET, valid or not", async () => {
    const secrets = ['SECRET-ID-110101199003077777', 'SECRET-NAME-张三丰', 'SECRET-LEVEL-X'];
    const search = 'query Search($text: String) { catalogue(filter: { text: $text }) { totalCount } }';
    await postJson(stack.endpoint, { query: search, variables: { text: secrets[0] } }, { 'x-request-id': 'secret-post' });
    const url = `${stack.endpoint}?${new URLSearchParams({ query: search, variables: JSON.stringify({ text: secrets[1] }) })}`;
    const get = await request(url, { headers: { 'apollo-require-preflight': 'true', 'x-request-id': 'secret-get' } });
    expect(get.status).toBe(200);
    // A value that does not fit its type is named by its variable, never quoted, in the answer too.
    const invalid = await postJson(
      stack.endpoint,
      { query: 'query ($level: AdministrativeLevel) { regions(level: $level) { code } }', variables: { level: secrets[2] } },
      { 'x-request-id': 'secret-invalid' },
    );
    expect(invalid.text).toContain('Variable \\"$level\\" got invalid value');
    expect(invalid.text).not.toContain(secrets[2]);

    const getLine = (await linesFor('secret-get', 2)).find((line) => line.service === 'gateway');
    expect(getLine?.req).toEqual({ id: 'secret-get', method: 'GET', path: '/graphql' });
    await linesFor('secret-post', 2);
    await linesFor('secret-invalid', 1);
    const everything = logText.join('');
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});

describe('keep-alive', () => {
  function keepAliveHeader(url: string): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.headers['keep-alive'] as string | undefined);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ query: '{ __typename }' }));
    });
  }

  it('keeps idle sockets open longer (65 s) than the clients and the gateway keep theirs', async () => {
    expect(await keepAliveHeader(stack.subgraphUrls.land as string)).toBe('timeout=65');
    expect(await keepAliveHeader(stack.endpoint)).toBe('timeout=65');
  });
});

describe('graceful stop', () => {
  it('finishes the requests in flight on SIGTERM, refuses new ones, then exits 0', async () => {
    // A catalogue subgraph that takes a second to answer.
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    const slow = http.createServer((req, res) => {
      req.resume();
      arrived();
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { regions: [{ code: '110000' }] } }));
      }, 1_000);
    });
    slow.listen(0, '127.0.0.1');
    await once(slow, 'listening');
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/index.ts'], {
      cwd: path.resolve(__dirname, '../..'),
      env: {
        ...process.env,
        GATEWAY_PORT: String(port),
        MONGODB_DB_PREFIX: stack.env.MONGODB_DB_PREFIX,
        IDENTITY_SECRET: stack.identitySecret,
        CATALOGUE_URL: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit');
    try {
      let output = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('gateway ready')) resolve();
        });
        child.once('exit', () => reject(new Error(`gateway exited early: ${output}`)));
      });
      const endpoint = `http://127.0.0.1:${port}/graphql`;
      const inFlight = postJson(endpoint, { query: '{ regions { code } }' });
      await requestArrived;
      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await expect(fetch(endpoint, { method: 'POST' })).rejects.toThrow();

      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ data: { regions: [{ code: '110000' }] } });
      const [code, signal] = await exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      slow.close();
    }
  }, 30_000);
});
