/** Turns the measurements into figures: value, goal, PASS/FAIL (INFO where issue 5 sets no goal), limit. */
import type { CommandCount } from './commands';
import type { IngestResult, SizeResult } from './dataset';
import type { Figure } from './report';
import { pass } from './report';
import type { StartupResult } from './startup';
import { linearFit } from './stats';
import type { Comparison } from './throughput';

export const THROUGHPUT_GOAL = 1.5;
export const DIRECT_GOAL = 0.6;
export const DEEP_RATIO_GOAL = 1.5;
export const INGEST_GOAL = 10_000;
/** A filtered page must answer within this at p95 for its catalogue size to count as served. */
export const FILTERED_PAGE_CEILING_MS = 1_000;
const ONE_MILLION = 1_000_000;

const ms = (x: number) => `${Math.round(x)} ms`;
const ratioOf = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);

/**
 * Figure 1: our gateway as deployed (its response cache on) against the stock one, with our gateway
 * without the cache beside them to show where the difference comes from.
 */
export function catalogueFigures(c: Comparison, isFerret: boolean): Figure[] {
  const ours = c.sides.ours;
  const uncached = c.sides.uncached;
  const stock = c.sides.stock;
  const engineNote = (name: string) => {
    const perPage = c.engine[name].milliseconds / Math.max(1, c.sides[name].ok);
    return `engine ${ms(perPage)} of command time per answer${isFerret && name !== 'ours' ? ' (FerretDB scans each collection it reads)' : ''}`;
  };
  const throughputRatio = ratioOf(ours.throughput, stock.throughput);
  const p99Ratio = ratioOf(ours.latency.p99, stock.latency.p99);
  const uncachedRatio = ratioOf(uncached.throughput, stock.throughput);
  const side = (name: string, label: string): Figure[] => {
    const r = c.sides[name];
    return [
      { id: `1.${name}.throughput`, label: `1 catalogue page, ${label}: throughput`, value: r.throughput, unit: 'req/s', goal: '—', status: 'INFO', limit: engineNote(name) },
      { id: `1.${name}.p50`, label: `1 catalogue page, ${label}: p50`, value: r.latency.p50, unit: 'ms', goal: '—', status: 'INFO', limit: `${r.ok} answers` },
      { id: `1.${name}.p99`, label: `1 catalogue page, ${label}: p99`, value: r.latency.p99, unit: 'ms', goal: '—', status: 'INFO', limit: `${r.ok} answers` },
    ];
  };
  return [
    ...side('ours', 'our gateway'),
    ...side('uncached', 'our gateway, cache off'),
    ...side('stock', 'stock gateway'),
    {
      id: '1.throughputRatio',
      label: '1 catalogue page: ours / stock throughput',
      value: throughputRatio,
      unit: 'x',
      goal: `≥ ${THROUGHPUT_GOAL}x`,
      status: pass(throughputRatio >= THROUGHPUT_GOAL),
      limit: 'public answers come from the response cache (CACHE_MAX_AGE_SECONDS, 60 s by default); the stock gateway asks the subgraphs every time',
    },
    {
      id: '1.p99Ratio',
      label: '1 catalogue page: ours / stock p99',
      value: p99Ratio,
      unit: 'x',
      goal: '≤ 1.00x',
      status: pass(p99Ratio <= 1),
      limit: 'a cached answer skips the query plan and every subgraph call',
    },
    {
      id: '1.uncachedRatio',
      label: '1 catalogue page: ours with the cache off / stock throughput',
      value: uncachedRatio,
      unit: 'x',
      goal: '—',
      status: 'INFO',
      limit: 'same query planner, same subgraph fetches and the same engine work behind both',
    },
  ];
}

/** Figure 2: a catalogue-only query through the gateway and straight to the subgraph. */
export function directFigures(c: Comparison): Figure[] {
  const gateway = c.sides.gateway;
  const direct = c.sides.direct;
  const ratio = ratioOf(gateway.throughput, direct.throughput);
  return [
    { id: '2.gateway.throughput', label: '2 region(code), through the gateway', value: gateway.throughput, unit: 'req/s', goal: '—', status: 'INFO', limit: `p99 ${ms(gateway.latency.p99)}` },
    { id: '2.direct.throughput', label: '2 region(code), straight to the subgraph', value: direct.throughput, unit: 'req/s', goal: '—', status: 'INFO', limit: `p99 ${ms(direct.latency.p99)}` },
    ...(c.sides.stock
      ? [{ id: '2.stock.throughput', label: '2 region(code), through the stock gateway', value: c.sides.stock.throughput, unit: 'req/s', goal: '—', status: 'INFO' as const, limit: `p99 ${ms(c.sides.stock.latency.p99)}; ${ratioOf(c.sides.stock.throughput, direct.throughput).toFixed(2)}x of direct, for reference` }]
      : []),
    ...(c.sides.deployed
      ? [{ id: '2.deployed.throughput', label: '2 region(code), through our gateway as deployed (cache on)', value: c.sides.deployed.throughput, unit: 'req/s', goal: '—', status: 'INFO' as const, limit: `p99 ${ms(c.sides.deployed.latency.p99)}; ${ratioOf(c.sides.deployed.throughput, direct.throughput).toFixed(2)}x of direct: answered from the response cache` }]
      : []),
    {
      id: '2.ratio',
      label: '2 gateway (cache off) / direct throughput',
      value: ratio,
      unit: 'x',
      goal: `≥ ${DIRECT_GOAL}x`,
      status: pass(ratio >= DIRECT_GOAL),
      limit: 'cache off: the gateway parses, validates, plans and makes the same HTTP call again, on the same 2 CPUs as the subgraph, the engine and the load generator',
    },
  ];
}

/** Figure 3: commands per collection for a 100-record page across all domains. */
export function commandFigures(count: CommandCount): Figure[] {
  const over = Object.entries(count.byCommand).filter(([, commands]) => Object.values(commands).reduce((s, n) => s + n, 0) > 1);
  const limit = over.length
    ? `over 1: ${over.map(([collection, commands]) => `${collection} ${Object.entries(commands).map(([c, n]) => `${n} ${c}`).join(' + ')}`).join('; ')}`
    : 'DataLoader batches each collection into one find per request';
  return [
    {
      id: '3.maxCommandsPerCollection',
      label: `3 ${count.records}-record page (${count.domains.length} domains): most commands on one collection`,
      value: count.maxPerCollection,
      unit: 'commands',
      goal: '≤ 1',
      status: pass(count.maxPerCollection <= 1 && count.records === 100),
      limit,
    },
    {
      id: '3.totalCommands',
      label: `3 ${count.records}-record page: commands in all`,
      value: count.total,
      unit: 'commands',
      goal: '—',
      status: 'INFO',
      limit: `${Object.keys(count.perCollection).length} collections touched`,
    },
  ];
}

/** Figure 4 at the largest size measured, with the 1,000,000-record estimate on this engine. */
export function datasetFigures(sizes: SizeResult[], ingests: IngestResult[], isFerret: boolean): Figure[] {
  const largest = sizes[sizes.length - 1];
  const at = `at ${largest.records.toLocaleString('en')} records`;
  const fitAt = (pick: (s: SizeResult) => number) => {
    const { intercept, slope } = linearFit(sizes.map((s) => ({ x: s.records, y: pick(s) })));
    return intercept + slope * ONE_MILLION;
  };
  const scanNote = isFerret ? 'FerretDB v1.24 filters and sorts in Go over the whole collection: time grows with N' : 'served by indexes';
  const written = ingests.reduce((s, i) => s + i.records, 0);
  const seconds = ingests.reduce((s, i) => s + i.seconds, 0);
  const ingestRate = seconds > 0 ? written / seconds : Number.NaN;
  const figures: Figure[] = [
    { id: '4.filteredPageP95', label: `4 filtered page p95 ${at}`, value: largest.filteredPage.p95, unit: 'ms', goal: '—', status: 'INFO', limit: `${largest.filteredPage.count} requests; ${scanNote}` },
    { id: '4.textSearchP95', label: `4 text search p95 ${at}`, value: largest.textSearch.p95, unit: 'ms', goal: '—', status: 'INFO', limit: `${largest.textSearch.count} requests; ${isFerret ? 'the grams index is not used by FerretDB: a scan' : 'grams index, then the regex on the candidates'}` },
    {
      id: '4.deepPageRatio',
      label: `4 page ${largest.deepPage.toLocaleString('en')} / page 1 ${at}`,
      value: largest.deepRatio,
      unit: 'x',
      goal: `≤ ${DEEP_RATIO_GOAL}x`,
      status: pass(largest.deepRatio <= DEEP_RATIO_GOAL),
      limit: `keyset cursor: no skip; medians of ${largest.deep.count} (${ms(largest.deep.p50)} vs ${ms(largest.page1.p50)})`,
    },
    {
      id: '4.ingestRate',
      label: `4 ingest by the file import, NDJSON (${written.toLocaleString('en')} records)`,
      value: ingestRate,
      unit: 'records/s',
      goal: `≥ ${INGEST_GOAL.toLocaleString('en')}/s`,
      status: pass(ingestRate >= INGEST_GOAL),
      limit: `${isFerret ? 'FerretDB inserts ~1,300 docs/s and each batch first reads what exists (a scan); ' : 'each batch reads what exists, then inserts '}2+ documents per record; peak RSS ${Math.max(...ingests.map((i) => i.peakRssMiB))} MiB`,
    },
  ];
  figures.push(filteredPageCeiling(sizes, isFerret));
  if (largest.records < ONE_MILLION) {
    const estimate = fitAt((s) => s.filteredPage.p50);
    figures.push({
      id: '4.filteredPageAt1M',
      label: '4 filtered page at 1,000,000 records (estimate, this engine)',
      value: estimate,
      unit: 'ms',
      goal: '—',
      status: 'INFO',
      limit: `straight line through the p50 at ${sizes.map((s) => s.records.toLocaleString('en')).join(', ')} records`,
    });
  }
  return figures;
}

/**
 * The largest catalogue measured whose filtered page, and that of every smaller size measured,
 * answered at p95 within FILTERED_PAGE_CEILING_MS (NaN when even the smallest did not).
 */
export function filteredPageCeiling(sizes: SizeResult[], isFerret: boolean): Figure {
  const firstOver = sizes.findIndex((s) => s.filteredPage.p95 > FILTERED_PAGE_CEILING_MS);
  const within = firstOver < 0 ? sizes : sizes.slice(0, firstOver);
  const perSize = sizes.map((s) => `${s.records.toLocaleString('en')}: ${ms(s.filteredPage.p95)} (load ${s.loadAverage})`).join(', ');
  return {
    id: '4.filteredPageCeiling',
    label: `4 largest catalogue with a filtered page at p95 ≤ ${FILTERED_PAGE_CEILING_MS / 1000} s`,
    value: within.length ? within[within.length - 1].records : Number.NaN,
    unit: 'records',
    goal: '—',
    status: 'INFO',
    limit: `p95 by size ${perSize}${isFerret ? '; larger catalogues need MongoDB with the declared indexes' : ''}`,
  };
}

/** Figure 5: `npm start` to the first answered query. */
export function startupFigures(result: StartupResult): Figure[] {
  return [
    {
      id: '5.firstAnswerEmpty',
      label: '5 npm start → first answered query, empty database',
      value: result.empty.firstAnswerSeconds,
      unit: 's',
      goal: '—',
      status: 'INFO',
      limit: `tsx compiles on start; "Ready" with the sample loaded after ${result.empty.readySeconds.toFixed(1)} s`,
    },
    {
      id: '5.firstAnswerLoaded',
      label: '5 npm start → first answered query, loaded database',
      value: result.loaded.firstAnswerSeconds,
      unit: 's',
      goal: '—',
      status: 'INFO',
      limit: `tsx compiles on start, engine start, index checks; ${result.database}`,
    },
  ];
}
