/**
 * The load generator's own process (forked by load-generator.ts): runs autocannon jobs sent over IPC
 * and answers with raw-latency percentiles, so the servers' event loop never shares a thread with
 * the client that loads it. Exits when its parent goes away.
 */
import autocannon from 'autocannon';
import type { LoadJob, LoadReply, RawLoadResult } from './load-generator';

async function run(job: LoadJob): Promise<RawLoadResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let lastResponseAt = 0;
  const startedAt = performance.now();
  let hardStop: NodeJS.Timeout | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...job.headers },
        body: job.body,
        connections: job.connections,
        duration: job.durationSeconds,
        maxOverallRequests: Math.max(job.maxRequests, job.connections),
        timeout: job.timeoutSeconds,
        ...(job.expectBody ? { expectBody: job.expectBody } : {}),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      lastResponseAt = performance.now();
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
    // autocannon stops on its own (duration or request count); this is the belt to its braces.
    hardStop = setTimeout(() => instance.stop(), (job.durationSeconds + job.timeoutSeconds + 5) * 1000);
  });
  clearTimeout(hardStop);
  const seconds = ((lastResponseAt || performance.now()) - startedAt) / 1000;
  const ok = Math.max(0, latencies.length - result.mismatches);
  return {
    ok,
    seconds,
    latencies: latencies.map((ms) => Math.round(ms * 100) / 100),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    statusCodes,
  };
}

process.on('message', (message: { id: number; job: LoadJob }) => {
  run(message.job).then(
    (result) => process.send?.({ id: message.id, result } satisfies LoadReply),
    (error: unknown) => process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies LoadReply),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ id: 0, ready: true } satisfies LoadReply);
