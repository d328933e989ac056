import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../../scripts/lib/engine';
import { superviseEngine } from '../../scripts/lib/engine-supervisor';

declare global {
  var __testEngine: Engine | undefined;
}

/**
 * Starts one engine for the whole run (or takes MONGODB_URI as is) and hands its URI to every worker
 * through the environment. Its data lives in a temp folder that stop() removes; if it dies it is
 * started again on the same port. Every process of the run (workers, the scripts and servers they
 * start) records its query shapes in QUERY_SHAPES_DIR, which the global teardown checks against the
 * declared indexes.
 */
export default async function globalSetup(): Promise<void> {
  const engine = await superviseEngine();
  globalThis.__testEngine = engine;
  process.env.MONGODB_URI = engine.uri;
  process.env.TEST_ENGINE_KIND = engine.kind;
  process.env.QUERY_SHAPES_DIR = mkdtempSync(path.join(os.tmpdir(), 'query-shapes-'));
  process.stderr.write(`\n[test] database: ${engine.description}\n`);
}
