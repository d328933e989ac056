import type { Collection, Db } from 'mongodb';
import type { CatalogueEntry, StoredBody } from '../model/envelope';
import { CATALOGUE_BODIES, CATALOGUE_ENTRIES, RECORD_TYPES, type RecordTypeName } from '../model/record-types';
import { findByIds } from '../storage/loaders';
import { sameContent, storeById } from '../storage/mongo';
import { agenciesOf } from '../storage/reference';
import { ChangeLog } from './change-log';
import { DocumentReferences } from './document-references';
import type { RevisionPage, RevisionPosition } from './owner-store';
import { bodyOf, envelopeOf, type OwnedRecord } from './stored-record';

/** What an owner publishes of its records: every change, in revision order (owner-store.ts). */
export interface RecordFeed {
  /** The owning subgraph's name. */
  owner: string;
  /** The record types it owns. */
  types: readonly RecordTypeName[];
  read(after: RevisionPosition | null, first: number): Promise<RevisionPage>;
  /** How many records the owner holds. */
  count(): Promise<number>;
}

/** Where the catalogue stopped reading each owner's feed. */
interface ProjectionCursor {
  _id: string;
  position: RevisionPosition | null;
  updatedAt: Date;
}

export interface ProjectionSummary {
  /** Owner records read. */
  scanned: number;
  /** Entries that were missing and were written. */
  restored: number;
  /** Entries that differed from their record and were rewritten. */
  refreshed: number;
  /** Entries whose record is gone, removed (rebuild only). */
  removed: number;
  /** Records whose entry cannot be derived (the agency is no longer known); their entries are left as they are. */
  problems: Array<{ indexNumber: string; reason: string }>;
}

export interface ProjectionOptions {
  batchSize?: number;
  /** Called after each batch with the owner records read so far. */
  onProgress?: (done: number) => void;
}

const PROJECTIONS = 'projections';
const DEFAULT_BATCH_SIZE = 500;

const emptySummary = (): ProjectionSummary => ({ scanned: 0, restored: 0, refreshed: 0, removed: 0, problems: [] });

/**
 * Keeps the catalogue index (`entries`) a read model of what the owners have committed: it reads each
 * owner's feed from where it stopped and writes the envelope of every record it has not seen so, then
 * moves its cursor. Writing an entry and logging the public change are idempotent, so reading a
 * stretch of the feed twice (after a crash, or by two processes) changes nothing more; a record is
 * never held in two states that the owner did not commit. `rebuild` reads every feed from the start
 * and also removes entries whose record is gone.
 */
export class CatalogueProjector {
  private readonly entries: Collection<CatalogueEntry>;
  private readonly bodies: Collection<StoredBody>;
  private readonly cursors: Collection<ProjectionCursor>;
  private readonly changeLog: ChangeLog;
  readonly documentReferences: DocumentReferences;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly catalogue: Db) {
    this.entries = catalogue.collection<CatalogueEntry>(CATALOGUE_ENTRIES);
    this.bodies = catalogue.collection<StoredBody>(CATALOGUE_BODIES);
    this.cursors = catalogue.collection<ProjectionCursor>(PROJECTIONS);
    this.changeLog = new ChangeLog(catalogue);
    this.documentReferences = new DocumentReferences(catalogue);
  }

  /**
   * Brings the index up to what `feeds` have committed, reading them side by side and projecting
   * their pages together (one look-up of the existing entries per round, however many owners: on an
   * engine that scans, that look-up is most of the cost). Syncs in one process run one after
   * another, and each reads to the feeds' ends when it starts, so a caller that has just written sees
   * its write. A feed that cannot be read stops there for this sync; the others are projected, then
   * the first failure is thrown.
   */
  sync(feeds: readonly RecordFeed[], options: ProjectionOptions = {}): Promise<ProjectionSummary> {
    const next = this.running.catch(() => undefined).then(() => this.project(feeds, options));
    this.running = next;
    return next;
  }

  /** Reads every feed from the start, rewrites what differs and removes entries whose record is gone. */
  async rebuild(feeds: readonly RecordFeed[], options: ProjectionOptions = {}): Promise<ProjectionSummary> {
    const total = emptySummary();
    for (const feed of feeds) {
      const seen = new Set<string>();
      const summary = await this.project([feed], { ...options, onProgress: (done) => options.onProgress?.(total.scanned + done) }, seen);
      summary.removed = await this.removeOrphans(feed, seen);
      total.scanned += summary.scanned;
      total.restored += summary.restored;
      total.refreshed += summary.refreshed;
      total.removed += summary.removed;
      total.problems.push(...summary.problems);
    }
    return total;
  }

  /** Projects `feeds` from their cursors, or from the start when `seen` is given (which collects what was read). */
  private async project(feeds: readonly RecordFeed[], options: ProjectionOptions, seen?: Set<string>): Promise<ProjectionSummary> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const summary = emptySummary();
    const failures: unknown[] = [];
    const cursors = await this.cursors.find({ _id: { $in: feeds.map((feed) => feed.owner) } }).toArray();
    const positions = new Map(feeds.map((feed) => [feed, seen ? null : (cursors.find((c) => c._id === feed.owner)?.position ?? null)]));
    let reading = [...feeds];
    while (reading.length) {
      const pages = await Promise.allSettled(reading.map((feed) => feed.read(positions.get(feed) ?? null, batchSize)));
      const read: Array<[RecordFeed, RevisionPage]> = [];
      pages.forEach((page, i) => (page.status === 'fulfilled' ? read.push([reading[i], page.value]) : failures.push(page.reason)));
      const records = read.flatMap(([, page]) => page.records);
      if (records.length) {
        await this.apply(records, summary);
        for (const record of records) seen?.add(record._id);
        summary.scanned += records.length;
        options.onProgress?.(summary.scanned);
      }
      const updatedAt = new Date();
      const moved = read.filter(([, page]) => page.records.length);
      await Promise.all(
        moved.map(([feed, page]) => {
          positions.set(feed, page.next);
          return this.cursors.updateOne({ _id: feed.owner }, { $set: { position: page.next, updatedAt } }, { upsert: true });
        }),
      );
      reading = moved.filter(([, page]) => page.hasMore).map(([feed]) => feed);
    }
    if (failures.length) throw failures[0];
    return summary;
  }

  private async apply(records: readonly OwnedRecord[], summary: ProjectionSummary): Promise<void> {
    const ids = records.map((r) => r._id);
    const [existing, existingBodies, agencies] = await Promise.all([
      findByIds(this.entries, ids),
      findByIds(this.bodies, ids),
      findByIds(agenciesOf(this.catalogue), records.map((r) => r.agencyCode)),
    ]);
    const fresh: CatalogueEntry[] = [];
    const freshBodies: StoredBody[] = [];
    const known = records.filter((record) => agencies.has(record.agencyCode));
    for (const record of records) {
      if (!agencies.has(record.agencyCode)) {
        summary.problems.push({ indexNumber: record._id, reason: `unknown agency ${record.agencyCode}` });
        continue;
      }
      const entry = envelopeOf(record);
      const body = bodyOf(record);
      const before = existing.get(record._id);
      const bodyBefore = existingBodies.get(record._id);
      // A changed body is a change of the record's public state, entry unchanged or not.
      if (before && sameContent(before, entry) && bodyBefore && sameContent(bodyBefore, body)) continue;
      if (before) summary.refreshed += 1;
      else summary.restored += 1;
      fresh.push(entry);
      if (!bodyBefore || !sameContent(bodyBefore, body)) freshBodies.push(body);
    }
    const publicChanges = fresh.filter((entry) => entry.status === 'PUBLISHED' || existing.get(entry._id)?.status === 'PUBLISHED');
    const pending = await this.changeLog.begin(publicChanges);
    try {
      // The body first: an entry is never public before its body is there.
      await storeById(this.bodies, freshBodies, existingBodies);
      await storeById(this.entries, fresh, existing);
    } catch (error) {
      this.changeLog.abandon(pending);
      throw error;
    }
    await this.changeLog.commit(pending);
    await this.documentReferences.project(known);
  }

  private async removeOrphans(feed: RecordFeed, seen: ReadonlySet<string>): Promise<number> {
    const projection = { _id: 1, type: 1, domain: 1, agencyCode: 1, category: 1, status: 1 };
    const orphans: CatalogueEntry[] = [];
    for await (const entry of this.entries.find({ type: { $in: [...feed.types] } }, { projection })) {
      if (!seen.has(entry._id)) orphans.push(entry as CatalogueEntry);
    }
    for (let i = 0; i < orphans.length; i += DEFAULT_BATCH_SIZE) {
      const group = orphans.slice(i, i + DEFAULT_BATCH_SIZE);
      const pending = await this.changeLog.begin(group.filter((entry) => entry.status === 'PUBLISHED'));
      await this.entries.deleteMany({ _id: { $in: group.map((entry) => entry._id) } });
      await this.bodies.deleteMany({ _id: { $in: group.map((entry) => entry._id) } });
      await this.changeLog.commit(pending);
    }
    return orphans.length;
  }
}

/** The record types each owning subgraph keeps. */
export function typesOwnedBy(owner: string): RecordTypeName[] {
  return (Object.keys(RECORD_TYPES) as RecordTypeName[]).filter((type) => RECORD_TYPES[type].subgraph === owner);
}
