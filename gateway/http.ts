/**
 * The HTTP side of the gateway's `/graphql` that is the gateway's alone: per-client rate limiting
 * (429 with the IETF `RateLimit` and `RateLimit-Policy` headers, a GraphQL-shaped JSON body); and
 * the gateway's readiness: its key store answers and every subgraph is ready. The content types a
 * POST may carry (415), the body size limit (413) and malformed JSON (400) are shared with the
 * subgraphs (platform/limits.ts).
 */
import type { RequestHandler } from 'express';
import { MemoryStore, rateLimit } from 'express-rate-limit';
import type { Db } from 'mongodb';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { sendGraphQLError } from '../platform/limits';
import { reasonOf, withTimeout, type Readiness } from '../platform/observability';
import type { GatewayLimits } from './config';

export interface RateLimiter {
  middleware: RequestHandler;
  /** Stops the store's clean-up timer. */
  shutdown(): void;
}

/** Requests per client IP per window; `max` 0 lets everything through. */
export function clientRateLimit(limits: GatewayLimits): RateLimiter {
  const { windowMs, max } = limits.rateLimit;
  if (max === 0) return { middleware: (_req, _res, next) => next(), shutdown: () => undefined };
  const store = new MemoryStore();
  const middleware = rateLimit({
    windowMs,
    limit: max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store,
    handler: (req, res) => {
      const seconds = Math.ceil(windowMs / 1000);
      sendGraphQLError(
        req,
        res,
        'RATE_LIMITED',
        `Too many requests: the limit is ${max} requests per ${seconds} s per client (rateLimit). Retry after the time in the Retry-After header.`,
        { limit: 'rateLimit', allowed: max, windowSeconds: seconds },
      );
    },
  });
  return { middleware, shutdown: () => store.shutdown() };
}

/** How long `/ready` waits for the key store's answer to a ping. */
const KEY_STORE_PING_TIMEOUT_MS = 2_000;

/**
 * The gateway is ready when its key store answers a ping and every subgraph's `/ready` answers 200
 * within `timeoutMs`.
 */
export function gatewayReadiness(keyStore: Db, subgraphUrls: Record<SubgraphName, string>, timeoutMs: number): () => Promise<Readiness> {
  const subgraphs = subgraphReadiness(subgraphUrls, timeoutMs);
  return async () => {
    const [own, others] = await Promise.all([
      withTimeout(keyStore.command({ ping: 1 }, { timeoutMS: KEY_STORE_PING_TIMEOUT_MS }), KEY_STORE_PING_TIMEOUT_MS + 200, 'MongoDB').then(
        () => ({ ready: true }),
        (error: unknown) => ({ ready: false, reason: reasonOf(error) }),
      ),
      subgraphs(),
    ]);
    return { ready: own.ready && others.ready, checks: { 'mongodb:gateway': own, ...others.checks } };
  };
}

/** The gateway is ready when every subgraph's `/ready` answers 200 within `timeoutMs`. */
export function subgraphReadiness(subgraphUrls: Record<SubgraphName, string>, timeoutMs: number): () => Promise<Readiness> {
  return async () => {
    const results = await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => {
        try {
          const response = await fetch(new URL('/ready', subgraphUrls[name]), { signal: AbortSignal.timeout(timeoutMs) });
          await response.arrayBuffer();
          return [name, response.ok ? { ready: true } : { ready: false, reason: `its /ready answered ${response.status}` }] as const;
        } catch (error) {
          return [name, { ready: false, reason: reasonOf(error) }] as const;
        }
      }),
    );
    return { ready: results.every(([, r]) => r.ready), checks: Object.fromEntries(results) };
  };
}
