/**
 * Cache-control hints, with Apollo's own machinery (README, "Caching and persisted queries"):
 *
 * - a subgraph runs ApolloServerPluginCacheControl with `defaultMaxAge` = CACHE_MAX_AGE_SECONDS, so
 *   a public query's answer carries `Cache-Control: max-age=N, public`; the change feed hints a
 *   shorter time (CHANGE_FEED_MAX_AGE_SECONDS);
 * - the gateway's RemoteGraphQLDataSource folds every subgraph's header into the request's overall
 *   policy (the shortest wins, `no-store` or no header makes it 0), and the gateway's own
 *   cache-control plugin turns that into its `Cache-Control` header;
 * - on both, `cachePolicyPlugin` makes uncacheable what must never be shared: every request that
 *   carries an `Authorization` header (at the gateway: an agency's key sees its own drafts) or an
 *   identity token (at a subgraph: what the gateway sends for a key), every mutation, and everything
 *   when the setting is 0; and caps the rest at the setting.
 */
import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import type { ApolloServerPlugin, BaseContext, GraphQLRequest } from '@apollo/server';
import type { GraphQLResolveInfo } from 'graphql';
import { IDENTITY_HEADER } from '../../platform/identity';

/**
 * The change feed's answers are shared for at most this long (and never longer than the setting):
 * many consumers poll the same head cursor, and a few seconds spare the database without making
 * anyone wait noticeably for a change. A stale page is still a correct page: its endCursor is
 * where the next poll resumes, so nothing is skipped.
 */
export const CHANGE_FEED_MAX_AGE_SECONDS = 5;

/**
 * Whether a request carries an `Authorization` header or an identity token (valid or not: no
 * chances are taken).
 */
export function isKeyedRequest(request: GraphQLRequest): boolean {
  const headers = request.http?.headers;
  return Boolean(headers?.get('authorization') || headers?.get(IDENTITY_HEADER));
}

/**
 * The rules both the subgraphs and the gateway apply to the overall cache policy of a request:
 * `maxAge` 0 (answered `no-store`, never kept by the response cache) for a request with an
 * `Authorization` header or an identity token, for mutations and for everything when `maxAgeSeconds`
 * is 0; at most `maxAgeSeconds` otherwise. An answer no subgraph gave a hint for (`{ __typename }`) stays
 * uncacheable.
 */
export function cachePolicyPlugin<TContext extends BaseContext>(maxAgeSeconds: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request, overallCachePolicy }) {
      if (maxAgeSeconds === 0 || isKeyedRequest(request)) overallCachePolicy.restrict({ maxAge: 0 });
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'query') overallCachePolicy.restrict({ maxAge: 0 });
        },
        async executionDidStart() {
          return {
            async executionDidEnd() {
              // A field hint above the setting (the change feed's when the setting is lower) is capped.
              if (overallCachePolicy.maxAge !== undefined) overallCachePolicy.restrict({ maxAge: maxAgeSeconds });
            },
          };
        },
      };
    },
  };
}

/** The change feed's hint (see CHANGE_FEED_MAX_AGE_SECONDS); its resolver calls this. */
export function hintChangeFeed(info: GraphQLResolveInfo): void {
  maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: CHANGE_FEED_MAX_AGE_SECONDS });
}
