/**
 * How the gateway calls a subgraph: undici's `request` (which keeps connections alive and honours the
 * subgraph's `Keep-Alive: timeout` hint), abandoned after the configured time, with failures
 * reported as GraphQL errors that name the subgraph and its domain, so the rest of an answer still
 * arrives as partial data. Each call is timed for `/metrics`, the request id travels along, the
 * identity token of the request's API key goes in its own header (never the key), and an entity
 * fetch too large for the subgraphs' body limit is sent in batches that fit.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { request, type Dispatcher } from 'undici';
import { GraphQLError } from 'graphql';
import type { Histogram } from 'prom-client';
import type { SubgraphName } from '../platform/config';
import type { ErrorCode } from '../platform/error-codes';
import { IDEMPOTENCY_KEY_HEADER } from '../platform/idempotency-key';
import { IDENTITY_HEADER } from '../platform/identity';
import { REQUEST_ID_HEADER } from '../platform/observability';

export type FetchOutcome = 'ok' | 'errors' | 'timeout' | 'unavailable' | 'failed';

export interface SubgraphSourceOptions {
  name: SubgraphName;
  url: string;
  timeoutMs: number;
  /** The subgraphs' body limit (GATEWAY_MAX_BODY_BYTES): entity fetches are split to stay under it. */
  maxBodyBytes: number;
  fetchDuration: Histogram<'subgraph' | 'outcome'>;
}

/** The domain a subgraph serves (the Domain enum value), or none for the catalogue. */
export function domainOf(name: SubgraphName): string | undefined {
  return name === 'catalogue' ? undefined : name.toUpperCase();
}

function describe(name: SubgraphName): string {
  const domain = domainOf(name);
  return domain ? `The ${name} subgraph (domain ${domain})` : `The ${name} subgraph`;
}

const MISSING = 'the fields it serves are missing from this answer';

/**
 * What the data sources read of a request's context: the identity token the gateway signed for the
 * request's API key (gateway/auth/identity-issuer.ts), absent for an anonymous request.
 */
export interface GatewayContext {
  identityToken?: string;
  /** Who pays for the request's cost (gateway/cost-budget.ts): `key:<id>` or `ip:<address>`. */
  client?: string;
}

/**
 * Headers passed on from the client's request: the request id, and a mutation's idempotency key for
 * the subgraph that keeps its outcome. The API key (`Authorization`) never leaves the gateway; the
 * subgraphs get the identity token in IDENTITY_HEADER instead.
 */
const FORWARDED_HEADERS = [REQUEST_ID_HEADER, IDEMPOTENCY_KEY_HEADER];

/** Room left in a body for what surrounds the representations (braces, names, other variables' slack). */
const BODY_MARGIN_BYTES = 1_024;

type Representation = unknown;

/**
 * The representations of an entity fetch in consecutive batches whose JSON fits `budget` bytes each
 * (a representation larger than the budget goes alone); one batch when they all fit.
 */
export function representationBatches(representations: readonly Representation[], budget: number): Representation[][] {
  const batches: Representation[][] = [];
  let batch: Representation[] = [];
  let size = 2;
  for (const representation of representations) {
    const bytes = Buffer.byteLength(JSON.stringify(representation)) + 1;
    if (batch.length && size + bytes > budget) {
      batches.push(batch);
      batch = [];
      size = 2;
    }
    batch.push(representation);
    size += bytes;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

/** What a subgraph call answers, as the gateway reads it. */
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** The answers of the batches of one entity fetch as one answer: entities in order, error paths moved along. */
function mergeEntityResponses(responses: SubgraphResponse[], batches: Representation[][]): SubgraphResponse {
  const entities: unknown[] = [];
  const errors: NonNullable<SubgraphResponse['errors']>[number][] = [];
  let offset = 0;
  responses.forEach((response, i) => {
    const found = response.data?._entities;
    entities.push(...(Array.isArray(found) ? found : batches[i].map(() => null)));
    for (const error of response.errors ?? []) {
      const [first, index, ...rest] = error.path ?? [];
      errors.push(first === '_entities' && typeof index === 'number' ? { ...error, path: [first, index + offset, ...rest] } : error);
    }
    offset += batches[i].length;
  });
  const merged: SubgraphResponse = { ...responses[0], data: { ...responses[0].data, _entities: entities } };
  return errors.length ? { ...merged, errors } : { ...merged, errors: undefined };
}

/** A failed subgraph call, with how it failed for the metrics (not shown to clients). */
class SubgraphFetchError extends GraphQLError {
  constructor(
    message: string,
    extensions: Record<string, unknown>,
    readonly outcome: FetchOutcome,
  ) {
    super(message, { extensions });
  }
}

// Errors are read by shape, not `instanceof Error`: an abort's DOMException comes from Node's own realm, which
// differs from the code's under Jest.
type ErrorShape = { name?: string; message?: string; code?: string; cause?: ErrorShape };

function shapeOf(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? (error as ErrorShape) : { message: String(error) };
}

function isTimeout(error: unknown): boolean {
  const { name } = shapeOf(error);
  return name === 'TimeoutError' || name === 'AbortError';
}

function networkReason(error: unknown): string {
  const shape = shapeOf(error);
  const code = shape.cause?.code ?? shape.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  // Never the error's message: it may name the subgraph's host and port.
  return code ?? 'network error';
}

/**
 * The subgraph call on undici's `request`: the engine of Node's own fetch without the web-streams
 * layer fetch adds, which cost a fifth of the gateway's CPU per single-subgraph request. Answers
 * with what RemoteGraphQLDataSource reads of a response; aborts after `timeoutMs` as a TimeoutError.
 */
async function undiciFetch(url: string, init: FetcherRequestInit, timeoutMs: number): Promise<FetcherResponse> {
  const response = await request(url, {
    method: (init.method ?? 'POST') as Dispatcher.HttpMethod,
    headers: init.headers as Record<string, string>,
    body: init.body as string | undefined,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const text = await response.body.text();
  const answer: FetcherResponse = {
    ok: (response.statusCode >= 200 && response.statusCode < 300) || isGraphQLAnswer(headers, text),
    status: response.statusCode,
    statusText: '',
    url,
    redirected: false,
    bodyUsed: true,
    headers,
    text: async () => text,
    json: async () => JSON.parse(text),
    arrayBuffer: async () => new TextEncoder().encode(text).buffer,
    clone: () => answer,
  };
  return answer;
}

/**
 * Whether a body is a GraphQL answer: a subgraph sends an answer without data with its errors' HTTP
 * status (README, "Errors"), and GraphQL over HTTP has the client read such a body as the answer,
 * so its errors keep their paths and fields instead of becoming one error about a status.
 */
function isGraphQLAnswer(headers: Headers, text: string): boolean {
  if (!/^application\/(graphql-response\+)?json/.test(headers.get('content-type') ?? '')) return false;
  try {
    const body = JSON.parse(text) as { errors?: unknown } | null;
    return Array.isArray(body?.errors);
  } catch {
    return false;
  }
}

/** A RemoteGraphQLDataSource with a time limit, subgraph-naming errors, timing and request ids. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly subgraph: SubgraphName;
  private readonly timeoutMs: number;
  private readonly fetchDuration: Histogram<'subgraph' | 'outcome'>;
  private readonly maxBodyBytes: number;

  constructor(options: SubgraphSourceOptions) {
    const timeoutMs = options.timeoutMs;
    const fetcher: Fetcher = (url, init) => undiciFetch(url, init ?? {}, timeoutMs);
    super({ url: options.url, fetcher });
    this.subgraph = options.name;
    this.timeoutMs = timeoutMs;
    this.fetchDuration = options.fetchDuration;
    this.maxBodyBytes = options.maxBodyBytes;
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const incoming = options.kind === 'incoming operation' ? options.incomingRequestContext.request.http?.headers : undefined;
    const headers: Array<[string, string | null | undefined]> = FORWARDED_HEADERS.map((header) => [header, incoming?.get(header)]);
    if (options.kind === 'incoming operation') headers.push([IDENTITY_HEADER, options.context.identityToken]);
    for (const [header, value] of headers) {
      if (!value) continue;
      const http = options.request.http ?? { method: 'POST', url: this.url, headers: new Headers() };
      http.headers.set(header, value);
      options.request.http = http;
    }
    // An entity fetch whose representations would take the body past the subgraph's limit goes in
    // several calls (a page of pages can name tens of thousands of records), answered as one.
    const { query, variables } = options.request;
    const representations = variables?.representations;
    if (query && Array.isArray(representations) && representations.length > 1) {
      const { representations: _all, ...others } = variables ?? {};
      const budget = this.maxBodyBytes - Buffer.byteLength(query) - Buffer.byteLength(JSON.stringify(others)) - BODY_MARGIN_BYTES;
      const batches = representationBatches(representations, Math.max(budget, 1));
      if (batches.length > 1) {
        const responses = await Promise.all(
          batches.map((batch) =>
            this.fetchOnce({
              ...options,
              request: { ...options.request, variables: { ...others, representations: batch }, http: options.request.http && { ...options.request.http } },
            }),
          ),
        );
        return mergeEntityResponses(responses, batches);
      }
    }
    return this.fetchOnce(options);
  }

  private async fetchOnce(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const stop = this.fetchDuration.startTimer({ subgraph: this.subgraph });
    try {
      const response = await super.process(options);
      stop({ outcome: response.errors?.length ? 'errors' : 'ok' });
      return response;
    } catch (error) {
      stop({ outcome: error instanceof SubgraphFetchError ? error.outcome : 'failed' });
      throw error;
    }
  }

  override didEncounterError(error: Error, _request: unknown, response?: FetcherResponse): void {
    const serviceName = this.subgraph;
    const domain = domainOf(serviceName);
    const base = { serviceName, ...(domain ? { domain } : {}) };
    if (error instanceof GraphQLError && response) {
      // An HTTP error status without a GraphQL answer: something other than the subgraph answered.
      const status = response.status;
      throw new SubgraphFetchError(
        `${describe(serviceName)} answered HTTP ${status}; ${MISSING}.`,
        { code: 'SUBGRAPH_UNAVAILABLE' satisfies ErrorCode, ...base, status },
        status >= 500 ? 'unavailable' : 'failed',
      );
    }
    if (isTimeout(error)) {
      throw new SubgraphFetchError(
        `${describe(serviceName)} did not answer within ${this.timeoutMs} ms (subgraphTimeoutMs); ${MISSING}.`,
        { code: 'SUBGRAPH_TIMEOUT' satisfies ErrorCode, ...base, timeoutMs: this.timeoutMs },
        'timeout',
      );
    }
    throw new SubgraphFetchError(
      `${describe(serviceName)} is unavailable (${networkReason(error)}); ${MISSING}.`,
      { code: 'SUBGRAPH_UNAVAILABLE' satisfies ErrorCode, ...base },
      'unavailable',
    );
  }
}
