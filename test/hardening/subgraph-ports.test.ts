/**
 * Every subgraph port called directly, as someone who bypasses the gateway would: without the
 * gateway's identity token nothing can be written and no draft read; a token signed with another
 * secret, expired, for another audience or issuer, living too long, unsigned or malformed counts as
 * no identity (reads public, writes UNAUTHENTICATED with the reason, never the token); a valid token
 * reads its agency's drafts and no one else's; `_entities` representations that are not an entity
 * type's key of its own scalar type (operators, lists, unknown types or fields) are refused as bad
 * input before any resolver runs; and every document limit of the gateway refuses the
 * same request on every port with the same status and the same error.
 */
import jwt from 'jsonwebtoken';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/config';
import type { OwnerName } from '../../subgraphs/kit/config';
import {
  generateIdentitySecret,
  IDENTITY_AUDIENCE,
  IDENTITY_HEADER,
  IDENTITY_ISSUER,
  signIdentity,
} from '../../platform/identity';
import { statusOf, type ErrorCode } from '../../platform/error-codes';
import { DEFAULT_DOCUMENT_LIMITS } from '../../platform/limits';
import type { RecordTypeName } from '../../model/record-types';
import { AGENCIES } from '../../model/reference-data';
import { agencyIdentity, agencyNamed, landTransferSubmission, sampleRecords } from '../support/builders';
import { postJson, type HttpAnswer } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';

type Domain = OwnerName;

/** One record type of each domain subgraph, with its query fields. */
const DOMAIN_TYPES: Record<Domain, { type: RecordTypeName; single: string; list: string }> = {
  finance: { type: 'BudgetReport', single: 'budgetReport', list: 'budgetReports' },
  land: { type: 'LandTransfer', single: 'landTransfer', list: 'landTransfers' },
  housing: { type: 'AffordableHousingProject', single: 'affordableHousingProject', list: 'affordableHousingProjects' },
  education: { type: 'School', single: 'school', list: 'schools' },
  safety: { type: 'SafetyAccident', single: 'safetyAccident', list: 'safetyAccidents' },
  documents: { type: 'PolicyDocument', single: 'policyDocument', list: 'policyDocuments' },
  enforcement: { type: 'AdministrativeLicence', single: 'administrativeLicence', list: 'administrativeLicences' },
};
const DOMAINS = Object.keys(DOMAIN_TYPES) as Domain[];
/** A field taking `first` on each port (the gateway serves them all). */
const PAGED_FIELD: Record<SubgraphName, string> = {
  catalogue: 'catalogue',
  requests: 'requestLog',
  ...Object.fromEntries(DOMAINS.map((d) => [d, DOMAIN_TYPES[d].list])),
} as Record<SubgraphName, string>;
/** The ports that serve disclosures, and so resolve a published record's representation for anyone. */
const DISCLOSURE_PORTS: SubgraphName[] = ['catalogue', ...DOMAINS];

let stack: TestStack;
/** The DRAFT record seeded for each domain: its index number and agency. */
const drafts = {} as Record<Domain, { indexNumber: string; agencyCode: string }>;

const urlOf = (name: SubgraphName) => stack.subgraphUrls[name] as string;
const tokenHeader = (token: string | undefined): Record<string, string> => (token === undefined ? {} : { [IDENTITY_HEADER]: token });

/** An agency in another province than `code`'s, so neither is under the other. */
function agencyElsewhere(code: string): string {
  const province = AGENCIES.find((a) => a._id === code)?.regionCode.slice(0, 2);
  const other = AGENCIES.find((a) => a.regionCode.slice(0, 2) !== province);
  if (!other) throw new Error('no agency in another province');
  return other._id;
}

/** What `domain`'s draft looks like from its owning subgraph: the single query and the entity lookup. */
async function readFromOwner(domain: Domain, token?: string): Promise<{ single: unknown; entity: unknown; errors: unknown }> {
  const { type, single } = DOMAIN_TYPES[domain];
  const answer = await postJson(
    urlOf(domain),
    {
      query: `query ($id: String!, $r: [_Any!]!) { ${single}(indexNumber: $id) { id } _entities(representations: $r) { ... on ${type} { id } } }`,
      variables: { id: drafts[domain].indexNumber, r: [{ __typename: type, id: drafts[domain].indexNumber }] },
    },
    tokenHeader(token),
  );
  const data = answer.json.data as { _entities: unknown[] } & Record<string, unknown>;
  return { single: data?.[single], entity: data?._entities[0], errors: answer.json.errors };
}

/** What `domain`'s draft looks like from the catalogue port. */
async function readFromCatalogue(domain: Domain, token?: string): Promise<{ disclosure: unknown; errors: unknown }> {
  const answer = await postJson(
    urlOf('catalogue'),
    { query: 'query ($id: String!) { disclosure(indexNumber: $id) { indexNumber status } }', variables: { id: drafts[domain].indexNumber } },
    tokenHeader(token),
  );
  return { disclosure: (answer.json.data as { disclosure: unknown } | undefined)?.disclosure, errors: answer.json.errors };
}

const SUBMIT = `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) { accepted { indexNumber status } } }`;
const MOVES = ['reviewDisclosures', 'publishDisclosures', 'withdrawDisclosures'] as const;

async function storedEntries(): Promise<number> {
  return stack.databases.catalogue.collection('entries').countDocuments();
}

// Each stack is closed before the next starts: they share the process's MongoDB clients.
describe('at the default limits', () => {
  beforeAll(async () => {
    // The big entity fetch below scans on a machine other test files share; timeouts have tests of their own.
    stack = await startTestStack('ports', { env: { GATEWAY_SUBGRAPH_TIMEOUT_MS: '30000' } });
    for (const domain of DOMAINS) {
      const [record] = sampleRecords(DOMAIN_TYPES[domain].type, 1, 11);
      const written = await stack.writer.write([record], { status: 'DRAFT' });
      expect(written.rejected).toEqual([]);
      drafts[domain] = { indexNumber: record.envelope.indexNumber, agencyCode: record.envelope.agencyCode };
    }
  });
  afterAll(async () => {
    await stack?.close();
  });

  describe('without the gateway’s identity', () => {
    it.each(DOMAINS)('the %s port and the catalogue port do not show its draft', async (domain) => {
      expect(await readFromOwner(domain)).toEqual({ single: null, entity: null, errors: undefined });
      expect(await readFromCatalogue(domain)).toEqual({ disclosure: null, errors: undefined });
    });

    it('the catalogue port refuses every mutation as UNAUTHENTICATED and stores nothing', async () => {
      const before = await storedEntries();
      const submitted = await postJson(urlOf('catalogue'), { query: SUBMIT, variables: { s: [landTransferSubmission()] } });
      // No data: the answer takes its error's status (README, "Errors").
      expect(submitted.status).toBe(401);
      expect(submitted.json.data).toBeNull();
      expect(submitted.json.errors).toEqual([
        expect.objectContaining({
          message: "Publishing needs an agency's API key: no API key: send Authorization: Bearer gdk_<id>_<secret>",
          path: ['submitDisclosures'],
          extensions: { code: 'UNAUTHENTICATED' },
        }),
      ]);
      for (const mutation of MOVES) {
        const moved = await postJson(urlOf('catalogue'), {
          query: `mutation ($ids: [String!]!) { ${mutation}(indexNumbers: $ids) { indexNumber status } }`,
          variables: { ids: [drafts.land.indexNumber] },
        });
        expect(moved.json.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[[mutation], 'UNAUTHENTICATED']]);
      }
      expect(await storedEntries()).toBe(before);
      expect((await readFromCatalogue('land', signIdentity(agencyIdentity(drafts.land.agencyCode), stack.identitySecret))).disclosure).toEqual({
        indexNumber: drafts.land.indexNumber,
        status: 'DRAFT',
      });
    });

    it.each(DOMAINS)('the %s port has no mutations at all, and says so with 400', async (domain) => {
      const answer = await postJson(urlOf(domain), { query: `mutation { withdrawDisclosures(indexNumbers: ["${drafts[domain].indexNumber}"]) { indexNumber } }` });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ errors: [{ message: 'This API has no mutation operations.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
    });
  });

  describe('a token the gateway did not sign, or no longer vouches for', () => {
    const secretOf = () => stack.identitySecret;
    const now = () => Math.floor(Date.now() / 1000);
    const claims = () => ({ ...agencyIdentity(drafts.land.agencyCode), scope: Object.values(drafts).map((d) => d.agencyCode) });
    /** Each kind of bad token, with the reason a write is refused for. */
    const BAD_TOKENS: Array<[string, () => string, string]> = [
      [
        'signed with another secret',
        () => signIdentity(claims(), generateIdentitySecret()),
        'its signature does not match (it was not signed with this deployment’s IDENTITY_SECRET)',
      ],
      ['expired', () => signIdentity(claims(), secretOf(), Date.now() - 120_000), 'it has expired'],
      [
        'for another audience',
        () => jwt.sign({ ...claims(), iat: now(), exp: now() + 60 }, secretOf(), { algorithm: 'HS256', issuer: IDENTITY_ISSUER, audience: 'the-portal' }),
        `it is not meant for the subgraphs (audience must be ${IDENTITY_AUDIENCE})`,
      ],
      [
        'from another issuer',
        () => jwt.sign({ ...claims(), iat: now(), exp: now() + 60 }, secretOf(), { algorithm: 'HS256', issuer: 'someone', audience: IDENTITY_AUDIENCE }),
        `it was not issued by the gateway (issuer must be ${IDENTITY_ISSUER})`,
      ],
      [
        'living an hour',
        () => jwt.sign({ ...claims(), iat: now(), exp: now() + 3600 }, secretOf(), { algorithm: 'HS256', issuer: IDENTITY_ISSUER, audience: IDENTITY_AUDIENCE }),
        'it must not live longer than 60 s',
      ],
      [
        'unsigned (alg none)',
        () => jwt.sign({ ...claims(), iat: now(), exp: now() + 60, iss: IDENTITY_ISSUER, aud: IDENTITY_AUDIENCE }, '', { algorithm: 'none' }),
        'it is not signed (it must be signed with HS256)',
      ],
      ['malformed', () => 'Bearer gdk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'it is not a well-formed token'],
    ];

    describe.each(BAD_TOKENS)('%s', (_name, make, reason) => {
      it.each(DOMAINS)('reads as anonymous on the %s port and the catalogue port', async (domain) => {
        const token = make();
        expect(await readFromOwner(domain, token)).toEqual({ single: null, entity: null, errors: undefined });
        expect(await readFromCatalogue(domain, token)).toEqual({ disclosure: null, errors: undefined });
      });

      it('is refused on the catalogue port as UNAUTHENTICATED with why, without quoting the token', async () => {
        const token = make();
        const before = await storedEntries();
        const answer = await postJson(urlOf('catalogue'), { query: SUBMIT, variables: { s: [landTransferSubmission()] } }, tokenHeader(token));
        expect(answer.json.data).toBeNull();
        expect(answer.json.errors?.map((e) => ({ message: e.message, code: e.extensions?.code }))).toEqual([
          { message: `Publishing needs an agency's API key: the identity token was refused: ${reason}`, code: 'UNAUTHENTICATED' },
        ]);
        expect(answer.text).not.toContain(token);
        expect(await storedEntries()).toBe(before);
      });
    });

    it('passes on the reason of a key the gateway refused', async () => {
      const token = signIdentity({ kind: 'rejected', reason: 'this API key was revoked' }, stack.identitySecret);
      expect(await readFromCatalogue('land', token)).toEqual({ disclosure: null, errors: undefined });
      const answer = await postJson(urlOf('catalogue'), { query: SUBMIT, variables: { s: [landTransferSubmission()] } }, tokenHeader(token));
      expect(answer.json.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
        ["Publishing needs an agency's API key: this API key was revoked", 'UNAUTHENTICATED'],
      ]);
    });
  });

  describe('a valid token minted with the deployment’s secret', () => {
    it.each(DOMAINS)('reads its agency’s %s draft on the owning port and the catalogue port', async (domain) => {
      const token = signIdentity(agencyIdentity(drafts[domain].agencyCode), stack.identitySecret);
      const id = drafts[domain].indexNumber;
      expect(await readFromOwner(domain, token)).toEqual({ single: { id }, entity: { id }, errors: undefined });
      expect(await readFromCatalogue(domain, token)).toEqual({ disclosure: { indexNumber: id, status: 'DRAFT' }, errors: undefined });
    });

    it.each(DOMAINS)('of another agency does not read the %s draft, nor act on it', async (domain) => {
      const token = signIdentity(agencyIdentity(agencyElsewhere(drafts[domain].agencyCode)), stack.identitySecret);
      expect(await readFromOwner(domain, token)).toEqual({ single: null, entity: null, errors: undefined });
      expect(await readFromCatalogue(domain, token)).toEqual({ disclosure: null, errors: undefined });
      const review = await postJson(
        urlOf('catalogue'),
        { query: 'mutation ($ids: [String!]!) { reviewDisclosures(indexNumbers: $ids) { status } }', variables: { ids: [drafts[domain].indexNumber] } },
        tokenHeader(token),
      );
      expect(review.json.errors?.map((e) => [e.extensions?.code, e.extensions?.indexNumbers])).toEqual([['FORBIDDEN', [drafts[domain].indexNumber]]]);
      expect((await readFromCatalogue(domain, signIdentity(agencyIdentity(drafts[domain].agencyCode), stack.identitySecret))).disclosure).toEqual({
        indexNumber: drafts[domain].indexNumber,
        status: 'DRAFT',
      });
    });

    it('writes for its agency on the catalogue port, as the gateway’s calls do', async () => {
      const bureau = agencyNamed('岳阳县国土资源局')._id;
      const record = landTransferSubmission('岳阳县国土资源局');
      const answer = await postJson(urlOf('catalogue'), { query: SUBMIT, variables: { s: [record] } }, tokenHeader(signIdentity(agencyIdentity(bureau), stack.identitySecret)));
      expect(answer.json).toEqual({ data: { submitDisclosures: { accepted: [{ indexNumber: record.envelope.indexNumber, status: 'DRAFT' }] } } });
    });
  });

  describe('the gateway’s own query plans', () => {
    beforeAll(async () => {
      const written = await stack.writer.write(sampleRecords('LandTransfer', 100, 12), { status: 'PUBLISHED' });
      expect(written.rejected).toEqual([]);
    });

    it('pass the subgraph limits: 100 representations, 30 aliases and depth 9 in one entity fetch to the land port', async () => {
      const aliases = Array.from({ length: 30 }, (_, i) => `p${i}: ${i % 2 ? 'startingPrice' : 'finalPrice'} { yuan }`).join(' ');
      const answer = await stack.query<{ catalogue: { edges: Array<{ node: Record<string, unknown> & { agency: { landTransfers: { edges: unknown[] } } } }> } }>(
        `{ catalogue(first: 100, filter: { types: [LandTransfer] }) { edges { node { id ... on LandTransfer { ${aliases} }
           agency { landTransfers(first: 1) { edges { node { finalPrice { yuan } } } } } } } } }`,
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.catalogue.edges).toHaveLength(100);
      for (const { node } of answer.data?.catalogue.edges ?? []) {
        expect(Object.keys(node).filter((key) => /^p\d+$/.test(key))).toHaveLength(30);
        expect(node.p0).toEqual({ yuan: expect.stringMatching(/^\d+(\.\d{1,2})?$/) });
        expect(node.agency.landTransfers.edges).toHaveLength(1);
      }
    });
  });

  describe('entity representations on every port', () => {
    /** An entity type each port resolves, and a PUBLISHED record of it. */
    const ENTITY_OF: Record<SubgraphName, string> = { catalogue: 'LandTransfer', requests: 'InformationRequest', ...Object.fromEntries(DOMAINS.map((d) => [d, DOMAIN_TYPES[d].type])) } as Record<SubgraphName, string>;
    const published = {} as Record<string, string>;
    beforeAll(async () => {
      for (const type of new Set(DISCLOSURE_PORTS.map((name) => ENTITY_OF[name] as RecordTypeName))) {
        const [record] = sampleRecords(type, 1, 14);
        expect((await stack.writer.write([record], { status: 'PUBLISHED' })).rejected).toEqual([]);
        published[type] = record.envelope.indexNumber;
      }
    });
    const ENTITIES = (type: string) => `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${type} { id } } }`;
    const refusal = (argument: string, rule: string, message: string) => ({
      status: 400,
      data: undefined,
      errors: [{ message: `Invalid value for "${argument}": ${message}`, extensions: { code: 'BAD_USER_INPUT', argument, rule } }],
    });
    const answerOf = async (name: SubgraphName, body: unknown) => {
      const answer = await postJson(urlOf(name), body);
      return { status: answer.status, data: answer.json.data, errors: answer.json.errors };
    };
    /** Each bad list of representations of `type`, and the argument, rule and message of its refusal. */
    const BAD: Array<[string, (type: string) => unknown[], string, string, (type: string) => string]> = [
      ['an operator for the id', (type) => [{ __typename: type, id: { $gt: '' } }], 'representations.0.id', 'type', () => 'must be a string (the ID of the key); got an object'],
      ['a list for the id', (type) => [{ __typename: type, id: ['a', 'b'] }], 'representations.0.id', 'type', () => 'must be a string (the ID of the key); got a list'],
      ['a number for the id', (type) => [{ __typename: type, id: 7 }], 'representations.0.id', 'type', () => 'must be a string (the ID of the key); got a number'],
      ['an unknown __typename', () => [{ __typename: 'Nonexistent', id: 'x' }], 'representations.0.__typename', 'entity-type', () => 'Nonexistent is not an entity type of this subgraph; it resolves '],
      ['a field besides the key', (type) => [{ __typename: type, id: 'x', status: 'DRAFT' }], 'representations.0.status', 'unknown-field', (type) => `status is not a key field of ${type}`],
      ['no key field', (type) => [{ __typename: type }], 'representations.0.id', 'required', (type) => `the key field id of ${type} is missing`],
      ['no __typename', () => [{ id: 'x' }], 'representations.0.__typename', 'required', () => 'must be the name of an entity type; got nothing'],
      ['a string for a representation', (type) => [type], 'representations.0', 'object', () => 'a representation must be an object with __typename and key fields; got a string'],
      ['a bad one after a good one', (type) => [{ __typename: type, id: 'x' }, { __typename: type, id: { $ne: null } }], 'representations.1.id', 'type', () => 'must be a string (the ID of the key); got an object'],
    ];

    describe.each(BAD)('with %s', (_name, representations, argument, rule, message) => {
      it.each(SUBGRAPH_NAMES)('the %s port refuses it as bad input before any resolver runs', async (name) => {
        const type = ENTITY_OF[name];
        const answer = await answerOf(name, { query: ENTITIES(type), variables: { r: representations(type) } });
        if (rule === 'entity-type') {
          expect(answer.errors?.[0].message).toContain(message(type));
          expect(answer.errors?.[0].message).toContain(type);
          expect({ ...answer, errors: answer.errors?.map((e) => e.extensions) }).toEqual({ status: 400, data: undefined, errors: [{ code: 'BAD_USER_INPUT', argument, rule }] });
        } else expect(answer).toEqual(refusal(argument, rule, message(type)));
      });
    });

    it.each(SUBGRAPH_NAMES)('the %s port refuses an object id written in the query text itself', async (name) => {
      const type = ENTITY_OF[name];
      // `$` cannot start a name in GraphQL, so a literal carries an object of other names.
      const answer = await answerOf(name, { query: `{ _entities(representations: [{ __typename: "${type}", id: { in: ["a"] } }]) { ... on ${type} { id } } }` });
      expect(answer).toEqual(refusal('representations.0.id', 'type', 'must be a string (the ID of the key); got an object'));
    });

    it.each(DOMAINS)('the %s port refuses Region, whose key it declares unresolvable there', async (domain) => {
      const answer = await answerOf(domain, { query: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', variables: { r: [{ __typename: 'Region', code: '430621' }] } });
      expect(answer.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'representations.0.__typename', rule: 'entity-type' }]);
      expect(answer.status).toBe(400);
    });

    it.each(DISCLOSURE_PORTS)('the %s port still resolves good representations, a missing record as null', async (name) => {
      const type = ENTITY_OF[name];
      const answer = await answerOf(name, {
        query: ENTITIES(type),
        variables: { r: [{ __typename: type, id: published[type] }, { __typename: type, id: `${published[type]}9` }] },
      });
      expect(answer).toEqual({ status: 200, data: { _entities: [{ id: published[type] }, null] }, errors: undefined });
    });
  });

  describe('the gateway’s document limits on every port', () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const bomb = () => {
      const fragments = ['fragment F0 on Query { __typename }'];
      for (let i = 1; i <= 13; i += 1) fragments.push(`fragment F${i} on Query { ...F${i - 1} ... on Query { ...F${i - 1} } }`);
      return `{ ...F13 } ${fragments.join(' ')}`;
    };
    /** Each limit: a body every server parses the same way, and the refusal's code. */
    const LIMITS: Array<[string, (name: SubgraphName) => unknown, ErrorCode]> = [
      ['1,000 aliases', () => ({ query: aliases(1_000) }), 'TOO_MANY_ALIASES'],
      ['51 directives', () => ({ query: `{ ${'__typename @skip(if: false) '.repeat(51)} }` }), 'TOO_MANY_DIRECTIVES'],
      ['700 directives on one field, before parsing', () => ({ query: `{ __typename ${'@include(if: true) '.repeat(700)}}` }), 'TOO_MANY_DIRECTIVES'],
      ['5,000 nested braces, before parsing', () => ({ query: `${'{ a '.repeat(5_000)}${'}'.repeat(5_000)}` }), 'QUERY_TOO_DEEP'],
      [
        'variables nested 5,000 deep, before parsing',
        () => `{"query":"{ __typename }","variables":{"v":${'['.repeat(5_000)}${']'.repeat(5_000)}}}`,
        'QUERY_TOO_DEEP',
      ],
      ['a document over the token limit', () => ({ query: `{ ${'__typename '.repeat(DEFAULT_DOCUMENT_LIMITS.maxTokens)} }` }), 'QUERY_TOO_LARGE'],
      ['a fragment bomb of 8,192 selections', () => ({ query: bomb() }), 'QUERY_TOO_LARGE'],
      ['first: 101', (name) => ({ query: `{ ${PAGED_FIELD[name]}(first: 101) { totalCount } }` }), 'BAD_USER_INPUT'],
      ['first: 0 from a variable', (name) => ({ query: `query ($n: Int) { ${PAGED_FIELD[name]}(first: $n) { totalCount } }`, variables: { n: 0 } }), 'BAD_USER_INPUT'],
      [
        'a body over the size limit',
        () => JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(DEFAULT_DOCUMENT_LIMITS.maxBodyBytes) } }),
        'PAYLOAD_TOO_LARGE',
      ],
    ];
    const refusal = (answer: HttpAnswer) => ({ status: answer.status, data: answer.json.data, errors: answer.json.errors });

    describe.each(LIMITS)('%s', (_name, body, code) => {
      it.each(SUBGRAPH_NAMES)('is refused on the %s port exactly as at the gateway', async (name) => {
        const atGateway = await postJson(stack.endpoint, body(name));
        expect(atGateway.status).toBe(statusOf(code));
        expect(atGateway.json.errors?.map((e) => e.extensions?.code)).toEqual([code]);
        const direct = await postJson(urlOf(name), body(name));
        expect(refusal(direct)).toEqual(refusal(atGateway));
      });
    });

    const depthError = (actual: number, allowed: number) => ({
      message: `Query depth ${actual} exceeds the limit of ${allowed} nested fields (maxDepth).`,
      extensions: { code: 'QUERY_TOO_DEEP', limit: 'maxDepth', allowed, actual },
    });

    it('refuses depth 30 on the catalogue port exactly as at the gateway', async () => {
      const query = `{ regions { ${'parent { '.repeat(28)}code${' }'.repeat(28)} } }`;
      const atGateway = await postJson(stack.endpoint, { query });
      expect(refusal(atGateway)).toEqual({ status: 400, data: undefined, errors: [depthError(30, 10)] });
      expect(refusal(await postJson(urlOf('catalogue'), { query }))).toEqual(refusal(atGateway));
    });

    it.each(DOMAINS)('refuses depth 30 on the %s port, whose schema has no path that deep', async (domain) => {
      // The domain types do not lead back to agencies, so 6 levels is as deep as a valid document goes
      // there; deeper ones break the schema before the depth rule (which runs on valid documents) is asked.
      const { list } = DOMAIN_TYPES[domain];
      const query = `{ ${list} { edges { node { ${'id { '.repeat(26)}x${' }'.repeat(26)} } } } }`;
      const answer = await postJson(urlOf(domain), { query });
      expect(answer.status).toBe(400);
      expect(answer.json.data).toBeUndefined();
      expect(answer.json.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    });

    it.each(SUBGRAPH_NAMES)('answers the %s port just under every limit', async (name) => {
      for (const body of [
        { query: aliases(30) },
        { query: `{ ${'__typename @skip(if: false) '.repeat(50)} }` },
        { query: `{ ${PAGED_FIELD[name]}(first: 100) { totalCount } }` },
      ]) {
        const answer = await postJson(urlOf(name), body);
        expect(answer.status).toBe(200);
        expect(answer.json.errors).toBeUndefined();
      }
    });
  });
});

describe('the depth setting on every port', () => {
  // A low GATEWAY_MAX_DEPTH shows the domain ports apply the depth rule of the gateway's setting.
  let shallow: TestStack;
  beforeAll(async () => {
    shallow = await startTestStack('ports_depth', { env: { GATEWAY_MAX_DEPTH: '4' } });
  });
  afterAll(async () => {
    await shallow?.close();
  });

  it.each(DOMAINS)('refuses 5 levels on the %s port with the error the gateway gives for 5 levels', async (domain) => {
    const { list } = DOMAIN_TYPES[domain];
    const agency = AGENCIES[0]._id;
    const atGateway = await postJson(shallow.endpoint, { query: `{ agency(code: "${agency}") { ${list} { edges { node { id } } } } }` });
    const direct = await postJson(shallow.subgraphUrls[domain] as string, {
      query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Agency { ${list} { edges { node { id } } } } } }`,
      variables: { r: [{ __typename: 'Agency', code: agency }] },
    });
    const error = {
      message: 'Query depth 5 exceeds the limit of 4 nested fields (maxDepth).',
      extensions: { code: 'QUERY_TOO_DEEP', limit: 'maxDepth', allowed: 4, actual: 5 },
    };
    expect({ status: atGateway.status, errors: atGateway.json.errors }).toEqual({ status: 400, errors: [error] });
    expect({ status: direct.status, errors: direct.json.errors }).toEqual({ status: 400, errors: [error] });
  });
});

describe('entity fetches under a small body limit', () => {
  // GATEWAY_MAX_BODY_BYTES=4096 for every server: 100 representations (~7 KB) no longer fit one call.
  let small: TestStack;
  beforeAll(async () => {
    small = await startTestStack('ports_body', { env: { GATEWAY_MAX_BODY_BYTES: '4096' } });
    const written = await small.writer.write(sampleRecords('LandTransfer', 100, 13), { status: 'PUBLISHED' });
    expect(written.rejected).toEqual([]);
  });
  afterAll(async () => {
    await small?.close();
  });

  /** Calls the gateway made to the land subgraph so far (its fetch histogram's count). */
  const landCalls = async () => {
    const text = await (await fetch(`${small.gatewayUrl}metrics`)).text();
    const match = /gateway_subgraph_fetch_duration_seconds_count\{[^}]*subgraph="land"[^}]*\} (\d+)/.exec(text);
    return match ? Number(match[1]) : 0;
  };

  it('are sent in batches that fit, and answered as one, in order', async () => {
    const own = await small.query<{ landTransfers: { edges: Array<{ node: { id: string; finalPrice: { yuan: string } } }> } }>(
      '{ landTransfers(first: 100) { edges { node { id finalPrice { yuan } } } } }',
    );
    expect(own.errors).toBeUndefined();
    const prices = new Map(own.data?.landTransfers.edges.map(({ node }) => [node.id, node.finalPrice]));
    expect(prices.size).toBe(100);

    const before = await landCalls();
    const joined = await small.query<{ catalogue: { edges: Array<{ node: { id: string; finalPrice: { yuan: string } } }> } }>(
      '{ catalogue(first: 100, filter: { types: [LandTransfer] }) { edges { node { id ... on LandTransfer { finalPrice { yuan } } } } } }',
    );
    expect(joined.errors).toBeUndefined();
    expect(joined.data?.catalogue.edges).toHaveLength(100);
    for (const { node } of joined.data?.catalogue.edges ?? []) expect(node.finalPrice).toEqual(prices.get(node.id));
    expect((await landCalls()) - before).toBeGreaterThanOrEqual(2);

    // The same fetch in one call is what the land port refuses.
    const whole = await postJson(small.subgraphUrls.land as string, {
      query: 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on LandTransfer { finalPrice { yuan } } } }',
      variables: { representations: [...prices.keys()].map((id) => ({ __typename: 'LandTransfer', id })) },
    });
    expect(whole.status).toBe(413);
    expect(whole.json.errors?.[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', limit: 'maxBodyBytes', allowed: 4096 });
  });
});
