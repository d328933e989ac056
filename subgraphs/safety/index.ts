import { recordsOf } from '../../model/records';
import { defineDomainSubgraph } from '../kit/domain-subgraph';
import { runAlone } from '../kit/run-alone';
import type { Resolvers } from './generated/resolvers';

/** The safety subgraph 安全: production-safety accidents, environmental enforcement, food and drug sampling. */
export const safetySubgraph = defineDomainSubgraph<Resolvers>('safety', __dirname, recordsOf('safety'));

if (require.main === module) runAlone(safetySubgraph);
