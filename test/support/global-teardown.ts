import { rmSync } from 'node:fs';
import { closeMongoClients } from '../../storage/mongo';
import { checkShapes, declaredIndexes, formatCoverage, readShapes } from './index-coverage';
import { UNINDEXED_SHAPES } from './unindexed-shapes';

declare global {
  /** Read by summary-reporter.js for the closing line. */
  var __uncoveredQueryShapes: number | undefined;
}

/**
 * Checks every query shape the run sent against the declared indexes (see index-coverage.ts), then
 * stops the engine. A shape neither covered nor allow-listed fails the run.
 */
export default async function globalTeardown(): Promise<void> {
  const dir = process.env.QUERY_SHAPES_DIR;
  try {
    if (!dir || !process.env.MONGODB_URI) return;
    const report = checkShapes(readShapes(dir), await declaredIndexes(process.env.MONGODB_URI), UNINDEXED_SHAPES);
    process.stderr.write(`\n${formatCoverage(report)}\n`);
    globalThis.__uncoveredQueryShapes = report.uncovered.length;
    if (report.uncovered.length) {
      throw new Error(`${report.uncovered.length} query shapes use no declared index and are not in test/support/unindexed-shapes.ts`);
    }
  } finally {
    await closeMongoClients();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await globalThis.__testEngine?.stop();
  }
}
