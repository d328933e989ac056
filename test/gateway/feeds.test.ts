/**
 * Atom and JSON Feed 1.1 feeds at the gateway, over HTTP: per agency and per catalogue heading
 * (optionally within a region), the newest 50 public records newest first, stable entry ids, the
 * agency's key seeing its drafts, validators and 304, and the 404/400 answers that name what is
 * wrong.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { entryId, FEED_SIZE } from '../../gateway/portal/feeds';
import { unifiedSocialCreditCode } from '../../model/agency-code';
import type { DisclosureInput } from '../../model/input';
import { agencyNamed, disclosure, envelope } from '../support/builders';
import { request } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';

const AGENCY = agencyNamed('岳阳县财政局');
const HEADING = '土地出让';
/** A heading that needs escaping everywhere: a slash, an ampersand, quotes and angle brackets. */
const ODD_HEADING = '预决算/三公 & "经费" <2017>';

let stack: TestStack;
let base: string;

/** 55 budget records of one agency, an hour apart, the newest last. */
const agencyRecords: DisclosureInput[] = Array.from({ length: 55 }, (_, i) =>
  disclosure(
    'BudgetReport',
    envelope('岳阳县财政局', {
      title: `岳阳县财政局2017年部门预算公开第${i + 1}号`,
      category: '财政预决算',
      publishedAt: new Date(Date.UTC(2017, 2, 1, i)),
      subjectTerms: i % 2 === 0 ? ['预算', '部门预算'] : [],
      documentNumber: i % 3 ? null : `岳财发〔2017〕${i + 1}号`,
      sourceUrl: i === 54 ? 'https://www.yueyang.gov.cn/czj/show?id=54&lang=zh' : null,
    }),
    {},
  ),
);
// The newest carries characters that must be escaped in XML and HTML.
agencyRecords[54].envelope.title = '关于“三公”经费 & <预算> 的说明';

const draft = disclosure(
  'BudgetReport',
  envelope('岳阳县财政局', { title: '岳阳县财政局待审查草稿', category: '财政预决算', publishedAt: new Date(Date.UTC(2018, 0, 1)) }),
  {},
);

const transfers: DisclosureInput[] = [
  ['楚雄州国土资源局', '2014-07-10T02:00:00Z'],
  ['楚雄市国土资源局', '2014-03-02T02:00:00Z'],
  ['岳阳县国土资源局', '2015-01-05T02:00:00Z'],
  ['楚雄市国土资源局', '2016-09-09T02:00:00Z'],
].map(([agency, at], i) =>
  disclosure('LandTransfer', envelope(agency, { title: `国有建设用地使用权出让结果公示${i + 1}`, category: HEADING, publishedAt: new Date(at) }), {}),
);

const odd = disclosure(
  'PublicExpenseReport',
  envelope('含山县财政局', { title: '含山县2016年“三公”经费决算', category: ODD_HEADING, publishedAt: new Date('2017-08-01T03:00:00Z') }),
  {},
);

function newestFirst(records: DisclosureInput[]): DisclosureInput[] {
  return [...records].sort((a, b) => b.envelope.publishedAt.getTime() - a.envelope.publishedAt.getTime());
}

function feedUrl(path: string): string {
  return `${base}/feeds/${path}`;
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link', 'category', 'author'].includes(name) });

interface AtomEntry {
  id: string;
  title: string | { '#text': string };
  link: Array<{ '@href': string }>;
  updated: string;
  published: string;
  summary: string | { '#text': string };
  author: Array<{ name: string }>;
  category?: Array<{ '@term': string }>;
}

function text(value: string | { '#text': string }): string {
  return typeof value === 'string' ? value : value['#text'];
}

/** Parses an Atom document, checking it is well-formed XML first. */
function atom(body: string): { id: string; title: string; subtitle: string; updated: string; link: Array<{ '@rel': string; '@href': string }>; entry?: AtomEntry[] } {
  expect(XMLValidator.validate(body)).toBe(true);
  return xml.parse(body).feed;
}

/** Decodes the HTML entities the Atom `type="html"` text carries. */
function htmlText(html: string): string {
  return html.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The JSON Feed 1.1 shape (https://www.jsonfeed.org/version/1.1/): every problem found, or none. */
function jsonFeedProblems(feed: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const isString = (v: unknown) => typeof v === 'string';
  const isUrl = (v: unknown) => isString(v) && /^https?:\/\//.test(v as string);
  const authorsOk = (v: unknown) =>
    Array.isArray(v) && v.every((a) => a && typeof a === 'object' && ['name', 'url', 'avatar'].some((k) => k in a) && Object.values(a).every(isString));
  if (feed.version !== 'https://jsonfeed.org/version/1.1') problems.push('version');
  if (!isString(feed.title)) problems.push('title');
  for (const key of ['home_page_url', 'feed_url']) if (key in feed && !isUrl(feed[key])) problems.push(key);
  if ('description' in feed && !isString(feed.description)) problems.push('description');
  if ('language' in feed && !isString(feed.language)) problems.push('language');
  if ('authors' in feed && !authorsOk(feed.authors)) problems.push('authors');
  if ('author' in feed) problems.push('author (deprecated in 1.1)');
  if (!Array.isArray(feed.items)) return [...problems, 'items'];
  (feed.items as Array<Record<string, unknown>>).forEach((item, i) => {
    if (!isString(item.id) || !item.id) problems.push(`items[${i}].id`);
    if (!isString(item.content_html) && !isString(item.content_text)) problems.push(`items[${i}].content`);
    for (const key of ['url', 'external_url']) if (key in item && !isUrl(item[key])) problems.push(`items[${i}].${key}`);
    for (const key of ['title', 'summary']) if (key in item && !isString(item[key])) problems.push(`items[${i}].${key}`);
    for (const key of ['date_published', 'date_modified']) if (key in item && !RFC3339.test(String(item[key]))) problems.push(`items[${i}].${key}`);
    if ('authors' in item && !authorsOk(item.authors)) problems.push(`items[${i}].authors`);
    if ('author' in item) problems.push(`items[${i}].author (deprecated in 1.1)`);
    if ('tags' in item && !(Array.isArray(item.tags) && item.tags.every(isString))) problems.push(`items[${i}].tags`);
    const unknown = Object.keys(item).filter(
      (k) => !k.startsWith('_') && !['id', 'url', 'external_url', 'title', 'content_html', 'content_text', 'summary', 'image', 'banner_image', 'date_published', 'date_modified', 'authors', 'tags', 'language', 'attachments'].includes(k),
    );
    if (unknown.length) problems.push(`items[${i}] unknown ${unknown.join(',')}`);
  });
  return problems;
}

beforeAll(async () => {
  stack = await startTestStack('feeds');
  base = stack.gatewayUrl.replace(/\/$/, '');
  const result = await stack.writer.write([...agencyRecords, ...transfers, odd]);
  expect(result.rejected).toEqual([]);
  expect((await stack.writer.write([draft], { status: 'DRAFT' })).rejected).toEqual([]);
});

afterAll(async () => {
  await stack?.close();
});

describe('the Atom feed of an agency', () => {
  let body: string;
  let headers: Headers;

  beforeAll(async () => {
    const answer = await request(feedUrl(`agency/${AGENCY._id}.atom`));
    expect(answer.status).toBe(200);
    body = answer.text;
    headers = answer.headers;
  });

  test('is well-formed Atom with the content type, caching and validators', () => {
    expect(headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(headers.get('cache-control')).toBe('public, max-age=300');
    expect(headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const newest = newestFirst(agencyRecords)[0].envelope.publishedAt;
    expect(headers.get('last-modified')).toBe(newest.toUTCString());
    const feed = atom(body);
    expect(feed.id).toBe(`tag:gov-disclosure-catalogue,2008:feeds/agency/${AGENCY._id}`);
    expect(feed.updated).toBe(newest.toISOString());
    expect(feed.title).toContain('岳阳县财政局');
    expect(feed.title).toContain('Disclosures by');
    expect(feed.subtitle).toMatch(/最近50条.*The latest 50 records/s);
    expect(feed.link).toEqual(
      expect.arrayContaining([expect.objectContaining({ '@rel': 'self', '@href': feedUrl(`agency/${AGENCY._id}.atom`) })]),
    );
  });

  test('holds the newest 50 public records, newest first, with stable ids (no drafts)', () => {
    const entries = atom(body).entry ?? [];
    const expected = newestFirst(agencyRecords).slice(0, FEED_SIZE);
    expect(entries).toHaveLength(FEED_SIZE);
    expect(entries.map((e) => e.id)).toEqual(expected.map((r) => entryId(r.envelope.indexNumber)));
    expect(entries.map((e) => e.id)[0]).toBe(`tag:gov-disclosure-catalogue,2008:${expected[0].envelope.indexNumber}`);
    expect(entries.map((e) => e.updated)).toEqual(expected.map((r) => r.envelope.publishedAt.toISOString()));
    expect(entries.map((e) => e.published)).toEqual(expected.map((r) => r.envelope.publishedAt.toISOString()));
    expect(body).not.toContain('待审查草稿');
  });

  test('entries carry title, link, agency, category, document number and subject terms', () => {
    const entries = atom(body).entry ?? [];
    const [newest] = entries;
    expect(htmlText(text(newest.title))).toBe('关于“三公”经费 & <预算> 的说明');
    expect(newest.link[0]['@href']).toBe('https://www.yueyang.gov.cn/czj/show?id=54&lang=zh');
    expect(newest.author[0].name).toBe('岳阳县财政局');
    const summary = htmlText(text(newest.summary));
    expect(summary).toContain('发布机构 Agency: 岳阳县财政局');
    expect(summary).toContain('公开目录 Category: 财政预决算');
    expect(summary).toContain('主题词 Subject terms: 预算；部门预算');
    expect(newest.category?.map((c) => c['@term'])).toEqual(['财政预决算', '预算', '部门预算']);
    const withNumber = entries.find((e) => htmlText(text(e.summary)).includes('文号'));
    expect(htmlText(text(withNumber!.summary))).toMatch(/文号 Document number: 岳财发〔2017〕\d+号/);
    // Without a source URL an entry links to the explorer, uniquely.
    const linkless = entries[1];
    expect(linkless.link[0]['@href']).toBe(`${base}/#disclosure=${encodeURIComponent(newestFirst(agencyRecords)[1].envelope.indexNumber)}`);
  });

  test('answers 304 to a matching If-None-Match, and 200 to another', async () => {
    const etag = headers.get('etag')!;
    const again = await request(feedUrl(`agency/${AGENCY._id}.atom`), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const weak = await request(feedUrl(`agency/${AGENCY._id}.atom`), { headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(weak.status).toBe(304);
    const other = await request(feedUrl(`agency/${AGENCY._id}.atom`), { headers: { 'if-none-match': '"not-it"' } });
    expect(other.status).toBe(200);
    expect(other.text).toBe(body);
    // If-Modified-Since alone is not a reason for 304 (a withdrawal changes a feed without a newer date).
    const since = await request(feedUrl(`agency/${AGENCY._id}.atom`), { headers: { 'if-modified-since': headers.get('last-modified')! } });
    expect(since.status).toBe(200);
  });

  test("with the agency's key the feed shows its draft too, and is private", async () => {
    const { key } = await stack.createKey(AGENCY._id, 'feed test');
    const answer = await request(feedUrl(`agency/${AGENCY._id}.atom`), { headers: { authorization: `Bearer ${key}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('private, no-cache');
    expect(answer.headers.get('vary')).toContain('Authorization');
    const entries = atom(answer.text).entry ?? [];
    expect(entries[0].id).toBe(entryId(draft.envelope.indexNumber));
    expect(answer.headers.get('etag')).not.toBe(headers.get('etag'));
  });
});

describe('the JSON Feed of an agency', () => {
  test('is JSON Feed 1.1 with the same entries as the Atom feed', async () => {
    const answer = await request(feedUrl(`agency/${AGENCY._id}.json`));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    expect(answer.headers.get('etag')).toBeTruthy();
    const feed = answer.json as Record<string, unknown> & { items: Array<Record<string, unknown>> };
    expect(jsonFeedProblems(feed)).toEqual([]);
    expect(feed.feed_url).toBe(feedUrl(`agency/${AGENCY._id}.json`));
    expect(feed.home_page_url).toBe(`${base}/`);
    expect(feed.language).toBe('zh-CN');
    expect(feed.title).toContain('岳阳县财政局');
    const expected = newestFirst(agencyRecords).slice(0, FEED_SIZE);
    expect(feed.items.map((i) => i.id)).toEqual(expected.map((r) => entryId(r.envelope.indexNumber)));
    const [newest] = feed.items;
    expect(newest).toMatchObject({
      title: '关于“三公”经费 & <预算> 的说明',
      url: 'https://www.yueyang.gov.cn/czj/show?id=54&lang=zh',
      date_published: expected[0].envelope.publishedAt.toISOString(),
      authors: [{ name: '岳阳县财政局' }],
      tags: ['财政预决算', '预算', '部门预算'],
      _disclosure: {
        indexNumber: expected[0].envelope.indexNumber,
        type: 'BudgetReport',
        category: '财政预决算',
        agency: { code: AGENCY._id, name: '岳阳县财政局' },
        subjectTerms: ['预算', '部门预算'],
      },
    });
    expect(newest.summary).toBe(
      `发布机构 Agency: 岳阳县财政局 · 公开目录 Category: 财政预决算 · 文号 Document number: 岳财发〔2017〕55号 · 主题词 Subject terms: 预算；部门预算`,
    );
    expect(feed.items[1].summary).toBe('发布机构 Agency: 岳阳县财政局 · 公开目录 Category: 财政预决算');
    expect(newest.content_html).toContain('<dt>主题词 Subject terms</dt><dd>预算；部门预算</dd>');
  });
});

describe('the feeds of a catalogue heading', () => {
  test('hold every public record filed under it, newest first', async () => {
    const answer = await request(feedUrl(`category/${encodeURIComponent(HEADING)}.atom`));
    expect(answer.status).toBe(200);
    const feed = atom(answer.text);
    expect(feed.title).toContain(`公开目录「${HEADING}」`);
    expect((feed.entry ?? []).map((e) => e.id)).toEqual(newestFirst(transfers).map((r) => entryId(r.envelope.indexNumber)));
  });

  test('within a region hold its records and those of the regions below it', async () => {
    const answer = await request(feedUrl(`category/${encodeURIComponent(HEADING)}.json?region=532300`));
    expect(answer.status).toBe(200);
    const feed = answer.json as Record<string, unknown> & { items: Array<{ id: string }> };
    expect(jsonFeedProblems(feed)).toEqual([]);
    expect(feed.title).toContain('楚雄彝族自治州');
    expect(feed.feed_url).toBe(feedUrl(`category/${encodeURIComponent(HEADING)}.json?region=532300`));
    const chuxiong = transfers.filter((r) => r.envelope.regionCode.startsWith('5323'));
    expect(chuxiong).toHaveLength(3);
    expect(feed.items.map((i) => i.id)).toEqual(newestFirst(chuxiong).map((r) => entryId(r.envelope.indexNumber)));
  });

  test('work for a heading with a slash, an ampersand, quotes and angle brackets', async () => {
    const atomAnswer = await request(feedUrl(`category/${encodeURIComponent(ODD_HEADING)}.atom`));
    expect(atomAnswer.status).toBe(200);
    const feed = atom(atomAnswer.text);
    expect(feed.title).toContain(ODD_HEADING);
    expect(feed.entry?.map((e) => e.id)).toEqual([entryId(odd.envelope.indexNumber)]);
    const jsonAnswer = await request(feedUrl(`category/${encodeURIComponent(ODD_HEADING)}.json`));
    const items = (jsonAnswer.json as { items: Array<{ tags: string[] }> }).items;
    expect(items[0].tags).toEqual([ODD_HEADING]);
  });

  test('is an empty feed for a region with no such record, and 304 on its ETag', async () => {
    const url = feedUrl(`category/${encodeURIComponent(HEADING)}.atom?region=340522`);
    const answer = await request(url);
    expect(answer.status).toBe(200);
    expect(atom(answer.text).entry).toBeUndefined();
    expect(answer.headers.get('last-modified')).toBeNull();
    const again = await request(url, { headers: { 'if-none-match': answer.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });
});

describe('refusals', () => {
  async function refusal(path: string, status: number) {
    const answer = await request(feedUrl(path));
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const [error] = answer.json.errors ?? [];
    expect(error).toBeDefined();
    return error;
  }

  test('an unknown agency is 404 naming its code', async () => {
    const code = unifiedSocialCreditCode('430621', '不存在的机构');
    const error = await refusal(`agency/${code}.json`, 404);
    expect(error.message).toContain(code);
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', parameter: 'code', agencyCode: code });
  });

  test('an unknown region or heading is 404 naming it', async () => {
    const region = await refusal(`category/${encodeURIComponent(HEADING)}.atom?region=999999`, 404);
    expect(region.extensions).toMatchObject({ code: 'NOT_FOUND', parameter: 'region', regionCode: '999999' });
    const heading = await refusal(`category/${encodeURIComponent('没有这个目录')}.atom`, 404);
    expect(heading.message).toContain('没有这个目录');
    expect(heading.extensions).toMatchObject({ code: 'NOT_FOUND', parameter: 'category', category: '没有这个目录' });
  });

  test('malformed parameters are 400 naming the parameter', async () => {
    expect((await refusal('agency/not-a-code.atom', 400)).extensions).toMatchObject({ code: 'BAD_REQUEST', parameter: 'code' });
    expect((await refusal(`agency/${AGENCY._id}.rss`, 400)).extensions).toMatchObject({ parameter: 'format' });
    expect((await refusal(`agency/${AGENCY._id}`, 400)).extensions).toMatchObject({ parameter: 'format' });
    expect((await refusal(`agency/${AGENCY._id}.atom?page=2`, 400)).extensions).toMatchObject({ parameter: 'page' });
    expect((await refusal(`category/${encodeURIComponent(HEADING)}.atom?region=chuxiong`, 400)).extensions).toMatchObject({ parameter: 'region' });
    expect((await refusal(`category/${encodeURIComponent(HEADING)}.atom?region=532300&region=430621`, 400)).extensions).toMatchObject({ parameter: 'region' });
    expect((await refusal(`category/${encodeURIComponent('x'.repeat(101))}.atom`, 400)).extensions).toMatchObject({ parameter: 'category' });
    expect((await refusal('category/.atom', 400)).extensions).toMatchObject({ parameter: 'category' });
    expect((await refusal('category/%E5%9C.atom', 400)).extensions).toMatchObject({ parameter: 'category' });
  });
});

describe('a withdrawn record', () => {
  test('leaves the feeds at once, and the old ETag no longer answers 304', async () => {
    const heading = '撤回测试';
    const [stays, goes] = ['保留的记录', '撤回的记录'].map((title, i) =>
      disclosure('LandTransfer', envelope('岳阳县国土资源局', { title, category: heading, publishedAt: new Date(Date.UTC(2019, 0, 1 + i)) }), {}),
    );
    expect((await stack.writer.write([stays, goes])).rejected).toEqual([]);
    const atomUrl = feedUrl(`category/${encodeURIComponent(heading)}.atom`);
    const jsonUrl = feedUrl(`category/${encodeURIComponent(heading)}.json`);
    const before = await request(atomUrl);
    expect(atom(before.text).entry?.map((e) => e.id)).toEqual([entryId(goes.envelope.indexNumber), entryId(stays.envelope.indexNumber)]);

    const { key } = await stack.createKey(agencyNamed('岳阳县国土资源局')._id, 'feeds test');
    const withdrawn = await stack.query(
      'mutation ($ids: [String!]!) { withdrawDisclosures(indexNumbers: $ids) { status } }',
      { ids: [goes.envelope.indexNumber] },
      { authorization: `Bearer ${key}` },
    );
    expect(withdrawn.data).toEqual({ withdrawDisclosures: [{ status: 'WITHDRAWN' }] });

    const after = await request(atomUrl, { headers: { 'if-none-match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(atom(after.text).entry?.map((e) => e.id)).toEqual([entryId(stays.envelope.indexNumber)]);
    const json = (await request(jsonUrl)).json as { items: Array<{ id: string }> };
    expect(json.items.map((i) => i.id)).toEqual([entryId(stays.envelope.indexNumber)]);
  });
});
