/**
 * The layers stay apart: no import cycles anywhere, and production code (platform, model, storage,
 * publishing, subgraphs, gateway) never imports from scripts/ or test/.
 */
import path from 'node:path';
import madge from 'madge';

const root = path.resolve(__dirname, '../..');
const PRODUCTION = ['platform', 'model', 'storage', 'publishing', 'subgraphs', 'gateway'];

async function importGraph(folders: string[]) {
  return madge(
    folders.map((folder) => path.join(root, folder)),
    { baseDir: root, fileExtensions: ['ts'], tsConfig: path.join(root, 'tsconfig.json'), detectiveOptions: { ts: { skipTypeImports: false } } },
  );
}

describe('the layout', () => {
  it('has no import cycles', async () => {
    const graph = await importGraph([...PRODUCTION, 'scripts']);
    expect(graph.circular()).toEqual([]);
  });

  it('keeps production code from importing scripts or tests', async () => {
    const graph = (await importGraph(PRODUCTION)).obj();
    const offending = Object.entries(graph).flatMap(([file, imports]) =>
      imports.filter((target) => /^(scripts|test)\//.test(target)).map((target) => `${file} -> ${target}`),
    );
    expect(Object.keys(graph).length).toBeGreaterThan(50);
    expect(offending).toEqual([]);
  });
});
