/**
 * `npm run compose`: refreshes every piece of `schema/` inlined into the subgraphs' schema.graphql
 * files (and into other pieces), then writes schema/supergraph.graphql from those files.
 * `npm run compose -- --check`: changes nothing; exits 1 when an inlined copy or the committed
 * supergraph is stale.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { committedSupergraph, composeSupergraph, SUPERGRAPH_PATH } from './lib/compose';
import { inliningFiles, PieceLibrary, refreshFiles } from './lib/schema-pieces';

try {
  const check = process.argv.includes('--check');
  const library = new PieceLibrary();
  const files = inliningFiles(library);
  const refreshed = refreshFiles(files, library, { write: !check });
  for (const block of refreshed) {
    process.stdout.write(`${check ? 'stale' : 'refreshed'}: ${block.file}:${block.line} (copy of ${block.piece})\n`);
  }
  if (refreshed.length === 0) process.stdout.write(`every inlined piece is up to date (${files.length} files)\n`);

  const supergraph = composeSupergraph();
  const where = path.relative(process.cwd(), SUPERGRAPH_PATH);
  const current = committedSupergraph() === supergraph;
  if (check) {
    if (current) process.stdout.write(`${where} is up to date\n`);
    else process.stderr.write(`${where} is stale: run npm run compose\n`);
    if (!current || refreshed.length > 0) process.exit(1);
  } else if (current) {
    process.stdout.write(`${where} is unchanged\n`);
  } else {
    writeFileSync(SUPERGRAPH_PATH, supergraph);
    process.stdout.write(`wrote ${where} (${supergraph.length} bytes)\n`);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
