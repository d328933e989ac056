import type { Db } from 'mongodb';
import type { Publisher } from '../../publishing/publisher';
import { loadGatewayConfig } from '../../gateway/config';
import { startGateway } from '../../gateway/server';
import { allSubgraphs } from '../../subgraphs/registry';
import { loadSubgraphConfigs } from '../../subgraphs/kit/config';
import { type SubgraphName } from '../../platform/config';
import { localPublisher } from './databases';
import { closeMongoClients } from '../../storage/mongo';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server';
import { openDatabases } from './databases';

export interface Stack {
  gatewayUrl: string;
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** Each subgraph's own database (the catalogue's holds the index, agencies and regions). */
  databases: Record<SubgraphName, Db>;
  writer: Publisher;
  /** Stops one subgraph (as if it went down); the gateway keeps running. */
  stopSubgraph(name: SubgraphName): Promise<void>;
  /** Starts a stopped subgraph again on the port it had. */
  restartSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Where the gateway and the subgraphs write their JSON log lines (stdout by default). */
  logStream?: NodeJS.WritableStream;
}

/**
 * Starts every subgraph and the gateway in this process, each on its own HTTP port, the gateway
 * talking to the subgraphs over HTTP as in production. `env` carries the settings (see README);
 * `*_PORT=0` picks free ports. Caching follows CACHE_MAX_AGE_SECONDS as in production (60 s unless
 * set; `npm start` uses this): the test stack, the engine-restart test and the benchmark pass 0.
 */
export async function startStack(env: NodeJS.ProcessEnv, options: StackOptions = {}): Promise<Stack> {
  const configs = loadSubgraphConfigs(env);
  const running: RunningSubgraph[] = [];
  const stopAll = async () => {
    await Promise.allSettled(running.map((s) => s.stop()));
    await closeMongoClients();
  };
  const definitionOf = (name: SubgraphName) => {
    const definition = allSubgraphs().find((s) => s.name === name);
    if (!definition) throw new Error(`no subgraph named ${name}`);
    return definition;
  };
  const start = (name: SubgraphName, port = configs[name].port) =>
    startSubgraph(definitionOf(name), { ...configs[name], port }, { logStream: options.logStream });
  try {
    running.push(...(await Promise.all(allSubgraphs().map((s) => start(s.name)))));
    const subgraphUrls = Object.fromEntries(running.map((s) => [s.name, s.url]));
    const gatewayEnv: NodeJS.ProcessEnv = { ...env };
    for (const [name, url] of Object.entries(subgraphUrls)) gatewayEnv[`${name.toUpperCase()}_URL`] = url;
    const gateway = await startGateway(loadGatewayConfig(gatewayEnv), { logStream: options.logStream });
    const databases = await openDatabases(env);
    return {
      gatewayUrl: gateway.url,
      subgraphUrls,
      databases,
      writer: localPublisher(databases),
      stopSubgraph: async (name) => {
        const index = running.findIndex((s) => s.name === name);
        if (index < 0) throw new Error(`the ${name} subgraph is not running`);
        const [subgraph] = running.splice(index, 1);
        await subgraph.stop();
      },
      restartSubgraph: async (name) => {
        if (running.some((s) => s.name === name)) throw new Error(`the ${name} subgraph is running`);
        running.push(await start(name, Number(new URL(subgraphUrls[name] as string).port)));
      },
      stop: async () => {
        await gateway.stop();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
