/**
 * The catalogue's data source for an owning subgraph: its owner endpoints (subgraphs/kit/owner-api.ts)
 * over HTTP. Writes carry the caller's identity as the gateway signed it, so the owner decides with
 * the same vouching; the revision feed is read with the catalogue's service identity. A failure is a
 * GraphQL error naming the subgraph (never its address), with the owner's own code when it answered.
 */
import { BSON } from 'mongodb';
import { request } from 'undici';
import type { RecordTypeName } from '../../model/record-types';
import { codedError, isErrorCode } from '../../platform/error-codes';
import { IDENTITY_HEADER } from '../../platform/identity';
import { typesOwnedBy } from '../../publishing/catalogue-projector';
import { decodeRevisionCursor, encodeRevisionCursor, type RevisionPage } from '../../publishing/owner-store';
import type { RecordOwner } from '../../publishing/publisher';

/** An owner call is abandoned after this long. */
export const OWNER_TIMEOUT_MS = 15_000;

export interface OwnerConnection {
  name: string;
  /** The subgraph's base URL (its GraphQL endpoint). */
  url: string;
  /** A fresh service identity of the catalogue, for reading the feed. */
  serviceToken(): string;
}

async function call<T>(owner: OwnerConnection, method: 'GET' | 'POST', path: string, token: string | undefined, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers[IDENTITY_HEADER] = token;
  let status: number;
  let text: string;
  try {
    const response = await request(new URL(`owner/${path}`, owner.url), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      headersTimeout: OWNER_TIMEOUT_MS,
      bodyTimeout: OWNER_TIMEOUT_MS,
    });
    status = response.statusCode;
    text = await response.body.text();
  } catch {
    throw codedError('SUBGRAPH_UNAVAILABLE', `The ${owner.name} subgraph, which owns these records, did not answer; nothing was changed there. Retry later.`, {
      subgraph: owner.name,
    });
  }
  const parsed = BSON.EJSON.parse(text, { relaxed: true }) as T & { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  if (status >= 400 || parsed.errors) {
    const first = parsed.errors?.[0];
    const { code, ...extensions } = first?.extensions ?? {};
    throw codedError(isErrorCode(code) ? code : 'SUBGRAPH_UNAVAILABLE', first?.message ?? `The ${owner.name} subgraph answered ${status}`, {
      ...extensions,
      subgraph: owner.name,
    });
  }
  return parsed;
}

/** An owner reached over HTTP. */
export function httpOwner(owner: OwnerConnection): RecordOwner {
  const types: RecordTypeName[] = typesOwnedBy(owner.name);
  return {
    name: owner.name,
    feed: {
      owner: owner.name,
      types,
      read: async (after, first) => {
        const query = new URLSearchParams({ first: String(first) });
        const cursor = encodeRevisionCursor(after);
        if (cursor) query.set('after', cursor);
        const page = await call<Omit<RevisionPage, 'next'> & { next: string | null }>(owner, 'GET', `changes?${query}`, owner.serviceToken());
        return { ...page, next: decodeRevisionCursor(page.next) };
      },
      count: async () => (await call<{ count: number }>(owner, 'GET', 'count', owner.serviceToken())).count,
    },
    // Over HTTP an owner stores what the publishing API sends as drafts, whatever the status asked.
    submit: (submissions, _status, caller) =>
      call(owner, 'POST', 'submissions', caller.identityToken, {
        submissions: submissions.map(({ deidentified, agencyName, regionPath }) => ({ submission: deidentified, agencyName, regionPath })),
      }),
    move: (indexNumbers, target, caller) => call(owner, 'POST', 'moves', caller.identityToken, { indexNumbers, target }),
  };
}
