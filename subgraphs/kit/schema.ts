import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/**
 * A subgraph's SDL: its `schema.graphql` exactly as it is on disk. The file is complete: the shared
 * pieces of `schema/` are inlined into it (and kept current) by `npm run compose`.
 */
export function subgraphSdl(subgraphDir: string): string {
  return readFileSync(path.join(subgraphDir, 'schema.graphql'), 'utf8');
}

export function subgraphTypeDefs(subgraphDir: string): DocumentNode {
  return parse(subgraphSdl(subgraphDir));
}
