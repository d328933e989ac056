/**
 * Persisted queries, `Cache-Control` and the response cache of the gateway's `/graphql` (README,
 * "Caching and persisted queries").
 *
 * - **Automatic persisted queries** (Apollo Server's own APQ): a client sends the SHA-256 of its
 *   query; an unknown hash is answered `PERSISTED_QUERY_NOT_FOUND`, the client then sends the query
 *   with the hash once, and from then on the hash alone (also by GET, so answers can be cached by
 *   URL). A query is registered only once it has passed every limit of gateway/limits.ts, and each
 *   request by hash is checked again with its own variables (cost, page sizes). The queries live in
 *   a bounded in-memory LRU cache of their own.
 * - **Cache-Control**: the subgraphs hint `max-age=CACHE_MAX_AGE_SECONDS, public` for public queries
 *   (subgraphs/kit/caching.ts), the data sources fold their headers into one policy, and Apollo's
 *   cache-control plugin writes it; a request with an `Authorization` header, a mutation or an
 *   answer with errors gets `no-store`.
 * - **Response cache** (@apollo/server-plugin-response-cache): whole answers of public queries,
 *   kept for their max-age and keyed by query, operation name and variables. It is read and written
 *   only for requests without an `Authorization` header, so an agency's drafts never enter it and a
 *   keyed request never gets a public answer from it (it always sees the data as it is now). A
 *   cached answer carries an `Age` header. A mutation that ran empties it.
 */
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { cachePolicyPlugin, isKeyedRequest } from '../subgraphs/kit/caching';

/** Characters of query text the persisted-query cache keeps (least recently used go first). */
export const PERSISTED_QUERY_CACHE_SIZE = 8 * 2 ** 20;
/** Characters of cached answers (JSON) the response cache keeps (least recently used go first). */
export const RESPONSE_CACHE_SIZE = 64 * 2 ** 20;

/** What the answer of `/graphql` depends on besides the URL: shared caches in front must key on these. */
const VARY = ['Accept', 'Authorization'];

/** APQ on, with a bounded in-memory cache of its own (so cached answers never evict queries). */
export function persistedQueryOptions(): ApolloServerOptions<BaseContext>['persistedQueries'] {
  return { cache: new InMemoryLRUCache<string>({ maxSize: PERSISTED_QUERY_CACHE_SIZE }) };
}

/** Only requests without an `Authorization` header read or write the response cache. */
function isPublicRequest(requestContext: GraphQLRequestContext<BaseContext>): boolean {
  return requestContext.request.http !== undefined && !isKeyedRequest(requestContext.request);
}

/** `Vary: Accept, Authorization` on every answer, so no shared cache gives a keyed client a public answer. */
function varyPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const given = response.http.headers.get('vary');
          const names = given ? given.split(',').map((name) => name.trim()) : [];
          for (const name of VARY) if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
          response.http.headers.set('vary', names.join(', '));
        },
      };
    },
  };
}

/**
 * The gateway's caching plugins: Apollo's cache-control plugin (which writes `Cache-Control` from the
 * policy the subgraphs' headers made), the policy rules shared with the subgraphs, `Vary`, and, when
 * `maxAgeSeconds` is above 0, the response cache for anonymous requests.
 */
export function gatewayCachePlugins(maxAgeSeconds: number): ApolloServerPlugin[] {
  const plugins: ApolloServerPlugin[] = [
    ApolloServerPluginCacheControl({ calculateHttpHeaders: true }),
    cachePolicyPlugin(maxAgeSeconds),
    varyPlugin(),
  ];
  if (maxAgeSeconds > 0) {
    const cache = new InMemoryLRUCache<string>({ maxSize: RESPONSE_CACHE_SIZE });
    plugins.push(
      ApolloServerPluginResponseCache({
        cache,
        shouldReadFromCache: async (requestContext) => isPublicRequest(requestContext),
        shouldWriteToCache: async (requestContext) => isPublicRequest(requestContext),
      }),
      clearOnMutation(cache),
    );
  }
  return plugins;
}

/**
 * Empties the response cache after every mutation that ran: a record published or withdrawn through
 * this gateway is seen so by the public at once, not up to max-age later (a withdrawal may be for a
 * reason that cannot wait). Writes by `npm run import` do not pass here; they show within max-age.
 */
function clearOnMutation(cache: InMemoryLRUCache<string>): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, response }) {
          if (operation?.operation !== 'mutation') return;
          const body = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          if (body.data) cache.clear();
        },
      };
    },
  };
}
