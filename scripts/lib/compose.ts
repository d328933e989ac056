import { composeServices } from '@apollo/composition';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { DEFAULT_PORTS, type SubgraphName } from '../../platform/config';
import { subgraphSdl } from '../../subgraphs/kit/schema';
import { allSubgraphs } from '../../subgraphs/registry';
import { REPO_ROOT } from './schema-pieces';

export const SUPERGRAPH_PATH = path.join(REPO_ROOT, 'schema/supergraph.graphql');

export class CompositionError extends Error {
  override readonly name = 'CompositionError';
}

/** A subgraph as composition sees it: its name, its default local URL and its schema.graphql as it is on disk. */
export interface SubgraphService {
  name: SubgraphName;
  url: string;
  /** The file, relative to the repository. */
  file: string;
  sdl: string;
}

export function subgraphServices(): SubgraphService[] {
  return allSubgraphs().map((subgraph) => ({
    name: subgraph.name,
    url: `http://127.0.0.1:${DEFAULT_PORTS[subgraph.name]}/`,
    file: path.relative(REPO_ROOT, path.join(subgraph.dir, 'schema.graphql')),
    sdl: subgraphSdl(subgraph.dir),
  }));
}

/**
 * Composes the subgraphs (by default every subgraph's schema.graphql on disk) into the supergraph with
 * @apollo/composition. The URLs in it are the default local ports; the gateway takes the real ones
 * from its configuration.
 */
export function composeSupergraph(services: SubgraphService[] = subgraphServices()): string {
  const result = composeServices(services.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) {
    throw new CompositionError(`Composition failed:\n${result.errors.map((e) => `  ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}

export function committedSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}
