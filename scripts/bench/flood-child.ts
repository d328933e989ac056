/**
 * The flood's own process (forked by flood.ts), so its clients never share a thread with the
 * servers: a cheap client sends an agency look-up and a region look-up in turn, alone for
 * `idleSeconds`, then beside `floodClients` clients that each send distinct text searches one after
 * another (waiting the Retry-After of a refusal, as the error codes ask) until `floodRequests` were
 * sent or `floodSeconds` passed, then alone again for
 * `afterSeconds`. Every client has an address of its own (X-Forwarded-For, the gateway trusting
 * loopback), as separate machines would. Answers every request's outcome over IPC, then exits.
 */
import { request } from 'undici';

export interface FloodJob {
  url: string;
  floodClients: number;
  floodRequests: number;
  floodSeconds: number;
  idleSeconds: number;
  afterSeconds: number;
  /** Pause between two requests of the cheap client. */
  cheapIntervalMs: number;
  /** A client gives up on a request after this long (above the gateway's subgraph timeout). */
  requestTimeoutMs: number;
  cheapQueries: string[];
  /** The search's text for request number `i`; the same prefix, so every search is real work. */
  searchPrefix: string;
}

export interface CheapSample {
  /** When it was sent, in ms since the job started. */
  sentAt: number;
  latencyMs: number;
  ok: boolean;
}

export interface FloodResult {
  cheap: CheapSample[];
  /** ms since the job started. */
  floodStartedAt: number;
  /** When the last flood request was answered (ms since the job started). */
  floodEndedAt: number;
  /** Flood answers by HTTP status (`error` for no answer). */
  floodStatuses: Record<string, number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request: whether it came back 200 with data and without errors. */
async function send(job: FloodJob, query: string, address: string): Promise<{ status: string; ok: boolean; retryAfterSeconds?: number }> {
  try {
    const response = await request(job.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(job.requestTimeoutMs),
    });
    const body = (await response.body.json()) as { data?: unknown; errors?: unknown[] };
    const retryAfter = Number(response.headers['retry-after']);
    return {
      status: String(response.statusCode),
      ok: response.statusCode === 200 && Boolean(body.data) && !body.errors?.length,
      ...(retryAfter > 0 ? { retryAfterSeconds: Math.min(retryAfter, job.floodSeconds) } : {}),
    };
  } catch {
    return { status: 'error', ok: false };
  }
}

async function run(job: FloodJob): Promise<FloodResult> {
  const startedAt = performance.now();
  const now = () => performance.now() - startedAt;
  const cheap: CheapSample[] = [];
  let cheapRunning = true;
  const cheapClient = (async () => {
    for (let i = 0; cheapRunning; i++) {
      const sentAt = now();
      const { ok } = await send(job, job.cheapQueries[i % job.cheapQueries.length], '10.0.1.1');
      cheap.push({ sentAt, latencyMs: now() - sentAt, ok });
      await sleep(job.cheapIntervalMs);
    }
  })();

  await sleep(job.idleSeconds * 1000);
  const floodStartedAt = now();
  const floodStatuses: Record<string, number> = {};
  let sent = 0;
  const stopAt = floodStartedAt + job.floodSeconds * 1000;
  await Promise.all(
    Array.from({ length: job.floodClients }, async (_, client) => {
      while (sent < job.floodRequests && now() < stopAt) {
        const text = `${job.searchPrefix}${sent++}`;
        const query = `query Flood { catalogue(first: 20, filter: { text: "${text}" }) { totalCount edges { node { indexNumber title agency { name } } } } }`;
        const { status, retryAfterSeconds } = await send(job, query, `10.0.0.${client + 1}`);
        floodStatuses[status] = (floodStatuses[status] ?? 0) + 1;
        // A client told to retry later does so (OVERLOADED and RATE_LIMITED are retryable), then goes on.
        if (retryAfterSeconds) await sleep(retryAfterSeconds * 1000);
      }
    }),
  );
  const floodEndedAt = now();
  await sleep(job.afterSeconds * 1000);
  cheapRunning = false;
  await cheapClient;
  return { cheap, floodStartedAt, floodEndedAt, floodStatuses };
}

process.once('message', (job: FloodJob) => {
  run(job).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
