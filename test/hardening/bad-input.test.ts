/**
 * Bad input through the gateway: malformed and huge documents, deep nesting, invalid cursors,
 * operator-shaped strings in every string argument and input field of every query (found by walking
 * the schema, so new filters are covered as they come), pathological regular-expression text and
 * giant strings. Every case gets a clear error (a 4xx with a code) or a correct empty answer, never
 * a 5xx, and the gateway answers normally afterwards.
 */
import { agencyNamed } from '../support/builders';
import { Supergraph } from '@apollo/federation-internals';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  GraphQLObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { committedSupergraph } from '../../scripts/lib/compose';
import { AGENCIES, REGIONS } from '../../model/reference-data';
import { statusOf, statusOfAnswer } from '../../platform/error-codes';
import { loadSample, sampleTypeCount } from '../../scripts/sample/load';
import { postJson, request, type HttpAnswer } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';

const RECORDS = 2 * sampleTypeCount();
const OPERATOR_STRINGS = ['{"$gt": ""}', '{"$where": "1"}'];
const OPERATOR_OBJECTS = [{ $gt: '' }, { $where: '1' }];
/** Codes that make a clear client error. */
const CLIENT_CODES = [
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'QUERY_TOO_LARGE',
  'QUERY_TOO_DEEP',
  'PAYLOAD_TOO_LARGE',
  // An agency's open requests asked for another agency's code (the walk's string in place of one).
  'FORBIDDEN',
];

let stack: TestStack;
/** The schema walk sends an agency's key: the fields only an agency may ask (its open requests) take strings too. */
let walkHeaders: Record<string, string>;

beforeAll(async () => {
  stack = await startTestStack('badinput', { env: { GATEWAY_RATE_LIMIT_MAX: '0' } });
  expect((await loadSample(stack.writer, { seed: 11, total: RECORDS })).rejected).toEqual([]);
  const { key } = await stack.createKey(agencyNamed('岳阳县人民政府办公室')._id, 'schema walk');
  walkHeaders = { authorization: `Bearer ${key}` };
});
afterAll(async () => {
  await stack?.close();
});

/** A clear client error: 4xx (or 200 with errors), every error with a client code and a message. */
function isClearError(answer: HttpAnswer): boolean {
  return (
    answer.status < 500 &&
    Array.isArray(answer.json?.errors) &&
    answer.json.errors.length > 0 &&
    answer.json.errors.every((e) => CLIENT_CODES.includes(String(e.extensions?.code)) && e.message.length > 0)
  );
}

async function pool<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

async function expectServiceAnswers(): Promise<void> {
  const answer = await stack.query<{ catalogue: { totalCount: number } }>('{ catalogue { totalCount } }');
  expect(answer).toEqual({ status: 200, data: { catalogue: { totalCount: RECORDS } } });
}

// ------------------------------------------------------------------------------------------------
// The schema walk

const schema: GraphQLSchema = Supergraph.build(committedSupergraph()).apiSchema().toGraphQLJSSchema();
/** Scalars whose values are strings. */
const STRING_SCALARS = new Set(['String', 'ID', 'Date', 'DateTime', 'URL', 'YuanAmount', 'Currency']);
/** How an object type's fields are reached from Query in a test: `agency(code: …) { <field> }`. */
const ROUTES: Record<string, (inner: string) => string> = {
  Query: (inner) => inner,
  Agency: (inner) => `agency(code: "${AGENCIES[0]._id}") { ${inner} }`,
  Region: (inner) => `region(code: "${REGIONS[0]._id}") { ${inner} }`,
};

/** A valid value of a type, for the arguments and input fields a case does not test. */
function validValue(type: GraphQLInputType): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [validValue(nullable.ofType)];
  if (isEnumType(nullable)) return nullable.getValues()[0].value;
  if (isInputObjectType(nullable)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(nullable.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = validValue(field.type);
    }
    return value;
  }
  const samples: Record<string, unknown> = {
    Int: 1, Float: 1, Boolean: true, SafeInt: 1, String: 'none', ID: 'none', Date: '2017-01-01',
    DateTime: '2017-01-01T00:00:00Z', URL: 'https://example.org/', YuanAmount: '1', Currency: 'CNY', JSONObject: {},
  };
  return samples[(nullable as { name: string }).name] ?? 'none';
}

interface Leaf {
  /** Input field path inside the argument (empty for the argument itself). */
  path: string[];
  scalar: string;
  list: boolean;
}

function stringLeaves(type: GraphQLInputType, path: string[] = [], depth = 0): Leaf[] {
  const nullable = getNullableType(type);
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    if (depth > 3) return [];
    return Object.values(named.getFields()).flatMap((field) => stringLeaves(field.type, [...path, field.name], depth + 1));
  }
  if (isScalarType(named) && STRING_SCALARS.has(named.name)) return [{ path, scalar: named.name, list: isListType(nullable) }];
  return [];
}

/** The argument's value with `value` at the leaf and valid values in its required siblings. */
function valueAt(arg: GraphQLArgument, leaf: Leaf, value: unknown): unknown {
  const leafValue = leaf.list ? [value] : value;
  if (!leaf.path.length) return leafValue;
  const root = validValue(arg.type) as Record<string, unknown>;
  let node = root;
  let type = getNamedType(arg.type);
  leaf.path.forEach((name, index) => {
    if (!isInputObjectType(type)) throw new Error(`not an input object at ${name}`);
    const field = type.getFields()[name];
    if (index === leaf.path.length - 1) node[name] = leafValue;
    else {
      const child = (node[name] as Record<string, unknown> | undefined) ?? (validValue(field.type) as Record<string, unknown>);
      node[name] = child;
      node = child;
      type = getNamedType(field.type);
    }
  });
  return root;
}

/** What to select of a field's result, and whether an answer of it is empty. */
function selection(field: GraphQLField<unknown, unknown>): { select: string; isEmpty: (value: unknown) => boolean } {
  const named = getNamedType(field.type);
  const list = isListType(getNullableType(field.type));
  if (isObjectType(named) && named.getFields().totalCount) {
    return { select: '{ totalCount }', isEmpty: (v) => (v as { totalCount: number } | null)?.totalCount === 0 };
  }
  if (isObjectType(named) && named.getFields().edges) {
    return { select: '{ edges { __typename } }', isEmpty: (v) => (v as { edges: unknown[] } | null)?.edges.length === 0 };
  }
  const select = isObjectType(named) || !isScalarType(named) ? '{ __typename }' : '';
  return list ? { select, isEmpty: (v) => Array.isArray(v) && v.length === 0 } : { select, isEmpty: (v) => v === null };
}

/** One string leaf of one argument of one field, with the value under test in it. */
interface Case {
  name: string;
  /** The object type the field is on (a key of ROUTES). */
  route: string;
  field: string;
  arg: string;
  argType: string;
  /** The argument's value, the tested value at the leaf. */
  value: unknown;
  /** Required arguments besides the tested one, with valid values. */
  others: Array<{ name: string; type: string; value: unknown }>;
  select: string;
  isEmpty: (value: unknown) => boolean;
  /**
   * Cases of a kind share a request: values of custom scalars are refused together before execution;
   * arguments (such as a cursor) may fail the whole field; input fields rarely do.
   */
  kind: 'custom-scalar' | 'argument' | 'input-field';
}

/** Every string leaf of every argument of every field reachable from Query, with `value` in it. */
function casesFor(value: (leaf: Leaf) => unknown): Case[] {
  const cases: Case[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__') || !ROUTES[type.name]) continue;
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args) {
        for (const leaf of stringLeaves(arg.type)) {
          const others = field.args
            .filter((other) => other !== arg && isNonNullType(other.type) && other.defaultValue === undefined)
            .map((other) => ({ name: other.name, type: other.type.toString(), value: validValue(other.type) }));
          cases.push({
            name: `${type.name}.${field.name}(${[arg.name, ...leaf.path].join('.')})`,
            route: type.name,
            field: field.name,
            arg: arg.name,
            argType: arg.type.toString(),
            value: valueAt(arg, leaf, value(leaf)),
            others,
            ...selection(field),
            kind: leaf.scalar !== 'String' && leaf.scalar !== 'ID' ? 'custom-scalar' : leaf.path.length ? 'input-field' : 'argument',
          });
        }
      }
    }
  }
  return cases;
}

/**
 * One request for cases of one field: each case as an alias `c<i>` with its value in `$v<i>`.
 * Returns the request and where each case's answer is in `data`.
 */
function batch(cases: Case[]): { body: { query: string; variables: Record<string, unknown> }; dataPath: (i: number) => string[] } {
  const { route, field, others } = cases[0];
  const definitions = others.map((o) => `$o_${o.name}: ${o.type}`);
  const variables: Record<string, unknown> = Object.fromEntries(others.map((o) => [`o_${o.name}`, o.value]));
  const selections = cases.map((c, i) => {
    definitions.push(`$v${i}: ${c.argType}`);
    variables[`v${i}`] = c.value;
    const args = [`${c.arg}: $v${i}`, ...others.map((o) => `${o.name}: $o_${o.name}`)];
    return `c${i}: ${field}(${args.join(', ')}) ${c.select}`;
  });
  const parent = route === 'Query' ? [] : [route === 'Agency' ? 'agency' : 'region'];
  return {
    body: { query: `query (${definitions.join(', ')}) { ${ROUTES[route](selections.join(' '))} }`, variables },
    dataPath: (i) => [...parent, `c${i}`],
  };
}

/** Cases grouped by field, in batches small enough for the alias limit. */
function groups(cases: Case[]): Case[][] {
  const byField = new Map<string, Case[]>();
  for (const c of cases) {
    const key = `${c.route}.${c.field}.${c.kind}`;
    byField.set(key, [...(byField.get(key) ?? []), c]);
  }
  return [...byField.values()].flatMap((all) => Array.from({ length: Math.ceil(all.length / 20) }, (_, i) => all.slice(i * 20, i * 20 + 20)));
}

/** Whether the variable `$v<i>` was refused as not fitting its type, by name. */
function refusedVariable(answer: HttpAnswer, i: number): boolean {
  return (
    answer.status === 400 &&
    answer.json?.data === undefined &&
    (answer.json?.errors ?? []).some(
      (e) => e.extensions?.code === 'BAD_USER_INPUT' && e.message.startsWith(`Variable "$v${i}" got invalid value`),
    )
  );
}

/**
 * Checks cases of one field in one request; a case the batch cannot decide (its answer was lost to
 * a sibling's error) is checked alone. `accept` says whether an answer is right for a case.
 */
async function check(
  cases: Case[],
  accept: (answer: HttpAnswer, c: Case, i: number, value: unknown) => boolean,
): Promise<string[]> {
  const { body, dataPath } = batch(cases);
  const answer = await postJson(stack.endpoint, body, walkHeaders);
  if (answer.status >= 500) return cases.map((c) => `${c.name}: ${answer.status} ${answer.text.slice(0, 300)}`);
  const failures: string[] = [];
  const undecided: Case[] = [];
  cases.forEach((c, i) => {
    const value = dataPath(i).reduce<unknown>((node, key) => (node as Record<string, unknown> | null | undefined)?.[key], answer.json?.data);
    if (accept(answer, c, i, value)) return;
    if (cases.length > 1) undecided.push(c);
    else failures.push(`${c.name}: ${answer.status} ${answer.text.slice(0, 300)}`);
  });
  for (const c of undecided) failures.push(...(await check([c], accept)));
  return failures;
}

describe('the schema walk', () => {
  it('reaches every object type whose fields take strings (add a route for a new one)', () => {
    const withStringArgs = Object.values(schema.getTypeMap())
      .filter((t): t is GraphQLObjectType => t instanceof GraphQLObjectType && !t.name.startsWith('__'))
      .filter((t) => Object.values(t.getFields()).some((f) => f.args.some((a) => stringLeaves(a.type).length > 0)))
      .map((t) => t.name);
    // Mutations take records to store, behind an API key: they are not filters.
    expect(withStringArgs.filter((name) => name !== 'Mutation' && !ROUTES[name])).toEqual([]);
  });

  it('finds the filters of every record type and of the catalogue', () => {
    const names = casesFor(() => 'x').map((c) => c.name);
    expect(names.length).toBeGreaterThan(150);
    expect(names).toEqual(
      expect.arrayContaining([
        'Query.catalogue(filter.text)',
        'Query.catalogue(filter.categories)',
        'Query.catalogue(after)',
        'Query.landTransfers(filter.winningParty)',
        'Query.landTransfers(envelope.agencyCodes)',
        'Query.catalogueCounts(filter.regionCodes)',
        'Agency.landTransfers(filter.winningParty)',
        'Agency.disclosures(filter.text)',
        'Query.disclosure(indexNumber)',
      ]),
    );
  });
});

describe('operator-shaped strings in every string argument and input field', () => {
  it.each(OPERATOR_STRINGS)('%s as a value is matched literally (nothing) or refused with a clear error', async (operator) => {
    const failures: string[] = [];
    await pool(groups(casesFor(() => operator)), 3, async (group) => {
      failures.push(
        ...(await check(group, (answer, c, i, value) => {
          if (refusedVariable(answer, i)) return true; // a Date, URL, YuanAmount… that is not one
          // No data (the field's error reached the root): the status of its code (README, "Errors").
          if (answer.status !== (answer.json.data === null ? statusOfAnswer(answer.json.errors ?? []) : 200)) return false;
          const errors = (answer.json.errors ?? []).filter((e) => e.path?.includes(`c${i}`));
          if (errors.length) return errors.every((e) => CLIENT_CODES.includes(String(e.extensions?.code)) && e.message.length > 0);
          return value !== undefined && c.isEmpty(value) && !(answer.json.errors ?? []).some((e) => !e.path);
        })),
      );
    });
    expect(failures).toEqual([]);
    await expectServiceAnswers();
  });

  it.each(OPERATOR_OBJECTS.map((o) => [JSON.stringify(o), o]))('%s as a JSON object is refused as not a string, naming the variable', async (_label, operator) => {
    const failures: string[] = [];
    await pool(groups(casesFor(() => operator)), 3, async (group) => {
      failures.push(
        ...(await check(group, (answer, _c, i) =>
          refusedVariable(answer, i) &&
          (answer.json.errors ?? []).some((e) => e.message.startsWith(`Variable "$v${i}"`) && /cannot represent|Expected/.test(e.message)),
        )),
      );
    });
    expect(failures).toEqual([]);
    await expectServiceAnswers();
  });

  it.each(['{"$gt": ""}', '{"$ne": null}', '{"$regex": ".*"}', '$where', '{"$expr": {"$eq": [1, 1]}}'])(
    '%s written into the query text is matched literally too',
    async (operator) => {
      const literal = JSON.stringify(operator);
      const answer = await stack.query(
        `{ a: catalogue(filter: { text: ${literal}, categories: [${literal}] }) { totalCount }
           b: landTransfers(filter: { winningParty: ${literal} }, envelope: { agencyCodes: [${literal}] }) { totalCount }
           c: disclosure(indexNumber: ${literal}) { title } }`,
      );
      expect(answer).toEqual({ status: 200, data: { a: { totalCount: 0 }, b: { totalCount: 0 }, c: null } });
    },
  );
});

describe('malformed documents and requests', () => {
  it.each([
    ['an unclosed selection', '{ catalogue { totalCount '],
    ['a lone brace', '}'],
    ['an empty document', ' '],
    ['a missing argument value', '{ catalogue(first: ) { totalCount } }'],
    ['a control character', '{ catalogue { total\u0000Count } }'],
    ['binary junk', '\u00ff\u00fe\u0001\u0002 {{{ ]]]'],
    ['an unterminated string', '{ catalogue(filter: { text: "abc }) { totalCount } }'],
    ['an unknown field', '{ catalogue { total } }'],
    ['a wrong argument type', '{ catalogue(first: "ten") { totalCount } }'],
    ['an unknown fragment', '{ ...Nothing }'],
    ['a fragment cycle', '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'],
    ['a 10,000-character field name', `{ ${'x'.repeat(10_000)} }`],
    ['two anonymous operations', '{ __typename } { __typename }'],
    ['two named operations and no operation name', 'query A { __typename } query B { __typename }'],
    ['a subscription', 'subscription { __typename }'],
  ])('answers %s with a clear error', async (_name, query) => {
    const answer = await postJson(stack.endpoint, { query });
    expect(isClearError(answer)).toBe(true);
    expect(answer.status).toBe(400);
  });

  it.each([
    ['a number as the query', { query: 123 }],
    ['null as the query', { query: null }],
    ['variables that are not an object', { query: '{ __typename }', variables: 'x' }],
    ['an operation name that is not a string', { query: '{ __typename }', operationName: 5 }],
    ['an unknown operation name', { query: 'query A { __typename }', operationName: 'B' }],
    ['extensions that are not an object', { query: '{ __typename }', extensions: [] }],
    ['a batch', [{ query: '{ __typename }' }]],
    ['an empty batch', []],
    ['a JSON string', 'just a string'],
  ])('answers %s with a clear 400', async (_name, body) => {
    const answer = await postJson(stack.endpoint, JSON.stringify(body));
    expect(answer.status).toBe(400);
    expect(isClearError(answer)).toBe(true);
  });

  it('answers JSON nested 100,000 levels deep with a clear error', async () => {
    const answer = await postJson(stack.endpoint, `{"query": "{ __typename }", "variables": {"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}`);
    expect(answer.status).toBeLessThan(500);
    expect(answer.status === 200 || isClearError(answer)).toBe(true);
  });

  it('answers a selection nested 3,000 levels deep, and a literal nested as deep, with a clear error', async () => {
    for (const query of [
      `{ ${'regions { '.repeat(3_000)}code${' }'.repeat(3_000)} }`,
      `{ catalogue(filter: ${'{ a: '.repeat(3_000)}1${' }'.repeat(3_000)}) { totalCount } }`,
    ]) {
      const answer = await postJson(stack.endpoint, { query });
      expect(answer.status).toBe(400);
      expect(isClearError(answer)).toBe(true);
    }
    await expectServiceAnswers();
  });

  it('answers a query padded with 900 KB of comments and spaces normally', async () => {
    const answer = await postJson(stack.endpoint, { query: `# ${'x'.repeat(500_000)}\n${' '.repeat(400_000)}{ catalogue { totalCount } }` });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual({ catalogue: { totalCount: RECORDS } });
  });

  it('answers a document of 900 KB of fields with the token limit', async () => {
    const answer = await postJson(stack.endpoint, { query: `{ ${'__typename '.repeat(80_000)} }` });
    expect(answer.status).toBe(400);
    expect(answer.json.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_LARGE', limit: 'maxTokens' });
  });
});

describe('invalid cursors', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  it.each([
    ['random text', 'not-a-cursor'],
    ['an empty string', ''],
    ['base64 of text', b64('hello')],
    ['base64 of a JSON array', b64('[1,2,3]')],
    ['a cursor with a wrong version', b64(JSON.stringify({ v: 2, o: 'NEWEST_FIRST', t: 1, i: 'x' }))],
    ['a cursor with an operator as its index number', b64(JSON.stringify({ v: 1, o: 'NEWEST_FIRST', t: 1, i: { $gt: '' } }))],
    ['a cursor with an infinite time', b64('{"v":1,"o":"NEWEST_FIRST","t":1e999,"i":"x"}')],
    ['a cursor for the other order', b64(JSON.stringify({ v: 1, o: 'OLDEST_FIRST', t: 1, i: 'x' }))],
    ['a 100 KB cursor', 'A'.repeat(100_000)],
    ['a prototype-polluting cursor', b64('{"__proto__": {"v": 1}, "o": "NEWEST_FIRST", "t": 1, "i": "x"}')],
  ])('answers %s with BAD_USER_INPUT naming "after", on the catalogue and a typed list', async (_name, cursor) => {
    for (const field of ['catalogue', 'landTransfers']) {
      const answer = await stack.query(`query ($after: String) { ${field}(after: $after) { totalCount } }`, { after: cursor });
      // No data: the status of the code (README, "Errors").
      expect(answer.status).toBe(statusOf('BAD_USER_INPUT'));
      expect(answer.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Invalid value for "after": /), extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
    }
  });
});

describe('pathological regular expressions', () => {
  it.each(['(a+)+$', `${'a'.repeat(60)}!(a|aa)+$`, '(.*a){20}', '\\', '[', '.*', '^(?=a)'])('searches for %s as plain text, fast', async (text) => {
    const started = Date.now();
    const answer = await stack.query<{ catalogue: { totalCount: number }; landTransfers: { totalCount: number } }>(
      'query ($text: String) { catalogue(filter: { text: $text }) { totalCount } landTransfers(envelope: { text: $text }) { totalCount } }',
      { text },
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(answer).toEqual({ status: 200, data: { catalogue: { totalCount: 0 }, landTransfers: { totalCount: 0 } } });
  });

  it('finds records whose titles contain the characters of a regular expression, literally', async () => {
    // Every sample title contains 县 or 市; as a pattern, `.` would match any of them.
    const answer = await stack.query<{ catalogue: { totalCount: number } }>('{ catalogue(filter: { text: "县." }) { totalCount } }');
    expect(answer.data?.catalogue.totalCount).toBe(0);
  });
});

describe('giant and strange strings', () => {
  const MB = 1_000_000;

  it('answers a 1 MB search text with BAD_USER_INPUT naming the field and its length rule', async () => {
    const answer = await stack.query('query ($text: String) { catalogue(filter: { text: $text }) { totalCount } }', { text: 'a'.repeat(MB) });
    expect(answer.errors?.[0]).toMatchObject({
      message: 'Invalid value for "filter.text": must have 1 to 100 characters besides spaces',
      extensions: { code: 'BAD_USER_INPUT', argument: 'filter.text' },
    });
  });

  it.each([
    ['an index number', 'query ($s: String!) { disclosure(indexNumber: $s) { title } }', { disclosure: null }],
    ['a winning party', 'query ($s: String) { landTransfers(filter: { winningParty: $s }) { totalCount } }', { landTransfers: { totalCount: 0 } }],
    ['a category', 'query ($s: String!) { catalogue(filter: { categories: [$s] }) { totalCount } }', { catalogue: { totalCount: 0 } }],
  ])('answers a 1 MB string as %s with nothing found', async (_name, query, data) => {
    const answer = await stack.query(query, { s: 'x'.repeat(MB) });
    expect(answer).toEqual({ status: 200, data });
  });

  it('answers a 1 MB string as a cursor with BAD_USER_INPUT', async () => {
    const answer = await stack.query('query ($s: String) { catalogue(after: $s) { totalCount } }', { s: 'x'.repeat(MB) });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it('answers 6 M characters of Chinese text (18 MB of UTF-8, over the 16 MiB body limit) with 413', async () => {
    const answer = await postJson(stack.endpoint, { query: '{ __typename }', variables: { s: '征'.repeat(6 * MB) } });
    expect(answer.status).toBe(413);
    expect(answer.json.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it.each([
    ['a NUL character', 'a\u0000b'],
    ['a lone surrogate', 'a\ud800b'],
    ['a right-to-left override', '\u202e征地'],
    ['only spaces', '   '],
    ['zero-width spaces', '\u200b\u200b'],
  ])('answers search text with %s with a clear error or nothing found', async (_name, text) => {
    const answer = await postJson(stack.endpoint, { query: 'query ($t: String) { catalogue(filter: { text: $t }) { totalCount } }', variables: { t: text } });
    const empty = answer.status === 200 && !answer.json.errors && (answer.json.data as { catalogue: { totalCount: number } }).catalogue.totalCount === 0;
    expect(empty || isClearError(answer)).toBe(true);
  });

  it('answers a NUL character in every kind of exact-match filter without a 5xx', async () => {
    const answer = await stack.query(
      'query ($s: String!) { catalogue(filter: { categories: [$s], agencyCodes: [$s] }) { totalCount } landTransfers(filter: { winningParty: $s }) { totalCount } disclosure(indexNumber: $s) { title } }',
      { s: 'a\u0000b' },
    );
    expect(answer.status).toBeLessThan(500);
    expect(answer.errors?.every((e) => CLIENT_CODES.includes(String(e.extensions?.code))) ?? true).toBe(true);
  });
});

it('answers normally after everything above', async () => {
  await expectServiceAnswers();
  const ready = await request(`${stack.gatewayUrl}ready`);
  expect(ready.status).toBe(200);
});
