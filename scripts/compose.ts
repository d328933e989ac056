/**
 * `npm run compose`: writes schema/supergraph.graphql from the subgraphs' SDL.
 * `npm run compose -- --check`: exits 1 when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { committedSupergraph, composeSupergraph, SUPERGRAPH_PATH } from './lib/compose';

try {
  const supergraph = composeSupergraph();
  const where = path.relative(process.cwd(), SUPERGRAPH_PATH);
  if (process.argv.includes('--check')) {
    if (committedSupergraph() !== supergraph) {
      process.stderr.write(`${where} is stale: run npm run compose\n`);
      process.exit(1);
    }
    process.stdout.write(`${where} is up to date\n`);
  } else {
    writeFileSync(SUPERGRAPH_PATH, supergraph);
    process.stdout.write(`wrote ${where} (${supergraph.length} bytes)\n`);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
