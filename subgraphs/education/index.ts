import { recordsOf } from '../../model/records';
import { defineDomainSubgraph } from '../kit/domain-subgraph';
import { runAlone } from '../kit/run-alone';
import type { Resolvers } from './generated/resolvers';

/** The education subgraph 教育: schools, school fees, enrolment plans and student aid. */
export const educationSubgraph = defineDomainSubgraph<Resolvers>('education', __dirname, recordsOf('education'));

if (require.main === module) runAlone(educationSubgraph);
