/**
 * The requests subgraph's storage: one document per request (model/requests/request.ts), written
 * whole at registration and then one step at a time, each onto the version it was checked against.
 * Expected outcomes (a duplicate, a request changed meanwhile) are results, not throws.
 */
import type { Collection, Db, Document, Filter, IndexDescription } from 'mongodb';
import { REQUESTS_COLLECTION, type StoredRequest } from '../../model/requests/request';
import type { QueryLimits } from '../../platform/overload';
import { DUPLICATE_KEY, ensureIndexes } from '../../storage/mongo';
import { type Connection, type Edge, stringKeysetPage } from '../../storage/pagination';

export type RequestPage = Connection<StoredRequest>;
export type RequestEdge = Edge<StoredRequest>;

export type Written = { outcome: 'written'; request: StoredRequest } | { outcome: 'conflict' };

export interface AgencyAnswerCount {
  agencyCode: string;
  answeredLate: boolean;
  count: number;
}

/** One index per query shape: the open list by deadline, the public log by receipt, the ranking by answer day. */
const INDEXES: IndexDescription[] = [
  { key: { agencyCode: 1, open: 1, nextDeadlineOn: 1, _id: 1 }, name: 'agency_open_deadline' },
  { key: { receivedOn: -1, _id: -1 }, name: 'received' },
  { key: { agencyCode: 1, receivedOn: -1, _id: -1 }, name: 'agency_received' },
  { key: { answerType: 1, receivedOn: -1, _id: -1 }, name: 'answer_type_received' },
  { key: { answeredLate: 1, receivedOn: -1, _id: -1 }, name: 'answered_late_received' },
  { key: { answeredOn: 1 }, name: 'answered' },
];

export class RequestStore {
  readonly requests: Collection<StoredRequest>;

  constructor(db: Db) {
    this.requests = db.collection<StoredRequest>(REQUESTS_COLLECTION);
  }

  ensureIndexes(): Promise<void> {
    return ensureIndexes(this.requests as unknown as Collection<Document>, INDEXES);
  }

  async insert(request: StoredRequest): Promise<Written> {
    try {
      await this.requests.insertOne(request);
      return { outcome: 'written', request };
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_KEY) return { outcome: 'conflict' };
      throw error;
    }
  }

  /** Replaces the request if it is still at the version `next` was made from. */
  async replace(next: StoredRequest): Promise<Written> {
    const result = await this.requests.replaceOne({ _id: next._id, version: next.version - 1 }, next);
    return result.matchedCount === 1 ? { outcome: 'written', request: next } : { outcome: 'conflict' };
  }

  /** A page of an agency's open requests, soonest deadline first (the id breaks ties). */
  openPage(agencyCode: string, dueBy: string | null, page: { first?: number | null; after?: string | null }, limits: QueryLimits): Promise<Connection<StoredRequest>> {
    const filter: Filter<StoredRequest> = { agencyCode, open: true, ...(dueBy ? { nextDeadlineOn: { $lte: dueBy } } : {}) };
    return stringKeysetPage(this.requests, filter, { field: 'nextDeadlineOn', direction: 1 }, page, limits);
  }

  /** A page of the public log, latest received first. */
  logPage(filter: Filter<StoredRequest>, page: { first?: number | null; after?: string | null }, limits: QueryLimits): Promise<Connection<StoredRequest>> {
    return stringKeysetPage(this.requests, filter, { field: 'receivedOn', direction: -1 }, page, limits);
  }

  /** Answers given from `from` to `to`, counted by agency and by whether they were late. */
  async answerCounts(from: string, to: string, limits: QueryLimits): Promise<AgencyAnswerCount[]> {
    const groups = await this.requests
      .aggregate<{ _id: { agencyCode: string; answeredLate: boolean }; count: number }>(
        [
          { $match: { answeredOn: { $gte: from, $lte: to } } },
          { $group: { _id: { agencyCode: '$agencyCode', answeredLate: '$answeredLate' }, count: { $sum: 1 } } },
        ],
        limits.query(),
      )
      .toArray();
    return groups.map((group) => ({ agencyCode: group._id.agencyCode, answeredLate: group._id.answeredLate, count: group.count }));
  }
}
