/**
 * One HTTP status per error code on every port (README, "Errors"): Apollo Server's own errors get a
 * code of platform/error-codes.ts, and a GraphQL answer without data is sent with the status of its
 * first error's code, whether the error came from parsing, validation, a limit or a resolver.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RequestHandler } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { statusOf, statusOfAnswer, type ErrorCode } from './error-codes';
import { sendGraphQLError } from './limits';

/** Apollo Server's BAD_REQUEST errors sent with another status, and the code of that status. */
const CODE_OF_STATUS = new Map<number, ErrorCode>(
  (['METHOD_NOT_ALLOWED', 'NOT_ACCEPTABLE', 'UNSUPPORTED_MEDIA_TYPE'] as const).map((code) => [statusOf(code), code]),
);

/** Apollo Server's persisted-query errors that carry no code, by their message. */
const PERSISTED_QUERY_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  'provided sha does not match query': {
    code: 'PERSISTED_QUERY_HASH_MISMATCH',
    message: 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it; send the hex SHA-256 of the query text itself.',
  },
  'Unsupported persisted query version': {
    code: 'BAD_REQUEST',
    message: 'Unsupported persisted query version: extensions.persistedQuery.version must be 1.',
  },
};

/**
 * The code of the table for an error Apollo Server raises itself without one (a persisted query's
 * hash that does not match its text) or with a code whose status differs (BAD_REQUEST sent as 405,
 * 406 or 415). Undefined for every other error.
 */
export function formatProtocolError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | undefined {
  const persisted = PERSISTED_QUERY_ERRORS[formatted.message];
  if (persisted) return { message: persisted.message, extensions: { code: persisted.code } };
  const http = error instanceof GraphQLError ? (error.extensions.http as { status?: number } | undefined) : undefined;
  const code = formatted.extensions?.code === 'BAD_REQUEST' && http?.status ? CODE_OF_STATUS.get(http.status) : undefined;
  return code ? { ...formatted, extensions: { ...formatted.extensions, code } } : undefined;
}

/**
 * Sends an answer without data (`data` absent or null) with the status of its first error's code;
 * an answer with data, even partial, stays 200.
 */
export function answerStatusPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (errors?.length && (data === undefined || data === null)) response.http.status = statusOfAnswer(errors);
        },
      };
    },
  };
}

/** The last handler of a server: a path it does not serve is NOT_FOUND in JSON, like its other refusals. */
export const unknownPath: RequestHandler = (req, res) => {
  sendGraphQLError(req, res, 'NOT_FOUND', `Nothing is served at ${req.method} ${req.path}; GraphQL is at /graphql.`);
};
