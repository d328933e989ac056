import { educationSamples } from '../../subgraphs/education/sample';
import { financeSamples } from '../../subgraphs/finance/sample';
import { housingSamples } from '../../subgraphs/housing/sample';
import { landSamples } from '../../subgraphs/land/sample';
import { safetySamples } from '../../subgraphs/safety/sample';
import type { SampleMakers } from './context';

/** Sample makers of every domain, merged: one maker per record type. */
export const sampleMakers: SampleMakers = {
  ...educationSamples,
  ...financeSamples,
  ...housingSamples,
  ...landSamples,
  ...safetySamples,
};
