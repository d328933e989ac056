/**
 * Atom and JSON Feed (1.1) feeds of the latest records, per agency and per catalogue heading
 * (公开目录), for feed readers and for portals that syndicate:
 *
 *   GET /feeds/agency/<credit code>.atom | .json
 *   GET /feeds/category/<URL-encoded heading>.atom | .json [?region=<6-digit code>]
 *
 * The newest 50 public records, newest first, read through the gateway's own GraphQL API (see
 * own-api.ts). Answers carry an ETag (a hash of the body) and Last-Modified (the newest record's
 * publication); a matching If-None-Match gets 304. If-Modified-Since alone is not honoured: a
 * withdrawn record changes a feed without making anything newer, so only the ETag is exact.
 */
import { createHash } from 'node:crypto';
import type { BaseContext } from '@apollo/server';
import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { Feed, type Author, type FeedOptions, type Item } from 'feed';
import type { GraphQLFormattedError } from 'graphql';
import { AGENCY_CODE_RULE, isAgencyCode } from '../../model/agency-code';
import { codeOfAnswer } from '../../platform/error-codes';
import {
  publicBase,
  queryParameter,
  queryParameterProblem,
  runOperation,
  sendError,
  type OwnApi,
} from './own-api';

type Category = NonNullable<Item['category']>[number];

/** Entries per feed. */
export const FEED_SIZE = 50;

/** Feed readers poll; five minutes keeps them current without asking the catalogue on every poll. */
const PUBLIC_CACHE = 'public, max-age=300';
/** With an agency's key the feed may include its drafts: only the client may keep it, and must revalidate. */
const PRIVATE_CACHE = 'private, no-cache';

const ATOM = 'application/atom+xml; charset=utf-8';
const JSON_FEED = 'application/feed+json; charset=utf-8';
const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/**
 * Ids are tag: URIs (RFC 4151), stable wherever the gateway runs: the index number 索引号 is unique
 * across the catalogue (letters, digits and - / _ . only, all allowed in a tag's specific part), and
 * 2008 is the year the Regulations on Open Government Information took effect.
 */
const TAG_PREFIX = 'tag:gov-disclosure-catalogue,2008:';

type Format = 'atom' | 'json';

interface FeedRecord {
  __typename: string;
  indexNumber: string;
  title: string;
  domain: string;
  category: string;
  documentNumber: string | null;
  subjectTerms: string[];
  publishedAt: string;
  publishedOn: string;
  disclosureMode: string;
  sourceUrl: string | null;
  agency: { code: string; name: string };
  region: { code: string; name: string };
}

interface Connection {
  edges: Array<{ node: FeedRecord | null }>;
}

const ENTRY_FIELDS = `fragment FeedEntry on Disclosure {
  __typename
  indexNumber
  title
  domain
  category
  documentNumber
  subjectTerms
  publishedAt
  publishedOn
  disclosureMode
  sourceUrl
  agency { code name }
  region { code name }
}`;

const AGENCY_FEED = `query AgencyFeed($code: ID!, $first: Int!) {
  agency(code: $code) { code name region { code name } }
  catalogue(filter: { agencyCodes: [$code] }, orderBy: NEWEST_FIRST, first: $first) {
    edges { node { ...FeedEntry } }
  }
}
${ENTRY_FIELDS}`;

const CATEGORY_FEED = `query CategoryFeed($category: String!, $first: Int!) {
  filed: catalogue(filter: { categories: [$category] }, first: 1) { totalCount }
  catalogue(filter: { categories: [$category] }, orderBy: NEWEST_FIRST, first: $first) {
    edges { node { ...FeedEntry } }
  }
}
${ENTRY_FIELDS}`;

const CATEGORY_REGION_FEED = `query CategoryRegionFeed($category: String!, $region: ID!, $first: Int!) {
  region(code: $region) { code name }
  filed: catalogue(filter: { categories: [$category] }, first: 1) { totalCount }
  catalogue(filter: { categories: [$category], regionCodes: [$region] }, orderBy: NEWEST_FIRST, first: $first) {
    edges { node { ...FeedEntry } }
  }
}
${ENTRY_FIELDS}`;

/** What a feed is about, in words and links, before its entries. */
interface FeedHead {
  /** The feed's own id (a tag: URI). */
  id: string;
  title: string;
  description: string;
  author: Author;
  /** Where the feed lives, without the extension: `/feeds/agency/<code>`. */
  path: string;
  /** The query string of the feed's URL, with its `?`, or empty. */
  search: string;
}

const DOMAIN_NAMES: Record<string, string> = {
  FINANCE: '财政 Finance',
  LAND: '土地 Land',
  HOUSING: '住房保障 Housing',
  EDUCATION: '教育 Education',
  SAFETY: '安全 Safety',
  ENFORCEMENT: '行政执法 Enforcement',
  DOCUMENTS: '公文与政策 Documents',
};

const MODE_NAMES: Record<string, string> = {
  FULL: '全文公开 Full text',
  PARTIAL: '部分公开 Partly disclosed',
  REDACTED: '删减公开 Redacted',
};

/** The tag: URI of a record: the index number, with anything outside the URI's safe characters escaped. */
export function entryId(indexNumber: string): string {
  return TAG_PREFIX + indexNumber.replace(/[^A-Za-z0-9\-._~/]/g, (c) => encodeURIComponent(c));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Characters XML 1.0 does not allow (C0 controls other than tab, newline, return; unpaired surrogates; U+FFFE/F). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '\uFFFD');
}

/** The record's facts as labelled lines: agency, category, document number, subject terms, and more. */
function facts(record: FeedRecord): Array<[string, string]> {
  const lines: Array<[string, string]> = [
    ['发布机构 Agency', record.agency.name],
    ['公开目录 Category', record.category],
  ];
  if (record.documentNumber) lines.push(['文号 Document number', record.documentNumber]);
  if (record.subjectTerms.length) lines.push(['主题词 Subject terms', record.subjectTerms.join('；')]);
  lines.push(
    ['索引号 Index number', record.indexNumber],
    ['行政区划 Region', record.region.name],
    ['发布日期 Published', record.publishedOn],
    ['领域 Domain', DOMAIN_NAMES[record.domain] ?? record.domain],
    ['公开方式 Disclosure mode', MODE_NAMES[record.disclosureMode] ?? record.disclosureMode],
  );
  return lines;
}

/** One line: agency, category, and the document number and subject terms where there are any. */
function summaryText(record: FeedRecord): string {
  const summarised = new Set(['发布机构 Agency', '公开目录 Category', '文号 Document number', '主题词 Subject terms']);
  return facts(record)
    .filter(([label]) => summarised.has(label))
    .map(([label, value]) => `${label}: ${value}`)
    .join(' · ');
}

function contentHtml(record: FeedRecord): string {
  const rows = facts(record).map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`);
  return `<dl>${rows.join('')}</dl>`;
}

/** Where an entry links: the agency's own page for the record, else the explorer. */
function entryLink(record: FeedRecord, base: string): string {
  return record.sourceUrl ?? `${base}/#disclosure=${encodeURIComponent(record.indexNumber)}`;
}

function entryItem(record: FeedRecord, base: string, format: Format): Item {
  const published = new Date(record.publishedAt);
  const categories: Category[] = [
    { name: record.category, term: record.category, scheme: `${TAG_PREFIX}category` },
    ...record.subjectTerms.map((term) => ({ name: term, term, scheme: `${TAG_PREFIX}subject-term` })),
  ];
  const common = {
    id: entryId(record.indexNumber),
    link: entryLink(record, base),
    date: published,
    published,
    author: [{ name: record.agency.name }],
    content: contentHtml(record),
  };
  if (format === 'json') {
    return {
      ...common,
      title: record.title,
      description: summaryText(record),
      category: categories,
      extensions: [
        {
          name: '_disclosure',
          objects: {
            about: `${base}/`,
            indexNumber: record.indexNumber,
            type: record.__typename,
            domain: record.domain,
            category: record.category,
            agency: record.agency,
            region: record.region,
            documentNumber: record.documentNumber,
            subjectTerms: record.subjectTerms,
            publishedOn: record.publishedOn,
            disclosureMode: record.disclosureMode,
          },
        },
      ],
    };
  }
  // Atom: the library writes title and summary as type="html", and category attributes escaping only `"`.
  return {
    ...common,
    title: escapeHtml(xmlSafe(record.title)),
    description: escapeHtml(xmlSafe(summaryText(record))),
    content: xmlSafe(common.content),
    author: [{ name: xmlSafe(record.agency.name) }],
    category: categories.map((c) => ({ ...c, name: attributeSafe(c.name!), term: attributeSafe(c.term!) })),
  };
}

/** An XML attribute value for the library, which escapes only `"` in category attributes itself. */
function attributeSafe(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** JSON Feed 1.1 from the library's 1.0 output: `authors` lists instead of `author`, and a language. */
function jsonFeed11(json10: string): string {
  const { version: _version, author, items, ...rest } = JSON.parse(json10) as Record<string, unknown> & {
    author?: unknown;
    items: Array<Record<string, unknown>>;
  };
  const feed = {
    version: JSON_FEED_VERSION,
    ...rest,
    language: 'zh-CN',
    ...(author ? { authors: [author] } : {}),
    items: items.map(({ author: itemAuthor, ...item }) => ({ ...item, ...(itemAuthor ? { authors: [itemAuthor] } : {}) })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

function render(head: FeedHead, records: FeedRecord[], base: string, format: Format): string {
  const feedUrl = (ext: Format) => `${base}${head.path}.${ext}${head.search}`;
  const clean = format === 'atom' ? xmlSafe : (text: string) => text;
  const options: FeedOptions = {
    id: head.id,
    title: clean(head.title),
    description: clean(head.description),
    link: `${base}/`,
    feedLinks: { atom: feedUrl('atom'), json: feedUrl('json') },
    language: 'zh-CN',
    copyright: '依《中华人民共和国政府信息公开条例》主动公开 · Published proactively under the Regulations on Open Government Information',
    updated: records.length ? new Date(records[0].publishedAt) : new Date(0),
    author: { ...head.author, name: clean(head.author.name ?? '') },
  };
  const feed = new Feed(options);
  for (const record of records) feed.addItem(entryItem(record, base, format));
  return format === 'atom' ? `${feed.atom1()}\n` : jsonFeed11(feed.json1());
}

/** `<name>.atom` or `<name>.json` → the name and the format. */
function splitFile(file: string): { name: string; format: Format } | undefined {
  const match = /^(.*)\.(atom|json)$/s.exec(file);
  return match ? { name: match[1], format: match[2] as Format } : undefined;
}

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** Whether If-None-Match names the current ETag (weak comparison, as RFC 9110 asks for this header). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === etag);
}

/** Sends a feed with its validators, or 304 when the client's copy is current. */
function sendFeed(req: Request, res: Response, body: string, format: Format, newest: string | undefined): void {
  const etag = etagOf(body);
  res.set({
    'Cache-Control': req.headers.authorization ? PRIVATE_CACHE : PUBLIC_CACHE,
    Vary: 'Authorization',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
  });
  if (newest) res.set('Last-Modified', new Date(newest).toUTCString());
  if (matches(req.headers['if-none-match'], etag)) {
    res.status(304).end();
    return;
  }
  // end(), not send(): send() would also answer If-Modified-Since, which this feed does not honour.
  res.status(200).type(format === 'atom' ? ATOM : JSON_FEED).end(body);
}

function recordsOf(connection: Connection | undefined): FeedRecord[] {
  return (connection?.edges ?? []).map((edge) => edge.node).filter((node): node is FeedRecord => node !== null);
}

function formatProblem(req: Request, res: Response, file: string, example: string): void {
  sendError(req, res, 'BAD_REQUEST', `Unknown feed format in "${file}": a feed is .atom (Atom) or .json (JSON Feed 1.1), e.g. ${example}.`, {
    parameter: 'format',
  });
}

/** A failed operation, answered with its first error and that error's code's status. */
function operationProblem(req: Request, res: Response, errors: readonly GraphQLFormattedError[]): void {
  const [first] = errors;
  sendError(req, res, codeOfAnswer(errors), first.message, first.extensions);
}

/**
 * The feed routes, to mount at `/feeds`. Unknown agencies and regions, and headings no public record
 * is filed under, are 404 naming them; malformed parameters are 400 naming the parameter.
 */
export function feedsRouter<TContext extends BaseContext>(api: OwnApi<TContext>): Router {
  const router = Router();
  const guard = api.guard ?? [];

  router.get('/agency/:file', ...guard, async (req, res, next) => {
    try {
      const file = req.params.file as string;
      const parts = splitFile(file);
      if (!parts) return formatProblem(req, res, file, '/feeds/agency/<code>.atom');
      const unknown = queryParameterProblem(req, []);
      if (unknown) return sendError(req, res, 'BAD_REQUEST', unknown.message, { parameter: unknown.parameter });
      const code = parts.name;
      if (!isAgencyCode(code)) {
        return sendError(
          req,
          res,
          'BAD_REQUEST',
          `"${code}" is not an agency code: it ${AGENCY_CODE_RULE}, e.g. 115323000151673132.`,
          { parameter: 'code' },
        );
      }
      const result = await runOperation<{ agency: { code: string; name: string } | null; catalogue: Connection }, TContext>(
        api,
        req,
        res,
        AGENCY_FEED,
        { code, first: FEED_SIZE },
      );
      if (result.errors?.length) return operationProblem(req, res, result.errors);
      const agency = result.data?.agency;
      if (!agency) {
        return sendError(req, res, 'NOT_FOUND', `No agency has the code ${code} 未找到该机构.`, { parameter: 'code', agencyCode: code });
      }
      const records = recordsOf(result.data?.catalogue);
      const head: FeedHead = {
        id: `${TAG_PREFIX}feeds/agency/${code}`,
        title: `${agency.name} · 政府信息公开 | Disclosures by ${agency.name}`,
        description:
          `${agency.name}（统一社会信用代码 ${code}）最新主动公开的政府信息，最近${FEED_SIZE}条，按发布时间从新到旧。 ` +
          `The latest ${FEED_SIZE} records published proactively by ${agency.name} (code ${code}), newest first.`,
        author: { name: agency.name },
        path: `${req.baseUrl}/agency/${code}`,
        search: '',
      };
      sendFeed(req, res, render(head, records, publicBase(req), parts.format), parts.format, records[0]?.publishedAt);
    } catch (error) {
      next(error);
    }
  });

  router.get('/category/:file', ...guard, async (req, res, next) => {
    try {
      const file = req.params.file as string;
      const parts = splitFile(file);
      if (!parts) return formatProblem(req, res, file, '/feeds/category/%E5%9C%9F%E5%9C%B0%E5%87%BA%E8%AE%A9.atom');
      const unknown = queryParameterProblem(req, ['region']);
      if (unknown) return sendError(req, res, 'BAD_REQUEST', unknown.message, { parameter: unknown.parameter });
      const category = parts.name;
      if (!category || category.trim() !== category || [...category].length > 100 || /[\u0000-\u001F\u007F]/.test(category)) {
        return sendError(
          req,
          res,
          'BAD_REQUEST',
          'A catalogue heading 公开目录 is 1 to 100 characters, without control characters or surrounding spaces.',
          { parameter: 'category' },
        );
      }
      const region = queryParameter(req, 'region');
      if (region !== undefined && !/^\d{6}$/.test(region)) {
        return sendError(req, res, 'BAD_REQUEST', `"${region}" is not a region code: a region is named by its 6-digit GB/T 2260 code, e.g. 532300.`, {
          parameter: 'region',
        });
      }
      const result = await runOperation<
        { region?: { code: string; name: string } | null; filed: { totalCount: number }; catalogue: Connection },
        TContext
      >(api, req, res, region ? CATEGORY_REGION_FEED : CATEGORY_FEED, { category, first: FEED_SIZE, ...(region ? { region } : {}) });
      if (result.errors?.length) return operationProblem(req, res, result.errors);
      const data = result.data;
      if (region && !data?.region) {
        return sendError(req, res, 'NOT_FOUND', `No region has the code ${region} 未找到该行政区划.`, { parameter: 'region', regionCode: region });
      }
      if (!data?.filed.totalCount) {
        return sendError(req, res, 'NOT_FOUND', `No public record is filed under the catalogue heading “${category}” 该公开目录下没有已公开的信息.`, {
          parameter: 'category',
          category,
        });
      }
      const records = recordsOf(data.catalogue);
      const where = data.region ? { zh: `${data.region.name} · `, en: ` in ${data.region.name}` } : { zh: '', en: '' };
      const head: FeedHead = {
        id: `${TAG_PREFIX}feeds/category/${encodeURIComponent(category)}${region ? `?region=${region}` : ''}`,
        title: `${where.zh}公开目录「${category}」 | Disclosures under “${category}”${where.en}`,
        description:
          `${where.zh}公开目录「${category}」下最新主动公开的政府信息，最近${FEED_SIZE}条，按发布时间从新到旧。 ` +
          `The latest ${FEED_SIZE} records filed under the catalogue heading “${category}”${where.en}, newest first.`,
        author: { name: '政府信息公开目录 · Government disclosure catalogue' },
        path: `${req.baseUrl}/category/${encodeURIComponent(category)}`,
        search: region ? `?region=${region}` : '',
      };
      sendFeed(req, res, render(head, records, publicBase(req), parts.format), parts.format, records[0]?.publishedAt);
    } catch (error) {
      next(error);
    }
  });

  // A path segment that is not valid percent-encoding (`/feeds/category/%E5.atom`) fails in the router.
  const badPath: ErrorRequestHandler = (error: { status?: number; statusCode?: number }, req, res, next) => {
    if ((error.status ?? error.statusCode) !== 400 || res.headersSent) return next(error);
    const parameter = req.path.startsWith('/agency/') ? 'code' : 'category';
    sendError(req, res, 'BAD_REQUEST', `The ${parameter} in the path is not valid percent-encoded UTF-8.`, { parameter });
  };
  router.use(badPath);
  return router;
}
