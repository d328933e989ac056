import { composeServices } from '@apollo/composition';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { DEFAULT_PORTS } from '../../platform/config';
import { subgraphSdl } from '../../subgraphs/kit/schema';
import { allSubgraphs } from '../../subgraphs/registry';

export const SUPERGRAPH_PATH = path.resolve(__dirname, '../../schema/supergraph.graphql');

export class CompositionError extends Error {
  override readonly name = 'CompositionError';
}

/**
 * Composes every subgraph's SDL into the supergraph with @apollo/composition. The URLs in it are the
 * default local ports; the gateway takes the real ones from its configuration.
 */
export function composeSupergraph(): string {
  const result = composeServices(
    allSubgraphs().map((subgraph) => ({
      name: subgraph.name,
      url: `http://127.0.0.1:${DEFAULT_PORTS[subgraph.name]}/`,
      typeDefs: parse(subgraphSdl(subgraph.dir)),
    })),
  );
  if (result.errors) {
    throw new CompositionError(`Composition failed:\n${result.errors.map((e) => `  ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}

export function committedSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}
