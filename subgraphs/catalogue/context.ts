import DataLoader from 'dataloader';
import type { Actor } from '../kit/auth';
import type { RequestWork } from '../../platform/overload';
import type { ChangeLog } from '../../publishing/change-log';
import type { DocumentLink } from '../../publishing/document-references';
import type { Publisher } from '../../publishing/publisher';
import { byIdLoader } from '../../storage/loaders';
import type { CatalogueEntry, StoredBody } from '../../model/envelope';
import type { StoredAgency, StoredRegion } from '../../storage/reference';
import type { CatalogueRepository } from './repository';

/** Per-request context: who asks, the repository and fresh loaders, one MongoDB command per batch. */
export interface CatalogueContext {
  actor: Actor;
  /** The caller's identity as the gateway signed it, passed on to the owners when publishing. */
  identityToken?: string;
  /** The request's deadline, signal and slot of expensive work (platform/overload.ts). */
  work: RequestWork;
  repository: CatalogueRepository;
  /** The one write path, for the publishing API. */
  writer: Publisher;
  changeLog: ChangeLog;
  entries: DataLoader<string, CatalogueEntry | null>;
  /** Bodies by index number, read only for the fields and snippets that quote them. */
  bodies: DataLoader<string, StoredBody | null>;
  agencies: DataLoader<string, StoredAgency | null>;
  regions: DataLoader<string, StoredRegion | null>;
  agencyChildren: DataLoader<string, StoredAgency[]>;
  regionChildren: DataLoader<string, StoredRegion[]>;
  regionAgencies: DataLoader<string, StoredAgency[]>;
  /** The records a documents record names (document-references.ts). */
  documentLinks: DataLoader<string, DocumentLink | null>;
  /** The index numbers of the interpretations that name a record. */
  interpretationsOf: DataLoader<string, string[]>;
}

export function createContext(
  services: { repository: CatalogueRepository; writer: Publisher; changeLog: ChangeLog },
  request: { actor: Actor; identityToken?: string; work: RequestWork },
): CatalogueContext {
  const { repository, writer } = services;
  const { work } = request;
  const grouped = <T>(load: (keys: readonly string[]) => Promise<Map<string, T[]>>) =>
    new DataLoader<string, T[]>(async (keys) => {
      const found = await load(keys);
      return keys.map((key) => found.get(key) ?? []);
    });
  return {
    ...services,
    ...request,
    entries: byIdLoader(repository.entries, work),
    bodies: byIdLoader(repository.bodies, work),
    agencies: byIdLoader(repository.agencies, work),
    regions: byIdLoader(repository.regions, work),
    agencyChildren: grouped((codes) => repository.agenciesByParents(codes, work)),
    regionChildren: grouped((codes) => repository.regionsByParents(codes, work)),
    regionAgencies: grouped((codes) => repository.agenciesByRegions(codes, work)),
    documentLinks: byIdLoader(writer.projector.documentReferences.links, work),
    interpretationsOf: grouped((indexNumbers) => writer.projector.documentReferences.interpretationsOf(indexNumbers, work)),
  };
}

