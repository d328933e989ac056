/**
 * `npm run keys -- create --agency <code> [--label <text>]`: creates an API key for an agency and
 *   prints it once (only its hash is stored).
 * `npm run keys -- revoke <key id>`: revokes a key at once.
 * `npm run keys -- list [--agency <code>]`: lists keys (ids, agencies, labels, states; no secrets).
 * Uses MONGODB_URI, or the engine on the same data folder as `npm start`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { apiKeysOf, createApiKey, revokeApiKey, UnknownAgencyError } from '../subgraphs/kit/auth';
import { closeMongoClients } from '../storage/mongo';
import { openDatabases } from './lib/databases';
import { startEngine } from './lib/engine';
import { CommandError, runCommand, UsageError } from './lib/cli';

const USAGE = 'usage: npm run keys -- create --agency <code> [--label <text>] | revoke <key id> | list [--agency <code>]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { agency: { type: 'string' }, label: { type: 'string', default: '' } },
    allowPositionals: true,
  });
  const [command, keyId] = positionals;
  if (command === 'create' && !values.agency) throw new UsageError(`create needs --agency <unified social credit code>\n${USAGE}`);
  if (command === 'revoke' && !keyId) throw new UsageError(`revoke needs the key id (the part after gdk_)\n${USAGE}`);
  if (!['create', 'revoke', 'list'].includes(command ?? '')) throw new UsageError(USAGE);

  const engine = await startEngine({
    dataDir: process.env.ENGINE_DATA_DIR ?? path.resolve(__dirname, '../.data/engine'),
    log: () => undefined,
  });
  try {
    const { catalogue } = await openDatabases({ ...process.env, MONGODB_URI: engine.uri });
    if (command === 'create') {
      const { id, key } = await createApiKey(catalogue, values.agency as string, values.label as string).catch((error: unknown) => {
        throw error instanceof UnknownAgencyError ? new CommandError(error.message) : error;
      });
      process.stdout.write(`${key}\n`);
      process.stderr.write(`created key ${id} for ${values.agency}; it is shown only now: store it safely\n`);
    } else if (command === 'revoke') {
      if (!(await revokeApiKey(catalogue, keyId))) {
        process.stderr.write(`no active key with id ${keyId}\n`);
        process.exitCode = 1;
      } else process.stdout.write(`revoked ${keyId}\n`);
    } else {
      const keys = await apiKeysOf(catalogue).find(values.agency ? { agencyCode: values.agency } : {}).sort({ createdAt: 1 }).toArray();
      for (const k of keys) {
        process.stdout.write(`${k._id}\t${k.agencyCode}\t${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'}\t${k.label}\n`);
      }
    }
  } finally {
    await closeMongoClients();
    await engine.stop();
  }
}

runCommand(main);
