import type { DomainName } from './envelope';
import { RECORD_DEFINITIONS, type RecordDefinition } from './records';
import type { DomainSubgraphName } from './records/record-type';

interface RecordTypeInfo {
  domain: DomainName;
  subgraph: DomainSubgraphName;
  /** Collection in the owning subgraph's database. */
  collection: string;
}

export type RecordTypeName = RecordDefinition['type'];

/** Every disclosure type, the domain and subgraph that own it, and where it is stored (from model/records). */
export const RECORD_TYPES = Object.fromEntries(
  RECORD_DEFINITIONS.map(({ type, domain, subgraph, collection }) => [type, { domain, subgraph, collection }]),
) as Record<RecordTypeName, RecordTypeInfo>;

export const RECORD_TYPE_NAMES: RecordTypeName[] = RECORD_DEFINITIONS.map((definition) => definition.type);

export function isRecordTypeName(name: string): name is RecordTypeName {
  return Object.prototype.hasOwnProperty.call(RECORD_TYPES, name);
}

/** Name of the catalogue's index collection, one entry per disclosure of any type. */
export const CATALOGUE_ENTRIES = 'entries';
/** The catalogue's copy of each disclosure's body, kept out of `entries` so that reading the index never reads bodies. */
export const CATALOGUE_BODIES = 'bodies';
export const AGENCIES = 'agencies';
export const REGIONS = 'regions';
