/**
 * The explorer at the gateway's root, over HTTP: a page that works with no internet (every file
 * it loads comes from the gateway), and every ready example of gateway/portal/examples.ts answering
 * through the gateway with real results.
 */
import { parse } from 'csv-parse/sync';
import { shanghaiDate } from '../../model/time';
import { EXAMPLES, KEY_PLACEHOLDER, type ExampleName } from '../../gateway/portal/examples';
import type { ConsultationFields } from '../../model/records/documents/consultation';
import type { PolicyDocumentFields } from '../../model/records/documents/policy-document';
import type { PolicyInterpretationFields } from '../../model/records/documents/policy-interpretation';
import type { ProcurementAwardFields } from '../../model/records/finance/procurement-award';
import type { LandExpropriationFields } from '../../model/records/land/land-expropriation';
import type { LandTransferFields } from '../../model/records/land/land-transfer';
import type { AdministrativeLicenceFields } from '../../model/records/enforcement/administrative-licence';
import type { AdministrativePenaltyFields } from '../../model/records/enforcement/administrative-penalty';
import { agencyNamed, disclosure, envelope } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const supplier = EXAMPLES.procurementAwardsToSupplier.variables.supplier;

const award: ProcurementAwardFields = {
  projectName: '岳阳县农村学校多媒体教学设备采购项目',
  projectNumber: 'YYXZC2017-018',
  method: 'OPEN_TENDER',
  budgetFen: 2_400_000_00,
  supplierName: supplier,
  supplierCreditCode: null,
  awardAmountFen: 2_212_000_00,
  awardDate: '2017-02-27',
  procuringEntity: '岳阳县教育局',
  itemsDescription: '交互式多媒体教学一体机、录播系统及安装调试',
};

function transfer(finalPriceFen: number): LandTransferFields {
  return {
    parcelNumber: `532301-2014-${finalPriceFen}`,
    location: '楚雄市开发区',
    areaSquareMetres: 8_000,
    use: 'COMMERCIAL',
    termYears: 40,
    method: 'AUCTION',
    floorAreaRatio: 3,
    startingPriceFen: (finalPriceFen / 5) * 4,
    finalPriceFen,
    winningParty: '云南城投置业股份有限公司',
    transferredOn: '2014-07-01',
  };
}

const expropriation: LandExpropriationFields = {
  approvalNumber: '湘政土批〔2017〕31号',
  approvalAuthority: '湖南省人民政府',
  approvedOn: '2017-02-20',
  location: '荣家湾镇东山村',
  areaSquareMetres: 33_333.5,
  landType: 'ARABLE',
  compensationPerMuFen: 45_000_00,
  totalCompensationFen: 2_250_000_00,
  householdsAffected: 21,
  resettlementPlan: '货币安置',
};

const portalRecord = disclosure(
  'ProcurementAward',
  envelope('岳阳县财政局', {
    indexNumber: EXAMPLES.portalRecord.variables.indexNumber,
    title: '岳阳县农村学校多媒体教学设备采购项目中标结果公告',
    category: EXAMPLES.portalHeading.variables.heading,
    publishedAt: new Date('2017-03-06T02:00:00Z'),
  }),
  award,
);
const dearTransfer = disclosure(
  'LandTransfer',
  envelope('楚雄州国土资源局', { title: '楚雄市商业用地拍卖出让结果公示', category: '土地出让', publishedAt: new Date('2014-07-08T02:00:00Z') }),
  transfer(8_000_000_00),
);
const cheapTransfer = disclosure(
  'LandTransfer',
  envelope('楚雄州国土资源局', { title: '楚雄市商业用地挂牌出让结果公示', category: '土地出让', publishedAt: new Date('2014-07-09T02:00:00Z') }),
  transfer(300_000_00),
);
const lateExpropriation = disclosure(
  'LandExpropriation',
  envelope('岳阳县国土资源局', {
    title: '岳阳县2017年度第1批次征地拆迁补偿方案公告',
    category: '征地拆迁',
    writtenOn: '2017-03-01',
    publishedAt: new Date('2017-05-02T02:00:00Z'),
  }),
  expropriation,
);
const creditCode = EXAMPLES.doublePublicityOfCompany.variables.creditCode;
const licenceFields: AdministrativeLicenceFields = {
  decisionNumber: '岳环许〔2019〕8号',
  licenceNumber: null,
  licenceName: '排污许可证',
  licenceCategory: 'GENERAL',
  holder: '岳阳县鑫源造纸有限公司',
  holderKind: 'LEGAL_PERSON',
  holderCreditCode: creditCode,
  content: '准予排放废水污染物',
  legalBasis: '《中华人民共和国环境保护法》第四十五条',
  decidedOn: '2019-06-10',
  validFrom: '2019-06-10',
  validTo: null,
};
const penaltyFields: AdministrativePenaltyFields = {
  caseNumber: '岳安监罚〔2019〕12号',
  sector: 'WORK_SAFETY',
  party: '岳阳县鑫源造纸有限公司',
  partyKind: 'LEGAL_PERSON',
  partyCreditCode: creditCode,
  violation: '未建立事故隐患排查治理制度。',
  legalBasis: '《中华人民共和国安全生产法》第九十八条第（四）项',
  penaltyKinds: ['FINE'],
  fineAmountFen: 60_000_00,
  decidedOn: '2019-07-01',
};
const licence = disclosure(
  'AdministrativeLicence',
  envelope('岳阳县环境保护局', { title: '岳阳县鑫源造纸有限公司排污许可决定', category: '行政许可', writtenOn: '2019-06-10', publishedAt: new Date('2019-06-14T02:00:00Z') }),
  licenceFields,
);
const bigFine = disclosure(
  'AdministrativePenalty',
  envelope('岳阳县安全生产监督管理局', { title: '岳阳县鑫源造纸有限公司行政处罚决定书', category: '行政处罚', writtenOn: '2019-07-01', publishedAt: new Date('2019-07-04T02:00:00Z') }),
  penaltyFields,
);
const smallFine = disclosure(
  'AdministrativePenalty',
  envelope('岳阳县安全生产监督管理局', { title: '岳阳县华盛化工有限公司行政处罚决定书', category: '行政处罚', writtenOn: '2019-07-01', publishedAt: new Date('2019-07-05T02:00:00Z') }),
  { ...penaltyFields, caseNumber: '岳安监罚〔2019〕13号', party: '岳阳县华盛化工有限公司', partyCreditCode: '91430621532031326N', fineAmountFen: 49_999_99 },
);
const normativeDocument = disclosure(
  'PolicyDocument',
  envelope('岳阳县人民政府办公室', { title: '岳阳县人民政府办公室关于印发《岳阳县政府投资项目管理办法》的通知', category: '政策文件', documentNumber: '岳政办发〔2017〕9号' }),
  { kind: 'MEASURES', normative: true, coIssuers: [], effectiveOn: '2017-04-01', expiresOn: null, validity: 'IN_FORCE', replacedByIndexNumber: null } satisfies PolicyDocumentFields,
);
const reading = disclosure(
  'PolicyInterpretation',
  envelope('岳阳县人民政府办公室', { title: '《岳阳县政府投资项目管理办法》政策解读', category: '政策解读', publishedAt: new Date('2017-03-07T02:00:00Z') }),
  { form: 'TEXT', interpretsIndexNumbers: [normativeDocument.envelope.indexNumber], mediaUrl: null } satisfies PolicyInterpretationFields,
);
const consultation = disclosure(
  'Consultation',
  envelope('岳阳县人民政府办公室', { title: '关于公开征求《岳阳县政府投资项目管理办法（征求意见稿）》意见的公告', category: '征求意见', publishedAt: new Date('2017-01-05T02:00:00Z') }),
  {
    commentWindow: { opensAt: new Date('2017-01-05T02:00:00Z'), closesAt: new Date('2017-02-04T09:30:00Z') },
    channels: [{ kind: 'EMAIL', address: 'zwgk430621@example.gov.cn' }],
    feedback: { commentsReceived: 12, commentsAdopted: 5, summary: '共收到意见建议12条，采纳5条。' },
    finalDocumentIndexNumber: normativeDocument.envelope.indexNumber,
  } satisfies ConsultationFields,
);
const seeded = [portalRecord, dearTransfer, cheapTransfer, lateExpropriation, licence, bigFine, smallFine, normativeDocument, reading, consultation];

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { indexNumber: string } }>;
}
type Rows = Array<{ count: number }>;

/** The results each example answers with, as seen in its response data. */
const resultsOf: Record<ExampleName, (data: Record<string, any>) => unknown[]> = {
  portalHeading: (data) => data.agency.disclosures.edges,
  portalRecord: (data) => (data.disclosure ? [data.disclosure] : []),
  landTransfersAbovePrice: (data) => data.landTransfers.edges,
  procurementAwardsToSupplier: (data) => data.procurementAwards.edges,
  doublePublicityOfCompany: (data) => [...data.administrativeLicences.edges, ...data.administrativePenalties.edges],
  penaltiesBySector: (data) => data.administrativePenalties.edges,
  recordsMentioning: (data) => data.catalogue.edges,
  countsByAgencyAndYear: (data) => data.catalogueCounts,
  lateAgencies: (data) => data.lateByAgency,
  inconsistentRecords: (data) => data.writtenAfterPublished.edges,
  lateAnswers: (data) => data.lateAnswerRanking,
  pullSince: (data) => data.catalogue.edges,
  submitDraft: (data) => data.submitDisclosures.accepted,
  reviewAndPublish: (data) => data.published,
  normativeDocuments: (data) => data.policyDocuments.edges,
  interpretationsBothWays: (data) => [...data.policyInterpretations.edges.flatMap((e: any) => e.node.interprets), ...data.policyDocuments.edges.flatMap((e: any) => e.node.interpretations)],
  consultations: (data) => data.consultations.edges,
  changeFeed: (data) => data.changes.edges,
  exportForSpreadsheet: (data) => data.catalogue.edges,
};

/** The examples that act for an agency, with a real key where the placeholder is. */
const keyed = (Object.keys(EXAMPLES) as ExampleName[]).filter((name) => 'headers' in EXAMPLES[name]);

let stack: TestStack;

/** Requests received online by 岳阳县国土资源局 on 2024-09-27 (due 2024-10-30), each answered on the day given. */
const REQUEST_ANSWER_DAYS = ['2024-10-30', '2024-11-05'];

async function seedRequests(): Promise<void> {
  const agencyCode = agencyNamed('岳阳县国土资源局')._id;
  const headers = { authorization: `Bearer ${(await stack.createKey(agencyCode, 'explorer requests')).key}` };
  for (const answeredOn of REQUEST_ANSWER_DAYS) {
    const registered = await stack.query<{ registerRequest: { id: string } }>(
      'mutation ($r: RegisterRequestInput!) { registerRequest(request: $r) { id } }',
      {
        r: {
          agencyCode,
          applicantType: 'NATURAL_PERSON',
          channel: 'ONLINE',
          submittedOn: '2024-09-27',
          confirmedOn: '2024-09-27',
          description: '申请公开荣家湾镇2024年征地补偿标准',
          applicant: { name: '张三丰', phone: '13812345678' },
        },
      },
      headers,
    );
    expect(registered.errors).toBeUndefined();
    const answered = await stack.query(
      'mutation ($id: ID!, $a: AnswerInput!) { answerRequest(id: $id, answer: $a) { id } }',
      { id: registered.data!.registerRequest.id, a: { answeredOn, type: 'DISCLOSED', legalBasis: 'ART_36_2' } },
      headers,
    );
    expect(answered.errors).toBeUndefined();
  }
}

beforeAll(async () => {
  stack = await startTestStack('explorer');
  expect(await stack.writer.write(seeded)).toEqual({ written: seeded.length, rejected: [] });
  await seedRequests();
});
afterAll(async () => {
  await stack?.close();
});

async function fetchPage(): Promise<{ response: Response; html: string }> {
  const response = await fetch(stack.gatewayUrl);
  return { response, html: await response.text() };
}

function referencedFiles(html: string): Array<{ url: string; kind: 'script' | 'style' }> {
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => ({ url: m[1], kind: 'script' as const }));
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => ({ url: m[1], kind: 'style' as const }));
  return [...scripts, ...styles];
}

describe('the page', () => {
  it('is HTML that loads nothing from another host', async () => {
    const { response, html } = await fetchPage();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<div id="explorer">');
    const gatewayHost = new URL(stack.gatewayUrl).host;
    const foreignUrls = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]).filter((url) => new URL(url).host !== gatewayHost);
    expect(foreignUrls).toEqual([]);
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
  });

  it('serves every script and style it references itself, with its content type and a long cache life', async () => {
    const { html } = await fetchPage();
    const files = referencedFiles(html);
    expect(files.map((f) => f.url.split('/').pop())).toEqual([
      'react.production.min.js',
      'react-dom.production.min.js',
      'graphiql.min.js',
      'explorer.js',
      'graphiql.min.css',
      'explorer.css',
    ]);
    for (const file of files) {
      expect(file.url).toMatch(/^\/explorer\/assets\//);
      const response = await fetch(new URL(file.url, stack.gatewayUrl));
      expect({ url: file.url, status: response.status }).toEqual({ url: file.url, status: 200 });
      expect(response.headers.get('content-type')).toMatch(file.kind === 'script' ? /^text\/javascript/ : /^text\/css/);
      expect(response.headers.get('cache-control')).toContain('immutable');
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
  });

  it('lists every example, also for readers without JavaScript', async () => {
    const { html } = await fetchPage();
    for (const example of Object.values(EXAMPLES)) {
      expect(html).toContain(example.title.en);
      expect(html).toContain(example.title.zh);
    }
  });

  it('answers an unknown asset with 404', async () => {
    const response = await fetch(new URL('/explorer/assets/0000000000000000/graphiql.min.js', stack.gatewayUrl));
    expect(response.status).toBe(404);
  });
});

describe('the examples', () => {
  const publicExamples = (Object.keys(EXAMPLES) as ExampleName[]).filter((name) => !keyed.includes(name));
  it.each(publicExamples)('%s runs through the gateway with results', async (name) => {
    const { query, variables } = EXAMPLES[name];
    const response = await stack.query(query, variables);
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
    expect(resultsOf[name](response.data!).length).toBeGreaterThan(0);
  });

  it('finds the land transfer above the price and not the one below it', async () => {
    const { query, variables } = EXAMPLES.landTransfersAbovePrice;
    const response = await stack.query<{ landTransfers: Connection }>(query, variables);
    expect(response.data?.landTransfers.edges.map((e) => e.node.indexNumber)).toEqual([dearTransfer.envelope.indexNumber]);
  });

  it('finds the company’s licence and penalty, and only the penalty fining at least 50,000 yuan', async () => {
    const pair = await stack.query<{ administrativeLicences: Connection; administrativePenalties: Connection }>(
      EXAMPLES.doublePublicityOfCompany.query,
      EXAMPLES.doublePublicityOfCompany.variables,
    );
    expect(pair.data?.administrativeLicences.edges.map((e) => e.node.indexNumber)).toEqual([licence.envelope.indexNumber]);
    expect(pair.data?.administrativePenalties.edges.map((e) => e.node.indexNumber)).toEqual([bigFine.envelope.indexNumber]);
    const fines = await stack.query<{ administrativePenalties: Connection }>(EXAMPLES.penaltiesBySector.query, EXAMPLES.penaltiesBySector.variables);
    expect(fines.data?.administrativePenalties.edges.map((e) => e.node.indexNumber)).toEqual([bigFine.envelope.indexNumber]);
  });

  it('finds the late agency', async () => {
    const { query, variables } = EXAMPLES.lateAgencies;
    const response = await stack.query<{ lateByAgency: Array<{ keys: Array<{ value: string }>; count: number }> }>(query, variables);
    expect(response.data?.lateByAgency).toEqual([{ keys: [expect.objectContaining({ value: lateExpropriation.envelope.agencyCode })], count: 1 }]);
  });

  it('finds the records written after they were published: the builder writes on 2017-03-01, these went public before', async () => {
    const { query, variables } = EXAMPLES.inconsistentRecords;
    const response = await stack.query<{ writtenAfterPublished: { edges: Array<{ node: { indexNumber: string; qualityFlags: string[] } }> } }>(query, variables);
    const flagged = seeded.filter((record) => record.envelope.writtenOn && record.envelope.writtenOn > shanghaiDate(record.envelope.publishedAt));
    expect(flagged.map((record) => record.envelope.title)).toEqual([
      '楚雄市商业用地拍卖出让结果公示',
      '楚雄市商业用地挂牌出让结果公示',
      '关于公开征求《岳阳县政府投资项目管理办法（征求意见稿）》意见的公告',
    ]);
    expect(response.data?.writtenAfterPublished.edges.map((e) => e.node.indexNumber).sort()).toEqual(flagged.map((record) => record.envelope.indexNumber).sort());
    expect(response.data?.writtenAfterPublished.edges.every((e) => e.node.qualityFlags.includes('WRITTEN_AFTER_PUBLISHED'))).toBe(true);
  });

  it('ranks the agency by its one late answer and lists it without the applicant', async () => {
    const { query, variables } = EXAMPLES.lateAnswers;
    const response = await stack.query<{ lateAnswerRanking: unknown[]; lateAnswers: { totalCount: number; edges: Array<{ node: unknown }> } }>(query, variables);
    expect(response.data?.lateAnswerRanking).toEqual([{ agency: { name: '岳阳县国土资源局' }, answered: 2, onTime: 1, late: 1 }]);
    expect(response.data?.lateAnswers.edges.map((e) => e.node)).toEqual([
      {
        subject: '申请公开荣家湾镇2024年征地补偿标准',
        applicantType: 'NATURAL_PERSON',
        receivedOn: '2024-09-27',
        answerType: 'DISCLOSED',
        answeredOn: '2024-11-05',
        agency: { name: '岳阳县国土资源局' },
      },
    ]);
    expect(JSON.stringify(response.data)).not.toMatch(/张三丰|13812345678/);
  });

  it('lets another agency pull page by page without missing or repeating a record', async () => {
    const { query, variables } = EXAMPLES.pullSince;
    const pulled: string[] = [];
    let after: string | null = null;
    for (;;) {
      const response: { data?: { catalogue: Connection } | null } = await stack.query<{ catalogue: Connection }>(query, {
        ...variables,
        first: 1,
        after,
      });
      const page = response.data!.catalogue;
      pulled.push(...page.edges.map((e) => e.node.indexNumber));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const oldestFirst = [...seeded].sort((a, b) => a.envelope.publishedAt.getTime() - b.envelope.publishedAt.getTime());
    expect(pulled).toEqual(oldestFirst.map((r) => r.envelope.indexNumber));
  });

  it('counts by agency and year in rows that add up to every record', async () => {
    const { query, variables } = EXAMPLES.countsByAgencyAndYear;
    const response = await stack.query<{ catalogueCounts: Rows }>(query, variables);
    expect(response.data?.catalogueCounts.reduce((sum, row) => sum + row.count, 0)).toBe(seeded.length);
  });

  it('take an agency from a draft to a published record that the change feed carries', async () => {
    expect(keyed).toEqual(['submitDraft', 'reviewAndPublish']);
    const { submitDraft, reviewAndPublish, changeFeed } = EXAMPLES;
    const agencyCode = submitDraft.variables.submissions[0].envelope.agencyCode;
    const { key } = await stack.createKey(agencyCode, 'explorer example');
    expect(submitDraft.headers.Authorization).toBe(KEY_PLACEHOLDER);
    const withKey = { Authorization: `Bearer ${key}` };
    const indexNumber = submitDraft.variables.submissions[0].envelope.indexNumber;

    const submitted = await stack.query<{ submitDisclosures: { accepted: unknown[]; rejected: unknown[] } }>(
      submitDraft.query,
      submitDraft.variables,
      withKey,
    );
    expect(submitted.data?.submitDisclosures).toEqual({
      accepted: [{ position: 0, indexNumber, status: 'DRAFT', changed: true }],
      rejected: [],
    });
    const withoutKey = await stack.query(reviewAndPublish.query, reviewAndPublish.variables);
    expect(withoutKey.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const moved = await stack.query(reviewAndPublish.query, reviewAndPublish.variables, withKey);
    expect(moved.errors).toBeUndefined();
    expect(moved.data).toEqual({
      reviewed: [{ indexNumber, status: 'REVIEWED' }],
      published: [{ indexNumber, status: 'PUBLISHED' }],
    });
    const feed = await stack.query<{ changes: { edges: Array<{ node: { indexNumber: string; kind: string } }> } }>(
      changeFeed.query,
      changeFeed.variables,
    );
    const last = feed.data!.changes.edges.at(-1)!.node;
    expect(last).toMatchObject({ indexNumber, kind: 'UPSERT' });
  });

  it('offers the export of its filter as a CSV with every record it finds', async () => {
    const { query, variables, download } = EXAMPLES.exportForSpreadsheet;
    const response = await stack.query<{ catalogue: Connection }>(query, variables);
    const exported = await fetch(new URL(download.path, stack.gatewayUrl));
    expect(exported.status).toBe(200);
    const rows = parse(await exported.text(), { columns: true, bom: true }) as Array<{ indexNumber: string }>;
    expect(rows.map((r) => r.indexNumber).sort()).toEqual(response.data!.catalogue.edges.map((e) => e.node.indexNumber).sort());
    expect(rows).toHaveLength(response.data!.catalogue.totalCount);
    expect(rows.length).toBeGreaterThan(0);
  });
});
