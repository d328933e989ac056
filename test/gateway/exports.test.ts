/**
 * The streaming CSV and NDJSON exports at the gateway, over HTTP: a filter matching more than one
 * page (100) of records comes back whole, row for row what the catalogue query answers; the CSV
 * opens in Excel (BOM, header, RFC 4180 quoting of commas, quotes and line breaks, Chinese intact);
 * invalid filters are refused with 400 before any row; only public records, unless the agency's key
 * is passed. Each record's own fields follow the envelope's columns, money as exact yuan text.
 */
import { parse } from 'csv-parse/sync';
import { ENVELOPE_COLUMNS, EXPORT_COLUMNS, type ExportRow } from '../../gateway/portal/exports';
import type { DisclosureInput } from '../../model/input';
import { agencyNamed, disclosure, envelope, sampleRecords } from '../support/builders';
import { request } from '../support/http';
import { startTestStack, type GraphQLResponse, type TestStack } from '../support/stack';

let stack: TestStack;
let base: string;

const LAND_AGENCIES = ['岳阳县国土资源局', '楚雄州国土资源局', '楚雄市国土资源局', '含山县国土资源局'];
const TRICKY_TITLES = [
  '关于征地补偿标准, 安置方式及"留地"安置的公告',
  '第一行\n第二行：征地范围说明',
  '含逗号,引号"与换行\r\n的标题',
  '=HYPERLINK("http://example.com")征地公告',
];

/** A sample record's own fields of each type used here. */
const [expropriationFields, transferFields, budgetFields] = (['LandExpropriation', 'LandTransfer', 'BudgetReport'] as const).map(
  (type) => sampleRecords(type, 1)[0].fields,
);

/** 230 land records (three pages) across four agencies, a few with titles that need quoting. */
const land: DisclosureInput[] = Array.from({ length: 230 }, (_, i) =>
  disclosure(
    i % 2 ? 'LandExpropriation' : 'LandTransfer',
    envelope(LAND_AGENCIES[i % LAND_AGENCIES.length], {
      title: i < TRICKY_TITLES.length ? TRICKY_TITLES[i] : `国有土地征收与出让公告第${i + 1}号`,
      category: i % 2 ? '征地拆迁' : '土地出让',
      // Some share an instant, so the order falls to the index number.
      publishedAt: new Date(Date.UTC(2016, 0, 1) + Math.floor(i / 2) * 3_600_000),
      subjectTerms: i % 3 === 0 ? ['征地', '补偿;安置'] : [],
      documentNumber: i % 5 === 0 ? `岳政发〔2016〕${i}号` : null,
      writtenOn: i % 4 === 0 ? null : '2015-12-01',
      sourceUrl: i % 7 === 0 ? `https://gtj.example.gov.cn/show?id=${i}&t=1` : null,
    }),
    i % 2 ? expropriationFields : transferFields,
  ),
);

/** Records the land filter must leave out. */
const others: DisclosureInput[] = Array.from({ length: 12 }, (_, i) =>
  disclosure(
    'BudgetReport',
    envelope('岳阳县财政局', { title: `部门预算${i}`, category: '财政预决算', publishedAt: new Date(Date.UTC(2017, 0, 1 + i)) }),
    budgetFields,
  ),
);

const draft = disclosure(
  'LandTransfer',
  envelope('岳阳县国土资源局', { title: '尚未公开的出让草稿', category: '土地出让', publishedAt: new Date(Date.UTC(2016, 5, 1)) }),
  transferFields,
);

const LAND_FILTER = { domains: ['LAND'] };

const CATALOGUE_PAGE = `query ($filter: CatalogueFilter, $orderBy: DisclosureOrder, $after: String) {
  catalogue(filter: $filter, orderBy: $orderBy, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      __typename indexNumber title summary domain category agency { code name } region { code name } documentNumber
      subjectTerms writtenOn publishedAt publishedOn disclosureMode publicationDelayWorkingDays publishedLate qualityFlags sourceUrl
      ... on LandTransfer {
        parcelNumber location areaSquareMetres use termYears method floorAreaRatio startingPrice { yuan } finalPrice { yuan }
        winningParty transferredOn
      }
      ... on LandExpropriation {
        approvalNumber approvalAuthority approvedOn location areaSquareMetres landType compensationPerMu { yuan }
        totalCompensation { yuan } householdsAffected resettlementPlan
      }
    } }
  }
}`;

type CatalogueNode = Omit<ExportRow, 'type' | 'agencyCode' | 'agencyName' | 'regionCode' | 'regionName' | 'fields'> & {
  __typename: string;
  agency: { code: string; name: string };
  region: { code: string; name: string };
};

/** A node's own fields, money (`{ yuan }`) as its yuan text. */
function ownFields(node: Record<string, unknown>): Record<string, unknown> {
  const envelope = new Set<string>([...ENVELOPE_COLUMNS, '__typename', 'agency', 'region']);
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !envelope.has(key))
      .map(([key, value]) => [key, value !== null && typeof value === 'object' && 'yuan' in value ? (value as { yuan: string }).yuan : value]),
  );
}

interface CataloguePage {
  catalogue: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: CatalogueNode }> };
}

/** What the catalogue query answers, page after page, as export rows: the oracle. */
async function catalogueRows(filter: unknown, orderBy = 'NEWEST_FIRST', headers: Record<string, string> = {}): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  let after: string | null = null;
  for (;;) {
    const response: GraphQLResponse<CataloguePage> = await stack.query<CataloguePage>(
      CATALOGUE_PAGE,
      { filter, orderBy, after },
      headers,
    );
    expect(response.errors).toBeUndefined();
    const { catalogue } = response.data!;
    for (const { node } of catalogue.edges) {
      const { __typename, agency, region } = node;
      const envelope = Object.fromEntries(ENVELOPE_COLUMNS.map((column) => [column, (node as Record<string, unknown>)[column]]));
      rows.push({
        ...(envelope as Omit<ExportRow, 'fields'>),
        type: __typename,
        agencyCode: agency.code,
        agencyName: agency.name,
        regionCode: region.code,
        regionName: region.name,
        fields: ownFields(node),
      });
    }
    if (!catalogue.pageInfo.hasNextPage) return rows;
    after = catalogue.pageInfo.endCursor;
  }
}

/** A row as the CSV writes it: every value a string, terms joined with `;`, formulas escaped, own fields empty where the type has none. */
function asCsv(row: ExportRow): Record<string, string> {
  const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  const text = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
  return Object.fromEntries(
    EXPORT_COLUMNS.map((column) => {
      const value = (ENVELOPE_COLUMNS as readonly string[]).includes(column) ? (row as unknown as Record<string, unknown>)[column] : row.fields[column];
      if (column === 'subjectTerms' || column === 'qualityFlags') return [column, text((value as string[]).join(';'))];
      return [column, typeof value === 'string' ? text(value) : cell(value)];
    }),
  );
}

/** A row as the NDJSON writes it: the envelope's columns, then the type's own fields. */
const asJson = ({ fields, ...row }: ExportRow) => ({ ...row, ...fields });

function exportUrl(format: 'csv' | 'ndjson', params: Record<string, string> = {}): string {
  const search = new URLSearchParams(params).toString();
  return `${base}/export.${format}${search ? `?${search}` : ''}`;
}

async function download(url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
  stack = await startTestStack('exports');
  base = stack.gatewayUrl.replace(/\/$/, '');
  expect((await stack.writer.write([...land, ...others])).rejected).toEqual([]);
  expect((await stack.writer.write([draft], { status: 'DRAFT' })).rejected).toEqual([]);
});

afterAll(async () => {
  await stack?.close();
});

describe('the CSV export', () => {
  let answer: { status: number; headers: Headers; bytes: Buffer };
  let expected: ExportRow[];

  beforeAll(async () => {
    [answer, expected] = await Promise.all([
      download(exportUrl('csv', { filter: JSON.stringify(LAND_FILTER) })),
      catalogueRows(LAND_FILTER),
    ]);
  });

  test('is a UTF-8 CSV attachment with a byte order mark and a header row', () => {
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="disclosures-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect([...answer.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = answer.bytes.subarray(3).toString('utf8');
    expect(text.slice(0, text.indexOf('\r\n'))).toBe(EXPORT_COLUMNS.join(','));
    expect(text.endsWith('\r\n')).toBe(true);
  });

  test('holds exactly the records the catalogue query answers, in its order, across pages', () => {
    expect(expected).toHaveLength(230);
    const rows = parse(answer.bytes, { bom: true, columns: true, relax_column_count: false }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(230);
    expect(rows.map((r) => r.indexNumber)).toEqual(expected.map((r) => r.indexNumber));
    expect(rows).toEqual(expected.map(asCsv));
  });

  test('keeps Chinese intact and quotes commas, quotes and line breaks (RFC 4180)', () => {
    const rows = parse(answer.bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    const titles = new Set(rows.map((r) => r.title));
    for (const title of TRICKY_TITLES.slice(0, 3)) expect(titles).toContain(title);
    // A title a spreadsheet would run as a formula is written as text.
    expect(titles).toContain(`'${TRICKY_TITLES[3]}`);
    const raw = answer.bytes.toString('utf8');
    expect(raw).toContain('"关于征地补偿标准, 安置方式及""留地""安置的公告"');
    expect(raw).toContain('"第一行\n第二行：征地范围说明"');
    expect(raw).toContain('岳阳县国土资源局');
    const withTerms = rows.find((r) => r.subjectTerms);
    expect(withTerms?.subjectTerms).toBe('征地;补偿;安置');
  });

  test('OLDEST_FIRST reverses the order', async () => {
    const oldest = await download(exportUrl('csv', { filter: JSON.stringify(LAND_FILTER), order: 'OLDEST_FIRST' }));
    const rows = parse(oldest.bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.indexNumber)).toEqual((await catalogueRows(LAND_FILTER, 'OLDEST_FIRST')).map((r) => r.indexNumber));
    expect(rows.map((r) => r.indexNumber)).toEqual(expected.map((r) => r.indexNumber).reverse());
  });

  test('of a filter matching nothing is the header row alone', async () => {
    const empty = await download(exportUrl('csv', { filter: JSON.stringify({ text: '不存在的标题文字' }) }));
    expect(empty.status).toBe(200);
    expect(empty.bytes.toString('utf8')).toBe(`\uFEFF${EXPORT_COLUMNS.join(',')}\r\n`);
  });

  test('without a filter holds every public record', async () => {
    const all = await download(exportUrl('csv'));
    const rows = parse(all.bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(land.length + others.length);
    expect(rows.map((r) => r.title)).not.toContain('尚未公开的出让草稿');
  });
});

describe("a record's own fields", () => {
  test('follow the envelope in the CSV, one column per field name of any type, money as exact yuan text and nested values as JSON', async () => {
    expect(EXPORT_COLUMNS.slice(0, ENVELOPE_COLUMNS.length)).toEqual([...ENVELOPE_COLUMNS]);
    expect(new Set(EXPORT_COLUMNS).size).toBe(EXPORT_COLUMNS.length);
    expect(EXPORT_COLUMNS).toEqual(expect.arrayContaining(['finalPrice', 'totalExpenditure', 'expenditureByFunction', 'mineral', 'licenceNumber', 'penaltyKinds']));
    const answer = await download(exportUrl('csv', { filter: JSON.stringify({ domains: ['FINANCE'] }) }));
    const [row] = parse(answer.bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    const budget = budgetFields as { totalExpenditureFen: number; fiscalYear: number; expenditureByFunction: Array<{ functionCode: string; functionClass: string; amountFen: number }> };
    expect(row.totalExpenditure).toBe((budget.totalExpenditureFen / 100).toFixed(2));
    expect(row.fiscalYear).toBe(String(budget.fiscalYear));
    expect(JSON.parse(row.expenditureByFunction)).toEqual(
      budget.expenditureByFunction.map(({ functionCode, functionClass, amountFen }) => ({ functionCode, functionClass, amount: (amountFen / 100).toFixed(2) })),
    );
    expect([row.finalPrice, row.mineral, row.parcelNumber]).toEqual(['', '', '']);
  });
});

describe('the NDJSON export', () => {
  test('holds one JSON object per line, exactly the catalogue rows', async () => {
    const filter = { domains: ['LAND'], categories: ['征地拆迁', '土地出让'] };
    const [answer, expected] = await Promise.all([download(exportUrl('ndjson', { filter: JSON.stringify(filter) })), catalogueRows(filter)]);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="disclosures-\d{4}-\d{2}-\d{2}\.ndjson"$/);
    const text = answer.bytes.toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(230);
    const rows = lines.map((line) => JSON.parse(line) as ExportRow);
    expect(rows).toEqual(expected.map(asJson));
    expect(Object.keys(rows[0])).toEqual([...ENVELOPE_COLUMNS, ...Object.keys(expected[0].fields)]);
    expect(rows.find((r) => r.title.startsWith('第一行'))?.title).toBe(TRICKY_TITLES[1]);
    expect(rows.find((r) => r.title.startsWith('=HYPERLINK'))?.title).toBe(TRICKY_TITLES[3]);
    expect(rows.find((r) => r.subjectTerms.length)?.subjectTerms).toEqual(['征地', '补偿;安置']);
  });

  test("with the agency's key includes its draft (the Authorization header is passed on)", async () => {
    const agency = agencyNamed('岳阳县国土资源局');
    const { key } = await stack.createKey(agency._id, 'export test');
    const filter = JSON.stringify({ agencyCodes: [agency._id] });
    const anonymous = await download(exportUrl('ndjson', { filter }));
    const withKey = await download(exportUrl('ndjson', { filter }), { headers: { authorization: `Bearer ${key}` } });
    const titles = (bytes: Buffer) => bytes.toString('utf8').trim().split('\n').map((line) => (JSON.parse(line) as ExportRow).title);
    expect(titles(anonymous.bytes)).not.toContain('尚未公开的出让草稿');
    expect(titles(withKey.bytes)).toContain('尚未公开的出让草稿');
    expect(titles(withKey.bytes)).toHaveLength(titles(anonymous.bytes).length + 1);
  });
});

describe('invalid requests', () => {
  async function refused(url: string, parameter: string) {
    const answer = await request(url);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBeNull();
    const [error] = answer.json.errors ?? [];
    expect(error.extensions).toMatchObject({ parameter });
    return error;
  }

  test('a filter that is not JSON is 400 naming the filter, before any row', async () => {
    const error = await refused(exportUrl('csv', { filter: '{domains: LAND' }), 'filter');
    expect(error.message).toMatch(/"filter" is not valid JSON/);
    const array = await refused(exportUrl('ndjson', { filter: '["LAND"]' }), 'filter');
    expect(array.message).toMatch(/must be a JSON object/);
  });

  test('a filter the API refuses is 400 with its reason', async () => {
    const badEnum = await refused(exportUrl('csv', { filter: JSON.stringify({ domains: ['MOON'] }) }), 'filter');
    expect(badEnum.message).toBe(
      'The filter was refused: Variable "$filter" got invalid value at "filter.domains[0]"; The value does not exist in "Domain" enum.',
    );
    expect(badEnum.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const unknownField = await refused(exportUrl('ndjson', { filter: JSON.stringify({ colour: 'red' }) }), 'filter');
    expect(unknownField.message).toContain('colour');
    const badDate = await refused(exportUrl('csv', { filter: JSON.stringify({ publishedFrom: '2014-13-01' }) }), 'filter');
    expect(badDate.message).toContain('2014-13-01');
  });

  test('a wrong order or an unknown parameter is 400 naming it', async () => {
    const order = await refused(exportUrl('csv', { order: 'SIDEWAYS' }), 'order');
    expect(order.message).toContain('SIDEWAYS');
    await refused(exportUrl('csv', { limit: '10' }), 'limit');
    await refused(`${exportUrl('csv', { order: 'NEWEST_FIRST' })}&order=OLDEST_FIRST`, 'order');
  });
});

test('a client that goes away mid-export stops it, and the gateway carries on', async () => {
  const controller = new AbortController();
  const response = await fetch(exportUrl('ndjson'), { signal: controller.signal });
  const reader = response.body!.getReader();
  await reader.read();
  controller.abort();
  await reader.read().catch(() => undefined);
  const after = await request(exportUrl('ndjson', { filter: JSON.stringify({ domains: ['FINANCE'] }) }));
  expect(after.status).toBe(200);
  expect(after.text.trim().split('\n')).toHaveLength(others.length);
});
