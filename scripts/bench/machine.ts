import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { MongoClient } from 'mongodb';

export interface Machine {
  nproc: number;
  memoryGiB: number;
  cpuModel: string;
  node: string;
  os: string;
  /** 1-minute load average when the bench started: other work on the machine skews every figure. */
  loadAverageAtStart: number;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

export function describeMachine(): Machine {
  return {
    nproc: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    cpuModel: cpuModel(),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

export interface EngineInfo {
  description: string;
  /** `FerretDB v1.24.2 (SQLite)` or `MongoDB 7.0.x`. */
  name: string;
}

export async function describeEngine(client: MongoClient, description: string): Promise<EngineInfo> {
  const info = await client.db('admin').command({ buildInfo: 1 }).catch(() => ({}) as Record<string, unknown>);
  const name = info.ferretdbVersion
    ? `FerretDB ${String(info.ferretdbVersion)} (MongoDB ${String(info.version)} wire)`
    : `MongoDB ${String(info.version ?? 'unknown')}`;
  return { description, name };
}
