import type { DisclosureInput } from '../model/input';
import { BODY_KEYS, ENVELOPE_KEYS, type AttachmentMeta, type CatalogueEntry, type DisclosureStatus, type StoredBody, type EnvelopeInput, type StoredEnvelope } from '../model/envelope';
import { RECORD_TYPES, type RecordTypeName } from '../model/record-types';
import { qualityFlagsOf, writtenAfterPublished } from '../model/quality';
import { shanghaiDate, shanghaiYear } from '../model/time';
import { PUBLICATION_DEADLINE_WORKING_DAYS, workingDaysAfter } from '../model/workdays';
import { normalizeText, searchedFields, searchIndexFields } from '../storage/text-search';

/** What the catalogue, which owns agencies and regions, resolves for a record before its owner stores it. */
export interface ResolvedReferences {
  agencyName: string;
  /** The record's region and every region above it. */
  regionPath: string[];
}

/** A submission that passed validation, with its references resolved: what an owner stores. */
export interface PreparedDisclosure extends ResolvedReferences {
  input: DisclosureInput;
}

export interface RejectedDisclosure {
  indexNumber: string;
  /** The field at fault, e.g. `envelope.agencyCode`. */
  field: string;
  reason: string;
  /** The rule it broke, where it is not `reference` (a reference the catalogue could not resolve). */
  rule?: string;
}

export interface WrittenDisclosure {
  indexNumber: string;
  type: RecordTypeName;
  status: DisclosureStatus;
  /** False when the record was already stored exactly so: nothing changed. */
  changed: boolean;
}

/** A record as its owner stores it: the envelope, its type's own fields, and its revision. */
export type OwnedRecord = StoredEnvelope & { revision?: number } & Record<string, unknown>;

/** The record a prepared disclosure becomes in its owner's collection, in review state `status`. */
export function storedRecord({ input, agencyName, regionPath }: PreparedDisclosure, status: DisclosureStatus): OwnedRecord {
  const attachments = (input.attachments ?? []).map(({ name, mediaType, size, sha256 }) => ({ name, mediaType, size, sha256 }));
  return { ...input.fields, ...storedEnvelope(input.type, input.envelope, agencyName, regionPath, status, attachments) };
}

/** The catalogue entry of a stored record: its envelope without its body and without the type's own fields. */
export function envelopeOf(record: StoredEnvelope): CatalogueEntry {
  return Object.fromEntries(ENVELOPE_KEYS.map((key) => [key, record[key]])) as unknown as CatalogueEntry;
}

/** The catalogue's copy of a stored record's body (null fields for a record without one). */
export function bodyOf(record: StoredEnvelope): StoredBody {
  return { _id: record._id, ...Object.fromEntries(BODY_KEYS.map((key) => [key, record[key] ?? null])) } as StoredBody;
}

/**
 * How the envelope is stored: keyed by index number, with what is derived for filtering and search
 * (region ancestry, year, lateness on the State Council calendar, quality flags, search grams).
 */
export function storedEnvelope(
  type: RecordTypeName,
  input: EnvelopeInput,
  agencyName: string,
  regionPath: string[],
  status: DisclosureStatus,
  attachments: AttachmentMeta[] = [],
): StoredEnvelope {
  const documentNumber = input.documentNumber ?? null;
  const writtenOn = input.writtenOn ?? null;
  const delay = writtenOn && !writtenAfterPublished(input) ? workingDaysAfter(writtenOn, shanghaiDate(input.publishedAt)) : null;
  const envelope: Omit<StoredEnvelope, 'grams' | 'searchText' | 'bodySearch'> = {
    _id: input.indexNumber,
    type,
    domain: RECORD_TYPES[type].domain,
    title: input.title,
    category: input.category,
    agencyCode: input.agencyCode,
    agencyName,
    regionCode: input.regionCode,
    regionPath,
    documentNumber,
    subjectTerms: input.subjectTerms,
    writtenOn,
    publishedAt: input.publishedAt,
    year: shanghaiYear(input.publishedAt),
    disclosureMode: input.disclosureMode,
    interpretationIndexNumber: input.interpretationIndexNumber ?? null,
    sourceUrl: input.sourceUrl ?? null,
    summary: input.summary ?? null,
    bodyText: input.bodyText ?? null,
    bodyHtml: input.bodyHtml ?? null,
    attachments,
    status,
    publicationDelayWorkingDays: delay,
    publishedLate: delay === null ? null : delay > PUBLICATION_DEADLINE_WORKING_DAYS,
    qualityFlags: qualityFlagsOf(input),
  };
  const indexed = searchedFields(envelope).filter((field) => field.field !== 'BODY');
  return {
    ...envelope,
    ...searchIndexFields(indexed.map((field) => field.value)),
    bodySearch: envelope.bodyText === null ? null : normalizeText(envelope.bodyText),
  };
}
