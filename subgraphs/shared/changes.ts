import type { Collection, Db, Document } from 'mongodb';
import { ensureIndexes } from './mongo';
import type { StoredEnvelope } from './records';

/**
 * The change log behind `changes(after, first)`: one entry for every change to what the public can
 * see (a record going public, changing while public, or leaving public view), in commit order.
 *
 * A writer takes a run of sequence numbers first (one `$inc` for the whole batch) and marks the run
 * as pending with one document, writes the records, then inserts the batch's entries and removes the
 * mark. Readers never pass the start of a pending run younger than STALE_AFTER_MS: a writer that took
 * number 10 may commit after the writer that took 11, and a reader that went past 10 would miss it.
 * A run left pending longer (a writer died mid-way) is passed; the writer's retry logs the change
 * again. When a record changes again, its older entries are removed, so the log holds one entry per
 * record: a reader gets each record's current state, and a tombstone for one no longer public.
 *
 * Per batch this is a handful of commands whatever its size: FerretDB writes a document at a time,
 * so marking 1,000 entries committed one by one took seconds.
 */
export interface StoredChange {
  _id: number;
  indexNumber: string;
  type: string;
  domain: string;
  agencyCode: string;
  category: string;
  loggedAt: Date;
}

/** A run of sequence numbers taken by a writer and not yet committed. */
interface PendingRun {
  /** The first sequence number of the run. */
  _id: number;
  last: number;
  takenAt: Date;
}

/** What `begin` hands to `commit`: the run and the entries it will log. */
export interface PendingChanges {
  entries: StoredChange[];
}

export const CHANGES = 'changes';
const PENDING_RUNS = 'pendingChanges';
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
  private readonly pending: Collection<PendingRun>;
  private readonly counters: Collection<{ _id: string; sequence: number }>;

  constructor(catalogue: Db) {
    this.changes = catalogue.collection<StoredChange>(CHANGES);
    this.pending = catalogue.collection<PendingRun>(PENDING_RUNS);
    this.counters = catalogue.collection<{ _id: string; sequence: number }>(COUNTERS);
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.changes as never, [{ key: { indexNumber: 1 }, name: 'index_number' }]);
  }

  /** Takes one sequence number for each record, in order, and marks them pending. */
  async begin(records: ReadonlyArray<Pick<StoredEnvelope, '_id' | 'type' | 'domain' | 'agencyCode' | 'category'>>): Promise<PendingChanges> {
    if (records.length === 0) return { entries: [] };
    const counter = await this.counters.findOneAndUpdate(
      { _id: CHANGES },
      { $inc: { sequence: records.length } },
      { upsert: true, returnDocument: 'after' },
    );
    const last = counter?.sequence ?? records.length;
    const first = last - records.length + 1;
    const loggedAt = new Date();
    await this.pending.insertOne({ _id: first, last, takenAt: loggedAt });
    return {
      entries: records.map((record, i) => ({
        _id: first + i,
        indexNumber: record._id,
        type: record.type,
        domain: record.domain,
        agencyCode: record.agencyCode,
        category: record.category,
        loggedAt,
      })),
    };
  }

  /** Logs the entries, drops each record's older ones, and ends the pending run. */
  async commit({ entries }: PendingChanges): Promise<void> {
    if (entries.length === 0) return;
    const first = entries[0]._id;
    // A record twice in one batch keeps its last entry.
    const lastOf = new Map(entries.map((entry) => [entry.indexNumber, entry._id]));
    await this.changes.insertMany(entries.filter((entry) => lastOf.get(entry.indexNumber) === entry._id));
    await this.changes.deleteMany({ indexNumber: { $in: [...lastOf.keys()] }, _id: { $lt: first } });
    await this.pending.deleteOne({ _id: first });
  }

  /** Entries after `after`, up to the first run a writer is still committing. */
  async read(after: number, first: number, filter: ChangeFilter = {}): Promise<ChangePage> {
    const now = Date.now();
    const pending = await this.pending.find({ last: { $gt: after } }).toArray();
    const blocking = pending
      .filter((run) => now - run.takenAt.getTime() < STALE_AFTER_MS)
      .reduce<number | undefined>((lowest, run) => (lowest === undefined || run._id < lowest ? run._id : lowest), undefined);
    const range: Document = { $gt: after, ...(blocking !== undefined ? { $lt: blocking } : {}) };
    const changes = await this.changes
      .find({ ...changeFilter(filter), _id: range })
      .sort({ _id: 1 })
      .limit(first + 1)
      .toArray();
    const page = changes.slice(0, first);
    const hasMore = changes.length > first || blocking !== undefined;
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
