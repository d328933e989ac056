/**
 * `GET /attachments/<index number>/<sha256>`: an attachment's stable URL (the API's `Attachment.url`).
 * The gateway asks its own API which type the record is (so the catalogue's visibility rules apply,
 * with the caller's key), finds the subgraph that owns that type, and streams that owner's answer
 * (subgraphs/kit/attachments.ts: bytes and headers, 304, or a JSON error) as it is. The bytes are
 * never in the catalogue, nor kept here.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import { request } from 'undici';
import { RECORD_TYPES, isRecordTypeName } from '../../model/record-types';
import type { SubgraphName } from '../../platform/config';
import { isErrorCode } from '../../platform/error-codes';
import { IDENTITY_HEADER } from '../../platform/identity';
import { attachmentKey, sendAttachmentError } from '../../subgraphs/kit/attachments';
import type { GatewayContext } from '../subgraph-source';
import { runOperation, type OwnApi } from './own-api';

/** The owner's headers passed on to the client. */
const PASSED_ON = ['content-type', 'content-length', 'content-disposition', 'etag', 'cache-control', 'x-content-type-options', 'allow'];

export interface AttachmentRoutes extends OwnApi<GatewayContext> {
  subgraphUrls: Record<SubgraphName, string>;
  timeoutMs: number;
}

export function attachmentsRouter(options: AttachmentRoutes): Router {
  const router = Router();
  router.use('/attachments', ...(options.guard ?? []));
  router.get('/attachments/*path', async (req: Request, res: Response) => {
    const key = attachmentKey((req.params as { path: string[] }).path);
    if (!key) return sendAttachmentError(res, 'NOT_FOUND', 'An attachment is at /attachments/<index number>/<sha256>, the SHA-256 in 64 lower-case hex digits.');
    const found = await runOperation<{ disclosure: { __typename: string } | null }, GatewayContext>(
      options,
      req,
      res,
      'query ($indexNumber: String!) { disclosure(indexNumber: $indexNumber) { __typename } }',
      { indexNumber: key.indexNumber },
    );
    const failure = found.errors?.[0];
    if (failure) {
      const code = failure.extensions?.code;
      return sendAttachmentError(res, isErrorCode(code) ? code : 'SUBGRAPH_UNAVAILABLE', failure.message);
    }
    const type = found.data?.disclosure?.__typename;
    if (!type || !isRecordTypeName(type)) {
      return sendAttachmentError(res, 'NOT_FOUND', `No published record ${key.indexNumber} has an attachment with SHA-256 ${key.sha256}.`);
    }
    const owner = RECORD_TYPES[type].subgraph as SubgraphName;
    const context = options.context ? await options.context({ req, res }) : {};
    const headers: Record<string, string> = {};
    if (context.identityToken) headers[IDENTITY_HEADER] = context.identityToken;
    if (req.headers['if-none-match']) headers['if-none-match'] = req.headers['if-none-match'];
    if (req.headers['x-request-id']) headers['x-request-id'] = String(req.headers['x-request-id']);
    let answer: Awaited<ReturnType<typeof request>>;
    try {
      answer = await request(new URL(`attachments/${encodeURIComponent(key.indexNumber)}/${key.sha256}`, options.subgraphUrls[owner]), {
        method: req.method === 'HEAD' ? 'HEAD' : 'GET',
        headers,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
    } catch {
      return sendAttachmentError(res, 'SUBGRAPH_UNAVAILABLE', `The ${owner} subgraph, which keeps this attachment, did not answer. Retry later.`);
    }
    res.status(answer.statusCode);
    for (const name of PASSED_ON) {
      const value = answer.headers[name];
      if (value !== undefined) res.setHeader(name, value);
    }
    try {
      await pipeline(answer.body as Readable, res);
    } catch {
      res.destroy();
    }
  });
  router.all('/attachments/*path', (_req, res) => {
    res.set('Allow', 'GET, HEAD');
    sendAttachmentError(res, 'METHOD_NOT_ALLOWED', 'Attachments are read with GET (or HEAD).');
  });
  return router;
}
