/** The figures with their goals, printed as a table and written as reports/bench-<date>.json and .md. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EngineInfo, Machine } from './machine';
import type { BenchOptions } from './options';

export type Status = 'PASS' | 'FAIL' | 'INFO';

export interface Figure {
  /** Stable key, e.g. `1.throughputRatio`. */
  id: string;
  label: string;
  value: number;
  unit: string;
  /** Human form of the goal, `—` where issue 5 sets none. */
  goal: string;
  status: Status;
  /** One line on what limits the figure. */
  limit: string;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  engine: EngineInfo;
  options: BenchOptions;
  figures: Figure[];
  /** Everything measured, per figure: raw counts, per-round results, per-size results. */
  details: Record<string, unknown>;
}

export function pass(ok: boolean): Status {
  return ok ? 'PASS' : 'FAIL';
}

function formatValue(figure: Figure): string {
  const { value, unit } = figure;
  if (!Number.isFinite(value)) return 'n/a';
  const digits = unit === 'x' ? 2 : Math.abs(value) >= 100 ? 0 : 1;
  const text = value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: unit === 'x' ? 2 : 0 });
  return unit === 'x' ? `${text}x` : `${text} ${unit}`;
}

function columns(figures: Figure[]): string[][] {
  return figures.map((f) => [f.label, formatValue(f), f.goal, f.status, f.limit]);
}

export function formatTable(figures: Figure[]): string {
  const rows = [['figure', 'value', 'goal', 'status', 'what limits it'], ...columns(figures)];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => [...r[i]].length)));
  const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));
  return rows.map((r) => [...[0, 1, 2, 3].map((i) => pad(r[i], widths[i])), r[4]].join('  ')).join('\n');
}

export function formatMarkdown(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    `# Benchmark ${report.startedAt}`,
    '',
    `Machine: ${m.nproc} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}; load average ${m.loadAverageAtStart} at start.`,
    `Engine: ${report.engine.name} — ${report.engine.description}.`,
    `Options: ${JSON.stringify(report.options)}`,
    '',
    '| figure | value | goal | status | what limits it |',
    '|---|---|---|---|---|',
    ...columns(report.figures).map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`),
    '',
    '## Details',
    '',
    '```json',
    JSON.stringify(report.details, null, 2),
    '```',
    '',
  ];
  return lines.join('\n');
}

/** Writes the report; returns the two paths. */
export function writeReport(report: BenchReport, outDir: string): { json: string; markdown: string } {
  mkdirSync(outDir, { recursive: true });
  const stamp = report.startedAt.replace(/:/g, '-').replace(/\..*$/, '');
  const base = path.join(outDir, `bench-${stamp}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${base}.md`, formatMarkdown(report));
  return { json: `${base}.json`, markdown: `${base}.md` };
}
