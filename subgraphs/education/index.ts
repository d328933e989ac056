import { defineDomainSubgraph } from '../kit/domain-subgraph';
import { runAlone } from '../kit/run-alone';
import { educationTypes } from './resolvers';

/** The education subgraph 教育: schools, school fees, enrolment plans and student aid. */
export const educationSubgraph = defineDomainSubgraph('education', __dirname, educationTypes);

if (require.main === module) runAlone(educationSubgraph);
