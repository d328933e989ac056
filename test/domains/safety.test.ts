/**
 * The safety subgraph through the gateway: accidents, environmental enforcement and food and drug
 * sampling with every field, the typed filters, the Agency join, bad input, and the rules of an
 * environmental enforcement decision as a publisher submits it. (Administrative penalties moved to
 * the enforcement subgraph: test/domains/enforcement.test.ts.)
 */
import type { EnvironmentalEnforcementFields } from '../../model/records/safety/environmental-enforcement';
import type { FoodDrugSamplingFields } from '../../model/records/safety/food-drug-sampling';
import type { SafetyAccidentFields } from '../../model/records/safety/safety-accident';
import { agencyNamed, disclosure, envelope } from '../support/builders';
import { indexNumbers, listIds } from '../support/lists';
import { startTestStack, type TestStack } from '../support/stack';

const YUEYANG_SAFETY = '岳阳县安全生产监督管理局';
const CHUXIONG_SAFETY = '楚雄州安全生产监督管理局';
const YUEYANG_FOOD_DRUG = '岳阳县食品药品监督管理局';
const SUIXIAN_FOOD_DRUG = '随县食品药品监督管理局';
const YUEYANG_ENVIRONMENT = '岳阳县环境保护局';
const CHUXIONG_ENVIRONMENT = '楚雄州环境保护局';

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

const wastewaterFields: EnvironmentalEnforcementFields = {
  noticeNumber: '岳环罚〔2019〕15号',
  enterprise: '岳阳县鑫源造纸有限公司',
  creditCode: '91430621389790847G',
  violation: '2019年4月2日，执法人员现场检查发现，该单位通过暗管排放未经处理的生产废水。',
  medium: 'WATER',
  measures: ['RECTIFICATION_ORDER', 'FINE'],
  fineAmountFen: 456_789_01,
  rectificationDeadline: '2019-06-30',
  decidedOn: '2019-05-20',
  legalBasis: '《中华人民共和国水污染防治法》第八十三条第（三）项',
};
const wastewater = disclosure(
  'EnvironmentalEnforcement',
  envelope(YUEYANG_ENVIRONMENT, { title: '岳阳县鑫源造纸有限公司环境行政处罚决定书', category: '环境行政处罚', publishedAt: new Date('2019-05-24T02:00:00.000Z') }),
  wastewaterFields,
);
const dailyPenalty = disclosure(
  'EnvironmentalEnforcement',
  envelope(YUEYANG_ENVIRONMENT, { title: '岳阳县鑫源造纸有限公司按日连续处罚决定书', category: '环境行政处罚', publishedAt: new Date('2019-08-02T02:00:00.000Z') }),
  {
    ...wastewaterFields,
    noticeNumber: '岳环罚〔2019〕31号',
    violation: '被责令改正后拒不改正，继续超标排放水污染物。',
    measures: ['DAILY_PENALTY'],
    fineAmountFen: 2_000_000_00,
    rectificationDeadline: null,
    decidedOn: '2019-07-30',
    legalBasis: '《中华人民共和国环境保护法》第五十九条',
  } satisfies EnvironmentalEnforcementFields,
);
const sealedKiln = disclosure(
  'EnvironmentalEnforcement',
  envelope(CHUXIONG_ENVIRONMENT, { title: '楚雄恒通建材有限公司查封决定书', category: '环境行政处罚', publishedAt: new Date('2019-09-10T02:00:00.000Z') }),
  {
    noticeNumber: '楚环封〔2019〕4号',
    enterprise: '楚雄恒通建材有限公司',
    creditCode: null,
    violation: '大气污染防治设施未正常运行，颗粒物超标排放。',
    medium: 'AIR',
    measures: ['SEALING_SEIZURE', 'PRODUCTION_RESTRICTION'],
    fineAmountFen: null,
    rectificationDeadline: null,
    decidedOn: '2019-09-06',
    legalBasis: '《中华人民共和国环境保护法》第二十五条、第六十条',
  } satisfies EnvironmentalEnforcementFields,
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
    wastewater,
    dailyPenalty,
    sealedKiln,
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
    const { ids, totalCount } = await listIds(stack, 'safetyAccidents', 'SafetyAccidentFilter', filter);
    expect(ids).toEqual(indexNumbers(expected));
    expect(totalCount).toBe(expected.length);
  });
});

describe('environmental enforcement', () => {
  it('answers every field, with the fine exact in fen and yuan', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        environmentalEnforcement(indexNumber: $id) {
          id domain title agency { name }
          noticeNumber enterprise creditCode violation medium measures fineAmount { fen yuan currency } rectificationDeadline decidedOn legalBasis
        }
      }`,
      { id: wastewater.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.environmentalEnforcement).toEqual({
      id: wastewater.envelope.indexNumber,
      domain: 'SAFETY',
      title: '岳阳县鑫源造纸有限公司环境行政处罚决定书',
      agency: { name: YUEYANG_ENVIRONMENT },
      noticeNumber: '岳环罚〔2019〕15号',
      enterprise: '岳阳县鑫源造纸有限公司',
      creditCode: '91430621389790847G',
      violation: '2019年4月2日，执法人员现场检查发现，该单位通过暗管排放未经处理的生产废水。',
      medium: 'WATER',
      measures: ['RECTIFICATION_ORDER', 'FINE'],
      fineAmount: { fen: 45_678_901, yuan: '456789.01', currency: 'CNY' },
      rectificationDeadline: '2019-06-30',
      decidedOn: '2019-05-20',
      legalBasis: '《中华人民共和国水污染防治法》第八十三条第（三）项',
    });
  });

  it('answers a decision without a fine or a deadline with nulls', async () => {
    const response = await stack.query(
      `query ($id: String!) { environmentalEnforcement(indexNumber: $id) { creditCode measures fineAmount { fen } rectificationDeadline } }`,
      { id: sealedKiln.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.environmentalEnforcement).toEqual({
      creditCode: null,
      measures: ['SEALING_SEIZURE', 'PRODUCTION_RESTRICTION'],
      fineAmount: null,
      rectificationDeadline: null,
    });
  });

  it.each([
    ['the exact enterprise', { enterprise: '楚雄恒通建材有限公司' }, [sealedKiln]],
    ['part of an enterprise name, which matches nothing', { enterprise: '恒通建材' }, []],
    ['media', { media: ['AIR', 'NOISE'] }, [sealedKiln]],
    ['a medium nobody polluted', { media: ['RADIATION'] }, []],
    ['a measure among several taken', { measures: ['PRODUCTION_RESTRICTION'] }, [sealedKiln]],
    ['any of several measures', { measures: ['FINE', 'DAILY_PENALTY'] }, [dailyPenalty, wastewater]],
    ['a smallest fine, reached exactly', { minFineAmount: '456789.01' }, [dailyPenalty, wastewater]],
    ['a largest fine one fen below', { maxFineAmount: '456789' }, []],
    ['decided from', { decidedFrom: '2019-07-30' }, [sealedKiln, dailyPenalty]],
    ['decided to', { decidedTo: '2019-07-29' }, [wastewater]],
  ])('filters by %s', async (_name, filter, expected) => {
    const { ids, totalCount } = await listIds(stack, 'environmentalEnforcements', 'EnvironmentalEnforcementFilter', filter);
    expect(ids).toEqual(indexNumbers(expected));
    expect(totalCount).toBe(expected.length);
  });

  it('lists an environment bureau’s decisions, and finds them in the catalogue by type', async () => {
    const response = await stack.query(
      `query ($code: ID!) {
        agency(code: $code) { environmentalEnforcements { totalCount edges { node { noticeNumber } } } safetyAccidents { totalCount } }
        catalogue(filter: { types: [EnvironmentalEnforcement] }) { totalCount facets { domain { value count } } }
      }`,
      { code: wastewater.envelope.agencyCode },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      agency: {
        environmentalEnforcements: { totalCount: 2, edges: [{ node: { noticeNumber: '岳环罚〔2019〕31号' } }, { node: { noticeNumber: '岳环罚〔2019〕15号' } }] },
        safetyAccidents: { totalCount: 0 },
      },
      catalogue: { totalCount: 3, facets: { domain: [{ value: 'SAFETY', count: 3 }] } },
    });
  });

  describe('as publishers submit it through the gateway', () => {
    const publisher = agencyNamed(YUEYANG_ENVIRONMENT);
    const SUBMIT = `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) {
      accepted { indexNumber status } rejected { position errors { field rule } } } }`;
    const FIELDS = {
      noticeNumber: '岳环罚〔2024〕7号',
      enterprise: '岳阳县鑫源造纸有限公司',
      creditCode: '91430621389790847G',
      violation: '超标排放水污染物',
      medium: 'WATER',
      measures: ['RECTIFICATION_ORDER', 'FINE'],
      fineAmount: '100000',
      rectificationDeadline: '2024-05-20',
      decidedOn: '2024-04-20',
      legalBasis: '《中华人民共和国水污染防治法》第八十三条',
    };
    let key: string;
    let serial = 0;
    beforeAll(async () => {
      ({ key } = await stack.createKey(publisher._id, 'environmental enforcement rules'));
    });
    async function submit(fields: Record<string, unknown>) {
      serial += 1;
      const response = await stack.query<{ submitDisclosures: { accepted: unknown[]; rejected: Array<{ errors: Array<{ field: string; rule: string }> }> } }>(
        SUBMIT,
        {
          s: [
            {
              type: 'EnvironmentalEnforcement',
              envelope: {
                indexNumber: `${publisher._id}-/2024-${6_000_000 + serial}`,
                title: '岳阳县鑫源造纸有限公司环境行政处罚决定书',
                category: '环境行政处罚',
                agencyCode: publisher._id,
                regionCode: publisher.regionCode,
                publishedAt: '2024-04-25T10:00:00+08:00',
                disclosureMode: 'FULL',
              },
              fields: { ...FIELDS, ...fields },
            },
          ],
        },
        { authorization: `Bearer ${key}` },
      );
      expect(response.errors).toBeUndefined();
      return response.data!.submitDisclosures;
    }

    it.each<[string, Record<string, unknown>]>([
      ['an order to correct with a fine and a deadline', {}],
      ['a deadline on the decision day', { rectificationDeadline: '2024-04-20' }],
      ['a daily penalty with its fine and no deadline', { measures: ['DAILY_PENALTY'], rectificationDeadline: null, fineAmount: '2000000' }],
      ['a sealing without a fine or a deadline', { measures: ['SEALING_SEIZURE'], fineAmount: null, rectificationDeadline: null, creditCode: null }],
    ])('accepts %s', async (_name, fields) => {
      const result = await submit(fields);
      expect(result.rejected).toEqual([]);
      expect(result.accepted).toHaveLength(1);
    });

    it.each<[string, Record<string, unknown>, string, string]>([
      ['a FINE without the fine', { fineAmount: null }, 'fields.fineAmount', 'fine-measure'],
      ['a DAILY_PENALTY without the fine', { measures: ['DAILY_PENALTY'], rectificationDeadline: null, fineAmount: null }, 'fields.fineAmount', 'fine-measure'],
      ['a fine with no fining measure', { measures: ['RECTIFICATION_ORDER'] }, 'fields.fineAmount', 'fine-measure'],
      ['an order to correct without a deadline', { rectificationDeadline: null }, 'fields.rectificationDeadline', 'deadline-required'],
      ['a deadline without an order to correct', { measures: ['FINE'] }, 'fields.rectificationDeadline', 'deadline-measure'],
      ['a deadline before the decision', { rectificationDeadline: '2024-04-19' }, 'fields.rectificationDeadline', 'date-order'],
      ['a measure listed twice', { measures: ['FINE', 'RECTIFICATION_ORDER', 'FINE'] }, 'fields.measures', 'unique'],
      ['no measure', { measures: [] }, 'fields.measures', 'minimum'],
      ['an unknown medium', { medium: 'LIGHT' }, 'fields.medium', 'one-of'],
    ])('refuses %s, naming the field and the rule', async (_name, fields, field, rule) => {
      const result = await submit(fields);
      expect(result.accepted).toEqual([]);
      expect(result.rejected.map((r) => r.errors.map((e) => [e.field, e.rule]))).toEqual([[[field, rule]]]);
    });
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
    const { ids, totalCount } = await listIds(stack, 'foodDrugSamplings', 'FoodDrugSamplingFilter', filter);
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
  it('lists a work-safety bureau’s accidents, with its catalogue fields, in one request', async () => {
    const response = await stack.query(
      `query ($code: ID!) { agency(code: $code) {
          name region { name }
          safetyAccidents { totalCount edges { node { title grade } } }
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
      `{ environmentalEnforcements(filter: { minFineAmount: "30000", maxFineAmount: "100" }) { totalCount } }`,
      'filter.minFineAmount',
    ],
    ['a YuanAmount with three decimals', `{ environmentalEnforcements(filter: { maxFineAmount: "1.005" }) { totalCount } }`, 'filter.maxFineAmount'],
    ['an invalid decision day', `{ environmentalEnforcements(filter: { decidedFrom: "2019-02-30" }) { totalCount } }`, 'filter.decidedFrom'],
    ['an unknown medium', `{ environmentalEnforcements(filter: { media: [LIGHT] }) { totalCount } }`, 'filter.media'],
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
