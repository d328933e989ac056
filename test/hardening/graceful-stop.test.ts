/**
 * SIGTERM in the middle of a stream of requests on keep-alive sockets, to a gateway process and to a
 * subgraph process: every request sent is answered in full, and a request the process can no longer
 * take is refused at connect, before anything of it was sent (never a reset after it went out, nor a
 * hang); answers given during the drain say `Connection: close`; the process exits 0.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import { freePort } from '../../scripts/lib/engine';
import { generateIdentitySecret } from '../../platform/identity';
import { startScript } from '../support/process';

type Outcome = { kind: 'answered'; connectionClose: boolean } | { kind: 'refused' } | { kind: 'failed'; reason: string };

/** POSTs `body` on `agent` and says how it ended; a refusal is ECONNREFUSED, i.e. before the request was sent. */
function send(url: string, body: string, agent: http.Agent, expected: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' }, timeout: 20_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve(
          res.statusCode === 200 && text === expected
            ? { kind: 'answered', connectionClose: res.headers.connection === 'close' }
            : { kind: 'failed', reason: `HTTP ${res.statusCode}: ${text.slice(0, 200)}` },
        ),
      );
      res.on('error', (error) => resolve({ kind: 'failed', reason: `answer cut off: ${error.message}` }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 20 s')));
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'failed', reason: `${error.code ?? ''} ${error.message}` }),
    );
    req.end(body);
  });
}

/**
 * Starts `script` with `env`, waits for `readyLine`, runs `sockets` loops of requests on one
 * keep-alive agent, SIGTERMs the process after `stopAfterMs`, and collects every outcome until each
 * loop met a refusal.
 */
async function streamThroughStop(options: {
  script: string;
  env: NodeJS.ProcessEnv;
  readyLine: string;
  url: string;
  body: string;
  expected: string;
  sockets: number;
  stopAfterMs: number;
}) {
  const child = startScript(options.script, [], options.env);
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(options.readyLine)) resolve();
      });
      child.once('exit', () => reject(new Error(`${options.script} exited early: ${output}`)));
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: options.sockets });
    const outcomes: Outcome[] = [];
    let stopped = false;
    const loop = async () => {
      for (;;) {
        const outcome = await send(options.url, options.body, agent, options.expected);
        outcomes.push(outcome);
        if (outcome.kind !== 'answered' && stopped) return;
        // Some sockets sit idle for a moment when the signal comes.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      }
    };
    const loops = Array.from({ length: options.sockets }, loop);
    await new Promise((resolve) => setTimeout(resolve, options.stopAfterMs));
    stopped = true;
    child.kill('SIGTERM');
    await Promise.all(loops);
    agent.destroy();
    const [code, signal] = await exited;
    return { outcomes, code, signal, output };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

function summary(outcomes: Outcome[]) {
  return {
    answered: outcomes.filter((o) => o.kind === 'answered').length,
    answeredWithClose: outcomes.filter((o) => o.kind === 'answered' && o.connectionClose).length,
    refused: outcomes.filter((o) => o.kind === 'refused').length,
    failed: outcomes.flatMap((o) => (o.kind === 'failed' ? [o.reason] : [])),
  };
}

const baseEnv = (): NodeJS.ProcessEnv => ({
  MONGODB_URI: process.env.MONGODB_URI,
  MONGODB_DB_PREFIX: `t_stop_${randomBytes(3).toString('hex')}`,
  IDENTITY_SECRET: generateIdentitySecret(),
  LOG_LEVEL: 'silent',
  HOST: '127.0.0.1',
});

describe('graceful stop with keep-alive clients', () => {
  it('a gateway process answers every request it received, refuses the rest at connect, and exits 0', async () => {
    const port = await freePort();
    const result = await streamThroughStop({
      script: 'gateway/index.ts',
      env: { ...baseEnv(), GATEWAY_PORT: String(port), GATEWAY_RATE_LIMIT_MAX: '0' },
      readyLine: 'gateway ready',
      url: `http://127.0.0.1:${port}/graphql`,
      body: JSON.stringify({ query: '{ __typename }' }),
      expected: '{"data":{"__typename":"Query"}}\n',
      sockets: 8,
      stopAfterMs: 1_000,
    });
    const counts = summary(result.outcomes);
    expect(counts.failed).toEqual([]);
    expect(counts.answered).toBeGreaterThan(20);
    expect(counts.answeredWithClose).toBeGreaterThan(0);
    expect(counts.refused).toBe(8);
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('a subgraph process does the same with requests that read its database', async () => {
    const port = await freePort();
    const result = await streamThroughStop({
      script: 'subgraphs/land/index.ts',
      // Eight sockets count at once: the bound on expensive queries is lifted, as in the test stack.
      env: { ...baseEnv(), LAND_PORT: String(port), SUBGRAPH_MAX_CONCURRENT_SCANS: '1000' },
      readyLine: 'land subgraph ready',
      url: `http://127.0.0.1:${port}/`,
      body: JSON.stringify({ query: '{ landTransfers(first: 1) { totalCount } }' }),
      expected: '{"data":{"landTransfers":{"totalCount":0}}}\n',
      sockets: 8,
      stopAfterMs: 1_000,
    });
    const counts = summary(result.outcomes);
    expect(counts.failed).toEqual([]);
    expect(counts.answered).toBeGreaterThan(8);
    expect(counts.answeredWithClose).toBeGreaterThan(0);
    expect(counts.refused).toBe(8);
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 0, signal: null });
  }, 60_000);
});
