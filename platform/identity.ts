/**
 * The identity the gateway vouches for on every call it makes to a subgraph, in one place for both
 * sides: the gateway signs it (gateway/auth/identity-issuer.ts), the subgraph kit verifies it
 * (subgraphs/kit/auth.ts). README, "Keys and identity".
 *
 * The gateway checks an agency's API key against its own key store and sends the subgraphs, instead
 * of the key, a JWT (HS256, `jsonwebtoken`) in the `x-disclosure-identity` header, signed with the
 * secret IDENTITY_SECRET the gateway and every subgraph share. Its claims:
 *
 * | claim        | value                                                                     |
 * |--------------|---------------------------------------------------------------------------|
 * | `iss`, `aud` | `disclosure-gateway`, `disclosure-subgraphs`                              |
 * | `iat`, `exp` | issued at, expires IDENTITY_TOKEN_TTL_SECONDS (60) later                  |
 * | `kind`       | `agency`: a key that checked out; `rejected`: a key that did not           |
 * | `keyId`      | (agency) the key's public id                                              |
 * | `agencyCode` | (agency) the agency the key belongs to                                    |
 * | `scope`      | (agency) that agency and every agency under it, from the catalogue        |
 * | `regionCode` | (agency) the agency's region: it files records there or below it          |
 * | `reason`     | (rejected) why the key was refused, e.g. `this API key was revoked`        |
 * | `code`       | (rejected) the refusal's error code when the key could not be checked now |
 * | `service`    | (service) the subgraph calling on its own behalf, e.g. `catalogue`        |
 *
 * A request without a key carries no token (anonymous). A `rejected` token lets a subgraph say why
 * a write is refused (a revoked key, an unknown one) without ever seeing the key.
 */
import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { ErrorCode } from './error-codes';

/** The header that carries the token from the gateway to the subgraphs. */
export const IDENTITY_HEADER = 'x-disclosure-identity';
export const IDENTITY_ISSUER = 'disclosure-gateway';
export const IDENTITY_AUDIENCE = 'disclosure-subgraphs';
/** How long a token is valid; the verifier refuses tokens that claim a longer life. */
export const IDENTITY_TOKEN_TTL_SECONDS = 60;
/** Clock difference tolerated between the gateway and a subgraph on another machine. */
export const IDENTITY_CLOCK_TOLERANCE_SECONDS = 5;
export const MIN_IDENTITY_SECRET_LENGTH = 32;
/**
 * The most agencies a scope may hold: each code takes ~28 bytes of the header, and Node refuses
 * requests whose headers pass 16 KiB. A key of an agency with more under it is refused with a reason.
 */
export const MAX_SCOPE_AGENCIES = 300;
const ALGORITHM = 'HS256';

/** IDENTITY_SECRET, read by the gateway and by every subgraph: the HMAC key of the tokens. */
export const identitySecretSetting = z
  .string({ error: `required: at least ${MIN_IDENTITY_SECRET_LENGTH} characters, the same for the gateway and every subgraph` })
  .min(MIN_IDENTITY_SECRET_LENGTH, {
    error: `must be at least ${MIN_IDENTITY_SECRET_LENGTH} characters (e.g. openssl rand -base64 32), the same for the gateway and every subgraph`,
  });

/** A fresh random secret (256 bits): what `npm start` and the test stack use when none is set. */
export function generateIdentitySecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Why a write with a key is refused: UNAUTHENTICATED (the default) when the key is bad, and when it
 * could not be checked now, the part that did not answer (the gateway's key store, the catalogue).
 */
export const REFUSAL_CODES = ['UNAUTHENTICATED', 'DATABASE_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE'] as const satisfies readonly ErrorCode[];
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** What a token says about the caller. */
export type Identity =
  | { kind: 'agency'; keyId: string; agencyCode: string; scope: string[]; regionCode: string }
  | { kind: 'rejected'; reason: string; code?: RefusalCode }
  /** One subgraph calling another on its own behalf (the catalogue reading an owner's revision feed). */
  | { kind: 'service'; service: string };

const identityClaims = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('agency'),
    keyId: z.string().min(1),
    agencyCode: z.string().min(1),
    scope: z.array(z.string().min(1)).min(1).max(MAX_SCOPE_AGENCIES),
    regionCode: z.string().regex(/^\d{6}$/),
  }),
  z.object({ kind: z.literal('rejected'), reason: z.string().min(1).max(500), code: z.enum(REFUSAL_CODES).optional() }),
  z.object({ kind: z.literal('service'), service: z.string().min(1).max(40) }),
]);

const timeClaims = z.object({ iat: z.number().int(), exp: z.number().int() });

/** Signs `identity` for the subgraphs; valid for IDENTITY_TOKEN_TTL_SECONDS from `now`. */
export function signIdentity(identity: Identity, secret: string, now: number = Date.now()): string {
  const iat = Math.floor(now / 1000);
  return jwt.sign({ ...identity, iat, exp: iat + IDENTITY_TOKEN_TTL_SECONDS }, secret, {
    algorithm: ALGORITHM,
    issuer: IDENTITY_ISSUER,
    audience: IDENTITY_AUDIENCE,
  });
}

export type VerifiedIdentity = { ok: true; identity: Identity } | { ok: false; reason: string };

/** Why jsonwebtoken refused a token, in words that never quote the token. */
function refusalOf(error: unknown): string {
  if (error instanceof jwt.TokenExpiredError) return 'it has expired';
  if (error instanceof jwt.NotBeforeError) return 'it is not valid yet';
  const message = error instanceof Error ? error.message : '';
  if (message === 'invalid signature') return 'its signature does not match (it was not signed with this deployment’s IDENTITY_SECRET)';
  if (message.startsWith('jwt audience invalid')) return `it is not meant for the subgraphs (audience must be ${IDENTITY_AUDIENCE})`;
  if (message.startsWith('jwt issuer invalid')) return `it was not issued by the gateway (issuer must be ${IDENTITY_ISSUER})`;
  if (message === 'invalid algorithm') return `it is not signed with ${ALGORITHM}`;
  if (message === 'jwt signature is required') return `it is not signed (it must be signed with ${ALGORITHM})`;
  return 'it is not a well-formed token';
}

/**
 * Checks a token's signature, issuer, audience and lifetime (no longer than
 * IDENTITY_TOKEN_TTL_SECONDS), and the shape of its claims. The reason of a refusal never quotes
 * the token.
 */
export function verifyIdentity(token: string, secret: string, now: number = Date.now()): VerifiedIdentity {
  let payload: unknown;
  try {
    payload = jwt.verify(token, secret, {
      algorithms: [ALGORITHM],
      issuer: IDENTITY_ISSUER,
      audience: IDENTITY_AUDIENCE,
      clockTolerance: IDENTITY_CLOCK_TOLERANCE_SECONDS,
      clockTimestamp: Math.floor(now / 1000),
    });
  } catch (error) {
    return { ok: false, reason: `the identity token was refused: ${refusalOf(error)}` };
  }
  const times = timeClaims.safeParse(payload);
  if (!times.success) return { ok: false, reason: 'the identity token was refused: it must say when it was issued and when it expires' };
  if (times.data.exp - times.data.iat > IDENTITY_TOKEN_TTL_SECONDS) {
    return { ok: false, reason: `the identity token was refused: it must not live longer than ${IDENTITY_TOKEN_TTL_SECONDS} s` };
  }
  const claims = identityClaims.safeParse(payload);
  if (!claims.success) return { ok: false, reason: 'the identity token was refused: its claims are not an identity' };
  return { ok: true, identity: claims.data };
}
