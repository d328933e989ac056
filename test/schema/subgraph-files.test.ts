/**
 * Every subgraphs/<name>/schema.graphql is complete Federation 2 SDL as it is on disk: it parses and
 * builds as a subgraph schema with nothing added, it is exactly what the subgraph serves, and each
 * piece of schema/ inlined into it is identical to the piece.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLInputObjectType, parse } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { subgraphServices } from '../../scripts/lib/compose';
import { inliningFiles, PieceLibrary, REPO_ROOT, refreshSdl } from '../../scripts/lib/schema-pieces';
import { subgraphSdl } from '../../subgraphs/kit/schema';

const services = subgraphServices();
const onDisk = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

/** What schema/common.graphql defines, which every subgraph then has. */
const COMMON_TYPES = ['Date', 'DateTime', 'URL', 'SafeInt', 'YuanAmount', 'Currency', 'DisclosureMode', 'DisclosureStatus', 'Domain', 'DisclosureOrder', 'Money', 'PageInfo', 'EnvelopeFilter'];
/** What schema/envelope-filter.graphql gives EnvelopeFilter. */
const ENVELOPE_FILTER = ['agencyCodes', 'regionCodes', 'categories', 'disclosureModes', 'publishedFrom', 'publishedTo', 'writtenFrom', 'writtenTo', 'publishedLate', 'qualityFlags', 'text'];
const COMMON_BLOCK = /^# ---- begin schema\/common\.graphql .*\n[\s\S]*?^# ---- end schema\/common\.graphql\n/m;

describe("each subgraph's schema.graphql on disk", () => {
  it('is one file per subgraph, the one each serves, read as it is', () => {
    expect(services.map((service) => service.file)).toEqual([
      'subgraphs/catalogue/schema.graphql', 'subgraphs/documents/schema.graphql', 'subgraphs/education/schema.graphql', 'subgraphs/enforcement/schema.graphql', 'subgraphs/finance/schema.graphql',
      'subgraphs/housing/schema.graphql', 'subgraphs/land/schema.graphql', 'subgraphs/requests/schema.graphql', 'subgraphs/safety/schema.graphql',
    ]);
    for (const service of services) expect(subgraphSdl(path.dirname(path.join(REPO_ROOT, service.file)))).toBe(onDisk(service.file));
  });

  it.each(services.map((service) => [service.file]))('%s parses and builds as a subgraph schema exactly as it is', (file) => {
    const schema = buildSubgraphSchema(parse(onDisk(file)));
    expect(COMMON_TYPES.filter((type) => !schema.getType(type))).toEqual([]);
    expect(Object.keys((schema.getType('EnvelopeFilter') as GraphQLInputObjectType).getFields())).toEqual(ENVELOPE_FILTER);
  });

  it.each(services.map((service) => [service.file]))('%s does not build without its copy of schema/common.graphql', (file) => {
    const withoutCommon = onDisk(file).replace(COMMON_BLOCK, '');
    expect(withoutCommon).not.toBe(onDisk(file));
    expect(() => buildSubgraphSchema(parse(withoutCommon))).toThrow(new RegExp(`^Unknown type (${COMMON_TYPES.join('|')})$`));
  });

  it('holds schema/common.graphql once, at its end', () => {
    for (const service of services) {
      const text = onDisk(service.file);
      expect([service.file, text.match(/^# ---- begin schema\/common\.graphql /gm)?.length, text.endsWith('# ---- end schema/common.graphql\n')]).toEqual([service.file, 1, true]);
    }
  });
});

describe('the copies of schema/ pieces in the subgraph files (and in other pieces)', () => {
  const library = new PieceLibrary();
  const staleCopies = (file: string, text: string) =>
    refreshSdl(text, file, library).refreshed.map((block) => `${block.file}:${block.line} is not the same as ${block.piece} (run npm run compose)`);

  it('are each identical to their piece', () => {
    const files = inliningFiles(library);
    expect(files).toEqual([...library.names, ...services.map((service) => service.file)]);
    expect(files.flatMap((file) => staleCopies(file, onDisk(file)))).toEqual([]);
  });

  it('a copy one character off its piece is reported with its file, line and piece', () => {
    const file = 'subgraphs/land/schema.graphql';
    const lines = onDisk(file).split('\n');
    const begin = lines.findIndex((line) => line.includes('# ---- begin schema/page-arguments.graphql'));
    expect(lines[begin + 1]).toBe('    "Page size, 1 to 100 (default 20)."');
    lines[begin + 1] = '    "Page size, 1 to 100 (default 25)."';
    expect(staleCopies(file, lines.join('\n'))).toEqual([`${file}:${begin + 1} is not the same as schema/page-arguments.graphql (run npm run compose)`]);
  });
});
