/**
 * Figure 5: `npm start` spawned as a user runs it, timed to the first query the gateway answers
 * (and to its "Ready" line), on an empty database and again on the same, now loaded, database.
 * Ports are picked free beforehand so the gateway can be polled before it prints its address.
 * Each run is bounded: coreutils `timeout` stops the whole process group after a deadline even if
 * the bench dies, and the bench itself stops it with SIGINT (Ctrl-C) as soon as it has its figures.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PORTS } from '../../platform/config';
import { freePort } from '../lib/engine';
import { ROOT } from './children';
import { FIRST_QUERY, post } from './queries';

const RUN_DEADLINE_SECONDS = 300;
const POLL_INTERVAL_MS = 25;

export interface StartupRun {
  /** From spawning `npm start` to the first query answered with data and no errors. */
  firstAnswerSeconds: number;
  /** From spawning to the "Ready in … s" line (after the sample is loaded on an empty database). */
  readySeconds: number;
}

const hasTimeout = () => process.platform === 'linux' && spawnSync('timeout', ['--version']).status === 0;

async function startOnce(env: NodeJS.ProcessEnv): Promise<StartupRun> {
  const ports: Record<string, string> = {};
  for (const name of Object.keys(DEFAULT_PORTS)) ports[`${name.toUpperCase()}_PORT`] = String(await freePort());
  const graphqlUrl = `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const [command, args] = hasTimeout()
    ? ['timeout', ['--signal=INT', '--kill-after=15', String(RUN_DEADLINE_SECONDS), npm, 'start']]
    : [npm, ['start']];
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, ...ports, HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = once(child, 'exit') as Promise<[number | null]>;
  let output = '';
  let readyAt = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    if (!readyAt && /Ready in [\d.]+ s/.test(output)) readyAt = performance.now();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-8000)));
  const stopGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => stopGroup('SIGKILL');
  process.once('exit', onExit);
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  try {
    let firstAnswerAt = 0;
    const deadline = started + RUN_DEADLINE_SECONDS * 1000;
    const done = () => Boolean(firstAnswerAt && readyAt);
    while (!done() && !exitedEarly && performance.now() < deadline) {
      if (!firstAnswerAt) {
        const answer = await post(graphqlUrl, FIRST_QUERY, 5_000).catch(() => undefined);
        if (answer?.status === 200 && answer.data && !answer.errors?.length) firstAnswerAt = performance.now();
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
    if (!done()) {
      throw new Error(`npm start did not ${firstAnswerAt ? 'print Ready' : 'answer a query'} within ${RUN_DEADLINE_SECONDS} s:\n${output.slice(-3000)}`);
    }
    return {
      firstAnswerSeconds: (firstAnswerAt - started) / 1000,
      readySeconds: (readyAt - started) / 1000,
    };
  } finally {
    stopGroup('SIGINT');
    const timer = setTimeout(() => stopGroup('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
    process.off('exit', onExit);
  }
}

export interface StartupResult {
  empty: StartupRun;
  loaded: StartupRun;
  /** Where `npm start` took its database from. */
  database: string;
}

/**
 * Two starts on one database: empty, then loaded with the sample the first start wrote. With
 * `mongodbUri` (an external database) both use it under a fresh prefix, dropped afterwards by
 * `dropPrefix`; without, `npm start` resolves and starts the engine itself in a temp data folder.
 */
export async function measureStartup(
  mongodbUri: string | undefined,
  prefix: string,
  dropPrefix: () => Promise<void>,
): Promise<StartupResult> {
  const dataDir = mongodbUri ? undefined : mkdtempSync(path.join(os.tmpdir(), 'bench-start-'));
  const env: NodeJS.ProcessEnv = { MONGODB_DB_PREFIX: prefix, ...(mongodbUri ? { MONGODB_URI: mongodbUri } : { ENGINE_DATA_DIR: dataDir }) };
  try {
    const empty = await startOnce(env);
    const loaded = await startOnce(env);
    return {
      empty,
      loaded,
      database: mongodbUri ? 'MONGODB_URI, fresh database prefix' : 'its own engine in a fresh data folder (npm start resolves and starts it)',
    };
  } finally {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (mongodbUri) await dropPrefix();
  }
}
