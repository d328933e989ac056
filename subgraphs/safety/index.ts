import { defineDomainSubgraph } from '../kit/domain-subgraph';
import { runAlone } from '../kit/run-alone';
import { safetyTypes } from './resolvers';

/** The safety subgraph 安全: production-safety accidents, administrative penalties, food and drug sampling. */
export const safetySubgraph = defineDomainSubgraph('safety', __dirname, safetyTypes);

if (require.main === module) runAlone(safetySubgraph);
