import type { DisclosureInput } from '../model/input';
import { ENVELOPE_KEYS, type AttachmentMeta, type DisclosureStatus, type EnvelopeInput, type StoredEnvelope } from '../model/envelope';
import { RECORD_TYPES, type RecordTypeName } from '../model/record-types';
import { shanghaiDate, shanghaiYear } from '../model/time';
import { PUBLICATION_DEADLINE_WORKING_DAYS, workingDaysAfter } from '../model/workdays';
import { searchedFields, searchIndexFields } from '../storage/text-search';

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

/** The catalogue entry of a stored record: its envelope without the type's own fields. */
export function envelopeOf(record: StoredEnvelope): StoredEnvelope {
  return Object.fromEntries(ENVELOPE_KEYS.map((key) => [key, record[key]])) as unknown as StoredEnvelope;
}

/**
 * How the envelope is stored: keyed by index number, with what is derived for filtering and search
 * (region ancestry, year, lateness on the State Council calendar, search grams).
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
  const delay = writtenOn ? workingDaysAfter(writtenOn, shanghaiDate(input.publishedAt)) : null;
  const envelope: Omit<StoredEnvelope, 'grams' | 'searchText'> = {
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
  };
  return { ...envelope, ...searchIndexFields(searchedFields(envelope).map((field) => field.value)) };
}
