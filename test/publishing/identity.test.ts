/**
 * Keys at the gateway, identities for the subgraphs, seen on the wire: a gateway whose subgraph URLs
 * point at recording proxies in front of the real subgraphs shows that the API key (the
 * `Authorization` header) never leaves the gateway, that a keyed request carries a signed token with
 * the key id, the agency and its scope from the catalogue, that a refused key is passed on only as
 * its reason, and that a client cannot slip its own token through. A revoked key stops working
 * within the gateway's cache time, and no log line of any server carries a key or a token.
 */
import { Writable } from 'node:stream';
import jwt from 'jsonwebtoken';
import { CatalogueAgencies } from '../../gateway/auth/catalogue-agencies';
import { IdentityIssuer, KEY_CACHE_MS } from '../../gateway/auth/identity-issuer';
import { freePort } from '../../scripts/lib/engine';
import { loadGatewayConfig } from '../../gateway/config';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/config';
import {
  IDENTITY_AUDIENCE,
  IDENTITY_HEADER,
  IDENTITY_ISSUER,
  IDENTITY_TOKEN_TTL_SECONDS,
  signIdentity,
  verifyIdentity,
} from '../../platform/identity';
import { AGENCIES } from '../../model/reference-data';
import { agencyIdentity, agencyNamed, landTransferSubmission, sampleRecords } from '../support/builders';
import { postJson } from '../support/http';
import { recordingProxy, type RecordingProxy } from '../support/proxy';
import { startTestStack, type TestStack } from '../support/stack';

const GOVERNMENT = agencyNamed('岳阳县人民政府办公室');
const LAND_BUREAU = agencyNamed('岳阳县国土资源局');

/** The agency and every agency under it, as the sample's parent codes say. */
function scopeOf(code: string): string[] {
  const scope = [code];
  for (let level = [code]; level.length; ) {
    level = AGENCIES.filter((a) => a.parentCode !== null && level.includes(a.parentCode)).map((a) => a._id).sort();
    scope.push(...level);
  }
  return scope;
}

const logLines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

let stack: TestStack;
let proxies: Record<SubgraphName, RecordingProxy>;
let gateway: RunningGateway;
let endpoint: string;
let governmentKey: { id: string; key: string };

/** Sends a query to the proxied gateway. */
function ask(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return postJson(endpoint, { query, variables }, headers);
}

/** The requests the subgraphs got since `mark`, GraphQL ones only. */
function sentSince(mark: Record<SubgraphName, number>) {
  return SUBGRAPH_NAMES.flatMap((name) =>
    proxies[name].requests.slice(mark[name]).filter((r) => r.method === 'POST').map((r) => ({ subgraph: name, ...r })),
  );
}
function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

const markNow = () => Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, proxies[name].requests.length])) as Record<SubgraphName, number>;

const ACROSS_SUBGRAPHS = `query ($code: ID!) { agency(code: $code) { name landTransfers(first: 5) { totalCount }
  disclosures(first: 5) { edges { node { title ... on LandTransfer { finalPrice { yuan } } } } } } }`;

beforeAll(async () => {
  stack = await startTestStack('identity', { logStream });
  proxies = Object.fromEntries(
    await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await recordingProxy(stack.subgraphUrls[name] as string)] as const)),
  ) as Record<SubgraphName, RecordingProxy>;
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, proxies[name].url]));
  gateway = await startGateway(loadGatewayConfig({ ...stack.env, ...urls, GATEWAY_PORT: '0' }), { logStream });
  endpoint = `${gateway.url}graphql`;
  governmentKey = await stack.createKey(GOVERNMENT._id, 'identity test');
  expect((await stack.writer.write(sampleRecords('LandTransfer', 3, 21), { status: 'PUBLISHED' })).rejected).toEqual([]);
});
afterAll(async () => {
  await gateway?.stop();
  await Promise.all(Object.values(proxies ?? {}).map((proxy) => proxy.close()));
  await stack?.close();
});

describe('what the gateway sends the subgraphs', () => {
  it('for a key: never the Authorization header, a signed token with the key, its agency and the agency’s scope', async () => {
    const mark = markNow();
    const answer = await ask(ACROSS_SUBGRAPHS, { code: GOVERNMENT._id }, { authorization: `Bearer ${governmentKey.key}` });
    expect(answer.status).toBe(200);
    expect(answer.json.errors).toBeUndefined();

    const [lookups, sent] = partition(sentSince(mark), (r) => r.body.includes('query AgencyScope'));
    // The scope: asked of the catalogue port once (then remembered), without any identity.
    expect(lookups.map((r) => [r.subgraph, JSON.parse(r.body), r.headers.authorization, r.headers[IDENTITY_HEADER]])).toEqual([
      ['catalogue', { query: 'query AgencyScope($code: ID!) { agency(code: $code) { code scope region { code } } }', variables: { code: GOVERNMENT._id } }, undefined, undefined],
    ]);
    expect(new Set(sent.map((r) => r.subgraph))).toEqual(new Set(['catalogue', 'land']));
    for (const request of sent) {
      expect(request.headers.authorization).toBeUndefined();
      expect(`${JSON.stringify(request.headers)}${request.body}`).not.toContain(governmentKey.key.slice(21));
      const token = request.headers[IDENTITY_HEADER] as string;
      expect(verifyIdentity(token, stack.identitySecret)).toEqual({
        ok: true,
        identity: { kind: 'agency', keyId: governmentKey.id, agencyCode: GOVERNMENT._id, scope: scopeOf(GOVERNMENT._id), regionCode: GOVERNMENT.regionCode },
      });
      const claims = jwt.decode(token, { complete: true });
      expect(claims?.header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(claims?.payload).toMatchObject({ iss: IDENTITY_ISSUER, aud: IDENTITY_AUDIENCE });
      const { iat, exp } = claims?.payload as { iat: number; exp: number };
      expect(exp - iat).toBe(IDENTITY_TOKEN_TTL_SECONDS);
      expect(Math.abs(iat - Date.now() / 1000)).toBeLessThan(KEY_CACHE_MS / 1000 + 5);
    }
    expect(scopeOf(GOVERNMENT._id)).toHaveLength(8);
    expect(scopeOf(GOVERNMENT._id)).toContain(LAND_BUREAU._id);
  });

  it('for no key: no token and no Authorization header', async () => {
    const mark = markNow();
    const answer = await ask(ACROSS_SUBGRAPHS, { code: GOVERNMENT._id });
    expect(answer.json.errors).toBeUndefined();
    const sent = sentSince(mark);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const request of sent) {
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers[IDENTITY_HEADER]).toBeUndefined();
    }
  });

  it('for a refused key: only the reason, in a token of kind rejected, and the mutation says why', async () => {
    const unknown = 'gdk_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const mark = markNow();
    const answer = await ask(
      'mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) { accepted { indexNumber } } }',
      { s: [landTransferSubmission()] },
      { authorization: `Bearer ${unknown}` },
    );
    expect(answer.json.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ["Publishing needs an agency's API key: unknown API key", 'UNAUTHENTICATED'],
    ]);
    expect(answer.text).not.toContain(unknown);
    const [request, ...others] = sentSince(mark);
    expect(others).toEqual([]);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).not.toContain(unknown);
    expect(verifyIdentity(request.headers[IDENTITY_HEADER] as string, stack.identitySecret)).toEqual({
      ok: true,
      identity: { kind: 'rejected', reason: 'unknown API key' },
    });
  });

  it('never a client’s own identity header, even one signed with the right secret', async () => {
    const draft = landTransferSubmission(LAND_BUREAU.name);
    const submitted = await ask(
      'mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) { accepted { status } } }',
      { s: [draft] },
      { authorization: `Bearer ${governmentKey.key}` },
    );
    expect(submitted.json.data).toEqual({ submitDisclosures: { accepted: [{ status: 'DRAFT' }] } });
    const forged = signIdentity(agencyIdentity(LAND_BUREAU._id), stack.identitySecret);
    const mark = markNow();
    const answer = await ask('query ($id: String!) { disclosure(indexNumber: $id) { status } }', { id: draft.envelope.indexNumber }, { [IDENTITY_HEADER]: forged });
    expect(answer.json).toEqual({ data: { disclosure: null } });
    const sent = sentSince(mark);
    expect(sent).toHaveLength(1);
    expect(sent[0].headers[IDENTITY_HEADER]).toBeUndefined();
    // The same token sent straight to the catalogue port is honoured: the secret is what a subgraph trusts.
    const direct = await postJson(
      stack.subgraphUrls.catalogue as string,
      { query: 'query ($id: String!) { disclosure(indexNumber: $id) { status } }', variables: { id: draft.envelope.indexNumber } },
      { [IDENTITY_HEADER]: forged },
    );
    expect(direct.json).toEqual({ data: { disclosure: { status: 'DRAFT' } } });
  });
});

describe('a key that cannot be checked now', () => {
  it('gets a token of kind rejected with the code of what did not answer, not remembered', async () => {
    const nobodyListens = new CatalogueAgencies(`http://127.0.0.1:${await freePort()}/graphql`, 1_000);
    const issuer = new IdentityIssuer(stack.keys, nobodyListens, stack.identitySecret);
    const token = (await issuer.identityFor(`Bearer ${governmentKey.key}`))?.token as string;
    expect(verifyIdentity(token, stack.identitySecret)).toEqual({
      ok: true,
      identity: {
        kind: 'rejected',
        reason: 'the key’s agency could not be checked now (the catalogue subgraph did not answer); try again',
        code: 'SUBGRAPH_UNAVAILABLE',
      },
    });
    expect(token).not.toContain(governmentKey.key);
  });
});

describe('the scope', () => {
  it('comes from the catalogue’s Agency.scope, which only a direct call to the catalogue port sees', async () => {
    const atGateway = await ask('query ($code: ID!) { agency(code: $code) { scope } }', { code: GOVERNMENT._id });
    expect(atGateway.status).toBe(400);
    expect(atGateway.json.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['Cannot query field "scope" on type "Agency". Did you mean "code"?', 'GRAPHQL_VALIDATION_FAILED'],
    ]);
    const direct = await postJson(stack.subgraphUrls.catalogue as string, {
      query: 'query ($code: ID!) { agency(code: $code) { scope } }',
      variables: { code: GOVERNMENT._id },
    });
    expect(direct.json).toEqual({ data: { agency: { scope: scopeOf(GOVERNMENT._id) } } });
    const bureau = await postJson(stack.subgraphUrls.catalogue as string, {
      query: 'query ($code: ID!) { agency(code: $code) { scope } }',
      variables: { code: LAND_BUREAU._id },
    });
    expect(bureau.json).toEqual({ data: { agency: { scope: [LAND_BUREAU._id] } } });
  });
});

describe('revoking a key', () => {
  it(`stops it working for reads and writes within ${KEY_CACHE_MS} ms, though the gateway just used it`, async () => {
    const { id, key } = await stack.createKey(LAND_BUREAU._id, 'to be revoked');
    const draft = landTransferSubmission(LAND_BUREAU.name);
    const read = () => ask('query ($id: String!) { disclosure(indexNumber: $id) { status } }', { id: draft.envelope.indexNumber }, { authorization: `Bearer ${key}` });
    const submitted = await ask(
      'mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) { accepted { status } } }',
      { s: [draft] },
      { authorization: `Bearer ${key}` },
    );
    expect(submitted.json.data).toEqual({ submitDisclosures: { accepted: [{ status: 'DRAFT' }] } });
    expect((await read()).json).toEqual({ data: { disclosure: { status: 'DRAFT' } } });

    expect(await stack.keys.revoke(id)).toEqual({ ok: true });
    // Once the gateway's remembered check has expired, the next request checks the store again.
    await new Promise((resolve) => setTimeout(resolve, KEY_CACHE_MS + 100));
    expect((await read()).json).toEqual({ data: { disclosure: null } });
    const refused = await ask(
      'mutation ($ids: [String!]!) { reviewDisclosures(indexNumbers: $ids) { status } }',
      { ids: [draft.envelope.indexNumber] },
      { authorization: `Bearer ${key}` },
    );
    expect(refused.json.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ["Publishing needs an agency's API key: this API key was revoked", 'UNAUTHENTICATED'],
    ]);
    expect(await stack.keys.revoke(id)).toEqual({ ok: false, error: 'no-active-key', message: `no active key with id ${id}` });
  });
});

describe('logs', () => {
  it('of the gateway and every subgraph never carry a key or a token', async () => {
    const before = logLines.length;
    const requestId = `identity-log-${Date.now()}`;
    await ask(ACROSS_SUBGRAPHS, { code: GOVERNMENT._id }, { authorization: `Bearer ${governmentKey.key}`, 'x-request-id': requestId });
    await ask('{ __typename }', {}, { authorization: 'Bearer gdk_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = logLines.slice(before);
    // The request went through the gateway to the catalogue and the land subgraph, and each logged it.
    const services = lines.filter((line) => line.includes(requestId)).map((line) => (JSON.parse(line) as { service: string }).service);
    expect(new Set(services)).toEqual(new Set(['gateway', 'catalogue-subgraph', 'land-subgraph']));
    const all = logLines.join('\n');
    expect(all).not.toContain(governmentKey.key.slice(21));
    expect(all).not.toContain('gdk_');
    expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);
    expect(all).not.toContain(stack.identitySecret);
  });
});
