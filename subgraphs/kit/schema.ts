import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

const schemaDir = path.resolve(__dirname, '../../schema');

/** `# @include file.graphql` or `# @include file.graphql @shareable`, alone on a line. */
const INCLUDE = /^[ \t]*# @include ([\w.-]+\.graphql)( @shareable)?[ \t]*$/gm;
/** A field definition line of an included piece: `  name(args): Type`. */
const FIELD_LINE = /^(\s+\w+(\([^)]*\))?: [^\n"]+?)$/gm;

function expandIncludes(sdl: string): string {
  return sdl.replace(INCLUDE, (_line, file: string, shareable?: string) => {
    const piece = expandIncludes(readFileSync(path.join(schemaDir, file), 'utf8')).trimEnd();
    return shareable ? piece.replace(FIELD_LINE, '$1 @shareable') : piece;
  });
}

/**
 * A subgraph's SDL: its own `schema.graphql` plus `schema/common.graphql`, with every
 * `# @include <piece>` line replaced by that piece from `schema/` (with ` @shareable` added to each
 * field where the line asks for it). The envelope fields and filters are written once and shared.
 */
export function subgraphSdl(subgraphDir: string): string {
  const own = readFileSync(path.join(subgraphDir, 'schema.graphql'), 'utf8');
  return `${expandIncludes(own)}\n${expandIncludes(readFileSync(path.join(schemaDir, 'common.graphql'), 'utf8'))}`;
}

export function subgraphTypeDefs(subgraphDir: string): DocumentNode {
  return parse(subgraphSdl(subgraphDir));
}
