import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { RECORD_TYPE_NAMES } from '../shared/domains';
import { badUserInput } from '../shared/errors';
import { hintChangeFeed } from '../shared/caching';
import { isVisible, visibilityFilter, type Actor } from '../shared/auth';
import type { ChangeLog } from '../shared/changes';
import type { DisclosureWriter } from '../shared/ingest';
import { byIdLoader } from '../shared/loaders';
import type { PageArgs } from '../shared/pagination';
import { envelopeFieldResolvers, type StoredEnvelope } from '../shared/records';
import type { AdministrativeLevel, StoredAgency, StoredRegion } from '../shared/reference';
import { publishingResolvers } from './publishing';
import { catalogueFilter, CatalogueRepository, type CatalogueFilterInput, type Dimension } from './repository';

/** Per-request context: who asks, the repository and fresh loaders, one MongoDB command per batch. */
export interface CatalogueContext {
  actor: Actor;
  repository: CatalogueRepository;
  /** The one write path, for the publishing API. */
  writer: DisclosureWriter;
  changeLog: ChangeLog;
  entries: DataLoader<string, StoredEnvelope | null>;
  agencies: DataLoader<string, StoredAgency | null>;
  regions: DataLoader<string, StoredRegion | null>;
  agencyChildren: DataLoader<string, StoredAgency[]>;
  regionChildren: DataLoader<string, StoredRegion[]>;
  regionAgencies: DataLoader<string, StoredAgency[]>;
}

export function createContext(
  services: { repository: CatalogueRepository; writer: DisclosureWriter; changeLog: ChangeLog },
  actor: Actor,
): CatalogueContext {
  const { repository } = services;
  const grouped = <T>(load: (keys: readonly string[]) => Promise<Map<string, T[]>>) =>
    new DataLoader<string, T[]>(async (keys) => {
      const found = await load(keys);
      return keys.map((key) => found.get(key) ?? []);
    });
  return {
    ...services,
    actor,
    entries: byIdLoader(repository.entries),
    agencies: byIdLoader(repository.agencies),
    regions: byIdLoader(repository.regions),
    agencyChildren: grouped((codes) => repository.agenciesByParents(codes)),
    regionChildren: grouped((codes) => repository.regionsByParents(codes)),
    regionAgencies: grouped((codes) => repository.agenciesByRegions(codes)),
  };
}

interface CatalogueArgs extends PageArgs {
  filter?: CatalogueFilterInput | null;
}

const MAX_DIMENSIONS = 3;

/** A connection over the catalogue index, with facets counted only when asked for. */
async function cataloguePage(args: CatalogueArgs, context: CatalogueContext, agencyCode?: string) {
  const filter = {
    $and: [visibilityFilter(context.actor), { ...catalogueFilter(args.filter), ...(agencyCode ? { agencyCode } : {}) }],
  };
  const connection = await context.repository.page(filter, args);
  return { ...connection, facets: { filter } };
}

/** A readable label for a dimension value: names for agency and region codes. */
async function labelOf(dimension: Dimension, value: string, context: CatalogueContext): Promise<string> {
  if (dimension === 'AGENCY') return (await context.agencies.load(value))?.name ?? value;
  if (dimension === 'REGION') return (await context.regions.load(value))?.name ?? value;
  return value;
}

async function facet(dimension: Dimension, filter: object, context: CatalogueContext) {
  const groups = await context.repository.countBy(filter, [dimension]);
  return Promise.all(
    groups.map(async ({ values: [value], count }) => ({ value, label: await labelOf(dimension, value, context), count })),
  );
}

const facetResolver = (dimension: Dimension) => (source: { filter: object }, _args: unknown, context: CatalogueContext) =>
  facet(dimension, source.filter, context);

/** A record by index number, if the actor may see it. */
async function visibleEntry(indexNumber: string, context: CatalogueContext): Promise<StoredEnvelope | null> {
  const entry = await context.entries.load(indexNumber);
  return entry && isVisible(entry, context.actor) ? entry : null;
}

const disclosureResolvers = {
  __resolveReference: (reference: { id: string }, context: CatalogueContext) => visibleEntry(reference.id, context),
  ...envelopeFieldResolvers,
  // Agency and Region live here, so the catalogue answers them whole rather than as references.
  agency: (entry: StoredEnvelope, _args: unknown, context: CatalogueContext) => context.agencies.load(entry.agencyCode),
  region: (entry: StoredEnvelope, _args: unknown, context: CatalogueContext) => context.regions.load(entry.regionCode),
  interpretation: (entry: StoredEnvelope, _args: unknown, context: CatalogueContext) =>
    entry.interpretationIndexNumber ? visibleEntry(entry.interpretationIndexNumber, context) : null,
};

export const resolvers = {
  JSONObject: publishingResolvers.JSONObject,
  Mutation: publishingResolvers.Mutation,
  Query: {
    // Shared for a few seconds at most (CHANGE_FEED_MAX_AGE_SECONDS), not the setting's full time.
    changes: (
      source: unknown,
      args: Parameters<typeof publishingResolvers.changes>[1],
      context: CatalogueContext,
      info: GraphQLResolveInfo,
    ) => {
      hintChangeFeed(info);
      return publishingResolvers.changes(source, args, context);
    },
    catalogue: (_source: unknown, args: CatalogueArgs, context: CatalogueContext) => cataloguePage(args, context),
    catalogueCounts: async (
      _source: unknown,
      args: { filter?: CatalogueFilterInput | null; by: Dimension[] },
      context: CatalogueContext,
    ) => {
      if (args.by.length < 1 || args.by.length > MAX_DIMENSIONS || new Set(args.by).size !== args.by.length) {
        throw badUserInput('by', 'dimensions', `give 1 to ${MAX_DIMENSIONS} different dimensions`);
      }
      const rows = await context.repository.countBy(
        { $and: [visibilityFilter(context.actor), catalogueFilter(args.filter)] },
        args.by,
      );
      return Promise.all(
        rows.map(async ({ values, count }) => ({
          count,
          keys: await Promise.all(
            values.map(async (value, i) => ({ value, label: await labelOf(args.by[i], value, context), count })),
          ),
        })),
      );
    },
    disclosure: (_source: unknown, args: { indexNumber: string }, context: CatalogueContext) =>
      visibleEntry(args.indexNumber, context),
    agency: (_source: unknown, args: { code: string }, context: CatalogueContext) => context.agencies.load(args.code),
    agencies: (_source: unknown, args: { regionCode?: string | null }, context: CatalogueContext) =>
      context.repository.listAgencies(args.regionCode),
    region: (_source: unknown, args: { code: string }, context: CatalogueContext) => context.regions.load(args.code),
    regions: (_source: unknown, args: { level?: AdministrativeLevel | null }, context: CatalogueContext) =>
      context.repository.listRegions(args.level),
  },
  Disclosure: {
    ...disclosureResolvers,
    __resolveType: (entry: StoredEnvelope) => entry.type,
  },
  ...Object.fromEntries(RECORD_TYPE_NAMES.map((type) => [type, disclosureResolvers])),
  CatalogueFacets: {
    domain: facetResolver('DOMAIN'),
    type: facetResolver('TYPE'),
    agency: facetResolver('AGENCY'),
    region: facetResolver('REGION'),
    category: facetResolver('CATEGORY'),
    year: facetResolver('YEAR'),
    disclosureMode: facetResolver('DISCLOSURE_MODE'),
  },
  Agency: {
    __resolveReference: (reference: { code: string }, context: CatalogueContext) => context.agencies.load(reference.code),
    code: (agency: StoredAgency) => agency._id,
    parent: (agency: StoredAgency, _args: unknown, context: CatalogueContext) =>
      agency.parentCode ? context.agencies.load(agency.parentCode) : null,
    children: (agency: StoredAgency, _args: unknown, context: CatalogueContext) => context.agencyChildren.load(agency._id),
    region: (agency: StoredAgency, _args: unknown, context: CatalogueContext) => context.regions.load(agency.regionCode),
    disclosures: (agency: StoredAgency, args: CatalogueArgs, context: CatalogueContext) =>
      cataloguePage(args, context, agency._id),
  },
  Region: {
    __resolveReference: (reference: { code: string }, context: CatalogueContext) => context.regions.load(reference.code),
    code: (region: StoredRegion) => region._id,
    parent: (region: StoredRegion, _args: unknown, context: CatalogueContext) =>
      region.parentCode ? context.regions.load(region.parentCode) : null,
    children: (region: StoredRegion, _args: unknown, context: CatalogueContext) => context.regionChildren.load(region._id),
    agencies: (region: StoredRegion, _args: unknown, context: CatalogueContext) => context.regionAgencies.load(region._id),
  },
};
