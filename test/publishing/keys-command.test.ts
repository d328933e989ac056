/**
 * `npm run keys` as an administrator runs it: a real process against the run's engine. The key is
 * printed once, only its hash is stored, and a revoked key no longer authenticates.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import { openDatabases } from '../../scripts/lib/databases';
import { loadReferenceData } from '../../scripts/sample/load';
import { actorFor, apiKeysOf } from '../../subgraphs/kit/auth';
import type { SubgraphName } from '../../platform/config';
import { closeMongoClients } from '../../storage/mongo';
import { agencyNamed } from '../support/builders';
import { runScript } from '../support/process';

const prefix = `t_keys_${randomBytes(3).toString('hex')}`;
const agency = agencyNamed('岳阳县国土资源局');
let databases: Record<SubgraphName, Db>;

const keys = (...args: string[]) => runScript('scripts/keys.ts', args, { MONGODB_DB_PREFIX: prefix });

beforeAll(async () => {
  databases = await openDatabases({ ...process.env, MONGODB_DB_PREFIX: prefix });
  await loadReferenceData(databases.catalogue);
});

afterAll(async () => {
  await Promise.all(Object.values(databases).map((db) => db.dropDatabase()));
  await closeMongoClients();
});

it('creates a key printed once and stored as a hash, lists it, and revokes it', async () => {
  const created = await keys('create', '--agency', agency._id, '--label', '数据组');
  expect(created.code).toBe(0);
  const key = created.stdout.trim();
  const [, id, secret] = /^gdk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/.exec(key) ?? [];
  expect(id).toBeDefined();
  expect(created.stderr).toContain(`created key ${id} for ${agency._id}`);

  const stored = await apiKeysOf(databases.catalogue).findOne({ _id: id });
  expect(stored).toMatchObject({ agencyCode: agency._id, label: '数据组', revokedAt: null });
  expect(stored?.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
  expect(JSON.stringify(stored)).not.toContain(secret);
  expect(await actorFor(databases.catalogue, `Bearer ${key}`)).toMatchObject({ kind: 'agency', agencyCode: agency._id });

  const listed = await keys('list', '--agency', agency._id);
  expect(listed.stdout).toBe(`${id}\t${agency._id}\tactive\t数据组\n`);
  expect(listed.stdout).not.toContain(secret);

  expect((await keys('revoke', id)).stdout).toBe(`revoked ${id}\n`);
  expect(await actorFor(databases.catalogue, `Bearer ${key}`)).toEqual({ kind: 'rejected', reason: 'this API key was revoked' });
  expect((await keys('list')).stdout).toMatch(new RegExp(`^${id}\\t${agency._id}\\trevoked \\d{4}-\\d{2}-\\d{2}T`, 'm'));

  const again = await keys('revoke', id);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain(`no active key with id ${id}`);
});

it('refuses a key for an agency it does not know', async () => {
  const result = await keys('create', '--agency', '11430621000000000X');
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('unknown agency 11430621000000000X');
  expect(result.stdout).toBe('');
});

it.each([
  [[], 'usage: npm run keys -- create'],
  [['create'], 'create needs --agency'],
  [['revoke'], 'revoke needs the key id'],
  [['rotate'], 'usage: npm run keys -- create'],
])('refuses %j with exit code 2 and says why', async (args, message) => {
  const result = await keys(...args);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(message);
});
