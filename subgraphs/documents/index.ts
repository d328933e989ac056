import DataLoader from 'dataloader';
import { recordsOf } from '../../model/records';
import type { StoredEnvelope } from '../../model/envelope';
import { defineDomainSubgraph, type AgencyField } from '../kit/domain-subgraph';
import { runAlone } from '../kit/run-alone';
import type { Resolvers } from './generated/resolvers';

/** `Agency.disclosureGuide`: each agency's current guide, the one it published last (政府信息公开条例 art. 12). */
const currentDisclosureGuide: AgencyField = {
  loader: (collectionOf, work) =>
    new DataLoader<string, StoredEnvelope | null>(async (codes) => {
      const guides = await collectionOf('DisclosureGuide')
        .find({ agencyCode: { $in: [...codes] }, status: 'PUBLISHED' }, work.query())
        .sort({ publishedAt: -1, _id: -1 })
        .toArray();
      return codes.map((code) => guides.find((guide) => guide.agencyCode === code) ?? null);
    }),
};

/** The documents subgraph 公文与政策: policy documents, notices, interpretations, consultations, disclosure guides. */
export const documentsSubgraph = defineDomainSubgraph<Resolvers>('documents', __dirname, recordsOf('documents'), {
  disclosureGuide: currentDisclosureGuide,
});

if (require.main === module) runAlone(documentsSubgraph);
