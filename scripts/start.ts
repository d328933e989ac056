/**
 * `npm start`: the database engine, every subgraph and the gateway with one command. On an empty
 * database it loads the sample (the seed documents' agencies and regions and 60 records of every
 * type). Ctrl-C stops everything.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateDataKey } from '../platform/sealed-data';
import { ConfigError, SUBGRAPH_NAMES } from '../platform/config';
import { CATALOGUE_ENTRIES } from '../model/record-types';
import { EngineUnavailableError } from './lib/engine';
import { superviseEngine } from './lib/engine-supervisor';
import { progressReporter } from './lib/progress';
import { startStack } from './lib/stack';
import { loadReferenceData, loadSample, sampleTypeCount } from './sample/load';

const SAMPLE_SEED = 2024;
const SAMPLE_PER_TYPE = 60;

/**
 * REQUESTS_DATA_KEY of the local deployment when none is set: made once and kept beside the engine's
 * data (readable by the owner only), so the applicants sealed in one run open in the next.
 */
function keptDataKey(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = generateDataKey();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = process.env.ENGINE_DATA_DIR ?? path.resolve(__dirname, '../.data/engine');
  // Restarted on the same port and data when it dies (scripts/lib/engine-supervisor.ts); if it cannot be, everything stops.
  const engine = await superviseEngine({
    dataDir,
    onGiveUp: () => void stop().finally(() => process.exit(1)),
  });
  const requestsDataKey = process.env.REQUESTS_DATA_KEY || keptDataKey(path.join(path.dirname(dataDir), 'requests-data-key'));
  const stack = await startStack({ ...process.env, MONGODB_URI: engine.uri, REQUESTS_DATA_KEY: requestsDataKey });
  const stop = async () => {
    await stack.stop();
    await engine.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write('\nstopping…\n');
      void stop().finally(() => process.exit(0));
    });
  }

  await loadReferenceData(stack.databases.catalogue);
  if ((await stack.databases.catalogue.collection(CATALOGUE_ENTRIES).estimatedDocumentCount()) === 0) {
    const total = SAMPLE_PER_TYPE * sampleTypeCount();
    const progress = progressReporter('loading sample', total);
    const result = await loadSample(stack.writer, { seed: SAMPLE_SEED, total, onProgress: progress.update });
    progress.stop();
    process.stderr.write(`loaded ${result.written} sample records\n`);
  }

  const lines = [
    '',
    `  Explorer:  ${stack.gatewayUrl}`,
    `  GraphQL:   ${stack.gatewayUrl}graphql`,
    ...SUBGRAPH_NAMES.map((name) => `  ${name.padEnd(10)} ${stack.subgraphUrls[name]}`),
    `  Database:  ${engine.description}`,
    `  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Press Ctrl-C to stop.`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  const known = error instanceof EngineUnavailableError || error instanceof ConfigError;
  process.stderr.write(`${known ? (error as Error).message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
