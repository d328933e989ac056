/**
 * Figure 4: the catalogue grown to N records through the one write path, then sequential requests
 * through the gateway: a filtered page, a text search, page 1 and the deepest page (page 10,000 at
 * 1,000,000 records, otherwise the last full page), each bounded in count and time.
 */
import type { Db } from 'mongodb';
import { CATALOGUE_ENTRIES } from '../../subgraphs/shared/domains';
import type { DisclosureWriter } from '../../subgraphs/shared/ingest';
import { encodeCursor } from '../../subgraphs/shared/pagination';
import { loadSample } from '../sample/load';
import type { BenchOptions } from './options';
import { expectData, FILTERED_PAGE, pageAfter, post, TEXT_SEARCH } from './queries';
import { median, summarize, type LatencySummary } from './stats';

const PAGE = 20;
const DEEP_PAGE = 10_000;
const REQUEST_TIMEOUT_MS = 300_000;

/** Serials of the bench's records: seed × 10,000,000 upward, as `npm run generate` numbers them. */
export const serialBaseOf = (seed: number) => 10_000_000 * seed;

export interface IngestResult {
  records: number;
  seconds: number;
  rate: number;
  rejected: number;
}

/** Writes `count` sample records of `seed` through DisclosureWriter (scripts/sample/load.ts). */
export async function ingest(writer: DisclosureWriter, seed: number, count: number, log: (line: string) => void): Promise<IngestResult> {
  const started = performance.now();
  let lastLog = started;
  const result = await loadSample(writer, {
    seed,
    total: count,
    serialBase: serialBaseOf(seed),
    onProgress: (done, total) => {
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(`  ingest ${done.toLocaleString('en')}/${total.toLocaleString('en')}`);
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  return { records: result.written, seconds, rate: result.written / seconds, rejected: result.rejected.length };
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
  };
}
