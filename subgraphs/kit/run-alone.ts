import { ConfigError } from '../../platform/config';
import { loadSubgraphConfigs } from './config';
import { closeMongoClients } from '../../storage/mongo';
import { startSubgraph, type SubgraphDefinition } from './server';

/**
 * Starts one subgraph by itself (`tsx subgraphs/<name>/index.ts`) from the environment, and stops it
 * cleanly on Ctrl-C or SIGTERM.
 */
export function runAlone<Context extends object>(definition: SubgraphDefinition<Context>): void {
  const start = async () => {
    const config = loadSubgraphConfigs()[definition.name];
    const running = await startSubgraph(definition, config);
    process.stdout.write(`${definition.name} subgraph ready at ${running.url} (database ${config.database})\n`);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void running
          .stop()
          .then(closeMongoClients)
          .finally(() => process.exit(0));
      });
    }
  };
  start().catch((error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
