/**
 * A database engine that is down, as clients see it: DATABASE_UNAVAILABLE (HTTP 503, retry later)
 * instead of an internal error, and within DATABASE_SELECTION_TIMEOUT_MS instead of the gateway's
 * subgraph timeout. The driver fails an operation with a network error when the engine goes away
 * under it, and with a server selection error when no engine answers in time.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { MongoNetworkError, MongoServerSelectionError } from 'mongodb';

/**
 * How long an operation waits for the engine to be reachable before it fails (the driver's
 * serverSelectionTimeoutMS): well under the gateway's 10 s subgraph timeout, so a request during an
 * engine restart is answered at once with DATABASE_UNAVAILABLE.
 */
export const DATABASE_SELECTION_TIMEOUT_MS = 1_500;

function reasonOf(error: MongoNetworkError | MongoServerSelectionError): string {
  return error instanceof MongoServerSelectionError
    ? `no engine answered within ${DATABASE_SELECTION_TIMEOUT_MS} ms`
    : 'the connection to the engine was lost';
}

/**
 * The error clients get when `error` says the database of `subgraph` cannot be reached; undefined
 * for any other error (a command the engine refused, a bug).
 */
export function databaseUnavailable(subgraph: string, error: unknown): GraphQLError | undefined {
  if (!(error instanceof MongoNetworkError || error instanceof MongoServerSelectionError)) return undefined;
  return new GraphQLError(`The ${subgraph} subgraph's database is unavailable (${reasonOf(error)}); retry in a few seconds.`, {
    extensions: { code: 'DATABASE_UNAVAILABLE', serviceName: subgraph },
  });
}

/** formatError's part for an engine that is down: the error clients see, or undefined for any other error. */
export function formatDatabaseUnavailable(formatted: GraphQLFormattedError, error: unknown, subgraph: string): GraphQLFormattedError | undefined {
  const unavailable = databaseUnavailable(subgraph, unwrapResolverError(error));
  return unavailable && { ...formatted, message: unavailable.message, extensions: unavailable.extensions };
}
