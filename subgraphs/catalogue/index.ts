import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { runAlone } from '../shared/run-alone';
import type { SubgraphDefinition } from '../shared/server';
import { CatalogueRepository } from './repository';
import { createContext, resolvers, type CatalogueContext } from './resolvers';

/** The catalogue subgraph: the cross-domain index, agencies and regions. */
export const catalogueSubgraph: SubgraphDefinition<CatalogueContext> = {
  name: 'catalogue',
  dir: __dirname,
  resolvers: resolvers as unknown as GraphQLResolverMap<CatalogueContext>,
  async setup({ catalogue }) {
    const repository = new CatalogueRepository(catalogue);
    await repository.ensureIndexes();
    return () => createContext(repository);
  },
};

if (require.main === module) runAlone(catalogueSubgraph);
