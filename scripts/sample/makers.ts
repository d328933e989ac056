import { documentsSamples } from './makers/documents';
import { educationSamples } from './makers/education';
import { enforcementSamples } from './makers/enforcement';
import { financeSamples } from './makers/finance';
import { housingSamples } from './makers/housing';
import { landSamples } from './makers/land';
import { safetySamples } from './makers/safety';
import type { SampleMakers } from './context';

/** Sample makers of every domain, merged: one maker per record type. */
export const sampleMakers: SampleMakers = {
  ...educationSamples,
  ...enforcementSamples,
  ...financeSamples,
  ...housingSamples,
  ...landSamples,
  ...safetySamples,
  ...documentsSamples,
};
