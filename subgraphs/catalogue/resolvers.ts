import type { GraphQLResolveInfo } from 'graphql';
import { RECORD_TYPE_NAMES } from '../../model/record-types';
import { badUserInput } from '../../platform/errors';
import { hintChangeFeed } from '../kit/caching';
import { isVisible, visibilityFilter } from '../kit/auth';
import type { PageArgs } from '../../storage/pagination';
import { searchedFields, snippetsOf } from '../../storage/text-search';
import { envelopeFieldResolvers } from '../kit/envelope-resolvers';
import { boundedPage } from '../kit/expensive';
import { attachmentPath, type CatalogueEntry } from '../../model/envelope';
import type { AdministrativeLevel, StoredAgency, StoredRegion } from '../../storage/reference';
import { publishingResolvers } from './publishing';
import { registerAgency, type AgencyRegistration } from './agency-registration';
import type { CatalogueContext } from './context';
import type { Document } from 'mongodb';
import type { CatalogueFilterInput, Dimension } from './repository';

interface CatalogueArgs extends PageArgs {
  filter?: CatalogueFilterInput | null;
}

const MAX_DIMENSIONS = 3;

/** A connection over the catalogue index, with facets counted only when asked for. */
async function cataloguePage(args: CatalogueArgs, context: CatalogueContext, agencyCode?: string) {
  let filter: Document = {};
  const connection = await boundedPage(context.work, args.filter?.text, async () => {
    const matching = await context.repository.filterOf(args.filter, context.work);
    filter = { $and: [visibilityFilter(context.actor), { ...matching, ...(agencyCode ? { agencyCode } : {}) }] };
    return context.repository.page(filter, args, context.work);
  });
  const text = args.filter?.text;
  const edges = connection.edges.map((edge) => ({ ...edge, snippets: () => (text ? snippetsFor(text, edge.node, context) : []) }));
  return { ...connection, edges, facets: { filter } };
}

/** Where a page's text was found in a record: its body read only for this (and once per request). */
async function snippetsFor(text: string, entry: CatalogueEntry, context: CatalogueContext) {
  const body = await context.bodies.load(entry._id);
  return snippetsOf(text, searchedFields({ ...entry, bodyText: body?.bodyText ?? null }));
}

/** A readable label for a dimension value: names for agency and region codes. */
async function labelOf(dimension: Dimension, value: string, context: CatalogueContext): Promise<string> {
  if (dimension === 'AGENCY') return (await context.agencies.load(value))?.name ?? value;
  if (dimension === 'REGION') return (await context.regions.load(value))?.name ?? value;
  return value;
}

async function facet(dimension: Dimension, filter: object, context: CatalogueContext) {
  context.work.admitExpensive();
  const groups = await context.repository.countBy(filter, [dimension], context.work);
  return Promise.all(
    groups.map(async ({ values: [value], count }) => ({ value, label: await labelOf(dimension, value, context), count })),
  );
}

const facetResolver = (dimension: Dimension) => (source: { filter: object }, _args: unknown, context: CatalogueContext) =>
  facet(dimension, source.filter, context);

/** A record by index number, if the actor may see it. */
async function visibleEntry(indexNumber: string, context: CatalogueContext): Promise<CatalogueEntry | null> {
  const entry = await context.entries.load(indexNumber);
  return entry && isVisible(entry, context.actor) ? entry : null;
}

/** The records of `indexNumbers` the actor may see, in the order given, the others left out. */
async function visibleEntries(indexNumbers: readonly string[], context: CatalogueContext): Promise<CatalogueEntry[]> {
  const entries = await Promise.all(indexNumbers.map((indexNumber) => visibleEntry(indexNumber, context)));
  return entries.filter((entry): entry is CatalogueEntry => entry !== null);
}

/** The record a documents record names in `field` of its links, if the actor may see it. */
const linkedEntry = (field: 'replacedBy' | 'finalDocument') => async (entry: CatalogueEntry, _args: unknown, context: CatalogueContext) => {
  const target = (await context.documentLinks.load(entry._id))?.[field];
  return target ? visibleEntry(target, context) : null;
};

const disclosureResolvers = {
  __resolveReference: (reference: { id: string }, context: CatalogueContext) => visibleEntry(reference.id, context),
  ...envelopeFieldResolvers,
  // Agency and Region live here, so the catalogue answers them whole rather than as references.
  agency: (entry: CatalogueEntry, _args: unknown, context: CatalogueContext) => context.agencies.load(entry.agencyCode),
  region: (entry: CatalogueEntry, _args: unknown, context: CatalogueContext) => context.regions.load(entry.regionCode),
  bodyText: async (entry: CatalogueEntry, _args: unknown, context: CatalogueContext) => (await context.bodies.load(entry._id))?.bodyText ?? null,
  bodyHtml: async (entry: CatalogueEntry, _args: unknown, context: CatalogueContext) => (await context.bodies.load(entry._id))?.bodyHtml ?? null,
  attachments: (entry: CatalogueEntry) => (entry.attachments ?? []).map((attachment) => ({ ...attachment, url: attachmentPath(entry._id, attachment.sha256) })),
  interpretation: (entry: CatalogueEntry, _args: unknown, context: CatalogueContext) =>
    entry.interpretationIndexNumber ? visibleEntry(entry.interpretationIndexNumber, context) : null,
  interpretations: async (entry: CatalogueEntry, _args: unknown, context: CatalogueContext) => {
    const interpretations = await visibleEntries(await context.interpretationsOf.load(entry._id), context);
    return interpretations.sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a._id < b._id ? 1 : -1));
  },
};

export const resolvers = {
  JSONObject: publishingResolvers.JSONObject,
  Mutation: {
    ...publishingResolvers.Mutation,
    registerAgency: (_: unknown, args: { agency: AgencyRegistration }, context: CatalogueContext) => registerAgency(args, context),
  },
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
      context.work.admitExpensive();
      const rows = await context.repository.countBy(
        { $and: [visibilityFilter(context.actor), await context.repository.filterOf(args.filter, context.work)] },
        args.by,
        context.work,
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
      context.repository.listAgencies(args.regionCode, context.work),
    region: (_source: unknown, args: { code: string }, context: CatalogueContext) => context.regions.load(args.code),
    regions: (_source: unknown, args: { level?: AdministrativeLevel | null }, context: CatalogueContext) =>
      context.repository.listRegions(args.level, context.work),
  },
  Disclosure: {
    ...disclosureResolvers,
    __resolveType: (entry: CatalogueEntry) => entry.type,
  },
  ...Object.fromEntries(RECORD_TYPE_NAMES.map((type) => [type, disclosureResolvers])),
  PolicyInterpretation: {
    ...disclosureResolvers,
    interprets: async (entry: CatalogueEntry, _args: unknown, context: CatalogueContext) =>
      visibleEntries((await context.documentLinks.load(entry._id))?.interprets ?? [], context),
  },
  PolicyDocument: { ...disclosureResolvers, replacedBy: linkedEntry('replacedBy') },
  Consultation: { ...disclosureResolvers, finalDocument: linkedEntry('finalDocument') },
  CatalogueFacets: {
    domain: facetResolver('DOMAIN'),
    type: facetResolver('TYPE'),
    agency: facetResolver('AGENCY'),
    region: facetResolver('REGION'),
    category: facetResolver('CATEGORY'),
    year: facetResolver('YEAR'),
    disclosureMode: facetResolver('DISCLOSURE_MODE'),
    qualityFlag: facetResolver('QUALITY_FLAG'),
  },
  Agency: {
    __resolveReference: (reference: { code: string }, context: CatalogueContext) => context.agencies.load(reference.code),
    code: (agency: StoredAgency) => agency._id,
    parent: (agency: StoredAgency, _args: unknown, context: CatalogueContext) =>
      agency.parentCode ? context.agencies.load(agency.parentCode) : null,
    children: (agency: StoredAgency, _args: unknown, context: CatalogueContext) => context.agencyChildren.load(agency._id),
    scope: (agency: StoredAgency, _args: unknown, context: CatalogueContext) => context.repository.scopeOf(agency._id, context.work),
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
