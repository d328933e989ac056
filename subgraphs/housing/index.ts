import { recordsOf } from '../../model/records';
import { defineDomainSubgraph } from '../kit/domain-subgraph';
import { runAlone } from '../kit/run-alone';
import type { Resolvers } from './generated/resolvers';

/** The housing subgraph 住房保障: affordable housing projects and allocation results. */
export const housingSubgraph = defineDomainSubgraph<Resolvers>('housing', __dirname, recordsOf('housing'));

if (require.main === module) runAlone(housingSubgraph);
