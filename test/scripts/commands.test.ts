/**
 * `npm start` and `npm run generate` as a user runs them: real processes against the run's engine,
 * stopped with Ctrl-C (SIGINT), checked over HTTP and in the database.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { DEFAULT_PORTS } from '../../platform/config';
import { RECORD_TYPE_NAMES } from '../../model/record-types';
import { finished, startScript } from '../support/process';

function freshPrefix(label: string): string {
  return `t_${label}_${randomBytes(3).toString('hex')}`;
}

async function countEntries(prefix: string): Promise<number> {
  const client = await MongoClient.connect(process.env.MONGODB_URI as string);
  try {
    return await client.db(`${prefix}_catalogue`).collection('entries').countDocuments();
  } finally {
    await client.db(`${prefix}_catalogue`).dropDatabase().catch(() => undefined);
    await client.close();
  }
}

describe('npm run generate', () => {
  it('writes N records spread over every type, and the same seed again changes nothing', async () => {
    const prefix = freshPrefix('generate');
    const env = { MONGODB_DB_PREFIX: prefix };
    const first = await finished(startScript('scripts/generate.ts', ['--count', '42', '--seed', '3'], env));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^wrote 42 records in [\d.]+ s/m);
    expect(first.stderr).toContain('generating: 42/42 (100%)');
    const again = await finished(startScript('scripts/generate.ts', ['--count', '42', '--seed', '3'], env));
    expect(again.code).toBe(0);
    const client = await MongoClient.connect(process.env.MONGODB_URI as string);
    const types = await client.db(`${prefix}_catalogue`).collection('entries').distinct('type');
    await client.close();
    expect(types.sort()).toEqual([...RECORD_TYPE_NAMES].sort());
    expect(await countEntries(prefix)).toBe(42);
  });

  it.each([
    [['--count', '0'], '--count must be a whole number from 1 to 1,000,000; got 0'],
    [['--count', '1000001'], '--count must be a whole number from 1 to 1,000,000; got 1000001'],
    [[], '--count must be a whole number from 1 to 1,000,000; got nothing'],
    [['--count', '5', '--seed', 'x'], '--seed must be a whole number from 1 to 89; got x'],
  ])('refuses %j with exit code 2 and says why', async (args, message) => {
    const result = await finished(startScript('scripts/generate.ts', args, { MONGODB_DB_PREFIX: freshPrefix('badargs') }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('usage: npm run generate -- --count N');
  });
});

describe('npm start', () => {
  it('serves the explorer and a catalogue loaded with the sample, and stops everything on Ctrl-C', async () => {
    const prefix = freshPrefix('start');
    const ports = Object.fromEntries(Object.keys(DEFAULT_PORTS).map((name) => [`${name.toUpperCase()}_PORT`, '0']));
    const child = startScript('scripts/start.ts', [], { MONGODB_DB_PREFIX: prefix, ...ports });
    const exited = finished(child);
    let stdout = '';
    const explorer = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const url = /Explorer:\s+(\S+)/.exec(stdout)?.[1];
        if (url && stdout.includes('Press Ctrl-C to stop')) resolve(url);
      });
      child.once('exit', (code) => reject(new Error(`npm start exited early with ${code}`)));
    });
    try {
      const page = await fetch(explorer);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('graphiql');
      const response = await fetch(`${explorer}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ catalogue { totalCount facets { type { value count } } } }' }),
      });
      const body = (await response.json()) as { data: { catalogue: { totalCount: number; facets: { type: Array<{ value: string; count: number }> } } } };
      expect(body.data.catalogue.totalCount).toBe(60 * RECORD_TYPE_NAMES.length);
      expect(body.data.catalogue.facets.type.map((t) => t.count)).toEqual(RECORD_TYPE_NAMES.map(() => 60));
    } finally {
      child.kill('SIGINT');
    }
    const result = await exited;
    expect(result.code).toBe(0);
    await expect(fetch(explorer)).rejects.toThrow();
    await countEntries(prefix);
  }, 120_000);
});
