import { recordsOf } from '../../model/records';
import { defineDomainSubgraph } from '../kit/domain-subgraph';
import { runAlone } from '../kit/run-alone';
import type { Resolvers } from './generated/resolvers';

/** The finance subgraph 财政: budgets and final accounts, the three public expenses, procurement. */
export const financeSubgraph = defineDomainSubgraph<Resolvers>('finance', __dirname, recordsOf('finance'));

if (require.main === module) runAlone(financeSubgraph);
