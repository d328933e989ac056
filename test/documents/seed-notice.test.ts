/**
 * A notice as seed 002 publishes it, end to end through the gateway: its real envelope (index number
 * 115323000151673132-/2017-1019636, heading 政府信息公开规定, published 2014-01-13 07:45, written
 * 2018-01-04) with a full text of the same shape written for this test. It is accepted and flagged
 * for its dates, published, found by a phrase from the middle of its body with a snippet, and
 * exported.
 */
import { agencyNamed } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const OFFICE = agencyNamed('楚雄州人民政府办公室');
const INDEX_NUMBER = '115323000151673132-/2017-1019636';
const TITLE = '楚雄州人民政府办公室关于切实做好政府信息公开工作的通知';
const MIDDLE_PHRASE = '每季度对各部门网站栏目更新情况进行一次通报';
const BODY = [
  '各县市人民政府，州直有关部门：',
  '为贯彻落实《中华人民共和国政府信息公开条例》，结合我州实际，经州人民政府同意，现就做好政府信息公开工作有关事项通知如下：',
  '一、提高认识，加强领导。各县市各部门要把政府信息公开作为依法行政的一项基本制度，明确分管领导和工作机构，配齐工作人员。',
  `二、突出重点，深化主动公开。财政预决算、征地拆迁、保障性住房、食品药品安全等重点领域信息要及时、准确、完整公开。州政府办公室${MIDDLE_PHRASE}，对连续两次排名靠后的单位进行约谈。`,
  '三、规范依申请公开。各单位要畅通申请渠道，严格按照法定时限答复，不得无故拖延。',
  '四、强化监督考核。政府信息公开工作纳入综合绩效考核，考核结果向社会公布。',
  '楚雄州人民政府办公室',
].join('\n');

let stack: TestStack;
let key: string;

beforeAll(async () => {
  stack = await startTestStack('seed_notice');
  key = (await stack.createKey(OFFICE._id, 'seed 002')).key;
});
afterAll(async () => {
  await stack?.close();
});

it('is the agency whose credit code the index number carries', () => {
  expect(OFFICE._id).toBe('115323000151673132');
});

it('is accepted with its real envelope, flagged for its dates, published, found mid-body and exported', async () => {
  const headers = { authorization: `Bearer ${key}` };
  const submitted = await stack.query<{ submitDisclosures: { accepted: unknown[]; rejected: unknown[] } }>(
    `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) {
      accepted { indexNumber status qualityFlags } rejected { errors { field rule message } } } }`,
    {
      s: [
        {
          type: 'Notice',
          envelope: {
            indexNumber: INDEX_NUMBER,
            title: TITLE,
            category: '政府信息公开规定',
            agencyCode: OFFICE._id,
            regionCode: OFFICE.regionCode,
            subjectTerms: [],
            writtenOn: '2018-01-04',
            publishedAt: '2014-01-13T07:45:00+08:00',
            disclosureMode: 'FULL',
            summary: '部署全州政府信息公开重点工作。',
            bodyText: BODY,
          },
          fields: { kind: 'NOTICE' },
        },
      ],
    },
    headers,
  );
  expect(submitted.errors).toBeUndefined();
  expect(submitted.data?.submitDisclosures).toEqual({
    accepted: [{ indexNumber: INDEX_NUMBER, status: 'DRAFT', qualityFlags: ['WRITTEN_AFTER_PUBLISHED', 'INDEX_NUMBER_YEAR_MISMATCH'] }],
    rejected: [],
  });
  for (const mutation of ['reviewDisclosures', 'publishDisclosures']) {
    const moved = await stack.query(`mutation ($i: [String!]!) { ${mutation}(indexNumbers: $i) { status } }`, { i: [INDEX_NUMBER] }, headers);
    expect(moved.errors).toBeUndefined();
  }

  const found = await stack.query<{
    catalogue: { totalCount: number; edges: Array<{ snippets: Array<{ field: string; text: string; matchStart: number; matchLength: number }>; node: Record<string, unknown> }> };
  }>(
    `query ($text: String!) { catalogue(filter: { text: $text }) { totalCount edges {
      snippets { field text matchStart matchLength }
      node { __typename indexNumber title publishedOn writtenOn agency { name } ... on Notice { kind bodyText } } } } }`,
    { text: MIDDLE_PHRASE },
  );
  expect(found.errors).toBeUndefined();
  expect(found.data?.catalogue.totalCount).toBe(1);
  const [hit] = found.data!.catalogue.edges;
  expect(hit.node).toEqual({
    __typename: 'Notice',
    indexNumber: INDEX_NUMBER,
    title: TITLE,
    publishedOn: '2014-01-13',
    writtenOn: '2018-01-04',
    agency: { name: '楚雄州人民政府办公室' },
    kind: 'NOTICE',
    bodyText: BODY,
  });
  expect(hit.snippets).toHaveLength(1);
  const [snippet] = hit.snippets;
  expect(snippet.field).toBe('BODY');
  expect(snippet.text.slice(snippet.matchStart, snippet.matchStart + snippet.matchLength)).toBe(MIDDLE_PHRASE);
  expect(BODY).toContain(snippet.text);

  const exported = await fetch(`${stack.gatewayUrl}export.ndjson?${new URLSearchParams({ filter: JSON.stringify({ types: ['Notice'] }) })}`);
  expect(exported.status).toBe(200);
  const rows = (await exported.text()).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(rows).toEqual([
    expect.objectContaining({
      type: 'Notice',
      indexNumber: INDEX_NUMBER,
      title: TITLE,
      summary: '部署全州政府信息公开重点工作。',
      category: '政府信息公开规定',
      agencyCode: '115323000151673132',
      writtenOn: '2018-01-04',
      publishedAt: '2014-01-12T23:45:00.000Z',
      publishedOn: '2014-01-13',
      publicationDelayWorkingDays: null,
      qualityFlags: ['WRITTEN_AFTER_PUBLISHED', 'INDEX_NUMBER_YEAR_MISMATCH'],
      kind: 'NOTICE',
    }),
  ]);
});
