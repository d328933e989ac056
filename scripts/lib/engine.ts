/**
 * Resolves a MongoDB-wire database for `npm start`, the tests and every script.
 *
 * Order (the first that works wins, and the choice is printed):
 *   1. MONGODB_URI, used as is (never started or stopped here);
 *   2. a local `mongod` (MONGOMS_SYSTEM_BINARY, `mongod` on PATH, or mongodb-memory-server's cache),
 *      started through mongodb-memory-server;
 *   3. FerretDB v1.24 on SQLite, found on PATH or in the cache folder, otherwise built there once from
 *      the Go module proxy;
 *   4. mongodb-memory-server's own download (machines with internet; skipped when
 *      MONGOMS_RUNTIME_DOWNLOAD=false);
 *   5. otherwise an EngineUnavailableError that names the four ways.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';

export type EngineKind = 'external' | 'mongod' | 'ferretdb' | 'mongod-download';

export interface Engine {
  /** Connection string, always on 127.0.0.1 for engines started here. */
  readonly uri: string;
  readonly kind: EngineKind;
  /** One line for humans: what was chosen and why. */
  readonly description: string;
  /** Stops the engine if this process started it; a no-op for MONGODB_URI. Safe to call twice. */
  stop(): Promise<void>;
  /** The engine's own process, when this process started it. */
  readonly pid?: number;
  /**
   * Settles, with how it ended, when an engine this process started ends without stop() being called
   * (it crashed or was killed); absent for engines started elsewhere (see engine-supervisor.ts).
   */
  readonly died?: Promise<string>;
}

export interface EngineOptions {
  /** Folder for the engine's data; a fresh temp folder (removed on stop) when omitted. */
  dataDir?: string;
  /** Progress and choice messages; stderr by default. */
  log?: (line: string) => void;
  /** Environment to read settings from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Port on 127.0.0.1 to listen on; a free one when omitted (a restart can reuse the last one). */
  port?: number;
}

export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
}

export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
/** Patch versions of v1.24 that the Go module proxy serves, preferred first. */
export const FERRETDB_VERSIONS = ['v1.24.2', 'v1.24.0'];
const READY_TIMEOUT_MS = 30_000;
const BUILD_LOCK_WAIT_MS = 20 * 60_000;

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'gov-disclosure-catalogue');
}

export function ferretdbCachePath(version: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheDir(env), `ferretdb-${version}`, 'ferretdb');
}

const defaultLog = (line: string): void => {
  process.stderr.write(`[engine] ${line}\n`);
};

export async function startEngine(options: EngineOptions = {}): Promise<Engine> {
  const env = options.env ?? process.env;
  const log = options.log ?? defaultLog;
  const failures: string[] = [];

  if (env.MONGODB_URI) {
    log(`using MONGODB_URI (${redactUri(env.MONGODB_URI)}); it is not started or stopped here`);
    return {
      uri: env.MONGODB_URI,
      kind: 'external',
      description: `external database from MONGODB_URI (${redactUri(env.MONGODB_URI)})`,
      stop: async () => undefined,
    };
  }

  if (options.dataDir) {
    const running = await engineRunningOn(options.dataDir);
    if (running) {
      log(`using the engine already running on ${options.dataDir} at ${running.uri} (process ${running.pid}); it is not stopped here`);
      return {
        uri: running.uri,
        kind: 'external',
        description: `the engine already running on ${options.dataDir} at ${running.uri}`,
        stop: async () => undefined,
      };
    }
  }

  const mongodPath = await findLocalMongod(env, failures);
  if (mongodPath) {
    log(`starting local mongod ${mongodPath} through mongodb-memory-server`);
    return markRunning(await startMongodViaMemoryServer({ systemBinary: mongodPath }, options, 'mongod', log), options.dataDir);
  }

  const ferretdb = await findOrBuildFerretdb(env, log, failures);
  if (ferretdb) {
    log(`starting FerretDB ${ferretdb} on SQLite`);
    return markRunning(await startFerretdb(ferretdb, options, log), options.dataDir);
  }

  if (env.MONGOMS_RUNTIME_DOWNLOAD === 'false' || env.MONGOMS_RUNTIME_DOWNLOAD === '0') {
    failures.push('4. mongodb-memory-server download: skipped because MONGOMS_RUNTIME_DOWNLOAD=false');
  } else {
    log('trying mongodb-memory-server download of mongod (needs internet)');
    try {
      return markRunning(await startMongodViaMemoryServer({}, options, 'mongod-download', log), options.dataDir);
    } catch (error) {
      failures.push(`4. mongodb-memory-server download failed: ${firstLine(error)}`);
    }
  }

  throw new EngineUnavailableError(unavailableMessage(failures, env));
}

// ---------------------------------------------------------------------------------------------
// An engine on a data folder is found by the next command on the same folder: `npm run import`,
// `keys` or `reindex` while `npm start` runs use its engine. A second engine on the same files
// would not see what the first one creates (FerretDB keeps its list of collections in memory), so
// a key created beside a running `npm start` was unknown to it.

const RUNNING_FILE = 'engine-running.json';

interface RunningEngine {
  uri: string;
  pid: number;
}

/** The engine another process started on `dataDir`, if it is still running and answers. */
async function engineRunningOn(dataDir: string): Promise<RunningEngine | undefined> {
  let running: RunningEngine;
  try {
    running = JSON.parse(await fs.readFile(path.join(dataDir, RUNNING_FILE), 'utf8')) as RunningEngine;
    process.kill(running.pid, 0);
  } catch {
    return undefined;
  }
  // A refused connection says at once what the ping would say after its 2 s (an engine that died and is being restarted).
  if (!(await acceptsConnections(new URL(running.uri)))) return undefined;
  const client = new MongoClient(running.uri, { serverSelectionTimeoutMS: 2_000 });
  try {
    await client.db('admin').command({ ping: 1 });
    return running;
  } catch {
    return undefined;
  } finally {
    await client.close().catch(() => undefined);
  }
}

function acceptsConnections(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Leaves a note in `dataDir` that this process runs `engine` there, removed when it stops. */
async function markRunning(engine: Engine, dataDir: string | undefined): Promise<Engine> {
  if (!dataDir) return engine;
  const file = path.join(dataDir, RUNNING_FILE);
  await fs.writeFile(file, JSON.stringify({ uri: engine.uri, pid: process.pid } satisfies RunningEngine));
  return {
    ...engine,
    stop: onceOnly(async () => {
      await fs.rm(file, { force: true });
      await engine.stop();
    }),
  };
}

function unavailableMessage(failures: string[], env: NodeJS.ProcessEnv): string {
  return [
    'No MongoDB-wire database could be found or started. What was tried:',
    ...failures.map((f) => `  ${f}`),
    '',
    'Do one of these, then run the command again:',
    '  1. point MONGODB_URI at a running MongoDB 6+ or FerretDB, e.g. MONGODB_URI=mongodb://127.0.0.1:27017',
    '  2. install mongod (on PATH, or MONGOMS_SYSTEM_BINARY=/path/to/mongod)',
    `  3. install Go 1.21+ (https://go.dev/doc/install) so FerretDB ${FERRETDB_VERSIONS[0]} can be built into`,
    `     ${path.dirname(ferretdbCachePath(FERRETDB_VERSIONS[0], env))} (once, about 2-3 minutes), or put a ferretdb v1.24 binary on PATH`,
    '  4. give this machine internet access so mongodb-memory-server can download mongod',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// 2 and 4: mongod through mongodb-memory-server

async function findLocalMongod(env: NodeJS.ProcessEnv, failures: string[]): Promise<string | undefined> {
  if (env.MONGOMS_SYSTEM_BINARY) {
    if (isExecutable(env.MONGOMS_SYSTEM_BINARY)) return env.MONGOMS_SYSTEM_BINARY;
    failures.push(`2. local mongod: MONGOMS_SYSTEM_BINARY=${env.MONGOMS_SYSTEM_BINARY} is not an executable file`);
    return undefined;
  }
  const onPath = which('mongod', env);
  if (onPath) return onPath;
  try {
    const { DryMongoBinary } = await import('mongodb-memory-server');
    const cached = await DryMongoBinary.locateBinary(await DryMongoBinary.generateOptions({}));
    if (cached) return cached;
  } catch (error) {
    failures.push(`2. local mongod: could not look in mongodb-memory-server's cache (${firstLine(error)})`);
    return undefined;
  }
  failures.push("2. local mongod: none in MONGOMS_SYSTEM_BINARY, on PATH or in mongodb-memory-server's cache");
  return undefined;
}

async function startMongodViaMemoryServer(
  binary: { systemBinary?: string },
  options: EngineOptions,
  kind: EngineKind,
  log: (line: string) => void,
): Promise<Engine> {
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  const dataDir = options.dataDir;
  const server = await MongoMemoryServer.create({
    binary,
    instance: {
      ip: '127.0.0.1',
      ...(options.port ? { port: options.port } : {}),
      ...(dataDir ? { dbPath: dataDir, storageEngine: 'wiredTiger' } : {}),
    },
  });
  const uri = server.getUri();
  log(`mongod ready at ${uri}`);
  let stopping = false;
  const stop = onceOnly(async () => {
    stopping = true;
    await server.stop({ doCleanup: !dataDir, force: false });
  });
  onShutdown({ sync: () => void server.stop({ doCleanup: !dataDir, force: true }), async: stop });
  const mongod = server.instanceInfo?.instance.mongodProcess;
  return { uri, kind, description: `mongod via mongodb-memory-server at ${uri}`, stop, pid: mongod?.pid, died: mongod && diedUnlessStopped(mongod, () => stopping) };
}

// ---------------------------------------------------------------------------------------------
// 3: FerretDB on SQLite

async function findOrBuildFerretdb(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  failures: string[],
): Promise<string | undefined> {
  const onPath = which('ferretdb', env);
  if (onPath) {
    const version = spawnSync(onPath, ['--version'], { encoding: 'utf8' }).stdout ?? '';
    if (/version:\s*v1\.24\./.test(version)) return onPath;
    log(`ignoring ${onPath}: not FerretDB v1.24 (${firstLine(version) || 'no version output'})`);
  }
  for (const version of FERRETDB_VERSIONS) {
    const cached = ferretdbCachePath(version, env);
    if (isExecutable(cached)) return cached;
  }
  const go = which('go', env);
  if (!go) {
    failures.push('3. FerretDB: not on PATH, not in the cache, and Go is not installed to build it');
    return undefined;
  }
  try {
    return await buildFerretdb(go, env, log);
  } catch (error) {
    failures.push(`3. FerretDB build failed: ${firstLine(error)}`);
    return undefined;
  }
}

/** Builds FerretDB into the cache folder, once: concurrent callers wait for the first one's build. */
async function buildFerretdb(go: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<string> {
  const root = cacheDir(env);
  await fs.mkdir(root, { recursive: true });
  const release = await acquireLock(path.join(root, 'build.lock'), log);
  try {
    for (const version of FERRETDB_VERSIONS) {
      const target = ferretdbCachePath(version, env);
      if (isExecutable(target)) return target; // built by whoever held the lock before us
    }
    const goEnv = { ...env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0', GOTOOLCHAIN: env.GOTOOLCHAIN ?? 'local' };
    let lastError: unknown;
    for (const version of FERRETDB_VERSIONS) {
      try {
        log(`building FerretDB ${version} from the Go module proxy into ${path.dirname(ferretdbCachePath(version, env))}`);
        log('first run only: this downloads the module and its dependencies and compiles them (about 2-3 minutes)');
        const started = Date.now();
        const target = await buildVersion(go, version, root, goEnv, env, log);
        log(`built FerretDB ${version} in ${Math.round((Date.now() - started) / 1000)} s`);
        return target;
      } catch (error) {
        lastError = error;
        log(`could not build FerretDB ${version}: ${firstLine(error)}`);
      }
    }
    throw lastError;
  } finally {
    await release();
  }
}

async function buildVersion(
  go: string,
  version: string,
  root: string,
  goEnv: NodeJS.ProcessEnv,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<string> {
  const workDir = await fs.mkdtemp(path.join(root, `build-${version}-`));
  const unregister = onShutdown({ sync: () => rmSync(workDir, { recursive: true, force: true }) });
  try {
    log(`[1/3] go mod download ${FERRETDB_MODULE}@${version}`);
    const download = await run(go, ['mod', 'download', '-json', `${FERRETDB_MODULE}@${version}`], {
      cwd: workDir,
      env: goEnv,
    });
    const info = JSON.parse(download.stdout) as { Dir?: string; Error?: string };
    if (info.Error || !info.Dir) throw new Error(info.Error ?? 'go mod download printed no Dir');

    log('[2/3] copying the module source and writing build/version/version.txt');
    const src = path.join(workDir, 'src');
    await fs.cp(info.Dir, src, { recursive: true });
    await makeWritable(src);
    // The module zip lacks this file and the binary panics at start without it.
    await fs.writeFile(path.join(src, 'build', 'version', 'version.txt'), `${version}\n`);

    log('[3/3] go build ./cmd/ferretdb (CGO_ENABLED=0, pure-Go SQLite)');
    const output = path.join(workDir, 'ferretdb');
    let compiled = 0;
    await run(go, ['build', '-v', '-trimpath', '-o', output, './cmd/ferretdb'], {
      cwd: src,
      env: goEnv,
      onStderrLine: (line) => {
        if (line.startsWith('go: downloading')) log(`      ${line}`);
        else if (/^[\w.-]+(\/[\w.@-]+)+$/.test(line) && ++compiled % 25 === 0) {
          log(`      compiled ${compiled} packages (latest: ${line})`);
        }
      },
    });
    const target = ferretdbCachePath(version, env);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rename(output, target);
    return target;
  } finally {
    unregister();
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

async function makeWritable(dir: string): Promise<void> {
  await fs.chmod(dir, 0o755);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(full);
    else await fs.chmod(full, 0o644);
  }
}

async function acquireLock(lockDir: string, log: (line: string) => void): Promise<() => Promise<void>> {
  const deadline = Date.now() + BUILD_LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      await fs.mkdir(lockDir);
      const unregister = onShutdown({ sync: () => rmSync(lockDir, { recursive: true, force: true }) });
      return async () => {
        unregister();
        await fs.rm(lockDir, { recursive: true, force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const stat = await fs.stat(lockDir).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs > BUILD_LOCK_WAIT_MS) {
        log(`removing stale build lock ${lockDir}`);
        await fs.rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for build lock ${lockDir}`);
      if (!announced) log(`another process is building FerretDB; waiting for ${lockDir}`);
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/**
 * FerretDB runs under a tiny shell watchdog that holds our stdin pipe: when this process exits for
 * any reason (even SIGKILL), the pipe closes and the watchdog stops FerretDB. No engine outlives us.
 */
// POSIX gives background jobs /dev/null as stdin, so the pipe is kept on fd 3 for the watcher.
const WATCHDOG = [
  'exec 3<&0',
  '"$@" </dev/null & child=$!',
  'echo "$child"',
  '( while read -r _ <&3; do :; done; kill -TERM "$child" 2>/dev/null ) &',
  'watcher=$!',
  'wait "$child"; status=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join('\n');

async function startFerretdb(binary: string, options: EngineOptions, log: (line: string) => void): Promise<Engine> {
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'ferretdb-'));
  await fs.mkdir(dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const args = [
    `--listen-addr=127.0.0.1:${port}`,
    '--handler=sqlite',
    `--sqlite-url=file:${path.resolve(dataDir)}/`,
    `--state-dir=${path.resolve(dataDir)}`,
    '--telemetry=disable',
    '--debug-addr=-',
    '--log-level=error',
  ];
  const child = spawn('sh', ['-c', WATCHDOG, 'ferretdb-watchdog', binary, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, FERRETDB_TELEMETRY: 'disable' },
  });
  const stderrTail: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderrTail.push(...chunk.split('\n').filter(Boolean));
    stderrTail.splice(0, Math.max(0, stderrTail.length - 20));
  });
  // The watchdog's first line is the engine's own process id (for a test that kills the engine).
  const pid = new Promise<number | undefined>((resolve) => {
    let first = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      first += chunk;
      if (first.includes('\n')) resolve(Number(first.split('\n')[0]) || undefined);
    });
    child.once('exit', () => resolve(undefined));
  });
  // Do not let the engine keep this process alive; the watchdog stops it when we go.
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  (child.stderr as unknown as { unref?: () => void }).unref?.();

  const uri = `mongodb://127.0.0.1:${port}/`;
  let stopping = false;
  const stop = onceOnly(async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const unregister = onShutdown({
    sync: () => {
      child.stdin?.end();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    async: stop,
  });
  child.once('exit', unregister);

  try {
    await waitUntilReady(uri, child);
  } catch (error) {
    await stop();
    throw new Error(`${firstLine(error)}${stderrTail.length ? `; FerretDB said: ${stderrTail.join(' | ')}` : ''}`);
  }
  log(`FerretDB ready at ${uri} (data in ${dataDir})`);
  return {
    uri,
    kind: 'ferretdb',
    description: `FerretDB (${binary}) on SQLite at ${uri}`,
    stop,
    pid: await pid,
    died: diedUnlessStopped(child, () => stopping),
  };
}

/** How `child` ended, once it has without `stopping()` being true (pending for ever otherwise). */
function diedUnlessStopped(child: ChildProcess, stopping: () => boolean): Promise<string> {
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      if (stopping()) return;
      // The watchdog reports its engine killed by a signal as 128 + the signal's number.
      resolve(signal ? `killed by ${signal}` : code !== null && code > 128 ? `killed by signal ${code - 128}` : `exited with code ${code}`);
    });
  });
}

async function waitUntilReady(uri: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`FerretDB exited before it was ready (code ${child.exitCode ?? child.signalCode})`);
    }
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  throw new Error(`FerretDB did not answer ping within ${READY_TIMEOUT_MS} ms: ${firstLine(lastError)}`);
}

// ---------------------------------------------------------------------------------------------
// helpers

type Cleanup = { sync: () => void; async?: () => Promise<void> };
const cleanups = new Set<Cleanup>();
let shutdownHandlersInstalled = false;

/**
 * Runs `cleanup` when the owner goes away before the returned function is called: SIGINT/SIGTERM
 * run the async form and then exit with the usual code; a plain exit or an uncaught exception runs
 * the synchronous form. Returns the function that unregisters it.
 */
function onShutdown(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  if (!shutdownHandlersInstalled) {
    shutdownHandlersInstalled = true;
    process.once('exit', () => {
      for (const c of cleanups) c.sync();
    });
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      process.once(signal, () => {
        const pending = [...cleanups].map((c) => (c.async ? c.async() : Promise.resolve(c.sync())));
        Promise.allSettled(pending).finally(() => process.exit(code));
      });
    }
  }
  return () => cleanups.delete(cleanup);
}

function onceOnly(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

function which(command: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    return existsSync(file) && spawnSync('test', ['-x', file]).status === 0;
  } catch {
    return false;
  }
}

interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  onStderrLine?: (line: string) => void;
}

async function run(command: string, args: string[], options: RunOptions): Promise<{ stdout: string }> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const unregister = onShutdown({ sync: () => child.kill('SIGTERM') });
  child.once('exit', unregister);
  let stdout = '';
  const stderr: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  let partial = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      stderr.push(line);
      options.onStderrLine?.(line);
    }
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) {
    const tail = [...stderr, partial].filter(Boolean).slice(-5).join(' | ');
    throw new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}: ${tail || stdout.slice(0, 500)}`);
  }
  return { stdout };
}

function firstLine(value: unknown): string {
  const text = value instanceof Error ? value.message : String(value ?? '');
  return text.split('\n')[0].trim();
}

function redactUri(uri: string): string {
  return uri.replace(/\/\/([^@/]+)@/, '//***@');
}
