import { parseArgs } from 'node:util';
import { UsageError } from '../lib/cli';

export interface BenchOptions {
  quick: boolean;
  /** Sizes the catalogue grows to for figure 4, ascending. */
  records: number[];
  /** Records loaded before figures 1–3 (a few of every type). */
  baseRecords: number;
  /** Seconds each side of a comparison is loaded, per round (at least; see minAnswers). */
  durationSeconds: number;
  /** A round lasts long enough for about this many answers at the latency of one request… */
  minAnswers: number;
  /** …but never longer than this. */
  maxSeconds: number;
  /** Cap on the requests of one load run. */
  maxRequests: number;
  rounds: number;
  connections: number;
  /** Samples per figure-4 query (sequential), each figure also capped by `sampleBudgetSeconds`. */
  samples: number;
  sampleBudgetSeconds: number;
  /** Run figure 5 (two `npm start` processes). */
  startup: boolean;
  /** Run figure 4 alone: the catalogue grown to each size, for the largest size a filtered page answers in time. */
  sizesOnly: boolean;
  outDir: string;
}

export const USAGE = `usage: npm run bench -- [--quick] [--records N[,N...]] [--duration S] [--rounds R]
                      [--connections C] [--samples K] [--no-startup] [--sizes-only] [--out DIR]
  --records     catalogue sizes for figure 4 (default 1000,5000; up to 1000000 on a real MongoDB)
  --duration    seconds of load per side per round for figures 1 and 2 (default 10; longer
                when one answer is slow, so that each side gets about 30 answers; at most 120)
  --rounds      alternating rounds of each comparison (default 2)
  --connections concurrent connections of the load generator (default 10)
  --samples     requests per figure-4 query (default 20, each figure also stops after 60 s)
  --sizes-only  figure 4 alone (no figures 1-3 and 5): with e.g. --records 500,1000,2000,3000,5000
                it reports the largest size whose filtered page answers at p95 <= 1 s, and stops
                growing the catalogue after the first size over it
  --quick       a smoke run in seconds: few requests, few records
  --out         folder for the report (default reports/)`;

function whole(name: string, text: string | undefined, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max.toLocaleString('en')}; got ${text}\n${USAGE}`);
  }
  return value;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      records: { type: 'string' },
      duration: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      samples: { type: 'string' },
      'no-startup': { type: 'boolean', default: false },
      'sizes-only': { type: 'boolean', default: false },
      out: { type: 'string', default: 'reports' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new UsageError(USAGE);
  const quick = values.quick ?? false;
  const baseRecords = 140;
  const records = (values.records ?? (quick ? '280' : '1000,5000'))
    .split(',')
    .map((n) => whole('records', n.trim(), baseRecords, 1_000_000))
    .sort((a, b) => a - b);
  return {
    quick,
    records: [...new Set(records)],
    baseRecords,
    durationSeconds: whole('duration', values.duration ?? '10', 1, 600),
    minAnswers: quick ? 0 : 30,
    maxSeconds: quick ? 10 : 120,
    // The quick run is bounded by count: a few answers of each, whatever they cost.
    maxRequests: quick ? 4 : 200_000,
    rounds: whole('rounds', values.rounds ?? (quick ? '1' : '2'), 1, 10),
    connections: whole('connections', values.connections ?? (quick ? '2' : '10'), 1, 256),
    samples: whole('samples', values.samples ?? (quick ? '2' : '20'), 1, 1000),
    sampleBudgetSeconds: quick ? 5 : 60,
    sizesOnly: values['sizes-only'] ?? false,
    startup: !values['no-startup'] && !values['sizes-only'],
    outDir: values.out ?? 'reports',
  };
}
