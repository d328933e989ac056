import type { Collection, Db } from 'mongodb';
import { AGENCIES, REGIONS } from '../model/record-types';
import { findByIds } from './loaders';

export type AdministrativeLevel = 'NATIONAL' | 'PROVINCE' | 'PREFECTURE' | 'COUNTY' | 'TOWNSHIP';

/** An administrative region 行政区划, keyed by its 6-digit GB/T 2260 code. */
export interface StoredRegion {
  _id: string;
  name: string;
  level: AdministrativeLevel;
  parentCode: string | null;
}

/** A publishing agency 发布机构, keyed by its 18-character unified social credit code. */
export interface StoredAgency {
  _id: string;
  name: string;
  level: AdministrativeLevel;
  /** GOVERNMENT for a people's government or its office, DEPARTMENT for a bureau under it. */
  kind: 'GOVERNMENT' | 'DEPARTMENT';
  parentCode: string | null;
  regionCode: string;
}

export function agenciesOf(catalogue: Db): Collection<StoredAgency> {
  return catalogue.collection<StoredAgency>(AGENCIES);
}

export function regionsOf(catalogue: Db): Collection<StoredRegion> {
  return catalogue.collection<StoredRegion>(REGIONS);
}

/**
 * Region ancestry: the region and every region above it, nearest first. Reads each level of parents
 * in one batch and remembers what it has seen.
 */
export class RegionAncestry {
  private readonly known = new Map<string, StoredRegion>();

  constructor(private readonly regions: Collection<StoredRegion>) {}

  private async load(codes: readonly string[]): Promise<void> {
    let wanted = codes.filter((code) => !this.known.has(code));
    while (wanted.length) {
      const found = await findByIds(this.regions, wanted);
      for (const region of found.values()) this.known.set(region._id, region);
      wanted = [...found.values()]
        .map((r) => r.parentCode)
        .filter((code): code is string => Boolean(code) && !this.known.has(code as string));
    }
  }

  /** The regions of `codes` that exist, by code. */
  async regionsOf(codes: readonly string[]): Promise<Map<string, StoredRegion>> {
    await this.load(codes);
    return new Map(codes.flatMap((code) => (this.known.has(code) ? [[code, this.known.get(code) as StoredRegion]] : [])));
  }

  async pathsOf(codes: readonly string[]): Promise<Map<string, string[]>> {
    await this.load(codes);
    const paths = new Map<string, string[]>();
    for (const code of codes) {
      if (!this.known.has(code)) continue;
      const path: string[] = [];
      for (let at: string | null = code; at && !path.includes(at); at = this.known.get(at)?.parentCode ?? null) {
        path.push(at);
      }
      paths.set(code, path);
    }
    return paths;
  }
}
