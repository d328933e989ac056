/**
 * The `Idempotency-Key` request header of a mutation (IETF draft-ietf-httpapi-idempotency-key-header):
 * the gateway passes it to the subgraph that answers the mutation, which keeps the first outcome
 * under it (subgraphs/kit/idempotency.ts).
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** A key: 1 to 255 letters, digits and `-_.:~` (a UUID, a ULID, base64url), sent bare or as a quoted string. */
const KEY = /^[A-Za-z0-9._:~-]{1,255}$/;

/** The key of a header value, or why it is not one. */
export function parseIdempotencyKey(value: string): { ok: true; key: string } | { ok: false; reason: string } {
  const key = value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  if (KEY.test(key)) return { ok: true, key };
  return { ok: false, reason: 'must be 1 to 255 letters, digits or -_.:~ (e.g. a UUID), bare or in double quotes' };
}
