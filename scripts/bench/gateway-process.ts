/**
 * One gateway in a process of its own, as deployed: BENCH_GATEWAY=ours runs this project's gateway
 * (gateway/server.ts, configured from the environment like `tsx gateway/index.ts`), BENCH_GATEWAY=stock
 * runs a stock `@apollo/gateway` with default settings served by a plain `@apollo/server`
 * startStandaloneServer: `new ApolloGateway({ supergraphSdl })`, the same supergraph with its
 * subgraph URLs pointed at the same running subgraphs (<NAME>_URL). Both listen on 127.0.0.1 on a
 * free port and report their GraphQL URL over IPC. Exits on SIGTERM or when the bench goes away.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { loadGatewayConfig } from '../../gateway/config';
import { startGateway } from '../../gateway/server';

export interface GatewayReady {
  url: string;
}

/** The supergraph with each `@join__graph(name:, url:)` pointed at the URL the environment gives. */
export function withSubgraphUrls(supergraphSdl: string, env: NodeJS.ProcessEnv): string {
  return supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) => {
    const url = env[`${name.toUpperCase()}_URL`];
    return url ? `@join__graph(name: "${name}", url: "${url}")` : whole;
  });
}

async function main(): Promise<void> {
  const kind = process.env.BENCH_GATEWAY;
  const config = loadGatewayConfig({ ...process.env, HOST: '127.0.0.1', GATEWAY_PORT: '0' });
  let url: string;
  let stop: () => Promise<void>;
  if (kind === 'ours') {
    const gateway = await startGateway(config);
    url = `${gateway.url}graphql`;
    stop = () => gateway.stop();
  } else if (kind === 'stock') {
    const gateway = new ApolloGateway({ supergraphSdl: withSubgraphUrls(readFileSync(config.supergraphPath, 'utf8'), process.env) });
    const server = new ApolloServer({ gateway });
    ({ url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } }));
    stop = () => server.stop();
  } else {
    throw new Error(`BENCH_GATEWAY must be ours or stock; got ${kind}`);
  }
  const exit = () => void stop().finally(() => process.exit(0));
  process.once('SIGTERM', exit);
  process.once('SIGINT', exit);
  process.once('disconnect', exit);
  process.send?.({ url } satisfies GatewayReady);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
