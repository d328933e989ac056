/**
 * The education subgraph through the gateway: schools, school fees, enrolment plans and student aid
 * with their fields, the typed filters, the Agency join, the rules of student aid as publishers meet
 * them through the API (national caps, totals, the de-identified list of recipients), and bad input.
 */
import type { EnrolmentPlanFields } from '../../model/records/education/enrolment-plan';
import type { SchoolFields } from '../../model/records/education/school';
import type { SchoolFeeFields } from '../../model/records/education/school-fee';
import type { StudentAidFields } from '../../model/records/education/student-aid';
import { disclosure, envelope } from '../support/builders';
import { publisher, type Publisher } from '../support/submit';
import { indexNumbers, listIds } from '../support/lists';
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

const nationalGrant = disclosure(
  'StudentAid',
  envelope(YUEYANG_EDUCATION, { title: '岳阳县第一中学2023-2024学年国家助学金获得者名单公示', category: '学生资助', publishedAt: publishedAt('2023-11-10') }),
  {
    programme: 'NATIONAL_GRANT',
    schoolName: SENIOR_SCHOOL,
    schoolIndexNumber: seniorSchool.envelope.indexNumber,
    schoolYear: 2023,
    standardPerStudentFen: 2_000_00,
    recipientCount: 2,
    totalAmountFen: 3_000_00,
    recipients: [
      { name: '张*明', gradeClass: '高一（3）班', amountFen: 2_000_00 },
      { name: '李*', gradeClass: '高二（1）班', amountFen: 1_000_00 },
    ],
  } satisfies StudentAidFields,
);
const localGrant = disclosure(
  'StudentAid',
  envelope(CHUXIONG_EDUCATION, { title: '楚雄州2019-2020学年地方政府助学金发放情况公示', publishedAt: publishedAt('2019-12-01') }),
  {
    programme: 'LOCAL_GRANT',
    schoolName: '楚雄州职业教育中心',
    schoolIndexNumber: null,
    schoolYear: 2019,
    standardPerStudentFen: 1_000_00,
    recipientCount: 250,
    totalAmountFen: 250_000_00,
    recipients: null,
  } satisfies StudentAidFields,
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
    nationalGrant,
    localGrant,
  ]);
  expect(result).toEqual({ written: 10, rejected: [] });
});
afterAll(async () => {
  await stack?.close();
});

type Ids<Field extends string> = Record<Field, { totalCount: number; edges: Array<{ node: { id: string } }> }>;

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
    expect(await listIds(stack, 'schools', 'SchoolFilter', filter)).toEqual({ ids: indexNumbers(expected), totalCount: expected.length });
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
    expect(await listIds(stack, 'schoolFees', 'SchoolFeeFilter', filter)).toEqual({ ids: indexNumbers(expected), totalCount: expected.length });
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
    expect(await listIds(stack, 'enrolmentPlans', 'EnrolmentPlanFilter', filter)).toEqual({
      ids: indexNumbers(expected),
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
    ['an unknown aid programme', `{ studentAids(filter: { programmes: [LOTTERY] }) { totalCount } }`, 'filter.programmes'],
    ['a school year given as a string', `{ studentAids(filter: { schoolYear: "2023" }) { totalCount } }`, 'filter.schoolYear'],
  ])('answers %s with BAD_USER_INPUT naming the argument', async (_name, query, argument) => {
    const response = await stack.query(query);
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain(`"${argument}"`);
  });
});

describe('student aid', () => {
  it('answers an allocation with its de-identified list', async () => {
    const response = await stack.query(
      `query ($id: String!) { studentAid(indexNumber: $id) {
          category programme schoolName schoolIndexNumber schoolYear standardPerStudent { fen yuan }
          recipientCount totalAmount { fen yuan currency } recipients { name gradeClass amount { fen yuan } } } }`,
      { id: nationalGrant.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.studentAid).toEqual({
      category: '学生资助',
      programme: 'NATIONAL_GRANT',
      schoolName: SENIOR_SCHOOL,
      schoolIndexNumber: seniorSchool.envelope.indexNumber,
      schoolYear: 2023,
      standardPerStudent: { fen: 200_000, yuan: '2000.00' },
      recipientCount: 2,
      totalAmount: { fen: 300_000, yuan: '3000.00', currency: 'CNY' },
      recipients: [
        { name: '张*明', gradeClass: '高一（3）班', amount: { fen: 200_000, yuan: '2000.00' } },
        { name: '李*', gradeClass: '高二（1）班', amount: { fen: 100_000, yuan: '1000.00' } },
      ],
    });
  });

  it('answers an allocation published with its totals only: no list', async () => {
    const response = await stack.query(`query ($id: String!) { studentAid(indexNumber: $id) { recipientCount totalAmount { yuan } recipients { name } } }`, {
      id: localGrant.envelope.indexNumber,
    });
    expect(response.data?.studentAid).toEqual({ recipientCount: 250, totalAmount: { yuan: '250000.00' }, recipients: null });
  });

  it.each([
    ['no filter', {}, [nationalGrant, localGrant]],
    ['programmes', { programmes: ['LOCAL_GRANT', 'NATIONAL_SCHOLARSHIP'] }, [localGrant]],
    ['programmes that match nothing', { programmes: ['NATIONAL_ENCOURAGEMENT'] }, []],
    ['the school year', { schoolYear: 2023 }, [nationalGrant]],
    ['a school year that matches nothing', { schoolYear: 2024 }, []],
    ['the school, exact', { schoolName: SENIOR_SCHOOL }, [nationalGrant]],
    ['part of a school name, which is not a match', { schoolName: '第一中学' }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    const { ids, totalCount } = await listIds(stack, 'studentAids', 'StudentAidFilter', filter);
    expect(ids).toEqual(indexNumbers(expected));
    expect(totalCount).toBe(expected.length);
  });

  it('is listed on its agency', async () => {
    const response = await stack.query(`query ($code: ID!) { agency(code: $code) { studentAids { totalCount edges { node { programme } } } } }`, {
      code: nationalGrant.envelope.agencyCode,
    });
    expect(response.data?.agency).toEqual({ studentAids: { totalCount: 1, edges: [{ node: { programme: 'NATIONAL_GRANT' } }] } });
  });
});

describe('the rules of student aid, as a publisher meets them through the API', () => {
  let yueyang: Publisher;
  beforeAll(async () => {
    yueyang = await publisher(stack, YUEYANG_EDUCATION);
  });

  const RAW_NAMES = ['欧阳修文', '司马相如', '上官婉儿'];
  const RAW_ID_NUMBER = '11010519491231002X';
  const aid = (fields: Record<string, unknown> = {}, title = '岳阳职业技术学院2023-2024学年国家奖学金获得者名单公示') =>
    yueyang.submission('StudentAid', title, {
      programme: 'NATIONAL_SCHOLARSHIP',
      schoolName: '岳阳职业技术学院',
      schoolYear: 2023,
      standardPerStudent: '8000',
      recipientCount: 2,
      totalAmount: '16000',
      recipients: [
        { name: RAW_NAMES[0], gradeClass: '2021级护理3班', amount: '8000' },
        { name: RAW_NAMES[1], gradeClass: '2022级机电技术应用1班', amount: '8000' },
      ],
      ...fields,
    });
  const one = (amount: string, name = RAW_NAMES[2]) => ({ recipientCount: 1, totalAmount: amount, recipients: [{ name, gradeClass: '2022级护理1班', amount }] });

  it('caps the national scholarships at their national standards of the school year: 8,000 and 5,000 yuan, 10,000 and 6,000 from 2024', async () => {
    const encouragement = { programme: 'NATIONAL_ENCOURAGEMENT', standardPerStudent: '5000' };
    const { errors } = await yueyang.submit(
      aid(),
      aid({ ...one('8000.01'), standardPerStudent: '8000' }),
      aid({ standardPerStudent: '8000.01' }),
      aid({ schoolYear: 2024, standardPerStudent: '10000', ...one('10000') }),
      aid({ schoolYear: 2024, standardPerStudent: '10000', ...one('10000.01') }),
      aid({ ...encouragement, ...one('5000') }),
      aid({ ...encouragement, ...one('5000.01') }),
      aid({ ...encouragement, schoolYear: 2024, standardPerStudent: '6000', ...one('6000') }),
      aid({ ...encouragement, schoolYear: 2024, standardPerStudent: '6000', ...one('6000.01') }),
      aid({ recipients: null, recipientCount: 3, totalAmount: '24000' }),
      aid({ recipients: null, recipientCount: 3, totalAmount: '24000.01' }),
      aid({ programme: 'NATIONAL_GRANT', standardPerStudent: '9000', ...one('9000') }),
    );
    expect(errors).toEqual([
      [],
      [['fields.recipients.0.amount', 'programme-cap']],
      [['fields.standardPerStudent', 'programme-cap']],
      [],
      [['fields.recipients.0.amount', 'programme-cap']],
      [],
      [['fields.recipients.0.amount', 'programme-cap']],
      [],
      [['fields.recipients.0.amount', 'programme-cap']],
      [],
      [['fields.totalAmount', 'programme-cap']],
      [],
    ]);
  });

  it('checks the total against the list and the count against its length, where the list is given, and refuses a name it cannot mask', async () => {
    const { errors } = await yueyang.submit(
      aid({ totalAmount: '15999.99' }),
      aid({ recipientCount: 3 }),
      aid({ recipients: null, recipientCount: 3, totalAmount: '1' }),
      aid({ recipients: [], recipientCount: 0, totalAmount: '0' }),
      aid({ recipients: [], recipientCount: 0, totalAmount: '1' }),
      aid({ programme: 'NATIONAL_BURSARY' }),
      aid(one('8000', '*小明')),
    );
    expect(errors).toEqual([
      [['fields.totalAmount', 'total-matches-recipients']],
      [['fields.recipientCount', 'count-matches-recipients']],
      [],
      [],
      [['fields.totalAmount', 'total-matches-recipients']],
      [['fields.programme', 'one-of']],
      [['fields.recipients.0.name', 'masked-name']],
    ]);
  });

  it('stores no ID number of a student: a field for it is refused without echoing it, and one in the text is masked', async () => {
    const withIdField = aid({ recipients: [{ name: RAW_NAMES[0], gradeClass: '2021级护理3班', amount: '8000', idNumber: RAW_ID_NUMBER }], recipientCount: 1, totalAmount: '8000' });
    const withIdInText = aid({ ...one('8000'), recipients: [{ name: RAW_NAMES[2], gradeClass: `2021级护理3班（身份证号${RAW_ID_NUMBER}）`, amount: '8000' }] });
    const { errors, answer, text } = await yueyang.submit(withIdField, withIdInText);
    expect(errors).toEqual([[['fields.recipients.0.idNumber', 'unknown-field']], []]);
    const read = await stack.query(
      `query ($id: String!) { studentAid(indexNumber: $id) { recipients { name gradeClass } } }`,
      { id: answer.accepted[0].indexNumber },
      yueyang.headers,
    );
    expect(read.data?.studentAid).toEqual({ recipients: [{ name: '上**儿', gradeClass: '2021级护理3班（身份证号1101**********002X）' }] });
    expect(`${text}${JSON.stringify(read)}`).not.toContain(RAW_ID_NUMBER);
  });

  it('masks every student’s name wherever the submission repeats it; the raw names are stored nowhere', async () => {
    const { errors, answer, text } = await yueyang.submit(aid({}, `${RAW_NAMES[0]}、${RAW_NAMES[1]}同学获2023-2024学年国家奖学金公示`));
    expect(errors).toEqual([[]]);
    const read = await stack.query<{ disclosure: Record<string, unknown> }>(
      `query ($id: String!) { disclosure(indexNumber: $id) { title status ... on StudentAid { recipients { name amount { yuan } } totalAmount { yuan } } } }`,
      { id: answer.accepted[0].indexNumber },
      yueyang.headers,
    );
    expect(read.data?.disclosure).toEqual({
      title: '欧**文、司**如同学获2023-2024学年国家奖学金公示',
      status: 'DRAFT',
      recipients: [
        { name: '欧**文', amount: { yuan: '8000.00' } },
        { name: '司**如', amount: { yuan: '8000.00' } },
      ],
      totalAmount: { yuan: '16000.00' },
    });
    const seen = [text, JSON.stringify(read)];
    for (const db of Object.values(stack.databases)) {
      for (const { name } of await db.listCollections().toArray()) seen.push(JSON.stringify(await db.collection(name).find().toArray()));
    }
    const haystack = seen.join('\n');
    expect(haystack).toContain('欧**文');
    for (const raw of [...RAW_NAMES, RAW_ID_NUMBER]) expect(haystack).not.toContain(raw);
  });
});
