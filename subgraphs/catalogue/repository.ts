import type { Collection, Db, Document } from 'mongodb';
import { CATALOGUE_BODIES, CATALOGUE_ENTRIES, type RecordTypeName } from '../../model/record-types';
import { bodyTextFilter } from '../../storage/text-search';
import { badUserInput } from '../../platform/errors';
import type { QueryLimits } from '../../platform/overload';
import { findByIds } from '../../storage/loaders';
import { DUPLICATE_KEY, ensureIndexes } from '../../storage/mongo';
import { keysetPage, type PageArgs } from '../../storage/pagination';
import { envelopeFilter, ensureEnvelopeIndexes, type EnvelopeFilterInput } from '../../storage/filters';
import { type DomainName, type CatalogueEntry, type StoredBody } from '../../model/envelope';
import { agenciesOf, regionsOf, RegionAncestry, type AdministrativeLevel, type StoredAgency, type StoredRegion } from '../../storage/reference';

export interface CatalogueFilterInput extends EnvelopeFilterInput {
  domains?: DomainName[] | null;
  types?: RecordTypeName[] | null;
}

export type Dimension = 'DOMAIN' | 'TYPE' | 'AGENCY' | 'REGION' | 'CATEGORY' | 'YEAR' | 'DISCLOSURE_MODE' | 'QUALITY_FLAG';

/** The stored field each dimension groups on. */
export const DIMENSION_FIELDS: Record<Dimension, keyof CatalogueEntry> = {
  DOMAIN: 'domain',
  TYPE: 'type',
  AGENCY: 'agencyCode',
  REGION: 'regionCode',
  CATEGORY: 'category',
  YEAR: 'year',
  DISCLOSURE_MODE: 'disclosureMode',
  QUALITY_FLAG: 'qualityFlags',
};

/** Dimensions over an array field: a record counts once under each of its values. */
const ARRAY_DIMENSIONS: ReadonlySet<Dimension> = new Set(['QUALITY_FLAG']);

export interface GroupCount {
  values: string[];
  count: number;
}

export function catalogueFilter(input: CatalogueFilterInput | null | undefined, argument = 'filter', bodyMatch?: Document): Document {
  if (!input) return {};
  return {
    ...envelopeFilter(input, argument, bodyMatch),
    ...(input.domains ? { domain: { $in: [...input.domains] } } : {}),
    ...(input.types ? { type: { $in: [...input.types] } } : {}),
  };
}

/**
 * The catalogue's data: the index of every disclosure's envelope (written by the ingest path), the
 * agencies and the regions.
 */
export class CatalogueRepository {
  readonly entries: Collection<CatalogueEntry>;
  readonly bodies: Collection<StoredBody>;
  readonly agencies: Collection<StoredAgency>;
  readonly regions: Collection<StoredRegion>;
  private readonly ancestry: RegionAncestry;

  constructor(db: Db) {
    this.entries = db.collection<CatalogueEntry>(CATALOGUE_ENTRIES);
    this.bodies = db.collection<StoredBody>(CATALOGUE_BODIES);
    this.agencies = agenciesOf(db);
    this.regions = regionsOf(db);
    this.ancestry = new RegionAncestry(this.regions);
  }

  async ensureIndexes(): Promise<void> {
    await ensureEnvelopeIndexes(this.entries);
    await ensureIndexes(this.entries as never, [
      { key: { domain: 1, publishedAt: -1, _id: -1 }, name: 'domain_published' },
      { key: { type: 1, publishedAt: -1, _id: -1 }, name: 'type_published' },
    ]);
    await ensureIndexes(this.agencies as never, [
      { key: { parentCode: 1 }, name: 'parent' },
      { key: { regionCode: 1 }, name: 'region' },
    ]);
    await ensureIndexes(this.regions as never, [{ key: { parentCode: 1 }, name: 'parent' }]);
  }

  /**
   * catalogueFilter with a text matched in the bodies too: the bodies, kept apart from the index
   * entries, are read first (one `$regex` over the folded bodies, for their index numbers) and the
   * entries are then matched on their indexed fields or by those numbers. Bad input is refused
   * before any body is read.
   */
  async filterOf(input: CatalogueFilterInput | null | undefined, limits: QueryLimits): Promise<Document> {
    const filter = catalogueFilter(input);
    if (!input?.text || !filter.$or) return filter;
    const matches = await this.bodies.find(bodyTextFilter(input.text), { projection: { _id: 1 }, ...limits.query() }).toArray();
    return catalogueFilter(input, 'filter', { _id: { $in: matches.map((body) => body._id) } });
  }

  page(filter: Document, args: PageArgs, limits: QueryLimits) {
    return keysetPage(this.entries, filter, args, limits);
  }

  /** Counts by one or more dimensions in one `$group` (one accumulator), largest first. */
  async countBy(filter: Document, dimensions: readonly Dimension[], limits: QueryLimits): Promise<GroupCount[]> {
    const key = Object.fromEntries(dimensions.map((d, i) => [`k${i}`, `$${DIMENSION_FIELDS[d]}`]));
    const unwind = dimensions.filter((d) => ARRAY_DIMENSIONS.has(d)).map((d) => ({ $unwind: `$${DIMENSION_FIELDS[d]}` }));
    const groups = await this.entries
      .aggregate<{ _id: Record<string, string | number | null>; count: number }>(
        [{ $match: filter }, ...unwind, { $group: { _id: key, count: { $sum: 1 } } }],
        limits.query(),
      )
      .toArray();
    return groups
      .map((g) => ({ values: dimensions.map((_, i) => String(g._id[`k${i}`] ?? '')), count: g.count }))
      .sort((a, b) => b.count - a.count || a.values.join('\u0000').localeCompare(b.values.join('\u0000')));
  }

  agenciesByIds(codes: readonly string[]) {
    return findByIds(this.agencies, codes);
  }

  regionsByIds(codes: readonly string[]) {
    return findByIds(this.regions, codes);
  }

  /** Children of each parent code, one query for all of them. */
  async agenciesByParents(codes: readonly string[], limits: QueryLimits): Promise<Map<string, StoredAgency[]>> {
    return groupByParent(await this.agencies.find({ parentCode: { $in: [...codes] } }, limits.query()).sort({ _id: 1 }).toArray(), codes);
  }

  /**
   * The agency and every agency under it (its departments, and theirs), the agency first: whom a
   * key of the agency may act for. One query per level of the hierarchy.
   */
  async scopeOf(code: string, limits: QueryLimits): Promise<string[]> {
    const scope = [code];
    const seen = new Set(scope);
    for (let level = [code]; level.length; ) {
      const children = await this.agencies
        .find({ parentCode: { $in: level } }, { projection: { _id: 1 }, ...limits.query() })
        .sort({ _id: 1 })
        .toArray();
      level = children.map((child) => child._id).filter((child) => !seen.has(child));
      for (const child of level) seen.add(child);
      scope.push(...level);
    }
    return scope;
  }

  async regionsByParents(codes: readonly string[], limits: QueryLimits): Promise<Map<string, StoredRegion[]>> {
    return groupByParent(await this.regions.find({ parentCode: { $in: [...codes] } }, limits.query()).sort({ _id: 1 }).toArray(), codes);
  }

  async agenciesByRegions(codes: readonly string[], limits: QueryLimits): Promise<Map<string, StoredAgency[]>> {
    const agencies = await this.agencies.find({ regionCode: { $in: [...codes] } }, limits.query()).sort({ _id: 1 }).toArray();
    const byRegion = new Map<string, StoredAgency[]>(codes.map((c) => [c, []]));
    for (const agency of agencies) byRegion.get(agency.regionCode)?.push(agency);
    return byRegion;
  }

  /** Agencies of a region and of every region below it, or all agencies. */
  async listAgencies(regionCode: string | null | undefined, limits: QueryLimits): Promise<StoredAgency[]> {
    if (!regionCode) return this.agencies.find({}, limits.query()).sort({ _id: 1 }).toArray();
    if (!/^\d{6}$/.test(regionCode)) throw badUserInput('regionCode', 'format', 'must be a 6-digit region code');
    const all = await this.agencies.find({}, limits.query()).sort({ _id: 1 }).toArray();
    const paths = await this.ancestry.pathsOf([...new Set(all.map((a) => a.regionCode))], limits);
    return all.filter((agency) => paths.get(agency.regionCode)?.includes(regionCode));
  }

  /** The region and every region above it, nearest first; empty for an unknown region. */
  async regionPathOf(regionCode: string, limits: QueryLimits): Promise<string[]> {
    return (await this.ancestry.pathsOf([regionCode], limits)).get(regionCode) ?? [];
  }

  /**
   * Adds an agency. An agency stored exactly so already is `unchanged`; one stored under the same
   * code with other details is a `conflict`, with what is stored.
   */
  async addAgency(agency: StoredAgency): Promise<{ outcome: 'added' | 'unchanged' } | { outcome: 'conflict'; stored: StoredAgency }> {
    try {
      await this.agencies.insertOne(agency);
      return { outcome: 'added' };
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      const stored = (await this.agencies.findOne({ _id: agency._id })) as StoredAgency;
      const same = (Object.keys(agency) as Array<keyof StoredAgency>).every((key) => stored[key] === agency[key]);
      return same ? { outcome: 'unchanged' } : { outcome: 'conflict', stored };
    }
  }

  listRegions(level: AdministrativeLevel | null | undefined, limits: QueryLimits): Promise<StoredRegion[]> {
    return this.regions.find(level ? { level } : {}, limits.query()).sort({ _id: 1 }).toArray();
  }
}

function groupByParent<T extends { parentCode: string | null }>(items: T[], parents: readonly string[]): Map<string, T[]> {
  const byParent = new Map<string, T[]>(parents.map((p) => [p, []]));
  for (const item of items) if (item.parentCode) byParent.get(item.parentCode)?.push(item);
  return byParent;
}
