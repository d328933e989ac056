/**
 * Figures 1 and 2: the same request against several endpoints, side by side, in rotating rounds
 * (A B C, then B C A, …) after a warm-up of each, with the same connections and bounds.
 */
import type { EngineTime } from './commands';
import { combine, type LoadGenerator, type LoadResult, type RawLoadResult } from './load-generator';
import type { BenchOptions } from './options';
import { expectData, post } from './queries';

export interface Side {
  name: string;
  url: string;
}

export interface Comparison {
  query: string;
  /** Seconds each side was loaded per round (at least enough for `minAnswers` at the measured latency). */
  secondsPerRound: number;
  sides: Record<string, LoadResult>;
  /** Database commands and their summed time while each side was measured. */
  engine: Record<string, EngineTime>;
  rounds: Array<Record<string, LoadResult>>;
}

/**
 * Loads each side with `query`. Before loading, every answer is checked to carry data, no errors
 * and the same data; afterwards any answer whose body differs from that checked one is counted as a
 * mismatch rather than a success.
 */
export async function compare(
  load: LoadGenerator,
  sides: readonly Side[],
  query: string,
  options: BenchOptions,
  log: (line: string) => void,
  watchEngine: () => Promise<{ stop(): EngineTime }>,
): Promise<Comparison> {
  const expected = new Map<string, string>();
  const data = new Map<string, string>();
  let slowest = 0;
  for (const side of sides) {
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      const answer = await post(side.url, query);
      if (i === 1) slowest = Math.max(slowest, performance.now() - started);
      data.set(side.name, JSON.stringify(expectData(answer, `${side.name} (${side.url})`)));
      expected.set(side.name, answer.text);
    }
  }
  const reference = data.get(sides[0].name);
  for (const side of sides.slice(1)) {
    if (data.get(side.name) !== reference) {
      throw new Error(`${sides[0].name} and ${side.name} answer differently:\n${reference?.slice(0, 300)}\n${data.get(side.name)?.slice(0, 300)}`);
    }
  }
  const body = JSON.stringify({ query });
  const job = (side: Side, seconds: number, maxRequests: number) => ({
    url: side.url,
    body,
    connections: options.connections,
    durationSeconds: seconds,
    maxRequests,
    timeoutSeconds: 60,
    expectBody: expected.get(side.name),
  });
  // Long enough for minAnswers even when one answer takes `slowest` (the engine serialises the work).
  const seconds = Math.min(options.maxSeconds, Math.max(options.durationSeconds, Math.ceil((options.minAnswers * slowest) / 1000)));

  for (const side of sides) {
    await load.run(job(side, Math.max(1, Math.round(seconds / 5)), Math.max(options.connections, Math.round(options.maxRequests / 5))));
  }

  const raw = new Map<string, RawLoadResult[]>(sides.map((s) => [s.name, []]));
  const engine: Record<string, EngineTime> = Object.fromEntries(sides.map((s) => [s.name, { commands: 0, milliseconds: 0 }]));
  const rounds: Comparison['rounds'] = [];
  for (let round = 0; round < options.rounds; round++) {
    const order = sides.map((_, i) => sides[(i + round) % sides.length]);
    const results: Record<string, LoadResult> = {};
    for (const side of order) {
      const watch = await watchEngine();
      const result = await load.run(job(side, seconds, options.maxRequests));
      const time = watch.stop();
      engine[side.name].commands += time.commands;
      engine[side.name].milliseconds += time.milliseconds;
      raw.get(side.name)?.push(result);
      const summary = combine([result]);
      const failed = result.non2xx + result.errors + result.timeouts + result.mismatches;
      if (failed > summary.ok / 100) {
        throw new Error(
          `${side.name} (${side.url}) failed ${failed} requests against ${summary.ok} good answers (non-2xx ${result.non2xx}, ` +
            `errors ${result.errors}, timeouts ${result.timeouts}, mismatches ${result.mismatches}): its figures would mean nothing`,
        );
      }
      results[side.name] = summary;
      log(
        `  round ${round + 1} ${side.name.padEnd(8)} ${summary.throughput.toFixed(1)} req/s, p50 ${summary.latency.p50.toFixed(1)} ms, p99 ${summary.latency.p99.toFixed(1)} ms (${summary.ok} answers)` +
          (result.non2xx || result.errors || result.mismatches || result.timeouts
            ? ` — non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}, mismatches ${result.mismatches}`
            : ''),
      );
    }
    rounds.push(results);
  }
  const combined = Object.fromEntries(sides.map((s) => [s.name, combine(raw.get(s.name) ?? [])]));
  return { query, secondsPerRound: seconds, sides: combined, engine, rounds };
}

/** A comparison's side for the report: rounded figures, no raw samples. */
export function sideSummary(result: LoadResult, engine?: EngineTime) {
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    throughput: r(result.throughput),
    p50: r(result.latency.p50),
    p95: r(result.latency.p95),
    p99: r(result.latency.p99),
    answers: result.ok,
    seconds: r(result.seconds),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    ...(engine
      ? { engineCommandsPerAnswer: r(engine.commands / Math.max(1, result.ok)), engineMsPerAnswer: r(engine.milliseconds / Math.max(1, result.ok)) }
      : {}),
  };
}
