import { recordsOf } from '../../model/records';
import { defineDomainSubgraph } from '../kit/domain-subgraph';
import { runAlone } from '../kit/run-alone';
import type { Resolvers } from './generated/resolvers';

/** The enforcement subgraph 行政执法公示: licences and penalties (the 双公示) and coercions, of every sector. */
export const enforcementSubgraph = defineDomainSubgraph<Resolvers>('enforcement', __dirname, recordsOf('enforcement'));

if (require.main === module) runAlone(enforcementSubgraph);
