/**
 * The safety subgraph through the gateway: accidents, administrative penalties and food and drug
 * sampling with every field, the typed filters, the Agency join, and bad input.
 */
import type { AdministrativePenaltyFields } from '../../model/records/safety/administrative-penalty';
import type { FoodDrugSamplingFields } from '../../model/records/safety/food-drug-sampling';
import type { SafetyAccidentFields } from '../../model/records/safety/safety-accident';
import { disclosure, envelope } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const YUEYANG_SAFETY = '岳阳县安全生产监督管理局';
const CHUXIONG_SAFETY = '楚雄州安全生产监督管理局';
const YUEYANG_FOOD_DRUG = '岳阳县食品药品监督管理局';
const SUIXIAN_FOOD_DRUG = '随县食品药品监督管理局';

const roadAccidentFields: SafetyAccidentFields = {
  // 00:30 on 13 March in Beijing.
  occurredAt: new Date('2016-03-12T16:30:00.000Z'),
  place: '岳阳县荣家湾镇G240国道K1532+300处',
  industry: 'ROAD_TRANSPORT',
  deaths: 4,
  seriousInjuries: 2,
  injuries: 11,
  directEconomicLossFen: 6_543_210_99,
  grade: 'LARGER',
  company: '岳阳县顺发汽车运输有限公司',
  investigationReportUrl: 'https://www.yyx.gov.cn/aqsc/sgdc/2016/0313.pdf',
  causeSummary: '驾驶人疲劳驾驶，车辆制动系统失效；运输企业未落实动态监控主体责任。',
};

const roadAccident = disclosure(
  'SafetyAccident',
  envelope(YUEYANG_SAFETY, {
    title: '岳阳县顺发汽车运输有限公司“3·13”较大道路交通事故调查报告',
    category: '事故调查处理',
    documentNumber: '岳安监〔2016〕21号',
    subjectTerms: ['安全生产', '事故调查'],
    writtenOn: '2016-05-28',
    publishedAt: new Date('2016-06-01T02:00:00.000Z'),
  }),
  roadAccidentFields,
);
const constructionAccident = disclosure(
  'SafetyAccident',
  envelope(CHUXIONG_SAFETY, { title: '楚雄州“3·12”一般高处坠落事故调查报告', publishedAt: new Date('2016-05-01T02:00:00.000Z') }),
  {
    ...roadAccidentFields,
    // 23:59:59 on 12 March in Beijing.
    occurredAt: new Date('2016-03-12T15:59:59.000Z'),
    place: '楚雄市东瓜镇在建住宅楼6号楼施工现场',
    industry: 'CONSTRUCTION',
    deaths: 1,
    seriousInjuries: 0,
    injuries: 0,
    directEconomicLossFen: 1_500_000_00,
    grade: 'ORDINARY',
    company: '楚雄宏达建筑工程有限公司',
    investigationReportUrl: null,
    causeSummary: '作业人员在未设置临边防护的楼层边缘作业且未系挂安全带。',
  } satisfies SafetyAccidentFields,
);

const finedPenaltyFields: AdministrativePenaltyFields = {
  caseNumber: '岳安监罚〔2016〕12号',
  party: '岳阳县宏达建筑工程有限公司',
  partyCreditCode: '91430621MA4L0X1Y2K',
  violation: '2016年6月6日，执法人员检查发现，该单位特种作业人员未取得相应资格上岗作业。',
  legalBasis: '《中华人民共和国安全生产法》第九十四条第（七）项',
  penaltyKinds: ['FINE'],
  fineAmountFen: 30_000_00,
  decidedOn: '2016-08-02',
};
const finedPenalty = disclosure(
  'AdministrativePenalty',
  envelope(YUEYANG_SAFETY, { title: '岳阳县宏达建筑工程有限公司行政处罚决定书', publishedAt: new Date('2016-08-05T02:00:00.000Z') }),
  finedPenaltyFields,
);
const suspensionPenalty = disclosure(
  'AdministrativePenalty',
  envelope(YUEYANG_SAFETY, { title: '岳阳县金鼎化工有限公司行政处罚决定书', publishedAt: new Date('2017-01-12T02:00:00.000Z') }),
  {
    ...finedPenaltyFields,
    caseNumber: '岳安监罚〔2017〕3号',
    party: '岳阳县金鼎化工有限公司',
    partyCreditCode: null,
    violation: '对检查中发现的重大事故隐患，经责令限期消除后拒不执行。',
    legalBasis: '《中华人民共和国安全生产法》第九十九条',
    penaltyKinds: ['SUSPENSION', 'FINE'],
    fineAmountFen: 123_456_78,
    decidedOn: '2017-01-10',
  } satisfies AdministrativePenaltyFields,
);
const revocationPenalty = disclosure(
  'AdministrativePenalty',
  envelope(CHUXIONG_SAFETY, { title: '楚雄兴旺矿业有限公司行政处罚决定书', publishedAt: new Date('2017-02-25T02:00:00.000Z') }),
  {
    ...finedPenaltyFields,
    caseNumber: '楚安监罚〔2017〕8号',
    party: '楚雄兴旺矿业有限公司',
    partyCreditCode: null,
    violation: '取得安全生产许可证后，不再具备规定的安全生产条件。',
    legalBasis: '《安全生产许可证条例》第十四条第二款',
    penaltyKinds: ['LICENCE_REVOCATION'],
    fineAmountFen: null,
    decidedOn: '2017-02-20',
  } satisfies AdministrativePenaltyFields,
);

const mooncakeFields: FoodDrugSamplingFields = {
  productName: '蛋黄月饼',
  productCategory: 'FOOD',
  producer: '湖南金鼎食品有限公司',
  sampledFrom: '步步高超市荣家湾镇店',
  batchNumber: null,
  producedOn: '2017-08-20',
  specification: '500g/盒',
  outcome: 'FAILED',
  failedItems: [
    { item: '菌落总数', result: '1.2×10⁵ CFU/g', limit: '≤1.0×10⁵ CFU/g' },
    { item: '过氧化值（以脂肪计）', result: '0.41 g/100g', limit: '≤0.25 g/100g' },
  ],
  testingInstitution: '湖南省食品质量监督检验研究院',
  sampledOn: '2017-09-05',
};
const mooncake = disclosure(
  'FoodDrugSampling',
  envelope(YUEYANG_FOOD_DRUG, { title: '岳阳县2017年第9期食品监督抽检信息公告（蛋黄月饼）', publishedAt: new Date('2017-09-20T02:00:00.000Z') }),
  mooncakeFields,
);
const amoxicillin = disclosure(
  'FoodDrugSampling',
  envelope(YUEYANG_FOOD_DRUG, { title: '岳阳县2017年第3期药品监督抽检信息公告（阿莫西林胶囊）', publishedAt: new Date('2017-10-25T02:00:00.000Z') }),
  {
    productName: '阿莫西林胶囊',
    productCategory: 'DRUG',
    producer: '湖北瑞丰制药有限公司',
    sampledFrom: '岳阳县华盛大药房连锁有限公司荣家湾镇店',
    batchNumber: '170301',
    producedOn: '2017-03-01',
    specification: '0.25g×24粒/盒',
    outcome: 'PASSED',
    failedItems: [],
    testingInstitution: '湖南省药品检验研究院',
    sampledOn: '2017-10-11',
  } satisfies FoodDrugSamplingFields,
);
const whiteningCream = disclosure(
  'FoodDrugSampling',
  envelope(SUIXIAN_FOOD_DRUG, { title: '随县2017年第2期化妆品监督抽检信息公告（美白祛斑霜）', publishedAt: new Date('2017-11-02T02:00:00.000Z') }),
  {
    productName: '美白祛斑霜',
    productCategory: 'COSMETIC',
    producer: '广州天宇化妆品有限公司',
    sampledFrom: '随县厉山镇中诚化妆品店',
    batchNumber: 'A1705',
    producedOn: null,
    specification: '20g/瓶',
    outcome: 'FAILED',
    failedItems: [{ item: '汞', result: '3.4×10³ mg/kg', limit: '≤1 mg/kg' }],
    testingInstitution: '湖北省药品监督检验研究院',
    sampledOn: '2017-10-12',
  } satisfies FoodDrugSamplingFields,
);

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('safety');
  const result = await stack.writer.write([
    roadAccident,
    constructionAccident,
    finedPenalty,
    suspensionPenalty,
    revocationPenalty,
    mooncake,
    amoxicillin,
    whiteningCream,
  ]);
  expect(result).toEqual({ written: 8, rejected: [] });
});
afterAll(async () => {
  await stack?.close();
});

type Connection = { totalCount: number; edges: Array<{ node: { id: string } }> };

/** Index numbers and total of `listField` under `filter`, checking that the query had no errors. */
async function listIds(listField: string, filterType: string, filter: Record<string, unknown>) {
  const response = await stack.query<Record<string, Connection>>(
    `query ($filter: ${filterType}) { ${listField}(filter: $filter) { totalCount edges { node { id } } } }`,
    { filter },
  );
  expect(response.errors).toBeUndefined();
  const connection = response.data?.[listField];
  return { ids: connection?.edges.map((e) => e.node.id), totalCount: connection?.totalCount };
}

const indexNumbers = (records: Array<{ envelope: { indexNumber: string } }>) => records.map((r) => r.envelope.indexNumber);

describe('safety accidents', () => {
  it('answers every field, with the Beijing day of the accident and the loss exact in fen and yuan', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        safetyAccident(indexNumber: $id) {
          id indexNumber title domain category documentNumber subjectTerms writtenOn publishedAt publishedOn
          agency { code name } region { code name }
          occurredAt occurredOn place industry deaths seriousInjuries injuries
          directEconomicLoss { fen yuan currency } grade company investigationReportUrl causeSummary
        }
      }`,
      { id: roadAccident.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.safetyAccident).toEqual({
      id: roadAccident.envelope.indexNumber,
      indexNumber: roadAccident.envelope.indexNumber,
      title: '岳阳县顺发汽车运输有限公司“3·13”较大道路交通事故调查报告',
      domain: 'SAFETY',
      category: '事故调查处理',
      documentNumber: '岳安监〔2016〕21号',
      subjectTerms: ['安全生产', '事故调查'],
      writtenOn: '2016-05-28',
      publishedAt: '2016-06-01T02:00:00.000Z',
      publishedOn: '2016-06-01',
      agency: { code: roadAccident.envelope.agencyCode, name: YUEYANG_SAFETY },
      region: { code: '430621', name: '岳阳县' },
      occurredAt: '2016-03-12T16:30:00.000Z',
      occurredOn: '2016-03-13',
      place: '岳阳县荣家湾镇G240国道K1532+300处',
      industry: 'ROAD_TRANSPORT',
      deaths: 4,
      seriousInjuries: 2,
      injuries: 11,
      directEconomicLoss: { fen: 654_321_099, yuan: '6543210.99', currency: 'CNY' },
      grade: 'LARGER',
      company: '岳阳县顺发汽车运输有限公司',
      investigationReportUrl: 'https://www.yyx.gov.cn/aqsc/sgdc/2016/0313.pdf',
      causeSummary: '驾驶人疲劳驾驶，车辆制动系统失效；运输企业未落实动态监控主体责任。',
    });
  });

  it('answers a missing investigation report as null', async () => {
    const response = await stack.query(
      `query ($id: String!) { safetyAccident(indexNumber: $id) { occurredOn investigationReportUrl directEconomicLoss { yuan } } }`,
      { id: constructionAccident.envelope.indexNumber },
    );
    expect(response.data?.safetyAccident).toEqual({
      occurredOn: '2016-03-12',
      investigationReportUrl: null,
      directEconomicLoss: { yuan: '1500000.00' },
    });
  });

  it.each([
    ['grades', { grades: ['LARGER', 'MAJOR'] }, [roadAccident]],
    ['grades that match nothing', { grades: ['ESPECIALLY_MAJOR'] }, []],
    ['industries', { industries: ['CONSTRUCTION', 'MINING'] }, [constructionAccident]],
    ['fewest deaths', { minDeaths: 2 }, [roadAccident]],
    ['most deaths', { maxDeaths: 1 }, [constructionAccident]],
    ['a death range', { minDeaths: 1, maxDeaths: 4 }, [roadAccident, constructionAccident]],
    ['a death range that matches nothing', { minDeaths: 5 }, []],
    ['the Beijing day it happened, from', { occurredFrom: '2016-03-13' }, [roadAccident]],
    ['the Beijing day it happened, to', { occurredTo: '2016-03-12' }, [constructionAccident]],
    ['one Beijing day', { occurredFrom: '2016-03-12', occurredTo: '2016-03-12' }, [constructionAccident]],
    ['a smallest loss, reached exactly', { minDirectEconomicLoss: '6543210.99' }, [roadAccident]],
    ['a smallest loss one fen above the largest', { minDirectEconomicLoss: '6543211' }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    const { ids, totalCount } = await listIds('safetyAccidents', 'SafetyAccidentFilter', filter);
    expect(ids).toEqual(indexNumbers(expected));
    expect(totalCount).toBe(expected.length);
  });
});

describe('administrative penalties', () => {
  it('answers every field, with the fine exact in fen and yuan', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        administrativePenalty(indexNumber: $id) {
          id domain title agency { name }
          caseNumber party partyCreditCode violation legalBasis penaltyKinds fineAmount { fen yuan currency } decidedOn
        }
      }`,
      { id: suspensionPenalty.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.administrativePenalty).toEqual({
      id: suspensionPenalty.envelope.indexNumber,
      domain: 'SAFETY',
      title: '岳阳县金鼎化工有限公司行政处罚决定书',
      agency: { name: YUEYANG_SAFETY },
      caseNumber: '岳安监罚〔2017〕3号',
      party: '岳阳县金鼎化工有限公司',
      partyCreditCode: null,
      violation: '对检查中发现的重大事故隐患，经责令限期消除后拒不执行。',
      legalBasis: '《中华人民共和国安全生产法》第九十九条',
      penaltyKinds: ['SUSPENSION', 'FINE'],
      fineAmount: { fen: 12_345_678, yuan: '123456.78', currency: 'CNY' },
      decidedOn: '2017-01-10',
    });
  });

  it('answers a decision without a fine with a null fine', async () => {
    const response = await stack.query(
      `query ($id: String!) { administrativePenalty(indexNumber: $id) { partyCreditCode penaltyKinds fineAmount { fen } } }`,
      { id: revocationPenalty.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.administrativePenalty).toEqual({ partyCreditCode: null, penaltyKinds: ['LICENCE_REVOCATION'], fineAmount: null });
    const fined = await stack.query(
      `query ($id: String!) { administrativePenalty(indexNumber: $id) { partyCreditCode fineAmount { yuan } } }`,
      { id: finedPenalty.envelope.indexNumber },
    );
    expect(fined.data?.administrativePenalty).toEqual({ partyCreditCode: '91430621MA4L0X1Y2K', fineAmount: { yuan: '30000.00' } });
  });

  it.each([
    ['the exact party', { party: '岳阳县宏达建筑工程有限公司' }, [finedPenalty]],
    ['part of a party name, which matches nothing', { party: '岳阳县宏达' }, []],
    ['a penalty kind among several imposed', { penaltyKinds: ['SUSPENSION'] }, [suspensionPenalty]],
    ['any of several kinds', { penaltyKinds: ['FINE', 'LICENCE_REVOCATION'] }, [revocationPenalty, suspensionPenalty, finedPenalty]],
    ['a kind nobody was given', { penaltyKinds: ['WARNING', 'CONFISCATION'] }, []],
    ['a smallest fine, reached exactly', { minFineAmount: '30000' }, [suspensionPenalty, finedPenalty]],
    ['a smallest fine one fen above', { minFineAmount: '30000.01' }, [suspensionPenalty]],
    ['a largest fine, leaving out decisions without one', { maxFineAmount: '123456.78' }, [suspensionPenalty, finedPenalty]],
    ['a fine range', { minFineAmount: '100000', maxFineAmount: '200000' }, [suspensionPenalty]],
    ['decided from', { decidedFrom: '2017-01-10' }, [revocationPenalty, suspensionPenalty]],
    ['decided to', { decidedTo: '2017-01-09' }, [finedPenalty]],
    ['a decision day range that matches nothing', { decidedFrom: '2017-02-21', decidedTo: '2017-12-31' }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    const { ids, totalCount } = await listIds('administrativePenalties', 'AdministrativePenaltyFilter', filter);
    expect(ids).toEqual(indexNumbers(expected));
    expect(totalCount).toBe(expected.length);
  });
});

describe('food and drug sampling', () => {
  it('answers every field, with the failed items in order', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        foodDrugSampling(indexNumber: $id) {
          id domain title region { code }
          productName productCategory producer sampledFrom batchNumber producedOn specification outcome
          failedItems { item result limit } testingInstitution sampledOn
        }
      }`,
      { id: mooncake.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.foodDrugSampling).toEqual({
      id: mooncake.envelope.indexNumber,
      domain: 'SAFETY',
      title: '岳阳县2017年第9期食品监督抽检信息公告（蛋黄月饼）',
      region: { code: '430621' },
      productName: '蛋黄月饼',
      productCategory: 'FOOD',
      producer: '湖南金鼎食品有限公司',
      sampledFrom: '步步高超市荣家湾镇店',
      batchNumber: null,
      producedOn: '2017-08-20',
      specification: '500g/盒',
      outcome: 'FAILED',
      failedItems: [
        { item: '菌落总数', result: '1.2×10⁵ CFU/g', limit: '≤1.0×10⁵ CFU/g' },
        { item: '过氧化值（以脂肪计）', result: '0.41 g/100g', limit: '≤0.25 g/100g' },
      ],
      testingInstitution: '湖南省食品质量监督检验研究院',
      sampledOn: '2017-09-05',
    });
  });

  it('answers a passed drug with its batch and no failed items', async () => {
    const response = await stack.query(
      `query ($id: String!) { foodDrugSampling(indexNumber: $id) { productCategory batchNumber producedOn outcome failedItems { item } } }`,
      { id: amoxicillin.envelope.indexNumber },
    );
    expect(response.data?.foodDrugSampling).toEqual({
      productCategory: 'DRUG',
      batchNumber: '170301',
      producedOn: '2017-03-01',
      outcome: 'PASSED',
      failedItems: [],
    });
  });

  it.each([
    ['failed outcomes', { outcomes: ['FAILED'] }, [whiteningCream, mooncake]],
    ['passed outcomes', { outcomes: ['PASSED'] }, [amoxicillin]],
    ['product categories', { productCategories: ['DRUG', 'COSMETIC'] }, [whiteningCream, amoxicillin]],
    ['the exact producer', { producer: '湖南金鼎食品有限公司' }, [mooncake]],
    ['a producer nobody sampled', { producer: '湖南金鼎食品' }, []],
    ['one sampling day', { sampledOnFrom: '2017-10-11', sampledOnTo: '2017-10-11' }, [amoxicillin]],
    ['sampled from', { sampledOnFrom: '2017-10-12' }, [whiteningCream]],
    ['sampled to', { sampledOnTo: '2017-09-30' }, [mooncake]],
    ['a sampling day range that matches nothing', { sampledOnFrom: '2017-10-13' }, []],
    ['outcome and category together', { outcomes: ['FAILED'], productCategories: ['FOOD'] }, [mooncake]],
  ])('filters by %s', async (_name, filter, expected) => {
    const { ids, totalCount } = await listIds('foodDrugSamplings', 'FoodDrugSamplingFilter', filter);
    expect(ids).toEqual(indexNumbers(expected));
    expect(totalCount).toBe(expected.length);
  });

  it('combines an envelope region filter with its own filter', async () => {
    const response = await stack.query<{ foodDrugSamplings: Connection }>(
      `{ foodDrugSamplings(envelope: { regionCodes: ["420000"] }, filter: { outcomes: [FAILED] }) { totalCount edges { node { id } } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.foodDrugSamplings.edges.map((e) => e.node.id)).toEqual([whiteningCream.envelope.indexNumber]);
  });
});

describe('the Agency join', () => {
  it('lists a work-safety bureau’s accidents and penalties, with its catalogue fields, in one request', async () => {
    const response = await stack.query(
      `query ($code: ID!) { agency(code: $code) {
          name region { name }
          safetyAccidents { totalCount edges { node { title grade } } }
          administrativePenalties { totalCount edges { node { caseNumber } } }
          suspended: administrativePenalties(filter: { penaltyKinds: [SUSPENSION] }) { totalCount }
          foodDrugSamplings { totalCount }
        } }`,
      { code: roadAccident.envelope.agencyCode },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.agency).toEqual({
      name: YUEYANG_SAFETY,
      region: { name: '岳阳县' },
      safetyAccidents: {
        totalCount: 1,
        edges: [{ node: { title: '岳阳县顺发汽车运输有限公司“3·13”较大道路交通事故调查报告', grade: 'LARGER' } }],
      },
      administrativePenalties: {
        totalCount: 2,
        edges: [{ node: { caseNumber: '岳安监罚〔2017〕3号' } }, { node: { caseNumber: '岳安监罚〔2016〕12号' } }],
      },
      suspended: { totalCount: 1 },
      foodDrugSamplings: { totalCount: 0 },
    });
  });

  it('lists a food and drug bureau’s samplings', async () => {
    const response = await stack.query(
      `query ($code: ID!) { agency(code: $code) { foodDrugSamplings { edges { node { productName } } } safetyAccidents { totalCount } } }`,
      { code: mooncake.envelope.agencyCode },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.agency).toEqual({
      foodDrugSamplings: { edges: [{ node: { productName: '阿莫西林胶囊' } }, { node: { productName: '蛋黄月饼' } }] },
      safetyAccidents: { totalCount: 0 },
    });
  });
});

describe('bad input', () => {
  it.each([
    ['fewest deaths above most deaths', `{ safetyAccidents(filter: { minDeaths: 5, maxDeaths: 2 }) { totalCount } }`, 'filter.minDeaths'],
    [
      'an accident day range that ends before it starts',
      `{ safetyAccidents(filter: { occurredFrom: "2016-03-13", occurredTo: "2016-03-12" }) { totalCount } }`,
      'filter.occurredFrom',
    ],
    ['a negative YuanAmount', `{ safetyAccidents(filter: { minDirectEconomicLoss: "-1" }) { totalCount } }`, 'filter.minDirectEconomicLoss'],
    ['an unknown grade', `{ safetyAccidents(filter: { grades: [CATASTROPHIC] }) { totalCount } }`, 'filter.grades'],
    [
      'a smallest fine above the largest',
      `{ administrativePenalties(filter: { minFineAmount: "30000", maxFineAmount: "100" }) { totalCount } }`,
      'filter.minFineAmount',
    ],
    ['a YuanAmount with three decimals', `{ administrativePenalties(filter: { maxFineAmount: "1.005" }) { totalCount } }`, 'filter.maxFineAmount'],
    ['an invalid decision day', `{ administrativePenalties(filter: { decidedFrom: "2017-02-30" }) { totalCount } }`, 'filter.decidedFrom'],
    [
      'a sampling day range that ends before it starts',
      `{ foodDrugSamplings(filter: { sampledOnFrom: "2017-10-12", sampledOnTo: "2017-10-11" }) { totalCount } }`,
      'filter.sampledOnFrom',
    ],
    ['an unknown outcome', `{ foodDrugSamplings(filter: { outcomes: [UNKNOWN] }) { totalCount } }`, 'filter.outcomes'],
  ])('answers %s with BAD_USER_INPUT naming the argument', async (_name, query, argument) => {
    const response = await stack.query(query);
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain(`"${argument}"`);
  });
});
