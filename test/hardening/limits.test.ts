/**
 * The limits of the gateway with their default values, over HTTP: query depth, query cost (page
 * sizes multiplied through nested connections, aliases and fragments counted each time), page size,
 * aliases, directives, tokens and fragment expansion. Each refusal is a 400 with a GraphQL error
 * whose code and message name the limit and its value; the answer just under each limit is given.
 */
import { DEFAULT_LIMITS } from '../../gateway/config';
import { MAX_NESTING } from '../../platform/document-scan';
import { loadSample, sampleTypeCount } from '../../scripts/sample/load';
import { postJson } from '../support/http';
import { startTestStack, type GraphQLResponse, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('limits');
  const result = await loadSample(stack.writer, { seed: 7, total: 3 * sampleTypeCount() });
  expect(result.rejected).toEqual([]);
});
afterAll(async () => {
  await stack?.close();
});

function expectLimit(response: GraphQLResponse<unknown>, code: string, limit: string, allowed: number, actual?: number): void {
  expect(response.status).toBe(400);
  expect(response.data).toBeUndefined();
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors ?? [];
  expect(error.extensions).toEqual({ code, limit, allowed, ...(actual === undefined ? {} : { actual }) });
  expect(error.message).toContain(`(${limit})`);
  expect(error.message).toContain(String(allowed));
}

function expectAnswered(response: GraphQLResponse<unknown>): void {
  expect(response.errors).toBeUndefined();
  expect(response.status).toBe(200);
}

const FACETS = 'facets { domain { value label count } type { value label count } agency { value label count } region { value label count } category { value label count } year { value label count } disclosureMode { value label count } }';
const NODE =
  'cursor node { id indexNumber title domain category documentNumber subjectTerms writtenOn publishedAt publishedOn disclosureMode sourceUrl agency { code name } region { code name } ' +
  '... on LandTransfer { parcelNumber location areaSquareMetres use termYears method floorAreaRatio startingPrice { fen yuan currency } finalPrice { fen yuan currency } winningParty transferredOn } }';
/** The dearest page a portal asks for: 100 records with every envelope field, a type's fields and the facets. Cost 3,921. */
const BIG_PAGE = `catalogue(first: 100) { totalCount ${FACETS} edges { ${NODE} } }`;

/** A page of records with, for each, a page of its agency's records: cost 1 + n(4 + 1 + 2m) + 1. */
const nested = (outer: string, inner: string) =>
  `{ catalogue${outer} { edges { node { agency { disclosures${inner} { edges { node { title } } } } } } } }`;

describe('query cost', () => {
  it(`answers the dearest realistic page, under the limit of ${DEFAULT_LIMITS.maxCost}`, async () => {
    const response = await stack.query<{ catalogue: { edges: unknown[] } }>(`{ ${BIG_PAGE} }`);
    expectAnswered(response);
    expect(response.data?.catalogue.edges).toHaveLength(3 * sampleTypeCount());
  });

  it('multiplies page sizes through nested connections', async () => {
    expectAnswered(await stack.query(nested('(first: 20)', '(first: 20)')));
    const response = await stack.query(nested('(first: 100)', '(first: 100)'));
    expectLimit(response, 'QUERY_TOO_COMPLEX', 'maxCost', DEFAULT_LIMITS.maxCost, 20_402);
    expect(response.errors?.[0].message).toMatch(/^Query cost 20402 exceeds the limit of 10000 \(maxCost\)\. /);
  });

  it('counts the default page size of 20 where first is not given', async () => {
    // 1 + 100 × (4 + 1 + 20 × 2) + 1 = 4,502: answered; with 100 inside it would be 20,402.
    expectAnswered(await stack.query(nested('(first: 100)', '')));
    expectLimit(await stack.query(nested('(first: 100)', '(first: 100)')), 'QUERY_TOO_COMPLEX', 'maxCost', 10_000, 20_402);
  });

  it('reads page sizes from the variables', async () => {
    const query = `query Nested($outer: Int, $inner: Int) ${nested('(first: $outer)', '(first: $inner)')}`;
    expectAnswered(await stack.query(query, { outer: 20, inner: 20 }));
    expectLimit(await stack.query(query, { outer: 100, inner: 100 }), 'QUERY_TOO_COMPLEX', 'maxCost', 10_000, 20_402);
  });

  it('judges the same query text again with each request’s own variables (the cost is kept per variables)', async () => {
    const query = `query NestedAgain($outer: Int, $inner: Int) ${nested('(first: $outer)', '(first: $inner)')}`;
    for (let round = 0; round < 2; round++) {
      expectAnswered(await stack.query(query, { outer: 20, inner: 20 }));
      expectLimit(await stack.query(query, { outer: 100, inner: 100 }), 'QUERY_TOO_COMPLEX', 'maxCost', 10_000, 20_402);
      expectLimit(await stack.query(query, { inner: 100, outer: 100 }), 'QUERY_TOO_COMPLEX', 'maxCost', 10_000, 20_402);
    }
  });

  it('counts every alias of an expensive field', async () => {
    expectAnswered(await stack.query(`{ a: ${BIG_PAGE} b: ${BIG_PAGE} }`));
    expectLimit(await stack.query(`{ a: ${BIG_PAGE} b: ${BIG_PAGE} c: ${BIG_PAGE} }`), 'QUERY_TOO_COMPLEX', 'maxCost', 10_000, 3 * 3_921);
  });

  it('counts a fragment each time it is spread', async () => {
    const fragment = `fragment Page on Query { ${BIG_PAGE} }`;
    expectAnswered(await stack.query(`{ ...Page } ${fragment}`));
    expectLimit(await stack.query(`{ ...Page ... on Query { ...Page ...Page } } ${fragment}`), 'QUERY_TOO_COMPLEX', 'maxCost', 10_000, 3 * 3_921);
  });

  it('multiplies lists without a page size by the list size estimate', async () => {
    // regions × agencies × a page of 100: 1 + 10 × (1 + 10 × (1 + 1 + (1 + 100 × 2))) = 20,311.
    const response = await stack.query('{ regions { agencies { disclosures(first: 100) { totalCount edges { node { title } } } } } }');
    expectLimit(response, 'QUERY_TOO_COMPLEX', 'maxCost', 10_000, 20_311);
  });
});

describe('page size', () => {
  it.each([[101], [1000], [0], [-1]])('refuses first: %d at the gateway, before any subgraph call', async (first) => {
    const response = await stack.query(`{ catalogue(first: ${first}) { totalCount } }`);
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([
      {
        message: `Invalid value for "first": must be between 1 and 100; got ${first}`,
        extensions: { code: 'BAD_USER_INPUT', argument: 'first', rule: 'range' },
      },
    ]);
  });

  it('refuses first over 100 from a variable, in a nested connection too', async () => {
    const response = await stack.query('query ($n: Int) { agencies { disclosures(first: $n) { totalCount } } }', { n: 500 });
    expect(response.errors?.[0]).toMatchObject({ message: 'Invalid value for "first": must be between 1 and 100; got 500', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('query depth', () => {
  const chain = (parents: number, inner = 'code') => `{ regions { ${'parent { '.repeat(parents)}${inner}${' }'.repeat(parents)} } }`;

  it(`answers ${DEFAULT_LIMITS.maxDepth} levels and refuses ${DEFAULT_LIMITS.maxDepth + 1}`, async () => {
    expectAnswered(await stack.query(chain(8)));
    const response = await stack.query(chain(9));
    expectLimit(response, 'QUERY_TOO_DEEP', 'maxDepth', 10, 11);
    expect(response.errors?.[0].message).toBe('Query depth 11 exceeds the limit of 10 nested fields (maxDepth).');
  });

  it('counts levels inside fragments, without counting the fragments themselves', async () => {
    const viaFragments = '{ regions { ...P } } fragment P on Region { parent { ... on Region { parent { ...Q } } } } fragment Q on Region { parent { parent { parent { parent { parent { parent { code } } } } } } }';
    expectAnswered(await stack.query(viaFragments));
    const deeper = viaFragments.replace('{ code }', '{ parent { code } }');
    expectLimit(await stack.query(deeper), 'QUERY_TOO_DEEP', 'maxDepth', 10, 11);
  });
});

describe('aliases and directives', () => {
  const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ');

  it(`answers ${DEFAULT_LIMITS.maxAliases} aliases and refuses ${DEFAULT_LIMITS.maxAliases + 1}`, async () => {
    expectAnswered(await stack.query(`{ ${aliases(30)} }`));
    const response = await stack.query(`{ ${aliases(31)} }`);
    expectLimit(response, 'TOO_MANY_ALIASES', 'maxAliases', 30, 31);
  });

  it('counts the aliases of a fragment each time it is spread', async () => {
    const response = await stack.query(`{ ...A ... on Query { ...A } } fragment A on Query { ${aliases(16)} }`);
    expectLimit(response, 'TOO_MANY_ALIASES', 'maxAliases', 30, 32);
  });

  it(`refuses more than ${DEFAULT_LIMITS.maxDirectives} directives`, async () => {
    const directives = (n: number) => `{ ${'__typename @skip(if: false) '.repeat(n)} }`;
    expectAnswered(await stack.query(directives(50)));
    const response = await stack.query(directives(51));
    expectLimit(response, 'TOO_MANY_DIRECTIVES', 'maxDirectives', 50, 51);
  });
});

describe('refused before parsing', () => {
  it(`refuses a run of more than ${DEFAULT_LIMITS.maxDirectives} directives on one field, naming the run`, async () => {
    const response = await stack.query(`{ __typename ${'@include(if: true) '.repeat(700)}}`);
    expectLimit(response, 'TOO_MANY_DIRECTIVES', 'maxDirectives', DEFAULT_LIMITS.maxDirectives, 700);
    expect(response.errors?.[0].message).toBe('A field carries 700 directives in a row; the limit is 50 directives per operation (maxDirectives).');
  });

  it('leaves a run within the limit to validation, which reports each repeated directive', async () => {
    const response = await stack.query(`{ __typename ${'@include(if: true) '.repeat(DEFAULT_LIMITS.maxDirectives)}}`);
    expect(response.status).toBe(400);
    expect(response.errors).toHaveLength(DEFAULT_LIMITS.maxDirectives - 1);
    expect(new Set(response.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
  });

  it(`refuses braces nested more than ${MAX_NESTING} deep, where graphql-js would run out of stack`, async () => {
    const response = await stack.query(`${'{ a '.repeat(5_000)}${'}'.repeat(5_000)}`);
    expectLimit(response, 'QUERY_TOO_DEEP', 'maxNesting', MAX_NESTING);
    expect(response.errors?.[0].message).not.toContain('Maximum call stack');
  });
});

describe('document size', () => {
  it(`refuses a document of more than ${DEFAULT_LIMITS.maxTokens} tokens while parsing`, async () => {
    const response = await stack.query(`{ ${'__typename '.repeat(DEFAULT_LIMITS.maxTokens)} }`);
    expectLimit(response, 'QUERY_TOO_LARGE', 'maxTokens', DEFAULT_LIMITS.maxTokens);
  });

  it('refuses a fragment "bomb" that expands to more selections than allowed, quickly', async () => {
    // F13 expands to 2^13 = 8,192 selections from 60 lines.
    const fragments = ['fragment F0 on Query { __typename }'];
    for (let i = 1; i <= 13; i += 1) fragments.push(`fragment F${i} on Query { ...F${i - 1} ... on Query { ...F${i - 1} } }`);
    const started = Date.now();
    const response = await stack.query(`{ ...F13 } ${fragments.join(' ')}`);
    expect(Date.now() - started).toBeLessThan(3_000);
    expectLimit(response, 'QUERY_TOO_LARGE', 'maxSelections', DEFAULT_LIMITS.maxSelections);
  });

  it('refuses a field repeated thousands of times, which graphql-js will not validate', async () => {
    const response = await stack.query(`{ ${'__typename '.repeat(3_000)} }`);
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([
      {
        message: 'The query repeats the same fields or fragments too often to be validated; send each field once.',
        extensions: { code: 'QUERY_TOO_LARGE', limit: 'validationWork' },
      },
    ]);
  });
});

it('still answers a normal query after every refusal above', async () => {
  const response = await postJson(stack.endpoint, { query: '{ catalogue(first: 2) { totalCount edges { node { title } } } }' });
  expect(response.status).toBe(200);
  expect(response.json.data).toMatchObject({ catalogue: { totalCount: 3 * sampleTypeCount() } });
});
