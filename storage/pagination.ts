import type { Collection, Document, Filter, Sort } from 'mongodb';
import { badUserInput } from '../platform/errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../platform/limits';
import type { QueryLimits } from '../platform/overload';

// The bounds of `first` live with the other document limits, which the gateway and every subgraph apply.
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

export type DisclosureOrder = 'NEWEST_FIRST' | 'OLDEST_FIRST';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  orderBy?: DisclosureOrder | null;
}

/** The keyset of a record: its publication instant and its index number as the unique tie-breaker. */
interface CursorPayload {
  /** Format version. */
  v: 1;
  /** Order the cursor was issued for. */
  o: DisclosureOrder;
  /** publishedAt in epoch milliseconds. */
  t: number;
  /** Index number (the `_id`). */
  i: string;
}

export function encodeCursor(order: DisclosureOrder, doc: { publishedAt: Date; _id: string }): string {
  const payload: CursorPayload = { v: 1, o: order, t: doc.publishedAt.getTime(), i: doc._id };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** A cursor's JSON payload, or nothing when it is not base64url JSON. */
function cursorPayload<Payload>(cursor: string): Partial<Payload> | undefined {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Payload>;
  } catch {
    return undefined;
  }
}

export function decodeCursor(cursor: string, order: DisclosureOrder): CursorPayload {
  const payload = cursorPayload<CursorPayload>(cursor);
  if (
    !payload ||
    payload.v !== 1 ||
    typeof payload.t !== 'number' ||
    !Number.isFinite(payload.t) ||
    typeof payload.i !== 'string' ||
    (payload.o !== 'NEWEST_FIRST' && payload.o !== 'OLDEST_FIRST')
  ) {
    throw badUserInput('after', 'cursor', 'not a cursor issued by this API; pass an endCursor from a previous page');
  }
  if (payload.o !== order) {
    throw badUserInput('after', 'cursor-order', `the cursor was issued for orderBy ${payload.o}, not ${order}`);
  }
  return payload as CursorPayload;
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput('first', 'range', `must be between 1 and ${MAX_PAGE_SIZE}; got ${first}`);
  }
  return first;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Array<Edge<T>>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when the client asks for it. */
  totalCount: () => Promise<number>;
}

type KeysetDoc = Document & { _id: string; publishedAt: Date };

/**
 * A page of `collection` matching `filter` in the order of `field`, `_id` breaking ties, after the
 * node whose keyset is `after`: the mechanics every keyset list shares.
 */
async function orderedPage<T extends Document & { _id: string }>(
  collection: Collection<T>,
  filter: Filter<T>,
  order: { field: string; direction: 1 | -1; after: { key: unknown; id: string } | null; size: number },
  cursorOf: (node: T) => string,
  limits: QueryLimits,
): Promise<Connection<T>> {
  const { field, direction, after, size } = order;
  const comparator = direction === -1 ? '$lt' : '$gt';
  const clauses: Document[] = [filter as Document];
  if (after) clauses.push({ $or: [{ [field]: { [comparator]: after.key } }, { [field]: after.key, _id: { [comparator]: after.id } }] });
  const query = (clauses.length === 1 ? clauses[0] : { $and: clauses }) as Filter<T>;
  const sort: Sort = { [field]: direction, _id: direction };
  // The batch size, as large as the limit, makes FerretDB close the cursor with the first batch
  // (at limit 101 it otherwise leaves it open, and the driver sends a killCursors after it).
  const docs = (await collection.find(query, limits.query()).sort(sort).limit(size + 1).batchSize(size + 1).toArray()) as T[];
  const edges = docs.slice(0, size).map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: docs.length > size, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    totalCount: () => collection.countDocuments(filter, limits.query()),
  };
}

/**
 * One page of `collection` matching `filter`, in publication order with the index number as the
 * tie-breaker: keyset pagination, so page 10,000 costs what page 1 costs and records inserted while a
 * client pages never make it see a record twice or miss one.
 */
export async function keysetPage<T extends KeysetDoc>(
  collection: Collection<T>,
  filter: Filter<T>,
  args: PageArgs,
  limits: QueryLimits,
): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const order = args.orderBy ?? 'NEWEST_FIRST';
  const cursor = args.after !== null && args.after !== undefined ? decodeCursor(args.after, order) : null;
  return orderedPage(
    collection,
    filter,
    { field: 'publishedAt', direction: order === 'NEWEST_FIRST' ? -1 : 1, after: cursor && { key: new Date(cursor.t), id: cursor.i }, size },
    (node) => encodeCursor(order, node),
    limits,
  );
}

/** The keyset of a page ordered by a string field (a `YYYY-MM-DD` day), the id breaking ties. */
export interface StringKeyOrder {
  field: string;
  direction: 1 | -1;
}

interface StringCursorPayload {
  v: 1;
  /** The field the cursor was issued for. */
  f: string;
  /** Its value on the last node of the page. */
  k: string;
  i: string;
}

function decodeStringCursor(cursor: string, field: string): StringCursorPayload {
  const payload = cursorPayload<StringCursorPayload>(cursor);
  if (!payload || payload.v !== 1 || payload.f !== field || typeof payload.k !== 'string' || typeof payload.i !== 'string') {
    throw badUserInput('after', 'cursor', 'not a cursor issued by this list; pass an endCursor from a previous page');
  }
  return payload as StringCursorPayload;
}

/**
 * One page of `collection` matching `filter`, in the order of a string field that every matching
 * document has, with `_id` as the tie-breaker: keyset pagination as `keysetPage` does by publication.
 */
export async function stringKeysetPage<T extends Document & { _id: string }>(
  collection: Collection<T>,
  filter: Filter<T>,
  order: StringKeyOrder,
  args: { first?: number | null; after?: string | null },
  limits: QueryLimits,
): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const cursor = args.after !== null && args.after !== undefined ? decodeStringCursor(args.after, order.field) : null;
  const encode = (node: T) => Buffer.from(JSON.stringify({ v: 1, f: order.field, k: String(node[order.field]), i: node._id })).toString('base64url');
  return orderedPage(collection, filter, { ...order, after: cursor && { key: cursor.k, id: cursor.i }, size }, encode, limits);
}
