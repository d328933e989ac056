import type { Collection, Db, Document } from 'mongodb';
import type { DisclosureStatus } from '../model/envelope';
import { RECORD_TYPES, type RecordTypeName } from '../model/record-types';
import { badUserInput } from '../platform/errors';
import { findByIds } from '../storage/loaders';
import { ensureIndexes, sameContent, storeById } from '../storage/mongo';
import { SequenceBlocks } from './sequence-blocks';
import type { OwnedRecord, RejectedDisclosure, WrittenDisclosure } from './stored-record';

const REVISION_BLOCKS = 'revisionBlocks';

/** Where a reader of an owner's records stopped: a revision and the index number within it. */
export interface RevisionPosition {
  revision: number;
  indexNumber: string;
}

export interface RevisionPage {
  /** Records changed after the position, oldest change first, each as it is now. */
  records: OwnedRecord[];
  /** Where to continue. */
  next: RevisionPosition | null;
  /** Whether more records are ready, or a writer is still writing ones that will follow. */
  hasMore: boolean;
}

export function encodeRevisionCursor(position: RevisionPosition | null): string | null {
  return position && Buffer.from(JSON.stringify({ v: 1, r: position.revision, i: position.indexNumber })).toString('base64url');
}

export function decodeRevisionCursor(cursor: string | null | undefined, argument = 'after'): RevisionPosition | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; r?: unknown; i?: unknown };
    if (value.v === 1 && Number.isSafeInteger(value.r) && (value.r as number) >= 0 && typeof value.i === 'string') {
      return { revision: value.r as number, indexNumber: value.i };
    }
  } catch {
    // reported below
  }
  throw badUserInput(argument, 'cursor', 'not a revision cursor issued by this subgraph; pass a previous next cursor');
}

/**
 * An owner's records, the one source of truth for them: one collection per record type in the owning
 * subgraph's database. Every change (a new or changed record, a new review state) gives the changed
 * records a new revision, claimed in blocks (sequence-blocks.ts), so what an owner has committed can be
 * read in order by the catalogue, which derives its index from it: the record is its own outbox entry.
 * One document write per record changes its content and its revision together, so no state can be
 * half written; an interrupted batch leaves each record either before or after, and a retry converges.
 */
export class OwnerRecordStore {
  private readonly collections: ReadonlyMap<RecordTypeName, Collection<OwnedRecord>>;
  private readonly revisions: SequenceBlocks;

  constructor(db: Db, readonly types: readonly RecordTypeName[]) {
    this.collections = new Map(types.map((type) => [type, db.collection<OwnedRecord>(RECORD_TYPES[type].collection)]));
    this.revisions = new SequenceBlocks(db, REVISION_BLOCKS);
  }

  collectionOf(type: RecordTypeName): Collection<OwnedRecord> {
    const collection = this.collections.get(type);
    if (!collection) throw new Error(`${type} records are not kept here`);
    return collection;
  }

  async ensureIndexes(): Promise<void> {
    for (const collection of this.collections.values()) {
      await ensureIndexes(collection as never, [{ key: { revision: 1, _id: 1 }, name: 'revision' }]);
    }
  }

  async count(): Promise<number> {
    const counts = await Promise.all([...this.collections.values()].map((collection) => collection.countDocuments()));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Records by index number, whatever their type, one command per type. */
  async findByIds(indexNumbers: readonly string[]): Promise<Map<string, OwnedRecord>> {
    const found = await Promise.all([...this.collections.values()].map((collection) => findByIds(collection, indexNumbers)));
    return new Map(found.flatMap((byId) => [...byId]));
  }

  /**
   * Stores records: new ones and changed ones take `status` and a new revision; one stored exactly so
   * already is left as it is (its review state too). An index number that belongs to a record of
   * another type is refused. `existing` is what `findByIds` found of them, when the caller has read it.
   */
  async store(
    records: readonly OwnedRecord[],
    status: DisclosureStatus,
    existing?: ReadonlyMap<string, OwnedRecord>,
  ): Promise<{ rejected: RejectedDisclosure[]; results: WrittenDisclosure[] }> {
    existing ??= await this.findByIds(records.map((r) => r._id));
    const rejected: RejectedDisclosure[] = [];
    const results: WrittenDisclosure[] = [];
    const changed: OwnedRecord[] = [];
    for (const record of records) {
      const before = existing.get(record._id);
      if (before && before.type !== record.type) {
        rejected.push({ indexNumber: record._id, field: 'envelope.indexNumber', reason: `index number already belongs to a ${before.type}` });
        continue;
      }
      const isChanged = !before || !sameContent({ ...before, status, revision: undefined }, { ...record, status, revision: undefined });
      if (isChanged) changed.push({ ...record, status });
      results.push({ indexNumber: record._id, type: record.type as RecordTypeName, status: isChanged ? status : before.status, changed: isChanged });
    }
    if (changed.length) {
      await this.revisions.within((revision) =>
        Promise.all(
          groupByType(changed).map(([type, group]) =>
            storeById(this.collectionOf(type), group.map((record) => ({ ...record, revision })), existing),
          ),
        ),
      );
    }
    return { rejected, results };
  }

  /**
   * Moves records to `status`. `check` vets each record as stored here (undefined when it is not);
   * if any is refused nothing changes. Records already in `status` are left alone.
   */
  async setStatus(
    indexNumbers: readonly string[],
    status: DisclosureStatus,
    check: (record: OwnedRecord | undefined, indexNumber: string) => string | undefined,
  ): Promise<{ refused: RejectedDisclosure[]; changed: OwnedRecord[] }> {
    const found = await this.findByIds(indexNumbers);
    const refused = indexNumbers.flatMap((indexNumber) => {
      const reason = check(found.get(indexNumber), indexNumber);
      return reason ? [{ indexNumber, field: 'indexNumbers', reason }] : [];
    });
    if (refused.length) return { refused, changed: [] };
    const moving = [...found.values()].filter((record) => record.status !== status);
    if (moving.length) {
      await this.revisions.within((revision) =>
        Promise.all(
          groupByType(moving).map(([type, group]) =>
            this.collectionOf(type).updateMany({ _id: { $in: group.map((r) => r._id) } }, { $set: { status, revision } }),
          ),
        ),
      );
    }
    return { refused: [], changed: moving.map((record) => ({ ...record, status })) };
  }

  /** Records changed after `after` (from the start when null), oldest change first, up to `first`. */
  async changesAfter(after: RevisionPosition | null, first: number): Promise<RevisionPage> {
    const from = after ?? { revision: 0, indexNumber: '' };
    const blocking = await this.revisions.lowestOpen(from.revision);
    const position: Document = {
      $or: [{ revision: { $gt: from.revision } }, { revision: from.revision, _id: { $gt: from.indexNumber } }],
    };
    const filter = blocking === undefined ? position : { $and: [position, { revision: { $lt: blocking } }] };
    const pages = await Promise.all(
      [...this.collections.values()].map((collection) =>
        collection.find(filter).sort({ revision: 1, _id: 1 }).limit(first + 1).batchSize(first + 1).toArray(),
      ),
    );
    const merged = pages
      .flat()
      .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
    const records = merged.slice(0, first);
    const last = records[records.length - 1];
    return {
      records,
      next: last ? { revision: last.revision ?? 0, indexNumber: last._id } : after,
      hasMore: merged.length > first || blocking !== undefined,
    };
  }
}

function groupByType(records: readonly OwnedRecord[]): Array<[RecordTypeName, OwnedRecord[]]> {
  const groups = new Map<RecordTypeName, OwnedRecord[]>();
  for (const record of records) {
    const type = record.type as RecordTypeName;
    groups.set(type, [...(groups.get(type) ?? []), record]);
  }
  return [...groups];
}
