import type { GraphQLError } from 'graphql';
import { JSONObjectResolver } from 'graphql-scalars';
import { requireAgency } from '../kit/auth';
import type { ChangeFilter } from '../../publishing/change-log';
import { codedError } from '../../platform/error-codes';
import { badUserInput } from '../../platform/errors';
import { validateSubmission, type FieldError } from '../../model/input';
import type { DisclosureInput } from '../../model/input';
import { qualityFlagsOf } from '../../model/quality';
import { pageSize } from '../../storage/pagination';
import { FIELD_SCHEMAS } from '../../model/records';
import type { TargetStatus } from '../../model/review';
import type { CatalogueContext } from './context';

const MAX_SUBMISSIONS = 500;

function forbidden(indexNumbers: string[], why: string): GraphQLError {
  return codedError('FORBIDDEN', `This API key may not act on ${indexNumbers.slice(0, 5).join(', ')}: ${why}`, { indexNumbers });
}

interface SubmitArgs {
  submissions: unknown[];
}

async function submitDisclosures(args: SubmitArgs, context: CatalogueContext) {
  const actor = requireAgency(context.actor, 'Publishing');
  if (args.submissions.length > MAX_SUBMISSIONS) {
    throw badUserInput('submissions', 'max-items', `at most ${MAX_SUBMISSIONS} records a call; got ${args.submissions.length}`);
  }
  const rejected: Array<{ position: number; indexNumber: string | null; errors: FieldError[] }> = [];
  const valid: Array<{ position: number; input: DisclosureInput; deidentified: unknown }> = [];
  args.submissions.forEach((sent, position) => {
    // Only the de-identified submission goes on, to the owner and into the answer.
    const result = validateSubmission(sent, FIELD_SCHEMAS);
    if (result.ok) valid.push({ position, input: result.input, deidentified: result.submission });
    else {
      const indexNumber = (result.submission as { envelope?: { indexNumber?: unknown } }).envelope?.indexNumber;
      rejected.push({ position, indexNumber: typeof indexNumber === 'string' ? indexNumber : null, errors: result.errors });
    }
  });

  const outside = valid.filter(({ input }) => !actor.scope.has(input.envelope.agencyCode));
  if (outside.length) throw forbidden(outside.map((v) => v.input.envelope.indexNumber), 'they are published by another agency');
  const stored = await context.entries.loadMany(valid.map((v) => v.input.envelope.indexNumber));
  const takenOver = valid.filter((_, i) => {
    const existing = stored[i];
    return existing && !(existing instanceof Error) && !actor.scope.has(existing.agencyCode);
  });
  if (takenOver.length) throw forbidden(takenOver.map((v) => v.input.envelope.indexNumber), 'they belong to another agency');

  const written = await context.writer.writeDetailed(valid, { status: 'DRAFT', caller: { scope: actor.scope, identityToken: context.identityToken } });
  if (written.forbidden.length) throw forbidden(written.forbidden, 'they belong to another agency');
  const sentAs = new Map(valid.map((v) => [v.input.envelope.indexNumber, v]));
  for (const refusal of written.rejected) {
    rejected.push({
      position: sentAs.get(refusal.indexNumber)?.position ?? -1,
      indexNumber: refusal.indexNumber,
      errors: [{ field: refusal.field, rule: refusal.rule ?? 'reference', message: refusal.reason }],
    });
  }
  return {
    accepted: written.results.map((r) => {
      const sent = sentAs.get(r.indexNumber);
      return { ...r, position: sent?.position ?? -1, qualityFlags: sent ? qualityFlagsOf(sent.input.envelope) : [] };
    }),
    rejected: rejected.sort((a, b) => a.position - b.position),
  };
}

async function moveTo(status: TargetStatus, args: { indexNumbers: string[] }, context: CatalogueContext) {
  const actor = requireAgency(context.actor, 'Publishing');
  if (args.indexNumbers.length < 1 || args.indexNumbers.length > MAX_SUBMISSIONS) {
    throw badUserInput('indexNumbers', 'count', `give 1 to ${MAX_SUBMISSIONS} index numbers`);
  }
  const { refused, forbidden: outside } = await context.writer.move(args.indexNumbers, status, { scope: actor.scope, identityToken: context.identityToken });
  if (outside.length) throw forbidden(outside, 'they belong to another agency');
  if (refused.length) {
    throw badUserInput('indexNumbers', 'transition', refused.map((r) => `${r.indexNumber}: ${r.reason}`).join('; '));
  }
  return args.indexNumbers.map((indexNumber) => ({ indexNumber, status }));
}

interface ChangeCursor {
  v: 1;
  s: number;
}

function decodeChangeCursor(after: string | null | undefined): number {
  if (after === null || after === undefined) return 0;
  try {
    const cursor = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as Partial<ChangeCursor>;
    if (cursor.v === 1 && Number.isSafeInteger(cursor.s) && (cursor.s as number) >= 0) return cursor.s as number;
  } catch {
    // reported below
  }
  throw badUserInput('after', 'cursor', 'not a change-feed cursor issued by this API; pass a previous pageInfo.endCursor');
}

const encodeChangeCursor = (sequence: number) => Buffer.from(JSON.stringify({ v: 1, s: sequence })).toString('base64url');

async function changes(
  args: { after?: string | null; first?: number | null; filter?: ChangeFilter | null },
  context: CatalogueContext,
) {
  const page = await context.changeLog.read(decodeChangeCursor(args.after), pageSize(args.first), args.filter ?? {});
  const current = await context.entries.loadMany(page.changes.map((c) => c.indexNumber));
  return {
    edges: page.changes.map((change, i) => {
      const entry = current[i];
      const isPublic = entry && !(entry instanceof Error) && entry.status === 'PUBLISHED';
      return {
        cursor: encodeChangeCursor(change._id),
        node: {
          sequence: change._id,
          kind: isPublic ? 'UPSERT' : 'TOMBSTONE',
          indexNumber: change.indexNumber,
          type: change.type,
          disclosure: isPublic ? entry : null,
        },
      };
    }),
    pageInfo: { hasNextPage: page.hasMore, endCursor: encodeChangeCursor(page.after) },
  };
}

/** Resolvers of the publishing API and the change feed, over the one write path. */
export const publishingResolvers = {
  JSONObject: JSONObjectResolver,
  Mutation: {
    submitDisclosures: (_: unknown, args: SubmitArgs, context: CatalogueContext) => submitDisclosures(args, context),
    reviewDisclosures: (_: unknown, args: { indexNumbers: string[] }, context: CatalogueContext) => moveTo('REVIEWED', args, context),
    publishDisclosures: (_: unknown, args: { indexNumbers: string[] }, context: CatalogueContext) => moveTo('PUBLISHED', args, context),
    withdrawDisclosures: (_: unknown, args: { indexNumbers: string[] }, context: CatalogueContext) => moveTo('WITHDRAWN', args, context),
  },
  changes: (_: unknown, args: Parameters<typeof changes>[0], context: CatalogueContext) => changes(args, context),
};
