import { deidentifyErrorMessage } from '../../model/deidentify';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { IncomingMessage } from 'node:http';
import type { Router } from 'express';
import type { Db } from 'mongodb';
import { actorFromIdentity, type Actor } from './auth';
import { cachePolicyPlugin } from './caching';
import { entityRepresentationsPlugin } from './entities';
import type { SubgraphConfig } from './config';
import { ConfigError, type SubgraphName } from '../../platform/config';
import { maskInternalError } from '../../platform/errors';
import { IDENTITY_HEADER, MIN_IDENTITY_SECRET_LENGTH } from '../../platform/identity';
import { answerStatusPlugin, formatProtocolError } from '../../platform/error-statuses';
import { documentLimitServerOptions, formatLimitError, operationResolutionPlugin, pageSizePlugin } from '../../platform/limits';
import { formatDeadlineError, retryAfterPlugin, RequestWork, WorkBound } from '../../platform/overload';
import { mongoReadiness, serveSubgraph } from './http';
import { database } from '../../storage/mongo';
import { subgraphTypeDefs } from './schema';
import { scalarResolvers } from '../../model/scalars';

/** What a subgraph needs of the HTTP request to build its context. */
export interface RequestInfo {
  /** Who asks, from the gateway's identity token, verified once per request (./auth.ts). */
  actor: Actor;
  /** The token itself, for a subgraph that passes the caller on to another (the catalogue to an owner). */
  identityToken?: string;
  /** The request's deadline, signal and slot of expensive work (platform/overload.ts). */
  work: RequestWork;
}

/** What a started subgraph runs: its per-request context, any HTTP routes beside GraphQL, its stop. */
export interface SubgraphRuntime<Context extends object> {
  /** The per-request context (fresh DataLoaders for every request). */
  createContext(request: RequestInfo): Promise<Context>;
  /** Routes served on the subgraph's port beside GraphQL (an owner's endpoints), with the caller's actor. */
  routes?: (actorOf: (req: IncomingMessage) => Actor) => Array<{ path: string; router: Router }>;
  /** Stops background work (the catalogue's sync). */
  close?(): Promise<void>;
  /** Apollo Server plugins of this subgraph's own (the catalogue's idempotency keys). */
  plugins?: ApolloServerPlugin<Context>[];
}

/** What makes a subgraph: every subgraph folder exports one of these from its index.ts. */
export interface SubgraphDefinition<Context extends object> {
  name: SubgraphName;
  /** The folder whose schema.graphql holds its SDL. */
  dir: string;
  resolvers: GraphQLResolverMap<Context>;
  /** Creates the indexes of the subgraph's own database (at every start, and by the admin tools). */
  prepare(own: Db): Promise<void>;
  /** Runs once at start with the subgraph's own database, the only one it opens, and its settings. */
  start(resources: { own: Db; config: SubgraphConfig }): Promise<SubgraphRuntime<Context>>;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  stop(): Promise<void>;
}

/** Plugins that keep a subgraph quiet and offline: no landing page from a CDN, no reporting. */
export const offlinePlugins: ApolloServerPlugin[] = [
  ApolloServerPluginLandingPageDisabled(),
  ApolloServerPluginUsageReportingDisabled(),
  ApolloServerPluginSchemaReportingDisabled(),
];

export function buildSchemaOf<Context extends object>(definition: SubgraphDefinition<Context>) {
  return buildSubgraphSchema({
    typeDefs: subgraphTypeDefs(definition.dir),
    resolvers: { ...scalarResolvers, ...definition.resolvers } as GraphQLResolverMap<unknown>,
  });
}

/** Starts a subgraph on its own port (127.0.0.1 unless configured) against its own database. */
export async function startSubgraph<Context extends object>(
  definition: SubgraphDefinition<Context>,
  config: SubgraphConfig,
  options: { logStream?: NodeJS.WritableStream } = {},
): Promise<RunningSubgraph> {
  const { identitySecret } = config;
  if (!identitySecret) {
    throw new ConfigError(
      `Invalid configuration:\n  IDENTITY_SECRET: required to serve: at least ${MIN_IDENTITY_SECRET_LENGTH} characters, the gateway's own (npm start makes one per run)`,
    );
  }
  const own = await database(config.mongodbUri, config.database);
  await definition.prepare(own);
  const runtime = await definition.start({ own, config });
  const scans = new WorkBound(config.work.maxConcurrentScans);
  const actorOf = (req: IncomingMessage) => actorFromIdentity(req.headers[IDENTITY_HEADER], identitySecret);
  const schema = buildSchemaOf(definition);
  const server = new ApolloServer<Context>({
    schema,
    // The gateway's document limits, so a call straight to this port is refused as the gateway would.
    ...documentLimitServerOptions(config.limits),
    // No message quotes a variable's value or personal data, on this port as at the gateway.
    formatError: (formatted, error) =>
      formatLimitError(formatted, error, config.limits) ??
      formatDeadlineError(error, definition.name, config.work.queryTimeoutMs) ??
      formatProtocolError(formatted, error) ??
      maskInternalError({ ...formatted, message: deidentifyErrorMessage(formatted.message) }, error, definition.name),
    plugins: [
      ...offlinePlugins,
      answerStatusPlugin<Context>(),
      operationResolutionPlugin<Context>(),
      pageSizePlugin<Context>(),
      entityRepresentationsPlugin<Context>(schema),
      retryAfterPlugin<Context>(),
      ApolloServerPluginInlineTraceDisabled(),
      // Public answers carry `Cache-Control: max-age=<setting>, public` (subgraphs/kit/caching.ts).
      ApolloServerPluginCacheControl({ defaultMaxAge: config.cacheMaxAgeSeconds }),
      cachePolicyPlugin<Context>(config.cacheMaxAgeSeconds),
      ...(runtime.plugins ?? []),
    ],
    includeStacktraceInErrorResponses: false,
    // The entry points own the signals: they stop the server (draining requests), then exit.
    stopOnTerminationSignals: false,
  });
  const { url, stop } = await serveSubgraph(server, {
    name: definition.name,
    host: config.host,
    port: config.port,
    context: async ({ req, res }) => {
      const token = req.headers[IDENTITY_HEADER];
      const work = new RequestWork(scans, config.work.queryTimeoutMs, definition.name);
      // 'close' comes when the answer is sent and when the caller goes away before it.
      res.once('close', () => work.end());
      return runtime.createContext({ actor: actorOf(req), identityToken: typeof token === 'string' ? token : undefined, work });
    },
    routes: runtime.routes?.(actorOf) ?? [],
    ready: mongoReadiness({ [definition.name]: own }),
    limits: config.limits,
    log: { level: config.logLevel, stream: options.logStream },
  });
  return {
    name: definition.name,
    url,
    stop: async () => {
      await runtime.close?.();
      await stop();
    },
  };
}

