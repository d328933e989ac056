/**
 * The owner's side of serving attachments, on every domain subgraph's own port (the gateway passes
 * `GET /attachments/<index number>/<sha256>` on to it, gateway/portal/attachments.ts):
 *
 *   GET /attachments/<index number, URL-encoded or not>/<sha256>  → the bytes
 *
 * only for a PUBLISHED record that has the file (an agency's identity also gets its own unpublished
 * records' files, not to be cached by anyone else). The answer carries Content-Type,
 * Content-Length, Content-Disposition (RFC 6266, the name RFC 5987-encoded), ETag (the SHA-256; a
 * matching If-None-Match is answered 304), Cache-Control (a published file never changes under its
 * URL) and X-Content-Type-Options: nosniff. Every refusal is a JSON error with a code.
 */
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import express, { type Request, type Response, type Router } from 'express';
import type { Db } from 'mongodb';
import type { AttachmentMeta } from '../../model/envelope';
import { statusOf, type ErrorCode } from '../../platform/error-codes';
import { AttachmentStore } from '../../publishing/attachment-store';
import { typesOwnedBy } from '../../publishing/catalogue-projector';
import { OwnerRecordStore } from '../../publishing/owner-store';
import { isVisible, type Actor } from './auth';

/** A published file never changes under its URL (a changed file has another SHA-256). */
export const PUBLIC_ATTACHMENT_CACHE = 'public, max-age=31536000, immutable';
const PRIVATE_ATTACHMENT_CACHE = 'private, no-store';

const SHA256 = /^[0-9a-f]{64}$/;

/** An attachment path's index number and hash: the last segment is the hash, the ones before it the index number (which has a `/`). */
export function attachmentKey(segments: readonly string[]): { indexNumber: string; sha256: string } | null {
  if (segments.length < 2) return null;
  const sha256 = segments[segments.length - 1];
  const indexNumber = segments.slice(0, -1).join('/');
  return SHA256.test(sha256) && indexNumber ? { indexNumber, sha256 } : null;
}

/** `attachment; filename="…"; filename*=UTF-8''…`: an ASCII stand-in for old clients, the real name for the others. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function sendAttachmentError(res: Response, code: ErrorCode, message: string): void {
  res
    .status(statusOf(code))
    .set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' })
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** The route serving the attachments of the records of subgraph `owner`, from its own database. */
export function attachmentsRouter(owner: string, db: Db, actorOf: (req: IncomingMessage) => Actor): Router {
  const records = new OwnerRecordStore(db, typesOwnedBy(owner));
  const files = new AttachmentStore(db);
  const router = express.Router();
  router.get('/*path', async (req: Request, res: Response) => {
    const key = attachmentKey((req.params as { path: string[] }).path);
    if (!key) return sendAttachmentError(res, 'NOT_FOUND', 'An attachment is at /attachments/<index number>/<sha256>, the SHA-256 in 64 lower-case hex digits.');
    const record = (await records.findByIds([key.indexNumber])).get(key.indexNumber);
    const meta = (record?.attachments as AttachmentMeta[] | undefined)?.find((file) => file.sha256 === key.sha256);
    const stored = record && meta && isVisible(record, actorOf(req)) ? await files.open(key.indexNumber, key.sha256) : null;
    if (!record || !meta || !stored) {
      return sendAttachmentError(res, 'NOT_FOUND', `No published record ${key.indexNumber} has an attachment with SHA-256 ${key.sha256}.`);
    }
    const etag = `"${meta.sha256}"`;
    res.set({
      ETag: etag,
      'Cache-Control': record.status === 'PUBLISHED' ? PUBLIC_ATTACHMENT_CACHE : PRIVATE_ATTACHMENT_CACHE,
      'X-Content-Type-Options': 'nosniff',
    });
    const asked = req.headers['if-none-match'];
    if (asked && asked.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')) return void res.status(304).end();
    // setHeader, not res.set, which would add a charset to text/*: a CSV may be in GB 18030, the file is sent as it was given.
    res.setHeader('Content-Type', meta.mediaType);
    res.set({ 'Content-Length': String(stored.length), 'Content-Disposition': contentDisposition(meta.name) });
    if (req.method === 'HEAD') return void res.end();
    try {
      await pipeline(stored.stream(), res);
    } catch (error) {
      req.log?.error({ error: (error as Error).message }, 'attachment stream failed');
      res.destroy();
    }
  });
  router.all('/*path', (_req, res) => {
    res.set('Allow', 'GET, HEAD');
    sendAttachmentError(res, 'METHOD_NOT_ALLOWED', 'Attachments are read with GET (or HEAD).');
  });
  return router;
}
