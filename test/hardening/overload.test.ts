/**
 * The bound on expensive work and the per-request deadline (platform/overload.ts), against a
 * catalogue of 900 records on the run's engine, where a text search with its facets and total scans
 * the index nine times: with SUBGRAPH_MAX_CONCURRENT_SCANS=1 a second expensive query is refused at
 * once with OVERLOADED (503, Retry-After), at the gateway and on the catalogue's own port, while
 * look-ups by key and a page without text are not refused; a client that goes away frees its slot at once; and a query that
 * outlives SUBGRAPH_QUERY_TIMEOUT_MS is stopped with SUBGRAPH_TIMEOUT (504).
 */
import os from 'node:os';
import { AGENCIES, REGIONS } from '../../model/reference-data';
import { loadSample } from '../../scripts/sample/load';
import { loadSubgraphConfigs } from '../../subgraphs/kit/config';
import { postJson, type HttpAnswer } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';

const QUERY_TIMEOUT_MS = 400;
let stack: TestStack;
let catalogueUrl: string;

beforeAll(async () => {
  stack = await startTestStack('overload', {
    env: { SUBGRAPH_MAX_CONCURRENT_SCANS: '1', SUBGRAPH_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS) },
  });
  const result = await loadSample(stack.writer, { seed: 11, total: 900 });
  expect(result.rejected).toEqual([]);
  catalogueUrl = stack.subgraphUrls.catalogue as string;
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const FACETS = 'facets { domain { value count } type { value count } agency { value count } region { value count } category { value count } year { value count } disclosureMode { value count } }';
/** A text search no record matches, so every facet and the total scan the whole index. */
const search = (text: string) => ({ query: `{ catalogue(filter: { text: "${text}" }, first: 20) { totalCount ${FACETS} edges { node { id } } } }` });
/** The total of a search and its counts by agency and region: three scans. */
const countOf = (text: string) => ({
  query: `{ catalogue(filter: { text: "${text}" }) { totalCount facets { agency { count } region { count } } } }`,
});
const AGENCY_LOOKUP = { query: `{ agency(code: "${AGENCIES[0]._id}") { name } }` };
const REGION_LOOKUP = { query: `{ region(code: "${REGIONS[0]._id}") { name } }` };

function expectOverloaded(answer: HttpAnswer): void {
  expect(answer.status).toBe(503);
  expect(answer.headers.get('retry-after')).toBe('1');
  expect(answer.json.errors).toHaveLength(1);
  const [error] = answer.json.errors ?? [];
  expect(error.extensions?.code).toBe('OVERLOADED');
  expect(error.extensions?.retryAfterSeconds).toBe(1);
  expect(error.message).toMatch(/^The catalogue subgraph is already running 1 expensive queries .*\(SUBGRAPH_MAX_CONCURRENT_SCANS\); the query was not started\. Retry after 1 s\.$/);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the bound on expensive work', () => {
  it.each([
    ['the gateway', () => stack.endpoint],
    ["the catalogue's own port", () => catalogueUrl],
  ])('refuses a second search at once with 503 and Retry-After at %s, and answers look-ups by key meanwhile', async (_where, url) => {
    const running = postJson(url(), search('甲乙丙丁一'));
    await sleep(60);
    const started = Date.now();
    const refused = await postJson(url(), search('甲乙丙丁二'));
    const refusedInMs = Date.now() - started;
    expectOverloaded(refused);
    // Refused, not queued: the answer does not wait for the search that holds the slot.
    const [agency, region] = await Promise.all([postJson(url(), AGENCY_LOOKUP), postJson(url(), REGION_LOOKUP)]);
    expect(agency.status).toBe(200);
    expect(agency.json).toEqual({ data: { agency: { name: AGENCIES[0].name } } });
    expect(region.json).toEqual({ data: { region: { name: REGIONS[0].name } } });
    // A page on the indexed fields alone takes no slot (it may still meet the short deadline here).
    const page = await postJson(url(), { query: '{ catalogue(first: 1) { edges { node { id } } } }' });
    expect(page.json.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('OVERLOADED');
    const first = await running;
    expect(first.json.errors?.map((e) => e.extensions?.code)).not.toContain('OVERLOADED');
    expect(refusedInMs).toBeLessThan(Date.now() - started);
  });

  it('frees the slot of a client that goes away: the next search is admitted before the first would have ended', async () => {
    const abandon = new AbortController();
    const startedAt = Date.now();
    const client = fetch(catalogueUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(search('甲乙丙丁三')),
      signal: abandon.signal,
    }).catch((error: Error) => error.name);
    await sleep(60);
    // The first search holds the one slot, so a second is refused…
    expectOverloaded(await postJson(catalogueUrl, search('甲乙丙丁四')));
    abandon.abort();
    expect(await client).toBe('AbortError');
    await sleep(30);
    // …and once its client went away, the next one is admitted, well before the first search's deadline.
    expect(Date.now() - startedAt).toBeLessThan(QUERY_TIMEOUT_MS);
    const next = await postJson(catalogueUrl, search('甲乙丙丁五'));
    expect(next.json.errors?.map((e) => e.extensions?.code)).not.toContain('OVERLOADED');
  });
});

describe('the deadline of a request', () => {
  it(`stops a search that outlives ${QUERY_TIMEOUT_MS} ms with SUBGRAPH_TIMEOUT and 504, at the gateway and on the port`, async () => {
    for (const url of [stack.endpoint, catalogueUrl]) {
      const answer = await postJson(url, countOf('甲乙丙丁七'));
      expect(answer.json.data ?? null).toBeNull();
      expect(answer.status).toBe(504);
      const codes = new Set(answer.json.errors?.map((e) => e.extensions?.code));
      expect([...codes]).toEqual(['SUBGRAPH_TIMEOUT']);
      expect(answer.json.errors?.[0].message).toBe(
        `The catalogue subgraph stopped this query after ${QUERY_TIMEOUT_MS} ms, its time limit (SUBGRAPH_QUERY_TIMEOUT_MS); ask for less (a narrower filter or text, a smaller page) or retry later.`,
      );
    }
  });
});

describe('the settings of the deadline and the bound', () => {
  const base = { MONGODB_URI: 'mongodb://127.0.0.1:1/' };
  it('are 80% of the gateway’s subgraph timeout and half the CPUs unless set; the deadline must be below the timeout', () => {
    const halfTheCpus = Math.max(1, Math.floor(os.availableParallelism() / 2));
    expect(loadSubgraphConfigs(base).catalogue.work).toEqual({ queryTimeoutMs: 8_000, maxConcurrentScans: halfTheCpus });
    expect(loadSubgraphConfigs({ ...base, GATEWAY_SUBGRAPH_TIMEOUT_MS: '3000' }).land.work.queryTimeoutMs).toBe(2_400);
    expect(loadSubgraphConfigs({ ...base, SUBGRAPH_QUERY_TIMEOUT_MS: '9999', SUBGRAPH_MAX_CONCURRENT_SCANS: '5' }).finance.work).toEqual({
      queryTimeoutMs: 9_999,
      maxConcurrentScans: 5,
    });
    expect(() => loadSubgraphConfigs({ ...base, SUBGRAPH_QUERY_TIMEOUT_MS: '10000' })).toThrow(
      'SUBGRAPH_QUERY_TIMEOUT_MS: must be below GATEWAY_SUBGRAPH_TIMEOUT_MS (10000), so a subgraph stops its reads before the gateway gives up on it; got 10000',
    );
    expect(() => loadSubgraphConfigs({ ...base, SUBGRAPH_MAX_CONCURRENT_SCANS: '0' })).toThrow('SUBGRAPH_MAX_CONCURRENT_SCANS');
  });
});
