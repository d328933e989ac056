import { recordsOf } from '../../model/records';
import { defineDomainSubgraph } from '../kit/domain-subgraph';
import { runAlone } from '../kit/run-alone';
import type { Resolvers } from './generated/resolvers';

/** The land subgraph 土地: expropriations, land-use right and mining-right transfers. */
export const landSubgraph = defineDomainSubgraph<Resolvers>('land', __dirname, recordsOf('land'));

if (require.main === module) runAlone(landSubgraph);
