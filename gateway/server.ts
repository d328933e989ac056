import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { offlinePlugins } from '../subgraphs/shared/server';
import { scalarResolvers } from '../subgraphs/shared/scalars';
import type { GatewayConfig } from './config';
import { formatError } from './errors';
import { explorerRouter } from './explorer';

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
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({ url: config.subgraphUrls[name as keyof GatewayConfig['subgraphUrls']] ?? url }),
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => installScalarParsers(apiSchema));

  const app = express();
  const httpServer = http.createServer(app);
  const server = new ApolloServer({
    gateway,
    // The explorer's docs and autocompletion need the schema, in production too: this is a public API.
    introspection: true,
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [...offlinePlugins, ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await server.start();

  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(server));
  app.use('/', explorerRouter());

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}/`,
    stop: () => server.stop(),
  };
}
