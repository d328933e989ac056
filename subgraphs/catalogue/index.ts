import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { ChangeLog } from '../../publishing/change-log';
import { localOwner, Publisher } from '../../publishing/publisher';
import { runAlone } from '../kit/run-alone';
import type { SubgraphDefinition } from '../kit/server';
import { CatalogueRepository } from './repository';
import { createContext, type CatalogueContext } from './context';
import { resolvers } from './resolvers';

/** The catalogue subgraph: the cross-domain index, agencies and regions, publishing and the change feed. */
export const catalogueSubgraph: SubgraphDefinition<CatalogueContext> = {
  name: 'catalogue',
  dir: __dirname,
  resolvers: resolvers as unknown as GraphQLResolverMap<CatalogueContext>,
  async setup({ catalogue, all }) {
    const repository = new CatalogueRepository(catalogue);
    const changeLog = new ChangeLog(catalogue);
    await repository.ensureIndexes();
    await changeLog.ensureIndexes();
    const owners = Object.entries(all).filter(([name]) => name !== 'catalogue').map(([name, db]) => localOwner(name, db));
    const services = { repository, writer: new Publisher(catalogue, owners), changeLog };
    return async ({ actor }) => createContext(services, actor);
  },
};

if (require.main === module) runAlone(catalogueSubgraph);
