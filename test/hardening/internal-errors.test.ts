/**
 * Error answers never carry internal addresses: with the database engine stopped under a running
 * stack, a publish and a query through the gateway, a query straight to a subgraph port and a write
 * to an owner endpoint are answered with a fixed message and code (DATABASE_UNAVAILABLE naming the
 * service whose database does not answer), never the engine's host, port, URI, the driver's text or
 * a stack; the server logs the error with its name and the request id. Any other error that is not
 * one of the API's own (a TypeError) is `Internal server error.`. Uses an engine of its own, so the
 * engine part is skipped with MONGODB_URI.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { GraphQLError } from 'graphql';
import { DEFAULT_PORTS } from '../../platform/config';
import { withoutAddresses } from '../../platform/observability';
import { INTERNAL_ERROR_MESSAGE, maskInternalError } from '../../platform/errors';
import { IDENTITY_HEADER, signIdentity } from '../../platform/identity';
import { startEngine, type Engine } from '../../scripts/lib/engine';
import { startStack, type Stack } from '../../scripts/lib/stack';
import { loadReferenceData } from '../../scripts/sample/load';
import { agencyIdentity, agencyNamed, landTransferSubmission } from '../support/builders';
import { postJson, request, type HttpAnswer } from '../support/http';

const engineStartedHere = process.env.TEST_ENGINE_KIND !== 'external';
const LAND_BUREAU = agencyNamed('岳阳县国土资源局');
const SUBMIT = `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) { accepted { indexNumber } } }`;

describe('an internal error in a resolver', () => {
  it('is answered with a fixed message and code, keeping only its path and locations', () => {
    const thrown = new TypeError("Cannot read properties of undefined (reading 'agencyCode')");
    const wrapped = new GraphQLError(thrown.message, { originalError: thrown, path: ['catalogue', 'edges', 0] });
    const formatted = { ...wrapped.toJSON(), locations: [{ line: 1, column: 3 }], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['TypeError: …'] } };
    expect(maskInternalError(formatted, wrapped, 'catalogue')).toEqual({
      message: INTERNAL_ERROR_MESSAGE,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
      locations: [{ line: 1, column: 3 }],
      path: ['catalogue', 'edges', 0],
    });
  });

  it('is told in readiness reasons without host, port or URL', () => {
    expect(withoutAddresses('connect ECONNREFUSED 127.0.0.1:27017, then mongodb://127.0.0.1:27017/x, [::1]:4000 and localhost:4001')).toBe(
      'connect ECONNREFUSED <address>, then <address> <address> and <address>',
    );
    expect(withoutAddresses('no answer within 2000 ms')).toBe('no answer within 2000 ms');
  });

  it('leaves the API’s own errors as they are', () => {
    const formatted = { message: 'Invalid value for "first": must be between 1 and 100; got 101', extensions: { code: 'BAD_USER_INPUT', argument: 'first', rule: 'range' } };
    expect(maskInternalError(formatted, new GraphQLError(formatted.message), 'land')).toBe(formatted);
  });
});

(engineStartedHere ? describe : describe.skip)('with the database engine stopped under a running stack', () => {
  let dataDir: string;
  let engine: Engine | undefined;
  let stack: Stack;
  let enginePort: string;
  const logLines: string[] = [];
  const answers: Record<string, HttpAnswer> = {};
  let readiness: HttpAnswer;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'internal-errors-'));
    engine = await startEngine({ env: { ...process.env, MONGODB_URI: '' }, dataDir, log: () => undefined });
    enginePort = new URL(engine.uri).port;
    const env: NodeJS.ProcessEnv = {
      MONGODB_URI: engine.uri,
      MONGODB_DB_PREFIX: `t_internal_${randomBytes(3).toString('hex')}`,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      CACHE_MAX_AGE_SECONDS: '0',
      GATEWAY_RATE_LIMIT_MAX: '0',
      // The subgraphs' driver gives up on the stopped engine after 10 s: the gateway waits for their answer.
      GATEWAY_SUBGRAPH_TIMEOUT_MS: '30000',
    };
    for (const name of Object.keys(DEFAULT_PORTS)) env[`${name.toUpperCase()}_PORT`] = '0';
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString().split('\n').filter(Boolean)));
    stack = await startStack(env, { logStream });
    await loadReferenceData(stack.databases.catalogue);
    const created = await stack.keys.create(LAND_BUREAU._id, 'internal errors');
    if (!created.ok) throw new Error(created.message);
    const bearer = { authorization: `Bearer ${created.key}` };
    const endpoint = `${stack.gatewayUrl}graphql`;
    // The gateway remembers the key's answer for 5 s: the publish below is checked before the engine stops.
    expect((await postJson(endpoint, { query: '{ __typename }' }, bearer)).status).toBe(200);

    await engine.stop();
    engine = undefined;
    const ownerToken = signIdentity(agencyIdentity(LAND_BUREAU._id), stack.identitySecret);
    const [publish, query, subgraph, catalogue, owner, ready] = await Promise.all([
      postJson(endpoint, { query: SUBMIT, variables: { s: [landTransferSubmission()] } }, bearer),
      postJson(endpoint, { query: '{ landTransfers(first: 1) { totalCount } }' }),
      postJson(stack.subgraphUrls.land as string, { query: '{ landTransfers(first: 1) { totalCount } }' }, { 'x-request-id': 'internal-errors-land' }),
      postJson(stack.subgraphUrls.catalogue as string, { query: '{ catalogue(first: 1) { totalCount } }' }),
      postJson(
        new URL('/owner/submissions', stack.subgraphUrls.land as string).toString(),
        { submissions: [{ submission: landTransferSubmission(), agencyName: LAND_BUREAU.name, regionPath: [LAND_BUREAU.regionCode, '430600', '430000'] }] },
        { [IDENTITY_HEADER]: ownerToken },
      ),
      request(`${stack.gatewayUrl}ready`),
    ]);
    Object.assign(answers, { publish, query, subgraph, catalogue, owner });
    readiness = ready;
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await engine?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const unavailable = (service: string) => ({
    message: `The ${service} service cannot reach its database now; retry later.`,
    extensions: { code: 'DATABASE_UNAVAILABLE', serviceName: service },
  });

  it('names no host, port, URI, driver text or stack in any answer', () => {
    for (const [name, answer] of Object.entries(answers)) {
      for (const leak of ['127.0.0.1', `:${enginePort}`, enginePort, 'mongodb://', 'ECONNREFUSED', 'MongoServerSelectionError', 'MongoNetworkError', 'stacktrace', 'Server selection']) {
        expect([name, answer.text.includes(leak)]).toEqual([name, false]);
      }
    }
  });

  it('says on the gateway’s /ready that it is not ready and why, without the address', () => {
    expect(readiness.status).toBe(503);
    expect(JSON.parse(readiness.text).checks['mongodb:gateway']).toEqual({ ready: false, reason: 'connect ECONNREFUSED <address>: ECONNREFUSED' });
    for (const leak of ['127.0.0.1', enginePort, 'mongodb://']) expect(readiness.text).not.toContain(leak);
  });

  it('answers a publish through the gateway with the catalogue’s database named unavailable', () => {
    expect(answers.publish.json.errors?.map(({ message, extensions }) => ({ message, extensions }))).toEqual([unavailable('catalogue')]);
    expect(answers.publish.json.data).toBeNull();
  });

  it('answers a query through the gateway and one straight to the subgraph port alike', () => {
    expect(answers.query.json.errors?.map(({ message, extensions }) => ({ message, extensions }))).toEqual([unavailable('land')]);
    expect(answers.subgraph.json.errors).toEqual([{ ...unavailable('land'), locations: [{ line: 1, column: 3 }], path: ['landTransfers'] }]);
    expect(answers.catalogue.json.errors).toEqual([{ ...unavailable('catalogue'), locations: [{ line: 1, column: 3 }], path: ['catalogue'] }]);
  });

  it('answers an owner endpoint with the same error, as 503', () => {
    expect({ status: answers.owner.status, body: answers.owner.json }).toEqual({ status: 503, body: { errors: [unavailable('land')] } });
  });

  it('logs the error server-side with its name, the driver’s message and the request id', () => {
    const logged = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === 'internal error');
    const land = logged.find((line) => line.reqId === 'internal-errors-land' && line.service === 'land-subgraph');
    expect(land).toMatchObject({ level: 'error', path: ['landTransfers'], error: expect.arrayContaining([expect.objectContaining({ type: expect.stringMatching(/^Mongo(Network|ServerSelection)Error$/) })]) });
    expect(JSON.stringify(land)).toContain(`127.0.0.1:${enginePort}`);
    expect(logged.filter((line) => line.service === 'catalogue-subgraph').length).toBeGreaterThanOrEqual(2);
  });
});
