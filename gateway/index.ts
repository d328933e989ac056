import { ConfigError } from '../platform/config';
import { closeMongoClients } from '../storage/mongo';
import { loadGatewayConfig } from './config';
import { startGateway } from './server';

/** Starts the gateway alone (`tsx gateway/index.ts`); the subgraphs must already be running. */
async function main(): Promise<void> {
  const gateway = await startGateway(loadGatewayConfig());
  process.stdout.write(`gateway ready: explorer at ${gateway.url}, GraphQL at ${gateway.url}graphql\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () =>
      void gateway
        .stop()
        .then(closeMongoClients)
        .finally(() => process.exit(0)),
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
