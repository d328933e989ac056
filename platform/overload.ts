/**
 * What one request may make a server do (README, "Limits and operations"):
 *
 * - **A deadline and a signal per request.** Every database read of a request is sent with the
 *   time left before the request's deadline as `maxTimeMS` (the engine stops the work there;
 *   FerretDB v1.24 honours it on find, aggregate and count) and with the request's AbortSignal,
 *   which fires at the deadline and when the request is abandoned (the client, or the gateway after
 *   its own timeout, closed the connection), so the request stops waiting at once.
 * - **A bound on expensive work.** A server runs at most `limit` requests doing expensive work
 *   (searches by text, counts; subgraphs/kit/expensive.ts) at a time; one more is refused at once with OVERLOADED
 *   (HTTP 503, `Retry-After`), never queued. Look-ups by key (an agency, a region, a record by its
 *   index number) do not take a slot.
 */
import { setMaxListeners } from 'node:events';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { statusOf, type ErrorCode } from './error-codes';

/** GATEWAY_SUBGRAPH_TIMEOUT_MS when unset: the gateway abandons a subgraph call after this long. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

/**
 * SUBGRAPH_QUERY_TIMEOUT_MS when unset: this share of the gateway's subgraph timeout, so a subgraph
 * stops its reads, and answers why, before the gateway gives up on it (10 s → 8 s).
 */
export const QUERY_TIMEOUT_SHARE = 0.8;

/** What a client that was refused with OVERLOADED should wait before retrying. */
export const RETRY_AFTER_SECONDS = 1;

/** A fixed number of slots for expensive work, refused at once when every one is taken (no queue). */
export class WorkBound {
  private taken = 0;

  constructor(readonly limit: number) {}

  /** Slots in use now. */
  get inUse(): number {
    return this.taken;
  }

  /** Takes a slot and returns its release (calling it twice frees one slot), or undefined when all are taken. */
  tryAcquire(): (() => void) | undefined {
    if (this.taken >= this.limit) return undefined;
    this.taken++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.taken--;
    };
  }
}

/** The options every database read of a request carries (the driver's `maxTimeMS` and `signal`). */
export interface QueryOptions {
  maxTimeMS: number;
  signal: AbortSignal;
}

/** The part of a request's work the storage layer sees: the options of each read. */
export interface QueryLimits {
  query(): QueryOptions;
}

export function overloadedError(server: string, limit: number): GraphQLError {
  return new GraphQLError(
    `The ${server} subgraph is already running ${limit} expensive queries (searches by text and counts), ` +
      `its limit (SUBGRAPH_MAX_CONCURRENT_SCANS); the query was not started. Retry after ${RETRY_AFTER_SECONDS} s.`,
    {
      extensions: {
        code: 'OVERLOADED' satisfies ErrorCode,
        retryAfterSeconds: RETRY_AFTER_SECONDS,
        // Retry-After is set by retryAfterPlugin, which also covers the refusals the gateway passes on.
        http: { status: statusOf('OVERLOADED') },
      },
    },
  );
}

/**
 * One request's share of a server: its deadline and signal, and at most one slot of the bound,
 * taken by its first expensive query and freed when the request ends, answered or abandoned.
 */
export class RequestWork implements QueryLimits {
  private readonly ended = new AbortController();
  private readonly deadline: number;
  readonly signal: AbortSignal;
  private release: (() => void) | undefined;

  constructor(
    private readonly bound: WorkBound,
    readonly timeoutMs: number,
    private readonly server: string,
  ) {
    this.deadline = Date.now() + timeoutMs;
    this.signal = AbortSignal.any([this.ended.signal, AbortSignal.timeout(timeoutMs)]);
    // Every read of the request listens to the one signal (a page with facets makes a dozen).
    setMaxListeners(0, this.signal);
  }

  query(): QueryOptions {
    return { maxTimeMS: Math.max(1, this.deadline - Date.now()), signal: this.signal };
  }

  /** Takes the request's slot for expensive work (once per request), or throws OVERLOADED at once. */
  admitExpensive(): void {
    if (this.release) return;
    this.signal.throwIfAborted();
    this.release = this.bound.tryAcquire();
    if (!this.release) throw overloadedError(this.server, this.bound.limit);
  }

  /** The request ended: what it still waits for is abandoned and its slot freed. */
  end(): void {
    this.ended.abort(new DOMException('The request ended', 'AbortError'));
    this.release?.();
  }
}

type ErrorShape = { name?: string; code?: unknown; codeName?: unknown };

/**
 * A read stopped by the deadline: the signal's TimeoutError (which the driver, taking it for its
 * own, may turn into a MongoOperationTimeoutError), or the engine's MaxTimeMSExpired (code 50).
 */
function isDeadline(error: unknown): boolean {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
  return (
    shape.name === 'TimeoutError' || shape.name === 'MongoOperationTimeoutError' || shape.code === 50 || shape.codeName === 'MaxTimeMSExpired'
  );
}

/**
 * How a subgraph answers a read its deadline stopped: SUBGRAPH_TIMEOUT naming the time limit,
 * instead of the driver's message. Undefined for every other error.
 */
export function formatDeadlineError(error: unknown, server: string, timeoutMs: number): GraphQLFormattedError | undefined {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (!isDeadline(original)) return undefined;
  return {
    message:
      `The ${server} subgraph stopped this query after ${timeoutMs} ms, its time limit (SUBGRAPH_QUERY_TIMEOUT_MS); ` +
      'ask for less (a narrower filter or text, a smaller page) or retry later.',
    extensions: { code: 'SUBGRAPH_TIMEOUT' satisfies ErrorCode, serviceName: server, timeoutMs },
    ...(error instanceof GraphQLError && error.path ? { path: error.path } : {}),
  };
}

/**
 * Sends `Retry-After` with an answer that carries OVERLOADED (the subgraph's own, or passed on by the
 * gateway); the status of an answer without data is its first error's (platform/error-statuses.ts).
 */
export function retryAfterPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const refusal = response.body.singleResult.errors?.find((error) => error.extensions?.code === 'OVERLOADED');
          if (!refusal) return;
          const seconds = Number(refusal.extensions?.retryAfterSeconds) || RETRY_AFTER_SECONDS;
          response.http.headers.set('retry-after', String(seconds));
        },
      };
    },
  };
}
