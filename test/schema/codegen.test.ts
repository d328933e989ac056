/**
 * The generated types (`subgraphs/<name>/generated/`) are what `npm run codegen` writes from the
 * subgraph files as they are now: generated again in memory from codegen.ts and compared, file by
 * file, with what is committed (in a process of its own: test/support/generate-types.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/schema-pieces';
import { runScript } from '../support/process';

describe('the generated types', () => {
  let generated: Array<{ filename: string; content: string }>;

  beforeAll(async () => {
    const run = await runScript('test/support/generate-types.ts');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    generated = JSON.parse(run.stdout);
  }, 120_000);

  it('are one types.ts and one resolvers.ts for each domain subgraph and the requests subgraph', () => {
    const names = generated.map((file) => file.filename).sort();
    expect(names).toEqual(['documents', 'education', 'enforcement', 'finance', 'housing', 'land', 'requests', 'safety'].flatMap((s) => [`subgraphs/${s}/generated/resolvers.ts`, `subgraphs/${s}/generated/types.ts`]));
    for (const subgraph of ['catalogue', 'documents', 'education', 'enforcement', 'finance', 'housing', 'land', 'requests', 'safety']) {
      const folder = path.join(REPO_ROOT, 'subgraphs', subgraph, 'generated');
      const onDisk = readdirSync(path.join(REPO_ROOT, 'subgraphs', subgraph)).includes('generated') ? readdirSync(folder).map((f) => `subgraphs/${subgraph}/generated/${f}`) : [];
      expect(onDisk.sort()).toEqual(names.filter((name) => name.startsWith(`subgraphs/${subgraph}/`)));
    }
  });

  it('are committed as generated: run npm run codegen when one is stale', () => {
    const stale = generated.filter((file) => readFileSync(path.join(REPO_ROOT, file.filename), 'utf8') !== file.content).map((file) => file.filename);
    expect(stale).toEqual([]);
  });
});
