/**
 * `npm run reindex`: rebuilds the catalogue index from what every owning subgraph has committed, for
 * repair (publishing/catalogue-projector.ts), with a progress bar. Uses MONGODB_URI, or starts the
 * engine on the same data folder as `npm start`. Exit code 1 when a record's entry could not be derived.
 */
import path from 'node:path';
import { closeMongoClients } from '../storage/mongo';
import { startEngine } from './lib/engine';
import { localPublisher, openDatabases, prepareDatabases } from './lib/databases';
import { progressReporter } from './lib/progress';
import { runCommand, UsageError } from './lib/cli';

async function main(): Promise<void> {
  if (process.argv.length > 2) throw new UsageError(`npm run reindex takes no arguments; got ${process.argv.slice(2).join(' ')}`);
  const engine = await startEngine({ dataDir: process.env.ENGINE_DATA_DIR ?? path.resolve(__dirname, '../.data/engine') });
  try {
    const databases = await openDatabases({ ...process.env, MONGODB_URI: engine.uri });
    await prepareDatabases(databases);
    const publisher = localPublisher(databases);
    const total = await publisher.recordCount();
    const progress = progressReporter('reindexing', Math.max(total, 1));
    const started = Date.now();
    const summary = await publisher.rebuild({ onProgress: (done) => progress.update(done) });
    progress.update(summary.scanned);
    progress.stop();
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `read ${summary.scanned} records in ${seconds.toFixed(1)} s: ${summary.restored} entries restored, ` +
        `${summary.refreshed} refreshed, ${summary.removed} removed, ${summary.problems.length} records without an entry\n`,
    );
    for (const problem of summary.problems.slice(0, 20)) process.stderr.write(`${problem.indexNumber}: ${problem.reason}\n`);
    if (summary.problems.length) process.exitCode = 1;
  } finally {
    await closeMongoClients();
    await engine.stop();
  }
}

runCommand(main);
