/**
 * Mutations with an `Idempotency-Key` header: the first request with a key runs and its outcome is
 * kept (publishing/idempotency-store.ts, in the subgraph's own database); a retry of the same
 * request with the key gets that outcome again and changes nothing; another request under the key is
 * refused with IDEMPOTENCY_KEY_REUSED, and the same one while the first is still running with
 * IDEMPOTENCY_KEY_IN_USE (retry it shortly). Keys belong to the caller's API key. An outcome that is
 * a failure on the server's side (a code with a 5xx status: the database or an owner unavailable) is
 * not kept: the retry runs the mutation again, which the write path makes safe.
 */
import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequest, type GraphQLResponse } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { isErrorCode, statusOf, type ErrorCode } from '../../platform/error-codes';
import { internalErrorAnswer } from '../../platform/errors';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from '../../platform/idempotency-key';
import type { Claim, IdempotencyStore } from '../../publishing/idempotency-store';
import type { Actor } from './auth';

function errorResponse(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLResponse {
  return {
    http: { status: statusOf(code), headers: new HeaderMap() },
    body: { kind: 'single', singleResult: { errors: [{ message, extensions: { code, ...extensions } }] } },
  };
}

/** What makes two requests the same: the operation sent to this subgraph and its variables. */
function fingerprintOf(request: GraphQLRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([request.query ?? '', request.operationName ?? null, request.variables ?? {}]))
    .digest('hex');
}

/** Whether an answer failed on the server's side, so a retry should run the mutation again. */
function failedOnServer(errors: readonly GraphQLFormattedError[] | undefined): boolean {
  return (errors ?? []).some((error) => {
    const code = error.extensions?.code;
    return !isErrorCode(code) || statusOf(code) >= 500;
  });
}

/** The plugin of the subgraph `subgraph`, keeping its keys in `store` (its own database). */
export function idempotencyPlugin<Context extends { actor: Actor }>(store: IdempotencyStore, subgraph: string): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let claim: Claim | undefined;
      return {
        async responseForOperation({ operation, request, contextValue }) {
          const header = request.http?.headers.get(IDEMPOTENCY_KEY_HEADER);
          if (operation.operation !== 'mutation' || header === undefined) return null;
          const parsed = parseIdempotencyKey(header);
          if (!parsed.ok) {
            return errorResponse('BAD_REQUEST', `Invalid value for the "Idempotency-Key" header: ${parsed.reason}.`, {
              header: 'Idempotency-Key',
              rule: 'format',
            });
          }
          // Without an agency the mutation is refused (UNAUTHENTICATED) and nothing is kept.
          const { actor } = contextValue;
          if (actor.kind !== 'agency') return null;
          try {
            claim = await store.claim(actor.keyId, parsed.key, fingerprintOf(request));
          } catch (error) {
            // Apollo answers what a plugin throws as a bare "Internal server error": answered here as formatError would.
            const { message, extensions: { code, ...named } } = internalErrorAnswer(error, subgraph);
            return errorResponse(code, message, named);
          }
          switch (claim.kind) {
            case 'claimed':
              return null;
            case 'replay':
              return {
                http: { status: claim.outcome.status, headers: new HeaderMap() },
                body: { kind: 'single', singleResult: JSON.parse(claim.outcome.body) },
              };
            case 'other-request':
              return errorResponse(
                'IDEMPOTENCY_KEY_REUSED',
                'This Idempotency-Key was used for another request; send a new key for a new request.',
                { header: 'Idempotency-Key' },
              );
            case 'in-flight':
              return errorResponse(
                'IDEMPOTENCY_KEY_IN_USE',
                'The first request with this Idempotency-Key is still being processed; retry it in a moment with the same key.',
                { header: 'Idempotency-Key' },
              );
          }
        },
        async willSendResponse({ response }) {
          if (claim?.kind !== 'claimed') return;
          // The answer goes out even if the key cannot be written now: an unfinished claim is given up after its lease.
          const settled =
            response.body.kind !== 'single' || failedOnServer(response.body.singleResult.errors)
              ? claim.release()
              : claim.complete({ status: response.http.status ?? 200, body: JSON.stringify(response.body.singleResult) });
          await settled.catch(() => undefined);
        },
      };
    },
  };
}
