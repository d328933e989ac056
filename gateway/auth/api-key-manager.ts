/**
 * What an API key is and does, apart from where keys are kept (api-key-store.ts): creating one for
 * an agency the catalogue knows, revoking it, checking an `Authorization: Bearer gdk_<id>_<secret>`
 * header. Expected failures (an unknown agency, a revoked key, a catalogue that does not answer)
 * come back as results, never thrown.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AgencyLookup } from './catalogue-agencies';
import type { ApiKeyStore, StoredApiKey } from './api-key-store';

const KEY_PATTERN = /^gdk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** Who tells whether an agency exists: the catalogue (catalogue-agencies.ts). */
export interface AgencyDirectory {
  find(code: string): Promise<AgencyLookup>;
}

export type CreateKeyResult =
  | { ok: true; id: string; key: string }
  | { ok: false; error: 'unknown-agency' | 'catalogue-unavailable'; message: string };

export type RevokeKeyResult = { ok: true } | { ok: false; error: 'no-active-key'; message: string };

export type VerifyKeyResult =
  | { ok: true; keyId: string; agencyCode: string }
  /** `lasting`: the same header will get the same answer (worth remembering); false when the store did not answer. */
  | { ok: false; reason: string; lasting: true }
  | { ok: false; reason: string; lasting: false; code: 'DATABASE_UNAVAILABLE' };

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export class ApiKeyManager {
  constructor(
    private readonly store: ApiKeyStore,
    private readonly agencies: AgencyDirectory,
  ) {}

  /** Creates a key for an agency the catalogue knows; the key is returned once and stored only as a hash. */
  async create(agencyCode: string, label: string): Promise<CreateKeyResult> {
    const found = await this.agencies.find(agencyCode);
    if (!found.ok) return { ok: false, error: 'catalogue-unavailable', message: `cannot check the agency: ${found.reason}` };
    if (!found.agency) return { ok: false, error: 'unknown-agency', message: `unknown agency ${agencyCode}: the catalogue has no agency with this code` };
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    await this.store.insert({ _id: id, agencyCode, label, secretHash: hashSecret(secret), createdAt: new Date(), revokedAt: null });
    return { ok: true, id, key: `gdk_${id}_${secret}` };
  }

  /** Revokes a key by id at once (the gateway stops honouring it within KEY_CACHE_MS). */
  async revoke(id: string): Promise<RevokeKeyResult> {
    if (await this.store.revoke(id, new Date())) return { ok: true };
    return { ok: false, error: 'no-active-key', message: `no active key with id ${id}` };
  }

  list(agencyCode?: string): Promise<StoredApiKey[]> {
    return this.store.list(agencyCode);
  }

  /**
   * The key behind an `Authorization` header (which must be given): its id and agency, or why it is
   * refused: malformed, unknown, revoked, or not checkable now. The reason never quotes the header.
   */
  async verify(authorization: string): Promise<VerifyKeyResult> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const parts = match ? KEY_PATTERN.exec(match[1]) : null;
    if (!parts) return { ok: false, reason: 'the Authorization header must be "Bearer gdk_<id>_<secret>"', lasting: true };
    const [, id, secret] = parts;
    let stored: StoredApiKey | null;
    try {
      stored = await this.store.findById(id);
    } catch {
      return { ok: false, reason: 'the API key could not be checked now (the gateway’s key store did not answer); try again', lasting: false, code: 'DATABASE_UNAVAILABLE' };
    }
    const matches =
      stored !== null && timingSafeEqual(Buffer.from(stored.secretHash, 'hex'), Buffer.from(hashSecret(secret), 'hex'));
    if (!stored || !matches) return { ok: false, reason: 'unknown API key', lasting: true };
    if (stored.revokedAt) return { ok: false, reason: 'this API key was revoked', lasting: true };
    return { ok: true, keyId: id, agencyCode: stored.agencyCode };
  }
}
