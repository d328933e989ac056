/**
 * Child processes of the bench: TypeScript files forked with tsx and an IPC channel. Every child
 * exits when the channel closes (the bench ended or died), and stop() ends it by its pid.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export interface Child {
  process: ChildProcess;
  /** Output it wrote, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Forks `file` (relative to the project root) with tsx; waits for its first IPC message. */
export async function forkChild<Ready>(file: string, env: NodeJS.ProcessEnv, readyTimeoutMs = 60_000): Promise<{ child: Child; ready: Ready }> {
  const proc = fork(path.join(ROOT, file), [], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.add(proc);
  let output = '';
  proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-4000)));
  proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-4000)));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => {
    running.delete(proc);
    resolve();
  }));
  const child: Child = {
    process: proc,
    output: () => output,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} not ready after ${readyTimeoutMs} ms:\n${output}`)), readyTimeoutMs);
    proc.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as Ready);
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with ${code} before it was ready:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await child.stop();
    throw error;
  });
  return { child, ready };
}
