/**
 * What the feeds and exports share: they read the catalogue as any client does, by running GraphQL
 * operations on the gateway's own ApolloServer (`executeOperation`, the same query text a client
 * would send). The gateway has no database access by design, and this way the public API's filter
 * validation, limits and visibility rules (only PUBLISHED records are public; an agency's key also
 * sees its own drafts) apply to feeds and exports exactly as they do on /graphql.
 */
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { statusOf, type ErrorCode } from '../../platform/error-codes';
import { markRejected } from '../../platform/observability';

/** The gateway's GraphQL API, as the feed and export routers use it. */
export interface OwnApi<TContext extends BaseContext = BaseContext> {
  /** The gateway's ApolloServer, started. */
  server: ApolloServer<TContext>;
  /**
   * The context /graphql builds for a request (the `context` given to expressMiddleware), when it
   * builds one: the routers build the same for each operation they run.
   */
  context?: (args: { req: Request; res: Response }) => Promise<TContext>;
  /** Middleware run before every route, e.g. the gateway's per-client rate limit. */
  guard?: RequestHandler[];
}

/** The answer of one operation: data and the errors as clients see them (after formatError). */
export interface OperationResult<TData> {
  data?: TData | null;
  errors?: readonly GraphQLFormattedError[];
}

/** Headers that describe the incoming body and do not apply to the operation's JSON request. */
const BODY_HEADERS = new Set(['content-length', 'content-type', 'content-encoding', 'transfer-encoding']);

/**
 * Runs `query` with `variables` on the gateway's server as if `req` had POSTed it to /graphql: the
 * request's headers travel along (the request id goes on to the subgraphs) and the context is built
 * as /graphql builds it (its API key checked, the identity token the subgraphs get made from it).
 */
export async function runOperation<TData, TContext extends BaseContext>(
  api: OwnApi<TContext>,
  req: Request,
  res: Response,
  query: string,
  variables: Record<string, unknown>,
): Promise<OperationResult<TData>> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || BODY_HEADERS.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  headers.set('content-type', 'application/json');
  const options = api.context ? { contextValue: await api.context({ req, res }) } : {};
  const response = await api.server.executeOperation<TData>(
    { query, variables, http: { method: 'POST', headers, search: '', body: { query, variables } } },
    options,
  );
  if (response.body.kind !== 'single') throw new Error('An incremental GraphQL answer was not expected here.');
  return response.body.singleResult;
}

/**
 * Refuses a request with a JSON body shaped like the rest of the gateway's refusals, with the code's
 * HTTP status: `{"errors":[{"message", "extensions":{"code", …}}]}`; `extensions` names the
 * parameter at fault.
 */
export function sendError(req: Request, res: Response, code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): void {
  markRejected(req, code);
  const { code: _given, ...rest } = extensions;
  res
    .status(statusOf(code))
    .set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' })
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ errors: [{ message, extensions: { code, ...rest } }] }));
}

/**
 * The query string checked against the parameters a route takes: the name of the first unknown
 * parameter, or of the first that is repeated (`?order=A&order=B`), with what is wrong with it.
 */
export function queryParameterProblem(req: Request, allowed: readonly string[]): { parameter: string; message: string } | undefined {
  const search = new URL(req.originalUrl, 'http://localhost').searchParams;
  const seen = new Set<string>();
  for (const name of search.keys()) {
    if (!allowed.includes(name)) {
      const takes = allowed.length ? `it takes ${allowed.map((a) => `"${a}"`).join(' and ')}` : 'it takes none';
      return { parameter: name, message: `Unknown query parameter "${name}": ${takes}.` };
    }
    if (seen.has(name)) return { parameter: name, message: `The query parameter "${name}" is given more than once.` };
    seen.add(name);
  }
  return undefined;
}

/** The value of a query parameter (decoded), or undefined when absent. */
export function queryParameter(req: Request, name: string): string | undefined {
  return new URL(req.originalUrl, 'http://localhost').searchParams.get(name) ?? undefined;
}

/** The absolute URL of this gateway as the client reached it (honours `trust proxy` for the scheme). */
export function publicBase(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}
