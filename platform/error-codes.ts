/**
 * Every error code the API answers with, the HTTP status it is sent with when it decides a whole
 * answer, and what a client should do about it. Code is written against this table, never as a
 * free string (README, "Errors").
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: { status: 400, action: 'fix the argument or field the message names; retrying unchanged fails again' },
  BAD_REQUEST: { status: 400, action: 'fix the request (JSON body, query parameters) the message names' },
  GRAPHQL_PARSE_FAILED: { status: 400, action: 'fix the query text at the position given' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, action: 'fix the query against the schema (see the explorer’s Docs)' },
  QUERY_TOO_LARGE: { status: 400, action: 'send a smaller document (fewer tokens or selections)' },
  QUERY_TOO_DEEP: { status: 400, action: 'nest fields less deeply' },
  TOO_MANY_ALIASES: { status: 400, action: 'use fewer aliases' },
  TOO_MANY_DIRECTIVES: { status: 400, action: 'use fewer directives' },
  QUERY_TOO_COMPLEX: { status: 400, action: 'ask for smaller pages or fewer nested lists' },
  UNAUTHENTICATED: { status: 401, action: 'send a valid API key: Authorization: Bearer gdk_<id>_<secret>' },
  FORBIDDEN: { status: 403, action: 'act only on your own agency’s records (or those of agencies under it)' },
  NOT_FOUND: { status: 404, action: 'check the path' },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, action: 'retry in a moment with the same Idempotency-Key: the first request with it is still running' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, action: 'send a new Idempotency-Key: this one belongs to another request (a retry must repeat the request exactly)' },
  PAYLOAD_TOO_LARGE: { status: 413, action: 'send a smaller body' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, action: 'send Content-Type: application/json' },
  RATE_LIMITED: { status: 429, action: 'wait for the time in Retry-After, then retry' },
  INTERNAL_SERVER_ERROR: { status: 500, action: 'retry later; report it with the x-request-id if it persists' },
  DATABASE_UNAVAILABLE: { status: 503, action: 'retry in a few seconds (a mutation with the same Idempotency-Key): the database engine is restarting' },
  SUBGRAPH_UNAVAILABLE: { status: 503, action: 'retry later: a part of the service is down' },
  SUBGRAPH_TIMEOUT: { status: 504, action: 'retry later, or ask for less' },
} as const satisfies Record<string, { status: number; action: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const statusOf = (code: ErrorCode): number => ERROR_CODES[code].status;
