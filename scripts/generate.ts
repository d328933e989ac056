/**
 * `npm run generate -- --count N [--seed S]`: writes N sample records (1 to 1,000,000), spread over
 * every record type, through the one write path, with a progress bar. Uses MONGODB_URI, or starts
 * the engine on the same data folder as `npm start`. The same seed writes the same records again
 * (idempotent); another seed adds another set.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeMongoClients } from '../storage/mongo';
import { startEngine } from './lib/engine';
import { localPublisher, openDatabases, prepareDatabases } from './lib/databases';
import { progressReporter } from './lib/progress';
import { loadReferenceData, loadSample } from './sample/load';
import { runCommand, UsageError } from './lib/cli';

const MAX_COUNT = 1_000_000;

function parseOptions(argv: string[]): { count: number; seed: number } {
  const { values } = parseArgs({ args: argv, options: { count: { type: 'string' }, seed: { type: 'string', default: '1' } } });
  const count = Number(values.count);
  const seed = Number(values.seed);
  const problems: string[] = [];
  if (!values.count || !Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    problems.push(`--count must be a whole number from 1 to ${MAX_COUNT.toLocaleString('en')}; got ${values.count ?? 'nothing'}`);
  }
  if (!Number.isInteger(seed) || seed < 1 || seed > 89) problems.push(`--seed must be a whole number from 1 to 89; got ${values.seed}`);
  if (problems.length) throw new UsageError(`${problems.join('\n')}\nusage: npm run generate -- --count N [--seed S]`);
  return { count, seed };
}

async function main(): Promise<void> {
  const { count, seed } = parseOptions(process.argv.slice(2));
  const engine = await startEngine({ dataDir: process.env.ENGINE_DATA_DIR ?? path.resolve(__dirname, '../.data/engine') });
  try {
    const databases = await openDatabases({ ...process.env, MONGODB_URI: engine.uri });
    await loadReferenceData(databases.catalogue);
    await prepareDatabases(databases);
    const progress = progressReporter('generating', count);
    const started = Date.now();
    // Serials from 10,000,000 × seed upward never meet the sample's seven-digit ones or another seed's.
    const result = await loadSample(localPublisher(databases), {
      seed,
      total: count,
      serialBase: 10_000_000 * seed,
      onProgress: progress.update,
    });
    progress.stop();
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `wrote ${result.written} records in ${seconds.toFixed(1)} s (${Math.round(result.written / seconds)} records/s)\n`,
    );
    if (result.rejected.length) {
      process.stderr.write(`${result.rejected.length} rejected, e.g. ${result.rejected[0].indexNumber}: ${result.rejected[0].reason}\n`);
      process.exitCode = 1;
    }
  } finally {
    await closeMongoClients();
    await engine.stop();
  }
}

runCommand(main);
