/**
 * Bodies 正文 through the API: a summary, a plain-text and an HTML body are stored by the owner,
 * carried to the catalogue and answered on the envelope; HTML keeps only the safe subset; a body
 * sent only as HTML gets its plain text derived; personal data in a body is masked before storage.
 */
import { agencyNamed, landTransferSubmission } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const BUREAU = agencyNamed('岳阳县国土资源局');
const BODY_FIELDS = 'summary bodyText bodyHtml';

let stack: TestStack;
let key: string;

beforeAll(async () => {
  stack = await startTestStack('bodies');
  ({ key } = await stack.createKey(BUREAU._id, 'bodies test'));
});
afterAll(async () => {
  await stack?.close();
});

const auth = () => ({ authorization: `Bearer ${key}` });

async function submit(envelope: Record<string, unknown>) {
  const submission = landTransferSubmission(BUREAU.name, { envelope });
  const answer = await stack.query<{ submitDisclosures: { accepted: Array<{ indexNumber: string }>; rejected: Array<{ errors: unknown[] }> } }>(
    `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) {
      accepted { indexNumber } rejected { errors { field rule message } } } }`,
    { s: [submission] },
    auth(),
  );
  return { indexNumber: submission.envelope.indexNumber, answer };
}

async function publish(indexNumber: string) {
  for (const mutation of ['reviewDisclosures', 'publishDisclosures']) {
    const moved = await stack.query(`mutation ($i: [String!]!) { ${mutation}(indexNumbers: $i) { status } }`, { i: [indexNumber] }, auth());
    expect(moved.errors).toBeUndefined();
  }
}

async function bodyOf(indexNumber: string) {
  const read = await stack.query<{ disclosure: Record<string, unknown> | null }>(
    `query ($i: String!) { disclosure(indexNumber: $i) { ${BODY_FIELDS} } }`,
    { i: indexNumber },
  );
  return read.data?.disclosure;
}

it('stores a summary and both bodies, and answers them on the public envelope once published', async () => {
  const { indexNumber, answer } = await submit({
    summary: '公示岳阳县荣家湾镇一宗国有建设用地使用权挂牌出让结果。',
    bodyText: '根据《招标拍卖挂牌出让国有建设用地使用权规定》，现将出让结果公示如下：\n一、地块编号 430621-2014-001。',
    bodyHtml: '<h2>出让结果</h2><p>地块编号 <strong>430621-2014-001</strong></p>',
  });
  expect(answer.data?.submitDisclosures.rejected).toEqual([]);
  expect(await bodyOf(indexNumber)).toBeNull(); // a draft is not public
  await publish(indexNumber);
  expect(await bodyOf(indexNumber)).toEqual({
    summary: '公示岳阳县荣家湾镇一宗国有建设用地使用权挂牌出让结果。',
    bodyText: '根据《招标拍卖挂牌出让国有建设用地使用权规定》，现将出让结果公示如下：\n一、地块编号 430621-2014-001。',
    bodyHtml: '<h2>出让结果</h2><p>地块编号 <strong>430621-2014-001</strong></p>',
  });
  // The owner keeps the body with the record; the catalogue keeps it apart from the index entry.
  const owned = await stack.databases.land.collection('landTransfers').findOne({ _id: indexNumber as never });
  expect(owned?.summary).toBe('公示岳阳县荣家湾镇一宗国有建设用地使用权挂牌出让结果。');
  expect(owned?.bodyHtml).toBe('<h2>出让结果</h2><p>地块编号 <strong>430621-2014-001</strong></p>');
  const entry = await stack.databases.catalogue.collection('entries').findOne({ _id: indexNumber as never });
  expect(entry && Object.keys(entry).filter((key) => key.startsWith('body'))).toEqual([]);
  const body = await stack.databases.catalogue.collection('bodies').findOne({ _id: indexNumber as never });
  expect(body).toEqual({ _id: indexNumber, bodyText: owned?.bodyText, bodyHtml: owned?.bodyHtml, bodySearch: owned?.bodySearch });
});

it('keeps only the safe HTML subset and derives the plain text when only HTML is sent', async () => {
  const { indexNumber } = await submit({
    bodyHtml:
      '<h3 style="color:red" onclick="steal()">补偿标准</h3><script>alert(1)</script><style>p{}</style>' +
      '<p>详见<a href="javascript:alert(1)">此处</a><a href="/relative.html">、</a>与<a href="https://www.yueyang.gov.cn/a.html" target="_blank">原文</a>' +
      '<img src="x.png" onerror="alert(2)"><img src="https://www.yueyang.gov.cn/a.png" onerror="alert(3)"></p>' +
      '<table><tbody><tr><th colspan="2" class="x">地块</th></tr><tr><td rowspan="1">A &amp; B</td><td>12000</td></tr></tbody></table>' +
      '<iframe src="https://evil.example/"></iframe><ul><li>一</li><li>二</li></ul>',
  });
  await publish(indexNumber);
  expect(await bodyOf(indexNumber)).toEqual({
    summary: null,
    bodyHtml:
      '<h3>补偿标准</h3><p>详见<a rel="noopener">此处</a><a rel="noopener">、</a>与<a href="https://www.yueyang.gov.cn/a.html" rel="noopener">原文</a>' +
      '<img src="https://www.yueyang.gov.cn/a.png" /></p>' +
      '<table><tbody><tr><th colspan="2">地块</th></tr><tr><td rowspan="1">A &amp; B</td><td>12000</td></tr></tbody></table>' +
      '<ul><li>一</li><li>二</li></ul>',
    bodyText: '补偿标准\n详见此处、与原文\n地块\nA & B\t12000\n\n一\n二',
  });
});

it('masks personal data in a summary and in both bodies before anything is stored', async () => {
  const raw = { phone: '13812345678', idNumber: '430621199001011234' };
  const { indexNumber } = await submit({
    summary: `联系电话 ${raw.phone}`,
    bodyText: `被征收人身份证号 ${raw.idNumber}，电话 ${raw.phone}。`,
    // An HTML entity does not hide a number from the masking.
    bodyHtml: `<p>电话 &#49;3812345678，身份证 ${raw.idNumber}</p>`,
  });
  await publish(indexNumber);
  expect(await bodyOf(indexNumber)).toEqual({
    summary: '联系电话 138****5678',
    bodyText: '被征收人身份证号 4306**********1234，电话 138****5678。',
    bodyHtml: '<p>电话 138****5678，身份证 4306**********1234</p>',
  });
  const stored = JSON.stringify([
    await stack.databases.land.collection('landTransfers').findOne({ _id: indexNumber as never }),
    await stack.databases.catalogue.collection('entries').findOne({ _id: indexNumber as never }),
    await stack.databases.catalogue.collection('bodies').findOne({ _id: indexNumber as never }),
  ]);
  expect(stored).not.toContain(raw.phone);
  expect(stored).not.toContain(raw.idNumber);
  expect(stored).toContain('138****5678');
});

it('refuses bodies over their limits, naming the field and the rule', async () => {
  const { answer } = await submit({ summary: '概'.repeat(2_001), bodyText: '文'.repeat(200_001), bodyHtml: '   ' });
  expect(answer.data?.submitDisclosures).toEqual({
    accepted: [],
    rejected: [
      {
        errors: [
          { field: 'envelope.summary', rule: 'max-length', message: 'at most 2000 characters' },
          { field: 'envelope.bodyText', rule: 'max-length', message: 'at most 200000 characters' },
          { field: 'envelope.bodyHtml', rule: 'min-length', message: 'must not be empty' },
        ],
      },
    ],
  });
  const { answer: derived } = await submit({ bodyHtml: `<p>${'文'.repeat(200_001)}</p>` });
  expect(derived.data?.submitDisclosures.rejected).toEqual([
    { errors: [{ field: 'envelope.bodyHtml', rule: 'max-length', message: 'its text has 200001 characters, more than the 200000 a body may have' }] },
  ]);
});
