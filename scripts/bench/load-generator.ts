/**
 * Runs bounded HTTP load with autocannon in a child process (see load-child.ts): POSTs of one
 * GraphQL body over `connections` keep-alive connections, until `maxRequests` answers or
 * `durationSeconds`, whichever comes first.
 */
import { forkChild, type Child } from './children';
import { summarize, type LatencySummary } from './stats';

export interface LoadJob {
  url: string;
  body: string;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
  maxRequests: number;
  timeoutSeconds: number;
  /** When set, answers whose body differs count as mismatches, not as successes. */
  expectBody?: string;
}

/** What the child measures: counts and every 2xx response time. */
export interface RawLoadResult {
  /** 2xx answers with the expected body. */
  ok: number;
  /** From the first request to the last answer. */
  seconds: number;
  /** Response time of every 2xx answer, in milliseconds. */
  latencies: number[];
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  statusCodes: Record<string, number>;
}

export interface LoadResult extends Omit<RawLoadResult, 'latencies'> {
  /** ok / seconds. */
  throughput: number;
  /** Exact percentiles of every 2xx answer's response time, in milliseconds. */
  latency: LatencySummary;
}

/** Several runs of the same load as one: answers over time spent, percentiles over every answer. */
export function combine(runs: readonly RawLoadResult[]): LoadResult {
  const sum = (pick: (r: RawLoadResult) => number) => runs.reduce((total, r) => total + pick(r), 0);
  const statusCodes: Record<string, number> = {};
  for (const run of runs) for (const [code, n] of Object.entries(run.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const ok = sum((r) => r.ok);
  const seconds = sum((r) => r.seconds);
  return {
    ok,
    seconds,
    throughput: seconds > 0 ? ok / seconds : 0,
    latency: summarize(runs.flatMap((r) => r.latencies)),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    mismatches: sum((r) => r.mismatches),
    statusCodes,
  };
}

export type LoadReply = { id: number; ready: true } | { id: number; result: RawLoadResult } | { id: number; error: string };

export class LoadGenerator {
  private nextId = 1;

  private constructor(private readonly child: Child) {}

  static async start(): Promise<LoadGenerator> {
    const { child } = await forkChild<LoadReply>('scripts/bench/load-child.ts', {});
    return new LoadGenerator(child);
  }

  run(job: LoadJob): Promise<RawLoadResult> {
    const id = this.nextId++;
    const proc = this.child.process;
    return new Promise<RawLoadResult>((resolve, reject) => {
      const onMessage = (reply: LoadReply) => {
        if (reply.id !== id) return;
        cleanup();
        if ('result' in reply) resolve(reply.result);
        else if ('error' in reply) reject(new Error(`load generator: ${reply.error}`));
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`load generator exited with ${code}:\n${this.child.output()}`));
      };
      const cleanup = () => {
        proc.off('message', onMessage);
        proc.off('exit', onExit);
      };
      proc.on('message', onMessage);
      proc.once('exit', onExit);
      proc.send({ id, job });
    });
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}
