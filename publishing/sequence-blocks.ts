import { randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { DUPLICATE_KEY } from '../storage/mongo';

/** A block of sequence numbers claimed by one writer. */
interface SequenceBlock {
  _id: number;
  committed: boolean;
  claimedAt: Date;
  /** Random per claim: lets a writer settle the block it claimed, and never another's of the same number. */
  claimant: string;
}

/** A block left uncommitted longer than this was abandoned by its writer: readers pass it. */
export const STALE_AFTER_MS = 120_000;
const CLAIM_ATTEMPTS = 50;
/** How long a committed block is kept before it may be dropped. */
const RETIRE_AFTER_MS = 10 * 60_000;

/**
 * Numbers in commit order for writers that cannot use transactions. A writer claims the next block
 * by inserting its document: the `_id` is unique, so two writers never share a block (FerretDB
 * v1.24's `$inc` with upsert is not atomic under concurrent writers). It writes, then marks the block
 * committed. A reader never reads at or past the lowest block still being written (unless it is
 * stale), so a writer that took block 10 and commits after the writer of block 11 is never skipped.
 */
export class SequenceBlocks {
  private readonly blocks: Collection<SequenceBlock>;
  /** Blocks whose writer failed (the engine went away mid-batch): committed as soon as the engine answers. */
  private readonly abandoned = new Map<number, string>();
  private readonly claimants = new Map<number, string>();

  constructor(db: Db, collection: string) {
    this.blocks = db.collection<SequenceBlock>(collection);
  }

  /**
   * Runs `work` with a freshly claimed block and commits it after. When `work` fails, the block is
   * abandoned: what it wrote stays (each record is written whole, so it is either before or after),
   * and the block is committed at the next chance so that readers need not wait STALE_AFTER_MS.
   */
  async within<T>(work: (block: number) => Promise<T>): Promise<T> {
    const block = await this.claim();
    try {
      const result = await work(block);
      await this.commit(block);
      return result;
    } catch (error) {
      this.abandon(block);
      throw error;
    }
  }

  /** Marks a claimed block as one its writer gave up on (see `within`). */
  abandon(block: number): void {
    const claimant = this.claimants.get(block);
    this.claimants.delete(block);
    if (claimant) this.abandoned.set(block, claimant);
  }

  /** Commits the blocks this process's writers abandoned, where the engine now answers. */
  private async settleAbandoned(): Promise<void> {
    for (const [block, claimant] of [...this.abandoned]) {
      try {
        await this.blocks.updateOne({ _id: block, claimant }, { $set: { committed: true } });
        this.abandoned.delete(block);
      } catch {
        return;
      }
    }
  }

  /** The next block number, claimed by inserting it: a writer that loses the race takes the next. */
  async claim(): Promise<number> {
    await this.settleAbandoned();
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const [latest] = await this.blocks.find({}, { projection: { _id: 1 } }).sort({ _id: -1 }).limit(1).toArray();
      const block = (latest?._id ?? 0) + 1;
      const claimant = randomBytes(8).toString('hex');
      try {
        await this.blocks.insertOne({ _id: block, committed: false, claimedAt: new Date(), claimant });
        this.claimants.set(block, claimant);
        return block;
      } catch (error) {
        if ((error as { code?: number }).code === DUPLICATE_KEY) continue;
        // The insert may have been applied with its answer lost (the engine went away): settle it
        // later if it is ours.
        this.abandoned.set(block, claimant);
        throw error;
      }
    }
    throw new Error(`could not claim a block of sequence numbers in ${CLAIM_ATTEMPTS} attempts`);
  }

  /**
   * Marks a block committed and drops old committed blocks below it. A block is dropped only long
   * after it was claimed: a claimer that read the highest number just before a newer block went in
   * retries with that number, and it must still be taken (dropping it at once let two writers share
   * a block). The highest block always stays, so numbers only grow.
   */
  async commit(block: number): Promise<void> {
    await this.blocks.updateOne({ _id: block }, { $set: { committed: true } });
    this.claimants.delete(block);
    await this.blocks.deleteMany({ committed: true, _id: { $lt: block }, claimedAt: { $lt: new Date(Date.now() - RETIRE_AFTER_MS) } });
  }

  /** The lowest block from `from` on that a live writer is still writing, if any. */
  async lowestOpen(from: number): Promise<number | undefined> {
    await this.settleAbandoned();
    const now = Date.now();
    const open = await this.blocks.find({ committed: false, _id: { $gte: from } }).toArray();
    return open
      .filter((block) => now - block.claimedAt.getTime() < STALE_AFTER_MS)
      .reduce<number | undefined>((lowest, block) => (lowest === undefined || block._id < lowest ? block._id : lowest), undefined);
  }
}
