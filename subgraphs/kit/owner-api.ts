/**
 * The owner's side of publishing over HTTP, served by every domain subgraph on its own port beside
 * GraphQL, for the catalogue's publishing API (not part of the public graph):
 *
 *   POST /owner/submissions  { submissions: [{ submission, agencyName, regionPath }] }  → stored as DRAFT
 *   POST /owner/moves        { indexNumbers, target }                                   → review state moved
 *   GET  /owner/changes?after=&first=                                                   → the revision feed
 *
 * Writes act for the agency of the gateway's identity (its scope, checked against the records here,
 * and its region: a record's region path, which the catalogue resolved, must pass through it);
 * the feed is read by the catalogue with a service identity. Every refusal is a GraphQL-shaped error
 * with a code, sent with that code's HTTP status. Records travel as Extended JSON (dates kept).
 */
import type { IncomingMessage } from 'node:http';
import express, { type Request, type Response, type Router } from 'express';
import { GraphQLError } from 'graphql';
import { BSON, type Db } from 'mongodb';
import { z } from 'zod';
import { validateSubmission } from '../../model/input';
import type { FieldsSchema } from '../../model/records/rules';
import type { RecordTypeName } from '../../model/record-types';
import { typesOwnedBy } from '../../publishing/catalogue-projector';
import { AttachmentStore } from '../../publishing/attachment-store';
import { OwnerPublishing } from '../../publishing/owner-publishing';
import { decodeRevisionCursor, encodeRevisionCursor, OwnerRecordStore } from '../../publishing/owner-store';
import type { PreparedDisclosure, RejectedDisclosure } from '../../publishing/stored-record';
import { statusOf, type ErrorCode } from '../../platform/error-codes';
import { internalErrorAnswer, internalErrorLog } from '../../platform/errors';
import { MAX_PAGE_SIZE } from '../../storage/pagination';
import type { Actor } from './auth';

export const MAX_OWNER_BATCH = 500;

type FieldSchemas = Partial<Record<RecordTypeName, FieldsSchema>>;

const submissionsBody = z
  .object({
    submissions: z
      .array(z.object({ submission: z.unknown(), agencyName: z.string().min(1), regionPath: z.array(z.string().regex(/^\d{6}$/)).min(1) }).strict())
      .min(1)
      .max(MAX_OWNER_BATCH),
  })
  .strict();

const movesBody = z
  .object({
    indexNumbers: z.array(z.string().min(1)).min(1).max(MAX_OWNER_BATCH),
    target: z.enum(['REVIEWED', 'PUBLISHED', 'WITHDRAWN']),
  })
  .strict();

const changesQuery = z
  .object({ after: z.string().optional(), first: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE * 5).default(MAX_PAGE_SIZE) })
  .strict();

class OwnerApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

function send(res: Response, code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): void {
  res.status(statusOf(code)).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = [where, ...issue.path.map(String)].join('.');
  throw new OwnerApiError('BAD_USER_INPUT', `Invalid value for "${field}": ${issue.message}`, { argument: field, rule: issue.code });
}

/** Refuses the whole call when any record belongs to an agency outside the caller's scope. */
function refuseOutsideScope(indexNumbers: readonly string[]): void {
  if (!indexNumbers.length) return;
  throw new OwnerApiError('FORBIDDEN', `This identity may not act on ${indexNumbers.slice(0, 5).join(', ')}: they belong to another agency`, {
    indexNumbers,
  });
}

function agencyOf(actor: Actor): Extract<Actor, { kind: 'agency' }> {
  if (actor.kind === 'agency') return actor;
  const reason = actor.kind === 'rejected' ? actor.reason : 'no identity from the gateway';
  throw new OwnerApiError(actor.kind === 'rejected' ? (actor.code ?? 'UNAUTHENTICATED') : 'UNAUTHENTICATED', `Writing records needs an agency's identity: ${reason}`);
}

/** The owner endpoints of the subgraph `owner`, over its own database. */
export function ownerApi(owner: string, db: Db, schemas: FieldSchemas, actorOf: (req: IncomingMessage) => Actor): Router {
  const store = new OwnerRecordStore(db, typesOwnedBy(owner));
  const publishing = new OwnerPublishing(store, new AttachmentStore(db));
  const router = express.Router();
  const handle = (work: (req: Request) => Promise<unknown>) => async (req: Request, res: Response) => {
    try {
      res.type('application/json').send(BSON.EJSON.stringify(await work(req), { relaxed: true }));
    } catch (error) {
      if (error instanceof OwnerApiError) send(res, error.code, error.message, error.extensions);
      // A bad cursor (decodeRevisionCursor) is refused as the GraphQL API refuses it.
      else if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') send(res, 'BAD_USER_INPUT', error.message, error.extensions);
      else {
        req.log?.error({ error: internalErrorLog(error) }, 'internal error');
        const { message, extensions: { code, ...named } } = internalErrorAnswer(error, owner);
        send(res, code, message, named);
      }
    }
  };

  router.post(
    '/submissions',
    handle(async (req) => {
      const agency = agencyOf(actorOf(req));
      const body = parse(submissionsBody, req.body, 'body');
      const rejected: Array<RejectedDisclosure & { position: number }> = [];
      const prepared: PreparedDisclosure[] = [];
      body.submissions.forEach(({ submission, agencyName, regionPath }, position) => {
        const result = validateSubmission(submission, schemas);
        if (!result.ok) {
          const indexNumber = (result.submission as { envelope?: { indexNumber?: unknown } } | null)?.envelope?.indexNumber;
          for (const error of result.errors) {
            rejected.push({ position, indexNumber: typeof indexNumber === 'string' ? indexNumber : '', field: error.field, reason: `${error.rule}: ${error.message}` });
          }
        } else if (!store.types.includes(result.input.type)) {
          rejected.push({ position, indexNumber: result.input.envelope.indexNumber, field: 'type', reason: `${result.input.type} records are not kept by the ${owner} subgraph` });
        } else if (agency.scope.has(result.input.envelope.agencyCode) && !regionPath.includes(agency.regionCode)) {
          // The catalogue checks the record's agency; this checks the key's, as the gateway vouches for it.
          // (A record of another agency is refused as a whole below.)
          const { indexNumber, regionCode } = result.input.envelope;
          const reason = `${regionCode} is outside the region ${agency.regionCode} of the identity's agency: an agency files records only in its own region or below it`;
          rejected.push({ position, indexNumber, field: 'envelope.regionCode', reason });
        } else prepared.push({ input: result.input, agencyName, regionPath });
      });
      const outcome = await publishing.submit(prepared, 'DRAFT', agency.scope);
      refuseOutsideScope(outcome.forbidden);
      return { ...outcome, rejected: [...rejected, ...outcome.rejected] };
    }),
  );

  router.post(
    '/moves',
    handle(async (req) => {
      const { scope } = agencyOf(actorOf(req));
      const body = parse(movesBody, req.body, 'body');
      const outcome = await publishing.move(body.indexNumbers, body.target, scope);
      refuseOutsideScope(outcome.forbidden);
      return { refused: outcome.refused, forbidden: [] };
    }),
  );

  router.get(
    '/changes',
    handle(async (req) => {
      const actor = actorOf(req);
      if (actor.kind !== 'service') throw new OwnerApiError('UNAUTHENTICATED', 'The revision feed is read by the catalogue subgraph with its service identity');
      const query = parse(changesQuery, req.query, 'query');
      const page = await store.changesAfter(decodeRevisionCursor(query.after), query.first);
      return { records: page.records, next: encodeRevisionCursor(page.next), hasMore: page.hasMore };
    }),
  );

  router.get(
    '/count',
    handle(async (req) => {
      if (actorOf(req).kind !== 'service') throw new OwnerApiError('UNAUTHENTICATED', 'Counts are read by the catalogue subgraph with its service identity');
      return { count: await store.count() };
    }),
  );

  return router;
}
