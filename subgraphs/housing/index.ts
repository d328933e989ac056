import { defineDomainSubgraph } from '../kit/domain-subgraph';
import { runAlone } from '../kit/run-alone';
import { housingDisclosureTypes } from './resolvers';

/** The housing subgraph 住房保障: affordable housing projects and allocation results. */
export const housingSubgraph = defineDomainSubgraph('housing', __dirname, housingDisclosureTypes);

if (require.main === module) runAlone(housingSubgraph);
