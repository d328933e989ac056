/**
 * The limits of a GraphQL document that need no supergraph, applied alike by the gateway and by
 * every subgraph port (README, "Limits and operations"), so a request sent straight to a subgraph is
 * refused exactly as the gateway would refuse it: same code, same message, same HTTP status.
 *
 * | limit            | checked                                    | code                | status |
 * |------------------|--------------------------------------------|---------------------|--------|
 * | maxBodyBytes     | before the JSON is parsed (body-parser)    | PAYLOAD_TOO_LARGE   | 413    |
 * | MAX_NESTING      | before the JSON or the document is parsed  | QUERY_TOO_DEEP      | 400    |
 * | directive runs   | before the document is parsed (its tokens) | TOO_MANY_DIRECTIVES | 400    |
 * | maxTokens        | while parsing (graphql-js `maxTokens`)     | QUERY_TOO_LARGE     | 400    |
 * | maxSelections    | validation (Apollo's recursive selections) | QUERY_TOO_LARGE     | 400    |
 * | maxDepth         | validation (graphql-armor max-depth)       | QUERY_TOO_DEEP      | 400    |
 * | maxAliases       | validation (graphql-armor max-aliases)     | TOO_MANY_ALIASES    | 400    |
 * | maxDirectives    | validation (graphql-armor max-directives)  | TOO_MANY_DIRECTIVES | 400    |
 * | `first` 1–100    | once the operation and variables are known | BAD_USER_INPUT      | 400    |
 *
 * and an operation that cannot run (an unknown operation name, an operation type the schema does
 * not have) is refused with 400 too, before execution.
 *
 * The gateway adds what needs the whole supergraph (the cost of a query, gateway/limits.ts) and the
 * per-client rate limit (gateway/http.ts). The settings keep their GATEWAY_ names (GATEWAY_MAX_DEPTH
 * …) and are read by the subgraphs too.
 */
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import express from 'express';
import {
  getArgumentValues,
  getVariableValues,
  GraphQLError,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { z } from 'zod';
import { documentShape, isJsonTooDeep, MAX_NESTING } from './document-scan';
import { statusOf, type ErrorCode } from './error-codes';
import { markRejected } from './observability';

/** Page size of a connection when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 20;
/** The largest page (`first`) any connection serves; `first` must be from 1 to this. */
export const MAX_PAGE_SIZE = 100;

/** The limits of one GraphQL request that every server of this API applies. */
export interface DocumentLimits {
  /** Deepest field nesting of an operation (fragments do not add levels). */
  maxDepth: number;
  /** Most aliases in one operation. */
  maxAliases: number;
  /** Most directives in one operation. */
  maxDirectives: number;
  /** Most lexical tokens in a document; parsing stops beyond it. */
  maxTokens: number;
  /** Most selections once every fragment spread is expanded (stops fragment "bombs"). */
  maxSelections: number;
  /** Largest request body in bytes (413 beyond it). */
  maxBodyBytes: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxDepth: 10,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 5_000,
  maxSelections: 5_000,
  maxBodyBytes: 16 * 1_048_576,
};

const positive = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/**
 * The settings of these limits, read by the gateway and the subgraphs: GATEWAY_MAX_DEPTH,
 * GATEWAY_MAX_ALIASES, GATEWAY_MAX_DIRECTIVES, GATEWAY_MAX_TOKENS, GATEWAY_MAX_SELECTIONS,
 * GATEWAY_MAX_BODY_BYTES (at least 1024); defaults in DEFAULT_DOCUMENT_LIMITS.
 */
export const documentLimitSettings = z
  .object({
    GATEWAY_MAX_DEPTH: positive(DEFAULT_DOCUMENT_LIMITS.maxDepth),
    GATEWAY_MAX_ALIASES: positive(DEFAULT_DOCUMENT_LIMITS.maxAliases),
    GATEWAY_MAX_DIRECTIVES: positive(DEFAULT_DOCUMENT_LIMITS.maxDirectives),
    GATEWAY_MAX_TOKENS: positive(DEFAULT_DOCUMENT_LIMITS.maxTokens),
    GATEWAY_MAX_SELECTIONS: positive(DEFAULT_DOCUMENT_LIMITS.maxSelections),
    GATEWAY_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_DOCUMENT_LIMITS.maxBodyBytes),
  })
  .transform(
    (values): DocumentLimits => ({
      maxDepth: values.GATEWAY_MAX_DEPTH,
      maxAliases: values.GATEWAY_MAX_ALIASES,
      maxDirectives: values.GATEWAY_MAX_DIRECTIVES,
      maxTokens: values.GATEWAY_MAX_TOKENS,
      maxSelections: values.GATEWAY_MAX_SELECTIONS,
      maxBodyBytes: values.GATEWAY_MAX_BODY_BYTES,
    }),
  );

export type LimitName = 'maxTokens' | 'maxSelections' | 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxCost' | 'maxNesting';

/** An error thrown before execution, which Apollo Server answers with its code's HTTP status (the `http` key is not shown). */
function refusalBeforeExecution(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status: statusOf(code) } } });
}

/** An error of a limit: code, message naming the limit and its value, and the numbers. */
export function limitError(code: ErrorCode, limit: LimitName, allowed: number, message: string, actual?: number): GraphQLError {
  return refusalBeforeExecution(code, message, { limit, allowed, ...(actual === undefined ? {} : { actual }) });
}

/** graphql-armor reports "… limit of N exceeded, found M."; the found count is taken from there. */
function foundIn(error: GraphQLError): number | undefined {
  const match = /found (\d+)/.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

function armorRule(
  make: (options: {
    n: number;
    propagateOnRejection: boolean;
    onReject: Array<(context: ValidationContext | null, error: GraphQLError) => void>;
  }) => ValidationRule,
  allowed: number,
  report: (actual: number | undefined) => GraphQLError,
): ValidationRule {
  return make({
    n: allowed,
    propagateOnRejection: false,
    onReject: [(context, error) => context?.reportError(report(foundIn(error)))],
  });
}

/** Validation rules for depth, aliases and directives; they run after the standard rules pass. */
export function limitValidationRules(limits: DocumentLimits): ValidationRule[] {
  return [
    armorRule(
      (options) => maxDepthRule({ ...options, flattenFragments: true, ignoreIntrospection: true }),
      limits.maxDepth,
      (actual) =>
        limitError(
          'QUERY_TOO_DEEP',
          'maxDepth',
          limits.maxDepth,
          `Query depth ${actual ?? 'above the limit'} exceeds the limit of ${limits.maxDepth} nested fields (maxDepth).`,
          actual,
        ),
    ),
    armorRule(
      (options) => maxAliasesRule({ ...options, allowList: [] }),
      limits.maxAliases,
      (actual) =>
        limitError(
          'TOO_MANY_ALIASES',
          'maxAliases',
          limits.maxAliases,
          `The query uses ${actual ?? 'more'} aliases; the limit is ${limits.maxAliases} aliases per operation (maxAliases), counted through every fragment spread.`,
          actual,
        ),
    ),
    armorRule(
      (options) => maxDirectivesRule(options),
      limits.maxDirectives,
      (actual) =>
        limitError(
          'TOO_MANY_DIRECTIVES',
          'maxDirectives',
          limits.maxDirectives,
          `The query uses ${actual ?? 'more'} directives; the limit is ${limits.maxDirectives} directives per operation (maxDirectives).`,
          actual,
        ),
    ),
  ];
}

/** The refusal of a `first` out of range, as the gateway and every subgraph answer it (HTTP 400). */
export function pageSizeError(first: unknown): GraphQLError {
  return refusalBeforeExecution('BAD_USER_INPUT', `Invalid value for "first": must be between 1 and ${MAX_PAGE_SIZE}; got ${String(first)}`, {
    argument: 'first',
    rule: 'range',
  });
}

/** Page sizes an operation asks for: each field with a `first` argument and its size, and the bad ones. */
export interface PageSizes {
  /** The page size of every field that takes `first` (its default when not given; out-of-range ones as MAX_PAGE_SIZE). */
  sizes: Map<FieldNode, number>;
  /** The values of `first` outside 1–MAX_PAGE_SIZE, in document order. */
  outOfRange: unknown[];
}

/**
 * The `first` of every field that takes one, from literals and the request's variables. Undefined
 * when the variables do not fit their types (execution reports that with the variables' names).
 */
export function pageSizesOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): PageSizes | undefined {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors?.length || !coerced.coerced) return undefined;
  const values = coerced.coerced;
  const sizes = new Map<FieldNode, number>();
  const outOfRange: unknown[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const definition = typeInfo.getFieldDef();
        if (!definition?.args.some((arg) => arg.name === 'first')) return;
        let first: unknown;
        try {
          first = getArgumentValues(definition, node, values).first ?? DEFAULT_PAGE_SIZE;
        } catch {
          return; // a variable of another operation: not this request's concern
        }
        if (!Number.isInteger(first) || (first as number) < 1 || (first as number) > MAX_PAGE_SIZE) {
          outOfRange.push(first);
          sizes.set(node, MAX_PAGE_SIZE);
        } else sizes.set(node, first as number);
      },
    }),
  );
  return { sizes, outOfRange };
}

/** Whether a document passes `first` anywhere (remembered per parsed document). */
const passesFirst = new WeakMap<DocumentNode, boolean>();
function mentionsFirst(document: DocumentNode): boolean {
  let known = passesFirst.get(document);
  if (known === undefined) {
    known = false;
    visit(document, {
      Argument(node) {
        if (node.name.value === 'first') known = true;
      },
    });
    passesFirst.set(document, known);
  }
  return known;
}

/**
 * Refuses a `first` outside 1–MAX_PAGE_SIZE before execution, with the request's variables (a
 * subgraph's own check; the gateway checks it with the cost, gateway/limits.ts). Documents that
 * pass no `first` anywhere, like the gateway's entity fetches, are not walked.
 */
export function pageSizePlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          if (!operation || !mentionsFirst(document)) return;
          const pages = pageSizesOf(schema, document, operation, request.variables ?? {});
          if (pages?.outOfRange.length) throw pageSizeError(pages.outOfRange[0]);
        },
      };
    },
  };
}

/**
 * Refuses, with 400, an operation the server cannot run: an unknown or missing operation name, or
 * an operation type it does not have (a subscription; a mutation on a domain subgraph). graphql-js
 * does not validate these, and execution would answer them as internal errors (the gateway's
 * executor with a 500).
 */
export function operationResolutionPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          if (!operation) {
            const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
            const message = request.operationName
              ? `Unknown operation named "${request.operationName}".`
              : operations > 1
                ? 'Must provide operationName when the document contains more than one operation.'
                : 'The document contains no operation.';
            throw refusalBeforeExecution('OPERATION_RESOLUTION_FAILURE', message);
          }
          if (!schema.getRootType(operation.operation)) {
            throw refusalBeforeExecution('GRAPHQL_VALIDATION_FAILED', `This API has no ${operation.operation} operations.`);
          }
        },
      };
    },
  };
}

/** ApolloServer options that apply the parse and validation limits: spread them into a server's configuration. */
export function documentLimitServerOptions(
  limits: DocumentLimits,
): Pick<ApolloServerOptions<BaseContext>, 'parseOptions' | 'maxRecursiveSelections' | 'validationRules'> {
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    maxRecursiveSelections: limits.maxSelections,
    validationRules: limitValidationRules(limits),
  };
}

/**
 * How limit errors reach clients: Apollo Server reports validation failures with the code
 * GRAPHQL_VALIDATION_FAILED and parse failures with GRAPHQL_PARSE_FAILED; a failure that is one of
 * our limits keeps the limit's own code, and the two limits enforced by graphql-js and Apollo get a
 * message naming the limit. Undefined for every other error.
 */
export function formatLimitError(
  formatted: GraphQLFormattedError,
  error: unknown,
  limits: DocumentLimits,
): GraphQLFormattedError | undefined {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : undefined;
  const extensions = original instanceof GraphQLError ? original.extensions : undefined;
  if (extensions?.limit && typeof extensions.code === 'string') {
    const { http: _http, ...shown } = extensions;
    return { ...formatted, message: (original as GraphQLError).message, extensions: shown };
  }
  if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && /Document contains more tha[nt] \d+ tokens/.test(formatted.message)) {
    return {
      message: `The query has more than ${limits.maxTokens} tokens, the limit of tokens in a document (maxTokens).`,
      extensions: { code: 'QUERY_TOO_LARGE' satisfies ErrorCode, limit: 'maxTokens', allowed: limits.maxTokens },
    };
  }
  if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && formatted.message === 'Validation aborted.') {
    // graphql-js gives up on a document whose repeated fields would cost too much to compare.
    return {
      message: 'The query repeats the same fields or fragments too often to be validated; send each field once.',
      extensions: { code: 'QUERY_TOO_LARGE' satisfies ErrorCode, limit: 'validationWork' },
    };
  }
  if (formatted.extensions?.validationErrorCode === 'MAX_RECURSIVE_SELECTIONS_EXCEEDED') {
    return {
      message: `The query has more than ${limits.maxSelections} selections once its fragments are expanded (maxSelections).`,
      extensions: { code: 'QUERY_TOO_LARGE' satisfies ErrorCode, limit: 'maxSelections', allowed: limits.maxSelections },
    };
  }
  return undefined;
}

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/**
 * Sends `{ errors: [{ message, extensions: { code, ... } }] }` with the code's HTTP status, in the
 * media type the client accepts (`application/graphql-response+json` when it asks for it, else
 * `application/json`).
 */
export function sendGraphQLError(
  req: Request,
  res: Response,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  markRejected(req, code);
  const type = req.accepts(['application/json', GRAPHQL_RESPONSE]) === GRAPHQL_RESPONSE ? GRAPHQL_RESPONSE : 'application/json';
  res
    .status(statusOf(code))
    .type(`${type}; charset=utf-8`)
    .send(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}

/** A POST must carry JSON (GraphQL over HTTP); anything else is refused with 415 before parsing. */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || req.is('application/json')) {
    next();
    return;
  }
  const given = req.headers['content-type'] ?? 'none';
  const path = req.baseUrl || '/';
  sendGraphQLError(req, res, 'UNSUPPORTED_MEDIA_TYPE', `Unsupported content type ${JSON.stringify(given)}: a POST to ${path} must send application/json.`);
};

/** A JSON body nested too deeply, refused before it is parsed (platform/document-scan.ts). */
class JsonTooDeepError extends Error {
  readonly status = statusOf('QUERY_TOO_DEEP');
  readonly type = 'entity.too.deep';
}

const tooDeepJson = (where: string) =>
  `The ${where} nests JSON arrays and objects more than ${MAX_NESTING} levels deep; the limit is ${MAX_NESTING} levels (maxNesting).`;

/** express.json with the configured size limit, refusing a body nested deeper than MAX_NESTING before parsing it. */
export function jsonBody(limits: DocumentLimits): RequestHandler {
  return express.json({
    limit: limits.maxBodyBytes,
    verify: (_req, _res, body) => {
      if (isJsonTooDeep(body)) throw new JsonTooDeepError(tooDeepJson('request body'));
    },
  });
}

/**
 * Refuses, before Apollo Server parses the document: a document nested deeper than MAX_NESTING
 * (graphql-js would run out of stack), a run of directives on one field longer than maxDirectives
 * (standard validation would report each copy), and a GET whose `variables` or `extensions` nest
 * deeper than MAX_NESTING (a POST body is refused so by jsonBody). Requests without a query text
 * (a persisted query's hash: its text was checked when it was registered) pass on.
 */
export function refuseBeforeParsing(limits: DocumentLimits): RequestHandler {
  return (req, res, next) => {
    const fields = (req.method === 'GET' ? req.query : (req.body ?? {})) as Record<string, unknown>;
    if (req.method === 'GET') {
      const deep = ['variables', 'extensions'].find((name) => typeof fields[name] === 'string' && isJsonTooDeep(fields[name]));
      if (deep) {
        sendGraphQLError(req, res, 'QUERY_TOO_DEEP', tooDeepJson(`"${deep}" parameter`), { limit: 'maxNesting', allowed: MAX_NESTING });
        return;
      }
    }
    if (typeof fields.query !== 'string') {
      next();
      return;
    }
    const shape = documentShape(fields.query, limits.maxTokens);
    if (shape.nesting > MAX_NESTING) {
      sendGraphQLError(
        req,
        res,
        'QUERY_TOO_DEEP',
        `The query nests braces, brackets and parentheses more than ${MAX_NESTING} levels deep; the limit is ${MAX_NESTING} levels (maxNesting).`,
        { limit: 'maxNesting', allowed: MAX_NESTING },
      );
    } else if (shape.longestDirectiveRun > limits.maxDirectives) {
      sendGraphQLError(
        req,
        res,
        'TOO_MANY_DIRECTIVES',
        `A field carries ${shape.longestDirectiveRun} directives in a row; the limit is ${limits.maxDirectives} directives per operation (maxDirectives).`,
        { limit: 'maxDirectives', allowed: limits.maxDirectives, actual: shape.longestDirectiveRun },
      );
    } else next();
  };
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  statusCode?: number;
}

/** The code of a body-parser failure by its HTTP status (an unsupported charset is 415, too many parameters 413). */
function codeOfBodyFailure(status: number): ErrorCode {
  if (status === statusOf('PAYLOAD_TOO_LARGE')) return 'PAYLOAD_TOO_LARGE';
  if (status === statusOf('UNSUPPORTED_MEDIA_TYPE')) return 'UNSUPPORTED_MEDIA_TYPE';
  return status >= 400 && status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
}

/** Turns body-parser failures (and anything unexpected) into GraphQL-shaped JSON errors. */
export function bodyErrors(limits: DocumentLimits): ErrorRequestHandler {
  return (error: BodyParserError, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error.type === 'entity.too.large') {
      sendGraphQLError(req, res, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limits.maxBodyBytes} bytes, the limit (maxBodyBytes).`, {
        limit: 'maxBodyBytes',
        allowed: limits.maxBodyBytes,
      });
      return;
    }
    if (error instanceof JsonTooDeepError) {
      sendGraphQLError(req, res, 'QUERY_TOO_DEEP', error.message, { limit: 'maxNesting', allowed: MAX_NESTING });
      return;
    }
    if (error.type === 'entity.parse.failed') {
      sendGraphQLError(req, res, 'BAD_REQUEST', 'The request body is not valid JSON.');
      return;
    }
    const code = codeOfBodyFailure(error.status ?? error.statusCode ?? statusOf('INTERNAL_SERVER_ERROR'));
    if (code === 'INTERNAL_SERVER_ERROR') sendGraphQLError(req, res, code, 'Internal server error.');
    else sendGraphQLError(req, res, code, `The request could not be read: ${error.message}`);
  };
}
