/**
 * The limits a public GraphQL endpoint needs, each answered with a GraphQL error that carries a
 * code and names the limit and its allowed value:
 *
 * | limit            | checked                                    | code                |
 * |------------------|--------------------------------------------|---------------------|
 * | maxTokens        | while parsing (graphql-js `maxTokens`)     | QUERY_TOO_LARGE     |
 * | maxSelections    | validation (Apollo's recursive selections) | QUERY_TOO_LARGE     |
 * | maxDepth         | validation (graphql-armor max-depth)       | QUERY_TOO_DEEP      |
 * | maxAliases       | validation (graphql-armor max-aliases)     | TOO_MANY_ALIASES    |
 * | maxDirectives    | validation (graphql-armor max-directives)  | TOO_MANY_DIRECTIVES |
 * | maxCost, `first` | after validation, with the variables       | QUERY_TOO_COMPLEX,  |
 * |                  | (graphql-query-complexity)                 | BAD_USER_INPUT      |
 *
 * The cost of a query is what it may make the subgraphs produce: every field counts 1; the page of
 * a connection (the catalogue, the typed lists and the Agency lists), its `edges`, is multiplied by
 * the connection's page size (`first`: default 20, at most 100), so page sizes multiply through
 * nested connections, while its totalCount, pageInfo and facets count once; any other list of objects
 * is multiplied by `listSizeEstimate`. Aliases count each time, fragments count each time they are
 * spread, and of the type conditions on an interface only the dearest counts.
 */
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isCompositeType,
  isListType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../storage/pagination';
import type { GatewayLimits } from './config';

export type LimitName = 'maxTokens' | 'maxSelections' | 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxCost';

const BAD_REQUEST = { http: { status: 400 } };

/** An error of a limit: code, message naming the limit and its value, and the numbers. */
export function limitError(code: string, limit: LimitName, allowed: number, message: string, actual?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, limit, allowed, ...(actual === undefined ? {} : { actual }), ...BAD_REQUEST },
  });
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
export function limitValidationRules(limits: GatewayLimits): ValidationRule[] {
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

/**
 * The page size of every `edges` selection: the `first` (or its default) of the connection field it
 * belongs to. A fragment spread under several connections takes the largest. Out-of-range values are
 * collected in `badFirsts`. Undefined when the variables do not fit their types (execution reports
 * that with the variables' names).
 */
function edgesPageSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): { sizes: Map<FieldNode, number>; badFirsts: unknown[] } | undefined {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors?.length || !coerced.coerced) return undefined;
  const values = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const sizes = new Map<FieldNode, number>();
  const badFirsts: unknown[] = [];
  const markEdges = (selectionSet: SelectionSetNode | undefined, size: number, seen: Set<string>) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === 'edges') sizes.set(selection, Math.max(size, sizes.get(selection) ?? 0));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        markEdges(selection.selectionSet, size, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        markEdges(fragments.get(selection.name.value)?.selectionSet, size, seen);
      }
    }
  };
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
        let size = first as number;
        if (!Number.isInteger(first) || size < 1 || size > MAX_PAGE_SIZE) {
          badFirsts.push(first);
          size = MAX_PAGE_SIZE;
        }
        markEdges(node.selectionSet, size, new Set());
      },
    }),
  );
  return { sizes, badFirsts };
}

/** The cost estimator described at the top of this file. */
function costEstimator(limits: GatewayLimits, pageSizes: Map<FieldNode, number>): ComplexityEstimator {
  return ({ type, field, node, childComplexity }) => {
    if (type.name.startsWith('__') || field.name.startsWith('__')) return childComplexity;
    const pageSize = pageSizes.get(node);
    if (pageSize !== undefined) return 1 + pageSize * childComplexity;
    const nullable = getNullableType(field.type);
    if (isListType(nullable) && isCompositeType(getNamedType(field.type))) {
      return 1 + limits.listSizeEstimate * childComplexity;
    }
    return 1 + childComplexity;
  };
}

/**
 * The estimated cost of an operation as this gateway counts it, with the out-of-range page sizes
 * it asks for; undefined when its variables do not fit their types. Exported for tests and tools.
 */
export function queryCost(
  options: { schema: GraphQLSchema; document: DocumentNode; operation: OperationDefinitionNode; variables: Record<string, unknown> },
  limits: GatewayLimits,
): { cost: number; badFirsts: unknown[] } | undefined {
  const pages = edgesPageSizes(options.schema, options.document, options.operation, options.variables);
  if (!pages) return undefined;
  const operationName = options.operation.name?.value;
  const cost = getComplexity({
    schema: options.schema,
    query: options.document,
    variables: options.variables,
    ...(operationName ? { operationName } : {}),
    estimators: [costEstimator(limits, pages.sizes)],
    maxQueryNodes: limits.maxSelections * 2,
  });
  return { cost, badFirsts: pages.badFirsts };
}

type CostResult = { cost: number; badFirsts: unknown[] };

/** Variables (as JSON) longer than this are not kept as a memo key. */
const MAX_MEMO_KEY = 2_048;
/** Variable sets kept per document; the memo of a document starts over when it is full. */
const MAX_MEMO_ENTRIES = 64;

/**
 * The cost of an operation with its variables, computed once: Apollo Server keeps one parsed
 * document per query text, so a query sent again (a portal's page, a persisted query) with the same
 * variables is not walked again. Kept per document, so the memo goes with the document.
 */
class CostMemo {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, CostResult | undefined>>();

  get(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    compute: () => CostResult | undefined,
  ): CostResult | undefined {
    const key = `${operation.name?.value ?? ''}\u0000${JSON.stringify(variables)}`;
    if (key.length > MAX_MEMO_KEY) return compute();
    let memo = this.byDocument.get(document);
    if (memo?.has(key)) return memo.get(key);
    const result = compute();
    if (!memo || memo.size >= MAX_MEMO_ENTRIES) this.byDocument.set(document, (memo = new Map()));
    memo.set(key, result);
    return result;
  }
}

/**
 * Checks page sizes and cost once the operation and its variables are known (validation results
 * are cached per document, so this cannot be a validation rule). Refuses before any subgraph call.
 */
export function costLimitPlugin(limits: GatewayLimits): ApolloServerPlugin {
  const costs = new CostMemo();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          if (!operation) return;
          let result: CostResult | undefined;
          try {
            const variables = request.variables ?? {};
            result = costs.get(document, operation, variables, () => queryCost({ schema, document, operation, variables }, limits));
          } catch (error) {
            if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
              throw limitError(
                'QUERY_TOO_LARGE',
                'maxSelections',
                limits.maxSelections,
                `The query has more than ${limits.maxSelections} selections once its fragments are expanded (maxSelections).`,
              );
            }
            // Variables that do not fit their types: execution reports them with their names.
            return;
          }
          if (!result) return;
          const [badFirst] = result.badFirsts;
          if (result.badFirsts.length) {
            throw new GraphQLError(`Invalid value for "first": must be between 1 and ${MAX_PAGE_SIZE}; got ${String(badFirst)}`, {
              extensions: { code: 'BAD_USER_INPUT', argument: 'first', rule: 'range', ...BAD_REQUEST },
            });
          }
          if (result.cost > limits.maxCost) {
            throw limitError(
              'QUERY_TOO_COMPLEX',
              'maxCost',
              limits.maxCost,
              `Query cost ${result.cost} exceeds the limit of ${limits.maxCost} (maxCost). Every field counts 1 and is multiplied by ` +
                `the page size (first, default ${DEFAULT_PAGE_SIZE}) of each connection around it and by ${limits.listSizeEstimate} ` +
                'for each other list around it; ask for smaller pages or fewer nested lists.',
              result.cost,
            );
          }
        },
      };
    },
  };
}

/**
 * Refuses, with 400, an operation the gateway cannot run: an unknown or missing operation name, or
 * an operation type this API does not have (a subscription). graphql-js does not validate these, and
 * the gateway's executor would answer them with a 500.
 */
export function operationResolutionPlugin(): ApolloServerPlugin {
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
            throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', ...BAD_REQUEST } });
          }
          if (!schema.getRootType(operation.operation)) {
            throw new GraphQLError(`This API has no ${operation.operation} operations.`, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...BAD_REQUEST },
            });
          }
        },
      };
    },
  };
}

/** ApolloServer options that apply the limits: spread them into the server's configuration. */
export function limitServerOptions(
  limits: GatewayLimits,
): Pick<ApolloServerOptions<BaseContext>, 'parseOptions' | 'maxRecursiveSelections' | 'validationRules'> & {
  plugins: ApolloServerPlugin[];
} {
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    maxRecursiveSelections: limits.maxSelections,
    validationRules: limitValidationRules(limits),
    plugins: [operationResolutionPlugin(), costLimitPlugin(limits)],
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
  limits: GatewayLimits,
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
      extensions: { code: 'QUERY_TOO_LARGE', limit: 'maxTokens', allowed: limits.maxTokens },
    };
  }
  if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && formatted.message === 'Validation aborted.') {
    // graphql-js gives up on a document whose repeated fields would cost too much to compare.
    return {
      message: 'The query repeats the same fields or fragments too often to be validated; send each field once.',
      extensions: { code: 'QUERY_TOO_LARGE', limit: 'validationWork' },
    };
  }
  if (formatted.extensions?.validationErrorCode === 'MAX_RECURSIVE_SELECTIONS_EXCEEDED') {
    return {
      message: `The query has more than ${limits.maxSelections} selections once its fragments are expanded (maxSelections).`,
      extensions: { code: 'QUERY_TOO_LARGE', limit: 'maxSelections', allowed: limits.maxSelections },
    };
  }
  return undefined;
}
