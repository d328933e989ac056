import { GraphQLError } from 'graphql';

/**
 * Every error code the API answers with, the HTTP status it is sent with when it decides a whole
 * answer, and what a client should do about it. Code is written against this table, never as a
 * free string (README, "Errors"). An answer with data is 200 whatever its errors (a partial
 * answer); one without data takes the status of its first error's code (statusOfAnswer).
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: { status: 400, action: 'fix the argument or field the message names; retrying unchanged fails again' },
  BAD_REQUEST: { status: 400, action: 'fix the request (JSON body, query parameters) the message names' },
  GRAPHQL_PARSE_FAILED: { status: 400, action: 'fix the query text at the position given' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, action: 'fix the query against the schema (see the explorer’s Docs)' },
  OPERATION_RESOLUTION_FAILURE: { status: 400, action: 'name one of the document’s operations in operationName' },
  PERSISTED_QUERY_NOT_FOUND: { status: 200, action: 'send the query text with its hash once; the hash alone works from then on' },
  PERSISTED_QUERY_HASH_MISMATCH: { status: 400, action: 'send the hex SHA-256 of the query text itself as extensions.persistedQuery.sha256Hash' },
  QUERY_TOO_LARGE: { status: 400, action: 'send a smaller document (fewer tokens or selections)' },
  QUERY_TOO_DEEP: { status: 400, action: 'nest fields (or brackets, lists and objects) less deeply' },
  TOO_MANY_ALIASES: { status: 400, action: 'use fewer aliases' },
  TOO_MANY_DIRECTIVES: { status: 400, action: 'use fewer directives' },
  QUERY_TOO_COMPLEX: { status: 400, action: 'ask for smaller pages or fewer nested lists' },
  UNAUTHENTICATED: { status: 401, action: 'send a valid API key (Authorization: Bearer gdk_…, made by npm run keys)' },
  FORBIDDEN: { status: 403, action: 'act only on your own agency’s records (or those of agencies under it)' },
  NOT_FOUND: { status: 404, action: 'check the path' },
  METHOD_NOT_ALLOWED: { status: 405, action: 'use a method the Allow header names (a mutation needs POST)' },
  NOT_ACCEPTABLE: { status: 406, action: 'accept application/graphql-response+json or application/json' },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, action: 'retry in a moment with the same Idempotency-Key: the first request with it is still running' },
  PAYLOAD_TOO_LARGE: { status: 413, action: 'send a smaller body' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, action: 'send Content-Type: application/json' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, action: 'send a new Idempotency-Key: this one belongs to another request (a retry must repeat the request exactly)' },
  RATE_LIMITED: { status: 429, action: 'wait for the time in Retry-After, then retry' },
  INTERNAL_SERVER_ERROR: { status: 500, action: 'retry later; report it with the x-request-id if it persists' },
  DATABASE_UNAVAILABLE: { status: 503, action: 'retry in a few seconds (a mutation with the same Idempotency-Key): the database engine is restarting' },
  SUBGRAPH_UNAVAILABLE: { status: 503, action: 'retry later: a part of the service is down' },
  OVERLOADED: { status: 503, action: 'retry after the time in Retry-After: the subgraph is running as many expensive queries as it may' },
  SUBGRAPH_TIMEOUT: { status: 504, action: 'retry later, or ask for less' },
} as const satisfies Record<string, { status: number; action: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const statusOf = (code: ErrorCode): number => ERROR_CODES[code].status;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/** A GraphQL error with a code of the table and the fields that say more (argument, rule, …). */
export function codedError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

type AnswerErrors = ReadonlyArray<{ extensions?: { code?: unknown } }>;

/**
 * The code that decides an answer without data: its first error's (a code outside the table, which
 * only an unexpected failure has, counts as INTERNAL_SERVER_ERROR).
 */
export function codeOfAnswer(errors: AnswerErrors): ErrorCode {
  const code = errors[0]?.extensions?.code;
  return isErrorCode(code) ? code : 'INTERNAL_SERVER_ERROR';
}

/** The HTTP status of an answer without data. */
export const statusOfAnswer = (errors: AnswerErrors): number => statusOf(codeOfAnswer(errors));
