import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Db } from 'mongodb';
import type { SubgraphConfig, SubgraphName } from './config';
import { database } from './mongo';
import { subgraphTypeDefs } from './schema';
import { scalarResolvers } from './scalars';

/** What makes a subgraph: every subgraph folder exports one of these from its index.ts. */
export interface SubgraphDefinition<Context> {
  name: SubgraphName;
  /** The folder whose schema.graphql holds its SDL. */
  dir: string;
  resolvers: GraphQLResolverMap<Context>;
  /**
   * Runs once at start with the subgraph's databases: creates indexes and returns the factory of
   * the per-request context (fresh DataLoaders for every request).
   */
  setup(databases: { own: Db; catalogue: Db }): Promise<() => Context>;
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

export function buildSchemaOf<Context>(definition: SubgraphDefinition<Context>) {
  return buildSubgraphSchema({
    typeDefs: subgraphTypeDefs(definition.dir),
    resolvers: { ...scalarResolvers, ...definition.resolvers } as GraphQLResolverMap<unknown>,
  });
}

/** Starts a subgraph on its own port (127.0.0.1 unless configured) against its own database. */
export async function startSubgraph<Context extends object>(
  definition: SubgraphDefinition<Context>,
  config: SubgraphConfig,
): Promise<RunningSubgraph> {
  const [own, catalogue] = await Promise.all([
    database(config.mongodbUri, config.database),
    database(config.catalogue.mongodbUri, config.catalogue.database),
  ]);
  const createContext = await definition.setup({ own, catalogue });
  const server = new ApolloServer<Context>({
    schema: buildSchemaOf(definition),
    plugins: [...offlinePlugins, ApolloServerPluginInlineTraceDisabled()],
    includeStacktraceInErrorResponses: false,
  });
  const { url } = await startStandaloneServer(server, {
    listen: { host: config.host, port: config.port },
    context: async () => createContext(),
  });
  return { name: definition.name, url, stop: () => server.stop() };
}

