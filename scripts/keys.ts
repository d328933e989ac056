/**
 * `npm run keys -- create --agency <code> [--label <text>]`: creates an API key for an agency and
 *   prints it once (only its hash is stored).
 * `npm run keys -- revoke <key id>`: revokes a key (the gateway stops honouring it within 5 s).
 * `npm run keys -- list [--agency <code>]`: lists keys (ids, agencies, labels, states; no secrets).
 *
 * Keys live in the gateway's database (GATEWAY_MONGODB_URI or MONGODB_URI, GATEWAY_DB), or on the
 * engine of the same data folder as `npm start`. `create` asks the catalogue subgraph at CATALOGUE_URL
 * (default http://127.0.0.1:4001/, where `npm start` serves it) whether the agency exists: the
 * agencies are the catalogue's data, read through its API, never from its database.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { keyStoreSettings } from '../gateway/config';
import { openApiKeys } from '../gateway/auth/open';
import { DEFAULT_PORTS, parseSettings } from '../platform/config';
import { closeMongoClients } from '../storage/mongo';
import { startEngine } from './lib/engine';
import { CommandError, runCommand, UsageError } from './lib/cli';

const USAGE = 'usage: npm run keys -- create --agency <code> [--label <text>] | revoke <key id> | list [--agency <code>]';
/** How long `create` waits for the catalogue subgraph's answer. */
const CATALOGUE_TIMEOUT_MS = 10_000;

const catalogueSettings = z.object({
  CATALOGUE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default(`http://127.0.0.1:${DEFAULT_PORTS.catalogue}/`),
});

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { agency: { type: 'string' }, label: { type: 'string', default: '' } },
    allowPositionals: true,
  });
  const [command, keyId] = positionals;
  if (command === 'create' && !values.agency) throw new UsageError(`create needs --agency <agency code: unified social credit code or organisation code>\n${USAGE}`);
  if (command === 'revoke' && !keyId) throw new UsageError(`revoke needs the key id (the part after gdk_)\n${USAGE}`);
  if (!['create', 'revoke', 'list'].includes(command ?? '')) throw new UsageError(USAGE);

  const engine = await startEngine({
    dataDir: process.env.ENGINE_DATA_DIR ?? path.resolve(__dirname, '../.data/engine'),
    log: () => undefined,
  });
  try {
    const { keyStore, catalogue } = parseSettings(
      { ...process.env, MONGODB_URI: engine.uri },
      { keyStore: keyStoreSettings, catalogue: catalogueSettings },
    );
    const { manager } = await openApiKeys(keyStore, catalogue.CATALOGUE_URL, CATALOGUE_TIMEOUT_MS);
    if (command === 'create') {
      const created = await manager.create(values.agency as string, values.label as string);
      if (!created.ok) throw new CommandError(created.message);
      process.stdout.write(`${created.key}\n`);
      process.stderr.write(`created key ${created.id} for ${values.agency}; it is shown only now: store it safely\n`);
    } else if (command === 'revoke') {
      const revoked = await manager.revoke(keyId);
      if (!revoked.ok) {
        process.stderr.write(`${revoked.message}\n`);
        process.exitCode = 1;
      } else process.stdout.write(`revoked ${keyId}\n`);
    } else {
      for (const k of await manager.list(values.agency)) {
        process.stdout.write(`${k._id}\t${k.agencyCode}\t${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'}\t${k.label}\n`);
      }
    }
  } finally {
    await closeMongoClients();
    await engine.stop();
  }
}

runCommand(main);
