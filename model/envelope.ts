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
  /** Working days from writtenOn to publication (null without writtenOn, or with one after publication). */
  publicationDelayWorkingDays: number | null;
  /** Whether it went public after the 20 working days the Regulations allow (null where the delay is). */
  publishedLate: boolean | null;
  /** What is inconsistent in the record as published (model/quality.ts); empty for most. */
  qualityFlags: QualityFlag[];
  grams: string[];
  searchText: string;
}

/** Every field of a stored envelope: what the catalogue index keeps of a record. */
export const ENVELOPE_KEYS = [
  '_id', 'type', 'domain', 'title', 'category', 'agencyCode', 'agencyName', 'regionCode', 'regionPath',
  'documentNumber', 'subjectTerms', 'writtenOn', 'publishedAt', 'year', 'disclosureMode',
  'interpretationIndexNumber', 'sourceUrl', 'status', 'publicationDelayWorkingDays', 'publishedLate',
  'qualityFlags', 'grams', 'searchText',
] as const satisfies ReadonlyArray<keyof StoredEnvelope>;

export type StoredRecord<Fields> = StoredEnvelope & Fields;
