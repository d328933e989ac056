/**
 * GraphQL over HTTP at the gateway's /graphql, point by point: GET and POST, the response media
 * type by the Accept header, the status codes (400, 405, 406, 413, 415), CSRF prevention, and
 * per-client rate limiting with the IETF RateLimit headers.
 */
import { loadGatewayConfig } from '../../gateway/config';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { DEFAULT_DOCUMENT_LIMITS } from '../../platform/limits';
import { postJson, request } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const REGIONS = 'query Regions($level: AdministrativeLevel) { regions(level: $level) { code name } }';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('http');
});
afterAll(async () => {
  await stack?.close();
});

function getUrl(params: Record<string, string>): string {
  return `${stack.endpoint}?${new URLSearchParams(params).toString()}`;
}

describe('POST', () => {
  it('answers application/graphql-response+json when the client accepts it', async () => {
    const answer = await postJson(stack.endpoint, { query: REGIONS, variables: { level: 'PROVINCE' } }, { accept: GRAPHQL_RESPONSE });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
    const regions = (answer.json.data as { regions: Array<{ code: string }> }).regions;
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.every((r) => r.code.endsWith('0000'))).toBe(true);
  });

  it('answers application/json when the client asks for it, or says nothing', async () => {
    for (const headers of [{ accept: 'application/json' }, {}] as Array<Record<string, string>>) {
      const answer = await postJson(stack.endpoint, { query: '{ regions(level: PROVINCE) { code } }' }, headers);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(answer.json.errors).toBeUndefined();
    }
  });

  it('prefers the type the client ranks higher', async () => {
    const answer = await postJson(stack.endpoint, { query: '{ __typename }' }, { accept: `application/json;q=0.5, ${GRAPHQL_RESPONSE}` });
    expect(answer.headers.get('content-type')).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
  });

  it('answers 406 when the client accepts neither JSON type', async () => {
    const answer = await postJson(stack.endpoint, { query: '{ __typename }' }, { accept: 'text/html' });
    expect(answer.status).toBe(406);
    expect(answer.json.errors?.[0].extensions?.code).toBe('NOT_ACCEPTABLE');
  });

  it('answers a parse error with 400 and GRAPHQL_PARSE_FAILED', async () => {
    const answer = await postJson(stack.endpoint, { query: '{ regions { code ' }, { accept: GRAPHQL_RESPONSE });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
    expect(answer.json.data).toBeUndefined();
    expect(answer.json.errors).toEqual([expect.objectContaining({ message: 'Syntax Error: Expected Name, found <EOF>.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } })]);
  });

  it('answers a validation error with 400 and GRAPHQL_VALIDATION_FAILED', async () => {
    const answer = await postJson(stack.endpoint, { query: '{ regions { population } }' }, { accept: GRAPHQL_RESPONSE });
    expect(answer.status).toBe(400);
    expect(answer.json.data).toBeUndefined();
    expect(answer.json.errors).toEqual([
      expect.objectContaining({ message: 'Cannot query field "population" on type "Region".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
  });

  it('answers variables that do not fit their types with 400 and BAD_USER_INPUT naming the variable', async () => {
    const answer = await postJson(stack.endpoint, { query: REGIONS, variables: { level: 'CONTINENT' } }, { accept: GRAPHQL_RESPONSE });
    expect(answer.status).toBe(400);
    expect(answer.json.errors?.[0]).toMatchObject({ message: expect.stringContaining('$level'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it.each([
    ['text/plain', '{ __typename }'],
    ['application/x-www-form-urlencoded', 'query=%7B__typename%7D'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--'],
    ['application/graphql', '{ __typename }'],
  ])('answers a POST of %s with 415 and a GraphQL error', async (contentType, body) => {
    const answer = await request(stack.endpoint, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(answer.status).toBe(415);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.json.errors).toEqual([
      { message: `Unsupported content type "${contentType}": a POST to /graphql must send application/json.`, extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } },
    ]);
  });

  it('answers a POST with no content type with 415', async () => {
    const answer = await request(stack.endpoint, { method: 'POST', body: new Uint8Array(Buffer.from('{}')) });
    expect(answer.status).toBe(415);
    expect(answer.json.errors?.[0].extensions?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a body that is not JSON with 400 and a GraphQL error', async () => {
    const answer = await postJson(stack.endpoint, '{"query": "{ __typename }"', { accept: GRAPHQL_RESPONSE });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
    expect(answer.json.errors).toEqual([{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('answers a body over the size limit with 413 and a GraphQL error naming the limit', async () => {
    const answer = await postJson(stack.endpoint, { query: '{ __typename }', variables: { padding: 'x'.repeat(DEFAULT_DOCUMENT_LIMITS.maxBodyBytes) } });
    expect(answer.status).toBe(413);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.json.errors).toEqual([
      {
        message: `The request body is larger than ${16 * 1_048_576} bytes, the limit (maxBodyBytes).`,
        extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 'maxBodyBytes', allowed: 16 * 1_048_576 },
      },
    ]);
    // The server is fine afterwards.
    expect((await stack.query('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('answers a body without a query with 400', async () => {
    const answer = await postJson(stack.endpoint, { variables: {} });
    expect(answer.status).toBe(400);
    expect(answer.json.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
  });

  it('answers other methods with 405 and names the allowed ones', async () => {
    const answer = await request(stack.endpoint, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, POST');
  });
});

describe('GET', () => {
  const preflight = { 'apollo-require-preflight': 'true' };

  it('answers a query with its variables and operation name from the URL', async () => {
    const answer = await request(getUrl({ query: REGIONS, variables: JSON.stringify({ level: 'PROVINCE' }), operationName: 'Regions' }), {
      headers: { ...preflight, accept: GRAPHQL_RESPONSE },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
    expect((answer.json.data as { regions: unknown[] }).regions.length).toBeGreaterThan(0);
  });

  it('answers a mutation with 405 and Allow: POST', async () => {
    const answer = await request(getUrl({ query: 'mutation { __typename }' }), { headers: preflight });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
    expect(answer.json.errors?.[0].message).toBe('GET requests only support query operations, not mutation operations');
  });

  it('refuses a simple request without a preflight header with 400 (CSRF prevention)', async () => {
    const answer = await request(getUrl({ query: '{ __typename }' }));
    expect(answer.status).toBe(400);
    expect(answer.json.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Cross-Site Request Forgery'),
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  it('accepts the same GET with x-apollo-operation-name', async () => {
    const answer = await request(getUrl({ query: '{ __typename }' }), { headers: { 'x-apollo-operation-name': 'Anything' } });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual({ __typename: 'Query' });
  });

  it('answers a parse error with 400', async () => {
    const answer = await request(getUrl({ query: '{ regions {' }), { headers: { ...preflight, accept: GRAPHQL_RESPONSE } });
    expect(answer.status).toBe(400);
    expect(answer.json.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });
});

describe('rate limiting per client', () => {
  const WINDOW_MS = 30_000;
  const MAX = 5;
  let gateway: RunningGateway;
  let endpoint: string;

  beforeAll(async () => {
    // `{ __typename }` needs no subgraph, so a gateway alone is enough here.
    gateway = await startGateway(
      loadGatewayConfig({
        MONGODB_URI: stack.env.MONGODB_URI,
        MONGODB_DB_PREFIX: stack.env.MONGODB_DB_PREFIX,
        IDENTITY_SECRET: stack.identitySecret,
        GATEWAY_PORT: '0',
        LOG_LEVEL: 'silent',
        GATEWAY_RATE_LIMIT_MAX: String(MAX),
        GATEWAY_RATE_LIMIT_WINDOW_MS: String(WINDOW_MS),
      }),
    );
    endpoint = `${gateway.url}graphql`;
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('answers 429 with RateLimit headers and a RATE_LIMITED GraphQL error once a client is over the limit', async () => {
    const answers = [];
    for (let i = 0; i < MAX; i += 1) answers.push(await postJson(endpoint, { query: '{ __typename }' }));
    expect(answers.map((a) => a.status)).toEqual(Array(MAX).fill(200));
    // draft-8 of the IETF RateLimit header fields: the policy, and what remains of it.
    // (pk: a hash of the client's key, never the address itself)
    expect(answers[0].headers.get('ratelimit-policy')).toMatch(new RegExp(`^"${MAX}-in-30sec"; q=${MAX}; w=30; pk=:[A-Za-z0-9+/=]+:$`));
    expect(answers[0].headers.get('ratelimit')).toMatch(new RegExp(`^"${MAX}-in-30sec"; r=${MAX - 1}; t=\\d+$`));
    expect(answers[MAX - 1].headers.get('ratelimit')).toMatch(new RegExp(`^"${MAX}-in-30sec"; r=0; t=\\d+$`));

    const refused = await postJson(endpoint, { query: '{ __typename }' }, { accept: GRAPHQL_RESPONSE });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect(refused.headers.get('ratelimit')).toMatch(/; r=0; t=\d+$/);
    expect(refused.json).toEqual({
      errors: [
        {
          message: `Too many requests: the limit is ${MAX} requests per 30 s per client (rateLimit). Retry after the time in the Retry-After header.`,
          extensions: { code: 'RATE_LIMITED', limit: 'rateLimit', allowed: MAX, windowSeconds: 30 },
        },
      ],
    });
    // GET is counted too, and refused the same way.
    const get = await request(`${endpoint}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(429);
    expect(get.json.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });

  it('leaves the health and metrics endpoints out of the limit', async () => {
    expect((await request(`${gateway.url}health`)).status).toBe(200);
    expect((await request(`${gateway.url}metrics`)).status).toBe(200);
  });
});
