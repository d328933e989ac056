import { recordsOf } from '../../model/records';
import { defineDomainSubgraph } from '../kit/domain-subgraph';
import { runAlone } from '../kit/run-alone';
import type { Resolvers } from './generated/resolvers';

/** The documents subgraph 公文与政策: policy documents, notices, interpretations, consultations, disclosure guides. */
export const documentsSubgraph = defineDomainSubgraph<Resolvers>('documents', __dirname, recordsOf('documents'));

if (require.main === module) runAlone(documentsSubgraph);
