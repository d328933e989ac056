/**
 * The cross-domain catalogue through the gateway: filters, facets, ordering, keyset pagination,
 * exact Chinese text search, lateness, entity joins across subgraphs, and bad input.
 * Expected results come from a plain JavaScript oracle over the seed records.
 */
import type { RecordTypeName } from '../../model/record-types';
import { RECORD_TYPES } from '../../model/record-types';
import type { DisclosureInput } from '../../model/input';
import { normalizeText } from '../../storage/text-search';
import { shanghaiDate } from '../../model/time';
import { workingDaysAfter } from '../../model/workdays';
import type { LandTransferFields } from '../../model/records/land/land-transfer';
import { AGENCIES, REGIONS } from '../../model/reference-data';
import { agencyNamed, disclosure, envelope } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const transferFields: LandTransferFields = {
  parcelNumber: '532300-2014-007',
  location: '楚雄市开发区',
  areaSquareMetres: 8_000,
  use: 'COMMERCIAL',
  termYears: 40,
  method: 'AUCTION',
  floorAreaRatio: 3,
  startingPriceFen: 5_000_000_00,
  finalPriceFen: 6_543_210_99,
  winningParty: '云南城投置业股份有限公司',
  transferredOn: '2014-07-01',
};

interface SeedSpec {
  type: RecordTypeName;
  agency: string;
  title: string;
  publishedAt: string;
  category: string;
  mode?: 'FULL' | 'PARTIAL' | 'REDACTED';
  terms?: string[];
  documentNumber?: string;
  writtenOn?: string;
}

const SPECS: SeedSpec[] = [
  { type: 'LandTransfer', agency: '楚雄州国土资源局', title: '楚雄州商服用地拍卖出让结果公示', publishedAt: '2014-07-10T02:00:00Z', category: '土地出让', terms: ['土地出让'], writtenOn: '2014-07-01' },
  { type: 'LandTransfer', agency: '楚雄市国土资源局', title: '楚雄市工业用地挂牌出让结果公示', publishedAt: '2014-03-02T02:00:00Z', category: '土地出让' },
  { type: 'LandExpropriation', agency: '岳阳县国土资源局', title: '岳阳县征地拆迁补偿方案公告', publishedAt: '2016-05-01T02:00:00Z', category: '征地拆迁', terms: ['征地', '补偿'], documentNumber: '岳政发〔2016〕12号' },
  { type: 'LandExpropriation', agency: '随县国土资源局', title: '随县集体土地征收补偿标准', publishedAt: '2016-05-01T02:00:00Z', category: '征地拆迁', terms: ['征收', '土地'] },
  // Shares its instant with the record above, so order falls to the index number.
  { type: 'HouseExpropriation', agency: '含山县住房和城乡建设局', title: '含山县棚户区改造房屋征收决定', publishedAt: '2016-05-01T02:00:00Z', category: '房屋征收', mode: 'PARTIAL' },
  { type: 'BudgetReport', agency: '含山县财政局', title: '含山县2017年部门预算公开', publishedAt: '2017-02-10T01:00:00Z', category: '财政预决算', documentNumber: '含政办〔2017〕38号', writtenOn: '2016-12-20' },
  { type: 'PublicExpenseReport', agency: '无棣县财政局', title: '无棣县2016年“三公”经费决算', publishedAt: '2017-08-01T03:00:00Z', category: '三公经费', writtenOn: '2017-07-25' },
  { type: 'ProcurementAward', agency: '随县财政局', title: '随县第一中学教学设备采购中标公告', publishedAt: '2018-01-13T16:30:00Z', category: '政府采购', mode: 'REDACTED' },
  { type: 'AffordableHousingProject', agency: '旬阳县住房和城乡建设局', title: '旬阳县2015年公租房建设项目', publishedAt: '2015-06-01T02:00:00Z', category: '保障性住房' },
  { type: 'HousingAllocation', agency: '白河县住房和城乡建设局', title: '白河县公租房分配结果公示', publishedAt: '2015-09-01T02:00:00Z', category: '保障性住房' },
  { type: 'School', agency: '岳阳县教育局', title: '岳阳县第一中学基本情况', publishedAt: '2013-09-01T02:00:00Z', category: '学校信息' },
  { type: 'SchoolFee', agency: '含山县教育局', title: '含山县公办幼儿园保育教育费收费标准', publishedAt: '2017-09-01T02:00:00Z', category: '教育收费', writtenOn: '2017-08-01' },
  { type: 'EnrolmentPlan', agency: '楚雄州教育局', title: '楚雄州2018年普通高中招生计划', publishedAt: '2018-05-20T02:00:00Z', category: '招生信息' },
  { type: 'SafetyAccident', agency: '无棣县安全生产监督管理局', title: '无棣县“5·12”较大化工爆炸事故调查报告', publishedAt: '2019-11-01T02:00:00Z', category: '安全生产事故', terms: ['事故', '调查报告'] },
  { type: 'AdministrativePenalty', agency: '随县安全生产监督管理局', title: '随县安监局行政处罚决定书', publishedAt: '2019-04-01T02:00:00Z', category: '行政处罚' },
  { type: 'FoodDrugSampling', agency: '岳阳县食品药品监督管理局', title: '岳阳县2018年第二期食品安全监督抽检结果公告', publishedAt: '2018-07-01T02:00:00Z', category: '食品药品抽检' },
];

/** Twelve more land transfers across the regions, for paging. */
const FILLERS: SeedSpec[] = Array.from({ length: 12 }, (_, i) => ({
  type: 'LandTransfer' as const,
  agency: ['岳阳县国土资源局', '含山县国土资源局', '旬阳县国土资源局'][i % 3],
  title: `国有建设用地使用权出让公告第${i + 1}号`,
  publishedAt: new Date(Date.UTC(2015, i % 6, 1 + i, 2)).toISOString(),
  category: '土地出让',
}));

function build(spec: SeedSpec): DisclosureInput {
  return disclosure(
    spec.type,
    envelope(spec.agency, {
      title: spec.title,
      publishedAt: new Date(spec.publishedAt),
      category: spec.category,
      disclosureMode: spec.mode ?? 'FULL',
      subjectTerms: spec.terms ?? [],
      documentNumber: spec.documentNumber ?? null,
      writtenOn: spec.writtenOn ?? null,
    }),
    spec.type === 'LandTransfer' ? transferFields : {},
  );
}

const seed = [...SPECS, ...FILLERS].map(build);
// The land expropriation's interpretation 政策解读 is the house expropriation's record.
seed[2].envelope.interpretationIndexNumber = seed[4].envelope.indexNumber;

// ---- the oracle -----------------------------------------------------------------------------------

const agencyByCode = new Map(AGENCIES.map((a) => [a._id, a]));
const regionParents = new Map(REGIONS.map((r) => [r._id, r.parentCode]));

function regionPath(code: string): string[] {
  const path: string[] = [];
  for (let at: string | null | undefined = code; at; at = regionParents.get(at)) path.push(at);
  return path;
}

function newestFirst(a: DisclosureInput, b: DisclosureInput): number {
  return (
    b.envelope.publishedAt.getTime() - a.envelope.publishedAt.getTime() ||
    (a.envelope.indexNumber < b.envelope.indexNumber ? 1 : -1)
  );
}

function ids(records: DisclosureInput[]): string[] {
  return [...records].sort(newestFirst).map((r) => r.envelope.indexNumber);
}

function mentions(record: DisclosureInput, text: string): boolean {
  const needle = normalizeText(text);
  const agencyName = agencyByCode.get(record.envelope.agencyCode)?.name;
  return [record.envelope.title, ...record.envelope.subjectTerms, record.envelope.documentNumber, agencyName]
    .filter((f): f is string => Boolean(f))
    .some((field) => normalizeText(field).includes(needle));
}

function late(record: DisclosureInput): boolean | null {
  const { writtenOn, publishedAt } = record.envelope;
  return writtenOn ? workingDaysAfter(writtenOn, shanghaiDate(publishedAt)) > 20 : null;
}

// ---- the stack ------------------------------------------------------------------------------------

let stack: TestStack;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: { id: string; __typename: string } }>;
}

async function page(variables: Record<string, unknown>): Promise<Page> {
  const response = await stack.query<{ catalogue: Page }>(
    `query ($filter: CatalogueFilter, $first: Int, $after: String, $orderBy: DisclosureOrder) {
      catalogue(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id __typename } } } }`,
    variables,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.catalogue;
}

async function allPages(variables: Record<string, unknown>, size: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const result = await page({ ...variables, first: size, after });
    seen.push(...result.edges.map((e) => e.node.id));
    if (!result.pageInfo.hasNextPage) return seen;
    after = result.pageInfo.endCursor;
  }
  throw new Error('more than 50 pages');
}

beforeAll(async () => {
  stack = await startTestStack('catalogue');
  expect(await stack.writer.write(seed)).toEqual({ written: seed.length, rejected: [] });
});
afterAll(async () => {
  await stack?.close();
});

describe('ordering and pagination', () => {
  it('lists newest published first by default, 20 to a page, with the total', async () => {
    const first = await page({});
    expect(first.totalCount).toBe(seed.length);
    expect(first.edges.map((e) => e.node.id)).toEqual(ids(seed).slice(0, 20));
    expect(first.pageInfo.hasNextPage).toBe(true);
  });

  it('returns every record exactly once across pages, ties broken by index number', async () => {
    expect(await allPages({}, 7)).toEqual(ids(seed));
  });

  it('lists oldest first on request', async () => {
    expect(await allPages({ orderBy: 'OLDEST_FIRST' }, 9)).toEqual(ids(seed).reverse());
  });

  it('names each node with its concrete type', async () => {
    const result = await page({ first: 100 });
    const typeOf = new Map(seed.map((r) => [r.envelope.indexNumber, r.type]));
    for (const edge of result.edges) expect(edge.node.__typename).toBe(typeOf.get(edge.node.id));
  });

  it('misses and repeats nothing while new records are inserted between pages', async () => {
    const filter = { categories: ['土地出让'] };
    const before = ids(seed.filter((r) => r.envelope.category === '土地出让'));
    const firstPage = await page({ filter, first: 5 });
    const inserted = [
      build({ type: 'LandTransfer', agency: '岳阳县国土资源局', title: '新插入的最新出让公告', publishedAt: '2030-01-01T00:00:00Z', category: '土地出让' }),
      build({ type: 'LandTransfer', agency: '岳阳县国土资源局', title: '新插入的最早出让公告', publishedAt: '2001-01-01T00:00:00Z', category: '土地出让' }),
    ];
    await stack.writer.write(inserted);
    try {
      const seen = firstPage.edges.map((e) => e.node.id);
      let after = firstPage.pageInfo.endCursor;
      for (let more = firstPage.pageInfo.hasNextPage; more; ) {
        const next = await page({ filter, first: 5, after });
        seen.push(...next.edges.map((e) => e.node.id));
        more = next.pageInfo.hasNextPage;
        after = next.pageInfo.endCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      // Every record present at the start is seen once; the older insertion lies ahead and is seen,
      // the newer one lies behind the cursor and is not.
      expect(seen).toEqual([...before, inserted[1].envelope.indexNumber]);
    } finally {
      await Promise.all(inserted.map((r) => stack.databases.catalogue.collection('entries').deleteOne({ _id: r.envelope.indexNumber as never })));
      await Promise.all(inserted.map((r) => stack.databases.land.collection('landTransfers').deleteOne({ _id: r.envelope.indexNumber as never })));
    }
  });
});

describe('filters', () => {
  const code = (name: string) => agencyNamed(name)._id;
  it.each<[string, Record<string, unknown>, (r: DisclosureInput) => boolean]>([
    ['domains', { domains: ['FINANCE', 'SAFETY'] }, (r) => ['FINANCE', 'SAFETY'].includes(RECORD_TYPES[r.type].domain)],
    ['types', { types: ['LandExpropriation', 'School'] }, (r) => ['LandExpropriation', 'School'].includes(r.type)],
    ['agencies', { agencyCodes: [code('随县财政局'), code('含山县教育局')] }, (r) => [code('随县财政局'), code('含山县教育局')].includes(r.envelope.agencyCode)],
    ['a province, which includes its prefectures and counties', { regionCodes: ['530000'] }, (r) => regionPath(r.envelope.regionCode).includes('530000')],
    ['a prefecture', { regionCodes: ['532300'] }, (r) => regionPath(r.envelope.regionCode).includes('532300')],
    ['a county', { regionCodes: ['532301'] }, (r) => r.envelope.regionCode === '532301'],
    ['categories', { categories: ['征地拆迁', '政府采购'] }, (r) => ['征地拆迁', '政府采购'].includes(r.envelope.category)],
    ['disclosure modes', { disclosureModes: ['PARTIAL', 'REDACTED'] }, (r) => r.envelope.disclosureMode !== 'FULL'],
    // 2018-01-13T16:30Z is 2018-01-14 00:30 in Beijing: it belongs to the 14th.
    ['publication days in Asia/Shanghai', { publishedFrom: '2018-01-14', publishedTo: '2018-01-14' }, (r) => shanghaiDate(r.envelope.publishedAt) === '2018-01-14'],
    ['a publication range', { publishedFrom: '2014-01-01', publishedTo: '2014-12-31' }, (r) => r.envelope.publishedAt.getUTCFullYear() === 2014],
    ['a written range', { writtenFrom: '2017-01-01' }, (r) => Boolean(r.envelope.writtenOn && r.envelope.writtenOn >= '2017-01-01')],
    ['late publication', { publishedLate: true }, (r) => late(r) === true],
    ['timely publication', { publishedLate: false }, (r) => late(r) === false],
    ['everything at once', { domains: ['LAND'], regionCodes: ['530000'], publishedFrom: '2014-01-01', publishedTo: '2014-12-31', text: '出让' },
      (r) => RECORD_TYPES[r.type].domain === 'LAND' && regionPath(r.envelope.regionCode).includes('530000') && r.envelope.publishedAt.getUTCFullYear() === 2014 && mentions(r, '出让')],
  ])('by %s', async (_name, filter, predicate) => {
    const expected = ids(seed.filter(predicate));
    expect(expected.length).toBeGreaterThan(0);
    const result = await page({ filter, first: 100 });
    expect(result.edges.map((e) => e.node.id)).toEqual(expected);
    expect(result.totalCount).toBe(expected.length);
  });

  it('finds late publishers: 20 working days on the holiday calendar, not 20 calendar days', async () => {
    // Written 2017-08-01, published 2017-09-01: 23 working days later, so late; and written
    // 2016-12-20, published 2017-02-10 across the Spring Festival holiday: late too.
    expect(late(seed[11])).toBe(true);
    const response = await stack.query<{ catalogueCounts: Array<{ keys: Array<{ label: string }>; count: number }> }>(
      `{ catalogueCounts(filter: { publishedLate: true }, by: [AGENCY]) { keys { label } count } }`,
    );
    const expected = new Map<string, number>();
    for (const r of seed.filter((r) => late(r) === true)) {
      const name = agencyByCode.get(r.envelope.agencyCode)!.name;
      expected.set(name, (expected.get(name) ?? 0) + 1);
    }
    expect(new Map(response.data!.catalogueCounts.map((c) => [c.keys[0].label, c.count]))).toEqual(expected);
  });
});

describe('text search', () => {
  it.each([
    ['a title substring', '征地'],
    ['a term inside a longer word', '拆迁补偿'],
    ['a subject term', '调查报告'],
    ['a document number', '含政办〔2017〕38号'],
    ['an agency name', '随县安全生产监督管理局'],
    ['a single character', '爆'],
    ['full-width and spaced forms', ' 三公 '],
  ])('matches %s exactly', async (_name, text) => {
    const expected = ids(seed.filter((r) => mentions(r, text)));
    expect(expected.length).toBeGreaterThan(0);
    const result = await page({ filter: { text }, first: 100 });
    expect(result.edges.map((e) => e.node.id)).toEqual(expected);
  });

  it('does not match characters that only appear apart (征收土地 is not 征地)', async () => {
    const result = await page({ filter: { text: '征地', types: ['LandExpropriation'] }, first: 100 });
    const titles = seed.filter((r) => result.edges.some((e) => e.node.id === r.envelope.indexNumber)).map((r) => r.envelope.title);
    expect(titles).toEqual(['岳阳县征地拆迁补偿方案公告']);
  });

  it('treats regular-expression characters as plain text', async () => {
    expect((await page({ filter: { text: '.*' } })).totalCount).toBe(0);
    expect((await page({ filter: { text: '〔2017〕' } })).totalCount).toBe(seed.filter((r) => mentions(r, '〔2017〕')).length);
  });
});

describe('facets', () => {
  it('counts every dimension, each adding up to totalCount, with names as labels', async () => {
    const response = await stack.query<{ catalogue: { totalCount: number; facets: Record<string, Array<{ value: string; label: string; count: number }>> } }>(
      `query ($filter: CatalogueFilter) { catalogue(filter: $filter) { totalCount facets {
        domain { value label count } type { value label count } agency { value label count } region { value label count }
        category { value label count } year { value label count } disclosureMode { value label count } } } }`,
      { filter: { publishedFrom: '2015-01-01' } },
    );
    expect(response.errors).toBeUndefined();
    const { totalCount, facets } = response.data!.catalogue;
    const matching = seed.filter((r) => shanghaiDate(r.envelope.publishedAt) >= '2015-01-01');
    expect(totalCount).toBe(matching.length);
    const count = (key: (r: DisclosureInput) => string) => {
      const counts = new Map<string, number>();
      for (const r of matching) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
      return counts;
    };
    const expectFacet = (name: string, key: (r: DisclosureInput) => string) => {
      expect(new Map(facets[name].map((v) => [v.value, v.count]))).toEqual(count(key));
      expect(facets[name].reduce((sum, v) => sum + v.count, 0)).toBe(totalCount);
      const counts = facets[name].map((v) => v.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    };
    expectFacet('domain', (r) => RECORD_TYPES[r.type].domain);
    expectFacet('type', (r) => r.type);
    expectFacet('agency', (r) => r.envelope.agencyCode);
    expectFacet('region', (r) => r.envelope.regionCode);
    expectFacet('category', (r) => r.envelope.category);
    expectFacet('year', (r) => shanghaiDate(r.envelope.publishedAt).slice(0, 4));
    expectFacet('disclosureMode', (r) => r.envelope.disclosureMode);
    for (const value of facets.agency) expect(value.label).toBe(agencyByCode.get(value.value)!.name);
    expect(facets.region.find((v) => v.value === '610928')?.label).toBe('旬阳县');
  });

  it('counts by agency and year in one request', async () => {
    const response = await stack.query<{ catalogueCounts: Array<{ keys: Array<{ value: string }>; count: number }> }>(
      `{ catalogueCounts(filter: { domains: [LAND] }, by: [AGENCY, YEAR]) { keys { value } count } }`,
    );
    const expected = new Map<string, number>();
    for (const r of seed.filter((r) => RECORD_TYPES[r.type].domain === 'LAND')) {
      const key = `${r.envelope.agencyCode}/${shanghaiDate(r.envelope.publishedAt).slice(0, 4)}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(new Map(response.data!.catalogueCounts.map((c) => [c.keys.map((k) => k.value).join('/'), c.count]))).toEqual(expected);
  });
});

describe('records and joins across subgraphs', () => {
  const transfer = seed[0];

  it('reaches domain fields with inline fragments in the same request', async () => {
    const response = await stack.query<{ catalogue: { edges: Array<{ node: Record<string, unknown> }> } }>(
      `{ catalogue(filter: { types: [LandTransfer], regionCodes: ["532300"], publishedFrom: "2014-07-01" }) { edges { node {
          title ... on LandTransfer { finalPrice { fen yuan } winningParty use } } } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.catalogue.edges).toEqual([
      { node: { title: transfer.envelope.title, finalPrice: { fen: 654_321_099, yuan: '6543210.99' }, winningParty: '云南城投置业股份有限公司', use: 'COMMERCIAL' } },
    ]);
  });

  it('opens one record by index number, with its agency, region ancestry and interpretation', async () => {
    const response = await stack.query(
      `query ($id: String!) { disclosure(indexNumber: $id) { __typename indexNumber title documentNumber subjectTerms
          agency { name kind parent { name } } region { name parent { name parent { name } } }
          interpretation { __typename title } } }`,
      { id: seed[2].envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.disclosure).toEqual({
      __typename: 'LandExpropriation',
      indexNumber: seed[2].envelope.indexNumber,
      title: '岳阳县征地拆迁补偿方案公告',
      documentNumber: '岳政发〔2016〕12号',
      subjectTerms: ['征地', '补偿'],
      agency: { name: '岳阳县国土资源局', kind: 'DEPARTMENT', parent: { name: '岳阳县人民政府办公室' } },
      region: { name: '岳阳县', parent: { name: '岳阳市', parent: { name: '湖南省' } } },
      interpretation: { __typename: 'HouseExpropriation', title: '含山县棚户区改造房屋征收决定' },
    });
  });

  it('answers null for an unknown index number', async () => {
    const response = await stack.query(`{ disclosure(indexNumber: "no-such-record") { id } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ disclosure: null });
  });

  it('goes from a catalogue record to its agency and on to that agency’s records in the land subgraph', async () => {
    const response = await stack.query<{ disclosure: { agency: { landTransfers: { totalCount: number }; disclosures: { totalCount: number } } } }>(
      `query ($id: String!) { disclosure(indexNumber: $id) { agency { landTransfers { totalCount } disclosures { totalCount } } } }`,
      { id: transfer.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    const sameAgency = seed.filter((r) => r.envelope.agencyCode === transfer.envelope.agencyCode);
    expect(response.data!.disclosure.agency).toEqual({
      landTransfers: { totalCount: sameAgency.filter((r) => r.type === 'LandTransfer').length },
      disclosures: { totalCount: sameAgency.length },
    });
  });

  it('lists regions with children and agencies', async () => {
    const response = await stack.query<{ region: { children: Array<{ code: string }>; agencies: Array<{ name: string }> } }>(
      `{ region(code: "532300") { children { code } agencies { name } } }`,
    );
    expect(response.data!.region.children.map((c) => c.code)).toEqual(REGIONS.filter((r) => r.parentCode === '532300').map((r) => r._id).sort());
    expect(response.data!.region.agencies.map((a) => a.name).sort()).toEqual(AGENCIES.filter((a) => a.regionCode === '532300').map((a) => a.name).sort());
  });
});

describe('bad input', () => {
  it.each<[string, string, Record<string, unknown> | undefined, string]>([
    ['an unknown cursor', `{ catalogue(after: "garbage") { totalCount } }`, undefined, 'after'],
    ['first: 0', `{ catalogue(first: 0) { totalCount } }`, undefined, 'first'],
    ['first: 101', `{ catalogue(first: 101) { totalCount } }`, undefined, 'first'],
    ['an invalid date', `{ catalogue(filter: { publishedFrom: "2014-13-01" }) { totalCount } }`, undefined, 'filter.publishedFrom'],
    ['an unknown enum value', `{ catalogue(filter: { domains: [HEALTH] }) { totalCount } }`, undefined, 'filter.domains'],
    ['an unknown record type', `{ catalogue(filter: { types: [Castle] }) { totalCount } }`, undefined, 'filter.types'],
    ['a from after the to', `{ catalogue(filter: { publishedFrom: "2015-01-02", publishedTo: "2015-01-01" }) { totalCount } }`, undefined, 'filter.publishedFrom'],
    ['an empty text', `{ catalogue(filter: { text: "   " }) { totalCount } }`, undefined, 'filter.text'],
    ['a text over 100 characters', `query ($t: String) { catalogue(filter: { text: $t }) { totalCount } }`, { t: '征'.repeat(101) }, 'filter.text'],
    ['an operator-shaped string', `query ($c: [String!]) { catalogue(filter: { categories: $c }) { totalCount } }`, { c: ['{"$gt": ""}'] }, ''],
  ])('answers %s with BAD_USER_INPUT naming the argument', async (_name, query, variables, argument) => {
    const response = await stack.query(query, variables);
    if (argument === '') {
      // Taken literally: a category with that odd name, of which there are none.
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ catalogue: { totalCount: 0 } });
      return;
    }
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toContain(`"${argument}"`);
  });

  it('answers a bad enum value in variables with BAD_USER_INPUT naming the variable path', async () => {
    const response = await stack.query(`query ($f: CatalogueFilter) { catalogue(filter: $f) { totalCount } }`, { f: { disclosureModes: ['SECRET'] } });
    expect(response.status).toBe(400);
    expect(response.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toContain('f.disclosureModes');
  });

  it('rejects a cursor issued for the other order', async () => {
    const newest = await page({ first: 1 });
    const response = await stack.query(`query ($a: String) { catalogue(after: $a, orderBy: OLDEST_FIRST) { totalCount } }`, { a: newest.pageInfo.endCursor });
    expect(response.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toContain('"after"');
  });

  it('rejects catalogueCounts with no or repeated dimensions', async () => {
    for (const by of ['[]', '[YEAR, YEAR]']) {
      const response = await stack.query(`{ catalogueCounts(by: ${by}) { count } }`);
      expect(response.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors![0].message).toContain('"by"');
    }
  });
});
