import type { Db } from 'mongodb';
import { allSubgraphs } from '../../subgraphs/registry';
import { loadSubgraphConfigs, OWNER_NAMES } from '../../subgraphs/kit/config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/config';
import { localOwner, Publisher } from '../../publishing/publisher';
import { database } from '../../storage/mongo';

/** Every subgraph's database, as configured by `env` (see README, Settings). */
export async function openDatabases(env: NodeJS.ProcessEnv): Promise<Record<SubgraphName, Db>> {
  const configs = loadSubgraphConfigs(env);
  const entries = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => [name, await database(configs[name].mongodbUri, configs[name].database)] as const),
  );
  return Object.fromEntries(entries) as Record<SubgraphName, Db>;
}

/** Creates every subgraph's indexes, as each subgraph does when it starts. */
export async function prepareDatabases(databases: Record<SubgraphName, Db>): Promise<void> {
  await Promise.all(allSubgraphs().map((s) => s.prepare(databases[s.name])));
}

/**
 * Publishing for administrators' tools (import, sample, generate, reindex) and tests: the same code
 * each service runs, every owner's on its own database, in this process.
 */
export function localPublisher(databases: Record<SubgraphName, Db>): Publisher {
  const owners = OWNER_NAMES.map((name) => localOwner(name, databases[name]));
  return new Publisher(databases.catalogue, owners);
}
