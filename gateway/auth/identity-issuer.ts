/**
 * What the gateway tells the subgraphs about the caller, instead of passing on the API key: for the
 * `Authorization` header of a request, a signed identity token (platform/identity.ts) naming the
 * key, its agency and the agency's scope, or saying why the key was refused. A request without the
 * header gets no token (anonymous).
 *
 * Answers are remembered for KEY_CACHE_MS per header (by its SHA-256, so the map holds no keys):
 * a revoked key stops working at most that long after `npm run keys -- revoke`. Scopes come from the
 * catalogue and are remembered for SCOPE_CACHE_MS (catalogue-agencies.ts). A key store or catalogue
 * that does not answer is not remembered: the next request asks again.
 */
import { createHash } from 'node:crypto';
import { MAX_SCOPE_AGENCIES, signIdentity, type Identity } from '../../platform/identity';
import type { AgencyDirectory, ApiKeyManager } from './api-key-manager';

/** How long the answer for one Authorization header is reused; a token lives IDENTITY_TOKEN_TTL_SECONDS, much longer. */
export const KEY_CACHE_MS = 5_000;
/** Headers remembered at most (the oldest go first). */
const MAX_CACHED_KEYS = 10_000;

/** What the gateway found of a request's key, and the token that tells the subgraphs. */
export interface SignedIdentity {
  identity: Identity;
  token: string;
}

export class IdentityIssuer {
  private readonly cache = new Map<string, SignedIdentity & { until: number }>();

  constructor(
    private readonly keys: ApiKeyManager,
    private readonly agencies: AgencyDirectory,
    private readonly secret: string,
  ) {}

  /**
   * The identity of a request with this Authorization header and its token to send the subgraphs;
   * undefined without one.
   */
  async identityFor(authorization: string | undefined): Promise<SignedIdentity | undefined> {
    if (!authorization) return undefined;
    const cacheKey = createHash('sha256').update(authorization).digest('base64url');
    const cached = this.cache.get(cacheKey);
    const now = Date.now();
    if (cached && cached.until > now) return cached;
    const { identity, lasting } = await this.identify(authorization);
    const signed = { identity, token: signIdentity(identity, this.secret, now) };
    this.cache.delete(cacheKey);
    if (lasting) {
      if (this.cache.size >= MAX_CACHED_KEYS) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(cacheKey, { ...signed, until: now + KEY_CACHE_MS });
    }
    return signed;
  }

  private async identify(authorization: string): Promise<{ identity: Identity; lasting: boolean }> {
    const key = await this.keys.verify(authorization);
    if (!key.ok) return { identity: { kind: 'rejected', reason: key.reason, ...(key.lasting ? {} : { code: key.code }) }, lasting: key.lasting };
    const found = await this.agencies.find(key.agencyCode);
    if (!found.ok) {
      // The reason reaches the client: it names no address (found.reason has the catalogue's URL, for `npm run keys`).
      const reason = 'the key’s agency could not be checked now (the catalogue subgraph did not answer); try again';
      return { identity: { kind: 'rejected', reason, code: 'SUBGRAPH_UNAVAILABLE' }, lasting: false };
    }
    if (!found.agency) {
      return { identity: { kind: 'rejected', reason: `the key’s agency ${key.agencyCode} is no longer in the catalogue` }, lasting: true };
    }
    if (found.agency.scope.length > MAX_SCOPE_AGENCIES) {
      const reason = `the key’s agency has ${found.agency.scope.length} agencies in its scope, more than the ${MAX_SCOPE_AGENCIES} an identity token carries; use a key of an agency lower down`;
      return { identity: { kind: 'rejected', reason }, lasting: true };
    }
    const { scope, regionCode } = found.agency;
    return { identity: { kind: 'agency', keyId: key.keyId, agencyCode: key.agencyCode, scope, regionCode }, lasting: true };
  }
}
