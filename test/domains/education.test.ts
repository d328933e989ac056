/**
 * The education subgraph through the gateway: schools, school fees and enrolment plans with their
 * fields, the typed filters, the Agency join, and bad input.
 */
import type { EnrolmentPlanFields } from '../../model/records/education/enrolment-plan';
import type { SchoolFields } from '../../model/records/education/school';
import type { SchoolFeeFields } from '../../model/records/education/school-fee';
import { disclosure, envelope } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const YUEYANG_EDUCATION = '岳阳县教育局';
const CHUXIONG_EDUCATION = '楚雄州教育局';
const SENIOR_SCHOOL = '岳阳县第一中学';
const KINDERGARTEN = '楚雄州阳光幼儿园';

const publishedAt = (day: string) => new Date(`${day}T02:00:00.000Z`);

const seniorSchoolFields: SchoolFields = {
  schoolName: SENIOR_SCHOOL,
  schoolCode: '2143000123',
  level: 'SENIOR_SECONDARY',
  ownership: 'PUBLIC',
  address: '岳阳县荣家湾镇学府路18号',
  studentCapacity: 3000,
  enrolledStudents: 2860,
  teacherCount: 229,
  foundedYear: 1923,
};
const seniorSchool = disclosure(
  'School',
  envelope(YUEYANG_EDUCATION, {
    title: '岳阳县第一中学2017年办学基本情况公开',
    category: '学校基本情况',
    subjectTerms: ['教育', '学校', '高级中学'],
    publishedAt: publishedAt('2017-04-10'),
  }),
  seniorSchoolFields,
);
const kindergarten = disclosure(
  'School',
  envelope(CHUXIONG_EDUCATION, { title: '楚雄州阳光幼儿园办学基本情况公开', publishedAt: publishedAt('2017-05-10') }),
  {
    schoolName: KINDERGARTEN,
    schoolCode: null,
    level: 'KINDERGARTEN',
    ownership: 'PRIVATE',
    address: '楚雄州鹿城镇人民路66号',
    studentCapacity: 360,
    enrolledStudents: 341,
    teacherCount: 24,
    foundedYear: 2008,
  } satisfies SchoolFields,
);

const tuition = disclosure(
  'SchoolFee',
  envelope(YUEYANG_EDUCATION, { title: '岳阳县第一中学2017年秋季学期收费项目及标准公示', publishedAt: publishedAt('2017-08-20') }),
  {
    schoolName: SENIOR_SCHOOL,
    schoolLevel: 'SENIOR_SECONDARY',
    feeItem: '学费',
    amountFen: 800_00,
    unit: 'PER_TERM',
    basisDocument: '湘发改价费〔2017〕123号',
    approvingAuthority: '湖南省发展和改革委员会',
    effectiveFrom: '2017-09-01',
  } satisfies SchoolFeeFields,
);
const boarding = disclosure(
  'SchoolFee',
  envelope(YUEYANG_EDUCATION, { title: '岳阳县第一中学2017年秋季学期住宿费公示', publishedAt: publishedAt('2017-08-21') }),
  {
    schoolName: SENIOR_SCHOOL,
    schoolLevel: 'SENIOR_SECONDARY',
    feeItem: '住宿费',
    amountFen: 300_00,
    unit: 'PER_TERM',
    basisDocument: '湘发改价费〔2017〕123号',
    approvingAuthority: '湖南省发展和改革委员会',
    effectiveFrom: '2017-09-01',
  } satisfies SchoolFeeFields,
);
const nurseryFee = disclosure(
  'SchoolFee',
  envelope(CHUXIONG_EDUCATION, { title: '楚雄州阳光幼儿园保育教育费收费标准公示', publishedAt: publishedAt('2016-08-25') }),
  {
    schoolName: KINDERGARTEN,
    schoolLevel: 'KINDERGARTEN',
    feeItem: '保育教育费',
    amountFen: 1280_50,
    unit: 'PER_MONTH',
    basisDocument: '楚价费〔2016〕12号',
    approvingAuthority: '楚雄彝族自治州物价局',
    effectiveFrom: '2016-09-01',
  } satisfies SchoolFeeFields,
);

const admitted2017 = disclosure(
  'EnrolmentPlan',
  envelope(YUEYANG_EDUCATION, {
    title: '岳阳县第一中学2017年招生录取结果及学生资助情况公示',
    documentNumber: '岳教发〔2017〕45号',
    publishedAt: publishedAt('2017-08-05'),
  }),
  {
    schoolName: SENIOR_SCHOOL,
    schoolYear: 2017,
    plannedEnrolment: 600,
    actualEnrolment: 612,
    admissionScoreLine: 528,
    studentAidRecipients: 150,
    studentAidTotalFen: 300_000_00,
  } satisfies EnrolmentPlanFields,
);
const admitted2015 = disclosure(
  'EnrolmentPlan',
  envelope(YUEYANG_EDUCATION, { title: '岳阳县第一中学2015年招生录取结果公示', publishedAt: publishedAt('2015-08-06') }),
  {
    schoolName: SENIOR_SCHOOL,
    schoolYear: 2015,
    plannedEnrolment: 550,
    actualEnrolment: 540,
    admissionScoreLine: 505,
    studentAidRecipients: 130,
    studentAidTotalFen: 260_000_00,
  } satisfies EnrolmentPlanFields,
);
const planned2019 = disclosure(
  'EnrolmentPlan',
  envelope(CHUXIONG_EDUCATION, { title: '楚雄州阳光幼儿园2019年招生计划公示', publishedAt: publishedAt('2019-05-08') }),
  {
    schoolName: KINDERGARTEN,
    schoolYear: 2019,
    plannedEnrolment: 90,
    actualEnrolment: null,
    admissionScoreLine: null,
    studentAidRecipients: 12,
    studentAidTotalFen: 7200_50,
  } satisfies EnrolmentPlanFields,
);

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('education');
  const result = await stack.writer.write([
    seniorSchool,
    kindergarten,
    tuition,
    boarding,
    nurseryFee,
    admitted2017,
    admitted2015,
    planned2019,
  ]);
  expect(result).toEqual({ written: 8, rejected: [] });
});
afterAll(async () => {
  await stack?.close();
});

type Ids<Field extends string> = Record<Field, { totalCount: number; edges: Array<{ node: { id: string } }> }>;

/** Runs `<listField>(filter: $filter)` and returns the ids in page order and the total count. */
async function listIds(listField: string, filterType: string, filter: Record<string, unknown>) {
  const response = await stack.query<Ids<string>>(
    `query ($filter: ${filterType}) { ${listField}(filter: $filter) { totalCount edges { node { id } } } }`,
    { filter },
  );
  expect(response.errors).toBeUndefined();
  const connection = response.data?.[listField];
  return { ids: connection?.edges.map((e) => e.node.id), totalCount: connection?.totalCount };
}

const idsOf = (records: Array<{ envelope: { indexNumber: string } }>) => records.map((r) => r.envelope.indexNumber);

describe('schools', () => {
  it('answers every field', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        school(indexNumber: $id) {
          id indexNumber title domain category documentNumber subjectTerms writtenOn publishedAt publishedOn
          disclosureMode sourceUrl agency { code name } region { code name }
          schoolName schoolCode level ownership address studentCapacity enrolledStudents teacherCount foundedYear
        }
      }`,
      { id: seniorSchool.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.school).toEqual({
      id: seniorSchool.envelope.indexNumber,
      indexNumber: seniorSchool.envelope.indexNumber,
      title: '岳阳县第一中学2017年办学基本情况公开',
      domain: 'EDUCATION',
      category: '学校基本情况',
      documentNumber: null,
      subjectTerms: ['教育', '学校', '高级中学'],
      writtenOn: '2017-03-01',
      publishedAt: '2017-04-10T02:00:00.000Z',
      publishedOn: '2017-04-10',
      disclosureMode: 'FULL',
      sourceUrl: null,
      agency: { code: seniorSchool.envelope.agencyCode, name: YUEYANG_EDUCATION },
      region: { code: '430621', name: '岳阳县' },
      schoolName: SENIOR_SCHOOL,
      schoolCode: '2143000123',
      level: 'SENIOR_SECONDARY',
      ownership: 'PUBLIC',
      address: '岳阳县荣家湾镇学府路18号',
      studentCapacity: 3000,
      enrolledStudents: 2860,
      teacherCount: 229,
      foundedYear: 1923,
    });
  });

  it('answers a school without a school code with null', async () => {
    const response = await stack.query(`query ($id: String!) { school(indexNumber: $id) { schoolCode level ownership } }`, {
      id: kindergarten.envelope.indexNumber,
    });
    expect(response.data?.school).toEqual({ schoolCode: null, level: 'KINDERGARTEN', ownership: 'PRIVATE' });
  });

  it.each([
    ['levels', { levels: ['SENIOR_SECONDARY'] }, [seniorSchool]],
    ['several levels, newest first', { levels: ['KINDERGARTEN', 'SENIOR_SECONDARY'] }, [kindergarten, seniorSchool]],
    ['a level nobody has', { levels: ['VOCATIONAL'] }, []],
    ['ownership', { ownerships: ['PRIVATE'] }, [kindergarten]],
    ['a capacity floor it meets exactly', { minStudentCapacity: 3000 }, [seniorSchool]],
    ['a capacity floor above every school', { minStudentCapacity: 3001 }, []],
    ['the exact school name', { schoolName: KINDERGARTEN }, [kindergarten]],
    ['part of a school name, which is not exact', { schoolName: '阳光幼儿园' }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    expect(await listIds('schools', 'SchoolFilter', filter)).toEqual({ ids: idsOf(expected), totalCount: expected.length });
  });

  it('combines envelope filters (a province finds its prefectures) with its own', async () => {
    const inYunnan = await stack.query<Ids<'schools'>>(
      `{ schools(envelope: { regionCodes: ["530000"] }, filter: { ownerships: [PRIVATE] }) { totalCount edges { node { id } } } }`,
    );
    expect(inYunnan.data?.schools.edges.map((e) => e.node.id)).toEqual([kindergarten.envelope.indexNumber]);
    const publicInYunnan = await stack.query<Ids<'schools'>>(
      `{ schools(envelope: { regionCodes: ["530000"] }, filter: { ownerships: [PUBLIC] }) { totalCount } }`,
    );
    expect(publicInYunnan.data?.schools.totalCount).toBe(0);
  });

  it('is reachable from the catalogue by index number', async () => {
    const response = await stack.query(
      `query ($id: String!) { disclosure(indexNumber: $id) { __typename ... on School { schoolName studentCapacity } } }`,
      { id: seniorSchool.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.disclosure).toEqual({ __typename: 'School', schoolName: SENIOR_SCHOOL, studentCapacity: 3000 });
  });
});

describe('school fees', () => {
  it('answers every field, with the amount exact in fen and yuan', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        schoolFee(indexNumber: $id) {
          domain title schoolName schoolLevel feeItem amount { fen yuan currency } unit basisDocument approvingAuthority effectiveFrom
        }
      }`,
      { id: nurseryFee.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.schoolFee).toEqual({
      domain: 'EDUCATION',
      title: '楚雄州阳光幼儿园保育教育费收费标准公示',
      schoolName: KINDERGARTEN,
      schoolLevel: 'KINDERGARTEN',
      feeItem: '保育教育费',
      amount: { fen: 128_050, yuan: '1280.50', currency: 'CNY' },
      unit: 'PER_MONTH',
      basisDocument: '楚价费〔2016〕12号',
      approvingAuthority: '楚雄彝族自治州物价局',
      effectiveFrom: '2016-09-01',
    });
  });

  it.each([
    ['the fee item', { feeItem: '住宿费' }, [boarding]],
    ['a fee item nobody charges', { feeItem: '代收费' }, []],
    ['units', { units: ['PER_MONTH'] }, [nurseryFee]],
    ['several units', { units: ['PER_TERM', 'PER_YEAR'] }, [boarding, tuition]],
    ['an amount floor it meets exactly', { minAmount: '800' }, [tuition, nurseryFee]],
    ['an amount floor one fen higher', { minAmount: '800.01' }, [nurseryFee]],
    ['an amount ceiling', { maxAmount: '300.00' }, [boarding]],
    ['an amount range', { minAmount: '300', maxAmount: '800' }, [boarding, tuition]],
    ['an amount range that matches nothing', { minAmount: '1280.51' }, []],
    ['the exact school name', { schoolName: SENIOR_SCHOOL }, [boarding, tuition]],
    ['a school name of nobody', { schoolName: '岳阳县第二中学' }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    expect(await listIds('schoolFees', 'SchoolFeeFilter', filter)).toEqual({ ids: idsOf(expected), totalCount: expected.length });
  });
});

describe('enrolment plans', () => {
  it('answers a plan with its results and student aid', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        enrolmentPlan(indexNumber: $id) {
          domain documentNumber schoolName schoolYear plannedEnrolment actualEnrolment admissionScoreLine
          studentAidRecipients studentAidTotal { fen yuan currency }
        }
      }`,
      { id: admitted2017.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.enrolmentPlan).toEqual({
      domain: 'EDUCATION',
      documentNumber: '岳教发〔2017〕45号',
      schoolName: SENIOR_SCHOOL,
      schoolYear: 2017,
      plannedEnrolment: 600,
      actualEnrolment: 612,
      admissionScoreLine: 528,
      studentAidRecipients: 150,
      studentAidTotal: { fen: 30_000_000, yuan: '300000.00', currency: 'CNY' },
    });
  });

  it('answers a plan without results with null results', async () => {
    const response = await stack.query(
      `query ($id: String!) { enrolmentPlan(indexNumber: $id) {
          plannedEnrolment actualEnrolment admissionScoreLine studentAidRecipients studentAidTotal { fen yuan } } }`,
      { id: planned2019.envelope.indexNumber },
    );
    expect(response.data?.enrolmentPlan).toEqual({
      plannedEnrolment: 90,
      actualEnrolment: null,
      admissionScoreLine: null,
      studentAidRecipients: 12,
      studentAidTotal: { fen: 720_050, yuan: '7200.50' },
    });
  });

  it.each([
    ['a first school year', { schoolYearFrom: 2016 }, [planned2019, admitted2017]],
    ['a last school year', { schoolYearTo: 2016 }, [admitted2015]],
    ['one school year', { schoolYearFrom: 2017, schoolYearTo: 2017 }, [admitted2017]],
    ['a school year range that matches nothing', { schoolYearFrom: 2020 }, []],
    ['a planned enrolment floor', { minPlannedEnrolment: 551 }, [admitted2017]],
    ['a planned enrolment floor it meets exactly', { minPlannedEnrolment: 550 }, [admitted2017, admitted2015]],
    ['published results', { hasResults: true }, [admitted2017, admitted2015]],
    ['no results yet', { hasResults: false }, [planned2019]],
    ['no results yet and a year before the plan', { hasResults: false, schoolYearTo: 2018 }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    expect(await listIds('enrolmentPlans', 'EnrolmentPlanFilter', filter)).toEqual({
      ids: idsOf(expected),
      totalCount: expected.length,
    });
  });
});

describe('the Agency join', () => {
  it('lists an agency’s schools, fees and enrolment plans, with the agency’s catalogue fields, in one request', async () => {
    const response = await stack.query(
      `query ($code: ID!) { agency(code: $code) {
          name region { name }
          schools { totalCount edges { node { schoolName } } }
          schoolFees(filter: { feeItem: "学费" }) { totalCount edges { node { amount { yuan } } } }
          enrolmentPlans(orderBy: OLDEST_FIRST) { totalCount edges { node { schoolYear } } }
      } }`,
      { code: seniorSchool.envelope.agencyCode },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.agency).toEqual({
      name: YUEYANG_EDUCATION,
      region: { name: '岳阳县' },
      schools: { totalCount: 1, edges: [{ node: { schoolName: SENIOR_SCHOOL } }] },
      schoolFees: { totalCount: 1, edges: [{ node: { amount: { yuan: '800.00' } } }] },
      enrolmentPlans: { totalCount: 2, edges: [{ node: { schoolYear: 2015 } }, { node: { schoolYear: 2017 } }] },
    });
  });

  it('lists nothing of another agency’s records', async () => {
    const response = await stack.query(
      `query ($code: ID!) { agency(code: $code) { name schools(filter: { schoolName: "${SENIOR_SCHOOL}" }) { totalCount } schoolFees { totalCount } } }`,
      { code: kindergarten.envelope.agencyCode },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.agency).toEqual({ name: CHUXIONG_EDUCATION, schools: { totalCount: 0 }, schoolFees: { totalCount: 1 } });
  });
});

describe('bad input', () => {
  it.each([
    ['a minimum amount above the maximum', `{ schoolFees(filter: { minAmount: "2", maxAmount: "1" }) { totalCount } }`, 'filter.minAmount'],
    ['a YuanAmount with three decimals', `{ schoolFees(filter: { minAmount: "1.234" }) { totalCount } }`, 'filter.minAmount'],
    ['a negative YuanAmount', `{ schoolFees(filter: { maxAmount: "-5" }) { totalCount } }`, 'filter.maxAmount'],
    ['a first school year after the last', `{ enrolmentPlans(filter: { schoolYearFrom: 2018, schoolYearTo: 2017 }) { totalCount } }`, 'filter.schoolYearFrom'],
    ['an unknown school level', `{ schools(filter: { levels: [UNIVERSITY] }) { totalCount } }`, 'filter.levels'],
    ['an unknown fee unit', `{ schoolFees(filter: { units: [PER_WEEK] }) { totalCount } }`, 'filter.units'],
  ])('answers %s with BAD_USER_INPUT naming the argument', async (_name, query, argument) => {
    const response = await stack.query(query);
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain(`"${argument}"`);
  });
});
