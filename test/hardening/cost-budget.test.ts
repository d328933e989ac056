/**
 * The cost budget per client (gateway/cost-budget.ts) over HTTP: every answer carries the
 * x-ratelimit-* headers; a query that does not fit in what remains is refused with RATE_LIMITED
 * (429, Retry-After) and not charged; an API key has a budget of its own, apart from its IP's.
 */
import { CostBudget } from '../../gateway/cost-budget';
import { AGENCIES } from '../../model/reference-data';
import { postJson, type HttpAnswer } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';

const BUDGET = 30;
const WINDOW_MS = 60_000;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('costbudget', { env: { GATEWAY_COST_BUDGET: String(BUDGET), GATEWAY_COST_WINDOW_MS: String(WINDOW_MS) } });
});
afterAll(async () => {
  await stack?.close();
});

/** Cost 11: the list counts 1 plus 10 (listSizeEstimate) times its one field. */
const REGIONS = { query: '{ regions { name } }' };
/** Cost 2. */
const AGENCY = { query: `{ agency(code: "${AGENCIES[0]._id}") { name } }` };

function budgetOf(answer: HttpAnswer) {
  return {
    limit: answer.headers.get('x-ratelimit-limit'),
    used: answer.headers.get('x-ratelimit-used'),
    remaining: answer.headers.get('x-ratelimit-remaining'),
    resource: answer.headers.get('x-ratelimit-resource'),
  };
}

it('charges each query its cost, refuses with 429 what does not fit, and keeps a key’s budget apart from its IP’s', async () => {
  const before = Math.floor(Date.now() / 1000);
  const first = await postJson(stack.endpoint, REGIONS);
  expect(first.status).toBe(200);
  expect(budgetOf(first)).toEqual({ limit: '30', used: '11', remaining: '19', resource: 'graphql' });
  const reset = Number(first.headers.get('x-ratelimit-reset'));
  expect(reset).toBeGreaterThanOrEqual(before + WINDOW_MS / 1000);
  expect(reset).toBeLessThanOrEqual(before + WINDOW_MS / 1000 + 2);

  expect(budgetOf(await postJson(stack.endpoint, REGIONS))).toEqual({ limit: '30', used: '22', remaining: '8', resource: 'graphql' });

  const refused = await postJson(stack.endpoint, REGIONS);
  expect(refused.status).toBe(429);
  expect(refused.json.data).toBeUndefined();
  expect(budgetOf(refused)).toEqual({ limit: '30', used: '22', remaining: '8', resource: 'graphql' });
  const retryAfter = Number(refused.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
  expect(refused.json.errors).toEqual([
    {
      message: `Query cost 11 exceeds the 8 points left of this client's budget of 30 points per 60 s (costBudget); retry after ${retryAfter} s, or ask for less.`,
      extensions: { code: 'RATE_LIMITED', limit: 'costBudget', allowed: 30, actual: 11, remaining: 8, retryAfterSeconds: retryAfter },
    },
  ]);

  // A cheaper query still fits in what the refusal left.
  const cheap = await postJson(stack.endpoint, AGENCY);
  expect(cheap.status).toBe(200);
  expect(cheap.json.data).toEqual({ agency: { name: AGENCIES[0].name } });
  expect(budgetOf(cheap)).toEqual({ limit: '30', used: '24', remaining: '6', resource: 'graphql' });

  // The same IP with an API key spends the key's own budget.
  const { key } = await stack.createKey(AGENCIES[0]._id, 'cost budget');
  const keyed = await postJson(stack.endpoint, REGIONS, { authorization: `Bearer ${key}` });
  expect(keyed.status).toBe(200);
  expect(budgetOf(keyed)).toEqual({ limit: '30', used: '11', remaining: '19', resource: 'graphql' });
  // …and the anonymous budget of the IP is where it was.
  expect((await postJson(stack.endpoint, REGIONS)).status).toBe(429);
});

describe('the windows of the budget', () => {
  it('starts a client’s window at its first query and a fresh one once it ended, each client apart', () => {
    let now = 1_000_000;
    const budget = new CostBudget({ points: 10, windowMs: 1_000 }, () => now);
    expect(budget.charge('ip:a', 6)).toEqual({ limit: 10, used: 6, remaining: 4, resetsAt: 1_001_000, admitted: true });
    now += 500;
    expect(budget.charge('ip:a', 5)).toEqual({ limit: 10, used: 6, remaining: 4, resetsAt: 1_001_000, admitted: false });
    expect(budget.charge('key:b', 10)).toEqual({ limit: 10, used: 10, remaining: 0, resetsAt: 1_001_500, admitted: true });
    now += 499;
    expect(budget.charge('ip:a', 4).admitted).toBe(true);
    now += 1;
    expect(budget.charge('ip:a', 5)).toEqual({ limit: 10, used: 5, remaining: 5, resetsAt: 1_002_000, admitted: true });
    expect(budget.charge('key:b', 1).admitted).toBe(false);
  });
});
