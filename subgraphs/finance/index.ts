import { defineDomainSubgraph } from '../shared/domain-subgraph';
import { runAlone } from '../shared/run-alone';
import { financeTypes } from './resolvers';

/** The finance subgraph 财政: budgets and final accounts, the three public expenses, procurement. */
export const financeSubgraph = defineDomainSubgraph('finance', __dirname, financeTypes);

if (require.main === module) runAlone(financeSubgraph);
