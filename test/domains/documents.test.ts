/**
 * The documents subgraph 公文与政策 through the gateway: policy documents, notices, interpretations,
 * consultations and disclosure guides with their rules; the links between records both ways
 * (PolicyInterpretation.interprets, every record's interpretations, replacedBy, finalDocument);
 * Agency.disclosureGuide; and the check of index numbers against the agency's current guide.
 */
import { FIELD_SCHEMAS } from '../../model/records';
import type { RecordTypeName } from '../../model/record-types';
import { validateSubmission, type DisclosureInput } from '../../model/input';
import type { ConsultationFields } from '../../model/records/documents/consultation';
import type { DisclosureGuideFields } from '../../model/records/documents/disclosure-guide';
import { compileNumberingPattern, numberingPatternProblem } from '../../model/records/documents/numbering-pattern';
import type { NoticeFields } from '../../model/records/documents/notice';
import type { PolicyDocumentFields } from '../../model/records/documents/policy-document';
import type { PolicyInterpretationFields } from '../../model/records/documents/policy-interpretation';
import type { LandTransferFields } from '../../model/records/land/land-transfer';
import { publicFields, publicSubmission } from '../../scripts/sample/public-form';
import { agencyNamed, disclosure, envelope } from '../support/builders';
import { collectionOf, commandsDuring } from '../support/command-monitor';
import { startTestStack, type TestStack } from '../support/stack';

const YUEYANG_GOV = '岳阳县人民政府办公室';
const CHUXIONG_GOV = '楚雄州人民政府办公室';
const SUIXIAN_GOV = '随县人民政府办公室';
const YUEYANG_LAND = '岳阳县国土资源局';
const yueyangCode = agencyNamed(YUEYANG_GOV)._id;

const measuresFields: PolicyDocumentFields = {
  kind: 'MEASURES',
  normative: true,
  coIssuers: ['岳阳县财政局'],
  effectiveOn: '2017-04-01',
  expiresOn: '2022-03-31',
  validity: 'IN_FORCE',
  replacedByIndexNumber: null,
};
const measures = disclosure(
  'PolicyDocument',
  envelope(YUEYANG_GOV, {
    title: '岳阳县人民政府办公室关于印发《岳阳县城乡居民基本医疗保险实施办法》的通知',
    category: '政策文件',
    documentNumber: '岳政办发〔2017〕12号',
    writtenOn: '2017-03-10',
    publishedAt: new Date('2017-03-14T02:00:00.000Z'),
  }),
  measuresFields,
);
const repealed = disclosure(
  'PolicyDocument',
  envelope(YUEYANG_GOV, { title: '岳阳县新型农村合作医疗管理办法', publishedAt: new Date('2014-05-06T02:00:00.000Z') }),
  { ...measuresFields, coIssuers: [], effectiveOn: '2014-06-01', expiresOn: null, validity: 'REPEALED', replacedByIndexNumber: measures.envelope.indexNumber } satisfies PolicyDocumentFields,
);
const landTransferFields: LandTransferFields = {
  parcelNumber: '430621-2017-003',
  location: '荣家湾镇建设路以东',
  areaSquareMetres: 8000,
  use: 'RESIDENTIAL',
  termYears: 70,
  method: 'LISTING',
  floorAreaRatio: 2.2,
  startingPriceFen: 800_000_00,
  finalPriceFen: 912_345_67,
  winningParty: '岳阳城投置业有限公司',
  transferredOn: '2017-03-01',
};
const landTransfer = disclosure('LandTransfer', envelope(YUEYANG_LAND, { title: '岳阳县国有建设用地使用权挂牌出让结果公示（430621-2017-003）' }), landTransferFields);

const interpretation = (form: PolicyInterpretationFields['form'], interprets: string[], publishedAt: string, mediaUrl: string | null = null) =>
  disclosure(
    'PolicyInterpretation',
    envelope(YUEYANG_GOV, { title: `《岳阳县城乡居民基本医疗保险实施办法》${form}解读`, category: '政策解读', publishedAt: new Date(publishedAt) }),
    { form, interpretsIndexNumbers: interprets, mediaUrl } satisfies PolicyInterpretationFields,
  );
const textReading = interpretation('TEXT', [measures.envelope.indexNumber, landTransfer.envelope.indexNumber], '2017-03-15T02:00:00.000Z');
const graphicReading = interpretation('GRAPHIC', [measures.envelope.indexNumber], '2017-03-20T02:00:00.000Z', 'https://www.yyx.gov.cn/zcjd/2017/0320.jpg');
const draftReading = interpretation('QA', [measures.envelope.indexNumber], '2017-03-25T02:00:00.000Z');

const consultationFields = (opensAt: string, closesAt: string): ConsultationFields => ({
  commentWindow: { opensAt: new Date(opensAt), closesAt: new Date(closesAt) },
  channels: [
    { kind: 'EMAIL', address: 'zwgk430621@example.gov.cn' },
    { kind: 'POST', address: '岳阳县荣家湾镇人民路1号岳阳县人民政府办公室（邮编414100）' },
  ],
  feedback: null,
  finalDocumentIndexNumber: null,
});
const closedConsultation = disclosure<ConsultationFields>(
  'Consultation',
  envelope(YUEYANG_GOV, { title: '关于公开征求《岳阳县城乡居民基本医疗保险实施办法（征求意见稿）》意见的公告', category: '征求意见', publishedAt: new Date('2017-02-01T01:00:00.000Z') }),
  {
    ...consultationFields('2017-02-01T09:00:00+08:00', '2017-03-02T17:30:00+08:00'),
    feedback: { commentsReceived: 23, commentsAdopted: 9, summary: '共收到意见建议23条，采纳9条。' },
    finalDocumentIndexNumber: measures.envelope.indexNumber,
  } satisfies ConsultationFields,
);
const openConsultation = disclosure(
  'Consultation',
  envelope(YUEYANG_GOV, { title: '关于公开征求《岳阳县政府投资项目管理办法（征求意见稿）》意见的公告', category: '征求意见' }),
  consultationFields('2017-03-01T09:00:00+08:00', '2999-12-31T17:00:00+08:00'),
);
const upcomingConsultation = disclosure(
  'Consultation',
  envelope(YUEYANG_GOV, { title: '关于公开征求《岳阳县优化营商环境若干措施（征求意见稿）》意见的公告', category: '征求意见' }),
  consultationFields('2999-01-01T09:00:00+08:00', '2999-01-31T17:00:00+08:00'),
);

const publicNotice = disclosure(
  'Notice',
  envelope(YUEYANG_GOV, { title: '关于2017年度城乡低保对象拟认定名单的公示', category: '通知公告' }),
  { kind: 'PUBLIC_NOTICE', noticePeriod: { startsOn: '2017-03-06', endsOn: '2017-03-12' } } satisfies NoticeFields,
);
const announcement = disclosure(
  'Notice',
  envelope(CHUXIONG_GOV, { title: '关于开展第四次全国经济普查的公告', category: '通知公告' }),
  { kind: 'ANNOUNCEMENT', noticePeriod: null } satisfies NoticeFields,
);

const PATTERN = '{code}-/{year}-{seq:7}';
const guideFields = (pattern: string | null): DisclosureGuideFields => ({
  categories: ['机构职能', '政策文件', '政策解读', '通知公告'],
  numberingScheme: { description: '索引号由统一社会信用代码、“-/”、年份、“-”和七位顺序号组成。', pattern },
  waysToObtain: ['登录岳阳县人民政府门户网站政府信息公开专栏查阅', '依申请公开：当面、邮寄信函或在线提交申请'],
  office: {
    name: '岳阳县人民政府办公室政务公开办公室',
    address: '岳阳县荣家湾镇人民路1号',
    officeHours: '工作日上午8:30—12:00，下午14:30—17:30',
    phone: '0730-7612345',
    fax: null,
    email: 'zwgk430621@example.gov.cn',
    postalCode: '414100',
  },
});
const guide = (agency: string, publishedAt: string, pattern: string | null) =>
  disclosure('DisclosureGuide', envelope(agency, { title: `${agency}政府信息公开指南`, category: '公开指南', publishedAt: new Date(publishedAt) }), guideFields(pattern));
const oldGuide = guide(YUEYANG_GOV, '2015-01-05T02:00:00.000Z', '{code}/{year}-{seq}');
const currentGuide = guide(YUEYANG_GOV, '2017-01-05T02:00:00.000Z', PATTERN);
const chuxiongGuide = guide(CHUXIONG_GOV, '2017-01-05T02:00:00.000Z', null);
const suixianDraftGuide = guide(SUIXIAN_GOV, '2017-01-05T02:00:00.000Z', PATTERN);

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('documents');
  const published = [measures, repealed, landTransfer, textReading, graphicReading, closedConsultation, openConsultation, upcomingConsultation];
  expect(await stack.writer.write([...published, publicNotice, announcement, oldGuide, currentGuide, chuxiongGuide])).toEqual({ written: 13, rejected: [] });
  expect(await stack.writer.write([draftReading, suixianDraftGuide], { status: 'DRAFT' })).toEqual({ written: 2, rejected: [] });
});
afterAll(async () => {
  await stack?.close();
});

/** The field errors of a submission of `type` with these stored fields (in the publisher's form), as [field, rule]. */
function problems(type: RecordTypeName, fields: object): Array<[string, string]> {
  const result = validateSubmission({ type, envelope: publicSubmission(measures).envelope, fields: publicFields(type, fields) }, FIELD_SCHEMAS);
  return result.ok ? [] : result.errors.map((e) => [e.field, e.rule]);
}

describe('the rules of each type', () => {
  it('policy documents: expiry not before taking effect, normative ones take effect on a stated day, the state of the successor', () => {
    expect(problems('PolicyDocument', measuresFields)).toEqual([]);
    expect(problems('PolicyDocument', { ...measuresFields, expiresOn: '2017-03-31' })).toEqual([['fields.expiresOn', 'date-order']]);
    expect(problems('PolicyDocument', { ...measuresFields, expiresOn: '2017-04-01' })).toEqual([]);
    expect(problems('PolicyDocument', { ...measuresFields, effectiveOn: null, expiresOn: null })).toEqual([['fields.effectiveOn', 'normative-effective']]);
    expect(problems('PolicyDocument', { ...measuresFields, normative: false, effectiveOn: null, expiresOn: null })).toEqual([]);
    expect(problems('PolicyDocument', { ...measuresFields, validity: 'EXPIRED', expiresOn: null })).toEqual([['fields.expiresOn', 'expiry-date']]);
    expect(problems('PolicyDocument', { ...measuresFields, validity: 'EXPIRED' })).toEqual([]);
    expect(problems('PolicyDocument', { ...measuresFields, validity: 'AMENDED' })).toEqual([['fields.replacedByIndexNumber', 'amended-by']]);
    expect(problems('PolicyDocument', { ...measuresFields, validity: 'AMENDED', replacedByIndexNumber: measures.envelope.indexNumber })).toEqual([]);
    expect(problems('PolicyDocument', { ...measuresFields, validity: 'REPEALED' })).toEqual([]);
    expect(problems('PolicyDocument', { ...measuresFields, replacedByIndexNumber: measures.envelope.indexNumber })).toEqual([['fields.replacedByIndexNumber', 'replaced-by']]);
    expect(problems('PolicyDocument', { ...measuresFields, validity: 'REPEALED', replacedByIndexNumber: '岳政办发〔2017〕12号' })).toEqual([
      ['fields.replacedByIndexNumber', 'format'],
    ]);
    expect(problems('PolicyDocument', { ...measuresFields, coIssuers: ['岳阳县财政局', '岳阳县财政局'] })).toEqual([['fields.coIssuers', 'distinct']]);
    expect(problems('PolicyDocument', { ...measuresFields, kind: 'ORDER' })).toEqual([['fields.kind', 'one-of']]);
  });

  it('notices: a public notice states its period, and a period ends on or after it starts', () => {
    expect(problems('Notice', publicNotice.fields)).toEqual([]);
    expect(problems('Notice', { kind: 'PUBLIC_NOTICE', noticePeriod: null })).toEqual([['fields.noticePeriod', 'notice-period']]);
    expect(problems('Notice', { kind: 'ANNOUNCEMENT', noticePeriod: null })).toEqual([]);
    expect(problems('Notice', { kind: 'PUBLIC_NOTICE', noticePeriod: { startsOn: '2017-03-06', endsOn: '2017-03-05' } })).toEqual([['fields.noticePeriod.endsOn', 'date-order']]);
    expect(problems('Notice', { kind: 'PUBLIC_NOTICE', noticePeriod: { startsOn: '2017-03-06', endsOn: '2017-03-06' } })).toEqual([]);
  });

  it('interpretations: one or more distinct index numbers, and a picture or video for the media forms', () => {
    expect(problems('PolicyInterpretation', textReading.fields)).toEqual([]);
    expect(problems('PolicyInterpretation', { form: 'TEXT', interpretsIndexNumbers: [], mediaUrl: null })).toEqual([['fields.interpretsIndexNumbers', 'minimum']]);
    const twice = [measures.envelope.indexNumber, measures.envelope.indexNumber];
    expect(problems('PolicyInterpretation', { form: 'TEXT', interpretsIndexNumbers: twice, mediaUrl: null })).toEqual([['fields.interpretsIndexNumbers', 'distinct']]);
    expect(problems('PolicyInterpretation', { ...graphicReading.fields, mediaUrl: null })).toEqual([['fields.mediaUrl', 'media-url']]);
    expect(problems('PolicyInterpretation', graphicReading.fields)).toEqual([]);
  });

  it('consultations: the window closes after it opens, no more adopted than received, the status is not sent', () => {
    expect(problems('Consultation', closedConsultation.fields)).toEqual([]);
    const backwards = consultationFields('2017-03-01T09:00:00+08:00', '2017-03-01T08:59:59+08:00');
    expect(problems('Consultation', backwards)).toEqual([['fields.commentWindow.closesAt', 'date-order']]);
    expect(problems('Consultation', consultationFields('2017-03-01T09:00:00+08:00', '2017-03-01T09:00:00+08:00'))).toEqual([]);
    const overAdopted = { ...closedConsultation.fields, feedback: { commentsReceived: 3, commentsAdopted: 4, summary: '采纳4条。' } };
    expect(problems('Consultation', overAdopted)).toEqual([['fields.feedback.commentsAdopted', 'adopted-within-received']]);
    expect(problems('Consultation', { ...overAdopted, feedback: { ...overAdopted.feedback, commentsAdopted: 3 } })).toEqual([]);
    expect(problems('Consultation', { ...closedConsultation.fields, windowStatus: 'OPEN' })).toEqual([['fields.windowStatus', 'derived']]);
    expect(problems('Consultation', { ...closedConsultation.fields, channels: [] })).toEqual([['fields.channels', 'minimum']]);
  });

  it('disclosure guides: a valid numbering template, an e-mail address, a postal code', () => {
    expect(problems('DisclosureGuide', guideFields(PATTERN))).toEqual([]);
    expect(problems('DisclosureGuide', guideFields(null))).toEqual([]);
    const fields = guideFields(PATTERN);
    expect(problems('DisclosureGuide', guideFields('{code}-/{yy}-{seq}'))).toEqual([['fields.numberingScheme.pattern', 'numbering-pattern']]);
    expect(problems('DisclosureGuide', guideFields('{code}-/{year}'))).toEqual([['fields.numberingScheme.pattern', 'numbering-pattern']]);
    expect(problems('DisclosureGuide', guideFields('{code}〔{year}〕{seq}'))).toEqual([['fields.numberingScheme.pattern', 'numbering-pattern']]);
    expect(problems('DisclosureGuide', { ...fields, office: { ...fields.office, email: 'zwgk at example.gov.cn' } })).toEqual([['fields.office.email', 'format']]);
    expect(problems('DisclosureGuide', { ...fields, office: { ...fields.office, postalCode: '41410' } })).toEqual([['fields.office.postalCode', 'format']]);
    expect(problems('DisclosureGuide', { ...fields, categories: [] })).toEqual([['fields.categories', 'minimum']]);
  });

  it('names the unknown placeholder, and compiles a template with its literals escaped, anchored', () => {
    expect(numberingPatternProblem('{code}-/{yy}-{seq}')).toBe('unknown placeholder {yy}: use {code}, {year}, {seq} or {seq:N}');
    expect(numberingPatternProblem('{code}-/{year}-{seq:0}')).toBe('unknown placeholder {seq:0}: use {code}, {year}, {seq} or {seq:N}');
    expect(numberingPatternProblem('{code}.*{seq}')).toBe('".*" holds characters an index number cannot: only letters, digits and - / _ . besides placeholders');
    const expression = compileNumberingPattern('{code}.{year}-{seq:3}', '11430621006122474Q');
    expect(expression.source).toBe('^11430621006122474Q\\.\\d{4}\\-\\d{3}$');
    expect(expression.test('11430621006122474Q.2017-001')).toBe(true);
    expect(expression.test('11430621006122474QX2017-001')).toBe(false);
    expect(expression.test('11430621006122474Q.2017-0001')).toBe(false);
    expect(expression.test('x11430621006122474Q.2017-001')).toBe(false);
  });
});

describe('through the gateway', () => {
  it('answers a policy document with its own fields, its catalogue fields and the document that replaced it', async () => {
    const response = await stack.query<{ policyDocument: Record<string, unknown> }>(
      `query ($n: String!) { policyDocument(indexNumber: $n) { id kind normative coIssuers effectiveOn expiresOn validity replacedByIndexNumber
         title domain replacedBy { __typename indexNumber title ... on PolicyDocument { validity } } } }`,
      { n: repealed.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.policyDocument).toEqual({
      id: repealed.envelope.indexNumber,
      kind: 'MEASURES',
      normative: true,
      coIssuers: [],
      effectiveOn: '2014-06-01',
      expiresOn: null,
      validity: 'REPEALED',
      replacedByIndexNumber: measures.envelope.indexNumber,
      title: '岳阳县新型农村合作医疗管理办法',
      domain: 'DOCUMENTS',
      replacedBy: { __typename: 'PolicyDocument', indexNumber: measures.envelope.indexNumber, title: measures.envelope.title, validity: 'IN_FORCE' },
    });
  });

  it('links an interpretation to the records it interprets, of any type, and every record to its public interpretations', async () => {
    const response = await stack.query<{ policyInterpretation: unknown; policy: unknown; land: unknown }>(
      `query ($i: String!, $p: String!, $l: String!) {
         policyInterpretation(indexNumber: $i) { form interpretsIndexNumbers
           interprets { __typename indexNumber ... on LandTransfer { finalPrice { yuan } } ... on PolicyDocument { kind } } }
         policy: disclosure(indexNumber: $p) { interpretations { indexNumber ... on PolicyInterpretation { form mediaUrl } } }
         land: landTransfer(indexNumber: $l) { parcelNumber interpretations { indexNumber title } } }`,
      { i: textReading.envelope.indexNumber, p: measures.envelope.indexNumber, l: landTransfer.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      policyInterpretation: {
        form: 'TEXT',
        interpretsIndexNumbers: [measures.envelope.indexNumber, landTransfer.envelope.indexNumber],
        interprets: [
          { __typename: 'PolicyDocument', indexNumber: measures.envelope.indexNumber, kind: 'MEASURES' },
          { __typename: 'LandTransfer', indexNumber: landTransfer.envelope.indexNumber, finalPrice: { yuan: '912345.67' } },
        ],
      },
      // Newest first; the draft interpretation is not public.
      policy: {
        interpretations: [
          { indexNumber: graphicReading.envelope.indexNumber, form: 'GRAPHIC', mediaUrl: 'https://www.yyx.gov.cn/zcjd/2017/0320.jpg' },
          { indexNumber: textReading.envelope.indexNumber, form: 'TEXT', mediaUrl: null },
        ],
      },
      land: { parcelNumber: '430621-2017-003', interpretations: [{ indexNumber: textReading.envelope.indexNumber, title: textReading.envelope.title }] },
    });
  });

  it('shows the agency its draft interpretation too, and a record nobody interprets has none', async () => {
    const { key } = await stack.createKey(yueyangCode, 'yueyang gov');
    const response = await stack.query<{ disclosure: { interpretations: Array<{ indexNumber: string; status: string }> }; other: unknown }>(
      `query ($p: String!, $o: String!) { disclosure(indexNumber: $p) { interpretations { indexNumber status } } other: disclosure(indexNumber: $o) { interpretations { indexNumber } } }`,
      { p: measures.envelope.indexNumber, o: repealed.envelope.indexNumber },
      { authorization: `Bearer ${key}` },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.disclosure.interpretations).toEqual([
      { indexNumber: draftReading.envelope.indexNumber, status: 'DRAFT' },
      { indexNumber: graphicReading.envelope.indexNumber, status: 'PUBLISHED' },
      { indexNumber: textReading.envelope.indexNumber, status: 'PUBLISHED' },
    ]);
    expect(response.data?.other).toEqual({ interpretations: [] });
  });

  it('answers consultations with their window status against now, their feedback and final document', async () => {
    const response = await stack.query<{ consultations: { edges: Array<{ node: unknown }> } }>(
      `{ consultations(orderBy: OLDEST_FIRST) { edges { node { indexNumber windowStatus status commentWindow { opensAt closesAt } channels { kind address }
           feedback { commentsReceived commentsAdopted summary } finalDocument { indexNumber title } } } } }`,
    );
    expect(response.errors).toBeUndefined();
    const node = (record: DisclosureInput<ConsultationFields>, windowStatus: string, extra: Record<string, unknown>) => ({
      indexNumber: record.envelope.indexNumber,
      windowStatus,
      status: 'PUBLISHED',
      commentWindow: { opensAt: record.fields.commentWindow.opensAt.toISOString(), closesAt: record.fields.commentWindow.closesAt.toISOString() },
      channels: record.fields.channels,
      ...extra,
    });
    expect(response.data?.consultations.edges.map((e) => e.node)).toEqual([
      node(closedConsultation, 'CLOSED', {
        feedback: { commentsReceived: 23, commentsAdopted: 9, summary: '共收到意见建议23条，采纳9条。' },
        finalDocument: { indexNumber: measures.envelope.indexNumber, title: measures.envelope.title },
      }),
      node(openConsultation, 'OPEN', { feedback: null, finalDocument: null }),
      node(upcomingConsultation, 'UPCOMING', { feedback: null, finalDocument: null }),
    ]);
  });

  it('filters each type by its own fields', async () => {
    const ids = async (query: string) => {
      const response = await stack.query<Record<string, { totalCount: number; edges: Array<{ node: { id: string } }> }>>(`{ ${query} { totalCount edges { node { id } } } }`);
      expect(response.errors).toBeUndefined();
      return Object.values(response.data ?? {})[0].edges.map((e) => e.node.id);
    };
    expect(await ids('policyDocuments(filter: { validities: [REPEALED] })')).toEqual([repealed.envelope.indexNumber]);
    expect(await ids('policyDocuments(filter: { kinds: [MEASURES], effectiveFrom: "2017-01-01" })')).toEqual([measures.envelope.indexNumber]);
    expect(await ids('notices(filter: { kinds: [PUBLIC_NOTICE] })')).toEqual([publicNotice.envelope.indexNumber]);
    expect(await ids(`policyInterpretations(filter: { interprets: "${landTransfer.envelope.indexNumber}" })`)).toEqual([textReading.envelope.indexNumber]);
    expect(await ids('policyInterpretations(filter: { forms: [GRAPHIC] })')).toEqual([graphicReading.envelope.indexNumber]);
    expect(await ids('consultations(filter: { closesTo: "2017-03-02" })')).toEqual([closedConsultation.envelope.indexNumber]);
    expect(await ids('consultations(filter: { closesFrom: "2017-03-03", closesTo: "2999-01-31" })')).toEqual([upcomingConsultation.envelope.indexNumber]);
    const response = await stack.query('{ policyDocuments(filter: { effectiveFrom: "2018-01-01", effectiveTo: "2017-01-01" }) { totalCount } }');
    expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'filter.effectiveFrom']]);
  });

  it('answers each agency’s current disclosure guide, the one it published last, and null for an agency without one', async () => {
    const response = await stack.query<{ agencies: Array<{ name: string; disclosureGuide: unknown }> }>(
      `{ agencies(regionCode: "430621") { name disclosureGuide { indexNumber title numberingScheme { description pattern } office { name phone email postalCode } } } }`,
    );
    expect(response.errors).toBeUndefined();
    const byName = new Map(response.data?.agencies.map((a) => [a.name, a.disclosureGuide]));
    expect(byName.get(YUEYANG_GOV)).toEqual({
      indexNumber: currentGuide.envelope.indexNumber,
      title: currentGuide.envelope.title,
      numberingScheme: { description: currentGuide.fields.numberingScheme.description, pattern: PATTERN },
      office: { name: '岳阳县人民政府办公室政务公开办公室', phone: '0730-7612345', email: 'zwgk430621@example.gov.cn', postalCode: '414100' },
    });
    expect(byName.get(YUEYANG_LAND)).toBeNull();
    const suixian = await stack.query<{ agency: unknown }>(`{ agency(code: "${agencyNamed(SUIXIAN_GOV)._id}") { disclosureGuide { indexNumber } } }`);
    expect(suixian.data?.agency).toEqual({ disclosureGuide: null });
  });
});

describe('batching', () => {
  it('answers the interpretations of a page of records and the guides of every agency with one query per batch', async () => {
    let response: Awaited<ReturnType<TestStack['query']>> | undefined;
    const events = await commandsDuring(async () => {
      response = await stack.query('{ catalogue(first: 100) { edges { node { interpretations { title } } } } agencies { disclosureGuide { title } } }');
    });
    expect(response?.errors).toBeUndefined();
    const finds = events.filter((e) => e.commandName === 'find').map(collectionOf);
    const count = (collection: string) => finds.filter((name) => name === collection).length;
    const catalogue = stack.databases.catalogue.databaseName;
    expect(count(`${catalogue}.documentLinks`)).toBe(1);
    // The page, the interpretations it found, and the envelopes of the guides.
    expect(count(`${catalogue}.entries`)).toBe(3);
    expect(count(`${stack.databases.documents.databaseName}.disclosureGuides`)).toBe(1);
  });
});

describe('index numbers against the current guide’s numbering template', () => {
  const SUBMIT = `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) {
    accepted { indexNumber } rejected { indexNumber errors { field rule message } } } }`;
  const submission = (agency: string, indexNumber: string, publishedAt = '2017-06-01T10:00:00+08:00') =>
    publicSubmission(
      disclosure('Notice', envelope(agency, { indexNumber, publishedAt: new Date(publishedAt), title: '关于做好2017年防汛抗旱工作的通知', category: '通知公告' }), {
        kind: 'NOTICE',
        noticePeriod: null,
      } satisfies NoticeFields),
    );
  const submit = async (agency: string, submissions: unknown[]) => {
    const { key } = await stack.createKey(agencyNamed(agency)._id, `${agency} numbering`);
    const answer = await stack.query<{ submitDisclosures: { accepted: unknown[]; rejected: unknown[] } }>(SUBMIT, { s: submissions }, { authorization: `Bearer ${key}` });
    expect(answer.errors).toBeUndefined();
    return answer.data?.submitDisclosures;
  };

  it('accepts a later record whose index number matches, and refuses one that does not, quoting the template', async () => {
    const matching = `${yueyangCode}-/2017-2000001`;
    const otherScheme = `${yueyangCode}/2017-00150`;
    const shortSerial = `${yueyangCode}-/2017-20001`;
    expect(await submit(YUEYANG_GOV, [submission(YUEYANG_GOV, matching), submission(YUEYANG_GOV, otherScheme), submission(YUEYANG_GOV, shortSerial)])).toEqual({
      accepted: [{ indexNumber: matching }],
      rejected: [otherScheme, shortSerial].map((indexNumber) => ({
        indexNumber,
        errors: [
          {
            field: 'envelope.indexNumber',
            rule: 'numbering-pattern',
            message: `does not follow the numbering scheme ${PATTERN} of the agency's current disclosure guide ${currentGuide.envelope.indexNumber} (published 2017-01-05T02:00:00.000Z), which binds the records it publishes from then on`,
          },
        ],
      })),
    });
  });

  it('does not check a record published before the guide, an agency whose guide has no template, nor one whose guide is not public', async () => {
    const before = `${yueyangCode}/2016-00150`;
    const chuxiong = `${agencyNamed(CHUXIONG_GOV)._id}/2017-00150`;
    const suixian = `${agencyNamed(SUIXIAN_GOV)._id}/2017-00150`;
    expect(await submit(YUEYANG_GOV, [submission(YUEYANG_GOV, before, '2016-12-30T10:00:00+08:00')])).toEqual({ accepted: [{ indexNumber: before }], rejected: [] });
    expect(await submit(CHUXIONG_GOV, [submission(CHUXIONG_GOV, chuxiong)])).toEqual({ accepted: [{ indexNumber: chuxiong }], rejected: [] });
    expect(await submit(SUIXIAN_GOV, [submission(SUIXIAN_GOV, suixian)])).toEqual({ accepted: [{ indexNumber: suixian }], rejected: [] });
  });

  it('refuses it in the import too (the one write path), with the same rule', async () => {
    const result = await stack.writer.write([disclosure('Notice', envelope(YUEYANG_GOV, { indexNumber: `${yueyangCode}/2017-00151` }), { kind: 'NOTICE', noticePeriod: null } satisfies NoticeFields)]);
    expect(result.rejected.map((r) => [r.field, r.rule])).toEqual([['envelope.indexNumber', 'numbering-pattern']]);
  });
});
