/**
 * Persisted queries, Cache-Control and the gateway's response cache, end to end over HTTP against
 * the real engine: the APQ flow by GET and POST (with CSRF prevention and every limit still in
 * force), `max-age=N, public` for anonymous queries and `no-store` for keyed requests, mutations,
 * errors and everything when the setting is 0; cached answers served with an `Age` until they
 * expire while keys see fresh data; and an agency's drafts never reaching the public through the
 * cache, whichever order the agency and the public ask in.
 */
import { createHash } from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { loadGatewayConfig } from '../../gateway/config';
import { startGateway } from '../../gateway/server';
import type { LandTransferFields } from '../../model/records/land/land-transfer';
import { cachePolicyPlugin, CHANGE_FEED_MAX_AGE_SECONDS } from '../../subgraphs/kit/caching';
import { ConfigError } from '../../platform/config';
import { IDENTITY_HEADER, signIdentity } from '../../platform/identity';
import { loadSubgraphConfigs } from '../../subgraphs/kit/config';
import { agencyIdentity, agencyNamed, disclosure, envelope } from '../support/builders';
import { postJson, request, type HttpAnswer } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';

const MAX_AGE = 60;
const PUBLIC = `max-age=${MAX_AGE}, public`;
const LAND_BUREAU = '岳阳县国土资源局';
const OTHER_BUREAU = '楚雄州国土资源局';

let stack: TestStack;
let landKey: string;
let otherKey: string;

function transferFields(overrides: Partial<LandTransferFields> = {}): LandTransferFields {
  return {
    parcelNumber: '430621-2024-001',
    location: '荣家湾镇',
    areaSquareMetres: 10_000,
    use: 'RESIDENTIAL',
    termYears: 70,
    method: 'LISTING',
    floorAreaRatio: 2,
    startingPriceFen: 1_000_000_00,
    finalPriceFen: 1_200_000_50,
    winningParty: '岳阳城投置业有限公司',
    transferredOn: '2024-02-28',
    ...overrides,
  };
}

/** A land transfer of `agency` in `category` (each test its own category, so cached answers never mix). */
function transfer(category: string, title: string, agency = LAND_BUREAU) {
  return disclosure('LandTransfer', envelope(agency, { category, title, publishedAt: new Date('2024-03-05T02:00:00Z') }), transferFields());
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The records of one category: total, and index number, title and status of each, newest first. */
const categoryQuery = (name: string) => `query ${name}($category: String!) {
  catalogue(filter: { categories: [$category] }, first: 10) { totalCount edges { node { indexNumber title status } } }
}`;

interface CategoryPage {
  catalogue: { totalCount: number; edges: Array<{ node: { indexNumber: string; title: string; status: string } }> };
}

function titlesOf(answer: HttpAnswer): string[] {
  return (answer.json.data as CategoryPage).catalogue.edges.map((edge) => edge.node.title);
}

function getUrl(endpoint: string, params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  return `${endpoint}?${search.toString()}`;
}

/** A GET of /graphql as Apollo Client sends it (the preflight header satisfies CSRF prevention). */
function get(endpoint: string, params: Record<string, unknown>, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return request(getUrl(endpoint, params), { headers: { 'apollo-require-preflight': 'true', ...headers } });
}

const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

describe('the CACHE_MAX_AGE_SECONDS setting', () => {
  // What the gateway needs besides: its key store and the identity secret.
  const REQUIRED = { MONGODB_URI: 'mongodb://127.0.0.1:1/', IDENTITY_SECRET: 's'.repeat(32) };

  it('is 60 by default, 0 turns caching off, and the gateway and subgraphs read the same value', () => {
    expect(loadGatewayConfig(REQUIRED).cacheMaxAgeSeconds).toBe(60);
    expect(loadGatewayConfig({ ...REQUIRED, CACHE_MAX_AGE_SECONDS: '0' }).cacheMaxAgeSeconds).toBe(0);
    expect(loadGatewayConfig({ ...REQUIRED, CACHE_MAX_AGE_SECONDS: '86400' }).cacheMaxAgeSeconds).toBe(86_400);
    expect(loadSubgraphConfigs({ MONGODB_URI: 'mongodb://127.0.0.1:1/' }).land.cacheMaxAgeSeconds).toBe(60);
    expect(loadSubgraphConfigs({ MONGODB_URI: 'mongodb://127.0.0.1:1/', CACHE_MAX_AGE_SECONDS: '15' }).catalogue.cacheMaxAgeSeconds).toBe(15);
  });

  it.each(['-1', '1.5', 'sixty', '86401'])('refuses %j, naming the variable, on the gateway and the subgraphs', (value) => {
    expect(() => loadGatewayConfig({ ...REQUIRED, CACHE_MAX_AGE_SECONDS: value })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ ...REQUIRED, CACHE_MAX_AGE_SECONDS: value })).toThrow(/CACHE_MAX_AGE_SECONDS: must be (a whole number of seconds|from 0 \(off\) to 86400 seconds)/);
    expect(() => loadSubgraphConfigs({ MONGODB_URI: 'mongodb://127.0.0.1:1/', CACHE_MAX_AGE_SECONDS: value })).toThrow(/CACHE_MAX_AGE_SECONDS/);
  });
});

describe('the cache policy rules on their own', () => {
  // Every mutation of this API needs a key (and so is no-store anyway); this one does not, to show
  // that a mutation is never cacheable by itself.
  let server: ApolloServer;
  beforeAll(async () => {
    server = new ApolloServer({
      typeDefs: 'type Query { hello: String } type Mutation { touch: String }',
      resolvers: { Query: { hello: () => 'hi' }, Mutation: { touch: () => 'done' } },
      plugins: [ApolloServerPluginCacheControl({ defaultMaxAge: MAX_AGE }), cachePolicyPlugin(MAX_AGE)],
    });
    await server.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function cacheControlOf(query: string, headers: Record<string, string> = {}) {
    const http = { method: 'POST', headers: new HeaderMap(Object.entries(headers)), search: '', body: { query } };
    const response = await server.executeOperation({ query, http });
    expect(response.body.kind === 'single' && response.body.singleResult.errors).toBeFalsy();
    return response.http.headers.get('cache-control');
  }

  it('makes a query public for the setting, and a mutation or a keyed query no-store', async () => {
    expect(await cacheControlOf('{ hello }')).toBe(PUBLIC);
    expect(await cacheControlOf('mutation { touch }')).toBe('no-store');
    expect(await cacheControlOf('{ hello }', { authorization: 'Bearer anything' })).toBe('no-store');
  });
});

// The stacks of this file run one after the other: a stack's stop closes the process's MongoDB clients.
describe(`with CACHE_MAX_AGE_SECONDS=${MAX_AGE}`, () => {
  beforeAll(async () => {
    stack = await startTestStack('caching', { env: { CACHE_MAX_AGE_SECONDS: String(MAX_AGE) } });
    landKey = (await stack.createKey(agencyNamed(LAND_BUREAU)._id, 'land bureau')).key;
    otherKey = (await stack.createKey(agencyNamed(OTHER_BUREAU)._id, 'another agency')).key;
  });
  afterAll(async () => {
    await stack?.close();
  });

  describe('Cache-Control', () => {
    beforeAll(async () => {
      expect(await stack.writer.write([transfer('缓存头', '缓存头测试记录')])).toEqual({ written: 1, rejected: [] });
    });
    const QUERY = categoryQuery('Headers');
    const variables = { category: '缓存头' };

    it('is max-age=N, public for an anonymous query, across subgraphs, and varies on Authorization', async () => {
      const answer = await postJson(stack.endpoint, { query: QUERY, variables });
      expect(answer.status).toBe(200);
      expect(titlesOf(answer)).toEqual(['缓存头测试记录']);
      expect(answer.headers.get('cache-control')).toBe(PUBLIC);
      expect(answer.headers.get('vary')).toBe('Accept, Authorization');

      // The catalogue and the land subgraph both answer this one: the gateway keeps the shorter hint.
      const joined = await postJson(stack.endpoint, {
        query: `query Joined($category: String!) { catalogue(filter: { categories: [$category] }) {
          edges { node { title ... on LandTransfer { finalPrice { yuan } } } } } }`,
        variables,
      });
      expect(joined.json).toEqual({ data: { catalogue: { edges: [{ node: { title: '缓存头测试记录', finalPrice: { yuan: '1200000.50' } } }] } } });
      expect(joined.headers.get('cache-control')).toBe(PUBLIC);
    });

    it('comes from the subgraphs: each hints max-age=N, public without a key and no-store with one', async () => {
      const catalogue = stack.subgraphUrls.catalogue as string;
      const direct = await postJson(catalogue, { query: QUERY, variables });
      expect(titlesOf(direct)).toEqual(['缓存头测试记录']);
      expect(direct.headers.get('cache-control')).toBe(PUBLIC);
      const keyed = await postJson(catalogue, { query: QUERY, variables }, bearer(landKey));
      expect(titlesOf(keyed)).toEqual(['缓存头测试记录']);
      expect(keyed.headers.get('cache-control')).toBe('no-store');
      // What the gateway sends a subgraph for a key: its identity token.
      const bureau = agencyNamed(LAND_BUREAU)._id;
      const token = signIdentity(agencyIdentity(bureau), stack.identitySecret);
      const vouched = await postJson(catalogue, { query: QUERY, variables }, { [IDENTITY_HEADER]: token });
      expect(titlesOf(vouched)).toEqual(['缓存头测试记录']);
      expect(vouched.headers.get('cache-control')).toBe('no-store');
      const land = await postJson(stack.subgraphUrls.land as string, { query: '{ landTransfers(first: 1) { totalCount } }' });
      expect(land.json.errors).toBeUndefined();
      expect(land.headers.get('cache-control')).toBe(PUBLIC);
    });

    it('is capped by the gateway’s own setting when the subgraphs hint longer, and off when it is 0', async () => {
      const urls = Object.fromEntries(Object.entries(stack.subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]));
      for (const [setting, expected] of [['10', 'max-age=10, public'], ['0', 'no-store']]) {
        const gateway = await startGateway(loadGatewayConfig({ ...stack.env, ...urls, GATEWAY_PORT: '0', CACHE_MAX_AGE_SECONDS: setting }));
        try {
          const endpoint = `${gateway.url}graphql`;
          const first = await postJson(endpoint, { query: QUERY, variables });
          expect(titlesOf(first)).toEqual(['缓存头测试记录']);
          expect(first.headers.get('cache-control')).toBe(expected);
          const again = await postJson(endpoint, { query: QUERY, variables });
          expect(again.headers.get('age') === null).toBe(setting === '0');
        } finally {
          await gateway.stop();
        }
      }
    });

    it('is no-store for the same query with a key, a key of another agency, or a malformed Authorization header', async () => {
      for (const headers of [bearer(landKey), bearer(otherKey), { authorization: 'Basic bm90OmFrZXk=' }]) {
        const answer = await postJson(stack.endpoint, { query: QUERY, variables }, headers);
        expect(answer.status).toBe(200);
        expect(titlesOf(answer)).toEqual(['缓存头测试记录']);
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(answer.headers.get('vary')).toBe('Accept, Authorization');
      }
    });

    it('is no-store for a mutation, with a key or without one', async () => {
      const mutation = 'mutation Review($ids: [String!]!) { reviewDisclosures(indexNumbers: $ids) { indexNumber status } }';
      const refused = await postJson(stack.endpoint, { query: mutation, variables: { ids: ['no-such-record'] } });
      expect(refused.json.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(refused.headers.get('cache-control')).toBe('no-store');

      const agency = agencyNamed(LAND_BUREAU);
      const indexNumber = `${agency._id}-/2024-3100001`;
      const submitted = await postJson(
        stack.endpoint,
        {
          query: 'mutation Submit($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) { accepted { indexNumber status } } }',
          variables: {
            s: [
              {
                type: 'LandTransfer',
                envelope: {
                  indexNumber,
                  title: '待审记录',
                  category: '缓存头-变更',
                  agencyCode: agency._id,
                  regionCode: agency.regionCode,
                  writtenOn: '2024-03-01',
                  publishedAt: '2024-03-05T10:00:00+08:00',
                  disclosureMode: 'FULL',
                },
                fields: {
                  parcelNumber: '430621-2024-31',
                  location: '荣家湾镇',
                  areaSquareMetres: 10000,
                  use: 'RESIDENTIAL',
                  termYears: 70,
                  method: 'LISTING',
                  floorAreaRatio: 2,
                  startingPrice: '1000000',
                  finalPrice: '1200000.50',
                  winningParty: '岳阳城投置业有限公司',
                  transferredOn: '2024-02-28',
                },
              },
            ],
          },
        },
        bearer(landKey),
      );
      expect(submitted.json).toEqual({
        data: { submitDisclosures: { accepted: [{ indexNumber: indexNumber, status: 'DRAFT' }] } },
      });
      expect(submitted.headers.get('cache-control')).toBe('no-store');
      const reviewed = await postJson(stack.endpoint, { query: mutation, variables: { ids: [indexNumber] } }, bearer(landKey));
      expect(reviewed.json).toEqual({ data: { reviewDisclosures: [{ indexNumber: indexNumber, status: 'REVIEWED' }] } });
      expect(reviewed.headers.get('cache-control')).toBe('no-store');
    });

    it(`is at most ${CHANGE_FEED_MAX_AGE_SECONDS} s for the change feed, public only without a key`, async () => {
      const feed = 'query Feed { changes(first: 1) { edges { node { kind } } pageInfo { hasNextPage } } }';
      const anonymous = await postJson(stack.endpoint, { query: feed });
      expect(anonymous.json.errors).toBeUndefined();
      expect(anonymous.headers.get('cache-control')).toBe(`max-age=${CHANGE_FEED_MAX_AGE_SECONDS}, public`);
      const keyed = await postJson(stack.endpoint, { query: feed }, bearer(landKey));
      expect(keyed.json.errors).toBeUndefined();
      expect(keyed.headers.get('cache-control')).toBe('no-store');
    });

    it('is no-store for an answer with errors and for one no subgraph took part in', async () => {
      const bad = await postJson(stack.endpoint, { query: '{ catalogue(first: 101) { totalCount } }' });
      expect(bad.json.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.headers.get('cache-control')).toBe('no-store');
      const missing = await postJson(stack.endpoint, { query: '{ disclosure(indexNumber: 1) { title } }' });
      expect(missing.status).toBe(400);
      expect(missing.headers.get('cache-control')).toBe('no-store');
      const gatewayOnly = await postJson(stack.endpoint, { query: '{ __typename }' });
      expect(gatewayOnly.json).toEqual({ data: { __typename: 'Query' } });
      expect(gatewayOnly.headers.get('cache-control')).toBe('no-store');
    });
  });

  describe('the response cache', () => {
    it('serves the public a cached answer with an Age until max-age, while a key sees the data as it is now', async () => {
      const category = '缓存命中';
      const query = categoryQuery('Hits');
      await stack.writer.write([transfer(category, '第一条')]);

      const first = await postJson(stack.endpoint, { query, variables: { category } });
      expect(first.json.data).toMatchObject({ catalogue: { totalCount: 1 } });
      expect(titlesOf(first)).toEqual(['第一条']);
      expect(first.headers.get('age')).toBeNull();
      expect(first.headers.get('cache-control')).toBe(PUBLIC);

      // A new published record: the public keeps getting the cached answer…
      expect(await stack.writer.write([transfer(category, '第二条')])).toEqual({ written: 1, rejected: [] });
      const cached = await postJson(stack.endpoint, { query, variables: { category } });
      expect(cached.json).toEqual(first.json);
      expect(Number(cached.headers.get('age'))).toBeGreaterThanOrEqual(0);
      expect(Number(cached.headers.get('age'))).toBeLessThan(MAX_AGE);
      expect(cached.headers.get('cache-control')).toBe(PUBLIC);
      // … by GET too: the cache is keyed by query, operation and variables, not by method.
      const byGet = await get(stack.endpoint, { query, variables: { category } });
      expect(byGet.json).toEqual(first.json);
      expect(byGet.headers.get('age')).not.toBeNull();

      // … while a key (any agency's) reads through to the subgraphs and sees both records, uncached.
      for (const key of [landKey, otherKey]) {
        const keyed = await postJson(stack.endpoint, { query, variables: { category } }, bearer(key));
        expect(keyed.json.data).toMatchObject({ catalogue: { totalCount: 2 } });
        expect(titlesOf(keyed).sort()).toEqual(['第一条', '第二条']);
        expect(keyed.headers.get('age')).toBeNull();
        expect(keyed.headers.get('cache-control')).toBe('no-store');
      }

      // Another query text or other variables are another entry: fresh.
      const other = await postJson(stack.endpoint, { query: categoryQuery('HitsAgain'), variables: { category } });
      expect(other.json.data).toMatchObject({ catalogue: { totalCount: 2 } });
      expect(other.headers.get('age')).toBeNull();
    });

    it('is emptied by a mutation: a record withdrawn through the gateway leaves public view at once', async () => {
      const category = '缓存-撤回';
      const query = categoryQuery('Withdrawn');
      const [kept, withdrawn] = [transfer(category, '保留'), transfer(category, '撤回')];
      expect(await stack.writer.write([kept, withdrawn])).toEqual({ written: 2, rejected: [] });

      const first = await postJson(stack.endpoint, { query, variables: { category } });
      expect(titlesOf(first).sort()).toEqual(['保留', '撤回']);
      const cached = await postJson(stack.endpoint, { query, variables: { category } });
      expect(cached.headers.get('age')).not.toBeNull();

      const withdraw = await postJson(
        stack.endpoint,
        {
          query: 'mutation Withdraw($ids: [String!]!) { withdrawDisclosures(indexNumbers: $ids) { indexNumber status } }',
          variables: { ids: [withdrawn.envelope.indexNumber] },
        },
        bearer(landKey),
      );
      expect(withdraw.json.data).toEqual({ withdrawDisclosures: [{ indexNumber: withdrawn.envelope.indexNumber, status: 'WITHDRAWN' }] });

      const after = await postJson(stack.endpoint, { query, variables: { category } });
      expect(after.headers.get('age')).toBeNull();
      expect(titlesOf(after)).toEqual(['保留']);
    });

    it('keeps nothing from an answer with errors', async () => {
      const query = 'query Broken { catalogue(first: 0) { totalCount } }';
      const first = await postJson(stack.endpoint, { query });
      const again = await postJson(stack.endpoint, { query });
      for (const answer of [first, again]) {
        expect(answer.json.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(answer.headers.get('age')).toBeNull();
      }
    });
  });

  describe('an agency’s drafts and the cache', () => {
    const DRAFTS = categoryQuery('Drafts');

    async function writeDraftAndPublished(category: string) {
      const published = transfer(category, '已公开');
      const draft = transfer(category, '草稿');
      expect(await stack.writer.write([published])).toEqual({ written: 1, rejected: [] });
      expect(await stack.writer.write([draft], { status: 'DRAFT' })).toEqual({ written: 1, rejected: [] });
      return { published, draft };
    }

    it('key first: the agency sees its draft; the public, asking the same query after, never does', async () => {
      const category = '草稿-先密钥';
      const { draft } = await writeDraftAndPublished(category);
      const variables = { category };

      const keyed = await postJson(stack.endpoint, { query: DRAFTS, variables }, bearer(landKey));
      expect(keyed.json.data).toMatchObject({ catalogue: { totalCount: 2 } });
      expect(titlesOf(keyed).sort()).toEqual(['已公开', '草稿']);
      expect((keyed.json.data as CategoryPage).catalogue.edges.map((e) => e.node.status).sort()).toEqual(['DRAFT', 'PUBLISHED']);

      // Not from the cache (the keyed answer never entered it), and without the draft, twice.
      const anonymous = await postJson(stack.endpoint, { query: DRAFTS, variables });
      expect(anonymous.json).toEqual({
        data: { catalogue: { totalCount: 1, edges: [{ node: { indexNumber: expect.any(String), title: '已公开', status: 'PUBLISHED' } }] } },
      });
      expect(anonymous.headers.get('age')).toBeNull();
      const anonymousAgain = await get(stack.endpoint, { query: DRAFTS, variables });
      expect(anonymousAgain.json).toEqual(anonymous.json);
      expect(anonymousAgain.headers.get('age')).not.toBeNull();
      // Another agency's key does not see it either; the owner still does, fresh.
      const other = await postJson(stack.endpoint, { query: DRAFTS, variables }, bearer(otherKey));
      expect(titlesOf(other)).toEqual(['已公开']);
      const keyedAgain = await postJson(stack.endpoint, { query: DRAFTS, variables }, bearer(landKey));
      expect(titlesOf(keyedAgain).sort()).toEqual(['已公开', '草稿']);
      expect(keyedAgain.headers.get('age')).toBeNull();

      // The draft itself: null for the public, by POST and GET, however often asked.
      const one = 'query One($id: String!) { disclosure(indexNumber: $id) { title status } }';
      const id = { id: draft.envelope.indexNumber };
      expect((await postJson(stack.endpoint, { query: one, variables: id }, bearer(landKey))).json).toEqual({
        data: { disclosure: { title: '草稿', status: 'DRAFT' } },
      });
      for (let i = 0; i < 2; i += 1) {
        expect((await postJson(stack.endpoint, { query: one, variables: id })).json).toEqual({ data: { disclosure: null } });
        expect((await get(stack.endpoint, { query: one, variables: id })).json).toEqual({ data: { disclosure: null } });
      }
    });

    it('public first: the cached public answer is never given to the agency, which sees its draft', async () => {
      const category = '草稿-先公众';
      await writeDraftAndPublished(category);
      const variables = { category };

      const anonymous = await postJson(stack.endpoint, { query: DRAFTS, variables });
      expect(titlesOf(anonymous)).toEqual(['已公开']);
      const cached = await postJson(stack.endpoint, { query: DRAFTS, variables });
      expect(cached.json).toEqual(anonymous.json);
      expect(cached.headers.get('age')).not.toBeNull();

      const keyed = await postJson(stack.endpoint, { query: DRAFTS, variables }, bearer(landKey));
      expect(keyed.json.data).toMatchObject({ catalogue: { totalCount: 2 } });
      expect(titlesOf(keyed).sort()).toEqual(['已公开', '草稿']);
      expect(keyed.headers.get('age')).toBeNull();
      expect(keyed.headers.get('cache-control')).toBe('no-store');
      // And the public still gets its own (cached) answer, without the draft.
      const after = await postJson(stack.endpoint, { query: DRAFTS, variables });
      expect(after.json).toEqual(anonymous.json);
    });
  });

  describe('automatic persisted queries', () => {
    const QUERY = categoryQuery('Persisted');
    const variables = { category: '持久化查询' };

    beforeAll(async () => {
      await stack.writer.write([transfer('持久化查询', '持久化记录')]);
    });

    it('answers an unknown hash PERSISTED_QUERY_NOT_FOUND, registers by POST, then answers the hash alone by GET and POST', async () => {
      const unknown = await get(stack.endpoint, { extensions: persisted(QUERY), variables });
      expect(unknown.status).toBe(200);
      expect(unknown.json).toEqual({
        errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
      });
      expect(unknown.headers.get('cache-control')).toBe('private, no-cache, must-revalidate');

      const registered = await postJson(stack.endpoint, { query: QUERY, variables, extensions: persisted(QUERY) });
      expect(registered.status).toBe(200);
      expect(titlesOf(registered)).toEqual(['持久化记录']);

      const byHash = await get(stack.endpoint, { extensions: persisted(QUERY), variables, operationName: 'Persisted' });
      expect(byHash.status).toBe(200);
      expect(byHash.json).toEqual(registered.json);
      expect(byHash.headers.get('cache-control')).toBe(PUBLIC);

      const byHashPost = await postJson(stack.endpoint, { extensions: persisted(QUERY), variables });
      expect(byHashPost.json).toEqual(registered.json);

      // With the other CSRF header Apollo clients send instead of the preflight one.
      const withOperationName = await request(getUrl(stack.endpoint, { extensions: persisted(QUERY), variables }), {
        headers: { 'x-apollo-operation-name': 'Persisted' },
      });
      expect(withOperationName.json).toEqual(registered.json);
    });

    it('keeps CSRF prevention: a GET by hash without a preflight header is refused with 400', async () => {
      const answer = await request(getUrl(stack.endpoint, { extensions: persisted(QUERY), variables }));
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('CSRF');
    });

    it('refuses a hash that does not match the query, and registers nothing', async () => {
      const other = categoryQuery('NotThisOne');
      const answer = await postJson(stack.endpoint, { query: other, variables, extensions: persisted(QUERY.replace('Persisted', 'Swapped')) });
      expect(answer.status).toBe(400);
      expect(answer.json.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
      const byHash = await get(stack.endpoint, { extensions: persisted(QUERY.replace('Persisted', 'Swapped')), variables });
      expect(byHash.json.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    });

    it('never registers a query over a limit, and checks the cost of every request by hash with its own variables', async () => {
      const deep = '{ catalogue { edges { node { agency { parent { parent { parent { parent { parent { parent { name } } } } } } } } } } }';
      const refused = await postJson(stack.endpoint, { query: deep, extensions: persisted(deep) });
      expect(refused.status).toBe(400);
      expect(refused.json.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: 'maxDepth', allowed: 10 });
      const deepByHash = await get(stack.endpoint, { extensions: persisted(deep) });
      expect(deepByHash.json.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

      const nested = `query Nested($n: Int) { catalogue(first: $n) { edges { node { agency {
        landTransfers(first: $n) { edges { node { id title } } } } } } } }`;
      const small = await postJson(stack.endpoint, { query: nested, variables: { n: 2 }, extensions: persisted(nested) });
      expect(small.status).toBe(200);
      expect(small.json.errors).toBeUndefined();
      const smallByHash = await get(stack.endpoint, { extensions: persisted(nested), variables: { n: 2 } });
      expect(smallByHash.json).toEqual(small.json);

      const costly = await get(stack.endpoint, { extensions: persisted(nested), variables: { n: 100 } });
      expect(costly.status).toBe(400);
      expect(costly.json.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'maxCost', allowed: 10_000 });
      expect(costly.json.errors?.[0].extensions?.actual).toBeGreaterThan(10_000);
      const tooLarge = await get(stack.endpoint, { extensions: persisted(nested), variables: { n: 101 } });
      expect(tooLarge.status).toBe(400);
      expect(tooLarge.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    });

    it('answers a persisted mutation by GET with 405 and Allow: POST', async () => {
      const mutation = 'mutation Withdraw { withdrawDisclosures(indexNumbers: ["no-such-record"]) { status } }';
      const registered = await postJson(stack.endpoint, { query: mutation, extensions: persisted(mutation) });
      expect(registered.json.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const byGet = await get(stack.endpoint, { extensions: persisted(mutation) }, bearer(landKey));
      expect(byGet.status).toBe(405);
      expect(byGet.headers.get('allow')).toBe('POST');
    });
  });
});

describe('CACHE_MAX_AGE_SECONDS=1', () => {
  let short: TestStack | undefined;
  beforeAll(async () => {
    short = await startTestStack('caching_short', { env: { CACHE_MAX_AGE_SECONDS: '1' } });
  });
  afterAll(async () => {
    await short?.close();
  });

  it('serves fresh data once a cached answer has expired, and caps the change feed at the setting', async () => {
    const s = short as TestStack;
    const query = categoryQuery('Expiry');
    const variables = { category: '过期' };
    await s.writer.write([transfer('过期', '第一条')]);
    const first = await postJson(s.endpoint, { query, variables });
    expect(first.headers.get('cache-control')).toBe('max-age=1, public');
    expect(titlesOf(first)).toEqual(['第一条']);
    await s.writer.write([transfer('过期', '第二条')]);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    const later = await postJson(s.endpoint, { query, variables });
    expect(later.json.data).toMatchObject({ catalogue: { totalCount: 2 } });
    expect(later.headers.get('age')).toBeNull();
    // The change feed's hint (5 s) never exceeds the setting.
    const feed = await postJson(s.endpoint, { query: '{ changes(first: 1) { pageInfo { hasNextPage } } }' });
    expect(feed.headers.get('cache-control')).toBe('max-age=1, public');
  });
});

describe('CACHE_MAX_AGE_SECONDS=0', () => {
  let off: TestStack | undefined;
  beforeAll(async () => {
    off = await startTestStack('caching_off', { env: { CACHE_MAX_AGE_SECONDS: '0' } });
  });
  afterAll(async () => {
    await off?.close();
  });

  it('answers every query no-store and never from a cache, on the gateway and on a subgraph', async () => {
    const s = off as TestStack;
    const query = categoryQuery('Off');
    const variables = { category: '关闭' };
    await s.writer.write([transfer('关闭', '第一条')]);
    const first = await postJson(s.endpoint, { query, variables });
    expect(titlesOf(first)).toEqual(['第一条']);
    expect(first.headers.get('cache-control')).toBe('no-store');
    await s.writer.write([transfer('关闭', '第二条')]);
    const again = await postJson(s.endpoint, { query, variables });
    expect(again.json.data).toMatchObject({ catalogue: { totalCount: 2 } });
    expect(again.headers.get('age')).toBeNull();
    expect(again.headers.get('cache-control')).toBe('no-store');
    const direct = await postJson(s.subgraphUrls.catalogue as string, { query, variables });
    expect(direct.json).toEqual(again.json);
    expect(direct.headers.get('cache-control')).toBe('no-store');
  });
});
