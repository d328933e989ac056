/**
 * One HTTP status per error code, on every path (README, "Errors"): each code the API answers with
 * is provoked through the gateway, and through a subgraph port where the port can produce it, and
 * the answer's status is the one platform/error-codes.ts gives that code; an answer with data, even
 * partial, is 200. Includes the refusals made before parsing: 700 directives on one field and
 * 5,000 nested braces or JSON arrays answer at once, never "Maximum call stack size exceeded".
 * The README's table of codes is checked against ERROR_CODES.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CODES, statusOf, type ErrorCode } from '../../platform/error-codes';
import type { SubgraphName } from '../../platform/config';
import { DEFAULT_DOCUMENT_LIMITS } from '../../platform/limits';
import { MAX_NESTING } from '../../platform/document-scan';
import { AGENCIES } from '../../model/reference-data';
import { landTransferSubmission } from '../support/builders';
import { hangingServer, portOf, postJson, request, type HttpAnswer } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';

const SUBGRAPH_TIMEOUT_MS = 1_500;

let stack: TestStack;
let otherAgencyKey: string;

beforeAll(async () => {
  stack = await startTestStack('statuses', { env: { GATEWAY_SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_TIMEOUT_MS) } });
  // An agency of another province than the land bureau whose record the tests submit.
  const other = AGENCIES.find((agency) => !agency.regionCode.startsWith('43'));
  if (!other) throw new Error('no agency outside Hunan');
  otherAgencyKey = (await stack.createKey(other._id, 'another province')).key;
});
afterAll(async () => {
  await stack?.close();
});

/** Where a request goes: the gateway's /graphql or a subgraph's GraphQL endpoint. */
type Target = 'gateway' | SubgraphName;
const urlOf = (target: Target) => (target === 'gateway' ? stack.endpoint : (stack.subgraphUrls[target] as string));

const get = (url: string, parameters: Record<string, string>, headers: Record<string, string> = {}) =>
  request(`${url}?${new URLSearchParams(parameters)}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const nestedJson = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;
const SUBMIT = 'mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) { accepted { indexNumber } } }';

interface Case {
  name: string;
  code: ErrorCode;
  send: (url: string) => Promise<HttpAnswer>;
  /** The subgraph ports that answer it the same way (the gateway always does). */
  ports: SubgraphName[];
}

const EVERY_PORT: SubgraphName[] = ['catalogue', 'land'];

const CASES: Case[] = [
  { name: 'a body that is not JSON', code: 'BAD_REQUEST', send: (url) => postJson(url, '{"query":'), ports: EVERY_PORT },
  { name: 'a body without a query', code: 'BAD_REQUEST', send: (url) => postJson(url, {}), ports: EVERY_PORT },
  {
    name: 'a persisted query of version 2',
    code: 'BAD_REQUEST',
    send: (url) => postJson(url, { query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: sha256('{ __typename }') } } }),
    ports: EVERY_PORT,
  },
  { name: 'a syntax error', code: 'GRAPHQL_PARSE_FAILED', send: (url) => postJson(url, { query: '{' }), ports: EVERY_PORT },
  { name: 'an unknown field', code: 'GRAPHQL_VALIDATION_FAILED', send: (url) => postJson(url, { query: '{ nope }' }), ports: EVERY_PORT },
  {
    name: 'an unknown operation name',
    code: 'OPERATION_RESOLUTION_FAILURE',
    send: (url) => postJson(url, { query: '{ __typename }', operationName: 'Nope' }),
    ports: EVERY_PORT,
  },
  {
    name: 'a persisted query’s hash never registered',
    code: 'PERSISTED_QUERY_NOT_FOUND',
    send: (url) => postJson(url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(`{ __typename } # ${url}`) } } }),
    ports: EVERY_PORT,
  },
  {
    name: 'a persisted query whose hash is not its text’s',
    code: 'PERSISTED_QUERY_HASH_MISMATCH',
    send: (url) => postJson(url, { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ other }') } } }),
    ports: EVERY_PORT,
  },
  {
    name: 'an invalid date literal (argument validation)',
    code: 'BAD_USER_INPUT',
    send: (url) => postJson(url, { query: '{ catalogue(filter: { publishedFrom: "2014-13-01" }) { totalCount } }' }),
    ports: [],
  },
  {
    name: 'an invalid date in a variable (variable coercion)',
    code: 'BAD_USER_INPUT',
    send: (url) =>
      postJson(url, { query: 'query ($f: Date) { catalogue(filter: { publishedFrom: $f }) { totalCount } }', variables: { f: '2014-13-01' } }),
    ports: ['catalogue'],
  },
  {
    name: 'a cursor this API did not issue (a resolver’s check)',
    code: 'BAD_USER_INPUT',
    send: (url) => postJson(url, { query: '{ catalogue(after: "zzz") { totalCount } }' }),
    ports: ['catalogue'],
  },
  { name: 'first: 101', code: 'BAD_USER_INPUT', send: (url) => postJson(url, { query: '{ catalogue(first: 101) { totalCount } }' }), ports: ['catalogue'] },
  {
    name: 'a document over the token limit',
    code: 'QUERY_TOO_LARGE',
    send: (url) => postJson(url, { query: `{ ${'__typename '.repeat(DEFAULT_DOCUMENT_LIMITS.maxTokens)} }` }),
    ports: EVERY_PORT,
  },
  {
    name: 'depth 11',
    code: 'QUERY_TOO_DEEP',
    send: (url) => postJson(url, { query: `{ regions { ${'parent { '.repeat(9)}code${' }'.repeat(9)} } }` }),
    ports: ['catalogue'],
  },
  { name: '5,000 nested braces', code: 'QUERY_TOO_DEEP', send: (url) => postJson(url, { query: `${'{ a '.repeat(5_000)}${'}'.repeat(5_000)}` }), ports: EVERY_PORT },
  {
    name: 'a list literal nested 5,000 deep',
    code: 'QUERY_TOO_DEEP',
    send: (url) => postJson(url, { query: `{ catalogue(filter: { regionCodes: ${nestedJson(5_000)} }) { totalCount } }` }),
    ports: EVERY_PORT,
  },
  {
    name: 'variables nested 5,000 deep in a POST body',
    code: 'QUERY_TOO_DEEP',
    send: (url) => postJson(url, `{"query":"query ($c: [ID!]) { regions { code } }","variables":{"c":${nestedJson(5_000)}}}`),
    ports: EVERY_PORT,
  },
  {
    // 1,000 levels: a URL of 5,000 would pass Node's 16 KB limit of the request head (431).
    name: 'variables nested 1,000 deep in a GET',
    code: 'QUERY_TOO_DEEP',
    send: (url) => get(url, { query: '{ __typename }', variables: `{"c":${nestedJson(1_000)}}` }),
    ports: EVERY_PORT,
  },
  {
    name: '31 aliases',
    code: 'TOO_MANY_ALIASES',
    send: (url) => postJson(url, { query: `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }` }),
    ports: EVERY_PORT,
  },
  {
    name: '51 directives on 51 fields',
    code: 'TOO_MANY_DIRECTIVES',
    send: (url) => postJson(url, { query: `{ ${'__typename @skip(if: false) '.repeat(51)} }` }),
    ports: EVERY_PORT,
  },
  {
    name: '700 directives on one field',
    code: 'TOO_MANY_DIRECTIVES',
    send: (url) => postJson(url, { query: `{ __typename ${'@include(if: true) '.repeat(700)}}` }),
    ports: EVERY_PORT,
  },
  {
    name: 'a page of pages of 100',
    code: 'QUERY_TOO_COMPLEX',
    send: (url) =>
      postJson(url, { query: '{ catalogue(first: 100) { edges { node { agency { disclosures(first: 100) { edges { node { title } } } } } } } }' }),
    ports: [],
  },
  { name: 'a mutation without a key', code: 'UNAUTHENTICATED', send: (url) => postJson(url, { query: SUBMIT, variables: { s: [landTransferSubmission()] } }), ports: ['catalogue'] },
  {
    name: 'a record of an agency the key does not act for',
    code: 'FORBIDDEN',
    send: (url) => postJson(url, { query: SUBMIT, variables: { s: [landTransferSubmission()] } }, { authorization: `Bearer ${otherAgencyKey}` }),
    ports: [],
  },
  {
    name: 'a body over the size limit',
    code: 'PAYLOAD_TOO_LARGE',
    send: (url) => postJson(url, { query: '{ __typename }', variables: { pad: 'x'.repeat(DEFAULT_DOCUMENT_LIMITS.maxBodyBytes) } }),
    ports: EVERY_PORT,
  },
  {
    name: 'a POST of text/plain',
    code: 'UNSUPPORTED_MEDIA_TYPE',
    send: (url) => request(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ __typename }' }),
    ports: EVERY_PORT,
  },
  {
    name: 'a PUT',
    code: 'METHOD_NOT_ALLOWED',
    send: (url) => request(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }),
    ports: EVERY_PORT,
  },
  { name: 'a mutation by GET', code: 'METHOD_NOT_ALLOWED', send: (url) => get(url, { query: 'mutation { withdrawDisclosures(indexNumbers: ["x"]) { indexNumber } }' }), ports: ['catalogue'] },
  {
    name: 'an Accept of text/html only',
    code: 'NOT_ACCEPTABLE',
    send: (url) => postJson(url, { query: '{ __typename }' }, { accept: 'text/html' }),
    ports: EVERY_PORT,
  },
];

/** Codes provoked elsewhere, and why not here. */
const PROVOKED_ELSEWHERE: Partial<Record<ErrorCode, string>> = {
  RATE_LIMITED: 'test/hardening/http.test.ts, on a stack of its own with the per-client limit on',
  INTERNAL_SERVER_ERROR: 'no request provokes it: it is what an unexpected failure is answered with',
  IDEMPOTENCY_KEY_IN_USE: 'test/publishing/idempotency.test.ts, a retry while the first request with its key still runs',
  IDEMPOTENCY_KEY_REUSED: 'test/publishing/idempotency.test.ts, another request under a used key',
  DATABASE_UNAVAILABLE: 'test/hardening/engine-restart.test.ts, with the engine killed under a stack of its own',
  OVERLOADED: 'test/hardening/overload.test.ts, a second search while the one slot of a stack of its own is taken',
};

function expectRefused(answer: HttpAnswer, code: ErrorCode): void {
  expect({ status: answer.status, code: answer.json?.errors?.[0]?.extensions?.code, data: answer.json?.data ?? null }).toEqual({
    status: statusOf(code),
    code,
    data: null,
  });
  expect(answer.text).not.toContain('Maximum call stack');
}

describe.each(CASES)('$name', ({ code, send, ports }) => {
  it(`is answered ${code} with HTTP ${statusOf(code)} by the gateway`, async () => {
    expectRefused(await send(urlOf('gateway')), code);
  });
  if (ports.length) {
    it.each(ports)(`is answered ${code} with HTTP ${statusOf(code)} by the %s port`, async (port) => {
      expectRefused(await send(urlOf(port)), code);
    });
  }
});

describe('refusals before parsing', () => {
  it('names the directive limit and the run of directives found', async () => {
    const answer = await postJson(stack.endpoint, { query: `{ __typename ${'@include(if: true) '.repeat(700)}}` });
    expect(answer.json.errors).toEqual([
      {
        message: 'A field carries 700 directives in a row; the limit is 50 directives per operation (maxDirectives).',
        extensions: { code: 'TOO_MANY_DIRECTIVES', limit: 'maxDirectives', allowed: 50, actual: 700 },
      },
    ]);
  });

  it('answers a run of as many directives as the limit allows through validation (one copy each)', async () => {
    const answer = await postJson(stack.endpoint, { query: `{ __typename ${'@include(if: true) @skip(if: false) '.repeat(25)}}` });
    expect(answer.status).toBe(400);
    expect(answer.json.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const two = await postJson(stack.endpoint, { query: '{ __typename @include(if: true) @skip(if: false) }' });
    expect({ status: two.status, json: two.json }).toEqual({ status: 200, json: { data: { __typename: 'Query' } } });
  });

  it(`names the nesting limit of ${MAX_NESTING}, and answers a document just under it`, async () => {
    const deep = await postJson(stack.endpoint, { query: `{ catalogue(filter: { regionCodes: ${nestedJson(MAX_NESTING)} }) { totalCount } }` });
    expect(deep.json.errors).toEqual([
      {
        message: `The query nests braces, brackets and parentheses more than ${MAX_NESTING} levels deep; the limit is ${MAX_NESTING} levels (maxNesting).`,
        extensions: { code: 'QUERY_TOO_DEEP', limit: 'maxNesting', allowed: MAX_NESTING },
      },
    ]);
    // 97 list levels inside the two braces and the parenthesis around them: parsed, then refused by the schema.
    const under = await postJson(stack.endpoint, { query: `{ catalogue(filter: { regionCodes: ${nestedJson(MAX_NESTING - 3)} }) { totalCount } }` });
    expect(under.status).toBe(400);
    expect(under.json.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'filter.regionCodes']]);
  });

  it(`names the nesting limit of a JSON body, and reads strings as strings`, async () => {
    const deep = await postJson(stack.endpoint, `{"query":"{ __typename }","variables":{"x":${nestedJson(MAX_NESTING)}}}`);
    expect(deep.json.errors).toEqual([
      {
        message: `The request body nests JSON arrays and objects more than ${MAX_NESTING} levels deep; the limit is ${MAX_NESTING} levels (maxNesting).`,
        extensions: { code: 'QUERY_TOO_DEEP', limit: 'maxNesting', allowed: MAX_NESTING },
      },
    ]);
    const brackets = `"\\"${'['.repeat(5_000)}"`;
    const inString = await postJson(stack.endpoint, `{"query":"query ($x: ID!) { region(code: $x) { code } }","variables":{"x":${brackets}}}`);
    expect({ status: inString.status, json: inString.json }).toEqual({ status: 200, json: { data: { region: null } } });
  });
});

describe('answers with data', () => {
  it('stay 200 when part of the answer failed', async () => {
    const [agency] = AGENCIES;
    const answer = await postJson(stack.endpoint, {
      query: 'query ($code: ID!) { regions(level: PROVINCE) { code } agency(code: $code) { disclosures(after: "zzz") { totalCount } } }',
      variables: { code: agency._id },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual({ regions: expect.any(Array), agency: null });
    expect(answer.json.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['agency', 'disclosures'], 'BAD_USER_INPUT']]);
  });

  it('keep the subgraph’s error with its path and fields when the subgraph answered without data', async () => {
    const answer = await postJson(stack.endpoint, { query: '{ catalogue(after: "zzz") { totalCount } }' });
    expect(answer.json).toEqual({
      data: null,
      errors: [
        {
          message: 'Invalid value for "after": not a cursor issued by this API; pass an endCursor from a previous page',
          path: ['catalogue'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'after', rule: 'cursor', serviceName: 'catalogue' },
        },
      ],
    });
  });
});

describe('beside GraphQL', () => {
  it('answers an export whose filter is refused with the filter’s code and status', async () => {
    const answer = await request(`${stack.gatewayUrl}export.csv?filter=${encodeURIComponent('{"publishedFrom":"2014-13-01"}')}`);
    expect({ status: answer.status, code: answer.json?.errors?.[0].extensions?.code }).toEqual({ status: statusOf('BAD_USER_INPUT'), code: 'BAD_USER_INPUT' });
  });

  it('answers a path the gateway does not serve with NOT_FOUND in JSON', async () => {
    const answer = await request(`${stack.gatewayUrl}nothing/here?x=1`);
    expect({ status: answer.status, type: answer.headers.get('content-type'), errors: answer.json?.errors }).toEqual({
      status: statusOf('NOT_FOUND'),
      type: 'application/json; charset=utf-8',
      errors: [{ message: 'Nothing is served at GET /nothing/here; GraphQL is at /graphql.', extensions: { code: 'NOT_FOUND' } }],
    });
  });

  it('answers a feed of a heading nothing is filed under with NOT_FOUND', async () => {
    const answer = await request(`${stack.gatewayUrl}feeds/category/${encodeURIComponent('没有这个目录')}.atom`);
    expect({ status: answer.status, code: answer.json?.errors?.[0].extensions?.code }).toEqual({ status: statusOf('NOT_FOUND'), code: 'NOT_FOUND' });
  });

  it('answers an owner endpoint without the gateway’s identity with UNAUTHENTICATED', async () => {
    const answer = await postJson(new URL('owner/moves', urlOf('land')).href, { indexNumbers: ['x'], target: 'PUBLISHED' });
    expect({ status: answer.status, code: answer.json?.errors?.[0].extensions?.code }).toEqual({ status: statusOf('UNAUTHENTICATED'), code: 'UNAUTHENTICATED' });
  });
});

describe('a subgraph down or slow, with nothing else to answer', () => {
  const LAND_ONLY = '{ landTransfers(first: 1) { totalCount } }';

  it('is SUBGRAPH_UNAVAILABLE when the subgraph is down', async () => {
    await stack.stopSubgraph('land');
    try {
      expectRefused(await postJson(stack.endpoint, { query: LAND_ONLY }), 'SUBGRAPH_UNAVAILABLE');
    } finally {
      await stack.restartSubgraph('land');
    }
  });

  it('is SUBGRAPH_TIMEOUT when the subgraph does not answer in time', async () => {
    await stack.stopSubgraph('land');
    const hanging = await hangingServer(portOf(stack.subgraphUrls.land as string));
    try {
      expectRefused(await postJson(stack.endpoint, { query: LAND_ONLY }), 'SUBGRAPH_TIMEOUT');
    } finally {
      await hanging.close();
      await stack.restartSubgraph('land');
    }
  });
});

it('provokes every code of the table here, or names where it is provoked', () => {
  const provoked = new Set<string>([...CASES.map((c) => c.code), 'NOT_FOUND', 'SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT']);
  const missing = Object.keys(ERROR_CODES).filter((code) => !provoked.has(code) && !(code in PROVOKED_ELSEWHERE));
  expect(missing).toEqual([]);
});

it('lists every code in the README with its status and what to do, as the table has them', () => {
  const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Errors'));
  const rows = [...section.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| (.+) \|$/gm)].map(([, code, status, action]) => [code, Number(status), action]);
  expect(rows).toEqual(Object.entries(ERROR_CODES).map(([code, { status, action }]) => [code, status, action]));
});
