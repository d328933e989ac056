import type { Collection, Document } from 'mongodb';
import { badUserInput } from '../platform/errors';
import { endOfShanghaiDay, startOfShanghaiDay, toIsoDay } from '../model/time';
import type { CatalogueEntry, DisclosureMode } from '../model/envelope';
import type { QualityFlag } from '../model/quality';
import { ensureIndexes } from './mongo';
import { bodyTextFilter, normalizeText, textFilter } from './text-search';

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
  qualityFlags?: QualityFlag[] | null;
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

/**
 * The MongoDB filter for an EnvelopeFilter; `argument` names the GraphQL argument in errors. A text
 * matches the indexed fields (title, terms, …, summary) or the body: by default the folded body of
 * the record itself (an owner's records hold theirs); the catalogue, which keeps bodies apart, gives
 * `bodyMatch`, the clause for the records whose body holds the text.
 */
export function envelopeFilter(input: EnvelopeFilterInput | null | undefined, argument = 'filter', bodyMatch?: Document): Document {
  if (!input) return {};
  const publishedFrom = day(input.publishedFrom);
  const publishedTo = day(input.publishedTo);
  let text: Document | undefined;
  if (input.text !== null && input.text !== undefined) {
    const length = [...normalizeText(input.text)].length;
    if (length < 1 || length > MAX_TEXT_LENGTH) {
      throw badUserInput(`${argument}.text`, 'length', `must have 1 to ${MAX_TEXT_LENGTH} characters besides spaces`);
    }
    const indexed = textFilter(input.text);
    text = indexed && { $or: [indexed, bodyMatch ?? bodyTextFilter(input.text)] };
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
      // On the array field `$in` matches a record carrying any of the flags.
      qualityFlags: inList(`${argument}.qualityFlags`, input.qualityFlags),
    }),
    ...text,
  };
}

/** Indexes every collection of stored envelopes needs: the default order, filters, search. */
export async function ensureEnvelopeIndexes<T extends CatalogueEntry>(collection: Collection<T>): Promise<void> {
  await ensureIndexes(collection as never, [
    { key: { publishedAt: -1, _id: -1 }, name: 'published' },
    { key: { agencyCode: 1, publishedAt: -1, _id: -1 }, name: 'agency_published' },
    { key: { regionPath: 1, publishedAt: -1, _id: -1 }, name: 'region_published' },
    { key: { category: 1, publishedAt: -1, _id: -1 }, name: 'category_published' },
    { key: { qualityFlags: 1, publishedAt: -1, _id: -1 }, name: 'quality_flags_published' },
    { key: { grams: 1 }, name: 'grams' },
  ]);
}

