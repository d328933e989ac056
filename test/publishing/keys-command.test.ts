/**
 * `npm run keys` as an administrator runs it: a real process beside a running stack. Keys live in
 * the gateway's database (never the catalogue's), the key is printed once and stored only as a hash,
 * the agency is checked with the catalogue subgraph over GraphQL, and a revoked key stops working at
 * the gateway within the gateway's cache time.
 */
import { createHash } from 'node:crypto';
import { KEY_CACHE_MS } from '../../gateway/auth/identity-issuer';
import { API_KEYS } from '../../gateway/auth/api-key-store';
import { agencyNamed, landTransferSubmission } from '../support/builders';
import { runScript } from '../support/process';
import { startTestStack, type TestStack } from '../support/stack';

const agency = agencyNamed('岳阳县国土资源局');
let stack: TestStack;

const keys = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runScript('scripts/keys.ts', args, {
    MONGODB_DB_PREFIX: stack.env.MONGODB_DB_PREFIX,
    CATALOGUE_URL: stack.subgraphUrls.catalogue,
    ...env,
  });

const SUBMIT = 'mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) { accepted { indexNumber status } } }';

async function submitWith(key: string) {
  return stack.query<{ submitDisclosures: { accepted: Array<{ indexNumber: string; status: string }> } }>(
    SUBMIT,
    { s: [landTransferSubmission(agency.name)] },
    { authorization: `Bearer ${key}` },
  );
}

beforeAll(async () => {
  stack = await startTestStack('keys');
});
afterAll(async () => {
  await stack?.close();
});

it('creates a key in the gateway’s database, printed once and stored as a hash, that works at the gateway; lists and revokes it', async () => {
  const created = await keys(['create', '--agency', agency._id, '--label', '数据组']);
  expect(created.code).toBe(0);
  const key = created.stdout.trim();
  const [, id, secret] = /^gdk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/.exec(key) ?? [];
  expect(id).toBeDefined();
  expect(created.stderr).toContain(`created key ${id} for ${agency._id}`);

  const stored = await stack.gatewayDatabase.collection(API_KEYS).findOne({ _id: id as never });
  expect(stored).toMatchObject({ agencyCode: agency._id, label: '数据组', revokedAt: null });
  expect(stored?.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
  expect(JSON.stringify(stored)).not.toContain(secret);
  expect(await stack.databases.catalogue.collection(API_KEYS).countDocuments()).toBe(0);

  const accepted = await submitWith(key);
  expect(accepted.errors).toBeUndefined();
  expect(accepted.data?.submitDisclosures.accepted).toEqual([{ indexNumber: expect.stringContaining(agency._id), status: 'DRAFT' }]);

  const listed = await keys(['list', '--agency', agency._id]);
  expect(listed.stdout).toBe(`${id}\t${agency._id}\tactive\t数据组\n`);
  expect(listed.stdout).not.toContain(secret);

  expect((await keys(['revoke', id])).stdout).toBe(`revoked ${id}\n`);
  const revokedAt = Date.now();
  // The gateway remembers a key's answer for KEY_CACHE_MS: the revocation counts within that time.
  let refused: Awaited<ReturnType<typeof submitWith>> | undefined;
  while (!refused && Date.now() - revokedAt < KEY_CACHE_MS + 3_000) {
    const answer = await submitWith(key);
    if (answer.errors) refused = answer;
    else await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(Date.now() - revokedAt).toBeLessThan(KEY_CACHE_MS + 3_000);
  expect(refused?.errors?.[0]).toMatchObject({
    message: "Publishing needs an agency's API key: this API key was revoked",
    extensions: { code: 'UNAUTHENTICATED' },
  });
  expect((await keys(['list'])).stdout).toMatch(new RegExp(`^${id}\\t${agency._id}\\trevoked \\d{4}-\\d{2}-\\d{2}T`, 'm'));

  const again = await keys(['revoke', id]);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain(`no active key with id ${id}`);
});

it('refuses a key for an agency the catalogue does not know, storing nothing', async () => {
  const before = await stack.gatewayDatabase.collection(API_KEYS).countDocuments();
  const result = await keys(['create', '--agency', '11430621000000000X']);
  expect(result.code).toBe(1);
  expect(result.stderr).toBe('unknown agency 11430621000000000X: the catalogue has no agency with this code\n');
  expect(result.stdout).toBe('');
  expect(await stack.gatewayDatabase.collection(API_KEYS).countDocuments()).toBe(before);
});

it('refuses to create a key when the catalogue subgraph does not answer, but lists without it', async () => {
  const before = await stack.gatewayDatabase.collection(API_KEYS).countDocuments();
  await stack.stopSubgraph('catalogue');
  try {
    const result = await keys(['create', '--agency', agency._id]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `cannot check the agency: the catalogue subgraph at ${stack.subgraphUrls.catalogue} could not be asked about agency ${agency._id} (connection refused)\n`,
    );
    expect(result.stdout).toBe('');
    expect(await stack.gatewayDatabase.collection(API_KEYS).countDocuments()).toBe(before);
    const listed = await keys(['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n')).toHaveLength(before);
  } finally {
    await stack.restartSubgraph('catalogue');
  }
});

it.each([
  [[], 'usage: npm run keys -- create'],
  [['create'], 'create needs --agency'],
  [['revoke'], 'revoke needs the key id'],
  [['rotate'], 'usage: npm run keys -- create'],
])('refuses %j with exit code 2 and says why', async (args, message) => {
  const result = await keys(args);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(message);
});
