import type { Db } from 'mongodb';
import { loadGatewayConfig } from '../../gateway/config';
import { startGateway } from '../../gateway/server';
import { allSubgraphs } from '../../subgraphs/registry';
import { loadSubgraphConfigs, type SubgraphName } from '../../subgraphs/shared/config';
import { DisclosureWriter } from '../../subgraphs/shared/ingest';
import { closeMongoClients } from '../../subgraphs/shared/mongo';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/shared/server';
import { openDatabases } from './databases';

export interface Stack {
  gatewayUrl: string;
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** Each subgraph's own database (the catalogue's holds the index, agencies and regions). */
  databases: Record<SubgraphName, Db>;
  writer: DisclosureWriter;
  stop(): Promise<void>;
}

/**
 * Starts every subgraph and the gateway in this process, each on its own HTTP port, the gateway
 * talking to the subgraphs over HTTP as in production. `env` carries the settings (see README);
 * `*_PORT=0` picks free ports.
 */
export async function startStack(env: NodeJS.ProcessEnv): Promise<Stack> {
  const configs = loadSubgraphConfigs(env);
  const running: RunningSubgraph[] = [];
  const stopAll = async () => {
    await Promise.allSettled(running.map((s) => s.stop()));
    await closeMongoClients();
  };
  try {
    running.push(...(await Promise.all(allSubgraphs().map((s) => startSubgraph(s, configs[s.name])))));
    const subgraphUrls = Object.fromEntries(running.map((s) => [s.name, s.url]));
    const gatewayEnv: NodeJS.ProcessEnv = { ...env };
    for (const [name, url] of Object.entries(subgraphUrls)) gatewayEnv[`${name.toUpperCase()}_URL`] = url;
    const gateway = await startGateway(loadGatewayConfig(gatewayEnv));
    const databases = await openDatabases(env);
    return {
      gatewayUrl: gateway.url,
      subgraphUrls,
      databases,
      writer: new DisclosureWriter(databases),
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
