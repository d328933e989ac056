/**
 * The gateway's own limits, on top of the document limits it shares with every subgraph
 * (platform/limits.ts: body size, tokens, selections, depth, aliases, directives, `first`):
 *
 * | limit            | checked                                    | code                |
 * |------------------|--------------------------------------------|---------------------|
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
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import {
  DEFAULT_PAGE_SIZE,
  documentLimitServerOptions,
  limitError,
  operationResolutionPlugin,
  pageSizeError,
  pageSizesOf,
} from '../platform/limits';
import type { GatewayLimits } from './config';

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
  const pages = pageSizesOf(schema, document, operation, variables);
  if (!pages) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const sizes = new Map<FieldNode, number>();
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
  for (const [connection, size] of pages.sizes) markEdges(connection.selectionSet, size, new Set());
  return { sizes, badFirsts: pages.outOfRange };
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

/** Called with the cost of every operation that passed the limits, before any subgraph call; may throw to refuse it. */
export type CostCharge<TContext extends BaseContext> = (cost: number, requestContext: GraphQLRequestContext<TContext>) => void;

/**
 * Checks page sizes and cost once the operation and its variables are known (validation results
 * are cached per document, so this cannot be a validation rule). Refuses before any subgraph call.
 */
export function costLimitPlugin<TContext extends BaseContext>(limits: GatewayLimits, charge?: CostCharge<TContext>): ApolloServerPlugin<TContext> {
  const costs = new CostMemo();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const { request, document, schema, operation } = requestContext;
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
          if (result.badFirsts.length) throw pageSizeError(result.badFirsts[0]);
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
          charge?.(result.cost, requestContext);
        },
      };
    },
  };
}

/** ApolloServer options that apply every limit of the gateway: spread them into its configuration. */
export function limitServerOptions<TContext extends BaseContext>(
  limits: GatewayLimits,
  charge?: CostCharge<TContext>,
): Pick<ApolloServerOptions<BaseContext>, 'parseOptions' | 'maxRecursiveSelections' | 'validationRules'> & {
  plugins: ApolloServerPlugin<TContext>[];
} {
  return {
    ...documentLimitServerOptions(limits),
    plugins: [operationResolutionPlugin<TContext>(), costLimitPlugin(limits, charge)],
  };
}
