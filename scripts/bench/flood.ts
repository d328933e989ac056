/**
 * Figure 6 (issue 10): a bounded flood of expensive queries from a set of clients while another
 * client sends cheap ones (an agency look-up, a region). The cheap client's success rate and p95
 * during the flood against its p95 alone, and how long after the flood ended its answers were
 * back to normal. The load runs in a process of its own (flood-child.ts); the gateway in another,
 * with its production limits (cost budget, subgraph timeout) and the response cache off, so the
 * cheap queries reach the catalogue subgraph.
 */
import { once } from 'node:events';
import { AGENCIES, REGIONS } from '../../model/reference-data';
import { forkChild } from './children';
import type { CheapSample, FloodJob, FloodResult } from './flood-child';
import type { BenchOptions } from './options';
import { pass, type Figure } from './report';
import { percentile, round } from './stats';

/** Goals of issue 10. */
export const FLOOD_SUCCESS_GOAL = 0.99;
export const FLOOD_P95_RATIO_GOAL = 2;
export const FLOOD_RECOVERY_GOAL_SECONDS = 1;
/** Consecutive normal answers that count as recovered. */
const RECOVERED_RUN = 5;

export interface FloodSummary {
  floodClients: number;
  floodSeconds: number;
  floodStatuses: Record<string, number>;
  cheap: { idle: number; flood: number; after: number };
  idleP95: number;
  floodP95: number;
  floodSuccess: number;
  /** Seconds from the last flood answer to the first of RECOVERED_RUN normal cheap answers; NaN if never. */
  recoverySeconds: number;
}

export function floodJob(url: string, options: BenchOptions): FloodJob {
  return {
    url,
    floodClients: options.quick ? 4 : 10,
    floodRequests: options.quick ? 40 : 300,
    floodSeconds: options.quick ? 5 : 20,
    idleSeconds: options.quick ? 2 : 10,
    afterSeconds: options.quick ? 2 : 5,
    // About 6 requests a second: the cheap client stays under the request-count limit (600 a minute).
    cheapIntervalMs: 150,
    requestTimeoutMs: 15_000,
    cheapQueries: [`query Agency { agency(code: "${AGENCIES[0]._id}") { name } }`, `query Region { region(code: "${REGIONS[0]._id}") { name level } }`],
    searchPrefix: '征地补偿',
  };
}

/** What the samples say against the goals: normal is answered and within twice the idle p95. */
export function summarizeFlood(job: FloodJob, result: FloodResult): FloodSummary {
  const idle = result.cheap.filter((s) => s.sentAt < result.floodStartedAt);
  const during = result.cheap.filter((s) => s.sentAt >= result.floodStartedAt && s.sentAt < result.floodEndedAt);
  const after = result.cheap.filter((s) => s.sentAt >= result.floodEndedAt);
  const idleP95 = percentile(idle.filter((s) => s.ok).map((s) => s.latencyMs), 95);
  const normal = (s: CheapSample) => s.ok && s.latencyMs <= FLOOD_P95_RATIO_GOAL * idleP95;
  const recoveredAt = after.findIndex((_, i) => after.slice(i, i + RECOVERED_RUN).length === RECOVERED_RUN && after.slice(i, i + RECOVERED_RUN).every(normal));
  return {
    floodClients: job.floodClients,
    floodSeconds: round((result.floodEndedAt - result.floodStartedAt) / 1000),
    floodStatuses: result.floodStatuses,
    cheap: { idle: idle.length, flood: during.length, after: after.length },
    idleP95: round(idleP95),
    floodP95: round(percentile(during.map((s) => (s.ok ? s.latencyMs : Number.POSITIVE_INFINITY)), 95)),
    floodSuccess: during.length ? during.filter((s) => s.ok).length / during.length : Number.NaN,
    recoverySeconds: recoveredAt < 0 ? Number.NaN : round(Math.max(0, after[recoveredAt].sentAt - result.floodEndedAt) / 1000, 2),
  };
}

/** Runs the flood against the gateway at `url` (its GraphQL endpoint). */
export async function measureFlood(url: string, options: BenchOptions): Promise<{ job: FloodJob; summary: FloodSummary }> {
  const job = floodJob(url, options);
  const { child } = await forkChild<{ ready: true }>('scripts/bench/flood-child.ts', {});
  try {
    child.process.send(job);
    const [result] = (await once(child.process, 'message')) as [FloodResult];
    return { job, summary: summarizeFlood(job, result) };
  } finally {
    await child.stop();
  }
}

export function floodFigures(summary: FloodSummary): Figure[] {
  const statuses = Object.entries(summary.floodStatuses)
    .map(([status, count]) => `${count}× ${status}`)
    .join(', ');
  const ratio = summary.floodP95 / summary.idleP95;
  return [
    {
      id: '6.cheapSuccess',
      label: `6 cheap look-ups answered during a flood of text searches (${summary.floodClients} clients, ${summary.floodSeconds} s)`,
      value: summary.floodSuccess * 100,
      unit: '%',
      goal: `≥ ${FLOOD_SUCCESS_GOAL * 100}%`,
      status: pass(summary.floodSuccess >= FLOOD_SUCCESS_GOAL),
      limit: `${summary.cheap.flood} look-ups during the flood; the flood's answers: ${statuses}`,
    },
    {
      id: '6.cheapP95Ratio',
      label: '6 cheap look-up p95 during the flood / alone',
      value: ratio,
      unit: 'x',
      goal: `≤ ${FLOOD_P95_RATIO_GOAL}x`,
      status: pass(ratio <= FLOOD_P95_RATIO_GOAL),
      limit: `${summary.floodP95} ms vs ${summary.idleP95} ms alone (${summary.cheap.idle} look-ups)`,
    },
    {
      id: '6.recovery',
      label: '6 recovery after the flood: first of 5 look-ups in a row within 2x the idle p95',
      value: summary.recoverySeconds,
      unit: 's',
      goal: `≤ ${FLOOD_RECOVERY_GOAL_SECONDS} s`,
      status: pass(summary.recoverySeconds <= FLOOD_RECOVERY_GOAL_SECONDS),
      limit: `${summary.cheap.after} look-ups after the last flood answer`,
    },
  ];
}
