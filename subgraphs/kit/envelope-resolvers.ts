import type { StoredEnvelope } from '../../model/envelope';
import { shanghaiDate } from '../../model/time';

/** Resolvers for the envelope fields, shared by every disclosure type in every subgraph. */
export const envelopeFieldResolvers = {
  id: (record: StoredEnvelope) => record._id,
  indexNumber: (record: StoredEnvelope) => record._id,
  agency: (record: StoredEnvelope) => ({ __typename: 'Agency', code: record.agencyCode }),
  region: (record: StoredEnvelope) => ({ __typename: 'Region', code: record.regionCode }),
  publishedOn: (record: StoredEnvelope) => shanghaiDate(record.publishedAt),
  // Records stored before quality flags existed have none.
  qualityFlags: (record: StoredEnvelope) => record.qualityFlags ?? [],
};

