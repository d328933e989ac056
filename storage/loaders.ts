import DataLoader from 'dataloader';
import type { Collection, Document, Filter } from 'mongodb';
import type { QueryLimits } from '../platform/overload';

/**
 * Documents by `_id`, one `find({_id: {$in}})` per batch, answered as a Map so callers cannot mix up
 * the order. Missing ids are simply absent.
 */
export async function findByIds<T extends Document & { _id: string }>(
  collection: Collection<T>,
  ids: readonly string[],
  limits?: QueryLimits,
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const docs = (await collection.find({ _id: { $in: unique } } as Filter<T>, limits?.query()).toArray()) as T[];
  return new Map(docs.map((doc) => [doc._id, doc]));
}

/** A per-request DataLoader over `findByIds`: every id asked for in one tick costs one command. */
export function byIdLoader<T extends Document & { _id: string }>(
  collection: Collection<T>,
  limits: QueryLimits,
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const found = await findByIds(collection, ids, limits);
    return ids.map((id) => found.get(id) ?? null);
  });
}
