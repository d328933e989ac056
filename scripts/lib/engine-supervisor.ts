/**
 * The owner of a database engine (`npm start`, `npm run engine`, the test run) keeps it running: when
 * the engine it started dies, it is started again on the same port and data folder, after a growing
 * pause, each attempt logged; after RESTART_DELAYS_MS.length failures in a row the owner gives up and
 * says so. The services keep their MongoDB clients meanwhile: they answer DATABASE_UNAVAILABLE and
 * report not ready until the engine answers again, then recover by themselves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEngine, type Engine, type EngineOptions } from './engine';

/** The pause before each restart attempt in a row; as many attempts as entries. */
export const RESTART_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000];
/** An engine up this long has recovered: its next death starts the attempts from the first again. */
export const STABLE_AFTER_MS = 60_000;

export interface SupervisedEngine extends Engine {
  /** How many times the engine was started again. */
  readonly restarts: number;
}

export interface SupervisorOptions extends Omit<EngineOptions, 'port'> {
  /** Pauses before successive attempts (RESTART_DELAYS_MS by default). */
  restartDelaysMs?: readonly number[];
  /** Called once when every attempt failed; the engine then stays down. */
  onGiveUp?: (reason: string) => void;
}

const defaultLog = (line: string): void => {
  process.stderr.write(`[engine] ${line}\n`);
};

/**
 * Starts the engine as startEngine does and restarts it when it dies. An engine not started here
 * (MONGODB_URI, another process's) is returned as it is: its owner watches it. Without a data folder
 * a temporary one is made (a restart must find the data), removed by stop().
 */
export async function superviseEngine(options: SupervisorOptions = {}): Promise<SupervisedEngine> {
  const log = options.log ?? defaultLog;
  const delays = options.restartDelaysMs ?? RESTART_DELAYS_MS;
  const temporaryDir = options.dataDir ? undefined : mkdtempSync(path.join(os.tmpdir(), 'engine-'));
  const dataDir = options.dataDir ?? (temporaryDir as string);
  const removeTemporaryDir = () => temporaryDir && rmSync(temporaryDir, { recursive: true, force: true });
  // Also when a signal ends the owner: the engine module stops the engine then, not this supervisor.
  if (temporaryDir) process.once('exit', removeTemporaryDir);

  let current = await startEngine({ ...options, dataDir, log }).catch((error: unknown) => {
    removeTemporaryDir();
    throw error;
  });
  if (!current.died) {
    removeTemporaryDir();
    return { ...current, restarts: 0 };
  }
  const port = Number(new URL(current.uri).port);
  let stopped = false;
  let restarts = 0;
  let failuresInARow = 0;
  let upSince = Date.now();

  const watch = (engine: Engine) => {
    void engine.died?.then((how) => {
      if (stopped) return;
      if (Date.now() - upSince >= STABLE_AFTER_MS) failuresInARow = 0;
      log(`the engine at ${engine.uri} died (${how})`);
      void restart(how);
    });
  };

  const restart = async (reason: string): Promise<void> => {
    for (;;) {
      if (failuresInARow >= delays.length) {
        log(`giving up after ${delays.length} restart attempts in a row; the engine stays down (${reason})`);
        options.onGiveUp?.(reason);
        return;
      }
      const delay = delays[failuresInARow];
      failuresInARow += 1;
      log(`restart attempt ${failuresInARow} of ${delays.length} in ${delay} ms, on port ${port} with the data in ${dataDir}`);
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
      if (stopped) return;
      try {
        current = await startEngine({ ...options, dataDir, port, log });
        if (stopped) {
          await current.stop();
          return;
        }
        restarts += 1;
        upSince = Date.now();
        log(`the engine is back at ${current.uri} (restart ${restarts})`);
        watch(current);
        return;
      } catch (error) {
        reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        log(`restart attempt ${failuresInARow} failed: ${reason}`);
      }
    }
  };

  watch(current);
  return {
    uri: current.uri,
    kind: current.kind,
    description: current.description,
    get pid() {
      return current.pid;
    },
    get died() {
      return current.died;
    },
    get restarts() {
      return restarts;
    },
    stop: async () => {
      stopped = true;
      await current.stop();
      removeTemporaryDir();
    },
  };
}
