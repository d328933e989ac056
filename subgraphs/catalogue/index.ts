import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { signIdentity } from '../../platform/identity';
import { ChangeLog } from '../../publishing/change-log';
import { DocumentReferences } from '../../publishing/document-references';
import { Publisher } from '../../publishing/publisher';
import { OWNER_NAMES } from '../kit/config';
import { IdempotencyStore } from '../../publishing/idempotency-store';
import { idempotencyPlugin } from '../kit/idempotency';
import { runAlone } from '../kit/run-alone';
import type { SubgraphDefinition } from '../kit/server';
import { CatalogueRepository } from './repository';
import { createContext, type CatalogueContext } from './context';
import { httpOwner } from './owner-client';
import { resolvers } from './resolvers';
import { startSync } from './sync';

/** The catalogue subgraph: the cross-domain index, agencies and regions, publishing and the change feed. */
export const catalogueSubgraph: SubgraphDefinition<CatalogueContext> = {
  name: 'catalogue',
  dir: __dirname,
  resolvers: resolvers as unknown as GraphQLResolverMap<CatalogueContext>,
  async prepare(own) {
    await new CatalogueRepository(own).ensureIndexes();
    await new ChangeLog(own).ensureIndexes();
    await new DocumentReferences(own).ensureIndexes();
    await new IdempotencyStore(own).ensureIndexes();
  },
  async start({ own, config }) {
    const secret = config.identitySecret as string;
    const serviceToken = () => signIdentity({ kind: 'service', service: 'catalogue' }, secret);
    // The catalogue reaches the owners only over HTTP: it never opens their databases.
    const owners = OWNER_NAMES.map((name) => httpOwner({ name, url: config.ownerUrls[name], serviceToken }));
    const services = { repository: new CatalogueRepository(own), writer: new Publisher(own, owners), changeLog: new ChangeLog(own) };
    const sync = startSync(services.writer, config.syncIntervalMs);
    const idempotency = new IdempotencyStore(own);
    await idempotency.ensureIndexes();
    return {
      createContext: async (request) => createContext(services, request),
      plugins: [idempotencyPlugin<CatalogueContext>(idempotency, 'catalogue')],
      close: () => sync.stop(),
    };
  },
};

if (require.main === module) runAlone(catalogueSubgraph);
