import type { SampleContext, SampleMakers } from '../context';
import type { SampleAgency } from '../../../model/reference-data';
import { creditCodeCheck, unifiedSocialCreditCode } from '../../../model/agency-code';
import type { DisclosureInput } from '../../../model/input';
import type { BudgetReportFields, StoredFunctionalExpenditure } from '../../../model/records/finance/budget-report';
import type { ProcurementAwardFields } from '../../../model/records/finance/procurement-award';
import { publicExpenseReportFields, type BudgetAndActualFen, type PublicExpenseReportFields } from '../../../model/records/finance/public-expense-report';
import type { BudgetReportKind, BudgetScope, ProcurementMethod } from '../../../subgraphs/finance/generated/types';

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

export const financeSamples: SampleMakers = {
  BudgetReport: budgetReport,
  PublicExpenseReport: publicExpenseReport,
  ProcurementAward: procurementAward,
};
