/**
 * `npm run import -- <file> [--format json|ndjson|csv] [--publish] [--report FILE]`: validates every
 * row of a file of disclosures and stores the good ones through the one write path, streamed, with a
 * progress bar. Rejected rows go to a CSV report (line, index number, field, rule, message; never a
 * value from the row). Exit code 0 when every row was stored or already stored, 1 when any row was
 * rejected, 2 for a usage error. See README, "Importing a file".
 */
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify';
import { closeMongoClients } from '../storage/mongo';
import { startEngine } from './lib/engine';
import { localPublisher, openDatabases, prepareDatabases } from './lib/databases';
import { progressReporter } from './lib/progress';
import { loadReferenceData } from './sample/load';
import { importRows, readRows, type RejectedRow } from './import/importer';
import { IMPORT_FORMATS, type ImportFormat } from './import/rows';
import { runCommand, UsageError } from './lib/cli';

const USAGE = `usage: npm run import -- <file> [--format json|ndjson|csv] [--publish] [--report FILE]
  <file>     a JSON array, NDJSON (one submission a line) or CSV (a header line naming the columns)
  --format   when the file's extension (.json, .ndjson/.jsonl, .csv) does not say it
  --publish  store new and changed records as PUBLISHED (records already public elsewhere);
             without it they are stored as DRAFT, for review
  --report   where to write the rejected rows (default reports/import-<file>-<time>.csv)`;

const EXTENSIONS: Record<string, ImportFormat> = { '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.csv': 'csv' };

interface Options {
  file: string;
  format: ImportFormat;
  publish: boolean;
  report: string;
}

function parseOptions(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string' }, publish: { type: 'boolean', default: false }, report: { type: 'string' } },
  });
  const problems: string[] = [];
  const [file, ...extra] = positionals;
  if (!file) problems.push('name the file to import');
  if (extra.length) problems.push(`one file at a time; got ${positionals.length}`);
  if (file && !existsSync(file)) problems.push(`no file at ${file}`);
  else if (file && !statSync(file).isFile()) problems.push(`${file} is not a file`);
  const format = (values.format ?? (file ? EXTENSIONS[path.extname(file).toLowerCase()] : undefined)) as ImportFormat | undefined;
  if (values.format && !IMPORT_FORMATS.includes(values.format as ImportFormat)) {
    problems.push(`--format must be one of ${IMPORT_FORMATS.join(', ')}; got ${values.format}`);
  } else if (file && !format) {
    problems.push(`cannot tell the format of ${path.basename(file)} from its extension: give --format ${IMPORT_FORMATS.join('|')}`);
  }
  if (problems.length || !file || !format) throw new UsageError(`${problems.join('\n')}\n${USAGE}`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return {
    file,
    format,
    publish: values.publish ?? false,
    report: values.report ?? path.join('reports', `import-${path.basename(file)}-${stamp}.csv`),
  };
}

/** The rejected-rows report, written as rows come; created only when a row is rejected. */
function rejectionReport(file: string) {
  let csv: ReturnType<typeof stringify> | null = null;
  let finished: Promise<void> = Promise.resolve();
  return {
    async add(row: RejectedRow) {
      if (!csv) {
        await mkdir(path.dirname(path.resolve(file)), { recursive: true });
        csv = stringify({ header: true, columns: ['line', 'position', 'indexNumber', 'field', 'rule', 'message'] });
        const out = createWriteStream(file);
        csv.pipe(out);
        finished = new Promise((resolve, reject) => out.on('finish', resolve).on('error', reject));
      }
      for (const error of row.errors) {
        if (!csv.write([row.line, row.position ?? '', row.indexNumber ?? '', error.field, error.rule, error.message])) {
          await new Promise((resolve) => csv?.once('drain', resolve));
        }
      }
    },
    async close(): Promise<boolean> {
      if (!csv) return false;
      csv.end();
      await finished;
      return true;
    },
  };
}

async function* counted(source: AsyncIterable<Buffer>, onBytes: (bytes: number) => void): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of source) {
    bytes += chunk.length;
    onBytes(bytes);
    yield chunk;
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const engine = await startEngine({ dataDir: process.env.ENGINE_DATA_DIR ?? path.resolve(__dirname, '../.data/engine') });
  try {
    const databases = await openDatabases({ ...process.env, MONGODB_URI: engine.uri });
    await loadReferenceData(databases.catalogue);
    await prepareDatabases(databases);
    const size = statSync(options.file).size;
    const progress = progressReporter(`importing ${path.basename(options.file)} (bytes)`, Math.max(size, 1));
    const report = rejectionReport(options.report);
    const shown: RejectedRow[] = [];
    const started = Date.now();
    const bytes = counted(createReadStream(options.file), progress.update);
    const summary = await importRows(readRows(options.format, bytes), localPublisher(databases), {
      status: options.publish ? 'PUBLISHED' : 'DRAFT',
      baseDir: path.dirname(path.resolve(options.file)),
      onRejected: async (row) => {
        if (shown.length < 10) shown.push(row);
        await report.add(row);
      },
    });
    progress.update(Math.max(size, 1));
    progress.stop();
    const seconds = (Date.now() - started) / 1000;
    const rate = Math.round(summary.rows / Math.max(seconds, 0.001));
    process.stdout.write(
      `read ${summary.rows} rows in ${seconds.toFixed(1)} s (${rate} rows/s): ${summary.stored} stored as ` +
        `${options.publish ? 'PUBLISHED' : 'DRAFT'}, ${summary.unchanged} unchanged, ${summary.rejected} rejected\n`,
    );
    for (const row of shown) {
      for (const error of row.errors) {
        process.stderr.write(`line ${row.line}${row.indexNumber ? ` (${row.indexNumber})` : ''}: ${error.field} [${error.rule}] ${error.message}\n`);
      }
    }
    if (summary.fileError) process.stderr.write(`the file could not be read past line ${summary.fileError.line}; rows after it were not read\n`);
    if (await report.close()) process.stderr.write(`every rejected row is listed in ${options.report}\n`);
    if (summary.rejected) process.exitCode = 1;
  } finally {
    await closeMongoClients();
    await engine.stop();
  }
}

runCommand(main);
