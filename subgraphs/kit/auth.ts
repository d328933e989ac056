import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Collection, Db, Document } from 'mongodb';
import { agenciesOf } from '../../storage/reference';

/** An agency's API key as stored: only a hash of its secret, never the secret. */
export interface StoredApiKey {
  /** The key's public id, the middle part of `gdk_<id>_<secret>`. */
  _id: string;
  agencyCode: string;
  label: string;
  /** SHA-256 of the secret, hex. Keys are 256 random bits, so a fast hash is enough. */
  secretHash: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Who is asking: nobody, an agency with the agencies it may act for, or a key that failed. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'agency'; keyId: string; agencyCode: string; scope: ReadonlySet<string> }
  | { kind: 'rejected'; reason: string };

export const ANONYMOUS: Actor = { kind: 'anonymous' };
export const API_KEYS = 'apiKeys';
const KEY_PATTERN = /^gdk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export function apiKeysOf(catalogue: Db): Collection<StoredApiKey> {
  return catalogue.collection<StoredApiKey>(API_KEYS);
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export class UnknownAgencyError extends Error {}

/** Creates a key for an agency; the returned key is shown once and stored only as a hash. */
export async function createApiKey(catalogue: Db, agencyCode: string, label: string): Promise<{ id: string; key: string }> {
  const agency = await agenciesOf(catalogue).findOne({ _id: agencyCode });
  if (!agency) throw new UnknownAgencyError(`unknown agency ${agencyCode}`);
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  await apiKeysOf(catalogue).insertOne({
    _id: id,
    agencyCode,
    label,
    secretHash: hashSecret(secret),
    createdAt: new Date(),
    revokedAt: null,
  });
  return { id, key: `gdk_${id}_${secret}` };
}

/** Revokes a key by id; false when there is no such key or it was revoked already. */
export async function revokeApiKey(catalogue: Db, id: string): Promise<boolean> {
  const result = await apiKeysOf(catalogue).updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: new Date() } });
  return result.modifiedCount === 1;
}

/** The agency and every agency under it (its departments, and theirs): whom a key may act for. */
async function agencyScope(catalogue: Db, agencyCode: string): Promise<Set<string>> {
  const agencies = await agenciesOf(catalogue).find({}, { projection: { _id: 1, parentCode: 1 } }).toArray();
  const children = new Map<string, string[]>();
  for (const agency of agencies) {
    if (!agency.parentCode) continue;
    children.set(agency.parentCode, [...(children.get(agency.parentCode) ?? []), agency._id]);
  }
  const scope = new Set<string>();
  for (let queue = [agencyCode]; queue.length; ) {
    const code = queue.pop() as string;
    if (scope.has(code)) continue;
    scope.add(code);
    queue = queue.concat(children.get(code) ?? []);
  }
  return scope;
}

/**
 * The actor behind an `Authorization: Bearer gdk_…` header. No header is anonymous; a malformed,
 * unknown or revoked key is rejected with the reason (reads then proceed as anonymous, writes are
 * refused).
 */
export async function actorFor(catalogue: Db, authorization: string | undefined): Promise<Actor> {
  if (!authorization) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  const parts = match ? KEY_PATTERN.exec(match[1]) : null;
  if (!parts) return { kind: 'rejected', reason: 'the Authorization header must be "Bearer gdk_<id>_<secret>"' };
  const [, id, secret] = parts;
  const stored = await apiKeysOf(catalogue).findOne({ _id: id });
  const matches =
    stored !== null && timingSafeEqual(Buffer.from(stored.secretHash, 'hex'), Buffer.from(hashSecret(secret), 'hex'));
  if (!stored || !matches) return { kind: 'rejected', reason: 'unknown API key' };
  if (stored.revokedAt) return { kind: 'rejected', reason: 'this API key was revoked' };
  return { kind: 'agency', keyId: id, agencyCode: stored.agencyCode, scope: await agencyScope(catalogue, stored.agencyCode) };
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
