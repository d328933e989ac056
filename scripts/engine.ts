/**
 * `npm run engine`: resolves and starts the database the way `npm start` and the tests do, prints its
 * connection string, and keeps it running until Ctrl-C (or SIGTERM), which stops it.
 */
import { EngineUnavailableError, startEngine } from './lib/engine';

async function main(): Promise<void> {
  const engine = await startEngine({ dataDir: process.env.ENGINE_DATA_DIR });
  process.stdout.write(`${engine.uri}\n`);
  if (engine.kind === 'external') return;
  process.stderr.write('[engine] running; press Ctrl-C to stop\n');
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof EngineUnavailableError ? error.message : String(error)}\n`);
  process.exit(1);
});
