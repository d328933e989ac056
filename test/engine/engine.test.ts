/**
 * The engine module: which database it picks, that it talks over a real socket, that a started
 * engine never outlives its owner, and that a machine with no way to get one gets a clear error.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEngine } from '../../scripts/lib/engine';
import { eventually } from '../support/waiting';

const root = path.resolve(__dirname, '../..');
const engineStartedHere = process.env.TEST_ENGINE_KIND !== 'external';

function runEngineScript(env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/engine.ts'], { cwd: root, env });
}

async function firstStdoutLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  let buffer = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes('\n')) resolve(buffer.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`engine script exited with ${code}: ${stderr}`)));
  });
}

async function portAcceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}


function envWithout(...names: string[]): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of names) delete env[name];
  return env;
}

describe('the run-wide engine', () => {
  it('answers over a TCP socket with the MongoDB wire protocol', async () => {
    const client = await MongoClient.connect(process.env.MONGODB_URI as string);
    try {
      const hello = await client.db('admin').command({ hello: 1 });
      expect(hello.isWritablePrimary).toBe(true);
      expect(hello.maxWireVersion).toBeGreaterThanOrEqual(17); // MongoDB 6.0 or newer
      if (process.env.TEST_ENGINE_KIND === 'ferretdb') {
        const info = await client.db('admin').command({ buildInfo: 1 });
        expect(info.ferretdbVersion).toMatch(/^v1\.24\./);
      }
    } finally {
      await client.close();
    }
  });
});

describe('MONGODB_URI', () => {
  it('is used as is and never stopped by its user', async () => {
    const uri = process.env.MONGODB_URI as string;
    const lines: string[] = [];
    const engine = await startEngine({ env: { MONGODB_URI: uri }, log: (l) => lines.push(l) });
    expect(engine.kind).toBe('external');
    expect(engine.uri).toBe(uri);
    expect(lines.join('\n')).toContain('using MONGODB_URI');
    await engine.stop();
    const client = await MongoClient.connect(uri);
    await expect(client.db('admin').command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
    await client.close();
  });
});

(engineStartedHere ? describe : describe.skip)('an engine started by a script', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('stops with the script on %s, leaving no process and no port', async (signal, code) => {
    const child = runEngineScript(envWithout('MONGODB_URI'));
    const uri = await firstStdoutLine(child);
    const port = Number(new URL(uri).port);
    const client = await MongoClient.connect(uri);
    await client.db('lifecycle').collection('probe').insertOne({ ok: true });
    await client.close();

    const exited = once(child, 'exit');
    child.kill(signal);
    const [exitCode] = await exited;
    expect(exitCode).toBe(code);
    expect(await eventually(async () => !(await portAcceptsConnections(port)), 10_000)).toBe(true);
    expect(spawnSync('pgrep', ['-f', `listen-addr=127.0.0.1:${port}`]).status).toBe(1);
  });

  it('is stopped by its watchdog even when the owner is killed with SIGKILL', async () => {
    const child = runEngineScript(envWithout('MONGODB_URI'));
    const port = Number(new URL(await firstStdoutLine(child)).port);
    expect(await portAcceptsConnections(port)).toBe(true);
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(await eventually(async () => !(await portAcceptsConnections(port)), 10_000)).toBe(true);
    expect(spawnSync('pgrep', ['-f', `listen-addr=127.0.0.1:${port}`]).status).toBe(1);
  });

  it('keeps its data in the folder the caller chooses, and stop() is idempotent', async () => {
    if (process.env.TEST_ENGINE_KIND !== 'ferretdb') return;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'engine-test-'));
    const engine = await startEngine({ dataDir, env: envWithout('MONGODB_URI'), log: () => undefined });
    const client = await MongoClient.connect(engine.uri);
    await client.db('kept').collection('c').insertOne({ n: 1 });
    await client.close();
    await engine.stop();
    await engine.stop();
    expect(existsSync(path.join(dataDir, 'kept.sqlite'))).toBe(true);
  });
});

describe('a second command on the same data folder', () => {
  it('uses the engine already running there and leaves it running; once that stops, starts its own', async () => {
    if (process.env.TEST_ENGINE_KIND !== 'ferretdb') return;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'engine-shared-'));
    const env = envWithout('MONGODB_URI');
    const lines: string[] = [];
    const first = await startEngine({ dataDir, env, log: () => undefined });
    try {
      const second = await startEngine({ dataDir, env, log: (line) => lines.push(line) });
      expect(second).toMatchObject({ uri: first.uri, kind: 'external' });
      expect(lines).toEqual([`using the engine already running on ${dataDir} at ${first.uri} (process ${process.pid}); it is not stopped here`]);
      await second.stop();
      expect(await portAcceptsConnections(Number(new URL(first.uri).port))).toBe(true);
    } finally {
      await first.stop();
    }
    expect(existsSync(path.join(dataDir, 'engine-running.json'))).toBe(false);
    const third = await startEngine({ dataDir, env, log: () => undefined });
    expect(third.kind).toBe('ferretdb');
    await third.stop();
  });
});

describe('a machine with no way to get an engine', () => {
  it('exits non-zero with a message that names the four ways', async () => {
    const emptyHome = mkdtempSync(path.join(os.tmpdir(), 'no-engine-home-'));
    const isolatedBin = mkdtempSync(path.join(os.tmpdir(), 'no-engine-bin-'));
    // Only node and sh on PATH: no go, no mongod, no ferretdb.
    const env: NodeJS.ProcessEnv = {
      PATH: `${path.dirname(process.execPath)}:${isolatedBin}`,
      HOME: emptyHome,
      XDG_CACHE_HOME: path.join(emptyHome, '.cache'),
      MONGOMS_RUNTIME_DOWNLOAD: 'false',
      MONGOMS_DOWNLOAD_DIR: path.join(emptyHome, 'mongodb-binaries'),
    };
    for (const tool of ['sh', 'test']) {
      const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      if (found.startsWith('/')) spawnSync('ln', ['-s', found, path.join(isolatedBin, tool)]);
    }
    expect(spawnSync('sh', ['-c', 'command -v go'], { env, encoding: 'utf8' }).stdout).toBe('');

    const child = runEngineScript(env);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain('No MongoDB-wire database could be found or started');
    expect(stderr).toContain('MONGODB_URI');
    expect(stderr).toContain('MONGOMS_SYSTEM_BINARY');
    expect(stderr).toContain('install Go');
    expect(stderr).toContain('internet');
    expect(stderr).toContain('Go is not installed');
  });
});
