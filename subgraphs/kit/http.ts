/**
 * Serves a subgraph over HTTP with Express: GraphQL at `/` (the URL the gateway is given), plus
 * `/health` (the process answers), `/ready` (its MongoDB answers a ping) and `/metrics`, JSON
 * request logs carrying the gateway's request id, and a graceful stop that drains requests in flight.
 * POSTs are refused as the gateway refuses them (platform/limits.ts): not JSON 415, over the body
 * limit 413, malformed JSON 400, nested too deeply or with a long run of directives 400 before parsing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer, ContextFunction } from '@apollo/server';
import { expressMiddleware, type ExpressContextFunctionArgument } from '@as-integrations/express5';
import express, { type Router } from 'express';
import type { Db } from 'mongodb';
import { drainPlugin } from '../../platform/drain';
import { bodyErrors, jsonBody, refuseBeforeParsing, requireJsonBody, type DocumentLimits } from '../../platform/limits';
import {
  createLogger,
  createMetrics,
  internalErrorLogPlugin,
  operationsRouter,
  reasonOf,
  recordingPlugin,
  requestObservability,
  withRequestRecord,
  withTimeout,
  type LogOptions,
  type Readiness,
} from '../../platform/observability';

/**
 * Idle keep-alive sockets are closed by the server only after this long: well above the gateway
 * client's idle timeout (undici keeps an idle socket 4 s, or the server's `Keep-Alive: timeout`
 * hint minus a margin), so the client always gives up a socket before the server closes it and
 * never sends a request on a socket being closed under it (the keep-alive race).
 */
export const SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** How long `/ready` waits for MongoDB's answer to a ping. */
export const READY_PING_TIMEOUT_MS = 2_000;

/** Ready when every database answers a ping within READY_PING_TIMEOUT_MS. */
export function mongoReadiness(databases: Record<string, Db>): () => Promise<Readiness> {
  return async () => {
    const results = await Promise.all(
      Object.entries(databases).map(async ([name, db]) => {
        try {
          await withTimeout(db.command({ ping: 1 }, { timeoutMS: READY_PING_TIMEOUT_MS }), READY_PING_TIMEOUT_MS + 200, 'MongoDB');
          return [`mongodb:${name}`, { ready: true }] as const;
        } catch (error) {
          const engine = db.client.options.hosts.map(String).join(',');
          return [`mongodb:${name}`, { ready: false, reason: `the database engine at ${engine} does not answer: ${reasonOf(error)}` }] as const;
        }
      }),
    );
    return { ready: results.every(([, r]) => r.ready), checks: Object.fromEntries(results) };
  };
}

export interface ServeOptions<Context extends object> {
  name: string;
  host: string;
  port: number;
  context: ContextFunction<[ExpressContextFunctionArgument], Context>;
  ready: () => Promise<Readiness>;
  log: LogOptions;
  /** The body size limit (maxBodyBytes) is the gateway's. */
  limits: DocumentLimits;
  /** Routes beside GraphQL, mounted before it with the same JSON body rules. */
  routes: Array<{ path: string; router: Router }>;
}

/** Starts `server` (not yet started) and listens; `stop()` drains in-flight requests first. */
export async function serveSubgraph<Context extends object>(
  server: ApolloServer<Context>,
  options: ServeOptions<Context>,
): Promise<{ url: string; stop(): Promise<void> }> {
  const app = express();
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS;
  httpServer.headersTimeout = SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS + 1_000;
  const logger = createLogger(`${options.name}-subgraph`, options.log);
  const metrics = createMetrics('subgraph');
  server.addPlugin(drainPlugin(httpServer));
  server.addPlugin(recordingPlugin());
  server.addPlugin(internalErrorLogPlugin(logger));
  await server.start();

  app.use(requestObservability({ logger, metrics, graphqlPath: (path) => path === '/' }));
  app.use(operationsRouter({ check: options.ready, metrics }));
  for (const { path, router } of options.routes) app.use(path, jsonBody(options.limits), router);
  app.use(
    '/',
    requireJsonBody,
    jsonBody(options.limits),
    refuseBeforeParsing(options.limits),
    expressMiddleware(server, { context: async (args) => withRequestRecord(await options.context(args), args.req) }),
  );
  app.use(bodyErrors(options.limits));

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port, options.host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}/`,
    stop: async () => {
      await server.stop();
      logger.flush();
    },
  };
}
