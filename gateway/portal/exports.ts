/**
 * Streaming exports of any catalogue filter, with no row limit, for people who want a spreadsheet:
 *
 *   GET /export.csv?filter=<CatalogueFilter as JSON>&order=NEWEST_FIRST|OLDEST_FIRST
 *   GET /export.ndjson?…  (the same)
 *
 * The rows are the catalogue's own pages (100 records each) read through the gateway's GraphQL API
 * (see own-api.ts), following the cursor; each page is written as it arrives, the next one is asked
 * for meanwhile, and nothing more is read while the client is not taking what was written. The
 * first page is read before anything is sent, so a filter the API refuses is a 400 with its reason.
 * A page that fails later, after the 200 went out, ends the response abruptly (the client sees an
 * incomplete transfer, never a silently short file); a client that goes away stops the export.
 */
import type { BaseContext } from '@apollo/server';
import { stringify } from 'csv-stringify/sync';
import { Router, type Request, type Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { MAX_PAGE_SIZE } from '../../storage/pagination';
import { RECORD_COLUMNS, RECORD_COLUMNS_SELECTION, recordCells } from '../../model/records/export-columns';
import { shanghaiDate } from '../../model/time';
import { codeOfAnswer } from '../../platform/error-codes';
import { queryParameter, queryParameterProblem, runOperation, sendError, type OwnApi } from './own-api';

/** The envelope's columns, in order. */
export const ENVELOPE_COLUMNS = [
  'type',
  'indexNumber',
  'title',
  'summary',
  'domain',
  'category',
  'agencyCode',
  'agencyName',
  'regionCode',
  'regionName',
  'documentNumber',
  'subjectTerms',
  'writtenOn',
  'publishedAt',
  'publishedOn',
  'disclosureMode',
  'publicationDelayWorkingDays',
  'publishedLate',
  'qualityFlags',
  'sourceUrl',
] as const;

/**
 * The columns of the CSV, in order: the envelope's, then the own fields of every record type
 * (model/records; a field several types have is one column), empty where a record's type has none.
 */
export const EXPORT_COLUMNS: readonly string[] = [...ENVELOPE_COLUMNS, ...RECORD_COLUMNS];

/** One exported record: the catalogue envelope, flat, and its type's own fields. */
export interface ExportRow {
  type: string;
  indexNumber: string;
  title: string;
  summary: string | null;
  domain: string;
  category: string;
  agencyCode: string;
  agencyName: string;
  regionCode: string;
  regionName: string;
  documentNumber: string | null;
  subjectTerms: string[];
  writtenOn: string | null;
  publishedAt: string;
  publishedOn: string;
  disclosureMode: string;
  publicationDelayWorkingDays: number | null;
  publishedLate: boolean | null;
  qualityFlags: string[];
  sourceUrl: string | null;
  /** The type's own fields by name: money as exact yuan text, objects and lists kept whole. */
  fields: Record<string, unknown>;
}

/** How subject terms (and a list of values in a field of the type's own) are joined in a CSV cell. */
export const SUBJECT_TERM_SEPARATOR = ';';

const ORDERS = ['NEWEST_FIRST', 'OLDEST_FIRST'] as const;
type Order = (typeof ORDERS)[number];

/** The query a client paging through the catalogue would send. */
export const EXPORT_QUERY = `query CatalogueExport($filter: CatalogueFilter, $orderBy: DisclosureOrder, $first: Int!, $after: String) {
  catalogue(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        __typename
        indexNumber
        title
        summary
        domain
        category
        agency { code name }
        region { code name }
        documentNumber
        subjectTerms
        writtenOn
        publishedAt
        publishedOn
        disclosureMode
        publicationDelayWorkingDays
        publishedLate
        qualityFlags
        sourceUrl
${RECORD_COLUMNS_SELECTION.replace(/^/gm, '        ')}
      }
    }
  }
}`;

/** A catalogue node as the export query asks for it: the row's fields, with agency and region nested. */
type ExportNode = Omit<ExportRow, 'type' | 'agencyCode' | 'agencyName' | 'regionCode' | 'regionName' | 'fields'> & {
  __typename: string;
  [ownField: string]: unknown;
  agency: { code: string; name: string };
  region: { code: string; name: string };
};

interface ExportPage {
  catalogue: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: ExportNode | null }>;
  };
}

interface PageRows {
  ok: true;
  rows: ExportRow[];
  endCursor: string | null;
  hasNextPage: boolean;
}

type PageOutcome = PageRows | { ok: false; errors: readonly GraphQLFormattedError[] };

function rowOf(node: ExportNode): ExportRow {
  return {
    type: node.__typename,
    indexNumber: node.indexNumber,
    title: node.title,
    summary: node.summary,
    domain: node.domain,
    category: node.category,
    agencyCode: node.agency.code,
    agencyName: node.agency.name,
    regionCode: node.region.code,
    regionName: node.region.name,
    documentNumber: node.documentNumber,
    subjectTerms: node.subjectTerms,
    writtenOn: node.writtenOn,
    publishedAt: node.publishedAt,
    publishedOn: node.publishedOn,
    disclosureMode: node.disclosureMode,
    publicationDelayWorkingDays: node.publicationDelayWorkingDays,
    publishedLate: node.publishedLate,
    qualityFlags: node.qualityFlags,
    sourceUrl: node.sourceUrl,
    fields: recordCells(node.__typename, node),
  };
}

/** A value of a type's own field as CSV text: a list of values joined, an object (or a list of them) as JSON. */
function csvCell(value: unknown): unknown {
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) return value.join(SUBJECT_TERM_SEPARATOR);
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}

interface Format {
  extension: 'csv' | 'ndjson';
  contentType: string;
  /** The bytes of one page; `first` for the first page (the CSV's BOM and header row). */
  encode(rows: ExportRow[], first: boolean): string;
}

/**
 * CSV for spreadsheets: RFC 4180 (CRLF, fields with commas, quotes or line breaks quoted), UTF-8
 * with a byte order mark so Excel reads Chinese correctly, a header row. Text that a spreadsheet
 * would run as a formula (starting with = + - @) gets a leading ' (csv-stringify's escape_formulas);
 * NDJSON carries every value exactly.
 */
const CSV: Format = {
  extension: 'csv',
  contentType: 'text/csv; charset=utf-8; header=present',
  encode: (rows, first) =>
    stringify(
      rows.map(({ fields, ...row }) => ({
        ...Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, csvCell(value)])),
        ...row,
        subjectTerms: row.subjectTerms.join(SUBJECT_TERM_SEPARATOR),
        qualityFlags: row.qualityFlags.join(SUBJECT_TERM_SEPARATOR),
      })),
      {
        columns: [...EXPORT_COLUMNS],
        header: first,
        bom: first,
        record_delimiter: 'windows',
        quote_record_delimiter: true,
        escape_formulas: true,
        cast: { boolean: (value) => String(value) },
      },
    ),
};

/**
 * NDJSON: one JSON object per line, the envelope's columns and the record type's own fields as keys,
 * subject terms and other lists as arrays, objects as objects, nulls kept.
 */
const NDJSON: Format = {
  extension: 'ndjson',
  contentType: 'application/x-ndjson; charset=utf-8',
  encode: (rows) =>
    rows
      .map(({ fields, ...row }) => `${JSON.stringify({ ...Object.fromEntries(ENVELOPE_COLUMNS.map((column) => [column, row[column]])), ...fields })}\n`)
      .join(''),
};

/** The export's parameters, or what is wrong with them. */
function exportParameters(
  req: Request,
): { ok: true; filter: Record<string, unknown> | null; order: Order } | { ok: false; parameter: string; message: string } {
  const unknown = queryParameterProblem(req, ['filter', 'order']);
  if (unknown) return { ok: false, ...unknown };
  const order = queryParameter(req, 'order') ?? 'NEWEST_FIRST';
  if (!(ORDERS as readonly string[]).includes(order)) {
    return { ok: false, parameter: 'order', message: `"order" must be NEWEST_FIRST or OLDEST_FIRST; got ${JSON.stringify(order)}.` };
  }
  const text = queryParameter(req, 'filter');
  if (text === undefined || text.trim() === '') return { ok: true, filter: null, order: order as Order };
  let filter: unknown;
  try {
    filter = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      parameter: 'filter',
      message: `"filter" is not valid JSON (${(error as Error).message}); give a CatalogueFilter object, e.g. {"categories":["土地出让"]}.`,
    };
  }
  if (filter !== null && (typeof filter !== 'object' || Array.isArray(filter))) {
    return { ok: false, parameter: 'filter', message: `"filter" must be a JSON object (a CatalogueFilter); got ${Array.isArray(filter) ? 'an array' : typeof filter}.` };
  }
  return { ok: true, filter: filter as Record<string, unknown> | null, order: order as Order };
}

/** Waits until the response takes more data, or the client has gone. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * The export routes (`/export.csv`, `/export.ndjson`), to mount at the gateway's root. Invalid
 * parameters are 400 naming the parameter, before any row is sent.
 */
export function exportsRouter<TContext extends BaseContext>(api: OwnApi<TContext>): Router {
  const router = Router();
  const guard = api.guard ?? [];

  const exportTo = (format: Format) => async (req: Request, res: Response) => {
    const parameters = exportParameters(req);
    if (!parameters.ok) {
      sendError(req, res, 'BAD_REQUEST', parameters.message, { parameter: parameters.parameter });
      return;
    }
    const { filter, order } = parameters;
    const page = async (after: string | null): Promise<PageOutcome> => {
      try {
        const result = await runOperation<ExportPage, TContext>(api, req, res, EXPORT_QUERY, {
          filter,
          orderBy: order,
          first: MAX_PAGE_SIZE,
          after,
        });
        const catalogue = result.data?.catalogue;
        // A record missing from a page (a subgraph failing) fails the export: no silently short file.
        if (result.errors?.length || !catalogue) return { ok: false, errors: result.errors ?? [] };
        const nodes = catalogue.edges.map((edge) => edge.node);
        if (nodes.some((node) => node === null)) return { ok: false, errors: [{ message: 'A record of the page is missing.' }] };
        return {
          ok: true,
          rows: (nodes as ExportNode[]).map(rowOf),
          endCursor: catalogue.pageInfo.endCursor,
          hasNextPage: catalogue.pageInfo.hasNextPage,
        };
      } catch (error) {
        return { ok: false, errors: [{ message: (error as Error).message ?? String(error) }] };
      }
    };

    const opening = await page(null);
    if (!opening.ok) {
      const errors = opening.errors.length ? opening.errors : [{ message: 'The catalogue did not answer.' }];
      const [first] = errors;
      const code = codeOfAnswer(errors);
      const byFilter = code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED';
      sendError(req, res, code, byFilter ? `The filter was refused: ${first.message}` : first.message, {
        ...first.extensions,
        ...(byFilter ? { parameter: 'filter' } : {}),
      });
      return;
    }

    let current: PageRows = opening;
    let gone = false;
    res.once('close', () => {
      gone = true;
    });
    res
      .status(200)
      .set({
        'Content-Type': format.contentType,
        'Content-Disposition': `attachment; filename="disclosures-${shanghaiDate(new Date())}.${format.extension}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    res.flushHeaders();

    let first = true;
    for (;;) {
      // Ask for the next page while this one is written.
      const next: Promise<PageOutcome> | undefined = current.hasNextPage && current.endCursor ? page(current.endCursor) : undefined;
      const chunk = format.encode(current.rows, first);
      first = false;
      if (chunk && !res.write(chunk)) await drained(res);
      if (gone) return;
      if (!next) break;
      const outcome: PageOutcome = await next;
      if (gone) return;
      if (!outcome.ok) {
        req.log?.error({ codes: outcome.errors.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR') }, 'export failed after the first page');
        res.destroy();
        return;
      }
      current = outcome;
    }
    res.end();
  };

  router.get('/export.csv', ...guard, exportTo(CSV));
  router.get('/export.ndjson', ...guard, exportTo(NDJSON));
  return router;
}
