/**
 * Who asks a subgraph, as the gateway vouches for it: the subgraphs never see an API key nor read
 * the key store. The gateway checks the key and sends a signed identity token (platform/identity.ts)
 * in the `x-disclosure-identity` header; the kit verifies it once per request (server.ts) and hands
 * the resulting Actor to the subgraph's context.
 */
import type { Document } from 'mongodb';
import { codedError } from '../../platform/error-codes';
import { verifyIdentity, type RefusalCode } from '../../platform/identity';

/** Who is asking: nobody, an agency with the agencies it may act for, or a key that failed. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'agency'; keyId: string; agencyCode: string; scope: ReadonlySet<string>; regionCode: string }
  | { kind: 'rejected'; reason: string; code?: RefusalCode }
  /** Another subgraph of this deployment, on its own behalf: reads what owners publish to the catalogue. */
  | { kind: 'service'; service: string };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/**
 * The actor behind the identity header of a request. No header is anonymous; a token that fails
 * verification (another secret, another issuer or audience, expired, malformed) is rejected with the
 * reason, as is a token in which the gateway says the key was refused. Reads then proceed as
 * anonymous, writes are refused. The reason never quotes the token.
 */
export function actorFromIdentity(header: string | string[] | undefined, secret: string): Actor {
  if (header === undefined || header === '') return ANONYMOUS;
  if (Array.isArray(header)) return { kind: 'rejected', reason: 'the request carries more than one identity token' };
  const verified = verifyIdentity(header, secret);
  if (!verified.ok) return { kind: 'rejected', reason: verified.reason };
  const { identity } = verified;
  if (identity.kind === 'rejected') return { kind: 'rejected', reason: identity.reason, ...(identity.code ? { code: identity.code } : {}) };
  if (identity.kind === 'service') return { kind: 'service', service: identity.service };
  return { kind: 'agency', keyId: identity.keyId, agencyCode: identity.agencyCode, scope: new Set(identity.scope), regionCode: identity.regionCode };
}

/**
 * Which records an actor may see: published ones, and an agency's own in any state (its drafts
 * under review, its withdrawn records).
 */
export function visibilityFilter(actor: Actor): Document {
  if (actor.kind !== 'agency') return { status: 'PUBLISHED' };
  return { $or: [{ status: 'PUBLISHED' }, { agencyCode: { $in: [...actor.scope] } }] };
}

export function isVisible(record: { status: string; agencyCode: string }, actor: Actor): boolean {
  return record.status === 'PUBLISHED' || (actor.kind === 'agency' && actor.scope.has(record.agencyCode));
}

/**
 * The agency an actor may act for, or the error explaining why not (UNAUTHENTICATED, or what did not
 * answer when the key was checked); `action` names what needs the key (`Publishing`).
 */
export function requireAgency(actor: Actor, action: string): Extract<Actor, { kind: 'agency' }> {
  if (actor.kind === 'agency') return actor;
  const reason = actor.kind === 'rejected' ? actor.reason : 'no API key: send Authorization: Bearer gdk_<id>_<secret>';
  throw codedError(actor.kind === 'rejected' ? (actor.code ?? 'UNAUTHENTICATED') : 'UNAUTHENTICATED', `${action} needs an agency's API key: ${reason}`);
}
