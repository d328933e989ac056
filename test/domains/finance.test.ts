/**
 * The finance subgraph through the gateway: budgets and final accounts, the three public expenses,
 * procurement awards, with their fields, typed filters, the Agency join, and bad input.
 */
import type { BudgetReportFields } from '../../model/records/finance/budget-report';
import type { ProcurementAwardFields } from '../../model/records/finance/procurement-award';
import { publicExpenseReportFields } from '../../model/records/finance/public-expense-report';
import { creditCodeCheck } from '../../model/agency-code';
import { disclosure, envelope } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const YUEYANG_FINANCE = '岳阳县财政局';
const CHUXIONG_FINANCE = '楚雄州财政局';
const SUPPLIER_CREDIT_CODE = `91430600MA4L2KDN0${creditCodeCheck('91430600MA4L2KDN0')}`;

const countyBudgetFields: BudgetReportFields = {
  kind: 'BUDGET',
  scope: 'GOVERNMENT',
  budgetUnit: '岳阳县本级',
  fiscalYear: 2016,
  totalRevenueFen: 2_800_000_000_00,
  totalExpenditureFen: 2_765_432_109_87,
  basicExpenditureFen: 1_000_000_000_00,
  projectExpenditureFen: 1_765_432_109_87,
  expenditureByFunction: [
    { functionCode: '205', functionClass: '教育', amountFen: 1_500_000_000_01 },
    { functionCode: '213', functionClass: '农林水', amountFen: 765_432_109_86 },
    { functionCode: '201', functionClass: '一般公共服务', amountFen: 500_000_000_00 },
  ],
};

const departmentFinalAccountFields: BudgetReportFields = {
  kind: 'FINAL_ACCOUNT',
  scope: 'DEPARTMENT',
  budgetUnit: CHUXIONG_FINANCE,
  fiscalYear: 2015,
  totalRevenueFen: 24_000_000_00,
  totalExpenditureFen: 23_456_789_01,
  basicExpenditureFen: 15_000_000_00,
  projectExpenditureFen: 8_456_789_01,
  expenditureByFunction: [
    { functionCode: '201', functionClass: '一般公共服务', amountFen: 20_000_000_00 },
    { functionCode: '208', functionClass: '社会保障和就业', amountFen: 3_456_789_01 },
  ],
};

const tenderAwardFields: ProcurementAwardFields = {
  projectName: '岳阳县农村学校多媒体教学设备采购项目',
  projectNumber: 'YYXZC2016-045',
  method: 'OPEN_TENDER',
  budgetFen: 3_000_000_00,
  supplierName: '岳阳市华信科技有限公司',
  supplierCreditCode: SUPPLIER_CREDIT_CODE,
  awardAmountFen: 2_876_543_21,
  awardDate: '2016-08-15',
  procuringEntity: '岳阳县教育局',
  itemsDescription: '交互式多媒体教学一体机120台及安装调试',
};

const singleSourceAwardFields: ProcurementAwardFields = {
  projectName: '楚雄州人民医院医疗设备维保服务项目',
  projectNumber: 'CXZZC2017-007',
  method: 'SINGLE_SOURCE',
  budgetFen: 980_000_00,
  supplierName: '云南南天电子信息产业股份有限公司',
  supplierCreditCode: null,
  awardAmountFen: 975_000_00,
  awardDate: '2017-03-02',
  procuringEntity: '楚雄州人民医院',
  itemsDescription: '彩色多普勒超声诊断仪原厂维保服务（一年）',
};

const countyBudget = disclosure(
  'BudgetReport',
  envelope(YUEYANG_FINANCE, {
    title: '岳阳县2016年财政预算公开',
    category: '财政预决算',
    documentNumber: '岳财预〔2016〕12号',
    subjectTerms: ['财政', '预算'],
    writtenOn: '2016-02-20',
    publishedAt: new Date('2016-03-01T02:30:00Z'),
    sourceUrl: 'https://www.yueyang.gov.cn/xxgk/czyjs/2016/1.html',
  }),
  countyBudgetFields,
);
const departmentFinalAccount = disclosure(
  'BudgetReport',
  envelope(CHUXIONG_FINANCE, { title: '楚雄州财政局2015年部门决算公开', publishedAt: new Date('2016-08-20T02:00:00Z') }),
  departmentFinalAccountFields,
);
const overspentReport = disclosure(
  'PublicExpenseReport',
  envelope(YUEYANG_FINANCE, { title: '岳阳县财政局2016年度“三公”经费决算情况说明', publishedAt: new Date('2017-08-01T02:00:00Z') }),
  publicExpenseReportFields({
    fiscalYear: 2016,
    reportingUnit: YUEYANG_FINANCE,
    travelAbroad: { budgetFen: 0, actualFen: 0 },
    vehiclePurchase: { budgetFen: 0, actualFen: 0 },
    vehicleRunning: { budgetFen: 120_000_00, actualFen: 131_250_50 },
    officialReception: { budgetFen: 50_000_00, actualFen: 48_000_25 },
    previousYearActualFen: null,
  }),
);
const thriftyReport = disclosure(
  'PublicExpenseReport',
  envelope(CHUXIONG_FINANCE, { title: '楚雄州本级2014年度“三公”经费决算情况说明', publishedAt: new Date('2015-08-01T02:00:00Z') }),
  publicExpenseReportFields({
    fiscalYear: 2014,
    reportingUnit: '楚雄州本级',
    travelAbroad: { budgetFen: 300_000_00, actualFen: 250_000_00 },
    vehiclePurchase: { budgetFen: 500_000_00, actualFen: 480_000_00 },
    vehicleRunning: { budgetFen: 1_200_000_00, actualFen: 1_100_000_00 },
    officialReception: { budgetFen: 800_000_00, actualFen: 700_000_00 },
    previousYearActualFen: 2_600_000_00,
  }),
);
const tenderAward = disclosure(
  'ProcurementAward',
  envelope(YUEYANG_FINANCE, {
    title: '岳阳县教育局农村学校多媒体教学设备采购项目中标结果公告',
    category: '政府采购',
    publishedAt: new Date('2016-08-18T03:00:00Z'),
  }),
  tenderAwardFields,
);
const singleSourceAward = disclosure(
  'ProcurementAward',
  envelope(CHUXIONG_FINANCE, { title: '楚雄州人民医院医疗设备维保服务项目成交结果公告', publishedAt: new Date('2017-03-06T03:00:00Z') }),
  singleSourceAwardFields,
);

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('finance');
  const result = await stack.writer.write([
    countyBudget,
    departmentFinalAccount,
    overspentReport,
    thriftyReport,
    tenderAward,
    singleSourceAward,
  ]);
  expect(result).toEqual({ written: 6, rejected: [] });
});
afterAll(async () => {
  await stack?.close();
});

type Ids<Field extends string> = Record<Field, { totalCount: number; edges: Array<{ node: { id: string } }> }>;

/** The ids a list query answered, after checking it answered without errors and counted them all. */
async function listedIds<Field extends string>(field: Field, filterType: string, filter: unknown): Promise<string[]> {
  const response = await stack.query<Ids<Field>>(
    `query ($filter: ${filterType}) { ${field}(filter: $filter) { totalCount edges { node { id } } } }`,
    { filter },
  );
  expect(response.errors).toBeUndefined();
  const ids = response.data?.[field].edges.map((e) => e.node.id) ?? [];
  expect(response.data?.[field].totalCount).toBe(ids.length);
  return ids;
}

const idsOf = (records: Array<{ envelope: { indexNumber: string } }>) => records.map((r) => r.envelope.indexNumber);

describe('budget reports', () => {
  it('answers every field, with money exact in fen and yuan', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        budgetReport(indexNumber: $id) {
          id indexNumber title domain category documentNumber subjectTerms writtenOn publishedAt publishedOn
          disclosureMode sourceUrl agency { code name } region { code name }
          kind scope budgetUnit fiscalYear
          totalRevenue { fen yuan currency } totalExpenditure { fen yuan currency }
          basicExpenditure { fen yuan } projectExpenditure { fen yuan }
          expenditureByFunction { functionCode functionClass amount { fen yuan currency } }
        }
      }`,
      { id: countyBudget.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.budgetReport).toEqual({
      id: countyBudget.envelope.indexNumber,
      indexNumber: countyBudget.envelope.indexNumber,
      title: '岳阳县2016年财政预算公开',
      domain: 'FINANCE',
      category: '财政预决算',
      documentNumber: '岳财预〔2016〕12号',
      subjectTerms: ['财政', '预算'],
      writtenOn: '2016-02-20',
      publishedAt: '2016-03-01T02:30:00.000Z',
      publishedOn: '2016-03-01',
      disclosureMode: 'FULL',
      sourceUrl: 'https://www.yueyang.gov.cn/xxgk/czyjs/2016/1.html',
      agency: { code: countyBudget.envelope.agencyCode, name: YUEYANG_FINANCE },
      region: { code: '430621', name: '岳阳县' },
      kind: 'BUDGET',
      scope: 'GOVERNMENT',
      budgetUnit: '岳阳县本级',
      fiscalYear: 2016,
      totalRevenue: { fen: 280_000_000_000, yuan: '2800000000.00', currency: 'CNY' },
      totalExpenditure: { fen: 276_543_210_987, yuan: '2765432109.87', currency: 'CNY' },
      basicExpenditure: { fen: 100_000_000_000, yuan: '1000000000.00' },
      projectExpenditure: { fen: 176_543_210_987, yuan: '1765432109.87' },
      expenditureByFunction: [
        { functionCode: '205', functionClass: '教育', amount: { fen: 150_000_000_001, yuan: '1500000000.01', currency: 'CNY' } },
        { functionCode: '213', functionClass: '农林水', amount: { fen: 76_543_210_986, yuan: '765432109.86', currency: 'CNY' } },
        { functionCode: '201', functionClass: '一般公共服务', amount: { fen: 50_000_000_000, yuan: '500000000.00', currency: 'CNY' } },
      ],
    });
  });

  it.each([
    ['no filter', undefined, [departmentFinalAccount, countyBudget]],
    ['kinds', { kinds: ['FINAL_ACCOUNT'] }, [departmentFinalAccount]],
    ['kinds that match nothing', { kinds: ['BUDGET'], scopes: ['DEPARTMENT'] }, []],
    ['scopes', { scopes: ['GOVERNMENT'] }, [countyBudget]],
    ['a fiscal year floor', { fiscalYearFrom: 2016 }, [countyBudget]],
    ['a fiscal year ceiling', { fiscalYearTo: 2015 }, [departmentFinalAccount]],
    ['a fiscal year range that matches nothing', { fiscalYearFrom: 2017, fiscalYearTo: 2020 }, []],
    ['an expenditure floor, inclusive', { minTotalExpenditure: '2765432109.87' }, [countyBudget]],
    ['an expenditure floor one fen higher', { minTotalExpenditure: '2765432109.88' }, []],
    ['an expenditure ceiling, inclusive', { maxTotalExpenditure: '23456789.01' }, [departmentFinalAccount]],
    ['an expenditure ceiling one fen lower', { maxTotalExpenditure: '23456789' }, []],
    ['an expenditure range', { minTotalExpenditure: '1', maxTotalExpenditure: '3000000000' }, [departmentFinalAccount, countyBudget]],
  ])('filters by %s', async (_name, filter, expected) => {
    expect(await listedIds('budgetReports', 'BudgetReportFilter', filter)).toEqual(idsOf(expected));
  });
});

describe('three public expenses', () => {
  const fields = `fiscalYear reportingUnit
    travelAbroad { budget { fen yuan } actual { fen yuan } }
    officialVehicles { budget { fen yuan } actual { fen yuan }
      purchase { budget { yuan } actual { yuan } } running { budget { yuan } actual { yuan } } }
    officialReception { budget { fen yuan } actual { fen yuan } }
    total { budget { fen yuan currency } actual { fen yuan currency } }
    overspent previousYearActual { fen yuan } changeFromPreviousYear { fen yuan }`;

  it('answers a report that went over budget, with its derived totals', async () => {
    const response = await stack.query(`query ($id: String!) { publicExpenseReport(indexNumber: $id) { category ${fields} } }`, {
      id: overspentReport.envelope.indexNumber,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.publicExpenseReport).toEqual({
      category: '测试目录',
      fiscalYear: 2016,
      reportingUnit: YUEYANG_FINANCE,
      travelAbroad: { budget: { fen: 0, yuan: '0.00' }, actual: { fen: 0, yuan: '0.00' } },
      officialVehicles: {
        budget: { fen: 12_000_000, yuan: '120000.00' },
        actual: { fen: 13_125_050, yuan: '131250.50' },
        purchase: { budget: { yuan: '0.00' }, actual: { yuan: '0.00' } },
        running: { budget: { yuan: '120000.00' }, actual: { yuan: '131250.50' } },
      },
      officialReception: { budget: { fen: 5_000_000, yuan: '50000.00' }, actual: { fen: 4_800_025, yuan: '48000.25' } },
      total: { budget: { fen: 17_000_000, yuan: '170000.00', currency: 'CNY' }, actual: { fen: 17_925_075, yuan: '179250.75', currency: 'CNY' } },
      overspent: true,
      previousYearActual: null,
      changeFromPreviousYear: null,
    });
  });

  it('answers a report within budget, with a decrease from the previous year', async () => {
    const response = await stack.query(`query ($id: String!) { publicExpenseReport(indexNumber: $id) { ${fields} } }`, {
      id: thriftyReport.envelope.indexNumber,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.publicExpenseReport).toEqual({
      fiscalYear: 2014,
      reportingUnit: '楚雄州本级',
      travelAbroad: { budget: { fen: 30_000_000, yuan: '300000.00' }, actual: { fen: 25_000_000, yuan: '250000.00' } },
      officialVehicles: {
        budget: { fen: 170_000_000, yuan: '1700000.00' },
        actual: { fen: 158_000_000, yuan: '1580000.00' },
        purchase: { budget: { yuan: '500000.00' }, actual: { yuan: '480000.00' } },
        running: { budget: { yuan: '1200000.00' }, actual: { yuan: '1100000.00' } },
      },
      officialReception: { budget: { fen: 80_000_000, yuan: '800000.00' }, actual: { fen: 70_000_000, yuan: '700000.00' } },
      total: { budget: { fen: 280_000_000, yuan: '2800000.00', currency: 'CNY' }, actual: { fen: 253_000_000, yuan: '2530000.00', currency: 'CNY' } },
      overspent: false,
      previousYearActual: { fen: 260_000_000, yuan: '2600000.00' },
      changeFromPreviousYear: { fen: -7_000_000, yuan: '-70000.00' },
    });
  });

  it.each([
    ['no filter', undefined, [overspentReport, thriftyReport]],
    ['a fiscal year floor', { fiscalYearFrom: 2015 }, [overspentReport]],
    ['a fiscal year ceiling', { fiscalYearTo: 2014 }, [thriftyReport]],
    ['a fiscal year range that matches nothing', { fiscalYearFrom: 2015, fiscalYearTo: 2015 }, []],
    ['a total actual floor, inclusive', { minTotalActual: '2530000' }, [thriftyReport]],
    ['a total actual floor one fen higher', { minTotalActual: '2530000.01' }, []],
    ['overspent', { overspent: true }, [overspentReport]],
    ['within budget', { overspent: false }, [thriftyReport]],
    ['overspent and a total actual floor', { overspent: true, minTotalActual: '179250.76' }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    expect(await listedIds('publicExpenseReports', 'PublicExpenseReportFilter', filter)).toEqual(idsOf(expected));
  });
});

describe('procurement awards', () => {
  it('answers every field, with the supplier and money exact', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        procurementAward(indexNumber: $id) {
          title category agency { name }
          projectName projectNumber method budget { fen yuan currency } supplier { name creditCode }
          awardAmount { fen yuan currency } awardDate procuringEntity itemsDescription
        }
      }`,
      { id: tenderAward.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.procurementAward).toEqual({
      title: '岳阳县教育局农村学校多媒体教学设备采购项目中标结果公告',
      category: '政府采购',
      agency: { name: YUEYANG_FINANCE },
      projectName: '岳阳县农村学校多媒体教学设备采购项目',
      projectNumber: 'YYXZC2016-045',
      method: 'OPEN_TENDER',
      budget: { fen: 300_000_000, yuan: '3000000.00', currency: 'CNY' },
      supplier: { name: '岳阳市华信科技有限公司', creditCode: SUPPLIER_CREDIT_CODE },
      awardAmount: { fen: 287_654_321, yuan: '2876543.21', currency: 'CNY' },
      awardDate: '2016-08-15',
      procuringEntity: '岳阳县教育局',
      itemsDescription: '交互式多媒体教学一体机120台及安装调试',
    });
  });

  it('answers a supplier without a published credit code', async () => {
    const response = await stack.query(
      `query ($id: String!) { procurementAward(indexNumber: $id) { method supplier { name creditCode } awardAmount { yuan } } }`,
      { id: singleSourceAward.envelope.indexNumber },
    );
    expect(response.data?.procurementAward).toEqual({
      method: 'SINGLE_SOURCE',
      supplier: { name: '云南南天电子信息产业股份有限公司', creditCode: null },
      awardAmount: { yuan: '975000.00' },
    });
  });

  it.each([
    ['no filter', undefined, [singleSourceAward, tenderAward]],
    ['methods', { methods: ['SINGLE_SOURCE'] }, [singleSourceAward]],
    ['methods that match nothing', { methods: ['INVITED_TENDER', 'REQUEST_FOR_QUOTATION'] }, []],
    ['the supplier, exact', { supplierName: '岳阳市华信科技有限公司' }, [tenderAward]],
    ['part of a supplier name, which is not a match', { supplierName: '岳阳市华信科技' }, []],
    ['an award amount floor, inclusive', { minAwardAmount: '2876543.21' }, [tenderAward]],
    ['an award amount floor one fen higher', { minAwardAmount: '2876543.22' }, []],
    ['an award amount ceiling, inclusive', { maxAwardAmount: '975000' }, [singleSourceAward]],
    ['an award amount ceiling one fen lower', { maxAwardAmount: '974999.99' }, []],
    ['an award date floor', { awardDateFrom: '2017-01-01' }, [singleSourceAward]],
    ['an award date range, inclusive', { awardDateFrom: '2016-08-15', awardDateTo: '2016-08-15' }, [tenderAward]],
    ['an award date range that matches nothing', { awardDateFrom: '2016-08-16', awardDateTo: '2017-03-01' }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    expect(await listedIds('procurementAwards', 'ProcurementAwardFilter', filter)).toEqual(idsOf(expected));
  });

  it('combines envelope filters (region, including the regions below it) with its own', async () => {
    const inYunnan = await stack.query<Ids<'procurementAwards'>>(
      `{ procurementAwards(envelope: { regionCodes: ["530000"] }, filter: { methods: [SINGLE_SOURCE, OPEN_TENDER] }) { totalCount edges { node { id } } } }`,
    );
    expect(inYunnan.data?.procurementAwards.edges.map((e) => e.node.id)).toEqual([singleSourceAward.envelope.indexNumber]);
  });

  it('is reachable from the catalogue as a Disclosure', async () => {
    const response = await stack.query(
      `query ($id: String!) { disclosure(indexNumber: $id) { __typename title ... on ProcurementAward { supplier { name } awardAmount { fen } } } }`,
      { id: tenderAward.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.disclosure).toEqual({
      __typename: 'ProcurementAward',
      title: '岳阳县教育局农村学校多媒体教学设备采购项目中标结果公告',
      supplier: { name: '岳阳市华信科技有限公司' },
      awardAmount: { fen: 287_654_321 },
    });
  });
});

describe('the Agency join', () => {
  it('lists an agency’s finance records, with the agency’s catalogue fields, in one request', async () => {
    const response = await stack.query(
      `query ($code: ID!) { agency(code: $code) {
          name region { name }
          budgetReports { totalCount edges { node { budgetUnit totalExpenditure { yuan } } } }
          publicExpenseReports { totalCount edges { node { reportingUnit overspent } } }
          procurementAwards { totalCount edges { node { projectNumber } } }
          singleSource: procurementAwards(filter: { methods: [SINGLE_SOURCE] }) { totalCount }
        } }`,
      { code: countyBudget.envelope.agencyCode },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.agency).toEqual({
      name: YUEYANG_FINANCE,
      region: { name: '岳阳县' },
      budgetReports: { totalCount: 1, edges: [{ node: { budgetUnit: '岳阳县本级', totalExpenditure: { yuan: '2765432109.87' } } }] },
      publicExpenseReports: { totalCount: 1, edges: [{ node: { reportingUnit: YUEYANG_FINANCE, overspent: true } }] },
      procurementAwards: { totalCount: 1, edges: [{ node: { projectNumber: 'YYXZC2016-045' } }] },
      singleSource: { totalCount: 0 },
    });
  });
});

describe('bad input', () => {
  it.each([
    ['a fiscal year floor above the ceiling', `{ budgetReports(filter: { fiscalYearFrom: 2017, fiscalYearTo: 2016 }) { totalCount } }`, 'filter.fiscalYearFrom'],
    ['an expenditure minimum above the maximum', `{ budgetReports(filter: { minTotalExpenditure: "2", maxTotalExpenditure: "1.99" }) { totalCount } }`, 'filter.minTotalExpenditure'],
    ['a negative YuanAmount', `{ budgetReports(filter: { maxTotalExpenditure: "-5" }) { totalCount } }`, 'filter.maxTotalExpenditure'],
    ['an unknown report kind', `{ budgetReports(filter: { kinds: [PLAN] }) { totalCount } }`, 'filter.kinds'],
    ['a YuanAmount with three decimals', `{ publicExpenseReports(filter: { minTotalActual: "1.234" }) { totalCount } }`, 'filter.minTotalActual'],
    ['a YuanAmount given as a number', `{ publicExpenseReports(filter: { minTotalActual: 100 }) { totalCount } }`, 'filter.minTotalActual'],
    ['a fiscal year range upside down', `{ publicExpenseReports(filter: { fiscalYearFrom: 2016, fiscalYearTo: 2015 }) { totalCount } }`, 'filter.fiscalYearFrom'],
    ['overspent as a string', `{ publicExpenseReports(filter: { overspent: "yes" }) { totalCount } }`, 'filter.overspent'],
    ['an award minimum above the maximum', `{ procurementAwards(filter: { minAwardAmount: "10", maxAwardAmount: "9.99" }) { totalCount } }`, 'filter.minAwardAmount'],
    ['an award date range upside down', `{ procurementAwards(filter: { awardDateFrom: "2017-01-02", awardDateTo: "2017-01-01" }) { totalCount } }`, 'filter.awardDateFrom'],
    ['an invalid award date', `{ procurementAwards(filter: { awardDateTo: "2017-02-30" }) { totalCount } }`, 'filter.awardDateTo'],
    ['an unknown procurement method', `{ procurementAwards(filter: { methods: [AUCTION] }) { totalCount } }`, 'filter.methods'],
    ['an upside-down range through the Agency join', `{ agency(code: "${tenderAward.envelope.agencyCode}") { procurementAwards(filter: { minAwardAmount: "2", maxAwardAmount: "1" }) { totalCount } } }`, 'filter.minAwardAmount'],
  ])('answers %s with BAD_USER_INPUT naming the argument', async (_name, query, argument) => {
    const response = await stack.query(query);
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain(`"${argument}"`);
  });
});
