import type { Collection, Db, Document } from 'mongodb';
import type { StoredEnvelope } from './records';

/**
 * The change log behind `changes(after, first)`: one entry for every change to what the public can
 * see (a record going public, changing while public, or leaving public view), in commit order.
 *
 * A writer takes sequence numbers first (one `$inc` for the whole batch), logs them as PENDING,
 * writes the records, then marks them COMMITTED. Readers never pass a PENDING entry younger than
 * STALE_AFTER_MS: a writer that took number 10 may commit after the writer that took 11, and a
 * reader that went past 10 would miss it. Entries left PENDING longer (a writer died mid-way) are
 * skipped; the writer's retry logs the change again. When a record changes again, its older
 * committed entries are removed, so the log holds one entry per record and change: a reader gets
 * each record's current state, and a tombstone for one no longer public.
 */
export interface StoredChange {
  _id: number;
  indexNumber: string;
  type: string;
  domain: string;
  agencyCode: string;
  category: string;
  state: 'PENDING' | 'COMMITTED';
  loggedAt: Date;
}

export const CHANGES = 'changes';
const COUNTERS = 'counters';
export const STALE_AFTER_MS = 120_000;

export interface ChangeFilter {
  domains?: string[] | null;
  types?: string[] | null;
  agencyCodes?: string[] | null;
  categories?: string[] | null;
}

export interface ChangePage {
  changes: StoredChange[];
  /** The sequence number to continue after. */
  after: number;
  /** Whether more changes are ready, or a writer is still committing ones that will follow. */
  hasMore: boolean;
}

export class ChangeLog {
  private readonly changes: Collection<StoredChange>;
  private readonly counters: Collection<{ _id: string; sequence: number }>;

  constructor(catalogue: Db) {
    this.changes = catalogue.collection<StoredChange>(CHANGES);
    this.counters = catalogue.collection<{ _id: string; sequence: number }>(COUNTERS);
  }

  /** Takes one sequence number for each record and logs them as pending; returns them in order. */
  async begin(records: ReadonlyArray<Pick<StoredEnvelope, '_id' | 'type' | 'domain' | 'agencyCode' | 'category'>>): Promise<number[]> {
    if (records.length === 0) return [];
    const counter = await this.counters.findOneAndUpdate(
      { _id: CHANGES },
      { $inc: { sequence: records.length } },
      { upsert: true, returnDocument: 'after' },
    );
    const last = counter?.sequence ?? records.length;
    const sequences = records.map((_, i) => last - records.length + 1 + i);
    const loggedAt = new Date();
    await this.changes.insertMany(
      records.map((record, i) => ({
        _id: sequences[i],
        indexNumber: record._id,
        type: record.type,
        domain: record.domain,
        agencyCode: record.agencyCode,
        category: record.category,
        state: 'PENDING' as const,
        loggedAt,
      })),
    );
    return sequences;
  }

  /** Marks the entries committed and drops each record's older entries. */
  async commit(sequences: readonly number[], indexNumbers: readonly string[]): Promise<void> {
    if (sequences.length === 0) return;
    await this.changes.updateMany({ _id: { $in: [...sequences] } }, { $set: { state: 'COMMITTED' } });
    await this.changes.deleteMany({
      $or: indexNumbers.map((indexNumber, i) => ({ indexNumber, _id: { $lt: sequences[i] } })),
    });
  }

  /** Committed entries after `after`, up to the first pending one still being written. */
  async read(after: number, first: number, filter: ChangeFilter = {}): Promise<ChangePage> {
    const now = Date.now();
    const pending = await this.changes.find({ state: 'PENDING', _id: { $gt: after } }).sort({ _id: 1 }).toArray();
    const blocking = pending.find((entry) => now - entry.loggedAt.getTime() < STALE_AFTER_MS);
    const range: Document = { $gt: after, ...(blocking ? { $lt: blocking._id } : {}) };
    const changes = await this.changes
      .find({ ...changeFilter(filter), state: 'COMMITTED', _id: range })
      .sort({ _id: 1 })
      .limit(first + 1)
      .toArray();
    const page = changes.slice(0, first);
    const hasMore = changes.length > first || Boolean(blocking);
    return { changes: page, after: page.length ? page[page.length - 1]._id : after, hasMore };
  }
}

function changeFilter(filter: ChangeFilter): Document {
  const clauses: Document = {};
  if (filter.domains) clauses.domain = { $in: filter.domains };
  if (filter.types) clauses.type = { $in: filter.types };
  if (filter.agencyCodes) clauses.agencyCode = { $in: filter.agencyCodes };
  if (filter.categories) clauses.category = { $in: filter.categories };
  return clauses;
}
