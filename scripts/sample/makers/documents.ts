import type { SampleContext, SampleMakers } from '../context';
import type { DisclosureInput } from '../../../model/input';
import { DEPARTMENTS, type DepartmentKind, type SampleAgency } from '../../../model/reference-data';
import type { ConsultationFields, CommentChannel } from '../../../model/records/documents/consultation';
import type { DisclosureGuideFields } from '../../../model/records/documents/disclosure-guide';
import type { NoticeFields } from '../../../model/records/documents/notice';
import type { PolicyDocumentFields } from '../../../model/records/documents/policy-document';
import type { PolicyInterpretationFields } from '../../../model/records/documents/policy-interpretation';
import type { InterpretationForm, NoticeKind, PolicyDocumentKind, PolicyValidity } from '../../../subgraphs/documents/generated/types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Telephone area codes 长途区号 and postal codes 邮政编码 of the sample regions. */
const CONTACTS: Record<string, { areaCode: string; postalCode: string }> = {
  '430000': { areaCode: '0731', postalCode: '410011' },
  '430600': { areaCode: '0730', postalCode: '414000' },
  '430621': { areaCode: '0730', postalCode: '414100' },
  '530000': { areaCode: '0871', postalCode: '650021' },
  '532300': { areaCode: '0878', postalCode: '675000' },
  '532301': { areaCode: '0878', postalCode: '675000' },
  '532322': { areaCode: '0878', postalCode: '675300' },
  '420000': { areaCode: '027', postalCode: '430071' },
  '421300': { areaCode: '0722', postalCode: '441300' },
  '421321': { areaCode: '0722', postalCode: '441309' },
  '340000': { areaCode: '0551', postalCode: '230001' },
  '340500': { areaCode: '0555', postalCode: '243000' },
  '340522': { areaCode: '0555', postalCode: '238100' },
  '370000': { areaCode: '0531', postalCode: '250011' },
  '371600': { areaCode: '0543', postalCode: '256600' },
  '371623': { areaCode: '0543', postalCode: '251900' },
  '610000': { areaCode: '029', postalCode: '710006' },
  '610900': { areaCode: '0915', postalCode: '725000' },
  '610928': { areaCode: '0915', postalCode: '725700' },
  '610929': { areaCode: '0915', postalCode: '725800' },
};
const ROADS = ['人民路', '建设路', '解放路', '政通路', '行政中心大道', '府前街', '新华路'];

/** The region as the agency's name writes it: 岳阳县 of 岳阳县人民政府办公室, 楚雄州 of 楚雄州教育局. */
function placeOf(agency: SampleAgency): string {
  if (agency.department === 'government') return agency.name.replace(/人民政府办公[室厅]$/, '');
  return agency.name.slice(0, agency.name.length - DEPARTMENTS[agency.department].length);
}

function contactsOf(agency: SampleAgency) {
  const contacts = CONTACTS[agency.regionCode];
  if (!contacts) throw new Error(`no sample contacts for region ${agency.regionCode}`);
  return contacts;
}

const phone = (ctx: SampleContext, agency: SampleAgency) => `${contactsOf(agency).areaCode}-${ctx.rng.int(2_000_000, 8_999_999)}`;
const address = (ctx: SampleContext, agency: SampleAgency) => `${placeOf(agency)}${ctx.rng.pick(ROADS)}${ctx.rng.int(1, 199)}号`;
const mailbox = (agency: SampleAgency) => `zwgk${agency.regionCode}@example.gov.cn`;
const website = (agency: SampleAgency) => `https://www.example.gov.cn/${agency.regionCode}`;

/** The policy documents made with each context, newest last, for the interpretations and consultations that name them. */
const policyDocumentsMade = new WeakMap<SampleContext, string[]>();

/** Index numbers of up to `count` policy documents made before with this context (none before the first). */
function earlierPolicyDocuments(ctx: SampleContext, count: number): string[] {
  return (policyDocumentsMade.get(ctx) ?? []).slice(-count);
}

// ---- Policy documents 政策文件 ----

interface PolicySubject {
  subject: string;
  kind: PolicyDocumentKind;
  normative: boolean;
  category: string;
  terms: string[];
  coIssuer?: DepartmentKind;
}

const POLICY_SUBJECTS: PolicySubject[] = [
  { subject: '农村人居环境整治三年行动方案', kind: 'PLAN', normative: false, category: '规划计划', terms: ['农村', '人居环境', '方案'], coIssuer: 'environment' },
  { subject: '城乡居民基本医疗保险实施办法', kind: 'MEASURES', normative: true, category: '政策文件', terms: ['医疗保险', '社会保障', '办法'], coIssuer: 'finance' },
  { subject: '政府投资项目管理办法', kind: 'MEASURES', normative: true, category: '政策文件', terms: ['投资', '项目管理', '办法'], coIssuer: 'finance' },
  { subject: '关于进一步加强安全生产工作的意见', kind: 'OPINION', normative: true, category: '政策文件', terms: ['安全生产', '意见'], coIssuer: 'workSafety' },
  { subject: '行政规范性文件制定和备案管理规定', kind: 'PROVISIONS', normative: true, category: '政策文件', terms: ['规范性文件', '备案', '规定'] },
  { subject: '关于调整城乡最低生活保障标准的通知', kind: 'NOTICE', normative: true, category: '政策文件', terms: ['最低生活保障', '民政', '通知'], coIssuer: 'finance' },
  { subject: '优化营商环境若干措施实施细则', kind: 'RULES', normative: true, category: '政策文件', terms: ['营商环境', '细则'] },
  { subject: '关于同意设立县城东工业园区的批复', kind: 'REPLY', normative: false, category: '政策文件', terms: ['工业园区', '批复'] },
  { subject: '关于表彰2018年度综合目标管理考核先进单位的决定', kind: 'DECISION', normative: false, category: '政策文件', terms: ['表彰', '决定'] },
  { subject: '城区国有土地上房屋征收与补偿实施办法', kind: 'MEASURES', normative: true, category: '政策文件', terms: ['房屋征收', '补偿', '办法'], coIssuer: 'housing' },
  { subject: '学前教育发展第三期行动计划', kind: 'PLAN', normative: false, category: '规划计划', terms: ['学前教育', '计划'], coIssuer: 'education' },
];

const VALIDITIES: PolicyValidity[] = ['IN_FORCE', 'IN_FORCE', 'IN_FORCE', 'IN_FORCE', 'EXPIRED', 'REPEALED', 'AMENDED'];

function policyDocument(ctx: SampleContext): DisclosureInput<PolicyDocumentFields> {
  const { rng } = ctx;
  const agency = ctx.agency('government');
  const place = placeOf(agency);
  const { subject, kind, normative, category, terms, coIssuer } = rng.pick(POLICY_SUBJECTS);
  const wrapped = subject.startsWith('关于') ? subject : `关于印发《${place}${subject}》的通知`;
  const envelope = ctx.envelope({
    agency,
    title: `${agency.name}${wrapped}`,
    category,
    subjectTerms: terms,
    documentNumberPrefix: `${place.slice(0, 1)}政办${normative ? '发' : '函'}`,
  });
  const effectiveOn = normative || rng.chance(0.6) ? ctx.addDays(envelope.writtenOn as string, rng.int(0, 30)) : null;
  const validity = effectiveOn ? rng.pick(VALIDITIES) : 'IN_FORCE';
  // Normative documents are valid for five years at most unless renewed (国办发〔2018〕37号 asks for a validity period).
  const expiresOn = effectiveOn && (validity === 'EXPIRED' || rng.chance(0.5)) ? ctx.addDays(effectiveOn, 5 * 365 - 1) : null;
  const successor = validity === 'AMENDED' || (validity === 'REPEALED' && rng.chance(0.7)) ? earlierPolicyDocuments(ctx, 1)[0] : undefined;
  const record: DisclosureInput<PolicyDocumentFields> = {
    type: 'PolicyDocument',
    envelope,
    fields: {
      kind,
      normative,
      coIssuers: coIssuer && rng.chance(0.4) ? [`${place}${DEPARTMENTS[coIssuer]}`] : [],
      effectiveOn,
      expiresOn,
      // Without an earlier document to name, an amended one is told as repealed.
      validity: validity === 'AMENDED' && !successor ? 'REPEALED' : validity,
      replacedByIndexNumber: successor ?? null,
    },
  };
  policyDocumentsMade.set(ctx, [...(policyDocumentsMade.get(ctx) ?? []).slice(-20), envelope.indexNumber]);
  return record;
}

// ---- Notices 通知公告 ----

const NOTICES: Array<{ kind: NoticeKind; subject: (year: number) => string; terms: string[] }> = [
  { kind: 'PUBLIC_NOTICE', subject: (year) => `关于${year}年度城乡低保对象拟认定名单的公示`, terms: ['低保', '公示'] },
  { kind: 'PUBLIC_NOTICE', subject: (year) => `${year}年公开招聘事业单位工作人员拟聘用人员公示`, terms: ['招聘', '公示'] },
  { kind: 'PUBLIC_NOTICE', subject: (year) => `关于${year}年度农村危房改造补助对象的公示`, terms: ['危房改造', '公示'] },
  { kind: 'ANNOUNCEMENT', subject: () => '关于开展第四次全国经济普查的公告', terms: ['经济普查', '公告'] },
  { kind: 'ANNOUNCEMENT', subject: (year) => `关于${year}年度政府信息公开工作年度报告的公告`, terms: ['年度报告', '公告'] },
  { kind: 'NOTICE', subject: (year) => `关于${year}年春节期间值班安排的通知`, terms: ['值班', '通知'] },
  { kind: 'NOTICE', subject: (year) => `关于做好${year}年防汛抗旱工作的通知`, terms: ['防汛', '通知'] },
  { kind: 'RESULT', subject: (year) => `${year}年度政府信息公开工作考核结果公布`, terms: ['考核', '结果公布'] },
];

function notice(ctx: SampleContext): DisclosureInput<NoticeFields> {
  const { rng } = ctx;
  const agency = ctx.agency(rng.chance(0.6) ? 'government' : rng.pick(['finance', 'housing', 'education'] as const));
  const eventOn = ctx.day();
  const { kind, subject, terms } = rng.pick(NOTICES);
  const envelope = ctx.envelope({ agency, title: `${agency.name}${subject(ctx.yearOf(eventOn))}`, category: '通知公告', subjectTerms: terms, eventOn });
  const startsOn = ctx.addDays(envelope.writtenOn as string, rng.int(0, 3));
  return {
    type: 'Notice',
    envelope,
    fields: { kind, noticePeriod: kind === 'PUBLIC_NOTICE' ? { startsOn, endsOn: ctx.addDays(startsOn, rng.pick([5, 7, 7, 10, 15]) - 1) } : null },
  };
}

// ---- Policy interpretations 政策解读 ----

const INTERPRETATION_TITLES: Record<InterpretationForm, string> = {
  TEXT: '政策解读',
  GRAPHIC: '一图读懂',
  VIDEO: '视频解读',
  QA: '政策问答',
  PRESS_CONFERENCE: '新闻发布会实录',
};

function policyInterpretation(ctx: SampleContext): DisclosureInput<PolicyInterpretationFields> {
  const { rng } = ctx;
  const agency = ctx.agency('government');
  const form = rng.pick<InterpretationForm>(['TEXT', 'TEXT', 'TEXT', 'GRAPHIC', 'QA', 'VIDEO', 'PRESS_CONFERENCE']);
  const { subject, terms } = rng.pick(POLICY_SUBJECTS);
  const envelope = ctx.envelope({ agency, title: `${INTERPRETATION_TITLES[form]}：${placeOf(agency)}${subject.replace(/^关于/, '')}`, category: '政策解读', subjectTerms: [...terms, '政策解读'] });
  const earlier = earlierPolicyDocuments(ctx, rng.int(1, 2));
  return {
    type: 'PolicyInterpretation',
    envelope,
    fields: {
      form,
      interpretsIndexNumbers: earlier.length ? earlier : [`${agency._id}-/${ctx.yearOf(envelope.writtenOn as string)}-${rng.int(1_000_000, 1_009_999)}`],
      mediaUrl: form === 'GRAPHIC' || form === 'VIDEO' || rng.chance(0.1) ? `${website(agency)}/zcjd/${rng.int(10_000, 99_999)}.${form === 'VIDEO' ? 'mp4' : 'jpg'}` : null,
    },
  };
}

// ---- Consultations 征求意见 ----

function consultation(ctx: SampleContext): DisclosureInput<ConsultationFields> {
  const { rng } = ctx;
  const agency = ctx.agency(rng.chance(0.5) ? 'government' : rng.pick(['finance', 'housing', 'education', 'environment'] as const));
  const { subject, terms } = rng.pick(POLICY_SUBJECTS.filter((s) => s.normative));
  const draft = subject.startsWith('关于') ? subject.replace(/^关于/, '') : `${placeOf(agency)}${subject}`;
  const envelope = ctx.envelope({ agency, title: `关于公开征求《${draft}（征求意见稿）》意见的公告`, category: '征求意见', subjectTerms: [...terms, '征求意见'] });
  const opensAt = envelope.publishedAt;
  const closesAt = new Date(opensAt.getTime() + rng.pick([15, 30, 30]) * DAY_MS);
  const { postalCode } = contactsOf(agency);
  const channels: CommentChannel[] = [
    { kind: 'EMAIL', address: mailbox(agency) },
    { kind: 'POST', address: `${address(ctx, agency)}${agency.name}（邮编${postalCode}），请在信封上注明“征求意见”字样` },
    ...(rng.chance(0.5) ? [{ kind: 'PHONE' as const, address: phone(ctx, agency) }] : []),
    ...(rng.chance(0.4) ? [{ kind: 'ONLINE_FORM' as const, address: `${website(agency)}/hdjl/zjdc/` }] : []),
  ];
  const received = rng.int(0, 60);
  const adopted = rng.int(0, received);
  return {
    type: 'Consultation',
    envelope,
    fields: {
      commentWindow: { opensAt, closesAt },
      channels,
      feedback: rng.chance(0.6)
        ? {
            commentsReceived: received,
            commentsAdopted: adopted,
            summary:
              received === 0
                ? '征求意见期间未收到意见建议。'
                : `征求意见期间共收到意见建议${received}条，采纳${adopted}条；未采纳的主要是超出本文件调整范围或与上位法规定不一致的意见。`,
          }
        : null,
      finalDocumentIndexNumber: rng.chance(0.4) ? (earlierPolicyDocuments(ctx, 1)[0] ?? null) : null,
    },
  };
}

// ---- Disclosure guides 政府信息公开指南 ----

const GUIDE_CATEGORIES = ['机构职能', '政策文件', '政策解读', '规划计划', '财政资金', '政府采购', '重大建设项目', '公共服务', '人事信息', '通知公告', '建议提案办理'];
const GUIDE_DEPARTMENTS = Object.keys(DEPARTMENTS) as DepartmentKind[];

function disclosureGuide(ctx: SampleContext): DisclosureInput<DisclosureGuideFields> {
  const { rng } = ctx;
  const agency = ctx.agency(rng.pick(GUIDE_DEPARTMENTS));
  const place = placeOf(agency);
  const eventOn = ctx.day();
  const envelope = ctx.envelope({
    agency,
    title: `${agency.name}政府信息公开指南（${ctx.yearOf(eventOn)}年修订）`,
    category: '公开指南',
    subjectTerms: ['政府信息公开', '公开指南'],
    eventOn,
  });
  const declaresPattern = rng.chance(0.8);
  const { postalCode } = contactsOf(agency);
  return {
    type: 'DisclosureGuide',
    envelope,
    fields: {
      categories: GUIDE_CATEGORIES.filter(() => rng.chance(0.7)).concat('其他'),
      numberingScheme: declaresPattern
        ? { description: '索引号由本机关统一社会信用代码、“-/”、公开年份、“-”和顺序号组成。', pattern: '{code}-/{year}-{seq}' }
        : { description: '索引号按《政府信息公开目录编制规范》由本机关统一编制。', pattern: null },
      waysToObtain: [
        `登录${place}人民政府门户网站政府信息公开专栏查阅`,
        `到${place}政务服务中心、档案馆、图书馆设立的政府信息查阅场所查阅`,
        '依申请公开：当面、邮寄信函或在线提交政府信息公开申请表',
      ],
      office: {
        name: `${agency.name}政务公开办公室`,
        address: address(ctx, agency),
        officeHours: rng.pick(['工作日上午8:30—12:00，下午14:30—17:30', '工作日上午9:00—12:00，下午13:30—17:00（法定节假日除外）']),
        phone: phone(ctx, agency),
        fax: rng.chance(0.6) ? phone(ctx, agency) : null,
        email: rng.chance(0.8) ? mailbox(agency) : null,
        postalCode,
      },
    },
  };
}

export const documentsSamples: SampleMakers = {
  PolicyDocument: policyDocument,
  Notice: notice,
  PolicyInterpretation: policyInterpretation,
  Consultation: consultation,
  DisclosureGuide: disclosureGuide,
};
