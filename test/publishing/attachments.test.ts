/**
 * Attachments 附件 through the API: files submitted with a record as base64 are kept by the owning
 * subgraph (GridFS in its own database, never in the catalogue's), listed on the record, and served
 * byte-identical at their stable URL on the gateway with their headers, only once the record is
 * published; bad files are refused naming the field and the rule.
 */
import { createHash, randomBytes } from 'node:crypto';
import { agencyNamed, landTransferSubmission } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const BUREAU = agencyNamed('岳阳县国土资源局');
// Digits in the base64 that read like a phone number: bytes are not text, nothing in them is masked.
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(600_000), Buffer.from('13812345678A', 'base64')]);
const csv = Buffer.from('地块编号,面积\n430621-2014-001,12000.5\n');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const PDF_NAME = '征收补偿方案（2024年）.pdf';

let stack: TestStack;
let key: string;

beforeAll(async () => {
  stack = await startTestStack('attachments');
  ({ key } = await stack.createKey(BUREAU._id, 'attachments test'));
});
afterAll(async () => {
  await stack?.close();
});

const auth = () => ({ authorization: `Bearer ${key}` });

async function submit(attachments: unknown[], envelope: Record<string, unknown> = {}) {
  const submission = { ...landTransferSubmission(BUREAU.name, { envelope }), attachments };
  const answer = await stack.query<{ submitDisclosures: { accepted: Array<{ indexNumber: string }>; rejected: Array<{ errors: unknown[] }> } }>(
    `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) {
      accepted { indexNumber } rejected { errors { field rule message } } } }`,
    { s: [submission] },
    auth(),
  );
  return { indexNumber: submission.envelope.indexNumber, answer };
}

async function move(mutation: string, indexNumber: string) {
  const moved = await stack.query(`mutation ($i: [String!]!) { ${mutation}(indexNumbers: $i) { status } }`, { i: [indexNumber] }, auth());
  expect(moved.errors).toBeUndefined();
}

const fetchFrom = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, stack.gatewayUrl), { headers });
const notFound = async (response: Response) => ({ status: response.status, code: ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code });

describe('a published record with attachments', () => {
  let indexNumber: string;
  let pdfUrl: string;

  beforeAll(async () => {
    const submitted = await submit([
      { name: PDF_NAME, mediaType: 'application/pdf', contentBase64: pdf.toString('base64'), sha256: sha(pdf).toUpperCase() },
      { name: '地块清单.csv', mediaType: 'text/csv', contentBase64: csv.toString('base64') },
    ]);
    expect(submitted.answer.data?.submitDisclosures.rejected).toEqual([]);
    indexNumber = submitted.indexNumber;
    pdfUrl = `/attachments/${encodeURIComponent(indexNumber)}/${sha(pdf)}`;
  });

  it('serves nothing before it is published, but to its agency', async () => {
    expect(await notFound(await fetchFrom(pdfUrl))).toEqual({ status: 404, code: 'NOT_FOUND' });
    const own = await fetchFrom(pdfUrl, auth());
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await own.arrayBuffer()).equals(pdf)).toBe(true);
    // The owner's port answers the same without an identity.
    const direct = await fetch(new URL(pdfUrl.slice(1), stack.subgraphUrls.land));
    expect(await notFound(direct)).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('lists the files on the record, keeps the bytes in the owner\'s GridFS and only metadata in the catalogue', async () => {
    await move('reviewDisclosures', indexNumber);
    await move('publishDisclosures', indexNumber);
    const read = await stack.query<{ disclosure: { attachments: unknown[] } }>(
      'query ($i: String!) { disclosure(indexNumber: $i) { attachments { name mediaType size sha256 url } } }',
      { i: indexNumber },
    );
    expect(read.data?.disclosure.attachments).toEqual([
      { name: PDF_NAME, mediaType: 'application/pdf', size: pdf.length, sha256: sha(pdf), url: pdfUrl },
      { name: '地块清单.csv', mediaType: 'text/csv', size: csv.length, sha256: sha(csv), url: `/attachments/${encodeURIComponent(indexNumber)}/${sha(csv)}` },
    ]);
    const files = await stack.databases.land.collection('attachments.files').find({}).toArray();
    expect(files.map((f) => [f.filename, f.length]).sort()).toEqual([[`${indexNumber}/${sha(pdf)}`, pdf.length], [`${indexNumber}/${sha(csv)}`, csv.length]].sort());
    expect((await stack.databases.catalogue.listCollections().toArray()).map((c) => c.name)).not.toContain('attachments.files');
    const entry = await stack.databases.catalogue.collection('entries').findOne({ _id: indexNumber as never });
    expect(entry?.attachments).toEqual([
      { name: PDF_NAME, mediaType: 'application/pdf', size: pdf.length, sha256: sha(pdf) },
      { name: '地块清单.csv', mediaType: 'text/csv', size: csv.length, sha256: sha(csv) },
    ]);
  });

  it('serves the bytes unchanged with their headers, and 304 for a matching ETag', async () => {
    const response = await fetchFrom(pdfUrl);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'content-length', 'content-disposition', 'etag', 'cache-control', 'x-content-type-options'].map((h) => [h, response.headers.get(h)]))).toEqual({
      'content-type': 'application/pdf',
      'content-length': String(pdf.length),
      'content-disposition': `attachment; filename="_______2024__.pdf"; filename*=UTF-8''${encodeURIComponent(PDF_NAME)}`,
      etag: `"${sha(pdf)}"`,
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
    // The index number's slash may be sent as it is, too.
    const raw = await fetchFrom(`/attachments/${indexNumber}/${sha(csv)}`);
    expect([raw.status, raw.headers.get('content-type'), await raw.text()]).toEqual([200, 'text/csv', csv.toString()]);
    const again = await fetchFrom(pdfUrl, { 'if-none-match': `"${sha(pdf)}"` });
    expect([again.status, again.headers.get('etag'), (await again.arrayBuffer()).byteLength]).toEqual([304, `"${sha(pdf)}"`, 0]);
  });

  it('answers 404 with a JSON error for an unknown hash, an unknown record, a malformed path, and once withdrawn', async () => {
    expect(await notFound(await fetchFrom(`/attachments/${encodeURIComponent(indexNumber)}/${'0'.repeat(64)}`))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await notFound(await fetchFrom(`/attachments/${encodeURIComponent(`${BUREAU._id}-/2099-1`)}/${sha(pdf)}`))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await notFound(await fetchFrom(`/attachments/${encodeURIComponent(indexNumber)}/not-a-hash`))).toEqual({ status: 404, code: 'NOT_FOUND' });
    const post = await fetch(new URL(pdfUrl, stack.gatewayUrl), { method: 'POST' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    await move('withdrawDisclosures', indexNumber);
    expect(await notFound(await fetchFrom(pdfUrl))).toEqual({ status: 404, code: 'NOT_FOUND' });
  });
});

it('refuses bad files, naming the attachment, the field and the rule', async () => {
  const good = { name: 'a.pdf', mediaType: 'application/pdf', contentBase64: pdf.subarray(0, 300).toString('base64') };
  const { answer } = await submit([
    { ...good, contentBase64: 'not base64!' },
    { ...good, sha256: '0'.repeat(64) },
    { ...good, mediaType: 'text/html' },
    { ...good, name: '../etc/passwd' },
    { ...good, contentBase64: Buffer.alloc(10 * 1024 * 1024 + 1).toString('base64') },
    { ...good, contentBase64: '' },
  ]);
  expect(answer.data?.submitDisclosures).toEqual({
    accepted: [],
    rejected: [
      {
        errors: [
          { field: 'attachments.0.contentBase64', rule: 'base64', message: 'must be the bytes in standard base64 (A–Z a–z 0–9 + /, padded with =, no line breaks)' },
          { field: 'attachments.1.sha256', rule: 'sha256-mismatch', message: `does not match the bytes sent, whose SHA-256 is ${sha(pdf.subarray(0, 300))}` },
          { field: 'attachments.2.mediaType', rule: 'one-of', message: expect.stringMatching(/^must be one of application\/pdf, .*application\/ofd, .*text\/csv$/) },
          { field: 'attachments.3.name', rule: 'format', message: 'a file name without / \\ or control characters' },
          { field: 'attachments.4.contentBase64', rule: 'max-size', message: 'the file has 10485761 bytes, more than the 10485760 (10 MiB) an attachment may have' },
          { field: 'attachments.5.contentBase64', rule: 'min-size', message: 'the file is empty' },
        ],
      },
    ],
  });
  const eleven = await submit(Array.from({ length: 11 }, (_, i) => ({ ...good, contentBase64: Buffer.from(`file ${i}`).toString('base64') })));
  expect(eleven.answer.data?.submitDisclosures.rejected).toEqual([{ errors: [{ field: 'attachments', rule: 'maximum', message: 'at most 10 attachments a record' }] }]);
});
