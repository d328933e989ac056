import type { SampleContext, SampleMakers } from '../context';
import type { Random } from '../random';
import type { DisclosureInput } from '../../../model/input';
import { startOfShanghaiDay } from '../../../model/time';
import type { FailedTestItem, FoodDrugSamplingFields } from '../../../model/records/safety/food-drug-sampling';
import { accidentGrade, type SafetyAccidentFields } from '../../../model/records/safety/safety-accident';
import type { EnvironmentalEnforcementFields } from '../../../model/records/safety/environmental-enforcement';
import type { AccidentGrade, AccidentIndustry, EnvironmentalMeasure, PollutionMedium, SamplingCategory } from '../../../subgraphs/safety/generated/types';
import { BRANDS, chineseDate, companyCreditCode, companyName, local } from './local-companies';

const HOUR_MS = 60 * 60 * 1000;
const FEN_PER_TEN_THOUSAND_YUAN = 10_000 * 100;

// ---- Production-safety accidents 生产安全事故 ----

interface IndustryProfile {
  trades: string[];
  sites: string[];
  /** Accident kinds 事故类别 (GB 6441) with a typical cause. */
  kinds: Array<{ kind: string; cause: string }>;
}

const INDUSTRIES: Record<AccidentIndustry, IndustryProfile> = {
  MINING: {
    trades: ['矿业', '煤业', '石材开采'],
    sites: ['井下-120m水平3号采场', '露天采场南帮', '主斜井运输巷'],
    kinds: [
      { kind: '冒顶片帮', cause: '作业人员未执行敲帮问顶制度，顶板浮石冒落；企业安全管理不到位，现场安全检查流于形式。' },
      { kind: '透水', cause: '企业未查明老空区积水情况，违规越界开采，未执行“有掘必探”规定。' },
      { kind: '炮烟中毒', cause: '爆破后通风时间不足，作业人员违章提前进入工作面；企业未配备便携式气体检测仪。' },
    ],
  },
  CONSTRUCTION: {
    trades: ['建筑工程', '建设工程', '市政工程'],
    sites: ['在建住宅楼6号楼施工现场', '污水管网改造工程沟槽', '安置小区塔吊作业区'],
    kinds: [
      { kind: '高处坠落', cause: '作业人员在未设置临边防护的楼层边缘作业且未系挂安全带；施工单位安全技术交底不到位。' },
      { kind: '坍塌', cause: '沟槽开挖未按专项施工方案放坡和支护，土方临边堆载；监理单位未履行监理职责。' },
      { kind: '起重伤害', cause: '塔式起重机司机无证操作，吊装时斜拉斜吊，钢丝绳断裂致吊物坠落。' },
    ],
  },
  ROAD_TRANSPORT: {
    trades: ['汽车运输', '物流', '客运'],
    sites: ['G240国道K1532+300处', '县道X021线弯道路段', '高速公路出口匝道'],
    kinds: [
      { kind: '道路交通', cause: '驾驶人超速行驶、疲劳驾驶，车辆制动系统失效；运输企业未落实动态监控主体责任。' },
      { kind: '道路交通', cause: '货车超载行驶，在长下坡路段制动失效与对向车辆相撞；企业安全生产主体责任不落实。' },
    ],
  },
  HAZARDOUS_CHEMICALS: {
    trades: ['化工', '石化', '精细化工'],
    sites: ['化工园区二号生产车间', '储罐区3号储罐', '危险化学品仓库'],
    kinds: [
      { kind: '爆炸', cause: '反应釜超温超压，安全联锁装置被违规摘除；企业未开展危险与可操作性分析。' },
      { kind: '中毒和窒息', cause: '作业人员未经审批进入受限空间清罐，未进行气体检测和强制通风，盲目施救致伤亡扩大。' },
      { kind: '火灾', cause: '动火作业未办理动火作业票，焊渣引燃泄漏的易燃液体。' },
    ],
  },
  FIREWORKS: {
    trades: ['烟花爆竹', '花炮'],
    sites: ['生产区装药工房', '成品仓库', '引火线制作工房'],
    kinds: [
      { kind: '爆炸', cause: '企业超员超量生产，药物在工房内超量存放；作业人员违规使用铁质工具，摩擦撞击引发爆炸。' },
    ],
  },
  MANUFACTURING: {
    trades: ['机械制造', '纺织', '木业', '冶金', '食品加工'],
    sites: ['冲压车间', '熔炼车间', '污水处理池', '配电房'],
    kinds: [
      { kind: '机械伤害', cause: '设备防护罩被拆除，作业人员在设备运转时进入危险区域清理废料。' },
      { kind: '中毒和窒息', cause: '作业人员进入污水池清淤前未检测硫化氢浓度，未佩戴防护用品，他人盲目施救。' },
      { kind: '灼烫', cause: '熔炼炉炉衬侵蚀未及时修补，铁水穿漏遇水发生喷溅。' },
    ],
  },
  FIRE: {
    trades: ['商贸', '酒店管理', '服装'],
    sites: ['商贸城二层', '员工宿舍', '服装加工厂房'],
    kinds: [
      { kind: '火灾', cause: '电气线路短路引燃周围可燃物；疏散通道被堵塞，未组织员工开展消防演练。' },
      { kind: '火灾', cause: '违规使用大功率电器，“三合一”场所住宿与生产未分隔。' },
    ],
  },
  OTHER: {
    trades: ['农业开发', '物业管理', '水利工程'],
    sites: ['水库溢洪道', '住宅小区地下车库', '养殖场沼气池'],
    kinds: [
      { kind: '淹溺', cause: '作业人员未穿救生衣在溢洪道作业，失足落水；施工单位未设置安全警示标志。' },
      { kind: '触电', cause: '临时用电未安装漏电保护器，作业人员违章带电作业。' },
    ],
  },
};
const INDUSTRY_WEIGHTS: AccidentIndustry[] = [
  'ROAD_TRANSPORT', 'ROAD_TRANSPORT', 'ROAD_TRANSPORT', 'CONSTRUCTION', 'CONSTRUCTION', 'MANUFACTURING', 'MANUFACTURING',
  'MINING', 'HAZARDOUS_CHEMICALS', 'FIREWORKS', 'FIRE', 'OTHER',
];
const GRADE_NAMES: Record<AccidentGrade, string> = { ORDINARY: '一般', LARGER: '较大', MAJOR: '重大', ESPECIALLY_MAJOR: '特别重大' };

/** Most accidents kill fewer than three; a few are larger, very few major. */
function accidentDeaths(rng: Random): number {
  const roll = rng.next();
  if (roll < 0.88) return rng.int(0, 2);
  if (roll < 0.975) return rng.int(3, 9);
  if (roll < 0.997) return rng.int(10, 29);
  return rng.int(30, 45);
}

function safetyAccident(ctx: SampleContext): DisclosureInput<SafetyAccidentFields> {
  const { rng } = ctx;
  const agency = ctx.agency('workSafety');
  const { companyPrefix, localities } = local(agency.regionCode);
  const industry = rng.pick(INDUSTRY_WEIGHTS);
  const profile = INDUSTRIES[industry];
  const { kind, cause } = rng.pick(profile.kinds);
  const occurredOn = ctx.day();
  const occurredAt = new Date(startOfShanghaiDay(occurredOn).getTime() + rng.int(0, 23) * HOUR_MS + rng.int(0, 59) * 60_000);
  const deaths = accidentDeaths(rng);
  const seriousInjuries = rng.int(0, deaths + 2);
  const injuries = seriousInjuries + rng.int(0, industry === 'ROAD_TRANSPORT' ? 20 : 5);
  const propertyLossWanYuan = rng.int(5, industry === 'FIRE' || industry === 'HAZARDOUS_CHEMICALS' ? 1_500 : 300);
  const directEconomicLossFen = (deaths * rng.int(90, 180) + propertyLossWanYuan) * FEN_PER_TEN_THOUSAND_YUAN + rng.int(0, 9_999) * 100;
  const grade = accidentGrade(deaths, seriousInjuries, directEconomicLossFen);
  const company = companyName(rng, companyPrefix, profile.trades);
  const [, month, date] = occurredOn.split('-').map(Number);
  const region = ctx.regionName(agency.regionCode);
  const envelope = ctx.envelope({
    agency,
    title: `${company}“${month}·${date}”${GRADE_NAMES[grade]}${kind}事故调查报告`,
    category: '事故调查处理',
    subjectTerms: ['安全生产', '事故调查', kind],
    documentNumberPrefix: `${region.slice(0, 1)}安监`,
    // The investigation takes up to 60 days, extendable by 60 more (Decree 493, article 29).
    eventOn: ctx.addDays(occurredOn, rng.int(45, 120)),
  });
  return {
    type: 'SafetyAccident',
    envelope,
    fields: {
      occurredAt,
      place: `${region}${rng.pick(localities)}${rng.pick(profile.sites)}`,
      industry,
      deaths,
      seriousInjuries,
      injuries,
      directEconomicLossFen,
      grade,
      company,
      investigationReportUrl: rng.chance(0.7)
        ? `https://www.example.gov.cn/${agency.regionCode}/aqsc/sgdc/${ctx.yearOf(occurredOn)}/${envelope.indexNumber.split('-').pop()}.pdf`
        : null,
      causeSummary: cause,
    },
  };
}

// ---- Environmental enforcement 环境行政执法 ----

interface PollutionProfile {
  medium: PollutionMedium;
  violation: string;
  legalBasis: string;
  measures: EnvironmentalMeasure[];
  /** Range of the fine in yuan, for decisions that impose one. */
  fineYuan?: [number, number];
  trades: string[];
}

const POLLUTIONS: PollutionProfile[] = [
  {
    medium: 'WATER',
    violation: '通过暗管排放未经处理的生产废水，化学需氧量、氨氮浓度超过《污水综合排放标准》',
    legalBasis: '《中华人民共和国水污染防治法》第八十三条第（三）项',
    measures: ['RECTIFICATION_ORDER', 'FINE'],
    fineYuan: [200_000, 1_000_000],
    trades: ['造纸', '食品加工', '化工'],
  },
  {
    medium: 'WATER',
    violation: '被责令改正后拒不改正，继续超标排放水污染物',
    legalBasis: '《中华人民共和国环境保护法》第五十九条、《环境保护主管部门实施按日连续处罚办法》第五条',
    measures: ['DAILY_PENALTY'],
    fineYuan: [500_000, 3_000_000],
    trades: ['造纸', '印染', '化工'],
  },
  {
    medium: 'AIR',
    violation: '大气污染防治设施未正常运行，颗粒物排放浓度超过《大气污染物综合排放标准》',
    legalBasis: '《中华人民共和国大气污染防治法》第九十九条第（二）项',
    measures: ['RECTIFICATION_ORDER', 'FINE', 'PRODUCTION_RESTRICTION'],
    fineYuan: [100_000, 1_000_000],
    trades: ['建材', '水泥', '冶金'],
  },
  {
    medium: 'AIR',
    violation: '未密闭煤炭、砂石等易产生扬尘的物料堆场，未采取有效覆盖措施防治扬尘污染',
    legalBasis: '《中华人民共和国大气污染防治法》第一百一十七条第（一）项',
    measures: ['RECTIFICATION_ORDER', 'FINE'],
    fineYuan: [10_000, 100_000],
    trades: ['建材', '物流', '建筑工程'],
  },
  {
    medium: 'SOLID_WASTE',
    violation: '未按照规定贮存危险废物，将废矿物油与一般工业固体废物混合堆放',
    legalBasis: '《中华人民共和国固体废物污染环境防治法》第一百一十二条第（九）项',
    measures: ['RECTIFICATION_ORDER', 'FINE', 'SEALING_SEIZURE'],
    fineYuan: [100_000, 1_000_000],
    trades: ['机械制造', '汽车维修', '化工'],
  },
  {
    medium: 'NOISE',
    violation: '夜间进行产生环境噪声污染的建筑施工作业，未取得夜间施工许可',
    legalBasis: '《中华人民共和国环境噪声污染防治法》第五十六条',
    measures: ['RECTIFICATION_ORDER', 'FINE'],
    fineYuan: [10_000, 100_000],
    trades: ['建筑工程', '市政工程'],
  },
  {
    medium: 'SOIL',
    violation: '未按照规定开展土壤污染状况调查，擅自开工建设与风险管控无关的项目',
    legalBasis: '《中华人民共和国土壤污染防治法》第九十四条第（一）项',
    measures: ['RECTIFICATION_ORDER'],
    trades: ['化工', '房地产开发'],
  },
  {
    medium: 'RADIATION',
    violation: '未按照规定对放射源使用场所设置明显的放射性标志',
    legalBasis: '《放射性同位素与射线装置安全和防护条例》第五十七条第（一）项',
    measures: ['RECTIFICATION_ORDER', 'FINE'],
    fineYuan: [10_000, 50_000],
    trades: ['无损检测', '医疗器械'],
  },
];

function environmentalEnforcement(ctx: SampleContext): DisclosureInput<EnvironmentalEnforcementFields> {
  const { rng } = ctx;
  const agency = ctx.agency('environment');
  const { companyPrefix } = local(agency.regionCode);
  const profile = rng.pick(POLLUTIONS);
  const enterprise = companyName(rng, companyPrefix, profile.trades);
  const inspectedOn = ctx.day();
  const decidedOn = ctx.addDays(inspectedOn, rng.int(20, 75));
  const noticeNumber = `${companyPrefix.slice(0, 1)}环罚〔${ctx.yearOf(decidedOn)}〕${rng.int(1, 90)}号`;
  const fineAmountFen = profile.fineYuan ? Math.round(rng.int(profile.fineYuan[0], profile.fineYuan[1]) / 1_000) * 1_000 * 100 : null;
  return {
    type: 'EnvironmentalEnforcement',
    envelope: {
      ...ctx.envelope({
        agency,
        title: `${enterprise}环境行政处罚决定书（${noticeNumber}）`,
        category: '环境行政处罚',
        subjectTerms: ['环境保护', '行政处罚'],
        eventOn: decidedOn,
      }),
      documentNumber: noticeNumber,
    },
    fields: {
      noticeNumber,
      enterprise,
      creditCode: rng.chance(0.9) ? companyCreditCode(agency.regionCode, enterprise) : null,
      violation: `${chineseDate(inspectedOn)}，执法人员现场检查发现，该单位${profile.violation}。`,
      medium: profile.medium,
      measures: profile.measures,
      fineAmountFen,
      rectificationDeadline: profile.measures.includes('RECTIFICATION_ORDER') ? ctx.addDays(decidedOn, rng.pick([15, 30, 60, 90])) : null,
      decidedOn,
      legalBasis: profile.legalBasis,
    },
  };
}

// ---- Food, drug and cosmetic sampling 食品药品抽检 ----

interface ProductProfile {
  productName: string;
  productCategory: SamplingCategory;
  specification: string;
  /** How its producers' names end, after place and brand: `食品有限公司`, `蔬菜种植专业合作社`. */
  producers: string[];
  /** Whether the label carries a batch number 批号 and a production date 生产日期. */
  batched: boolean;
  dated: boolean;
  failures: Array<{ item: string; results: string[]; limit: string }>;
}

const PRODUCTS: ProductProfile[] = [
  {
    productName: '鲜湿米粉',
    productCategory: 'FOOD',
    specification: '散装称重',
    producers: ['米粉加工厂', '食品有限公司'],
    batched: false,
    dated: true,
    failures: [
      { item: '脱氢乙酸及其钠盐（以脱氢乙酸计）', results: ['0.126 g/kg', '0.35 g/kg'], limit: '不得使用' },
      { item: '大肠菌群', results: ['2.3×10² CFU/g', '4.6×10² CFU/g'], limit: '≤1.0×10² CFU/g' },
    ],
  },
  {
    productName: '蛋黄月饼',
    productCategory: 'FOOD',
    specification: '500g/盒',
    producers: ['食品有限公司', '糕点有限公司'],
    batched: false,
    dated: true,
    failures: [
      { item: '菌落总数', results: ['1.2×10⁵ CFU/g', '4.3×10⁵ CFU/g'], limit: '≤1.0×10⁵ CFU/g' },
      { item: '过氧化值（以脂肪计）', results: ['0.41 g/100g', '0.37 g/100g'], limit: '≤0.25 g/100g' },
      { item: '脱氢乙酸及其钠盐（以脱氢乙酸计）', results: ['0.826 g/kg'], limit: '≤0.5 g/kg' },
    ],
  },
  {
    productName: '黄花菜（干）',
    productCategory: 'FOOD',
    specification: '250g/袋',
    producers: ['农产品有限公司', '农产品专业合作社'],
    batched: false,
    dated: true,
    failures: [{ item: '二氧化硫残留量', results: ['0.312 g/kg', '0.86 g/kg'], limit: '≤0.2 g/kg' }],
  },
  {
    productName: '压榨菜籽油',
    productCategory: 'FOOD',
    specification: '5L/桶',
    producers: ['粮油有限公司', '油脂有限公司'],
    batched: false,
    dated: true,
    failures: [
      { item: '酸价（KOH）', results: ['4.6 mg/g', '3.8 mg/g'], limit: '≤3 mg/g' },
      { item: '苯并[a]芘', results: ['16.3 μg/kg', '12.8 μg/kg'], limit: '≤10 μg/kg' },
    ],
  },
  {
    productName: '剁辣椒',
    productCategory: 'FOOD',
    specification: '180g/瓶',
    producers: ['食品有限公司', '调味品有限公司'],
    batched: false,
    dated: true,
    failures: [
      { item: '苯甲酸及其钠盐（以苯甲酸计）', results: ['1.38 g/kg', '2.04 g/kg'], limit: '≤1.0 g/kg' },
      { item: '甜蜜素（以环己基氨基磺酸计）', results: ['1.86 g/kg'], limit: '≤1.0 g/kg' },
    ],
  },
  {
    productName: '鲫鱼',
    productCategory: 'FOOD',
    specification: '散装称重',
    producers: ['水产养殖专业合作社', '渔业有限公司'],
    batched: false,
    dated: false,
    failures: [
      { item: '恩诺沙星（以恩诺沙星与环丙沙星之和计）', results: ['236 μg/kg', '512 μg/kg'], limit: '≤100 μg/kg' },
      { item: '孔雀石绿', results: ['3.6 μg/kg', '12.1 μg/kg'], limit: '不得检出' },
    ],
  },
  {
    productName: '芹菜',
    productCategory: 'FOOD',
    specification: '散装称重',
    producers: ['蔬菜种植专业合作社', '农业开发有限公司'],
    batched: false,
    dated: false,
    failures: [{ item: '毒死蜱', results: ['0.18 mg/kg', '0.094 mg/kg'], limit: '≤0.05 mg/kg' }],
  },
  {
    productName: '复方丹参片',
    productCategory: 'DRUG',
    specification: '0.32g×60片/瓶',
    producers: ['制药有限公司', '药业股份有限公司'],
    batched: true,
    dated: true,
    failures: [{ item: '含量测定（丹参酮ⅡA）', results: ['每片含0.16 mg'], limit: '每片含丹参酮ⅡA不得少于0.20 mg' }],
  },
  {
    productName: '山药（中药饮片）',
    productCategory: 'DRUG',
    specification: '1kg/袋',
    producers: ['中药饮片有限公司', '药业有限公司'],
    batched: true,
    dated: true,
    failures: [{ item: '二氧化硫残留量', results: ['1032 mg/kg', '586 mg/kg'], limit: '≤400 mg/kg' }],
  },
  {
    productName: '黄芩（中药饮片）',
    productCategory: 'DRUG',
    specification: '1kg/袋',
    producers: ['中药饮片有限公司', '药业有限公司'],
    batched: true,
    dated: true,
    failures: [{ item: '总灰分', results: ['8.9%', '7.2%'], limit: '≤6.0%' }],
  },
  {
    productName: '阿莫西林胶囊',
    productCategory: 'DRUG',
    specification: '0.25g×24粒/盒',
    producers: ['制药有限公司', '药业股份有限公司'],
    batched: true,
    dated: true,
    failures: [{ item: '溶出度', results: ['62%', '70%'], limit: '≥80%' }],
  },
  {
    productName: '美白祛斑霜',
    productCategory: 'COSMETIC',
    specification: '20g/瓶',
    producers: ['化妆品有限公司', '生物科技有限公司'],
    batched: true,
    dated: true,
    failures: [{ item: '汞', results: ['3.4×10³ mg/kg', '126 mg/kg'], limit: '≤1 mg/kg' }],
  },
  {
    productName: '洗发露',
    productCategory: 'COSMETIC',
    specification: '400mL/瓶',
    producers: ['日化有限公司', '化妆品有限公司'],
    batched: true,
    dated: true,
    failures: [
      { item: '菌落总数', results: ['2.4×10³ CFU/g', '5.1×10³ CFU/g'], limit: '≤1000 CFU/g' },
      { item: '霉菌和酵母菌总数', results: ['320 CFU/g'], limit: '≤100 CFU/g' },
    ],
  },
];
const PRODUCER_PLACES = ['湖南', '长沙', '云南', '昆明', '湖北', '武汉', '安徽', '亳州', '山东', '济南', '陕西', '西安', '广东', '广州', '四川', '成都'];
const CATEGORY_NAMES: Record<SamplingCategory, string> = { FOOD: '食品', DRUG: '药品', COSMETIC: '化妆品' };
/** Provincial testing institutions by the first two digits of the region code: food, then drugs and cosmetics. */
const TESTING_INSTITUTIONS: Record<string, { food: string; drug: string }> = {
  '43': { food: '湖南省食品质量监督检验研究院', drug: '湖南省药品检验研究院' },
  '53': { food: '云南省产品质量监督检验研究院', drug: '云南省食品药品监督检验研究院' },
  '42': { food: '湖北省食品质量安全监督检验研究院', drug: '湖北省药品监督检验研究院' },
  '34': { food: '安徽省食品药品检验研究院', drug: '安徽省食品药品检验研究院' },
  '37': { food: '山东省食品药品检验研究院', drug: '山东省食品药品检验研究院' },
  '61': { food: '陕西省产品质量监督检验研究院', drug: '陕西省食品药品检验研究院' },
};

/** The seller a sample was taken from, in `locality` of `region`. */
function seller(rng: Random, category: SamplingCategory, region: string, companyPrefix: string, locality: string): string {
  if (category === 'DRUG') return `${companyPrefix}${rng.pick(BRANDS)}大药房连锁有限公司${locality}店`;
  if (category === 'COSMETIC') return `${region}${locality}${rng.pick(BRANDS)}化妆品店`;
  return rng.chance(0.5)
    ? `${rng.pick(['步步高', '华润万家', '中百', '佳惠', '银座', '家家悦'])}超市${locality}店`
    : `${region}${locality}农贸市场${rng.int(1, 80)}号摊位`;
}

function foodDrugSampling(ctx: SampleContext): DisclosureInput<FoodDrugSamplingFields> {
  const { rng } = ctx;
  const agency = ctx.agency('foodDrug');
  const { companyPrefix, localities } = local(agency.regionCode);
  const product = rng.pick(PRODUCTS);
  const sampledOn = ctx.day();
  const producedOn = product.dated ? ctx.addDays(sampledOn, -rng.int(3, product.productCategory === 'FOOD' ? 90 : 400)) : null;
  const failedItems: FailedTestItem[] = rng.chance(0.3)
    ? rng
        .sample(product.failures, rng.int(1, product.failures.length))
        .map((failure) => ({ item: failure.item, result: rng.pick(failure.results), limit: failure.limit }))
    : [];
  const outcome = failedItems.length ? 'FAILED' : 'PASSED';
  const institutions = TESTING_INSTITUTIONS[agency.regionCode.slice(0, 2)];
  const categoryName = CATEGORY_NAMES[product.productCategory];
  const region = ctx.regionName(agency.regionCode);
  return {
    type: 'FoodDrugSampling',
    envelope: ctx.envelope({
      agency,
      title: `${region}${ctx.yearOf(sampledOn)}年第${rng.int(1, 24)}期${categoryName}监督抽检信息公告（${product.productName}）`,
      category: '食品药品抽检',
      subjectTerms: ['监督抽检', categoryName, outcome === 'FAILED' ? '不合格' : '合格'],
      // Test results are due within 20 working days of sampling.
      eventOn: ctx.addDays(sampledOn, rng.int(10, 28)),
    }),
    fields: {
      productName: product.productName,
      productCategory: product.productCategory,
      producer: `${rng.pick(PRODUCER_PLACES)}${rng.pick(BRANDS)}${rng.pick(product.producers)}`,
      sampledFrom: seller(rng, product.productCategory, region, companyPrefix, rng.pick(localities)),
      batchNumber: product.batched && producedOn ? producedOn.slice(2).replaceAll('-', '') : null,
      producedOn,
      specification: product.specification,
      outcome,
      failedItems,
      testingInstitution: product.productCategory === 'FOOD' ? institutions.food : institutions.drug,
      sampledOn,
    },
  };
}

export const safetySamples: SampleMakers = {
  SafetyAccident: safetyAccident,
  EnvironmentalEnforcement: environmentalEnforcement,
  FoodDrugSampling: foodDrugSampling,
};
