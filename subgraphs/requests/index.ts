import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { shanghaiDate } from '../../model/time';
import { ConfigError } from '../../platform/config';
import { DataSeal } from '../../platform/sealed-data';
import { runAlone } from '../kit/run-alone';
import type { SubgraphDefinition } from '../kit/server';
import type { RequestsContext } from './context';
import { RequestManager } from './request-manager';
import { RequestStore } from './request-store';
import { resolvers } from './resolvers';

/** The requests subgraph 依申请公开: requests for information and their handling, with the statutory clock. */
export const requestsSubgraph: SubgraphDefinition<RequestsContext> = {
  name: 'requests',
  dir: __dirname,
  resolvers: resolvers as unknown as GraphQLResolverMap<RequestsContext>,
  async prepare(own) {
    await new RequestStore(own).ensureIndexes();
  },
  async start({ own, config }) {
    if (!config.requestsDataKey) {
      throw new ConfigError(
        'Invalid configuration:\n  REQUESTS_DATA_KEY: required to serve the requests subgraph: at least 32 characters (e.g. openssl rand -base64 32); applicants\u2019 identities are sealed with it, so keep it with the database\u2019s backups',
      );
    }
    const manager = new RequestManager(new RequestStore(own), new DataSeal(config.requestsDataKey, 'requests applicants'));
    return {
      createContext: async ({ actor, work }) => ({ actor, work, manager, today: shanghaiDate(new Date()) }),
    };
  },
};

if (require.main === module) runAlone(requestsSubgraph);
