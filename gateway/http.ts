/**
 * The HTTP side of the gateway's `/graphql`, before Apollo Server sees a request: per-client rate
 * limiting (429 with the IETF `RateLimit` and `RateLimit-Policy` headers), the content types a
 * POST may carry (415 otherwise), the body size limit (413) and malformed JSON (400), every refusal
 * with a GraphQL-shaped JSON body; and the gateway's readiness: every subgraph is ready.
 */
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { MemoryStore, rateLimit } from 'express-rate-limit';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { markRejected, reasonOf, type Readiness } from '../platform/observability';
import type { GatewayLimits } from './config';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/**
 * Sends `{ errors: [...] }` with the status, in the media type the client accepts
 * (`application/graphql-response+json` when it asks for it, else `application/json`).
 */
export function sendGraphQLError(
  req: Request,
  res: Response,
  status: number,
  message: string,
  extensions: Record<string, unknown>,
): void {
  markRejected(req, String(extensions.code));
  const type = req.accepts(['application/json', GRAPHQL_RESPONSE]) === GRAPHQL_RESPONSE ? GRAPHQL_RESPONSE : 'application/json';
  res.status(status).type(`${type}; charset=utf-8`).send(JSON.stringify({ errors: [{ message, extensions }] }));
}

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
    handler: (req, res, _next, options) => {
      const seconds = Math.ceil(windowMs / 1000);
      sendGraphQLError(
        req,
        res,
        options.statusCode,
        `Too many requests: the limit is ${max} requests per ${seconds} s per client (rateLimit). Retry after the time in the Retry-After header.`,
        { code: 'RATE_LIMITED', limit: 'rateLimit', allowed: max, windowSeconds: seconds },
      );
    },
  });
  return { middleware, shutdown: () => store.shutdown() };
}

/** A POST must carry JSON (GraphQL over HTTP); anything else is refused with 415 before parsing. */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || req.is('application/json')) {
    next();
    return;
  }
  const given = req.headers['content-type'] ?? 'none';
  sendGraphQLError(req, res, 415, `Unsupported content type ${JSON.stringify(given)}: a POST to /graphql must send application/json.`, {
    code: 'UNSUPPORTED_MEDIA_TYPE',
  });
};

/** express.json with the configured size limit. */
export function jsonBody(limits: GatewayLimits): RequestHandler {
  return express.json({ limit: limits.maxBodyBytes });
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  statusCode?: number;
  limit?: number;
  length?: number;
}

/** Turns body-parser failures (and anything unexpected) into GraphQL-shaped JSON errors. */
export function bodyErrors(limits: GatewayLimits): ErrorRequestHandler {
  return (error: BodyParserError, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error.type === 'entity.too.large') {
      sendGraphQLError(req, res, 413, `The request body is larger than ${limits.maxBodyBytes} bytes, the limit (maxBodyBytes).`, {
        code: 'PAYLOAD_TOO_LARGE',
        limit: 'maxBodyBytes',
        allowed: limits.maxBodyBytes,
      });
      return;
    }
    if (error.type === 'entity.parse.failed') {
      sendGraphQLError(req, res, 400, 'The request body is not valid JSON.', { code: 'BAD_REQUEST' });
      return;
    }
    const status = error.status ?? error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      sendGraphQLError(req, res, status, `The request could not be read: ${error.message}`, { code: 'BAD_REQUEST' });
      return;
    }
    sendGraphQLError(req, res, 500, 'Internal server error.', { code: 'INTERNAL_SERVER_ERROR' });
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
