/**
 * Idempotency keys on the mutations, through the gateway: a retry with the same key and request
 * gets the first outcome and changes nothing (also after the client gave up mid-request), another
 * request under the key is refused, a retry while the first is still running is told to wait, a bad
 * key is refused before anything runs, and keys belong to the caller's API key.
 */
import { CATALOGUE_ENTRIES } from '../../model/record-types';
import { statusOf, type ErrorCode } from '../../platform/error-codes';
import { IDEMPOTENCY_COLLECTION } from '../../publishing/idempotency-store';
import { agencyNamed, landTransferSubmission } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const SUBMIT = `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) {
  accepted { position indexNumber status changed } rejected { position indexNumber errors { field rule message } } } }`;
const REVIEW = 'mutation ($ids: [String!]!) { reviewDisclosures(indexNumbers: $ids) { indexNumber status } }';

let stack: TestStack;
let landKey: string;
let otherKey: string;
let serial = 0;
const nextKey = () => `test-key-${Date.now()}-${(serial += 1)}`;

beforeAll(async () => {
  stack = await startTestStack('idempotency');
  landKey = (await stack.createKey(agencyNamed('岳阳县国土资源局')._id, 'land data team')).key;
  otherKey = (await stack.createKey(agencyNamed('岳阳县国土资源局')._id, 'second system')).key;
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

function post(query: string, variables: Record<string, unknown>, headers: Record<string, string>, signal?: AbortSignal) {
  return fetch(stack.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal,
  });
}

type Answer = { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

/** The answer, with the HTTP status of a refusal (an answer without data) checked against its code's. */
async function send(query: string, variables: Record<string, unknown>, key: string, idempotencyKey?: string): Promise<Answer> {
  const response = await post(query, variables, { authorization: `Bearer ${key}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) });
  const answer = (await response.json()) as Answer;
  const code = answer.errors?.[0]?.extensions?.code as ErrorCode | undefined;
  expect({ code, status: response.status }).toEqual({ code, status: code && !answer.data ? statusOf(code) : 200 });
  return answer;
}

/** What the write changed: the owner's records and their revisions, the index, the change feed, the keys kept. */
async function counts() {
  const land = stack.databases.land;
  const catalogue = stack.databases.catalogue;
  return {
    owned: await land.collection('landTransfers').countDocuments(),
    revisions: (await land.collection('landTransfers').find({}, { projection: { revision: 1 } }).toArray()).map((d) => d.revision),
    entries: await catalogue.collection(CATALOGUE_ENTRIES).countDocuments(),
    changes: await catalogue.collection('changes').countDocuments(),
    idempotencyKeys: await catalogue.collection(IDEMPOTENCY_COLLECTION).countDocuments(),
  };
}

describe('a mutation with an Idempotency-Key', () => {
  it('answers a retry of the same request with the first outcome and changes nothing', async () => {
    const key = nextKey();
    const submissions = [landTransferSubmission(), landTransferSubmission()];
    const first = await send(SUBMIT, { s: submissions }, landKey, key);
    expect(first.errors).toBeUndefined();
    expect(first.data).toEqual({
      submitDisclosures: {
        accepted: submissions.map((s, position) => ({ position, indexNumber: s.envelope.indexNumber, status: 'DRAFT', changed: true })),
        rejected: [],
      },
    });
    const before = await counts();

    // The first outcome again (`changed: true`), not a second run (which would say `changed: false`).
    expect(await send(SUBMIT, { s: submissions }, landKey, `"${key}"`)).toEqual(first);
    expect(await counts()).toEqual(before);
    const withoutKey = await send(SUBMIT, { s: submissions }, landKey);
    expect((withoutKey.data?.submitDisclosures as { accepted: Array<{ changed: boolean }> }).accepted.map((a) => a.changed)).toEqual([false, false]);
  });

  it('keeps a refusal too: a retry of a refused transition gets the same refusal', async () => {
    const key = nextKey();
    const refused = await send(REVIEW, { ids: ['11430621059724804R-/2024-9999999'] }, landKey, key);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await send(REVIEW, { ids: ['11430621059724804R-/2024-9999999'] }, landKey, key)).toEqual(refused);
  });

  it('refuses another request under the same key with IDEMPOTENCY_KEY_REUSED, changing nothing', async () => {
    const key = nextKey();
    await send(SUBMIT, { s: [landTransferSubmission()] }, landKey, key);
    const before = await counts();
    const other = await send(SUBMIT, { s: [landTransferSubmission()] }, landKey, key);
    expect(other.errors).toEqual([
      expect.objectContaining({
        message: 'This Idempotency-Key was used for another request; send a new key for a new request.',
        extensions: expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' }),
      }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('keeps keys per API key: another key of the same agency may use the same Idempotency-Key', async () => {
    const key = nextKey();
    const submission = landTransferSubmission();
    await send(SUBMIT, { s: [submission] }, landKey, key);
    const second = await send(SUBMIT, { s: [submission] }, otherKey, key);
    expect(second.errors).toBeUndefined();
    expect(second.data).toEqual({
      submitDisclosures: { accepted: [{ position: 0, indexNumber: submission.envelope.indexNumber, status: 'DRAFT', changed: false }], rejected: [] },
    });
  });

  it('refuses a malformed key with BAD_REQUEST naming the header, before anything runs', async () => {
    const before = await counts();
    for (const bad of ['', 'has space', 'x'.repeat(256), 'a,b']) {
      const answer = await send(SUBMIT, { s: [landTransferSubmission()] }, landKey, bad || '""');
      expect(answer.errors?.[0]).toMatchObject({
        message:
          'Invalid value for the "Idempotency-Key" header: must be 1 to 255 letters, digits or -_.:~ (e.g. a UUID), bare or in double quotes.',
        extensions: expect.objectContaining({ code: 'BAD_REQUEST' }),
      });
    }
    expect(await counts()).toEqual(before);
  });

  it('after the client gave up mid-request: a retry waits for the first (IDEMPOTENCY_KEY_IN_USE), then gets its outcome; nothing is stored twice', async () => {
    const key = nextKey();
    // Large enough to be still running when the client gives up.
    const submissions = Array.from({ length: 150 }, () => landTransferSubmission());
    const before = await counts();
    const abort = new AbortController();
    const abandoned = post(SUBMIT, { s: submissions }, { authorization: `Bearer ${landKey}`, 'idempotency-key': key }, abort.signal);
    await new Promise((resolve) => setTimeout(resolve, 150));
    abort.abort();
    await expect(abandoned).rejects.toThrow();

    const answers: Answer[] = [];
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const answer = await send(SUBMIT, { s: submissions }, landKey, key);
      answers.push(answer);
      if (answer.errors?.[0]?.extensions?.code !== 'IDEMPOTENCY_KEY_IN_USE') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(answers[0].errors?.[0]).toMatchObject({
      message: 'The first request with this Idempotency-Key is still being processed; retry it in a moment with the same key.',
      extensions: expect.objectContaining({ code: 'IDEMPOTENCY_KEY_IN_USE' }),
    });
    const last = answers[answers.length - 1];
    expect(last.errors).toBeUndefined();
    expect(last.data).toEqual({
      submitDisclosures: {
        accepted: submissions.map((s, position) => ({ position, indexNumber: s.envelope.indexNumber, status: 'DRAFT', changed: true })),
        rejected: [],
      },
    });
    const after = await counts();
    expect(after.owned).toBe(before.owned + 150);
    expect(after.entries).toBe(before.entries + 150);
    expect(await send(SUBMIT, { s: submissions }, landKey, key)).toEqual(last);
    expect(await counts()).toEqual(after);
  }, 60_000);
});
