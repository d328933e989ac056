import type { SampleContext, SampleMakers } from '../context';
import type { SampleAgency } from '../../../model/reference-data';
import { creditCodeCheck, unifiedSocialCreditCode } from '../../../model/agency-code';
import type { DisclosureInput } from '../../../model/input';
import type { BudgetReportFields, StoredFunctionalExpenditure } from '../../../model/records/finance/budget-report';
import type { ProcurementAwardFields } from '../../../model/records/finance/procurement-award';
import { publicExpenseReportFields, type BudgetAndActualFen, type PublicExpenseReportFields } from '../../../model/records/finance/public-expense-report';
import type { AdministrativeFeeFields } from '../../../model/records/finance/administrative-fee';
import type { DebtKindsFen, GovernmentDebtFields } from '../../../model/records/finance/government-debt';
import type { SpecialFundAllocationFields, StoredFundRecipient } from '../../../model/records/finance/special-fund-allocation';
import type { AdministrativeFeeKind, BudgetReportKind, BudgetScope, FeeListing, ProcurementMethod, SpecialFundKind } from '../../../subgraphs/finance/generated/types';
import { maskedPersonName } from '../names';
import { PROVINCE_ABBREVIATIONS, TOWNS } from './education';

/** Budget tables are published in 万元 with two decimals: amounts are whole hundreds of yuan. */
const HUNDRED_YUAN_FEN = 100_00;

/** Classes 类 of the functional classification with their codes and a rough share of a county's spending. */
const GOVERNMENT_FUNCTIONS: Array<[code: string, name: string, weight: number]> = [
  ['201', '一般公共服务', 12],
  ['204', '公共安全', 6],
  ['205', '教育', 18],
  ['207', '文化体育与传媒', 2],
  ['208', '社会保障和就业', 14],
  ['210', '医疗卫生与计划生育', 10],
  ['211', '节能环保', 3],
  ['212', '城乡社区', 9],
  ['213', '农林水', 16],
  ['214', '交通运输', 5],
  ['221', '住房保障', 5],
];
/** A finance bureau's own spending: mostly general public services, plus staff pensions, health and housing. */
const DEPARTMENT_FUNCTIONS: Array<[code: string, name: string, weight: number]> = [
  ['201', '一般公共服务', 82],
  ['208', '社会保障和就业', 10],
  ['210', '医疗卫生与计划生育', 3],
  ['221', '住房保障', 5],
];

/** Pinyin initials used in procurement project numbers, e.g. HSX for 含山县. */
const PROJECT_NUMBER_PREFIX: Record<string, string> = {
  '430600': 'YYS',
  '430621': 'YYX',
  '532300': 'CXZ',
  '532301': 'CXS',
  '532322': 'SBX',
  '421300': 'SZS',
  '421321': 'SX',
  '340500': 'MAS',
  '340522': 'HSX',
  '371600': 'BZS',
  '371623': 'WDX',
  '610900': 'AKS',
  '610928': 'XYX',
  '610929': 'BHX',
};

const METHOD_NAMES: Record<ProcurementMethod, string> = {
  OPEN_TENDER: '公开招标',
  INVITED_TENDER: '邀请招标',
  COMPETITIVE_NEGOTIATION: '竞争性谈判',
  COMPETITIVE_CONSULTATION: '竞争性磋商',
  SINGLE_SOURCE: '单一来源',
  REQUEST_FOR_QUOTATION: '询价',
};

interface ProjectTemplate {
  buyer: string;
  name: string;
  items: string;
  /** Budget range in yuan. */
  budget: [number, number];
}

const PROJECTS: ProjectTemplate[] = [
  { buyer: '教育局', name: '农村学校多媒体教学设备采购项目', items: '交互式多媒体教学一体机、录播系统及安装调试', budget: [800_000, 6_000_000] },
  { buyer: '人民医院', name: '医疗设备采购项目', items: '彩色多普勒超声诊断仪、全自动生化分析仪', budget: [1_500_000, 9_000_000] },
  { buyer: '公安局', name: '城区视频监控系统建设项目', items: '高清网络摄像机、存储服务器及传输链路', budget: [1_000_000, 8_000_000] },
  { buyer: '城市管理局', name: '环卫保洁服务外包项目', items: '城区主次干道清扫保洁服务（三年）', budget: [2_000_000, 12_000_000] },
  { buyer: '人民政府办公室', name: '办公设备及家具采购项目', items: '台式计算机、打印机、办公桌椅', budget: [150_000, 900_000] },
  { buyer: '农业局', name: '农作物病虫害统防统治服务项目', items: '水稻病虫害统防统治服务及药剂', budget: [300_000, 2_000_000] },
  { buyer: '交通运输局', name: '农村公路安全生命防护工程', items: '波形护栏、标志标牌及施工', budget: [1_000_000, 7_000_000] },
  { buyer: '财政局', name: '财政业务一体化系统运维服务项目', items: '预算管理一体化系统运行维护服务（一年）', budget: [200_000, 1_200_000] },
];

const SUPPLIER_NAMES: Array<[regionCode: string, name: string]> = [
  ['430600', '岳阳市华信科技有限公司'],
  ['430000', '湖南长信畅中科技股份有限公司'],
  ['532300', '楚雄州明达电子工程有限公司'],
  ['530000', '云南南天电子信息产业股份有限公司'],
  ['421300', '随州市天成医疗器械有限公司'],
  ['340500', '马鞍山市恒信建设工程有限公司'],
  ['371600', '滨州市鲁北环境卫生服务有限公司'],
  ['610900', '安康市秦巴办公设备有限公司'],
];

/** A supplier with a well-formed enterprise credit code (registration authority 9 工商, category 1 企业). */
const SUPPLIERS = SUPPLIER_NAMES.map(([regionCode, name]) => {
  const first17 = `91${unifiedSocialCreditCode(regionCode, name).slice(2, 17)}`;
  return { name, creditCode: first17 + creditCodeCheck(first17) };
});

const BUDGET_KIND_NAMES: Record<BudgetReportKind, string> = { BUDGET: '预算', FINAL_ACCOUNT: '决算' };

/** Splits `totalFen` over the weights in whole hundreds of yuan; the last share takes the remainder. */
function splitByWeight(totalFen: number, weights: number[]): number[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const shares = weights.map((weight) => Math.floor((totalFen * weight) / weightSum / HUNDRED_YUAN_FEN) * HUNDRED_YUAN_FEN);
  shares[shares.length - 1] = totalFen - shares.slice(0, -1).reduce((sum, share) => sum + share, 0);
  return shares;
}

function hundredsOfYuan(ctx: SampleContext, minYuan: number, maxYuan: number): number {
  return ctx.rng.int(minYuan / 100, maxYuan / 100) * HUNDRED_YUAN_FEN;
}

/** A government's own level as budget tables name it, e.g. 岳阳县本级. */
function ownLevel(ctx: SampleContext, agency: SampleAgency): string {
  return `${ctx.regionName(agency.regionCode)}本级`;
}

/** The day a budget (early in its year) or a final account (mid next year) is approved. */
function reportDay(ctx: SampleContext, kind: BudgetReportKind, fiscalYear: number): string {
  const [from, to] = kind === 'BUDGET' ? [`${fiscalYear}-01-10`, `${fiscalYear}-03-20`] : [`${fiscalYear + 1}-07-01`, `${fiscalYear + 1}-09-30`];
  return ctx.day(Date.parse(from), Date.parse(to));
}

function budgetReport(ctx: SampleContext): DisclosureInput<BudgetReportFields> {
  const { rng } = ctx;
  const agency = ctx.agency('finance');
  const kind = rng.pick<BudgetReportKind>(['BUDGET', 'FINAL_ACCOUNT']);
  const scope = rng.pick<BudgetScope>(['GOVERNMENT', 'DEPARTMENT']);
  const fiscalYear = rng.int(2013, 2023);
  const approvedOn = reportDay(ctx, kind, fiscalYear);
  const isGovernment = scope === 'GOVERNMENT';
  const isPrefecture = agency.level === 'PREFECTURE';
  const totalExpenditureFen = isGovernment
    ? hundredsOfYuan(ctx, isPrefecture ? 9_000_000_000 : 1_800_000_000, isPrefecture ? 30_000_000_000 : 6_000_000_000)
    : hundredsOfYuan(ctx, 8_000_000, 45_000_000);
  const basicPercent = isGovernment ? rng.int(35, 55) : rng.int(45, 75);
  const [basicExpenditureFen, projectExpenditureFen] = splitByWeight(totalExpenditureFen, [basicPercent, 100 - basicPercent]);
  const functions = isGovernment ? GOVERNMENT_FUNCTIONS : DEPARTMENT_FUNCTIONS;
  const functionAmounts = splitByWeight(
    totalExpenditureFen,
    functions.map(([, , weight]) => weight * rng.decimal(0.8, 1.2, 2)),
  );
  const expenditureByFunction: StoredFunctionalExpenditure[] = functions.map(([functionCode, functionClass], index) => ({
    functionCode,
    functionClass,
    amountFen: functionAmounts[index],
  }));
  // A budget balances; a final account's revenue (including transfers and carry-overs) differs a little.
  const totalRevenueFen =
    kind === 'BUDGET' ? totalExpenditureFen : Math.round((totalExpenditureFen * rng.decimal(1, 1.06, 3)) / HUNDRED_YUAN_FEN) * HUNDRED_YUAN_FEN;
  const budgetUnit = isGovernment ? ownLevel(ctx, agency) : agency.name;
  const kindName = BUDGET_KIND_NAMES[kind];
  const region = ctx.regionName(agency.regionCode);
  return {
    type: 'BudgetReport',
    envelope: ctx.envelope({
      agency,
      title: isGovernment ? `${region}${fiscalYear}年财政${kindName}公开` : `${agency.name}${fiscalYear}年部门${kindName}公开`,
      category: '财政预决算',
      subjectTerms: ['财政', kindName, isGovernment ? `本级${kindName}` : `部门${kindName}`],
      documentNumberPrefix: isGovernment ? `${region.slice(0, 1)}财${kind === 'BUDGET' ? '预' : '决'}` : undefined,
      eventOn: approvedOn,
    }),
    fields: {
      kind,
      scope,
      budgetUnit,
      fiscalYear,
      totalRevenueFen,
      totalExpenditureFen,
      basicExpenditureFen,
      projectExpenditureFen,
      expenditureByFunction,
    },
  };
}

/** A budgeted amount in whole yuan and what was spent of it, sometimes more. */
function budgetAndActual(ctx: SampleContext, minYuan: number, maxYuan: number): BudgetAndActualFen {
  const budgetFen = ctx.rng.int(minYuan, maxYuan) * 100;
  const ratio = ctx.rng.chance(0.15) ? ctx.rng.decimal(1.01, 1.3, 3) : ctx.rng.decimal(0.55, 1, 3);
  return { budgetFen, actualFen: Math.round(budgetFen * ratio) };
}

const NOTHING: BudgetAndActualFen = { budgetFen: 0, actualFen: 0 };

function publicExpenseReport(ctx: SampleContext): DisclosureInput<PublicExpenseReportFields> {
  const { rng } = ctx;
  const agency = ctx.agency('finance');
  const fiscalYear = rng.int(2013, 2023);
  const reportedOn = reportDay(ctx, 'FINAL_ACCOUNT', fiscalYear);
  const isGovernment = rng.chance(0.5);
  // A whole level's figures are some hundred times one department's.
  const scale = isGovernment ? (agency.level === 'PREFECTURE' ? 300 : 100) : 1;
  const reportingUnit = isGovernment ? ownLevel(ctx, agency) : agency.name;
  const fields = publicExpenseReportFields({
    fiscalYear,
    reportingUnit,
    travelAbroad: isGovernment || rng.chance(0.2) ? budgetAndActual(ctx, 10_000 * scale, 30_000 * scale) : NOTHING,
    // Purchases stopped in most places after the 2014 official-vehicle reform.
    vehiclePurchase: fiscalYear < 2015 && rng.chance(0.5) ? budgetAndActual(ctx, 150_000 * scale, 300_000 * scale) : NOTHING,
    vehicleRunning: budgetAndActual(ctx, 60_000 * scale, 220_000 * scale),
    officialReception: budgetAndActual(ctx, 30_000 * scale, 150_000 * scale),
    previousYearActualFen: null,
  });
  if (rng.chance(0.7)) fields.previousYearActualFen = Math.round(fields.totalActualFen * rng.decimal(0.8, 1.3, 3));
  return {
    type: 'PublicExpenseReport',
    envelope: ctx.envelope({
      agency,
      title: `${reportingUnit}${fiscalYear}年度“三公”经费决算情况说明`,
      category: '三公经费',
      subjectTerms: ['三公经费', '决算', '公务接待'],
      eventOn: reportedOn,
    }),
    fields,
  };
}

function procurementAward(ctx: SampleContext): DisclosureInput<ProcurementAwardFields> {
  const { rng } = ctx;
  const agency = ctx.agency('finance');
  const awardDate = ctx.day();
  const project = rng.pick(PROJECTS);
  const region = ctx.regionName(agency.regionCode);
  const method = rng.pick<ProcurementMethod>([
    'OPEN_TENDER',
    'OPEN_TENDER',
    'OPEN_TENDER',
    'INVITED_TENDER',
    'COMPETITIVE_NEGOTIATION',
    'COMPETITIVE_CONSULTATION',
    'COMPETITIVE_CONSULTATION',
    'SINGLE_SOURCE',
    'REQUEST_FOR_QUOTATION',
  ]);
  const budgetFen = rng.int(project.budget[0] / 100, project.budget[1] / 100) * 100_00;
  const discount = method === 'SINGLE_SOURCE' ? rng.decimal(0.96, 1, 3) : rng.decimal(0.82, 0.99, 3);
  const awardAmountFen = Math.round((budgetFen * discount) / 100) * 100;
  const supplier = rng.pick(SUPPLIERS);
  const procuringEntity = `${region}${project.buyer}`;
  const year = ctx.yearOf(awardDate);
  const projectNumber = `${PROJECT_NUMBER_PREFIX[agency.regionCode] ?? 'ZC'}ZC${year}-${String(rng.int(1, 300)).padStart(3, '0')}`;
  const outcome = method === 'OPEN_TENDER' || method === 'INVITED_TENDER' ? '中标' : '成交';
  return {
    type: 'ProcurementAward',
    envelope: ctx.envelope({
      agency,
      title: `${procuringEntity}${project.name}${outcome}结果公告（${projectNumber}）`,
      category: '政府采购',
      subjectTerms: ['政府采购', METHOD_NAMES[method], `${outcome}公告`],
      eventOn: awardDate,
    }),
    fields: {
      projectName: `${region}${project.name}`,
      projectNumber,
      method,
      budgetFen,
      supplierName: supplier.name,
      supplierCreditCode: rng.chance(0.8) ? supplier.creditCode : null,
      awardAmountFen,
      awardDate,
      procuringEntity,
      itemsDescription: project.items,
    },
  };
}

interface FeeTemplate {
  feeItem: string;
  /** The collecting unit's name after the region's, e.g. 不动产登记中心. */
  unit: string;
  kind: AdministrativeFeeKind;
  listedIn: FeeListing;
  /** The national basis; null where the province sets the standard (its price bureau's document is cited). */
  basis: string | null;
  approvingAuthority: string | null;
  standard: string;
  standardYuan: number | null;
  per: string | null;
  /** Range collected in a year by a county, in yuan; a prefecture collects about four times as much. */
  collectedYuan: [number, number];
}

/** Fees a county or prefecture collects, from the national list 全国性及中央部门和单位行政事业性收费目录清单 and provincial ones. */
const FEES: FeeTemplate[] = [
  {
    feeItem: '不动产登记费',
    unit: '不动产登记中心',
    kind: 'ADMINISTRATIVE',
    listedIn: 'NATIONAL',
    basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
    approvingAuthority: '国家发展改革委 财政部',
    standard: '住宅类不动产登记每件80元；非住宅类不动产登记每件550元',
    standardYuan: 80,
    per: '件',
    collectedYuan: [1_500_000, 9_000_000],
  },
  {
    feeItem: '污水处理费',
    unit: '住房和城乡建设局',
    kind: 'ADMINISTRATIVE',
    listedIn: 'NATIONAL',
    basis: '《污水处理费征收使用管理办法》（财税〔2014〕151号）',
    approvingAuthority: '财政部 国家发展改革委 住房城乡建设部',
    standard: '居民生活用水每立方米0.95元；非居民用水每立方米1.40元',
    standardYuan: 0.95,
    per: '立方米',
    collectedYuan: [3_000_000, 20_000_000],
  },
  {
    feeItem: '居民身份证工本费',
    unit: '公安局',
    kind: 'ADMINISTRATIVE',
    listedIn: 'NATIONAL',
    basis: '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）',
    approvingAuthority: '国家发展改革委 财政部',
    standard: '首次申领、换领每证20元；丢失补领、损坏换领每证40元；临时居民身份证每证10元',
    standardYuan: 20,
    per: '证',
    collectedYuan: [200_000, 1_200_000],
  },
  {
    feeItem: '水土保持补偿费',
    unit: '水利局',
    kind: 'ADMINISTRATIVE',
    listedIn: 'NATIONAL',
    basis: '《水土保持补偿费征收使用管理办法》（财综〔2014〕8号）',
    approvingAuthority: '财政部 国家发展改革委 水利部 中国人民银行',
    standard: '一般性生产建设项目按征占用土地面积每平方米1.4元一次性计征；开采矿产资源的按开采量计征',
    standardYuan: 1.4,
    per: '平方米',
    collectedYuan: [300_000, 4_000_000],
  },
  {
    feeItem: '土地闲置费',
    unit: '国土资源局',
    kind: 'ADMINISTRATIVE',
    listedIn: 'NATIONAL',
    basis: '《闲置土地处置办法》（国土资源部令第53号）',
    approvingAuthority: '国土资源部',
    standard: '按土地出让或者划拨价款的20%征缴',
    standardYuan: null,
    per: null,
    collectedYuan: [0, 3_000_000],
  },
  {
    feeItem: '专业技术人员职业资格考试考务费',
    unit: '人事考试中心',
    kind: 'PUBLIC_INSTITUTION',
    listedIn: 'PROVINCIAL',
    basis: null,
    approvingAuthority: null,
    standard: '每人每科40元',
    standardYuan: 40,
    per: '人·科',
    collectedYuan: [100_000, 900_000],
  },
  {
    feeItem: '公办养老机构床位费',
    unit: '社会福利院',
    kind: 'PUBLIC_INSTITUTION',
    listedIn: 'PROVINCIAL',
    basis: null,
    approvingAuthority: null,
    standard: '普通双人间每床每月300元，单人间每床每月450元',
    standardYuan: 300,
    per: '床·月',
    collectedYuan: [200_000, 1_500_000],
  },
];

function administrativeFee(ctx: SampleContext): DisclosureInput<AdministrativeFeeFields> {
  const { rng } = ctx;
  const agency = ctx.agency('finance');
  const fee = rng.pick(FEES);
  const year = rng.int(2015, 2023);
  const region = ctx.regionName(agency.regionCode);
  const provinceCode = agency.regionCode.slice(0, 2);
  const scale = agency.level === 'PREFECTURE' ? 4 : 1;
  const collectedAmountFen = rng.int(fee.collectedYuan[0], fee.collectedYuan[1] * scale) * 100 + rng.int(0, 99);
  const collectingUnit = `${region}${fee.unit}`;
  return {
    type: 'AdministrativeFee',
    envelope: ctx.envelope({
      agency,
      title: `${collectingUnit}${year}年度${fee.feeItem}收费情况公示`,
      category: '行政事业性收费',
      subjectTerms: ['行政事业性收费', fee.feeItem, '收费标准'],
      eventOn: ctx.day(Date.parse(`${year + 1}-01-15T00:00:00Z`), Date.parse(`${year + 1}-04-30T00:00:00Z`)),
    }),
    fields: {
      feeItem: fee.feeItem,
      collectingUnit,
      basisDocument: fee.basis ?? `${PROVINCE_ABBREVIATIONS[provinceCode]}发改价费〔${year - rng.int(0, 3)}〕${rng.int(20, 400)}号`,
      approvingAuthority: fee.approvingAuthority ?? `${ctx.regionName(`${provinceCode}0000`)}发展和改革委员会 ${ctx.regionName(`${provinceCode}0000`)}财政厅`,
      standard: fee.standard,
      standardAmountFen: fee.standardYuan === null ? null : Math.round(fee.standardYuan * 100),
      unit: fee.per,
      kind: fee.kind,
      listedIn: fee.listedIn,
      fiscalYear: year,
      collectedAmountFen,
    },
  };
}

const TEN_THOUSAND_YUAN_FEN = 10_000_00;

/** General and special amounts in whole 万元 within the ranges (in 万元). */
function debtKinds(ctx: SampleContext, general: [number, number], special: [number, number]): DebtKindsFen {
  return { generalFen: ctx.rng.int(...general) * TEN_THOUSAND_YUAN_FEN, specialFen: ctx.rng.int(...special) * TEN_THOUSAND_YUAN_FEN };
}

/** `share` of each kind, rounded to hundreds of yuan as debt tables in 万元 with two decimals are. */
function shareOf(ctx: SampleContext, amounts: DebtKindsFen, share: [number, number]): DebtKindsFen {
  const part = (fen: number) => Math.round((fen * ctx.rng.decimal(share[0], share[1], 3)) / HUNDRED_YUAN_FEN) * HUNDRED_YUAN_FEN;
  return { generalFen: part(amounts.generalFen), specialFen: part(amounts.specialFen) };
}

function governmentDebt(ctx: SampleContext): DisclosureInput<GovernmentDebtFields> {
  const agency = ctx.agency('finance');
  const fiscalYear = ctx.rng.int(2015, 2023);
  const isPrefecture = agency.level === 'PREFECTURE';
  // Special debt grew fast after 2018 as special bonds 专项债券 financed most new projects.
  const growth = 1 + Math.max(0, fiscalYear - 2017) * 0.25;
  const limit = isPrefecture
    ? debtKinds(ctx, [800_000, 2_000_000], [Math.round(500_000 * growth), Math.round(1_500_000 * growth)])
    : debtKinds(ctx, [200_000, 600_000], [Math.round(100_000 * growth), Math.round(500_000 * growth)]);
  const balance = shareOf(ctx, limit, [0.86, 0.99]);
  const region = ctx.regionName(agency.regionCode);
  return {
    type: 'GovernmentDebt',
    envelope: ctx.envelope({
      agency,
      title: `${region}${fiscalYear}年政府债务限额及余额情况`,
      category: '政府债务',
      subjectTerms: ['政府债务', '债务限额', '债务余额'],
      documentNumberPrefix: `${region.slice(0, 1)}财债`,
      eventOn: ctx.day(Date.parse(`${fiscalYear + 1}-06-01T00:00:00Z`), Date.parse(`${fiscalYear + 1}-09-30T00:00:00Z`)),
    }),
    fields: {
      fiscalYear,
      limit,
      balance,
      issuance: { newBonds: shareOf(ctx, balance, [0.05, 0.18]), refinancingBonds: shareOf(ctx, balance, [0.03, 0.12]) },
      repayment: { principal: shareOf(ctx, balance, [0.04, 0.12]), interest: shareOf(ctx, balance, [0.028, 0.04]) },
    },
  };
}

const VILLAGE_NAMES = ['东山', '西湖', '新华', '红旗', '团结', '和平', '光明', '长岭', '双河', '桃园'];
const COOPERATIVE_BRANDS = ['绿源', '丰禾', '兴农', '金穗', '茶香', '福康'];

interface FundTemplate {
  kind: SpecialFundKind;
  /** The fund's name after the year, e.g. 耕地地力保护补贴资金. */
  name: (year: number) => string;
  /** A recipient: who, for what, and a range of the amount in yuan. */
  recipients: Array<{ kind: StoredFundRecipient['kind']; purpose: string; yuan: [number, number] }>;
}

const FUNDS: FundTemplate[] = [
  {
    kind: 'AGRICULTURE',
    name: () => '耕地地力保护补贴资金',
    recipients: [{ kind: 'HOUSEHOLD', purpose: '耕地地力保护补贴', yuan: [300, 2_500] }],
  },
  {
    kind: 'AGRICULTURE',
    name: () => '农机购置补贴资金',
    recipients: [
      { kind: 'HOUSEHOLD', purpose: '购置拖拉机、收割机等农机具补贴', yuan: [3_000, 40_000] },
      { kind: 'ORGANISATION', purpose: '农机专业合作社购置农机具补贴', yuan: [20_000, 150_000] },
    ],
  },
  {
    kind: 'POVERTY_ALLEVIATION',
    name: (year) => (year >= 2021 ? '中央财政衔接推进乡村振兴补助资金' : '财政专项扶贫资金'),
    recipients: [
      { kind: 'VILLAGE', purpose: '村级产业发展项目（种养基地建设）', yuan: [100_000, 500_000] },
      { kind: 'ORGANISATION', purpose: '带动脱贫户产业发展奖补', yuan: [50_000, 300_000] },
      { kind: 'HOUSEHOLD', purpose: '脱贫户产业发展奖补', yuan: [1_000, 5_000] },
    ],
  },
  {
    kind: 'EMPLOYMENT',
    name: () => '就业补助资金（一次性创业补贴）',
    recipients: [{ kind: 'PERSON', purpose: '一次性创业补贴', yuan: [5_000, 5_000] }],
  },
  {
    kind: 'HEALTH',
    name: () => '基本公共卫生服务补助资金',
    recipients: [{ kind: 'ORGANISATION', purpose: '基本公共卫生服务项目补助', yuan: [200_000, 1_200_000] }],
  },
  {
    kind: 'OTHER',
    name: () => '农村危房改造补助资金',
    recipients: [{ kind: 'HOUSEHOLD', purpose: '农村危房改造补助', yuan: [15_000, 35_000] }],
  },
];

function recipientName(ctx: SampleContext, kind: StoredFundRecipient['kind'], purpose: string, town: string): string {
  const { rng } = ctx;
  switch (kind) {
    case 'PERSON':
    case 'HOUSEHOLD':
      return maskedPersonName(rng);
    case 'VILLAGE':
      return `${town}${rng.pick(VILLAGE_NAMES)}村村民委员会`;
    case 'ORGANISATION':
      return purpose.includes('公共卫生') ? `${town}卫生院` : `${town}${rng.pick(COOPERATIVE_BRANDS)}${purpose.includes('农机') ? '农机' : '种养'}专业合作社`;
  }
}

function specialFundAllocation(ctx: SampleContext): DisclosureInput<SpecialFundAllocationFields> {
  const { rng } = ctx;
  const agency = ctx.agency('finance');
  const fund = rng.pick(FUNDS);
  const fiscalYear = rng.int(2016, 2023);
  const fundName = `${fiscalYear}年${fund.name(fiscalYear)}`;
  const region = ctx.regionName(agency.regionCode);
  const town = rng.pick(TOWNS[agency.regionCode]);
  // A 公示 of one town's batch is a part of the fund; a whole fund's list, over the towns, adds up to its total.
  const recipientsComplete = rng.chance(0.6);
  const recipients = Array.from({ length: rng.int(2, 12) }, (): StoredFundRecipient => {
    const template = rng.pick(fund.recipients);
    return {
      name: recipientName(ctx, template.kind, template.purpose, recipientsComplete ? rng.pick(TOWNS[agency.regionCode]) : town),
      kind: template.kind,
      amountFen: rng.int(template.yuan[0], template.yuan[1]) * 100,
      purpose: template.purpose,
    };
  });
  const listed = recipients.reduce((total, r) => total + r.amountFen, 0);
  return {
    type: 'SpecialFundAllocation',
    envelope: ctx.envelope({
      agency,
      title: `${region}${fundName}分配情况公示${recipientsComplete ? '' : `（${town}）`}`,
      category: fund.kind === 'AGRICULTURE' || fund.kind === 'POVERTY_ALLEVIATION' ? '涉农资金' : '专项资金',
      subjectTerms: ['专项资金', fund.name(fiscalYear), '资金分配'],
      documentNumberPrefix: `${region.slice(0, 1)}财农`,
      eventOn: ctx.day(Date.parse(`${fiscalYear}-03-01T00:00:00Z`), Date.parse(`${fiscalYear}-11-30T00:00:00Z`)),
    }),
    fields: {
      fundName,
      fundKind: fund.kind,
      fiscalYear,
      totalAmountFen: recipientsComplete ? listed : listed * rng.int(3, 20),
      recipientsComplete,
      recipients,
    },
  };
}

export const financeSamples: SampleMakers = {
  BudgetReport: budgetReport,
  PublicExpenseReport: publicExpenseReport,
  ProcurementAward: procurementAward,
  AdministrativeFee: administrativeFee,
  GovernmentDebt: governmentDebt,
  SpecialFundAllocation: specialFundAllocation,
};
