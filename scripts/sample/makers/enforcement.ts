/**
 * Sample administrative licences, penalties and coercions 行政执法公示 of the sample regions'
 * departments: environment, work safety, food and drug, land and housing bureaus each decide those of
 * their own sector, for companies, individual businesses 个体工商户 and natural persons.
 */
import type { SampleContext, SampleMakers } from '../context';
import type { DisclosureInput } from '../../../model/input';
import type { DepartmentKind, SampleAgency } from '../../../model/reference-data';
import type { AdministrativeCoercionFields } from '../../../model/records/enforcement/administrative-coercion';
import type { AdministrativeLicenceFields } from '../../../model/records/enforcement/administrative-licence';
import type { AdministrativePenaltyFields } from '../../../model/records/enforcement/administrative-penalty';
import type { CoercionKind, LicenceCategory, PartyKind, PenaltyKind, PenaltySector } from '../../../subgraphs/enforcement/generated/types';
import { maskedPersonName } from '../names';
import { BRANDS, chineseDate, companyCreditCode, companyName, local } from './local-companies';

/** The department that decides in each sampled sector. */
const DEPARTMENT_OF: Partial<Record<PenaltySector, DepartmentKind>> = {
  WORK_SAFETY: 'workSafety',
  MARKET_REGULATION: 'foodDrug',
  ENVIRONMENT: 'environment',
  NATURAL_RESOURCES: 'land',
  HOUSING_CONSTRUCTION: 'housing',
};
/** How each department abbreviates itself in its decision numbers, after the place: 岳安监罚, 岳环罚. */
const NUMBER_PREFIX: Record<string, string> = { workSafety: '安监', foodDrug: '食药监', environment: '环', land: '国土资', housing: '住建' };

interface Party {
  name: string;
  kind: PartyKind;
  creditCode: string | null;
}

/** A party of the agency's region: a company of one of `trades`, an individual business trading in one, or a natural person. */
function partyOf(ctx: SampleContext, agency: SampleAgency, kind: PartyKind, trades: readonly string[]): Party {
  const { rng } = ctx;
  const { companyPrefix, localities } = local(agency.regionCode);
  if (kind === 'NATURAL_PERSON') return { name: maskedPersonName(rng), kind, creditCode: null };
  if (kind === 'INDIVIDUAL_BUSINESS') {
    const name = `${ctx.regionName(agency.regionCode)}${rng.pick(localities)}${rng.pick(BRANDS)}${rng.pick(trades)}${rng.pick(['店', '经营部', '商行'])}`;
    return { name, kind, creditCode: rng.chance(0.7) ? companyCreditCode(agency.regionCode, name, '2') : null };
  }
  const name = companyName(rng, companyPrefix, trades);
  return { name, kind, creditCode: companyCreditCode(agency.regionCode, name) };
}

/** `岳环罚〔2019〕15号`: the place's first character, the department's abbreviation, the kind of decision. */
function decisionNumber(ctx: SampleContext, agency: SampleAgency, kind: string, decidedOn: string): string {
  return `${local(agency.regionCode).companyPrefix.slice(0, 1)}${NUMBER_PREFIX[agency.department]}${kind}〔${ctx.yearOf(decidedOn)}〕${ctx.rng.int(1, 150)}号`;
}

// ---- Administrative licences 行政许可 ----

interface LicenceProfile {
  department: DepartmentKind;
  licenceName: string;
  category: LicenceCategory;
  holderKinds: PartyKind[];
  trades: string[];
  content: string;
  legalBasis: string;
  /** Years the licence runs; none for a long-term one. */
  years?: number;
}

const LICENCES: LicenceProfile[] = [
  {
    department: 'environment',
    licenceName: '排污许可证',
    category: 'GENERAL',
    holderKinds: ['LEGAL_PERSON'],
    trades: ['造纸', '化工', '建材', '食品加工'],
    content: '准予按照许可的污染物种类、排放浓度和排放量排放废水、废气污染物',
    legalBasis: '《中华人民共和国环境保护法》第四十五条、《排污许可管理办法（试行）》第二十八条',
    years: 5,
  },
  {
    department: 'workSafety',
    licenceName: '危险化学品经营许可证',
    category: 'GENERAL',
    holderKinds: ['LEGAL_PERSON'],
    trades: ['化工', '商贸'],
    content: '准予经营（不带储存设施）硫酸、盐酸、氢氧化钠等危险化学品',
    legalBasis: '《危险化学品安全管理条例》第三十三条、第三十五条',
    years: 3,
  },
  {
    department: 'foodDrug',
    licenceName: '食品经营许可证',
    category: 'GENERAL',
    holderKinds: ['LEGAL_PERSON', 'INDIVIDUAL_BUSINESS', 'INDIVIDUAL_BUSINESS'],
    trades: ['餐饮', '食品', '超市'],
    content: '准予从事预包装食品销售（含冷藏冷冻食品）、散装食品销售、热食类食品制售',
    legalBasis: '《中华人民共和国食品安全法》第三十五条',
    years: 5,
  },
  {
    department: 'land',
    licenceName: '采矿许可证',
    category: 'SPECIAL',
    holderKinds: ['LEGAL_PERSON'],
    trades: ['矿业', '建材'],
    content: '准予开采建筑用砂岩，生产规模10万吨/年，开采方式露天开采',
    legalBasis: '《中华人民共和国矿产资源法》第三条、第十五条',
    years: 5,
  },
  {
    department: 'housing',
    licenceName: '建筑工程施工许可证',
    category: 'GENERAL',
    holderKinds: ['LEGAL_PERSON'],
    trades: ['房地产开发', '置业'],
    content: '准予住宅楼及地下车库工程施工，建筑面积32,580平方米',
    legalBasis: '《中华人民共和国建筑法》第七条、第八条',
  },
  {
    department: 'housing',
    licenceName: '建筑业企业资质证书',
    category: 'APPROVAL',
    holderKinds: ['LEGAL_PERSON'],
    trades: ['建筑工程', '市政工程'],
    content: '准予建筑工程施工总承包三级资质',
    legalBasis: '《中华人民共和国建筑法》第十三条、《建筑业企业资质管理规定》第九条',
    years: 5,
  },
  {
    department: 'housing',
    licenceName: '乡村建设规划许可证',
    category: 'GENERAL',
    holderKinds: ['NATURAL_PERSON'],
    trades: [],
    content: '准予在本村宅基地新建农村村民住宅一栋，三层，占地面积120平方米',
    legalBasis: '《中华人民共和国城乡规划法》第四十一条',
    years: 2,
  },
];

function administrativeLicence(ctx: SampleContext): DisclosureInput<AdministrativeLicenceFields> {
  const { rng } = ctx;
  const profile = rng.pick(LICENCES);
  const agency = ctx.agency(profile.department);
  const holder = partyOf(ctx, agency, rng.pick(profile.holderKinds), profile.trades);
  const decidedOn = ctx.day();
  const validFrom = ctx.addDays(decidedOn, rng.int(0, 3));
  const validTo = profile.years ? ctx.addDays(`${ctx.yearOf(validFrom) + profile.years}${validFrom.slice(4)}`, -1) : null;
  const number = decisionNumber(ctx, agency, '许', decidedOn);
  return {
    type: 'AdministrativeLicence',
    envelope: {
      ...ctx.envelope({
        agency,
        title: `${holder.name}${profile.licenceName}行政许可决定（${number}）`,
        category: '行政许可',
        subjectTerms: ['行政许可', '双公示'],
        // The 双公示 publishes a decision within 7 working days.
        eventOn: decidedOn,
      }),
      documentNumber: number,
    },
    fields: {
      decisionNumber: number,
      licenceNumber: rng.chance(0.8) ? `${agency.regionCode}${ctx.yearOf(decidedOn)}${String(rng.int(1, 99_999)).padStart(5, '0')}` : null,
      licenceName: profile.licenceName,
      licenceCategory: profile.category,
      holder: holder.name,
      holderKind: holder.kind,
      holderCreditCode: holder.creditCode,
      content: profile.content,
      legalBasis: profile.legalBasis,
      decidedOn,
      validFrom,
      validTo,
    },
  };
}

// ---- Administrative penalties 行政处罚 ----

interface ViolationProfile {
  sector: PenaltySector;
  partyKind: PartyKind;
  violation: string;
  legalBasis: string;
  kinds: PenaltyKind[];
  /** Range of the fine in yuan, for decisions that impose one. */
  fineYuan?: [number, number];
  /** Trades of a company party; of an individual business, what it trades in; none for a natural person. */
  trades: string[];
}

const WORK_SAFETY_VIOLATIONS: Array<Omit<ViolationProfile, 'sector' | 'partyKind'>> = [
  {
    violation: '未按照规定对从业人员进行安全生产教育和培训，部分从业人员未经培训上岗作业',
    legalBasis: '《中华人民共和国安全生产法》第九十四条第（三）项',
    kinds: ['FINE'],
    fineYuan: [10_000, 50_000],
    trades: ['机械制造', '建筑工程', '木业'],
  },
  {
    violation: '特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业',
    legalBasis: '《中华人民共和国安全生产法》第九十四条第（七）项',
    kinds: ['FINE'],
    fineYuan: [10_000, 50_000],
    trades: ['冶金', '建筑工程', '机械制造'],
  },
  {
    violation: '未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志',
    legalBasis: '《中华人民共和国安全生产法》第九十六条第（一）项',
    kinds: ['FINE'],
    fineYuan: [5_000, 50_000],
    trades: ['化工', '纺织', '食品加工'],
  },
  {
    violation: '未建立事故隐患排查治理制度',
    legalBasis: '《中华人民共和国安全生产法》第九十八条第（四）项',
    kinds: ['FINE'],
    fineYuan: [20_000, 100_000],
    trades: ['化工', '矿业', '机械制造'],
  },
  {
    violation: '对检查中发现的重大事故隐患，经责令限期消除后拒不执行',
    legalBasis: '《中华人民共和国安全生产法》第九十九条',
    kinds: ['SUSPENSION', 'FINE'],
    fineYuan: [100_000, 500_000],
    trades: ['矿业', '化工', '烟花爆竹'],
  },
  {
    violation: '未取得危险化学品经营许可证，擅自经营危险化学品',
    legalBasis: '《危险化学品安全管理条例》第七十七条第三款',
    kinds: ['CONFISCATION', 'FINE'],
    fineYuan: [100_000, 200_000],
    trades: ['商贸', '化工'],
  },
  {
    violation: '未经许可擅自储存、销售烟花爆竹',
    legalBasis: '《烟花爆竹安全管理条例》第三十六条第二款',
    kinds: ['CONFISCATION', 'FINE'],
    fineYuan: [20_000, 100_000],
    trades: ['商贸', '烟花爆竹'],
  },
  {
    violation: '对一般生产安全事故的发生负有责任',
    legalBasis: '《中华人民共和国安全生产法》第一百零九条第（一）项',
    kinds: ['FINE'],
    fineYuan: [200_000, 500_000],
    trades: ['建筑工程', '汽车运输', '机械制造'],
  },
  {
    violation: '生产安全事故应急预案未按照规定报安全生产监督管理部门备案',
    legalBasis: '《生产安全事故应急预案管理办法》（国家安全监管总局令第17号）第三十五条',
    kinds: ['WARNING', 'FINE'],
    fineYuan: [1_000, 3_000],
    trades: ['化工', '矿业', '冶金'],
  },
  {
    violation: '安全生产许可证有效期满未办理延期手续，继续进行生产',
    legalBasis: '《安全生产许可证条例》第二十条',
    kinds: ['SUSPENSION', 'CONFISCATION', 'FINE'],
    fineYuan: [50_000, 100_000],
    trades: ['矿业', '烟花爆竹', '化工'],
  },
  {
    violation: '取得安全生产许可证后，不再具备规定的安全生产条件',
    legalBasis: '《安全生产许可证条例》第十四条第二款',
    kinds: ['LICENCE_REVOCATION'],
    trades: ['矿业', '烟花爆竹'],
  },
  {
    violation: '未对本单位的有限空间作业进行辨识，未建立有限空间管理台账',
    legalBasis: '《工贸企业有限空间作业安全管理与监督暂行规定》第三十条第（一）项',
    kinds: ['WARNING'],
    trades: ['食品加工', '纺织', '冶金'],
  },
];

const OTHER_SECTOR_VIOLATIONS: ViolationProfile[] = [
  {
    sector: 'ENVIRONMENT',
    partyKind: 'LEGAL_PERSON',
    violation: '未依法报批建设项目环境影响报告表，擅自开工建设',
    legalBasis: '《中华人民共和国环境影响评价法》第三十一条第一款',
    kinds: ['FINE'],
    fineYuan: [50_000, 500_000],
    trades: ['建材', '化工', '食品加工'],
  },
  {
    sector: 'MARKET_REGULATION',
    partyKind: 'INDIVIDUAL_BUSINESS',
    violation: '未取得食品经营许可从事食品经营活动',
    legalBasis: '《中华人民共和国食品安全法》第一百二十二条第一款',
    kinds: ['CONFISCATION', 'FINE'],
    fineYuan: [50_000, 100_000],
    trades: ['小吃', '食品', '烧烤'],
  },
  {
    sector: 'MARKET_REGULATION',
    partyKind: 'LEGAL_PERSON',
    violation: '经营超过保质期的食品',
    legalBasis: '《中华人民共和国食品安全法》第一百二十四条第一款第（五）项',
    kinds: ['WARNING', 'CONFISCATION', 'FINE'],
    fineYuan: [50_000, 100_000],
    trades: ['超市', '商贸'],
  },
  {
    sector: 'NATURAL_RESOURCES',
    partyKind: 'NATURAL_PERSON',
    violation: '未取得采矿许可证，擅自在河道开采河砂',
    legalBasis: '《中华人民共和国矿产资源法》第三十九条、《矿产资源法实施细则》第四十二条第（一）项',
    kinds: ['CONFISCATION', 'FINE'],
    fineYuan: [10_000, 50_000],
    trades: [],
  },
  {
    sector: 'HOUSING_CONSTRUCTION',
    partyKind: 'LEGAL_PERSON',
    violation: '未取得施工许可证擅自施工',
    legalBasis: '《建筑工程施工许可管理办法》第十二条',
    kinds: ['FINE'],
    fineYuan: [10_000, 50_000],
    trades: ['房地产开发', '置业'],
  },
  {
    sector: 'HOUSING_CONSTRUCTION',
    partyKind: 'LEGAL_PERSON',
    violation: '超越本单位资质等级承揽工程',
    legalBasis: '《建设工程质量管理条例》第六十条第一款',
    kinds: ['FINE', 'QUALIFICATION_DOWNGRADE'],
    fineYuan: [100_000, 500_000],
    trades: ['建筑工程', '市政工程'],
  },
  {
    sector: 'HOUSING_CONSTRUCTION',
    partyKind: 'NATURAL_PERSON',
    violation: '注册建造师未按照规定办理变更注册，仍以原单位名义执业',
    legalBasis: '《注册建造师管理规定》第三十七条',
    kinds: ['PUBLIC_CRITICISM', 'FINE'],
    fineYuan: [1_000, 5_000],
    trades: [],
  },
];

const VIOLATIONS: ViolationProfile[] = [
  ...WORK_SAFETY_VIOLATIONS.map((profile): ViolationProfile => ({ ...profile, sector: 'WORK_SAFETY', partyKind: 'LEGAL_PERSON' })),
  ...OTHER_SECTOR_VIOLATIONS,
];

function administrativePenalty(ctx: SampleContext): DisclosureInput<AdministrativePenaltyFields> {
  const { rng } = ctx;
  const profile = rng.pick(VIOLATIONS);
  const department = DEPARTMENT_OF[profile.sector];
  if (!department) throw new Error(`no sample department decides in ${profile.sector}`);
  const agency = ctx.agency(department);
  const party = partyOf(ctx, agency, profile.partyKind, profile.trades);
  const inspectedOn = ctx.day();
  const decidedOn = ctx.addDays(inspectedOn, rng.int(15, 60));
  const caseNumber = decisionNumber(ctx, agency, '罚', decidedOn);
  const fineAmountFen = profile.fineYuan ? Math.round(rng.int(profile.fineYuan[0], profile.fineYuan[1]) / 1_000) * 1_000 * 100 : null;
  const who = profile.partyKind === 'NATURAL_PERSON' ? '当事人' : '该单位';
  return {
    type: 'AdministrativePenalty',
    envelope: {
      ...ctx.envelope({
        agency,
        title: `${party.name}行政处罚决定书（${caseNumber}）`,
        category: '行政处罚',
        subjectTerms: ['行政处罚', '双公示'],
        eventOn: decidedOn,
      }),
      documentNumber: caseNumber,
    },
    fields: {
      caseNumber,
      sector: profile.sector,
      party: party.name,
      partyKind: party.kind,
      partyCreditCode: party.creditCode,
      violation: `${chineseDate(inspectedOn)}，执法人员检查发现，${who}${profile.violation}。`,
      legalBasis: profile.legalBasis,
      penaltyKinds: profile.kinds,
      fineAmountFen,
      decidedOn,
    },
  };
}

// ---- Administrative coercions 行政强制 ----

interface CoercionProfile {
  department: DepartmentKind;
  kind: CoercionKind;
  partyKind: PartyKind;
  trades: string[];
  object: string;
  legalBasis: string;
  /** Range of the sum acted on in yuan, where there is one. */
  amountYuan?: [number, number];
}

const COERCIONS: CoercionProfile[] = [
  {
    department: 'workSafety',
    kind: 'SEALING',
    partyKind: 'LEGAL_PERSON',
    trades: ['化工', '烟花爆竹', '矿业'],
    object: '存在重大事故隐患的生产车间及反应釜、储罐等生产设施',
    legalBasis: '《中华人民共和国安全生产法》第六十二条第一款第（四）项、《中华人民共和国行政强制法》第二十五条',
  },
  {
    department: 'foodDrug',
    kind: 'SEIZURE',
    partyKind: 'INDIVIDUAL_BUSINESS',
    trades: ['食品', '副食'],
    object: '标签不符合食品安全标准的预包装食品共计326件',
    legalBasis: '《中华人民共和国食品安全法》第一百一十条第（四）项、《中华人民共和国行政强制法》第二十五条',
  },
  {
    department: 'environment',
    kind: 'SEALING',
    partyKind: 'LEGAL_PERSON',
    trades: ['造纸', '印染', '电镀'],
    object: '违法排放水污染物的生产线及配套排污设施',
    legalBasis: '《中华人民共和国环境保护法》第二十五条、《环境保护主管部门实施查封、扣押办法》第四条',
  },
  {
    department: 'workSafety',
    kind: 'FINE_FOR_DELAY',
    partyKind: 'LEGAL_PERSON',
    trades: ['机械制造', '建筑工程'],
    object: '到期未缴纳的行政处罚罚款，每日按罚款数额的百分之三加处罚款',
    legalBasis: '《中华人民共和国行政处罚法》第七十二条第一款第（一）项、《中华人民共和国行政强制法》第四十五条',
    amountYuan: [3_000, 30_000],
  },
  {
    department: 'housing',
    kind: 'PERFORMANCE_BY_PROXY',
    partyKind: 'NATURAL_PERSON',
    trades: [],
    object: '未取得乡村建设规划许可证建设、经责令限期拆除逾期未拆除的房屋一栋',
    legalBasis: '《中华人民共和国城乡规划法》第六十五条、《中华人民共和国行政强制法》第五十条',
    amountYuan: [8_000, 40_000],
  },
];

function administrativeCoercion(ctx: SampleContext): DisclosureInput<AdministrativeCoercionFields> {
  const { rng } = ctx;
  const profile = rng.pick(COERCIONS);
  const agency = ctx.agency(profile.department);
  const party = partyOf(ctx, agency, profile.partyKind, profile.trades);
  const startedOn = ctx.day();
  const measure = profile.kind === 'SEALING' || profile.kind === 'SEIZURE';
  const extended = measure && rng.chance(0.2);
  const endsOn = measure ? ctx.addDays(startedOn, extended ? rng.int(40, 60) : 30) : null;
  const releasedOn = endsOn && rng.chance(0.6) ? ctx.addDays(startedOn, rng.int(5, extended ? 40 : 30)) : null;
  const number = decisionNumber(ctx, agency, '强', startedOn);
  return {
    type: 'AdministrativeCoercion',
    envelope: {
      ...ctx.envelope({
        agency,
        title: `${party.name}行政强制决定书（${number}）`,
        category: '行政强制',
        subjectTerms: ['行政强制'],
        eventOn: startedOn,
      }),
      documentNumber: number,
    },
    fields: {
      decisionNumber: number,
      kind: profile.kind,
      party: party.name,
      partyKind: party.kind,
      partyCreditCode: party.creditCode,
      object: profile.object,
      legalBasis: profile.legalBasis,
      amountFen: profile.amountYuan ? rng.int(profile.amountYuan[0], profile.amountYuan[1]) * 100 : null,
      startedOn,
      endsOn,
      extended,
      releasedOn,
    },
  };
}

export const enforcementSamples: SampleMakers = {
  AdministrativeLicence: administrativeLicence,
  AdministrativePenalty: administrativePenalty,
  AdministrativeCoercion: administrativeCoercion,
};
