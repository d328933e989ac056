import type { Db } from 'mongodb';
import type { Publisher } from '../../publishing/publisher';
import type { ApiKeyManager } from '../../gateway/auth/api-key-manager';
import { openApiKeys } from '../../gateway/auth/open';
import { loadGatewayConfig } from '../../gateway/config';
import { startGateway } from '../../gateway/server';
import { generateIdentitySecret } from '../../platform/identity';
import { generateDataKey } from '../../platform/sealed-data';
import { allSubgraphs } from '../../subgraphs/registry';
import { loadSubgraphConfigs, OWNER_NAMES, type OwnerName } from '../../subgraphs/kit/config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/config';
import { localPublisher } from './databases';
import { closeMongoClients } from '../../storage/mongo';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server';
import { openDatabases } from './databases';

export interface Stack {
  gatewayUrl: string;
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** Each subgraph's own database (the catalogue's holds the index, agencies and regions). */
  databases: Record<SubgraphName, Db>;
  /** The gateway's own database: the API keys. */
  gatewayDatabase: Db;
  /** The gateway's API keys (create, revoke, list), checking agencies with the catalogue subgraph. */
  keys: ApiKeyManager;
  /** IDENTITY_SECRET of this run, shared by the gateway and every subgraph. */
  identitySecret: string;
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
 * Without IDENTITY_SECRET a random one is made for the run and given to the gateway and every subgraph;
 * without REQUESTS_DATA_KEY a random one is made for the run too (what the requests subgraph sealed
 * under it then opens only in this run: `npm start` keeps one in its data folder).
 */
export async function startStack(given: NodeJS.ProcessEnv, options: StackOptions = {}): Promise<Stack> {
  const identitySecret = given.IDENTITY_SECRET || generateIdentitySecret();
  const env: NodeJS.ProcessEnv = { ...given, IDENTITY_SECRET: identitySecret, REQUESTS_DATA_KEY: given.REQUESTS_DATA_KEY || generateDataKey() };
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
  const ownerUrls = { ...configs.catalogue.ownerUrls };
  const start = (name: SubgraphName, port = configs[name].port) =>
    startSubgraph(definitionOf(name), { ...configs[name], port, ownerUrls }, { logStream: options.logStream });
  try {
    // The others first: the catalogue reaches the owners at the ports they got.
    running.push(...(await Promise.all(SUBGRAPH_NAMES.filter((name) => name !== 'catalogue').map((name) => start(name)))));
    const owners = new Set<SubgraphName>(OWNER_NAMES);
    for (const started of running) if (owners.has(started.name)) ownerUrls[started.name as OwnerName] = started.url;
    running.push(await start('catalogue'));
    const subgraphUrls = Object.fromEntries(running.map((s) => [s.name, s.url]));
    const gatewayEnv: NodeJS.ProcessEnv = { ...env };
    for (const [name, url] of Object.entries(subgraphUrls)) gatewayEnv[`${name.toUpperCase()}_URL`] = url;
    const gatewayConfig = loadGatewayConfig(gatewayEnv);
    const gateway = await startGateway(gatewayConfig, { logStream: options.logStream });
    const databases = await openDatabases(env);
    const keys = await openApiKeys(gatewayConfig.keyStore, gatewayConfig.subgraphUrls.catalogue, gatewayConfig.limits.subgraphTimeoutMs);
    return {
      gatewayUrl: gateway.url,
      subgraphUrls,
      databases,
      gatewayDatabase: keys.store.keys.db,
      keys: keys.manager,
      identitySecret,
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
