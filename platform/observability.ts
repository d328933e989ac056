/**
 * What the gateway and every subgraph share for operations: JSON request logs with a request id,
 * Prometheus metrics, and the liveness and readiness routes.
 *
 * Logs are one JSON line per HTTP request (pino), carrying the request id, method, path (never the
 * query string: a GET carries its variables there), status, duration and, for GraphQL requests, the
 * operation name and type, the outcome and the error codes. Variables' values and error messages
 * (which may quote them) are never logged: they may hold personal data.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import { internalErrorLog, isInternalError } from './errors';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The LOG_LEVEL setting (default `info`), shared by the gateway and the subgraphs. */
export const logLevelSetting = z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info');

/** Where and how much to log; tests pass a stream to read the lines. */
export interface LogOptions {
  level: LogLevel;
  /** Destination of the JSON lines; stdout when omitted. */
  stream?: NodeJS.WritableStream;
}

/** One stdout destination for every server of the process, so their lines never interleave. */
let stdout: ReturnType<typeof pino.destination> | undefined;

export function createLogger(service: string, options: LogOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.stream ?? (stdout ??= pino.destination({ dest: 1, sync: false })),
  );
}

export const REQUEST_ID_HEADER = 'x-request-id';
/** An incoming request id is kept when it looks like one; anything else is replaced. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** What one request did, filled in as it goes, read by the log line and the metrics. */
export interface RequestRecord {
  id: string;
  operationName?: string;
  /** query, mutation or subscription; unknown when the request never got that far. */
  operationType?: string;
  /** success, partial (data and errors), error, or rejected (refused before execution). */
  outcome?: 'success' | 'partial' | 'error' | 'rejected';
  errorCodes?: string[];
}

const RECORD = Symbol('requestRecord');
type WithRecord = { [RECORD]?: RequestRecord };

/**
 * Gives a GraphQL context the record of the HTTP request it serves, so the recording plugin can
 * fill it in; every server builds its contexts through this.
 */
export function withRequestRecord<TContext extends object>(context: TContext, req: IncomingMessage): TContext {
  (context as WithRecord)[RECORD] = recordOf(req);
  return context;
}

function recordOf(req: IncomingMessage): RequestRecord | undefined {
  return (req as IncomingMessage & WithRecord)[RECORD];
}

/** Marks the current request as refused before execution, with the code it was answered with. */
export function markRejected(req: IncomingMessage, code: string): void {
  const record = recordOf(req);
  if (!record) return;
  record.outcome = 'rejected';
  record.errorCodes = [code];
}

export interface HttpMetrics {
  registry: Registry;
  requests: Counter<'operation_type' | 'outcome'>;
  duration: Histogram<'operation_type' | 'outcome'>;
}

/**
 * A registry of this server's own (several servers share a process in tests and `npm start`):
 * GraphQL request counts and durations by operation type and outcome, plus process metrics.
 */
export function createMetrics(prefix: string): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: `${prefix}_graphql_requests_total`,
    help: 'GraphQL requests by operation type (query, mutation, unknown) and outcome (success, partial, error, rejected).',
    labelNames: ['operation_type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: `${prefix}_graphql_request_duration_seconds`,
    help: 'Time from receiving a GraphQL request to the end of its response, by operation type and outcome.',
    labelNames: ['operation_type', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return { registry, requests, duration };
}

/**
 * The per-request middleware: takes the incoming `x-request-id` (or makes one), returns it as a
 * response header, keeps the request's record on it (see withRequestRecord), and when the response
 * ends writes one log line and, for `graphqlPath`, the request metrics.
 */
export function requestObservability(options: {
  logger: Logger;
  metrics: HttpMetrics;
  graphqlPath: (path: string) => boolean;
}): RequestHandler[] {
  const { logger, metrics } = options;
  const track: RequestHandler = (req, res, next) => {
    const incoming = req.headers[REQUEST_ID_HEADER];
    const id = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    req.headers[REQUEST_ID_HEADER] = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    const record: RequestRecord = { id };
    (req as IncomingMessage & WithRecord)[RECORD] = record;
    const path = req.path;
    if (options.graphqlPath(path)) {
      const stopTimer = metrics.duration.startTimer();
      res.once('close', () => {
        const labels = { operation_type: record.operationType ?? 'unknown', outcome: record.outcome ?? outcomeOfStatus(res) };
        metrics.requests.inc(labels);
        stopTimer(labels);
      });
    }
    next();
  };
  // With logs off (LOG_LEVEL=silent) there is no line to write: the request logger is left out.
  if (!logger.isLevelEnabled('fatal')) return [track];
  const log = pinoHttp<Request, Response>({
    logger,
    genReqId: (req) => recordOf(req)?.id ?? randomUUID(),
    // Health checks and scrapes are frequent and uninteresting while they succeed.
    customLogLevel: (req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : isProbe(req.url) ? 'debug' : 'info',
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customAttributeKeys: { responseTime: 'durationMs' },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error) => ({ type: err.name }),
    },
    customProps: (req) => {
      const record = recordOf(req);
      if (!record?.operationType && !record?.outcome) return {};
      return {
        graphql: {
          operationName: record.operationName,
          operationType: record.operationType,
          outcome: record.outcome,
          errorCodes: record.errorCodes,
        },
      };
    },
    quietReqLogger: true,
  });
  return [track, log];
}

function isProbe(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0];
  return path === '/health' || path === '/ready' || path === '/metrics';
}

function outcomeOfStatus(res: ServerResponse): RequestRecord['outcome'] {
  return res.statusCode < 400 ? 'success' : 'rejected';
}

/**
 * Records the operation's name, type, outcome and error codes of each GraphQL request into the
 * request's record (read by the log line and the metrics).
 */
export function recordingPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, operationName, response, errors }) {
          const record = (contextValue as WithRecord)[RECORD];
          if (!record) return;
          record.operationName = operationName ?? undefined;
          record.operationType = operation?.operation ?? 'unknown';
          const body = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          // The codes clients see (after formatError), else the raw ones.
          const shown = body.errors?.length ? body.errors : (errors ?? []);
          const codes = shown.map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
          record.errorCodes = codes.length ? [...new Set(codes)] : undefined;
          if (!codes.length) record.outcome = 'success';
          // No data at all: refused before execution (parse, validation, limits).
          else if (body.data === undefined) record.outcome = 'rejected';
          else record.outcome = body.data === null ? 'error' : 'partial';
        },
      };
    },
  };
}

/**
 * Logs each internal error of a GraphQL request (platform/errors.ts), which clients see masked, with
 * the request id, the field's path, and the error's chain by name, code and where it was thrown.
 */
export function internalErrorLogPlugin(logger: Logger): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          const reqId = (contextValue as WithRecord)[RECORD]?.id;
          for (const error of errors.filter((e) => isInternalError(e))) logger.error({ reqId, path: error.path, error: internalErrorLog(error) }, 'internal error');
        },
      };
    },
  };
}

export interface Readiness {
  ready: boolean;
  /** Per dependency: whether it answered, and why not. */
  checks: Record<string, { ready: boolean; reason?: string }>;
}

/**
 * `/health` (liveness: the process answers), `/ready` (readiness: `check()` says every dependency
 * answers; 503 otherwise) and `/metrics` (Prometheus text format).
 */
export function operationsRouter(options: { check: () => Promise<Readiness>; metrics: HttpMetrics }): Router {
  const router = express.Router();
  router.get('/health', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    const readiness = await options.check().catch(
      (error: unknown): Readiness => ({ ready: false, checks: { self: { ready: false, reason: reasonOf(error) } } }),
    );
    res
      .status(readiness.ready ? 200 : 503)
      .set('cache-control', 'no-store')
      .json({ status: readiness.ready ? 'ready' : 'not ready', checks: readiness.checks });
  });
  router.get('/metrics', async (_req, res) => {
    res.set('content-type', options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });
  return router;
}

/** A one-line reason from an error (read by shape: Node's own errors come from another realm under Jest). */
export function reasonOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { message, cause } = error as { message: unknown; cause?: { message?: unknown; code?: unknown } };
    const detail = cause && typeof cause === 'object' ? `: ${String(cause.code ?? cause.message)}` : '';
    return withoutAddresses(`${String(message)}${detail}`.split('\n')[0]).slice(0, 300);
  }
  return withoutAddresses(String(error)).slice(0, 300);
}

const ADDRESS = /\b[a-z][a-z0-9+.-]*:\/\/\S+|\[[0-9a-f:.]+\](?::\d+)?|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b|\blocalhost(?::\d+)?\b/gi;

/** A reason may reach a client (the gateway's /ready, a key that could not be checked): it names no host, port or URL. */
export function withoutAddresses(text: string): string {
  return text.replace(ADDRESS, '<address>');
}

/** Rejects after `ms` with a message naming what did not answer. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
