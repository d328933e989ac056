/**
 * `npm run engine`: resolves and starts the database the way `npm start` and the tests do, prints its
 * connection string, and keeps it running until Ctrl-C (or SIGTERM), which stops it; an engine that
 * dies is started again on the same port and data (scripts/lib/engine-supervisor.ts).
 */
import { EngineUnavailableError } from './lib/engine';
import { superviseEngine } from './lib/engine-supervisor';

async function main(): Promise<void> {
  const engine = await superviseEngine({ dataDir: process.env.ENGINE_DATA_DIR, onGiveUp: () => process.exit(1) });
  process.stdout.write(`${engine.uri}\n`);
  if (engine.kind === 'external') return;
  process.stderr.write('[engine] running; press Ctrl-C to stop\n');
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof EngineUnavailableError ? error.message : String(error)}\n`);
  process.exit(1);
});
