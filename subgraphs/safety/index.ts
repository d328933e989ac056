import { defineDomainSubgraph } from '../shared/domain-subgraph';
import { runAlone } from '../shared/run-alone';
import { safetyTypes } from './resolvers';

/** The safety subgraph 安全: production-safety accidents, administrative penalties, food and drug sampling. */
export const safetySubgraph = defineDomainSubgraph('safety', __dirname, safetyTypes);

if (require.main === module) runAlone(safetySubgraph);
