import type { SampleContext, SampleMakers } from '../context';
import type { SampleAgency } from '../../../model/reference-data';
import type { DisclosureInput } from '../../../model/input';
import type { EnrolmentPlanFields } from '../../../model/records/education/enrolment-plan';
import type { SchoolFields } from '../../../model/records/education/school';
import type { SchoolFeeFields } from '../../../model/records/education/school-fee';
import { studentAidCap, type StoredStudentAidRecipient, type StudentAidFields } from '../../../model/records/education/student-aid';
import type { SchoolFeeUnit, SchoolLevel, SchoolOwnership, StudentAidProgramme } from '../../../subgraphs/education/generated/types';
import { maskedPersonName } from '../names';

/** Towns (or, for a prefecture, districts) of each sample region that has an education bureau. */
export const TOWNS: Record<string, string[]> = {
  '430600': ['岳阳楼区', '云溪区', '君山区'],
  '430621': ['荣家湾镇', '新墙镇', '筻口镇', '黄沙街镇', '月田镇'],
  '532300': ['鹿城镇', '东瓜镇', '吕合镇'],
  '532301': ['鹿城镇', '东瓜镇', '吕合镇', '苍岭镇'],
  '532322': ['妥甸镇', '大庄镇', '法脿镇'],
  '421300': ['曾都区', '淅河镇', '何店镇'],
  '421321': ['厉山镇', '高城镇', '殷店镇', '草店镇', '小林镇'],
  '340500': ['花山区', '雨山区', '博望区'],
  '340522': ['环峰镇', '运漕镇', '铜闸镇', '陶厂镇', '林头镇'],
  '371600': ['滨城区', '沾化区', '杨柳雪镇'],
  '371623': ['无棣镇', '水湾镇', '碣石山镇', '小泊头镇', '车王镇'],
  '610900': ['汉滨区', '五里镇', '恒口镇'],
  '610928': ['城关镇', '棕溪镇', '吕河镇', '蜀河镇', '赵湾镇'],
  '610929': ['城关镇', '中厂镇', '构扒镇', '卡子镇'],
};
const ROADS = ['人民路', '建设路', '解放路', '文化路', '学府路', '教育路', '朝阳路', '新华路'];
const PRIVATE_BRANDS = ['育才', '博雅', '英才', '启明', '阳光', '童心', '金太阳', '新星'];
const ORDINALS = ['一', '二', '三', '四', '五', '六'];
export const PROVINCE_ABBREVIATIONS: Record<string, string> = { '43': '湘', '53': '云', '42': '鄂', '34': '皖', '37': '鲁', '61': '陕' };

const LEVEL_NAMES: Record<SchoolLevel, string> = {
  KINDERGARTEN: '幼儿园',
  PRIMARY: '小学',
  JUNIOR_SECONDARY: '初级中学',
  SENIOR_SECONDARY: '高级中学',
  NINE_YEAR: '九年一贯制学校',
  VOCATIONAL: '中等职业学校',
  SPECIAL: '特殊教育学校',
};
const PRIVATE_SHARE: Record<SchoolLevel, number> = {
  KINDERGARTEN: 0.45,
  PRIMARY: 0.08,
  JUNIOR_SECONDARY: 0.12,
  SENIOR_SECONDARY: 0.15,
  NINE_YEAR: 0.1,
  VOCATIONAL: 0.2,
  SPECIAL: 0,
};
/** Students per class 班额 and the range of classes a school of the level has. */
const CLASS_SIZE: Record<SchoolLevel, number> = {
  KINDERGARTEN: 30,
  PRIMARY: 45,
  JUNIOR_SECONDARY: 50,
  SENIOR_SECONDARY: 50,
  NINE_YEAR: 45,
  VOCATIONAL: 50,
  SPECIAL: 12,
};
const CLASSES: Record<SchoolLevel, [number, number]> = {
  KINDERGARTEN: [3, 15],
  PRIMARY: [6, 54],
  JUNIOR_SECONDARY: [12, 60],
  SENIOR_SECONDARY: [18, 90],
  NINE_YEAR: [9, 45],
  VOCATIONAL: [16, 100],
  SPECIAL: [4, 18],
};
/** Classes taken in per year: roughly the classes above divided by the years of the level. */
const INTAKE_CLASSES: Record<SchoolLevel, [number, number]> = {
  KINDERGARTEN: [1, 5],
  PRIMARY: [1, 9],
  JUNIOR_SECONDARY: [4, 20],
  SENIOR_SECONDARY: [6, 30],
  NINE_YEAR: [1, 6],
  VOCATIONAL: [5, 33],
  SPECIAL: [1, 3],
};
const STUDENTS_PER_TEACHER: Record<SchoolLevel, number> = {
  KINDERGARTEN: 15,
  PRIMARY: 19,
  JUNIOR_SECONDARY: 13.5,
  SENIOR_SECONDARY: 12.5,
  NINE_YEAR: 16,
  VOCATIONAL: 20,
  SPECIAL: 3,
};
/**
 * Yearly aid per student in yuan: preschool aid, the living allowance for boarding pupils from poor
 * families 家庭经济困难寄宿生生活补助, the national grant 国家助学金 of senior and vocational schools.
 */
const AID_YUAN_PER_STUDENT: Record<SchoolLevel, number> = {
  KINDERGARTEN: 600,
  PRIMARY: 1000,
  JUNIOR_SECONDARY: 1250,
  SENIOR_SECONDARY: 2000,
  NINE_YEAR: 1000,
  VOCATIONAL: 2000,
  SPECIAL: 1000,
};

interface FeeStandard {
  feeItem: string;
  unit: SchoolFeeUnit;
  /** Range of the amount in yuan. */
  yuan: [number, number];
}

type FeeLevel = Exclude<SchoolLevel, 'SPECIAL'>;

/** What public schools charge: compulsory education 义务教育 charges no tuition. */
const PUBLIC_FEES: Record<FeeLevel, FeeStandard[]> = {
  KINDERGARTEN: [
    { feeItem: '保育教育费', unit: 'PER_MONTH', yuan: [150, 600] },
    { feeItem: '住宿费', unit: 'PER_MONTH', yuan: [60, 150] },
  ],
  PRIMARY: [
    { feeItem: '住宿费', unit: 'PER_TERM', yuan: [100, 300] },
    { feeItem: '代收费', unit: 'PER_TERM', yuan: [30, 120] },
  ],
  JUNIOR_SECONDARY: [
    { feeItem: '住宿费', unit: 'PER_TERM', yuan: [120, 350] },
    { feeItem: '代收费', unit: 'PER_TERM', yuan: [40, 150] },
  ],
  NINE_YEAR: [
    { feeItem: '住宿费', unit: 'PER_TERM', yuan: [100, 300] },
    { feeItem: '代收费', unit: 'PER_TERM', yuan: [30, 150] },
  ],
  SENIOR_SECONDARY: [
    { feeItem: '学费', unit: 'PER_TERM', yuan: [400, 900] },
    { feeItem: '住宿费', unit: 'PER_TERM', yuan: [200, 600] },
    { feeItem: '代收费', unit: 'PER_TERM', yuan: [100, 300] },
  ],
  VOCATIONAL: [
    { feeItem: '学费', unit: 'PER_YEAR', yuan: [1800, 3500] },
    { feeItem: '住宿费', unit: 'PER_YEAR', yuan: [400, 1000] },
  ],
};
const PRIVATE_FEES: Record<FeeLevel, FeeStandard[]> = {
  KINDERGARTEN: [{ feeItem: '保育教育费', unit: 'PER_MONTH', yuan: [500, 2500] }],
  PRIMARY: [{ feeItem: '学费', unit: 'PER_TERM', yuan: [3000, 12000] }],
  JUNIOR_SECONDARY: [{ feeItem: '学费', unit: 'PER_TERM', yuan: [4000, 15000] }],
  NINE_YEAR: [{ feeItem: '学费', unit: 'PER_TERM', yuan: [3000, 12000] }],
  SENIOR_SECONDARY: [{ feeItem: '学费', unit: 'PER_TERM', yuan: [4000, 18000] }],
  VOCATIONAL: [{ feeItem: '学费', unit: 'PER_YEAR', yuan: [4000, 9000] }],
};

interface SampleSchool<Level extends SchoolLevel> {
  schoolName: string;
  level: Level;
  ownership: SchoolOwnership;
  town: string;
}

/** The agency's name without 教育局, as schools of its area prefix theirs: 岳阳县, 楚雄州. */
function placeOf(agency: SampleAgency): string {
  return agency.name.replace(/教育局$/, '');
}

function nameOf(ctx: SampleContext, level: SchoolLevel, ownership: SchoolOwnership, place: string, town: string): string {
  const { rng } = ctx;
  const brand = rng.pick(PRIVATE_BRANDS);
  const ordinal = rng.pick(ORDINALS);
  const isPrivate = ownership === 'PRIVATE';
  switch (level) {
    case 'KINDERGARTEN':
      if (isPrivate) return `${place}${brand}幼儿园`;
      return rng.chance(0.5) ? `${town}中心幼儿园` : `${place}${rng.pick(['机关', '实验', '第一'])}幼儿园`;
    case 'PRIMARY':
      if (isPrivate) return `${place}${brand}小学`;
      return rng.chance(0.5) ? `${town}中心小学` : `${place}${rng.pick(['实验小学', '城关小学', `第${ordinal}完全小学`])}`;
    case 'JUNIOR_SECONDARY':
      if (isPrivate) return `${place}${brand}中学`;
      return rng.chance(0.5) ? `${town}中学` : `${place}第${ordinal}中学`;
    case 'SENIOR_SECONDARY':
      if (isPrivate) return `${place}${brand}高级中学`;
      return `${place}${rng.pick(['第一中学', '第二中学', '第三中学', '实验中学', '民族中学'])}`;
    case 'NINE_YEAR':
      return isPrivate ? `${place}${brand}学校` : `${town}九年一贯制学校`;
    case 'VOCATIONAL':
      if (isPrivate) return `${place}${brand}职业学校`;
      return `${place}${rng.pick(['职业中等专业学校', '职业教育中心', '职业技术学校'])}`;
    case 'SPECIAL':
      return `${place}特殊教育学校`;
  }
}

function sampleSchool<Level extends SchoolLevel>(
  ctx: SampleContext,
  agency: SampleAgency,
  levels: readonly Level[],
): SampleSchool<Level> {
  const { rng } = ctx;
  const level = rng.pick(levels);
  const ownership: SchoolOwnership = rng.chance(PRIVATE_SHARE[level]) ? 'PRIVATE' : 'PUBLIC';
  const town = rng.pick(TOWNS[agency.regionCode]);
  return { schoolName: nameOf(ctx, level, ownership, placeOf(agency), town), level, ownership, town };
}

function school(ctx: SampleContext): DisclosureInput<SchoolFields> {
  const { rng } = ctx;
  const agency = ctx.agency('education');
  const { schoolName, level, ownership, town } = sampleSchool(ctx, agency, [
    'KINDERGARTEN',
    'KINDERGARTEN',
    'PRIMARY',
    'PRIMARY',
    'PRIMARY',
    'JUNIOR_SECONDARY',
    'JUNIOR_SECONDARY',
    'SENIOR_SECONDARY',
    'NINE_YEAR',
    'VOCATIONAL',
    'SPECIAL',
  ]);
  const studentCapacity = rng.int(...CLASSES[level]) * CLASS_SIZE[level];
  const enrolledStudents = Math.round(studentCapacity * rng.decimal(0.7, 1.08, 2));
  const publishedFor = ctx.day();
  return {
    type: 'School',
    envelope: ctx.envelope({
      agency,
      title: `${schoolName}${ctx.yearOf(publishedFor)}年办学基本情况公开`,
      category: '学校基本情况',
      subjectTerms: ['教育', '学校', LEVEL_NAMES[level]],
      eventOn: publishedFor,
    }),
    fields: {
      schoolName,
      // Modelled on the basic-education form of 学校标识码: 21, the province code, a serial.
      schoolCode: rng.chance(0.9) ? `21${agency.regionCode.slice(0, 2)}${String(rng.int(0, 999_999)).padStart(6, '0')}` : null,
      level,
      ownership,
      address: `${placeOf(agency)}${town}${rng.pick(ROADS)}${rng.int(1, 300)}号`,
      studentCapacity,
      enrolledStudents,
      teacherCount: Math.max(3, Math.round(enrolledStudents / STUDENTS_PER_TEACHER[level])),
      foundedYear: ownership === 'PRIVATE' ? rng.int(1998, 2018) : rng.int(1912, 2016),
    },
  };
}

function schoolFee(ctx: SampleContext): DisclosureInput<SchoolFeeFields> {
  const { rng } = ctx;
  const agency = ctx.agency('education');
  const { schoolName, level, ownership } = sampleSchool<FeeLevel>(ctx, agency, [
    'KINDERGARTEN',
    'KINDERGARTEN',
    'PRIMARY',
    'JUNIOR_SECONDARY',
    'NINE_YEAR',
    'SENIOR_SECONDARY',
    'SENIOR_SECONDARY',
    'VOCATIONAL',
  ]);
  const { feeItem, unit, yuan } = rng.pick((ownership === 'PRIVATE' ? PRIVATE_FEES : PUBLIC_FEES)[level]);
  const year = rng.int(2013, 2024);
  const spring = rng.chance(0.3);
  const effectiveFrom = `${year}-${spring ? '03' : '09'}-01`;
  const basisYear = Math.max(2010, year - rng.int(0, 3));
  const provinceCode = agency.regionCode.slice(0, 2);
  const prefectureName = ctx.regionName(`${agency.regionCode.slice(0, 4)}00`);
  const byProvince = rng.chance(0.5);
  return {
    type: 'SchoolFee',
    envelope: ctx.envelope({
      agency,
      title: `${schoolName}${year}年${spring ? '春季' : '秋季'}学期收费项目及标准公示`,
      category: '教育收费',
      subjectTerms: ['教育收费', feeItem, '收费公示'],
      eventOn: ctx.addDays(effectiveFrom, -rng.int(10, 25)),
    }),
    fields: {
      schoolName,
      schoolLevel: level,
      feeItem,
      amountFen: Math.round(rng.int(...yuan) / 10) * 10 * 100,
      unit,
      basisDocument: byProvince
        ? `${PROVINCE_ABBREVIATIONS[provinceCode]}发改价费〔${basisYear}〕${rng.int(20, 400)}号`
        : `${prefectureName.slice(0, 1)}价费〔${basisYear}〕${rng.int(1, 60)}号`,
      approvingAuthority: byProvince ? `${ctx.regionName(`${provinceCode}0000`)}发展和改革委员会` : `${prefectureName}物价局`,
      effectiveFrom,
    },
  };
}

function enrolmentPlan(ctx: SampleContext): DisclosureInput<EnrolmentPlanFields> {
  const { rng } = ctx;
  const agency = ctx.agency('education');
  const { schoolName, level } = sampleSchool(ctx, agency, [
    'KINDERGARTEN',
    'PRIMARY',
    'JUNIOR_SECONDARY',
    'JUNIOR_SECONDARY',
    'NINE_YEAR',
    'SENIOR_SECONDARY',
    'SENIOR_SECONDARY',
    'SENIOR_SECONDARY',
    'VOCATIONAL',
    'VOCATIONAL',
  ]);
  const schoolYear = rng.int(2013, 2024);
  const plannedEnrolment = rng.int(...INTAKE_CLASSES[level]) * CLASS_SIZE[level];
  const hasResults = rng.chance(0.7);
  const actualEnrolment = hasResults ? Math.round(plannedEnrolment * rng.decimal(0.82, 1.03, 2)) : null;
  // Senior schools admit by the 中考 score; some vocational schools set a line, most register everyone.
  const admissionScoreLine = !hasResults
    ? null
    : level === 'SENIOR_SECONDARY'
      ? rng.int(450, 650)
      : level === 'VOCATIONAL' && rng.chance(0.5)
        ? rng.int(200, 350)
        : null;
  const studentAidRecipients = Math.round((actualEnrolment ?? plannedEnrolment) * rng.decimal(0.08, 0.3, 2));
  // The national grant for senior and vocational students rose from 1500 to 2000 yuan in 2015.
  const aidYuan =
    (level === 'SENIOR_SECONDARY' || level === 'VOCATIONAL') && schoolYear < 2015 ? 1500 : AID_YUAN_PER_STUDENT[level];
  // Plans go out in spring, results after admission in summer.
  const [seasonStart, seasonEnd] = hasResults ? ['07-20', '08-31'] : ['04-01', '05-31'];
  const eventOn = ctx.day(Date.parse(`${schoolYear}-${seasonStart}T00:00:00Z`), Date.parse(`${schoolYear}-${seasonEnd}T00:00:00Z`));
  return {
    type: 'EnrolmentPlan',
    envelope: ctx.envelope({
      agency,
      title: hasResults
        ? `${schoolName}${schoolYear}年招生录取结果及学生资助情况公示`
        : `${schoolName}${schoolYear}年招生计划公示`,
      category: '招生信息',
      subjectTerms: hasResults ? ['招生', LEVEL_NAMES[level], '学生资助'] : ['招生', LEVEL_NAMES[level]],
      documentNumberPrefix: `${placeOf(agency).slice(0, 1)}教发`,
      eventOn,
    }),
    fields: {
      schoolName,
      schoolYear,
      plannedEnrolment,
      actualEnrolment,
      admissionScoreLine,
      studentAidRecipients,
      studentAidTotalFen: studentAidRecipients * aidYuan * 100,
    },
  };
}

const GRADE_NUMERALS = ['一', '二', '三'];
const VOCATIONAL_MAJORS = ['机电技术应用', '计算机应用', '护理', '汽车运用与维修', '电子商务', '学前教育'];

/** Prefectures' higher vocational colleges 高职院校, where national and encouragement scholarships go. */
const COLLEGES: Record<string, string> = {
  '430600': '岳阳职业技术学院',
  '532300': '楚雄医药高等专科学校',
  '421300': '随州职业技术学院',
  '340500': '马鞍山职业技术学院',
  '371600': '滨州职业学院',
  '610900': '安康职业技术学院',
};

interface AidSchool {
  schoolName: string;
  /** The grade and class of a student, as the list prints it. */
  gradeClass: (schoolYear: number) => string;
}

function aidSchool(ctx: SampleContext, agency: SampleAgency, programme: StudentAidProgramme): AidSchool {
  const { rng } = ctx;
  const college = COLLEGES[`${agency.regionCode.slice(0, 4)}00`];
  if (programme === 'NATIONAL_ENCOURAGEMENT' || (programme === 'NATIONAL_SCHOLARSHIP' && rng.chance(0.5))) {
    return { schoolName: college, gradeClass: (year) => `${year - rng.int(0, 2)}级${rng.pick(VOCATIONAL_MAJORS)}${rng.int(1, 4)}班` };
  }
  const levels: Array<'SENIOR_SECONDARY' | 'VOCATIONAL'> = programme === 'NATIONAL_SCHOLARSHIP' ? ['VOCATIONAL'] : ['SENIOR_SECONDARY', 'VOCATIONAL'];
  const { schoolName, level } = sampleSchool(ctx, agency, levels);
  return {
    schoolName,
    gradeClass: (year) =>
      level === 'SENIOR_SECONDARY'
        ? `高${rng.pick(GRADE_NUMERALS)}（${rng.int(1, 16)}）班`
        : `${year - rng.int(0, 2)}级${rng.pick(VOCATIONAL_MAJORS)}${rng.int(1, 4)}班`,
  };
}

/** Yearly standard per student in yuan: the national grant rose from 1500 to 2000 in 2015; the secondary vocational national scholarship 中职国家奖学金 is 6000. */
function aidStandardYuan(programme: StudentAidProgramme, schoolYear: number, atCollege: boolean): number {
  switch (programme) {
    case 'NATIONAL_GRANT':
      return schoolYear < 2015 ? 1500 : 2000;
    case 'NATIONAL_SCHOLARSHIP':
      return atCollege ? (studentAidCap('NATIONAL_SCHOLARSHIP', schoolYear) as number) / 100 : 6000;
    case 'NATIONAL_ENCOURAGEMENT':
      return (studentAidCap('NATIONAL_ENCOURAGEMENT', schoolYear) as number) / 100;
    case 'LOCAL_GRANT':
      return 1000;
    case 'OTHER':
      return 500;
  }
}

const PROGRAMME_NAMES: Record<StudentAidProgramme, string> = {
  NATIONAL_GRANT: '国家助学金',
  NATIONAL_SCHOLARSHIP: '国家奖学金',
  NATIONAL_ENCOURAGEMENT: '国家励志奖学金',
  LOCAL_GRANT: '地方政府助学金',
  OTHER: '社会资助助学金',
};

function studentAid(ctx: SampleContext): DisclosureInput<StudentAidFields> {
  const { rng } = ctx;
  const agency = ctx.agency('education');
  const programme = rng.pick<StudentAidProgramme>([
    'NATIONAL_GRANT',
    'NATIONAL_GRANT',
    'NATIONAL_GRANT',
    'NATIONAL_SCHOLARSHIP',
    'NATIONAL_ENCOURAGEMENT',
    'LOCAL_GRANT',
    'OTHER',
  ]);
  const schoolYear = rng.int(2015, 2024);
  const school = aidSchool(ctx, agency, programme);
  const atCollege = Object.values(COLLEGES).includes(school.schoolName);
  const standardPerStudentFen = aidStandardYuan(programme, schoolYear, atCollege) * 100;
  const scholarship = programme === 'NATIONAL_SCHOLARSHIP' || programme === 'NATIONAL_ENCOURAGEMENT';
  const listed = rng.chance(0.6);
  // Grants are often paid by term, half the yearly standard to a student aided for one term.
  const recipients = listed
    ? Array.from({ length: scholarship ? rng.int(2, 12) : rng.int(5, 40) }, (): StoredStudentAidRecipient => ({
        name: maskedPersonName(rng),
        gradeClass: school.gradeClass(schoolYear),
        amountFen: !scholarship && rng.chance(0.2) ? standardPerStudentFen / 2 : standardPerStudentFen,
      }))
    : null;
  const recipientCount = recipients?.length ?? (scholarship ? rng.int(2, 30) : rng.int(40, 600));
  const totalAmountFen = recipients ? recipients.reduce((total, r) => total + r.amountFen, 0) : recipientCount * standardPerStudentFen;
  const programmeName = PROGRAMME_NAMES[programme];
  return {
    type: 'StudentAid',
    envelope: ctx.envelope({
      agency,
      title: `${school.schoolName}${schoolYear}-${schoolYear + 1}学年${programmeName}${recipients ? '获得者名单' : '发放情况'}公示`,
      category: '学生资助',
      subjectTerms: ['学生资助', programmeName],
      eventOn: ctx.day(Date.parse(`${schoolYear}-10-08T00:00:00Z`), Date.parse(`${schoolYear}-12-20T00:00:00Z`)),
    }),
    fields: {
      programme,
      schoolName: school.schoolName,
      // The school's own record 学校基本情况, by the same bureau, where the list links it.
      schoolIndexNumber: atCollege || rng.chance(0.6) ? null : `${agency._id}-/${schoolYear}-${rng.int(1_000_000, 1_010_000)}`,
      schoolYear,
      standardPerStudentFen,
      recipientCount,
      totalAmountFen,
      recipients,
    },
  };
}

export const educationSamples: SampleMakers = {
  School: school,
  SchoolFee: schoolFee,
  EnrolmentPlan: enrolmentPlan,
  StudentAid: studentAid,
};
