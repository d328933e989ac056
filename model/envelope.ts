import type { QualityFlag } from './quality';

export type DomainName = 'FINANCE' | 'LAND' | 'HOUSING' | 'EDUCATION' | 'SAFETY' | 'DOCUMENTS' | 'ENFORCEMENT';
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
  /** Summary 内容概述, plain text. */
  summary?: string | null;
  /** Full text 正文, plain text (derived from `bodyHtml` when only that is sent). */
  bodyText?: string | null;
  /** Full text as HTML, sanitised to the safe subset (model/body.ts). */
  bodyHtml?: string | null;
}

/** Where the gateway serves an attachment: its stable URL, a path on the API's origin. */
export function attachmentPath(indexNumber: string, sha256: string): string {
  return `/attachments/${encodeURIComponent(indexNumber)}/${sha256}`;
}

/** What is kept of an attachment 附件 beside its record (the bytes are in the owner's GridFS bucket). */
export interface AttachmentMeta {
  name: string;
  mediaType: string;
  /** Bytes. */
  size: number;
  /** Hex SHA-256 of the bytes: with the index number, the attachment's key. */
  sha256: string;
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
  summary: string | null;
  bodyText: string | null;
  bodyHtml: string | null;
  attachments: AttachmentMeta[];
  status: DisclosureStatus;
  /** Working days from writtenOn to publication (null without writtenOn, or with one after publication). */
  publicationDelayWorkingDays: number | null;
  /** Whether it went public after the 20 working days the Regulations allow (null where the delay is). */
  publishedLate: boolean | null;
  /** What is inconsistent in the record as published (model/quality.ts); empty for most. */
  qualityFlags: QualityFlag[];
  grams: string[];
  searchText: string;
  /** The body's plain text folded for search (storage/text-search.ts), matched by `$regex`; null without a body. */
  bodySearch: string | null;
}

/** The body of a record: what the catalogue keeps of it beside its index entry (CATALOGUE_BODIES). */
export const BODY_KEYS = ['bodyText', 'bodyHtml', 'bodySearch'] as const satisfies ReadonlyArray<keyof StoredEnvelope>;

export type StoredBody = Pick<StoredEnvelope, '_id' | (typeof BODY_KEYS)[number]>;

/** Every other field of a stored envelope: what the catalogue index keeps of a record. */
export const ENVELOPE_KEYS = [
  '_id', 'type', 'domain', 'title', 'category', 'agencyCode', 'agencyName', 'regionCode', 'regionPath',
  'documentNumber', 'subjectTerms', 'writtenOn', 'publishedAt', 'year', 'disclosureMode',
  'interpretationIndexNumber', 'sourceUrl', 'summary', 'attachments', 'status', 'publicationDelayWorkingDays', 'publishedLate',
  'qualityFlags', 'grams', 'searchText',
] as const satisfies ReadonlyArray<Exclude<keyof StoredEnvelope, (typeof BODY_KEYS)[number]>>;

/** A catalogue index entry: the envelope without the body. */
export type CatalogueEntry = Omit<StoredEnvelope, (typeof BODY_KEYS)[number]>;

export type StoredRecord<Fields> = StoredEnvelope & Fields;
