import type { Collection, Db, Document } from 'mongodb';
import { ensureIndexes } from '../storage/mongo';
import { SequenceBlocks } from './sequence-blocks';
import type { StoredEnvelope } from '../model/envelope';

/**
 * The change log behind `changes(after, first)`: one entry for every change to what the public can
 * see (a record going public, changing while public, or leaving public view), in commit order.
 *
 * Sequence numbers come in blocks (publishing/sequence-blocks.ts): a writer claims a block, logs the
 * batch's entries, writes the records and commits the block; readers never pass a block a live writer
 * is still writing, so a slow writer's changes are never skipped. A block left uncommitted longer than
 * STALE_AFTER_MS (its writer died) is passed; the retry logs the change again. When a record changes
 * again its older entries are removed, so the log holds one entry per record: a reader gets each
 * record's current state, and a tombstone for one no longer public.
 *
 * Per batch this is a handful of commands whatever its size: FerretDB writes a document at a time,
 * so marking 1,000 entries committed one by one took seconds.
 */
export interface StoredChange {
  /** The sequence number: block × BLOCK_SIZE + position in the batch. */
  _id: number;
  indexNumber: string;
  type: string;
  domain: string;
  agencyCode: string;
  category: string;
  loggedAt: Date;
}

/** What `begin` hands to `commit`: the block and the entries it will log. */
export interface PendingChanges {
  block?: number;
  entries: StoredChange[];
}

export const CHANGES = 'changes';
const BLOCKS = 'changeBlocks';
/** Sequence numbers per block: more than any batch a writer logs at once. */
export const BLOCK_SIZE = 2 ** 20;

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
  private readonly blocks: SequenceBlocks;

  constructor(catalogue: Db) {
    this.changes = catalogue.collection<StoredChange>(CHANGES);
    this.blocks = new SequenceBlocks(catalogue, BLOCKS);
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.changes as never, [{ key: { indexNumber: 1 }, name: 'index_number' }]);
  }

  /**
   * Claims a block of sequence numbers for the records' changes and logs them, before the caller
   * writes the records: readers do not pass the block until `commit`, and should the writer die
   * in between, the entries name records whose current state readers then get (at least once).
   */
  async begin(records: ReadonlyArray<Pick<StoredEnvelope, '_id' | 'type' | 'domain' | 'agencyCode' | 'category'>>): Promise<PendingChanges> {
    if (records.length === 0) return { entries: [] };
    if (records.length > BLOCK_SIZE) throw new Error(`a batch logs at most ${BLOCK_SIZE} changes; got ${records.length}`);
    const block = await this.blocks.claim();
    const loggedAt = new Date();
    const entries = records.map((record, i) => ({
      _id: block * BLOCK_SIZE + i,
      indexNumber: record._id,
      type: record.type,
      domain: record.domain,
      agencyCode: record.agencyCode,
      category: record.category,
      loggedAt,
    }));
    // A record twice in one batch keeps its last entry.
    const lastOf = new Map(entries.map((entry) => [entry.indexNumber, entry._id]));
    try {
      await this.changes.insertMany(entries.filter((entry) => lastOf.get(entry.indexNumber) === entry._id));
    } catch (error) {
      this.blocks.abandon(block);
      throw error;
    }
    return { block, entries };
  }

  /** Gives up a batch whose records could not be written: see SequenceBlocks.within. */
  abandon({ block }: PendingChanges): void {
    if (block !== undefined) this.blocks.abandon(block);
  }

  /** Drops each record's older entries and marks the block committed. */
  async commit({ block, entries }: PendingChanges): Promise<void> {
    if (block === undefined || entries.length === 0) return;
    const indexNumbers = [...new Set(entries.map((entry) => entry.indexNumber))];
    try {
      await this.changes.deleteMany({ indexNumber: { $in: indexNumbers }, _id: { $lt: block * BLOCK_SIZE } });
      await this.blocks.commit(block);
    } catch (error) {
      this.blocks.abandon(block);
      throw error;
    }
  }

  /** Entries after `after`, up to the first block a writer is still committing. */
  async read(after: number, first: number, filter: ChangeFilter = {}): Promise<ChangePage> {
    const blocking = await this.blocks.lowestOpen(Math.floor(after / BLOCK_SIZE));
    const range: Document = { $gt: after, ...(blocking !== undefined ? { $lt: blocking * BLOCK_SIZE } : {}) };
    const changes = await this.changes
      .find({ ...changeFilter(filter), _id: range })
      .sort({ _id: 1 })
      .limit(first + 1)
      .batchSize(first + 1)
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
