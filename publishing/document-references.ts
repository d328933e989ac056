/**
 * What the catalogue keeps of the documents subgraph's records besides their envelopes, derived from
 * the same owner feed as its index (catalogue-projector.ts) and never read from the documents
 * database:
 *   - `documentLinks`: the records a documents record names by index number (the records an
 *     interpretation interprets, the document that replaced a policy document, a consultation's final
 *     document), for the catalogue's `interprets`, `replacedBy`, `finalDocument`, and, through the
 *     index on `interprets`, every record's `interpretations`;
 *   - `numberingSchemes`: the numbering template of each disclosure guide, with its agency, review
 *     state and publication, for the check of index numbers against the agency's current guide.
 * Projecting a record again writes nothing new, as for the index.
 */
import type { Collection, Db } from 'mongodb';
import type { DisclosureStatus } from '../model/envelope';
import type { ConsultationFields } from '../model/records/documents/consultation';
import type { DisclosureGuideFields } from '../model/records/documents/disclosure-guide';
import { compileNumberingPattern } from '../model/records/documents/numbering-pattern';
import type { PolicyDocumentFields } from '../model/records/documents/policy-document';
import type { PolicyInterpretationFields } from '../model/records/documents/policy-interpretation';
import type { QueryLimits } from '../platform/overload';
import { findByIds } from '../storage/loaders';
import { ensureIndexes, storeById } from '../storage/mongo';
import type { OwnedRecord } from './stored-record';

export const DOCUMENT_LINKS = 'documentLinks';
export const NUMBERING_SCHEMES = 'numberingSchemes';

/** The records one documents record names. */
export interface DocumentLink {
  _id: string;
  interprets: string[];
  replacedBy: string | null;
  finalDocument: string | null;
}

/** A disclosure guide's numbering template, with what decides whether it is its agency's current one. */
export interface StoredNumberingScheme {
  _id: string;
  agencyCode: string;
  status: DisclosureStatus;
  publishedAt: Date;
  pattern: string | null;
}

/** The scheme an agency's records are checked against: its current guide's template. */
export interface CurrentNumberingScheme {
  guide: string;
  pattern: string;
  publishedAt: Date;
  matches(indexNumber: string): boolean;
}

function linkOf(record: OwnedRecord): DocumentLink | null {
  const base = { _id: record._id, interprets: [], replacedBy: null, finalDocument: null };
  if (record.type === 'PolicyInterpretation') return { ...base, interprets: (record as unknown as PolicyInterpretationFields).interpretsIndexNumbers };
  if (record.type === 'PolicyDocument') return { ...base, replacedBy: (record as unknown as PolicyDocumentFields).replacedByIndexNumber };
  if (record.type === 'Consultation') return { ...base, finalDocument: (record as unknown as ConsultationFields).finalDocumentIndexNumber };
  return null;
}

function schemeOf(record: OwnedRecord): StoredNumberingScheme | null {
  if (record.type !== 'DisclosureGuide') return null;
  const { numberingScheme } = record as unknown as DisclosureGuideFields;
  return { _id: record._id, agencyCode: record.agencyCode, status: record.status, publishedAt: record.publishedAt, pattern: numberingScheme.pattern };
}

export class DocumentReferences {
  readonly links: Collection<DocumentLink>;
  readonly schemes: Collection<StoredNumberingScheme>;

  constructor(catalogue: Db) {
    this.links = catalogue.collection<DocumentLink>(DOCUMENT_LINKS);
    this.schemes = catalogue.collection<StoredNumberingScheme>(NUMBERING_SCHEMES);
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.links as never, [{ key: { interprets: 1 }, name: 'interprets' }]);
    await ensureIndexes(this.schemes as never, [{ key: { agencyCode: 1, status: 1, publishedAt: -1, _id: -1 }, name: 'agency_current' }]);
  }

  /** Keeps the links and schemes of the documents records among `records` as their owner committed them. */
  async project(records: readonly OwnedRecord[]): Promise<void> {
    const links = records.map(linkOf).filter((link): link is DocumentLink => link !== null);
    const schemes = records.map(schemeOf).filter((scheme): scheme is StoredNumberingScheme => scheme !== null);
    const [knownLinks, knownSchemes] = await Promise.all([
      findByIds(this.links, links.map((l) => l._id)),
      findByIds(this.schemes, schemes.map((s) => s._id)),
    ]);
    await Promise.all([storeById(this.links, links, knownLinks), storeById(this.schemes, schemes, knownSchemes)]);
  }

  /** For each index number, the interpretations that name it (published or not: the caller checks what the actor may see). */
  async interpretationsOf(indexNumbers: readonly string[], limits?: QueryLimits): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    const wanted = new Set(indexNumbers);
    const links = await this.links.find({ interprets: { $in: [...wanted] } }, limits?.query()).toArray();
    for (const link of links) {
      for (const target of link.interprets) if (wanted.has(target)) found.set(target, [...(found.get(target) ?? []), link._id]);
    }
    return found;
  }

  /** The current numbering scheme of each agency that has one: the template of its latest published guide, if it declares one. */
  async currentSchemes(agencyCodes: readonly string[]): Promise<Map<string, CurrentNumberingScheme>> {
    const current = new Map<string, CurrentNumberingScheme>();
    const codes = [...new Set(agencyCodes)];
    if (!codes.length) return current;
    const guides = await this.schemes.find({ agencyCode: { $in: codes }, status: 'PUBLISHED' }).sort({ publishedAt: -1, _id: -1 }).toArray();
    const seen = new Set<string>();
    for (const guide of guides) {
      if (seen.has(guide.agencyCode)) continue;
      seen.add(guide.agencyCode);
      if (guide.pattern === null) continue;
      const expression = compileNumberingPattern(guide.pattern, guide.agencyCode);
      current.set(guide.agencyCode, { guide: guide._id, pattern: guide.pattern, publishedAt: guide.publishedAt, matches: (n) => expression.test(n) });
    }
    return current;
  }
}
