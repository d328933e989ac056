import { types } from 'node:util';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { codedError, type ErrorCode } from './error-codes';

/**
 * A client error that names the argument (or input field path) and the rule it broke, answered
 * with `extensions.code = BAD_USER_INPUT`. Never a 500.
 */
export function badUserInput(argument: string, rule: string, message: string): GraphQLError {
  return codedError('BAD_USER_INPUT', `Invalid value for "${argument}": ${message}`, { argument, rule });
}

/** What a client is told of an error that is not one of the API's own answers (a driver error, a bug). */
export const INTERNAL_ERROR_MESSAGE = 'Internal server error.';

/**
 * The MongoDB driver's errors for a database it cannot reach (read by name: the driver's classes
 * differ between module instances, as under Jest). Their messages name the server's host and port.
 */
const DATABASE_UNREACHABLE = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoServerClosedError',
]);

type ErrorShape = { name?: unknown; code?: unknown; codeName?: unknown; message?: unknown; stack?: unknown; cause?: unknown };

/** The error and its causes, outermost first: a GraphQLError's originalError, an Error's cause. */
function causesOf(error: unknown): ErrorShape[] {
  const chain: ErrorShape[] = [];
  for (let at = error; typeof at === 'object' && at !== null && chain.length < 5; ) {
    chain.push(at as ErrorShape);
    at = at instanceof GraphQLError ? (at.originalError ?? (at as ErrorShape).cause) : (at as ErrorShape).cause;
  }
  return chain;
}

const unreachableDatabase = (error: unknown) => causesOf(error).some((e) => DATABASE_UNREACHABLE.has(String(e.name)));

/**
 * An error the API did not mean to answer with: one without a code of its own (`code`, Apollo
 * Server names it INTERNAL_SERVER_ERROR) that is, or wraps, an Error other than a GraphQLError (a
 * driver's error, a TypeError; checked with isNativeError, which holds across realms). GraphQLErrors
 * are written to be read by clients, Apollo Server's own included (`provided sha does not match
 * query`), and so are a subgraph's errors, which reach the gateway as plain objects, and a scalar's
 * refusal of a value, which graphql-js answers as a validation or input error.
 */
export function isInternalError(error: unknown, code: unknown = error instanceof GraphQLError ? error.extensions.code : undefined): boolean {
  if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') return false;
  return causesOf(error).some((e) => types.isNativeError(e) && !(e instanceof GraphQLError));
}

/**
 * What a client sees of an internal error: a fixed message and code, never its text (a driver's
 * error names the database's host and port), its stack or its cause; a database that does not
 * answer is DATABASE_UNAVAILABLE (retry in a few seconds: the engine's owner restarts it), with the
 * service named. The error itself is logged by the server.
 */
export function internalErrorAnswer(error: unknown, service: string): { message: string; extensions: { code: ErrorCode; serviceName?: string } } {
  if (unreachableDatabase(error)) {
    return { message: `The ${service} service cannot reach its database now; retry later.`, extensions: { code: 'DATABASE_UNAVAILABLE', serviceName: service } };
  }
  return { message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** The last step of a server's formatError: an internal error keeps only its path and locations. */
export function maskInternalError(formatted: GraphQLFormattedError, error: unknown, service: string): GraphQLFormattedError {
  if (!isInternalError(error, formatted.extensions?.code)) return formatted;
  const { path, locations } = formatted;
  return { ...internalErrorAnswer(error, service), ...(locations ? { locations } : {}), ...(path ? { path } : {}) };
}

/**
 * What the log says of an internal error: each error of its chain by name, code and where it was
 * thrown; the message only of the driver's connection errors (it names the server), since other
 * messages may quote what a client sent.
 */
export function internalErrorLog(error: unknown): Array<Record<string, unknown>> {
  const thrown = causesOf(error).filter((e) => !(e instanceof GraphQLError && e.originalError));
  return thrown.map((e) => ({
    type: String(e.name ?? 'Error'),
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.codeName !== undefined ? { codeName: e.codeName } : {}),
    ...(DATABASE_UNREACHABLE.has(String(e.name)) ? { message: String(e.message).split('\n')[0].slice(0, 300) } : {}),
    ...(typeof e.stack === 'string' ? { at: e.stack.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 5).map((line) => line.trim()) } : {}),
  }));
}
