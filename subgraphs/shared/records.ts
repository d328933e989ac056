import type { Collection, Document, Filter } from 'mongodb';
import { badUserInput } from './errors';
import { endOfShanghaiDay, shanghaiDate, startOfShanghaiDay, toIsoDay } from './time';
import { ensureIndexes } from './mongo';
import { normalizeText, textFilter } from './text';

export type DomainName = 'FINANCE' | 'LAND' | 'HOUSING' | 'EDUCATION' | 'SAFETY';
export type DisclosureMode = 'FULL' | 'PARTIAL' | 'REDACTED';

/** Review state 审查状态: nothing is public before review (先审查后公开). */
export type DisclosureStatus = 'DRAFT' | 'REVIEWED' | 'PUBLISHED' | 'WITHDRAWN';

/** The envelope every disclosure carries (DOMAIN.md), as it arrives from a publisher. */
export interface EnvelopeInput {
  indexNumber: string;
  title: string;
  category: string;
  agencyCode: string;
  regionCode: string;
  documentNumber?: string | null;
  subjectTerms: string[];
  /** `YYYY-MM-DD`, Asia/Shanghai. */
  writtenOn?: string | null;
  publishedAt: Date;
  disclosureMode: DisclosureMode;
  interpretationIndexNumber?: string | null;
  sourceUrl?: string | null;
}

/**
 * How the envelope is stored, in the domain collection and in the catalogue index alike: keyed by
 * index number, with what the ingest path derives for filtering (region ancestry, year) and search.
 */
export interface StoredEnvelope {
  _id: string;
  type: string;
  domain: DomainName;
  title: string;
  category: string;
  agencyCode: string;
  agencyName: string;
  regionCode: string;
  /** The region and every region above it, so a filter on a province finds its counties' records. */
  regionPath: string[];
  documentNumber: string | null;
  subjectTerms: string[];
  writtenOn: string | null;
  publishedAt: Date;
  /** Publication year in Asia/Shanghai, for facets. */
  year: number;
  disclosureMode: DisclosureMode;
  interpretationIndexNumber: string | null;
  sourceUrl: string | null;
  status: DisclosureStatus;
  /** Working days from writtenOn to publication (null without writtenOn). */
  publicationDelayWorkingDays: number | null;
  /** Whether it went public after the 20 working days the Regulations allow (null without writtenOn). */
  publishedLate: boolean | null;
  grams: string[];
  searchText: string;
}

/** Every field of a stored envelope: what the catalogue index keeps of a record. */
export const ENVELOPE_KEYS = [
  '_id', 'type', 'domain', 'title', 'category', 'agencyCode', 'agencyName', 'regionCode', 'regionPath',
  'documentNumber', 'subjectTerms', 'writtenOn', 'publishedAt', 'year', 'disclosureMode',
  'interpretationIndexNumber', 'sourceUrl', 'status', 'publicationDelayWorkingDays', 'publishedLate',
  'grams', 'searchText',
] as const satisfies ReadonlyArray<keyof StoredEnvelope>;

/** The fields an EnvelopeFilter (schema/common.graphql) can carry, after scalar parsing. */
export interface EnvelopeFilterInput {
  agencyCodes?: string[] | null;
  regionCodes?: string[] | null;
  categories?: string[] | null;
  disclosureModes?: DisclosureMode[] | null;
  publishedFrom?: Date | string | null;
  publishedTo?: Date | string | null;
  writtenFrom?: Date | string | null;
  writtenTo?: Date | string | null;
  publishedLate?: boolean | null;
  text?: string | null;
}

const MAX_TEXT_LENGTH = 100;
const MAX_LIST_LENGTH = 200;

function inList(argument: string, values: readonly string[] | null | undefined): Document | undefined {
  if (values === null || values === undefined) return undefined;
  if (values.length > MAX_LIST_LENGTH) {
    throw badUserInput(argument, 'max-items', `at most ${MAX_LIST_LENGTH} values; got ${values.length}`);
  }
  return { $in: [...values] };
}

/** A date scalar's value (or nothing) as `YYYY-MM-DD`. */
export type DayInput = Date | string | null | undefined;

export function day(value: DayInput): string | undefined {
  return value ? toIsoDay(value) : undefined;
}

/** `{ $in: values }`, or nothing when the filter was not given. */
export function oneOf<T>(values: readonly T[] | null | undefined): Document | undefined {
  return values ? { $in: [...values] } : undefined;
}

/** Adds `min`/`max` bounds to a clause, rejecting an empty range with the argument's name. */
export function range(
  argument: string,
  min: number | string | Date | null | undefined,
  max: number | string | Date | null | undefined,
  exclusiveMax = false,
): Document | undefined {
  const bounds: Document = {};
  if (min !== null && min !== undefined) bounds.$gte = min;
  if (max !== null && max !== undefined) bounds[exclusiveMax ? '$lt' : '$lte'] = max;
  if (bounds.$gte !== undefined && (bounds.$lte ?? bounds.$lt) !== undefined) {
    const upper = bounds.$lte ?? bounds.$lt;
    if (bounds.$gte > upper || (exclusiveMax && bounds.$gte >= upper)) {
      throw badUserInput(argument, 'range', 'the lower bound is above the upper bound');
    }
  }
  return Object.keys(bounds).length ? bounds : undefined;
}

/** Builds a MongoDB filter from clauses, leaving out the ones not given. */
export function allOf(clauses: Record<string, Document | string | number | boolean | undefined>): Document {
  const filter: Document = {};
  for (const [field, clause] of Object.entries(clauses)) if (clause !== undefined) filter[field] = clause;
  return filter;
}

/** The MongoDB filter for an EnvelopeFilter; `argument` names the GraphQL argument in errors. */
export function envelopeFilter(input: EnvelopeFilterInput | null | undefined, argument = 'filter'): Document {
  if (!input) return {};
  const publishedFrom = day(input.publishedFrom);
  const publishedTo = day(input.publishedTo);
  let text: Document | undefined;
  if (input.text !== null && input.text !== undefined) {
    const length = [...normalizeText(input.text)].length;
    if (length < 1 || length > MAX_TEXT_LENGTH) {
      throw badUserInput(`${argument}.text`, 'length', `must have 1 to ${MAX_TEXT_LENGTH} characters besides spaces`);
    }
    text = textFilter(input.text);
  }
  return {
    ...allOf({
      agencyCode: inList(`${argument}.agencyCodes`, input.agencyCodes),
      regionPath: inList(`${argument}.regionCodes`, input.regionCodes),
      category: inList(`${argument}.categories`, input.categories),
      disclosureMode: inList(`${argument}.disclosureModes`, input.disclosureModes),
      publishedAt: range(
        `${argument}.publishedFrom`,
        publishedFrom && startOfShanghaiDay(publishedFrom),
        publishedTo && endOfShanghaiDay(publishedTo),
        true,
      ),
      writtenOn: range(`${argument}.writtenFrom`, day(input.writtenFrom), day(input.writtenTo)),
      publishedLate: input.publishedLate ?? undefined,
    }),
    ...text,
  };
}

/** Resolvers for the envelope fields, shared by every disclosure type in every subgraph. */
export const envelopeFieldResolvers = {
  id: (record: StoredEnvelope) => record._id,
  indexNumber: (record: StoredEnvelope) => record._id,
  agency: (record: StoredEnvelope) => ({ __typename: 'Agency', code: record.agencyCode }),
  region: (record: StoredEnvelope) => ({ __typename: 'Region', code: record.regionCode }),
  publishedOn: (record: StoredEnvelope) => shanghaiDate(record.publishedAt),
};

/** Indexes every collection of stored envelopes needs: the default order, filters, search. */
export async function ensureEnvelopeIndexes(collection: Collection<StoredEnvelope>): Promise<void> {
  await ensureIndexes(collection as never, [
    { key: { publishedAt: -1, _id: -1 }, name: 'published' },
    { key: { agencyCode: 1, publishedAt: -1, _id: -1 }, name: 'agency_published' },
    { key: { regionPath: 1, publishedAt: -1 }, name: 'region_published' },
    { key: { category: 1, publishedAt: -1 }, name: 'category_published' },
    { key: { grams: 1 }, name: 'grams' },
  ]);
}

export type StoredRecord<Fields> = StoredEnvelope & Fields;
export type { Filter };
