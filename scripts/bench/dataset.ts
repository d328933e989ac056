/**
 * Figure 4: the catalogue grown to N records by the file import (through the one write path), then
 * sequential requests through the gateway: a filtered page, a text search, page 1 and the deepest
 * page (page 10,000 at 1,000,000 records, otherwise the last full page), each bounded in count and
 * time.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Db } from 'mongodb';
import { CATALOGUE_ENTRIES } from '../../model/record-types';
import type { Publisher } from '../../publishing/publisher';
import { encodeCursor } from '../../storage/pagination';
import { sampleBatches } from '../sample/load';
import { publicSubmission } from '../sample/public-form';
import { importRows, readRows } from '../import/importer';
import type { BenchOptions } from './options';
import { expectData, FILTERED_PAGE, pageAfter, post, TEXT_SEARCH } from './queries';
import { median, summarize, type LatencySummary } from './stats';

const PAGE = 20;
const DEEP_PAGE = 10_000;
const REQUEST_TIMEOUT_MS = 300_000;

/** Serials of the bench's records: seed × 10,000,000 upward, as `npm run generate` numbers them. */
const serialBaseOf = (seed: number) => 10_000_000 * seed;

export interface IngestResult {
  records: number;
  seconds: number;
  rate: number;
  rejected: number;
  /** Highest resident memory of this process while importing (MiB): the import is streamed. */
  peakRssMiB: number;
}

/** Writes `count` sample records of `seed` as an NDJSON file of submissions, as a publisher would send them. */
async function writeImportFile(file: string, seed: number, count: number): Promise<void> {
  const out = createWriteStream(file);
  for (const batch of sampleBatches(seed, count, { serialBase: serialBaseOf(seed) })) {
    const text = batch.map((record) => JSON.stringify(publicSubmission(record))).join('\n');
    if (!out.write(`${text}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * Imports `count` sample records of `seed` the way `npm run import -- <file> --publish` does: the
 * NDJSON file is written first (not timed), then read, validated and stored by the importer (timed).
 */
export async function ingest(writer: Publisher, seed: number, count: number, log: (line: string) => void): Promise<IngestResult> {
  const file = path.join(os.tmpdir(), `bench-import-${process.pid}-${seed}.ndjson`);
  await writeImportFile(file, seed, count);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const started = performance.now();
  let lastLog = started;
  try {
    const summary = await importRows(readRows('ndjson', createReadStream(file)), writer, {
      status: 'PUBLISHED',
      onProgress: ({ rows }) => {
        if (performance.now() - lastLog > 10_000) {
          lastLog = performance.now();
          log(`  import ${rows.toLocaleString('en')}/${count.toLocaleString('en')}`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    return {
      records: summary.stored,
      seconds,
      rate: summary.stored / seconds,
      rejected: summary.rejected,
      peakRssMiB: Math.round(peakRss / 2 ** 20),
    };
  } finally {
    clearInterval(sampler);
    await rm(file, { force: true });
  }
}

interface PageData {
  catalogue: { edges: unknown[] };
}

/** Up to `count` sequential timings of `query` (ms), stopping early once `budgetMs` has passed. */
async function timings(url: string, query: string, count: number, budgetMs: number, what: string, expectEdges?: number): Promise<number[]> {
  const times: number[] = [];
  const deadline = performance.now() + budgetMs;
  while (times.length < count && (times.length === 0 || performance.now() < deadline)) {
    const started = performance.now();
    const data = expectData(await post<PageData>(url, query, REQUEST_TIMEOUT_MS), what);
    times.push(performance.now() - started);
    if (expectEdges !== undefined && data.catalogue.edges.length !== expectEdges) {
      throw new Error(`${what}: expected ${expectEdges} records, got ${data.catalogue.edges.length}`);
    }
  }
  return times;
}

export interface SizeResult {
  records: number;
  filteredPage: LatencySummary;
  textSearch: LatencySummary;
  /** The page number measured as the deep page. */
  deepPage: number;
  page1: LatencySummary;
  deep: LatencySummary;
  /** Median time of the deep page over median time of page 1. */
  deepRatio: number;
  /** The machine's 1-minute load average once this size was measured: the CPUs are shared. */
  loadAverage: number;
}

/** The cursor that starts page `page` of the catalogue, newest first, built from the record before it. */
async function cursorOfPage(catalogue: Db, page: number): Promise<string | null> {
  if (page <= 1) return null;
  const [before] = await catalogue
    .collection<{ _id: string; publishedAt: Date }>(CATALOGUE_ENTRIES)
    .find({}, { projection: { publishedAt: 1 } })
    .sort({ publishedAt: -1, _id: -1 })
    .skip((page - 1) * PAGE - 1)
    .limit(1)
    .toArray();
  if (!before) throw new Error(`the catalogue has no page ${page}`);
  return encodeCursor('NEWEST_FIRST', before);
}

export async function measureQueries(catalogue: Db, gatewayUrl: string, records: number, options: BenchOptions): Promise<SizeResult> {
  const budget = options.sampleBudgetSeconds * 1000;
  const measure = async (query: string, what: string, expectEdges?: number) => {
    await timings(gatewayUrl, query, 1, 0, `${what} (warm-up)`, expectEdges);
    return timings(gatewayUrl, query, options.samples, budget, what, expectEdges);
  };
  const filteredPage = summarize(await measure(FILTERED_PAGE, 'filtered page'));
  const textSearch = summarize(await measure(TEXT_SEARCH, 'text search'));

  const deepPage = Math.max(1, Math.min(DEEP_PAGE, Math.floor(records / PAGE)));
  const first = pageAfter(null);
  const deepQuery = pageAfter(await cursorOfPage(catalogue, deepPage));
  await timings(gatewayUrl, first, 1, 0, 'page 1 (warm-up)', PAGE);
  await timings(gatewayUrl, deepQuery, 1, 0, `page ${deepPage} (warm-up)`, PAGE);
  // Interleaved, so both see the same conditions.
  const page1: number[] = [];
  const deep: number[] = [];
  const deadline = performance.now() + budget;
  while (page1.length < options.samples && (page1.length === 0 || performance.now() < deadline)) {
    page1.push(...(await timings(gatewayUrl, first, 1, 0, 'page 1', PAGE)));
    deep.push(...(await timings(gatewayUrl, deepQuery, 1, 0, `page ${deepPage}`, PAGE)));
  }
  return {
    records,
    filteredPage,
    textSearch,
    deepPage,
    page1: summarize(page1),
    deep: summarize(deep),
    deepRatio: median(deep) / median(page1),
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
  };
}
