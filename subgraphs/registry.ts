import { catalogueSubgraph } from './catalogue';
import type { SubgraphName } from '../platform/config';
import type { SubgraphDefinition } from './kit/server';
import { documentsSubgraph } from './documents';
import { educationSubgraph } from './education';
import { enforcementSubgraph } from './enforcement';
import { financeSubgraph } from './finance';
import { housingSubgraph } from './housing';
import { landSubgraph } from './land';
import { requestsSubgraph } from './requests';
import { safetySubgraph } from './safety';

/** Every domain subgraph, by name. The catalogue subgraph is listed with them in `allSubgraphs`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const domainSubgraphs: Partial<Record<SubgraphName, SubgraphDefinition<any>>> = {
  documents: documentsSubgraph,
  education: educationSubgraph,
  enforcement: enforcementSubgraph,
  finance: financeSubgraph,
  housing: housingSubgraph,
  land: landSubgraph,
  safety: safetySubgraph,
};

/** The catalogue subgraph, then every domain subgraph and the requests subgraph by name: what `npm start` runs and compose composes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function allSubgraphs(): Array<SubgraphDefinition<any>> {
  return [catalogueSubgraph, ...[...Object.values(domainSubgraphs), requestsSubgraph].sort((a, b) => a.name.localeCompare(b.name))];
}
