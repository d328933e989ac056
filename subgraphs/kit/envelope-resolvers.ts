import type { CatalogueEntry } from '../../model/envelope';
import { shanghaiDate } from '../../model/time';

/** Resolvers for the envelope fields, shared by every disclosure type in every subgraph. */
export const envelopeFieldResolvers = {
  id: (record: CatalogueEntry) => record._id,
  indexNumber: (record: CatalogueEntry) => record._id,
  agency: (record: CatalogueEntry) => ({ __typename: 'Agency', code: record.agencyCode }),
  region: (record: CatalogueEntry) => ({ __typename: 'Region', code: record.regionCode }),
  publishedOn: (record: CatalogueEntry) => shanghaiDate(record.publishedAt),
  // Records stored before quality flags existed have none.
  qualityFlags: (record: CatalogueEntry) => record.qualityFlags ?? [],
};

