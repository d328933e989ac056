import { defineDomainSubgraph } from '../kit/domain-subgraph';
import { runAlone } from '../kit/run-alone';
import { financeTypes } from './resolvers';

/** The finance subgraph 财政: budgets and final accounts, the three public expenses, procurement. */
export const financeSubgraph = defineDomainSubgraph('finance', __dirname, financeTypes);

if (require.main === module) runAlone(financeSubgraph);
