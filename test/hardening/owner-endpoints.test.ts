/**
 * The owners' publishing endpoints (/owner/… on every domain subgraph's port) answer bad input and
 * missing identities as the GraphQL API does: a code, a message naming the field and the rule, the
 * code's HTTP status, and nothing stored.
 */
import { IDENTITY_HEADER, signIdentity } from '../../platform/identity';
import { agencyIdentity, agencyNamed, landTransferSubmission } from '../support/builders';
import { request } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
const LAND_BUREAU = agencyNamed('岳阳县国土资源局');
const OTHER_BUREAU = agencyNamed('楚雄州国土资源局');

beforeAll(async () => {
  stack = await startTestStack('owner_endpoints');
});
afterAll(async () => {
  await stack.close();
});

const agencyToken = (agencyCode: string) =>
  signIdentity(agencyIdentity(agencyCode), stack.identitySecret);
const serviceToken = () => signIdentity({ kind: 'service', service: 'catalogue' }, stack.identitySecret);

function call(path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers[IDENTITY_HEADER] = token;
  return request(new URL(`owner/${path}`, stack.subgraphUrls.land).toString(), {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const submissionsOf = (submission: ReturnType<typeof landTransferSubmission>) => ({
  submissions: [{ submission, agencyName: LAND_BUREAU.name, regionPath: [LAND_BUREAU.regionCode] }],
});
const HANSHAN_LAND = agencyNamed('含山县国土资源局');

const codesOf = (answer: Awaited<ReturnType<typeof call>>) => [answer.status, answer.json?.errors?.map((e) => e.extensions?.code)];
const stored = () => stack.databases.land.collection('landTransfers').countDocuments();

it('refuses writes without an agency identity, and the feed to anyone but the catalogue', async () => {
  expect(codesOf(await call('submissions', undefined, submissionsOf(landTransferSubmission())))).toEqual([401, ['UNAUTHENTICATED']]);
  expect(codesOf(await call('moves', 'not-a-token', { indexNumbers: ['x'], target: 'PUBLISHED' }))).toEqual([401, ['UNAUTHENTICATED']]);
  expect(codesOf(await call('changes', agencyToken(LAND_BUREAU._id)))).toEqual([401, ['UNAUTHENTICATED']]);
  expect(await stored()).toBe(0);
});

it('names the field and the rule of a malformed body, and a cursor it did not issue', async () => {
  const empty = await call('submissions', agencyToken(LAND_BUREAU._id), { submissions: [] });
  expect(codesOf(empty)).toEqual([400, ['BAD_USER_INPUT']]);
  expect(empty.json?.errors?.[0].message).toContain('"body.submissions"');
  const target = await call('moves', agencyToken(LAND_BUREAU._id), { indexNumbers: ['x'], target: 'DRAFT' });
  expect(codesOf(target)).toEqual([400, ['BAD_USER_INPUT']]);
  expect(target.json?.errors?.[0].extensions).toMatchObject({ argument: 'body.target' });
  const cursor = await call('changes?after=bm9wZQ', serviceToken());
  expect(codesOf(cursor)).toEqual([400, ['BAD_USER_INPUT']]);
  expect(cursor.json?.errors?.[0].extensions).toMatchObject({ argument: 'after', rule: 'cursor' });
  expect(await stored()).toBe(0);
});

it('stores a valid submission as a draft for its own agency, rejects an invalid one by field, and refuses another agency', async () => {
  const invalid = landTransferSubmission(LAND_BUREAU.name, { fields: { finalPrice: '-1' } });
  const rejected = await call('submissions', agencyToken(LAND_BUREAU._id), submissionsOf(invalid));
  expect(rejected.status).toBe(200);
  expect(rejected.json).toMatchObject({ rejected: [{ field: 'fields.finalPrice', reason: expect.stringContaining('non-negative') }], results: [] });

  const valid = landTransferSubmission(LAND_BUREAU.name);
  const foreign = await call('submissions', agencyToken(OTHER_BUREAU._id), submissionsOf(valid));
  expect(codesOf(foreign)).toEqual([403, ['FORBIDDEN']]);
  expect(await stored()).toBe(0);

  const accepted = await call('submissions', agencyToken(LAND_BUREAU._id), submissionsOf(valid));
  expect(accepted.json).toMatchObject({ rejected: [], results: [{ indexNumber: valid.envelope.indexNumber, status: 'DRAFT', changed: true }] });
  const feed = await call('changes', serviceToken());
  expect(feed.json).toMatchObject({ records: [{ _id: valid.envelope.indexNumber, status: 'DRAFT' }], hasMore: false });
});

it('rejects a record outside the region of the identity’s agency, even with the region path the catalogue sent', async () => {
  const inWudi = landTransferSubmission(HANSHAN_LAND.name, { envelope: { regionCode: '371623' } });
  const body = { submissions: [{ submission: inWudi, agencyName: HANSHAN_LAND.name, regionPath: ['371623', '371600', '370000'] }] };
  const before = await stored();
  const answer = await call('submissions', agencyToken(HANSHAN_LAND._id), body);
  expect({ status: answer.status, body: answer.json }).toEqual({
    status: 200,
    body: {
      rejected: [
        {
          position: 0,
          indexNumber: inWudi.envelope.indexNumber,
          field: 'envelope.regionCode',
          reason: "371623 is outside the region 340522 of the identity's agency: an agency files records only in its own region or below it",
        },
      ],
      results: [],
      forbidden: [],
    },
  });
  expect(await stored()).toBe(before);

  const inHanshan = landTransferSubmission(HANSHAN_LAND.name);
  const accepted = await call('submissions', agencyToken(HANSHAN_LAND._id), {
    submissions: [{ submission: inHanshan, agencyName: HANSHAN_LAND.name, regionPath: ['340522', '340500', '340000'] }],
  });
  expect(accepted.json).toMatchObject({ rejected: [], results: [{ indexNumber: inHanshan.envelope.indexNumber, status: 'DRAFT', changed: true }] });
});
