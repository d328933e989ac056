/**
 * The finance subgraph through the gateway: budgets and final accounts, the three public expenses,
 * procurement awards, administrative fees, government debt and special fund allocations, with their
 * fields, typed filters, the Agency join, the rules of each type as publishers meet them through
 * the API, the de-identified recipients of special funds, and bad input.
 */
import type { AdministrativeFeeFields } from '../../model/records/finance/administrative-fee';
import type { BudgetReportFields } from '../../model/records/finance/budget-report';
import type { GovernmentDebtFields } from '../../model/records/finance/government-debt';
import type { SpecialFundAllocationFields } from '../../model/records/finance/special-fund-allocation';
import { deidentifySubmission } from '../../model/records/personal-data';
import type { ProcurementAwardFields } from '../../model/records/finance/procurement-award';
import { publicExpenseReportFields } from '../../model/records/finance/public-expense-report';
import { creditCodeCheck } from '../../model/agency-code';
import { disclosure, envelope } from '../support/builders';
import { publisher, type Publisher } from '../support/submit';
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

const registrationFeeFields: AdministrativeFeeFields = {
  feeItem: '不动产登记费',
  collectingUnit: '岳阳县不动产登记中心',
  basisDocument: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
  approvingAuthority: '国家发展改革委 财政部',
  standard: '住宅类不动产登记每件80元；非住宅类不动产登记每件550元',
  standardAmountFen: 80_00,
  unit: '件',
  kind: 'ADMINISTRATIVE',
  listedIn: 'NATIONAL',
  fiscalYear: 2022,
  collectedAmountFen: 3_456_789_01,
};
const examFeeFields: AdministrativeFeeFields = {
  feeItem: '专业技术人员职业资格考试考务费',
  collectingUnit: '楚雄州人事考试中心',
  basisDocument: '云发改价费〔2021〕115号',
  approvingAuthority: '云南省发展和改革委员会 云南省财政厅',
  standard: '每人每科40元',
  standardAmountFen: null,
  unit: null,
  kind: 'PUBLIC_INSTITUTION',
  listedIn: 'PROVINCIAL',
  fiscalYear: 2021,
  collectedAmountFen: 5,
};
const countyDebtFields: GovernmentDebtFields = {
  fiscalYear: 2022,
  limit: { generalFen: 4_200_000_000_00, specialFen: 5_600_000_000_00 },
  balance: { generalFen: 4_012_345_678_91, specialFen: 5_600_000_000_00 },
  issuance: {
    newBonds: { generalFen: 300_000_000_00, specialFen: 1_200_000_000_01 },
    refinancingBonds: { generalFen: 450_000_000_99, specialFen: 80_000_000_00 },
  },
  repayment: {
    principal: { generalFen: 500_000_000_00, specialFen: 120_000_000_00 },
    interest: { generalFen: 130_000_000_50, specialFen: 170_000_000_50 },
  },
};
const prefectureDebtFields: GovernmentDebtFields = {
  ...countyDebtFields,
  fiscalYear: 2021,
  limit: { generalFen: 16_000_000_000_00, specialFen: 12_000_000_000_00 },
  balance: { generalFen: 15_000_000_000_00, specialFen: 11_000_000_000_00 },
};
const farmSubsidyFields: SpecialFundAllocationFields = {
  fundName: '2023年中央财政衔接推进乡村振兴补助资金',
  fundKind: 'POVERTY_ALLEVIATION',
  fiscalYear: 2023,
  totalAmountFen: 303_500_00,
  recipientsComplete: true,
  recipients: [
    { name: '新墙镇东山村村民委员会', kind: 'VILLAGE', amountFen: 300_000_00, purpose: '村级产业发展项目（油茶基地）' },
    { name: '王*明', kind: 'HOUSEHOLD', amountFen: 3_500_00, purpose: '脱贫户产业发展奖补' },
  ],
};
const startUpGrantFields: SpecialFundAllocationFields = {
  fundName: '2022年就业补助资金（一次性创业补贴）',
  fundKind: 'EMPLOYMENT',
  fiscalYear: 2022,
  totalAmountFen: 100_000_00,
  recipientsComplete: false,
  recipients: [{ name: '李*', kind: 'PERSON', amountFen: 5_000_00, purpose: '一次性创业补贴' }],
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

const registrationFee = disclosure(
  'AdministrativeFee',
  envelope(YUEYANG_FINANCE, { title: '岳阳县不动产登记中心2022年度不动产登记费收费情况公示', category: '行政事业性收费', publishedAt: new Date('2023-02-10T02:00:00Z') }),
  registrationFeeFields,
);
const examFee = disclosure(
  'AdministrativeFee',
  envelope(CHUXIONG_FINANCE, { title: '楚雄州人事考试中心2021年度考试考务费收费情况公示', publishedAt: new Date('2022-03-01T02:00:00Z') }),
  examFeeFields,
);
const countyDebt = disclosure(
  'GovernmentDebt',
  envelope(YUEYANG_FINANCE, { title: '岳阳县2022年政府债务限额及余额情况', category: '政府债务', publishedAt: new Date('2023-07-01T02:00:00Z') }),
  countyDebtFields,
);
const prefectureDebt = disclosure(
  'GovernmentDebt',
  envelope(CHUXIONG_FINANCE, { title: '楚雄州2021年政府债务限额及余额情况', publishedAt: new Date('2022-07-01T02:00:00Z') }),
  prefectureDebtFields,
);
const farmSubsidy = disclosure(
  'SpecialFundAllocation',
  envelope(YUEYANG_FINANCE, { title: '岳阳县2023年衔接推进乡村振兴补助资金分配情况公示', category: '涉农资金', publishedAt: new Date('2023-06-01T02:00:00Z') }),
  farmSubsidyFields,
);
const startUpGrant = disclosure(
  'SpecialFundAllocation',
  envelope(CHUXIONG_FINANCE, { title: '楚雄州2022年一次性创业补贴发放情况公示（第一批）', publishedAt: new Date('2022-09-01T02:00:00Z') }),
  startUpGrantFields,
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
    registrationFee,
    examFee,
    countyDebt,
    prefectureDebt,
    farmSubsidy,
    startUpGrant,
  ]);
  expect(result).toEqual({ written: 12, rejected: [] });
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

describe('the Agency join of the key-area types', () => {
  it('lists an agency’s fees, debt reports and fund allocations in one request', async () => {
    const response = await stack.query(
      `query ($code: ID!) { agency(code: $code) {
          administrativeFees { totalCount edges { node { feeItem collectedTenThousandYuan } } }
          governmentDebts { totalCount edges { node { fiscalYear balance { total { yuan } } } } }
          specialFundAllocations { totalCount edges { node { recipients { name } } } }
        } }`,
      { code: countyBudget.envelope.agencyCode },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.agency).toEqual({
      administrativeFees: { totalCount: 1, edges: [{ node: { feeItem: '不动产登记费', collectedTenThousandYuan: '345.678901' } }] },
      governmentDebts: { totalCount: 1, edges: [{ node: { fiscalYear: 2022, balance: { total: { yuan: '9612345678.91' } } } }] },
      specialFundAllocations: { totalCount: 1, edges: [{ node: { recipients: [{ name: '新墙镇东山村村民委员会' }, { name: '王*明' }] } }] },
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
    ['an unknown fee kind', `{ administrativeFees(filter: { kinds: [LICENCE] }) { totalCount } }`, 'filter.kinds'],
    ['a fiscal year given as a string', `{ governmentDebts(filter: { fiscalYear: "2022" }) { totalCount } }`, 'filter.fiscalYear'],
    ['an unknown fund kind', `{ specialFundAllocations(filter: { fundKinds: [LOTTERY] }) { totalCount } }`, 'filter.fundKinds'],
    ['an upside-down range through the Agency join', `{ agency(code: "${tenderAward.envelope.agencyCode}") { procurementAwards(filter: { minAwardAmount: "2", maxAwardAmount: "1" }) { totalCount } } }`, 'filter.minAwardAmount'],
  ])('answers %s with BAD_USER_INPUT naming the argument', async (_name, query, argument) => {
    const response = await stack.query(query);
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain(`"${argument}"`);
  });
});

describe('administrative fees', () => {
  it('answers every field, with the amount collected exact in fen, yuan and 万元', async () => {
    const response = await stack.query(
      `query ($id: String!) { administrativeFee(indexNumber: $id) {
          category feeItem collectingUnit basisDocument approvingAuthority standard standardAmount { fen yuan } unit
          kind listedIn fiscalYear collectedAmount { fen yuan currency } collectedTenThousandYuan } }`,
      { id: registrationFee.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.administrativeFee).toEqual({
      category: '行政事业性收费',
      feeItem: '不动产登记费',
      collectingUnit: '岳阳县不动产登记中心',
      basisDocument: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
      approvingAuthority: '国家发展改革委 财政部',
      standard: '住宅类不动产登记每件80元；非住宅类不动产登记每件550元',
      standardAmount: { fen: 8_000, yuan: '80.00' },
      unit: '件',
      kind: 'ADMINISTRATIVE',
      listedIn: 'NATIONAL',
      fiscalYear: 2022,
      collectedAmount: { fen: 345_678_901, yuan: '3456789.01', currency: 'CNY' },
      collectedTenThousandYuan: '345.678901',
    });
  });

  it('answers a standard given only as text, and five fen as 0.000005 万元', async () => {
    const response = await stack.query(
      `query ($id: String!) { administrativeFee(indexNumber: $id) { standard standardAmount { fen } unit collectedTenThousandYuan } }`,
      { id: examFee.envelope.indexNumber },
    );
    expect(response.data?.administrativeFee).toEqual({ standard: '每人每科40元', standardAmount: null, unit: null, collectedTenThousandYuan: '0.000005' });
  });

  it.each([
    ['no filter', undefined, [registrationFee, examFee]],
    ['kinds', { kinds: ['PUBLIC_INSTITUTION'] }, [examFee]],
    ['the list it is on', { listedIn: ['NATIONAL'] }, [registrationFee]],
    ['lists that match nothing', { listedIn: ['UNLISTED'] }, []],
    ['the fiscal year', { fiscalYear: 2021 }, [examFee]],
    ['a fiscal year that matches nothing', { fiscalYear: 2020 }, []],
    ['the collecting unit, exact', { collectingUnit: '岳阳县不动产登记中心' }, [registrationFee]],
    ['part of a collecting unit, which is not a match', { collectingUnit: '不动产登记中心' }, []],
    ['the fee item', { feeItem: '专业技术人员职业资格考试考务费' }, [examFee]],
  ])('filters by %s', async (_name, filter, expected) => {
    expect(await listedIds('administrativeFees', 'AdministrativeFeeFilter', filter)).toEqual(idsOf(expected));
  });
});

describe('government debt', () => {
  const amounts = 'general { fen yuan } special { fen yuan } total { fen yuan }';

  it('answers limits, balances, issuance and repayment, with every total derived exactly in fen', async () => {
    const response = await stack.query(
      `query ($id: String!) { governmentDebt(indexNumber: $id) {
          region { name } fiscalYear limit { ${amounts} } balance { ${amounts} }
          issuance { newBonds { ${amounts} } refinancingBonds { ${amounts} } total { ${amounts} } }
          repayment { principal { ${amounts} } interest { ${amounts} } total { ${amounts} } } } }`,
      { id: countyDebt.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    const pair = (general: number, special: number) => ({
      general: { fen: general, yuan: (general / 100).toFixed(2) },
      special: { fen: special, yuan: (special / 100).toFixed(2) },
      total: { fen: general + special, yuan: ((general + special) / 100).toFixed(2) },
    });
    expect(response.data?.governmentDebt).toEqual({
      region: { name: '岳阳县' },
      fiscalYear: 2022,
      limit: pair(420_000_000_000, 560_000_000_000),
      balance: pair(401_234_567_891, 560_000_000_000),
      issuance: {
        newBonds: pair(30_000_000_000, 120_000_000_001),
        refinancingBonds: pair(45_000_000_099, 8_000_000_000),
        total: pair(75_000_000_099, 128_000_000_001),
      },
      repayment: {
        principal: pair(50_000_000_000, 12_000_000_000),
        interest: pair(13_000_000_050, 17_000_000_050),
        total: pair(63_000_000_050, 29_000_000_050),
      },
    });
    // The totals as strings, not through the pair helper's own arithmetic.
    expect((response.data?.governmentDebt as { balance: { total: { yuan: string } } }).balance.total.yuan).toBe('9612345678.91');
  });

  it.each([
    ['no filter', undefined, [countyDebt, prefectureDebt]],
    ['the fiscal year', { fiscalYear: 2021 }, [prefectureDebt]],
    ['a fiscal year that matches nothing', { fiscalYear: 2019 }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    expect(await listedIds('governmentDebts', 'GovernmentDebtFilter', filter)).toEqual(idsOf(expected));
  });
});

describe('special fund allocations', () => {
  it('answers the fund and its recipients, a household masked and a village named', async () => {
    const response = await stack.query(
      `query ($id: String!) { specialFundAllocation(indexNumber: $id) {
          fundName fundKind fiscalYear totalAmount { fen yuan } recipientsComplete
          recipients { name kind amount { fen yuan } purpose } } }`,
      { id: farmSubsidy.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.specialFundAllocation).toEqual({
      fundName: '2023年中央财政衔接推进乡村振兴补助资金',
      fundKind: 'POVERTY_ALLEVIATION',
      fiscalYear: 2023,
      totalAmount: { fen: 30_350_000, yuan: '303500.00' },
      recipientsComplete: true,
      recipients: [
        { name: '新墙镇东山村村民委员会', kind: 'VILLAGE', amount: { fen: 30_000_000, yuan: '300000.00' }, purpose: '村级产业发展项目（油茶基地）' },
        { name: '王*明', kind: 'HOUSEHOLD', amount: { fen: 350_000, yuan: '3500.00' }, purpose: '脱贫户产业发展奖补' },
      ],
    });
  });

  it.each([
    ['no filter', undefined, [farmSubsidy, startUpGrant]],
    ['fund kinds', { fundKinds: ['EMPLOYMENT', 'HEALTH'] }, [startUpGrant]],
    ['fund kinds that match nothing', { fundKinds: ['EDUCATION'] }, []],
    ['the fiscal year', { fiscalYear: 2023 }, [farmSubsidy]],
    ['the fund name, exact', { fundName: '2022年就业补助资金（一次性创业补贴）' }, [startUpGrant]],
    ['part of a fund name, which is not a match', { fundName: '就业补助资金' }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    expect(await listedIds('specialFundAllocations', 'SpecialFundAllocationFilter', filter)).toEqual(idsOf(expected));
  });
});

describe('the key-area rules, as a publisher meets them through the API', () => {
  let yueyang: Publisher;
  beforeAll(async () => {
    yueyang = await publisher(stack, YUEYANG_FINANCE);
  });
  const submission = (type: string, title: string, fields: Record<string, unknown>) => yueyang.submission(type, title, fields);
  const submit = (...submissions: unknown[]) => yueyang.submit(...submissions);

  const fee = (fields: Record<string, unknown> = {}) =>
    submission('AdministrativeFee', '岳阳县不动产登记中心2023年度不动产登记费收费情况公示', {
      feeItem: '不动产登记费',
      collectingUnit: '岳阳县不动产登记中心',
      basisDocument: '发改价格规〔2016〕2559号',
      approvingAuthority: '国家发展改革委 财政部',
      standard: '住宅类不动产登记每件80元',
      standardAmount: '80',
      unit: '件',
      kind: 'ADMINISTRATIVE',
      listedIn: 'NATIONAL',
      fiscalYear: 2023,
      collectedAmount: '1234567.89',
      ...fields,
    });

  it('fees: an exact standard comes with its unit, or neither; the amount in 万元 is derived', async () => {
    const { errors, answer } = await submit(
      fee(),
      fee({ standardAmount: null, unit: null }),
      fee({ unit: null }),
      fee({ standardAmount: null }),
      fee({ collectedTenThousandYuan: '123.456789' }),
      fee({ kind: 'LICENCE' }),
    );
    expect(errors).toEqual([
      [],
      [],
      [['fields.unit', 'amount-unit-pair']],
      [['fields.standardAmount', 'amount-unit-pair']],
      [['fields.collectedTenThousandYuan', 'derived']],
      [['fields.kind', 'one-of']],
    ]);
    const read = await stack.query(
      `query ($id: String!) { administrativeFee(indexNumber: $id) { status collectedAmount { fen } collectedTenThousandYuan } }`,
      { id: answer.accepted[0].indexNumber },
      yueyang.headers,
    );
    expect(read.data?.administrativeFee).toEqual({ status: 'DRAFT', collectedAmount: { fen: 123_456_789 }, collectedTenThousandYuan: '123.456789' });
  });

  const debtPair = (general: string, special: string) => ({ general, special });
  const debt = (fields: Record<string, unknown> = {}) =>
    submission('GovernmentDebt', '岳阳县2023年政府债务限额及余额情况', {
      fiscalYear: 2023,
      limit: debtPair('4500000000', '6000000000'),
      balance: debtPair('4300000000.01', '5999999999.99'),
      issuance: { newBonds: debtPair('200000000', '900000000.50'), refinancingBonds: debtPair('300000000.25', '0') },
      repayment: { principal: debtPair('350000000', '100000000'), interest: debtPair('120000000.33', '180000000.34') },
      ...fields,
    });

  it('government debt: each kind’s balance within its limit (at the limit is within); totals derived, exact in fen', async () => {
    const { errors, answer } = await submit(
      debt(),
      debt({ balance: debtPair('4500000000', '6000000000') }),
      debt({ balance: debtPair('4500000000.01', '6000000000') }),
      debt({ balance: debtPair('1', '6000000000.01') }),
      debt({ balance: debtPair('4500000000.01', '6000000000.01') }),
      debt({ limit: { general: '1', special: '1', total: '2' } }),
      debt({ issuance: { newBonds: debtPair('1', '1'), refinancingBonds: debtPair('1', '1'), total: debtPair('2', '2') } }),
    );
    expect(errors).toEqual([
      [],
      [],
      [['fields.balance.general', 'within-limit']],
      [['fields.balance.special', 'within-limit']],
      [
        ['fields.balance.general', 'within-limit'],
        ['fields.balance.special', 'within-limit'],
      ],
      [['fields.limit.total', 'derived']],
      [['fields.issuance.total', 'derived']],
    ]);
    const read = await stack.query(
      `query ($id: String!) { governmentDebt(indexNumber: $id) {
          balance { total { fen yuan } } issuance { total { general { yuan } special { yuan } total { fen yuan } } }
          repayment { total { total { fen yuan } } } } }`,
      { id: answer.accepted[0].indexNumber },
      yueyang.headers,
    );
    expect(read.data?.governmentDebt).toEqual({
      balance: { total: { fen: 1_030_000_000_000, yuan: '10300000000.00' } },
      issuance: { total: { general: { yuan: '500000000.25' }, special: { yuan: '900000000.50' }, total: { fen: 140_000_000_075, yuan: '1400000000.75' } } },
      repayment: { total: { total: { fen: 75_000_000_067, yuan: '750000000.67' } } },
    });
  });

  const RAW_PERSON = '欧阳修文';
  const RAW_HOUSEHOLD_HEAD = '司马相如';
  const fund = (fields: Record<string, unknown> = {}, title = '岳阳县2024年衔接推进乡村振兴补助资金分配情况公示') =>
    submission('SpecialFundAllocation', title, {
      fundName: '2024年衔接推进乡村振兴补助资金',
      fundKind: 'POVERTY_ALLEVIATION',
      fiscalYear: 2024,
      totalAmount: '205000.50',
      recipientsComplete: true,
      recipients: [
        { name: '张家村', kind: 'VILLAGE', amount: '200000', purpose: '村级光伏电站维护' },
        { name: RAW_HOUSEHOLD_HEAD, kind: 'HOUSEHOLD', amount: '3000.25', purpose: '脱贫户产业发展奖补' },
        { name: RAW_PERSON, kind: 'PERSON', amount: '2000.25', purpose: '公益性岗位补贴' },
      ],
      ...fields,
    });

  it('special funds: a complete list adds up to the total, a partial one stays within it', async () => {
    const { errors } = await submit(
      fund({ totalAmount: '205000.49' }),
      fund({ totalAmount: '205000.51' }),
      fund({ recipientsComplete: false, totalAmount: '9000000' }),
      fund({ recipientsComplete: false, totalAmount: '205000.50' }),
      fund({ recipientsComplete: false, totalAmount: '205000.49' }),
      fund({ recipients: [], totalAmount: '0' }),
      fund({ recipients: [{ name: '岳阳县新墙镇油茶专业合作社', kind: 'COMPANY', amount: '1', purpose: '奖补' }], totalAmount: '1' }),
      // A name that cannot be masked (it ends with the mask character) is refused rather than kept.
      fund({ recipients: [{ name: '王小*', kind: 'PERSON', amount: '1', purpose: '奖补' }], totalAmount: '1' }),
      fund({ recipients: [{ name: '王小*', kind: 'ORGANISATION', amount: '1', purpose: '奖补' }], totalAmount: '1' }),
    );
    expect(errors).toEqual([
      [['fields.totalAmount', 'total-matches-recipients']],
      [['fields.totalAmount', 'total-matches-recipients']],
      [],
      [],
      [['fields.totalAmount', 'partial-within-total']],
      [],
      [['fields.recipients.0.kind', 'one-of']],
      [['fields.recipients.0.name', 'masked-name']],
      [],
    ]);
  });

  it('special funds: persons and household heads are masked wherever they appear, villages and organisations stay named; the raw names are stored nowhere', async () => {
    const { errors, answer, text } = await submit(fund({}, `${RAW_PERSON}等岳阳县2024年衔接推进乡村振兴补助资金分配情况公示`));
    expect(errors).toEqual([[]]);
    const read = await stack.query<{ disclosure: Record<string, unknown> }>(
      `query ($id: String!) { disclosure(indexNumber: $id) { title ... on SpecialFundAllocation { recipients { name kind amount { yuan } } } } }`,
      { id: answer.accepted[0].indexNumber },
      yueyang.headers,
    );
    expect(read.data?.disclosure).toEqual({
      title: '欧**文等岳阳县2024年衔接推进乡村振兴补助资金分配情况公示',
      recipients: [
        { name: '张家村', kind: 'VILLAGE', amount: { yuan: '200000.00' } },
        { name: '司**如', kind: 'HOUSEHOLD', amount: { yuan: '3000.25' } },
        { name: '欧**文', kind: 'PERSON', amount: { yuan: '2000.25' } },
      ],
    });
    const seen = [text, JSON.stringify(read)];
    for (const db of Object.values(stack.databases)) {
      for (const { name } of await db.listCollections().toArray()) seen.push(JSON.stringify(await db.collection(name).find().toArray()));
    }
    const haystack = seen.join('\n');
    expect(haystack).toContain('司**如');
    expect(haystack).not.toContain(RAW_PERSON);
    expect(haystack).not.toContain(RAW_HOUSEHOLD_HEAD);
  });

  it('special funds: a recipient without a known kind is taken for a person, so its name is masked before it is refused', () => {
    const masked = deidentifySubmission(
      fund({ recipients: [{ name: '张家村', kind: 'ORGANISATION' }, { name: '张家村', kind: 'COMPANY' }, { name: RAW_PERSON }] }),
    ) as { fields: { recipients: Array<{ name: string }> } };
    // Once a person's name is masked, the same name elsewhere in the submission is too (the organisation's here).
    expect(masked.fields.recipients.map((r) => r.name)).toEqual(['张*村', '张*村', '欧**文']);
    const organisationOnly = deidentifySubmission(fund({ recipients: [{ name: '张家村', kind: 'VILLAGE' }, { name: '李明', kind: 'ORGANISATION' }] })) as {
      fields: { recipients: Array<{ name: string }> };
    };
    expect(organisationOnly.fields.recipients.map((r) => r.name)).toEqual(['张家村', '李明']);
  });
});
