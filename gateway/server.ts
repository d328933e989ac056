import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { drainPlugin } from '../platform/drain';
import { offlinePlugins } from '../subgraphs/kit/server';
import { scalarResolvers } from '../model/scalars';
import { maskInternalError } from '../platform/errors';
import { internalErrorLogPlugin, operationsRouter, recordingPlugin, requestObservability, withRequestRecord } from '../platform/observability';
import { gatewayCachePlugins, persistedQueryOptions } from './caching';
import type { GatewayConfig } from './config';
import { formatError } from './errors';
import { explorerRouter } from './portal/explorer';
import { attachmentsRouter } from './portal/attachments';
import { exportsRouter } from './portal/exports';
import { feedsRouter } from './portal/feeds';
import { answerStatusPlugin, formatProtocolError, unknownPath } from '../platform/error-statuses';
import { bodyErrors, formatLimitError, jsonBody, refuseBeforeParsing, requireJsonBody } from '../platform/limits';
import { IdentityIssuer } from './auth/identity-issuer';
import { openApiKeys } from './auth/open';
import { clientRateLimit, gatewayReadiness } from './http';
import { limitServerOptions } from './limits';
import { retryAfterPlugin } from '../platform/overload';
import { chargeCostBudget, clientOf, CostBudget } from './cost-budget';
import { gatewayObservability } from './observability';
import { SubgraphDataSource, type GatewayContext } from './subgraph-source';

/** How long `/ready` waits for each subgraph's `/ready` (which waits up to 2 s for MongoDB). */
const READY_TIMEOUT_MS = 3_000;

/** Above any idle timeout of the clients and proxies in front (they must close idle sockets first). */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface GatewayOptions {
  /** Where the JSON log lines go (stdout by default); tests read them from here. */
  logStream?: NodeJS.WritableStream;
}

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * The supergraph built from SDL knows custom scalars only by name, so it would let `"2014-13-45"`
 * through as a Date; giving them their real parsers makes the gateway reject bad values at the edge.
 */
function installScalarParsers(schema: GraphQLSchema): void {
  for (const [name, implementation] of Object.entries(scalarResolvers)) {
    const type = schema.getType(name);
    if (type instanceof GraphQLScalarType) {
      type.parseValue = implementation.parseValue.bind(implementation);
      type.parseLiteral = implementation.parseLiteral.bind(implementation);
    }
  }
}

/** Starts the gateway: the composed supergraph, served over HTTP with the explorer at `/`. */
export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<RunningGateway> {
  const { logger, metrics, fetchDuration } = gatewayObservability({ level: config.logLevel, stream: options.logStream });
  // Keys are checked here, against the gateway's own store; the subgraphs get a signed identity.
  const keys = await openApiKeys(config.keyStore, config.subgraphUrls.catalogue, config.limits.subgraphTimeoutMs);
  const issuer = new IdentityIssuer(keys.manager, keys.agencies, config.identitySecret);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    logger,
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        name: name as keyof GatewayConfig['subgraphUrls'],
        url: config.subgraphUrls[name as keyof GatewayConfig['subgraphUrls']] ?? url,
        timeoutMs: config.limits.subgraphTimeoutMs,
        maxBodyBytes: config.limits.maxBodyBytes,
        fetchDuration,
      }),
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => installScalarParsers(apiSchema));

  const app = express();
  app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  httpServer.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  const { costBudget } = config.limits;
  const limits = limitServerOptions<GatewayContext>(config.limits, costBudget.points ? chargeCostBudget(new CostBudget(costBudget)) : undefined);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    // The entry points own the signals: they stop the server (draining requests), then exit.
    stopOnTerminationSignals: false,
    // The explorer's docs and autocompletion need the schema, in production too: this is a public API.
    introspection: true,
    formatError: (formatted, error) =>
      formatLimitError(formatted, error, config.limits) ??
      formatProtocolError(formatted, error) ??
      maskInternalError(formatError(formatted, error), error, 'gateway'),
    includeStacktraceInErrorResponses: false,
    parseOptions: limits.parseOptions,
    maxRecursiveSelections: limits.maxRecursiveSelections,
    validationRules: limits.validationRules,
    // Automatic persisted queries (also by GET) and cached public answers: gateway/caching.ts.
    persistedQueries: persistedQueryOptions(),
    plugins: [
      ...offlinePlugins,
      answerStatusPlugin(),
      ...limits.plugins,
      ...gatewayCachePlugins(config.cacheMaxAgeSeconds),
      retryAfterPlugin(),
      recordingPlugin(),
      internalErrorLogPlugin(logger),
      drainPlugin(httpServer),
    ],
  });
  await server.start();

  const rateLimiter = clientRateLimit(config.limits);
  app.use(requestObservability({ logger, metrics, graphqlPath: (path) => path === '/graphql' }));
  app.use(operationsRouter({ check: gatewayReadiness(keys.store.keys.db, config.subgraphUrls, READY_TIMEOUT_MS), metrics }));
  // The key is checked once per request (remembered a few seconds); the data sources send the token.
  const context = async ({ req }: { req: express.Request }): Promise<GatewayContext> => {
    const signed = await issuer.identityFor(req.headers.authorization);
    return withRequestRecord({ identityToken: signed?.token, client: clientOf(req, signed?.identity) }, req);
  };
  app.use(
    '/graphql',
    rateLimiter.middleware,
    requireJsonBody,
    jsonBody(config.limits),
    refuseBeforeParsing(config.limits),
    expressMiddleware(server, { context }),
  );
  app.use('/graphql', bodyErrors(config.limits));
  // Feeds and exports read through this server's own GraphQL API (gateway/own-api.ts).
  app.use('/feeds', feedsRouter({ server, context, guard: [rateLimiter.middleware] }));
  app.use(exportsRouter({ server, context, guard: [rateLimiter.middleware] }));
  app.use(attachmentsRouter({ server, context, guard: [rateLimiter.middleware], subgraphUrls: config.subgraphUrls, timeoutMs: config.limits.subgraphTimeoutMs }));
  app.use('/', explorerRouter());
  app.use(unknownPath);

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}/`,
    stop: async () => {
      await server.stop();
      rateLimiter.shutdown();
      logger.flush();
    },
  };
}
