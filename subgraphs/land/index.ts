import { defineDomainSubgraph } from '../kit/domain-subgraph';
import { runAlone } from '../kit/run-alone';
import { landTypes } from './resolvers';

/** The land subgraph 土地: expropriations and land-use right transfers. */
export const landSubgraph = defineDomainSubgraph('land', __dirname, landTypes);

if (require.main === module) runAlone(landSubgraph);
