import type { Collection, Db, Document } from 'mongodb';
import { DUPLICATE_KEY, ensureIndexes } from '../storage/mongo';
import type { StoredEnvelope } from '../model/envelope';

/**
 * The change log behind `changes(after, first)`: one entry for every change to what the public can
 * see (a record going public, changing while public, or leaving public view), in commit order.
 *
 * A writer first claims the next block of sequence numbers by inserting the block's document (its
 * `_id`, the block number, is unique, so two writers never get the same block: FerretDB v1.24's
 * `$inc` with upsert is not atomic under concurrent writers). It then writes the records, inserts the
 * batch's entries and marks the block committed. Readers never pass the start of an uncommitted
 * block younger than STALE_AFTER_MS: a writer that took block 10 may commit after the writer that
 * took 11, and a reader that went past 10 would miss it. A block left uncommitted longer (a writer
 * died mid-way) is passed; the writer's retry logs the change again. When a record changes again,
 * its older entries are removed, so the log holds one entry per record: a reader gets each record's
 * current state, and a tombstone for one no longer public.
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

/** A block of sequence numbers claimed by a writer. */
interface ChangeBlock {
  _id: number;
  committed: boolean;
  claimedAt: Date;
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
export const STALE_AFTER_MS = 120_000;
const CLAIM_ATTEMPTS = 50;

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
  private readonly blocks: Collection<ChangeBlock>;

  constructor(catalogue: Db) {
    this.changes = catalogue.collection<StoredChange>(CHANGES);
    this.blocks = catalogue.collection<ChangeBlock>(BLOCKS);
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.changes as never, [{ key: { indexNumber: 1 }, name: 'index_number' }]);
  }

  /** Claims a block of sequence numbers for the records' changes, in order. */
  async begin(records: ReadonlyArray<Pick<StoredEnvelope, '_id' | 'type' | 'domain' | 'agencyCode' | 'category'>>): Promise<PendingChanges> {
    if (records.length === 0) return { entries: [] };
    if (records.length > BLOCK_SIZE) throw new Error(`a batch logs at most ${BLOCK_SIZE} changes; got ${records.length}`);
    const block = await this.claimBlock();
    const loggedAt = new Date();
    return {
      block,
      entries: records.map((record, i) => ({
        _id: block * BLOCK_SIZE + i,
        indexNumber: record._id,
        type: record.type,
        domain: record.domain,
        agencyCode: record.agencyCode,
        category: record.category,
        loggedAt,
      })),
    };
  }

  /** The next block number, claimed by inserting it: a writer that loses the race takes the next. */
  private async claimBlock(): Promise<number> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const [latest] = await this.blocks.find({}, { projection: { _id: 1 } }).sort({ _id: -1 }).limit(1).toArray();
      const block = (latest?._id ?? 0) + 1;
      try {
        await this.blocks.insertOne({ _id: block, committed: false, claimedAt: new Date() });
        return block;
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      }
    }
    throw new Error(`could not claim a block of change sequence numbers in ${CLAIM_ATTEMPTS} attempts`);
  }

  /** Logs the entries, drops each record's older ones, and marks the block committed. */
  async commit({ block, entries }: PendingChanges): Promise<void> {
    if (block === undefined || entries.length === 0) return;
    // A record twice in one batch keeps its last entry.
    const lastOf = new Map(entries.map((entry) => [entry.indexNumber, entry._id]));
    await this.changes.insertMany(entries.filter((entry) => lastOf.get(entry.indexNumber) === entry._id));
    await this.changes.deleteMany({ indexNumber: { $in: [...lastOf.keys()] }, _id: { $lt: block * BLOCK_SIZE } });
    await this.blocks.updateOne({ _id: block }, { $set: { committed: true } });
    // Committed blocks below this one are no longer needed; the highest block always stays, so
    // numbers are never claimed twice.
    await this.blocks.deleteMany({ committed: true, _id: { $lt: block } });
  }

  /** Entries after `after`, up to the first block a writer is still committing. */
  async read(after: number, first: number, filter: ChangeFilter = {}): Promise<ChangePage> {
    const now = Date.now();
    const open = await this.blocks.find({ committed: false, _id: { $gte: Math.floor(after / BLOCK_SIZE) } }).toArray();
    const blocking = open
      .filter((block) => now - block.claimedAt.getTime() < STALE_AFTER_MS)
      .reduce<number | undefined>((lowest, block) => (lowest === undefined || block._id < lowest ? block._id : lowest), undefined);
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
