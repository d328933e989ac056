/**
 * Text search over bodies through the gateway: the catalogue's `text` filter finds exact substrings
 * of summaries and bodies as well as of titles and terms, every hit and only hits (the expected
 * answers are a plain `includes` over the corpus here, totals included), and each hit carries
 * snippets quoted from the original text.
 */
import type { DisclosureInput } from '../../model/input';
import { RECORD_TYPE_NAMES } from '../../model/record-types';
import { AGENCIES } from '../../model/reference-data';
import { normalizeText } from '../../storage/text-search';
import { Random } from '../../scripts/sample/random';
import { disclosure, envelope, sampleRecords } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const LONG_BODY_PHRASE = '被征收房屋的补偿标准按照评估结果执行';
const filler = '根据有关规定，现将具体情况公告如下。各单位要认真组织实施，确保工作落到实处。';
const longBody = `${filler.repeat(2_000)}${LONG_BODY_PHRASE}${filler.repeat(2_000)}`;

const transferFields = sampleRecords('LandTransfer', 1)[0].fields;
const crafted: DisclosureInput[] = [
  disclosure('LandTransfer', envelope('岳阳县国土资源局', { title: '征收补偿公告', bodyText: longBody, summary: '房屋征收补偿。' }), transferFields),
  // Full-width forms, case and white space, folded alike in the text and in the query.
  disclosure('LandTransfer', envelope('岳阳县国土资源局', { title: '出让公示', bodyText: '地块 ＡＢＣ－１２３ 位于 荣家湾镇\n东侧，Road Ｎｏ.５。' }), transferFields),
  disclosure('LandTransfer', envelope('岳阳县国土资源局', { title: '出让结果', summary: '含 😀 表情与 Café 字样的摘要' }), transferFields),
];
// The sample's serials are drawn per type, so two types may draw the same index number: one is kept.
const samples = new Map(RECORD_TYPE_NAMES.flatMap((type) => sampleRecords(type, 6, 11)).map((record) => [record.envelope.indexNumber, record]));
const corpus: DisclosureInput[] = [...samples.values(), ...crafted];

const agencyNames = new Map(AGENCIES.map((a) => [a._id, a.name]));
const searchable = (record: DisclosureInput) =>
  [
    record.envelope.title,
    ...record.envelope.subjectTerms,
    record.envelope.documentNumber,
    agencyNames.get(record.envelope.agencyCode),
    record.envelope.summary,
    record.envelope.bodyText,
  ].filter((field): field is string => Boolean(field));

function newestFirst(records: DisclosureInput[]): string[] {
  return [...records]
    .sort((a, b) => b.envelope.publishedAt.getTime() - a.envelope.publishedAt.getTime() || (a.envelope.indexNumber < b.envelope.indexNumber ? 1 : -1))
    .map((r) => r.envelope.indexNumber);
}

/** Queries: substrings of every length from bodies, summaries and titles at random places, and texts that occur nowhere. */
function querySet(): string[] {
  const rng = new Random(7);
  const texts = corpus.flatMap((record) => [record.envelope.bodyText, record.envelope.summary, record.envelope.title]).filter((t): t is string => Boolean(t));
  const queries = new Set<string>(['征地', '公示', '补偿', 'abc-123', 'ＡＢＣ－１２３', '荣家湾镇东侧', 'road no.5', 'café', '😀表情', '出让结', LONG_BODY_PHRASE, '不存在的短语', '岳阳县财政']);
  while (queries.size < 60) {
    const text = rng.pick(texts);
    const chars = [...text];
    const length = rng.int(1, 12);
    const start = rng.int(0, Math.max(0, chars.length - length));
    const query = chars.slice(start, start + length).join('');
    if (normalizeText(query)) queries.add(query);
  }
  return [...queries];
}

interface Edge {
  node: { id: string };
  snippets: Array<{ field: string; text: string; matchStart: number; matchLength: number }>;
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Edge[];
}

let stack: TestStack;

async function search(text: string): Promise<{ totalCount: number; edges: Edge[] }> {
  const edges: Edge[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let pages = 0; pages < 20; pages++) {
    const answer: { data?: { catalogue: Page } | null; errors?: unknown } = await stack.query<{ catalogue: Page }>(
      `query ($text: String, $after: String) { catalogue(filter: { text: $text }, first: 100, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id } snippets { field text matchStart matchLength } } } }`,
      { text, after },
    );
    expect(answer.errors).toBeUndefined();
    const page: Page = answer.data!.catalogue;
    totalCount = page.totalCount;
    edges.push(...page.edges);
    if (!page.pageInfo.hasNextPage) return { totalCount, edges };
    after = page.pageInfo.endCursor;
  }
  throw new Error('more than 20 pages');
}

beforeAll(async () => {
  stack = await startTestStack('bodysearch');
  expect(await stack.writer.write(corpus)).toEqual({ written: corpus.length, rejected: [] });
});
afterAll(async () => {
  await stack?.close();
});

it('finds a phrase from the middle of a long body, with its snippet quoted from the original', async () => {
  const found = await search(LONG_BODY_PHRASE);
  expect(found.totalCount).toBe(1);
  expect(found.edges).toEqual([
    {
      node: { id: crafted[0].envelope.indexNumber },
      snippets: [{ field: 'BODY', text: `${filler.repeat(2).slice(-40)}${LONG_BODY_PHRASE}${filler.repeat(2).slice(0, 40)}`, matchStart: 40, matchLength: LONG_BODY_PHRASE.length }],
    },
  ]);
});

it('maps folded matches back to the original text (full width, white space, surrogate pairs)', async () => {
  expect((await search('abc-123位于荣家湾镇')).edges[0].snippets).toEqual([
    { field: 'BODY', text: '地块 ＡＢＣ－１２３ 位于 荣家湾镇\n东侧，Road Ｎｏ.５。', matchStart: 3, matchLength: 15 },
  ]);
  expect((await search('😀 表情')).edges[0].snippets).toEqual([{ field: 'SUMMARY', text: '含 😀 表情与 Café 字样的摘要', matchStart: 2, matchLength: 5 }]);
});

it('answers every query with exactly the records whose fields contain it, totals included (100% recall)', async () => {
  const queries = querySet();
  let hits = 0;
  for (const query of queries) {
    const needle = normalizeText(query);
    const expected = corpus.filter((record) => searchable(record).some((field) => normalizeText(field).includes(needle)));
    const found = await search(query);
    expect({ query, total: found.totalCount, ids: found.edges.map((e) => e.node.id) }).toEqual({ query, total: expected.length, ids: newestFirst(expected) });
    for (const edge of found.edges) {
      expect(edge.snippets.length).toBeGreaterThan(0);
      const record = corpus.find((r) => r.envelope.indexNumber === edge.node.id)!;
      for (const snippet of edge.snippets) {
        expect(searchable(record).some((field) => field.includes(snippet.text))).toBe(true);
        expect(normalizeText(snippet.text.slice(snippet.matchStart, snippet.matchStart + snippet.matchLength))).toBe(needle);
      }
    }
    hits += expected.length;
  }
  // The set is not trivial: most queries find something, some find nothing.
  expect(hits).toBeGreaterThan(queries.length);
  expect(queries.filter((q) => !corpus.some((r) => searchable(r).some((f) => normalizeText(f).includes(normalizeText(q))))).length).toBeGreaterThan(0);
});

it('answers no snippets without a text filter', async () => {
  const answer = await stack.query<{ catalogue: { edges: Edge[] } }>('{ catalogue(first: 3) { edges { snippets { field } } } }');
  expect(answer.data?.catalogue.edges).toEqual([{ snippets: [] }, { snippets: [] }, { snippets: [] }]);
});
