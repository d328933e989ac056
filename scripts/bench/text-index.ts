/**
 * `npm run bench:text -- [--records 900,5000] [--queries 30]`: what searching bodies costs, for the
 * choice in README, Search. Two layouts of the catalogue entries are compared on the same sample
 * records (with their bodies), on a fresh engine on 127.0.0.1:
 *
 *   A. bigrams over every searched field, the body included, and the bodies in the entries:
 *      `{ grams: { $all }, searchText: { $regex } }`;
 *   B. bigrams over the title, terms, document number, agency and summary only, and the folded
 *      body in a field of its own matched by `$regex` alone (what an owner's collection holds):
 *      `{ $or: [{ grams: { $all }, searchText: { $regex } }, { bodySearch: { $regex } }] }`;
 *   C. as B, but the bodies in a collection of their own (the folded body beside the original
 *      ones), so the entries stay small (what the catalogue does): a search reads the bodies'
 *      `$regex` matches' ids first, then `{ $or: [{ grams: { $all }, searchText: { $regex } }, { _id: { $in: ids } }] }`.
 *
 * It prints the index fields' BSON size per entry at several body lengths (the sample's sentences,
 * and random common characters, the most distinct bigrams a text of that length can have), and at
 * each record count the time to insert the entries with their indexes and the p50/p95 of a
 * search with its total (the catalogue's first page and count), every run bounded in count and time.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { BSON, MongoClient, type Collection, type Document } from 'mongodb';
import type { StoredEnvelope } from '../../model/envelope';
import { AGENCIES } from '../../model/reference-data';
import { storedEnvelope } from '../../publishing/stored-record';
import { escapeRegex, normalizeText, searchedFields, searchIndexFields, textFilter } from '../../storage/text-search';
import { startEngine } from '../lib/engine';
import { runCommand, UsageError } from '../lib/cli';
import { sampleBatches } from '../sample/load';
import { Random } from '../sample/random';
import { sampleBodyText } from '../sample/body';
import { formatTable, type Figure } from './report';
import { summarize, round } from './stats';

const BODY_LENGTHS = [0, 300, 1_500, 8_000, 50_000, 200_000];
const SEARCH_TIME_LIMIT_MS = 60_000;
const log = (line: string) => process.stderr.write(`[bench:text] ${line}\n`);

type Layout = 'A' | 'B' | 'C';

function parseOptions(argv: string[]): { records: number[]; queries: number } {
  const { values } = parseArgs({ args: argv, options: { records: { type: 'string', default: '900,5000' }, queries: { type: 'string', default: '30' } } });
  const records = values.records.split(',').map(Number);
  const queries = Number(values.queries);
  if (records.some((n) => !Number.isInteger(n) || n < 1 || n > 20_000) || !Number.isInteger(queries) || queries < 1 || queries > 200) {
    throw new UsageError('usage: npm run bench:text -- [--records N,N… (each 1 to 20,000)] [--queries 1 to 200]');
  }
  return { records, queries };
}

/** Layout A: the body in the bigrams, and no folded body of its own. */
function layoutA(entry: StoredEnvelope): Document {
  const { bodySearch: _folded, ...rest } = entry;
  return { ...rest, ...searchIndexFields(searchedFields(entry).map((field) => field.value)) };
}

/** Layout C: the entry without its body, and the body with its folded form in a collection of their own. */
function layoutC(entry: StoredEnvelope): { entry: Document; body: Document } {
  const { bodyText, bodyHtml, bodySearch, ...lean } = entry;
  return { entry: lean, body: { _id: entry._id, bodyText, bodyHtml, bodySearch } };
}

function indexFieldBytes(entry: Document, layout: Layout): number {
  return BSON.calculateObjectSize(layout === 'A' ? { grams: entry.grams, searchText: entry.searchText } : { grams: entry.grams, searchText: entry.searchText, bodySearch: entry.bodySearch });
}

async function filterOf(text: string, layout: Layout, bodies: Collection<Document>): Promise<Document> {
  const byGrams = textFilter(text)!;
  const inBody = { bodySearch: { $regex: escapeRegex(normalizeText(text)) } };
  if (layout === 'A') return byGrams;
  if (layout === 'B') return { $or: [byGrams, inBody] };
  const ids = (await bodies.find(inBody, { projection: { _id: 1 } }).toArray()).map((body) => body._id);
  return { $or: [byGrams, { _id: { $in: ids } }] };
}

/** Body lengths of the measured entries, each as likely (2,450 characters on average): a paragraph to a long report, a quarter without. */
const MEASURED_BODY_LENGTHS = [0, 300, 1_500, 8_000];

/** `count` sample records as catalogue entries, with bodies of MEASURED_BODY_LENGTHS (longer than the sample's own). */
function entriesOf(count: number): StoredEnvelope[] {
  const agencies = new Map(AGENCIES.map((a) => [a._id, a]));
  const rng = new Random(count);
  const entries: StoredEnvelope[] = [];
  for (const batch of sampleBatches(5, count, { serialBase: 50_000_000 })) {
    for (const { type, envelope } of batch) {
      const agencyName = agencies.get(envelope.agencyCode)!.name;
      const length = rng.pick(MEASURED_BODY_LENGTHS);
      const bodyText = length ? sampleBodyText(rng, length, { ...envelope, agencyName }) : null;
      entries.push(storedEnvelope(type, { ...envelope, bodyText }, agencyName, [envelope.regionCode], 'PUBLISHED'));
    }
  }
  return entries;
}

/** Size figures: index bytes per entry at each body length, both layouts, both kinds of text. */
function sizeFigures(): Figure[] {
  const rng = new Random(3);
  const base = entriesOf(1)[0];
  const randomText = (length: number) => Array.from({ length }, () => String.fromCharCode(0x4e00 + rng.int(0, 3_499))).join('');
  const figures: Figure[] = [];
  for (const kind of ['sample sentences', 'random characters'] as const) {
    for (const length of BODY_LENGTHS) {
      const bodyText = length === 0 ? null : kind === 'sample sentences' ? sampleBodyText(rng, length, base) : randomText(length);
      const entry: StoredEnvelope = { ...base, bodyText, bodySearch: bodyText && normalizeText(bodyText) };
      for (const layout of ['A', 'B'] as const) {
        const indexed = layout === 'A' ? layoutA(entry) : entry;
        const bytes = indexFieldBytes(indexed, layout);
        figures.push({
          id: `size.${layout}.${kind}.${length}`,
          label: `${layout === 'A' ? 'A' : 'B, C'}: index fields, ${length.toLocaleString('en')}-char body (${kind})`,
          value: round(bytes / 1024, 1),
          unit: 'KiB',
          goal: '—',
          status: 'INFO',
          limit: `${(indexed.grams as string[]).length.toLocaleString('en')} grams`,
        });
      }
    }
  }
  return figures;
}

/** Query texts: words of titles, and phrases from the middle of bodies. */
function queriesOf(entries: StoredEnvelope[], count: number): string[] {
  const rng = new Random(9);
  const queries = new Set<string>();
  for (let tries = 0; queries.size < count && tries < count * 20; tries++) {
    const entry = rng.pick(entries);
    const source = queries.size % 2 === 0 || !entry.bodyText ? entry.title : entry.bodyText;
    const chars = [...source];
    const length = rng.int(2, 8);
    const start = rng.int(0, Math.max(0, chars.length - length));
    queries.add(chars.slice(start, start + length).join(''));
  }
  return [...queries];
}

async function searchFigures(collection: Collection<Document>, bodies: Collection<Document>, entries: StoredEnvelope[], layout: Layout, queryCount: number): Promise<Figure[]> {
  const split = layout === 'C' ? entries.map(layoutC) : [];
  const documents = layout === 'A' ? entries.map(layoutA) : layout === 'B' ? entries : split.map((s) => s.entry);
  const started = Date.now();
  await collection.createIndexes([{ key: { publishedAt: -1, _id: -1 }, name: 'published' }, { key: { grams: 1 }, name: 'grams' }]);
  for (let i = 0; i < documents.length; i += 500) await collection.insertMany(documents.slice(i, i + 500) as Document[]);
  for (let i = 0; i < split.length; i += 500) await bodies.insertMany(split.slice(i, i + 500).map((s) => s.body));
  const insertMs = Date.now() - started;
  const samples: number[] = [];
  const deadline = Date.now() + SEARCH_TIME_LIMIT_MS;
  for (const text of queriesOf(entries, queryCount)) {
    if (Date.now() > deadline) break;
    const at = performance.now();
    const filter = await filterOf(text, layout, bodies);
    await Promise.all([collection.find(filter).sort({ publishedAt: -1, _id: -1 }).limit(21).toArray(), collection.countDocuments(filter)]);
    samples.push(performance.now() - at);
  }
  const latency = summarize(samples);
  const n = entries.length.toLocaleString('en');
  return [
    { id: `ingest.${layout}.${entries.length}`, label: `${layout}: insert ${n} entries with indexes`, value: insertMs, unit: 'ms', goal: '—', status: 'INFO', limit: 'the grams index grows with distinct bigrams' },
    { id: `search.${layout}.${entries.length}.p50`, label: `${layout}: search + total p50 at ${n}`, value: round(latency.p50), unit: 'ms', goal: '—', status: 'INFO', limit: `${latency.count} queries` },
    { id: `search.${layout}.${entries.length}.p95`, label: `${layout}: search + total p95 at ${n}`, value: round(latency.p95), unit: 'ms', goal: '—', status: 'INFO', limit: 'the engine reads every entry the filter leaves' },
  ];
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const figures = sizeFigures();
  const engine = await startEngine();
  const client = await MongoClient.connect(engine.uri);
  const db = client.db(`bench_text_${randomBytes(3).toString('hex')}`);
  try {
    for (const count of options.records) {
      const entries = entriesOf(count);
      const bodyChars = entries.reduce((sum, e) => sum + (e.bodyText?.length ?? 0), 0);
      log(`${count} entries, ${Math.round(bodyChars / count)} body characters on average`);
      for (const layout of ['A', 'B', 'C'] as const) {
        const collection = db.collection(`entries_${layout}_${count}`);
        const bodies = db.collection(`bodies_${layout}_${count}`);
        figures.push(...(await searchFigures(collection, bodies, entries, layout, options.queries)));
        // A plain page without a text filter: what every other catalogue query pays for the layout.
        const at = performance.now();
        for (let i = 0; i < 5; i++) await collection.find({ category: '不存在' }).sort({ publishedAt: -1, _id: -1 }).limit(21).toArray();
        figures.push({ id: `page.${layout}.${count}`, label: `${layout}: a filtered page without text at ${count.toLocaleString('en')}`, value: round((performance.now() - at) / 5), unit: 'ms', goal: '—', status: 'INFO', limit: 'the engine reads every entry' });
        await collection.drop();
        await bodies.drop().catch(() => undefined);
      }
    }
  } finally {
    await db.dropDatabase();
    await client.close();
    await engine.stop();
  }
  process.stdout.write(`${formatTable(figures)}\n`);
}

void runCommand(main);
