/**
 * Rate limiting by cost: each client has a budget of cost points per window, the cost of a query
 * as gateway/limits.ts computes it (the figure QUERY_TOO_COMPLEX compares with maxCost), as
 * GitHub's GraphQL API counts points. A client is its API key when the request carries an accepted
 * one, else its IP. Every answer says where the client stands:
 *
 *   x-ratelimit-limit: points per window · x-ratelimit-used · x-ratelimit-remaining ·
 *   x-ratelimit-reset: when the window ends (Unix seconds) · x-ratelimit-resource: graphql
 *
 * A query whose cost does not fit in what remains is refused before any subgraph call with
 * RATE_LIMITED (HTTP 429, `Retry-After`: the seconds until the window ends) and is not charged.
 */
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { statusOf } from '../platform/error-codes';
import type { Identity } from '../platform/identity';
import type { CostBudgetSettings } from './config';
import type { CostCharge } from './limits';
import type { GatewayContext } from './subgraph-source';

/** One client's window: when it started and the points spent in it. */
interface Window {
  startedAt: number;
  used: number;
}

/** Where a client stands after a charge (or a refusal). */
export interface BudgetState {
  limit: number;
  used: number;
  remaining: number;
  /** When the window ends, in Unix milliseconds. */
  resetsAt: number;
  /** Whether the query was charged (false: refused, nothing spent). */
  admitted: boolean;
}

/**
 * Fixed windows per client, each starting with the client's first query after the previous ended.
 * Windows that ended are swept once per window length, so the map holds only recent clients.
 */
export class CostBudget {
  private readonly windows = new Map<string, Window>();
  private sweptAt: number;

  constructor(
    readonly settings: CostBudgetSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.sweptAt = now();
  }

  /** Charges `cost` to `client` if it fits in what remains of its window. */
  charge(client: string, cost: number): BudgetState {
    const now = this.now();
    this.sweep(now);
    let window = this.windows.get(client);
    if (!window || now >= window.startedAt + this.settings.windowMs) {
      window = { startedAt: now, used: 0 };
      this.windows.set(client, window);
    }
    const admitted = window.used + cost <= this.settings.points;
    if (admitted) window.used += cost;
    return {
      limit: this.settings.points,
      used: window.used,
      remaining: this.settings.points - window.used,
      resetsAt: window.startedAt + this.settings.windowMs,
      admitted,
    };
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < this.settings.windowMs) return;
    this.sweptAt = now;
    for (const [client, window] of this.windows) {
      if (now >= window.startedAt + this.settings.windowMs) this.windows.delete(client);
    }
  }
}

/** Who pays for a request: `key:<id>` for an accepted API key, else `ip:<address>`. */
export function clientOf(req: IncomingMessage & { ip?: string }, identity: Identity | undefined): string {
  if (identity?.kind === 'agency') return `key:${identity.keyId}`;
  return `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

/** The x-ratelimit-* headers of a client's state. */
export function budgetHeaders(state: BudgetState): Array<[string, string]> {
  return [
    ['x-ratelimit-limit', String(state.limit)],
    ['x-ratelimit-remaining', String(state.remaining)],
    ['x-ratelimit-used', String(state.used)],
    ['x-ratelimit-reset', String(Math.ceil(state.resetsAt / 1000))],
    ['x-ratelimit-resource', 'graphql'],
  ];
}

/** The refusal of a query that does not fit in the client's remaining budget. */
export function budgetExhaustedError(state: BudgetState, cost: number, windowMs: number, now: number = Date.now()): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil((state.resetsAt - now) / 1000));
  return new GraphQLError(
    `Query cost ${cost} exceeds the ${state.remaining} points left of this client's budget of ${state.limit} points per ` +
      `${Math.round(windowMs / 1000)} s (costBudget); retry after ${retryAfter} s, or ask for less.`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        limit: 'costBudget',
        allowed: state.limit,
        actual: cost,
        remaining: state.remaining,
        retryAfterSeconds: retryAfter,
        http: { status: statusOf('RATE_LIMITED'), headers: new HeaderMap([...budgetHeaders(state), ['retry-after', String(retryAfter)]]) },
      },
    },
  );
}

/**
 * The charge of the gateway's cost check (gateway/limits.ts): the query's cost is spent from its
 * client's budget, the budget headers go on the answer, and a query that does not fit is refused.
 */
export function chargeCostBudget(budget: CostBudget): CostCharge<GatewayContext> {
  return (cost, { contextValue, response }) => {
    if (!contextValue.client) return;
    const state = budget.charge(contextValue.client, cost);
    if (!state.admitted) throw budgetExhaustedError(state, cost, budget.settings.windowMs);
    for (const [name, value] of budgetHeaders(state)) response.http.headers.set(name, value);
  };
}
