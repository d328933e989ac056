/**
 * The housing subgraph through the gateway: both housing types with their fields, the typed
 * filters, the Agency join, de-identified personal data, and bad input.
 */
import { RECORD_TYPES } from '../../model/record-types';
import { maskIdNumber, maskName } from '../../model/deidentify';
import type { AffordableHousingProjectFields } from '../../model/records/housing/affordable-housing-project';
import type { HousingAllocationFields } from '../../model/records/housing/housing-allocation';
import { disclosure, envelope } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const YUEYANG_HOUSING = '岳阳县住房和城乡建设局';
const CHUXIONG_HOUSING = '楚雄州住房和城乡建设局';
const BINHU_ESTATE = '岳阳县滨湖花园公租房项目';
const RENT_SUBSIDY = '岳阳县城镇住房困难家庭租赁补贴';

const publicRental = disclosure<AffordableHousingProjectFields>(
  'AffordableHousingProject',
  envelope(YUEYANG_HOUSING, {
    title: '岳阳县2015年保障性安居工程公租房项目建设情况公开',
    category: '保障性安居工程',
    subjectTerms: ['保障性住房', '公租房'],
    writtenOn: '2016-01-05',
    publishedAt: new Date('2016-01-10T02:00:00.000Z'),
  }),
  {
    projectName: '岳阳县荣家湾镇滨湖花园公租房项目',
    housingType: 'PUBLIC_RENTAL',
    location: '荣家湾镇建设路88号',
    planYear: 2015,
    unitsPlanned: 300,
    unitsStarted: 280,
    unitsCompleted: 120,
    investmentFen: 4_567_890_123,
    implementingBody: '岳阳县城市建设投资开发有限公司',
  },
);
const shantyTown = disclosure<AffordableHousingProjectFields>(
  'AffordableHousingProject',
  envelope(CHUXIONG_HOUSING, { publishedAt: new Date('2019-01-10T02:00:00.000Z') }),
  {
    projectName: '楚雄市鹿城镇老街片区棚户区改造项目',
    housingType: 'SHANTY_TOWN_RENOVATION',
    location: '鹿城镇南门片区',
    planYear: 2018,
    unitsPlanned: 900,
    unitsStarted: 650,
    unitsCompleted: 300,
    investmentFen: 30_000_000_000,
    implementingBody: '楚雄州城市发展集团有限公司',
  },
);
const subsidisedRental = disclosure<AffordableHousingProjectFields>(
  'AffordableHousingProject',
  envelope(CHUXIONG_HOUSING, { publishedAt: new Date('2023-01-10T02:00:00.000Z') }),
  {
    projectName: '楚雄市存量房屋改建保障性租赁住房项目',
    housingType: 'SUBSIDISED_RENTAL',
    location: '鹿城镇人民路12号',
    planYear: 2022,
    unitsPlanned: 0,
    unitsStarted: 0,
    unitsCompleted: 0,
    investmentFen: 0,
    implementingBody: '楚雄州住房保障服务中心',
  },
);

function allocationEnvelope(agencyName: string, publishedAt: string) {
  return envelope(agencyName, { category: '保障性住房分配', publishedAt: new Date(publishedAt) });
}

// The publisher masks the household head's name and ID number before handing the record in.
const allocatedUnit = disclosure<HousingAllocationFields>(
  'HousingAllocation',
  envelope(YUEYANG_HOUSING, {
    title: '岳阳县滨湖花园公租房项目2017年第二批分配结果公示',
    category: '保障性住房分配',
    subjectTerms: ['公租房', '分配结果'],
    writtenOn: '2017-05-21',
    publishedAt: new Date('2017-05-25T02:00:00.000Z'),
  }),
  {
    projectName: BINHU_ESTATE,
    householdHead: maskName('张三丰'),
    idNumber: maskIdNumber('430621199001011234'),
    householdSize: 3,
    outcome: 'APPROVED',
    unitNumber: '3栋2单元501',
    unitAreaSquareMetres: 49.5,
    monthlyRentSubsidyFen: null,
    batch: '2017年第二批',
    allocatedOn: '2017-05-20',
  },
);
const grantedSubsidy = disclosure<HousingAllocationFields>('HousingAllocation', allocationEnvelope(YUEYANG_HOUSING, '2017-06-05T02:00:00.000Z'), {
  projectName: RENT_SUBSIDY,
  householdHead: maskName('欧阳修文'),
  idNumber: maskIdNumber('430621900101123'),
  householdSize: 4,
  outcome: 'APPROVED',
  unitNumber: null,
  unitAreaSquareMetres: null,
  monthlyRentSubsidyFen: 48_750,
  batch: '2017年第二批',
  allocatedOn: '2017-06-01',
});
const waitlisted = disclosure<HousingAllocationFields>('HousingAllocation', allocationEnvelope(YUEYANG_HOUSING, '2017-05-25T03:00:00.000Z'), {
  projectName: BINHU_ESTATE,
  householdHead: maskName('李四'),
  idNumber: maskIdNumber('43062119851212345x'),
  householdSize: 1,
  outcome: 'WAITLISTED',
  unitNumber: null,
  unitAreaSquareMetres: null,
  monthlyRentSubsidyFen: null,
  batch: '2017年第二批',
  allocatedOn: '2017-05-20',
});
const rejected = disclosure<HousingAllocationFields>('HousingAllocation', allocationEnvelope(CHUXIONG_HOUSING, '2016-11-15T02:00:00.000Z'), {
  projectName: '楚雄市安居苑公租房项目',
  householdHead: maskName('王五'),
  idNumber: maskIdNumber('532301197803030021'),
  householdSize: 2,
  outcome: 'REJECTED',
  unitNumber: null,
  unitAreaSquareMetres: null,
  monthlyRentSubsidyFen: null,
  batch: '2016年第三批',
  allocatedOn: '2016-11-11',
});

type Connection = { totalCount: number; edges: Array<{ node: { id: string } }> };
type PagedConnection = Connection & { pageInfo: { hasNextPage: boolean; endCursor: string | null } };
const ids = (records: Array<{ envelope: { indexNumber: string } }>) => records.map((r) => r.envelope.indexNumber);

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('housing');
  const result = await stack.writer.write([publicRental, shantyTown, subsidisedRental, allocatedUnit, grantedSubsidy, waitlisted, rejected]);
  expect(result).toEqual({ written: 7, rejected: [] });
});
afterAll(async () => {
  await stack?.close();
});

describe('affordable housing projects', () => {
  it('answers every field, with the investment exact in fen and yuan and the completion rate derived', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        affordableHousingProject(indexNumber: $id) {
          id indexNumber title domain category documentNumber subjectTerms writtenOn publishedAt publishedOn
          disclosureMode sourceUrl agency { code name } region { code name }
          projectName housingType location planYear unitsPlanned unitsStarted unitsCompleted completionRate
          investment { fen yuan currency } implementingBody
        }
      }`,
      { id: publicRental.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.affordableHousingProject).toEqual({
      id: publicRental.envelope.indexNumber,
      indexNumber: publicRental.envelope.indexNumber,
      title: '岳阳县2015年保障性安居工程公租房项目建设情况公开',
      domain: 'HOUSING',
      category: '保障性安居工程',
      documentNumber: null,
      subjectTerms: ['保障性住房', '公租房'],
      writtenOn: '2016-01-05',
      publishedAt: '2016-01-10T02:00:00.000Z',
      publishedOn: '2016-01-10',
      disclosureMode: 'FULL',
      sourceUrl: null,
      agency: { code: publicRental.envelope.agencyCode, name: YUEYANG_HOUSING },
      region: { code: '430621', name: '岳阳县' },
      projectName: '岳阳县荣家湾镇滨湖花园公租房项目',
      housingType: 'PUBLIC_RENTAL',
      location: '荣家湾镇建设路88号',
      planYear: 2015,
      unitsPlanned: 300,
      unitsStarted: 280,
      unitsCompleted: 120,
      completionRate: 0.4,
      investment: { fen: 4_567_890_123, yuan: '45678901.23', currency: 'CNY' },
      implementingBody: '岳阳县城市建设投资开发有限公司',
    });
  });

  it('rounds the completion rate to four decimals, and has none when no units are planned', async () => {
    const response = await stack.query<{ affordableHousingProjects: { edges: Array<{ node: Record<string, unknown> }> } }>(
      `{ affordableHousingProjects(envelope: { regionCodes: ["532300"] }) { edges { node { projectName completionRate investment { yuan } } } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.affordableHousingProjects.edges).toEqual([
      { node: { projectName: '楚雄市存量房屋改建保障性租赁住房项目', completionRate: null, investment: { yuan: '0.00' } } },
      { node: { projectName: '楚雄市鹿城镇老街片区棚户区改造项目', completionRate: 0.3333, investment: { yuan: '300000000.00' } } },
    ]);
  });

  it.each([
    ['a housing type', { housingTypes: ['PUBLIC_RENTAL'] }, [publicRental]],
    ['housing types', { housingTypes: ['SHANTY_TOWN_RENOVATION', 'SUBSIDISED_RENTAL'] }, [subsidisedRental, shantyTown]],
    ['a housing type none has', { housingTypes: ['LOW_RENT', 'ECONOMY'] }, []],
    ['a plan year range', { planYearFrom: 2016, planYearTo: 2018 }, [shantyTown]],
    ['a single plan year', { planYearFrom: 2015, planYearTo: 2015 }, [publicRental]],
    ['a first plan year', { planYearFrom: 2019 }, [subsidisedRental]],
    ['a last plan year', { planYearTo: 2014 }, []],
    ['the fewest units planned', { minUnitsPlanned: 300 }, [shantyTown, publicRental]],
    ['more units planned than any', { minUnitsPlanned: 901 }, []],
    ['the smallest investment, inclusive', { minInvestment: '45678901.23' }, [shantyTown, publicRental]],
    ['the smallest investment, one fen more', { minInvestment: '45678901.24' }, [shantyTown]],
    ['a combination', { housingTypes: ['PUBLIC_RENTAL'], minUnitsPlanned: 301 }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    const response = await stack.query<{ affordableHousingProjects: Connection }>(
      `query ($filter: AffordableHousingProjectFilter) { affordableHousingProjects(filter: $filter) { totalCount edges { node { id } } } }`,
      { filter },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.affordableHousingProjects.edges.map((e) => e.node.id)).toEqual(ids(expected));
    expect(response.data?.affordableHousingProjects.totalCount).toBe(expected.length);
  });
});

describe('housing allocations', () => {
  it('answers every field, with the household head and ID number de-identified', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        housingAllocation(indexNumber: $id) {
          id indexNumber title domain category subjectTerms writtenOn publishedAt publishedOn agency { name } region { code }
          projectName householdHead idNumber householdSize outcome unitNumber unitAreaSquareMetres
          monthlyRentSubsidy { fen yuan currency } batch allocatedOn
        }
      }`,
      { id: allocatedUnit.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.housingAllocation).toEqual({
      id: allocatedUnit.envelope.indexNumber,
      indexNumber: allocatedUnit.envelope.indexNumber,
      title: '岳阳县滨湖花园公租房项目2017年第二批分配结果公示',
      domain: 'HOUSING',
      category: '保障性住房分配',
      subjectTerms: ['公租房', '分配结果'],
      writtenOn: '2017-05-21',
      publishedAt: '2017-05-25T02:00:00.000Z',
      publishedOn: '2017-05-25',
      agency: { name: YUEYANG_HOUSING },
      region: { code: '430621' },
      projectName: BINHU_ESTATE,
      householdHead: '张*丰',
      idNumber: '4306**********1234',
      householdSize: 3,
      outcome: 'APPROVED',
      unitNumber: '3栋2单元501',
      unitAreaSquareMetres: 49.5,
      monthlyRentSubsidy: null,
      batch: '2017年第二批',
      allocatedOn: '2017-05-20',
    });
  });

  it('answers a rent subsidy exactly, and legacy ID numbers and short names masked by their rules', async () => {
    const response = await stack.query<{ housingAllocations: { edges: Array<{ node: Record<string, unknown> }> } }>(
      `{ housingAllocations(envelope: { agencyCodes: ["${grantedSubsidy.envelope.agencyCode}"] }) { edges { node {
          projectName householdHead idNumber outcome unitNumber unitAreaSquareMetres monthlyRentSubsidy { fen yuan currency } } } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.housingAllocations.edges.map((e) => e.node)).toEqual([
      {
        projectName: RENT_SUBSIDY,
        householdHead: '欧**文',
        idNumber: '4306********123',
        outcome: 'APPROVED',
        unitNumber: null,
        unitAreaSquareMetres: null,
        monthlyRentSubsidy: { fen: 48_750, yuan: '487.50', currency: 'CNY' },
      },
      {
        projectName: BINHU_ESTATE,
        householdHead: '李*',
        idNumber: '4306**********345X',
        outcome: 'WAITLISTED',
        unitNumber: null,
        unitAreaSquareMetres: null,
        monthlyRentSubsidy: null,
      },
      {
        projectName: BINHU_ESTATE,
        householdHead: '张*丰',
        idNumber: '4306**********1234',
        outcome: 'APPROVED',
        unitNumber: '3栋2单元501',
        unitAreaSquareMetres: 49.5,
        monthlyRentSubsidy: null,
      },
    ]);
  });

  it('stores only the masked name and ID number', async () => {
    const { subgraph, collection } = RECORD_TYPES.HousingAllocation;
    const stored = await stack.databases[subgraph]
      .collection(collection)
      .find({}, { projection: { _id: 0, householdHead: 1, idNumber: 1 } })
      .sort({ publishedAt: 1 })
      .toArray();
    expect(stored).toEqual([
      { householdHead: '王*', idNumber: '5323**********0021' },
      { householdHead: '张*丰', idNumber: '4306**********1234' },
      { householdHead: '李*', idNumber: '4306**********345X' },
      { householdHead: '欧**文', idNumber: '4306********123' },
    ]);
  });

  it.each([
    ['an outcome', { outcomes: ['APPROVED'] }, [grantedSubsidy, allocatedUnit]],
    ['outcomes', { outcomes: ['WAITLISTED', 'REJECTED'] }, [waitlisted, rejected]],
    ['the project name', { projectName: BINHU_ESTATE }, [waitlisted, allocatedUnit]],
    ['a part of the project name (no match: the name is exact)', { projectName: '岳阳县滨湖花园' }, []],
    ['the smallest household size', { minHouseholdSize: 3 }, [grantedSubsidy, allocatedUnit]],
    ['a household size none reaches', { minHouseholdSize: 5 }, []],
    ['a single allocation day', { allocatedFrom: '2017-05-20', allocatedTo: '2017-05-20' }, [waitlisted, allocatedUnit]],
    ['a first allocation day', { allocatedFrom: '2017-05-21' }, [grantedSubsidy]],
    ['a last allocation day', { allocatedTo: '2016-12-31' }, [rejected]],
    ['a combination', { outcomes: ['APPROVED'], projectName: BINHU_ESTATE, minHouseholdSize: 4 }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    const response = await stack.query<{ housingAllocations: Connection }>(
      `query ($filter: HousingAllocationFilter) { housingAllocations(filter: $filter) { totalCount edges { node { id } } } }`,
      { filter },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.housingAllocations.edges.map((e) => e.node.id)).toEqual(ids(expected));
    expect(response.data?.housingAllocations.totalCount).toBe(expected.length);
  });

  it('pages through allocations oldest first without missing or repeating one', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 4; page += 1) {
      const response = await stack.query<{ housingAllocations: PagedConnection }>(
        `query ($after: String) { housingAllocations(first: 1, after: $after, orderBy: OLDEST_FIRST) {
          totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(response.errors).toBeUndefined();
      const connection = response.data?.housingAllocations as PagedConnection;
      seen.push(...connection.edges.map((e) => e.node.id));
      expect(connection.pageInfo.hasNextPage).toBe(page < 3);
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids([rejected, allocatedUnit, waitlisted, grantedSubsidy]));
  });
});

describe('the Agency join', () => {
  it('lists an agency’s projects and allocations, with the agency’s catalogue fields, in one request', async () => {
    const response = await stack.query(
      `query ($code: ID!) { agency(code: $code) {
          name region { name }
          affordableHousingProjects { totalCount edges { node { projectName } } }
          housingAllocations(filter: { outcomes: [APPROVED] }) { totalCount edges { node { householdHead } } }
        } }`,
      { code: publicRental.envelope.agencyCode },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.agency).toEqual({
      name: YUEYANG_HOUSING,
      region: { name: '岳阳县' },
      affordableHousingProjects: { totalCount: 1, edges: [{ node: { projectName: '岳阳县荣家湾镇滨湖花园公租房项目' } }] },
      housingAllocations: { totalCount: 2, edges: [{ node: { householdHead: '欧**文' } }, { node: { householdHead: '张*丰' } }] },
    });
  });

  it('gives an agency with no housing records empty lists', async () => {
    const response = await stack.query(
      `query ($code: ID!) { agency(code: $code) { affordableHousingProjects { totalCount edges { node { id } } } housingAllocations { totalCount } } }`,
      { code: envelope('岳阳县国土资源局').agencyCode },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.agency).toEqual({
      affordableHousingProjects: { totalCount: 0, edges: [] },
      housingAllocations: { totalCount: 0 },
    });
  });
});

describe('bad input', () => {
  it.each([
    ['a first plan year after the last', `{ affordableHousingProjects(filter: { planYearFrom: 2020, planYearTo: 2019 }) { totalCount } }`, 'filter.planYearFrom'],
    ['an investment with three decimals', `{ affordableHousingProjects(filter: { minInvestment: "1.234" }) { totalCount } }`, 'filter.minInvestment'],
    ['a negative investment', `{ affordableHousingProjects(filter: { minInvestment: "-5" }) { totalCount } }`, 'filter.minInvestment'],
    ['an investment given as a number', `{ affordableHousingProjects(filter: { minInvestment: 5 }) { totalCount } }`, 'filter.minInvestment'],
    ['an unknown housing type', `{ affordableHousingProjects(filter: { housingTypes: [VILLA] }) { totalCount } }`, 'filter.housingTypes'],
    ['a first allocation day after the last', `{ housingAllocations(filter: { allocatedFrom: "2017-06-02", allocatedTo: "2017-06-01" }) { totalCount } }`, 'filter.allocatedFrom'],
    ['an invalid allocation day', `{ housingAllocations(filter: { allocatedFrom: "2017-02-30" }) { totalCount } }`, 'filter.allocatedFrom'],
    ['an unknown outcome', `{ housingAllocations(filter: { outcomes: [MAYBE] }) { totalCount } }`, 'filter.outcomes'],
    ['a household size given as text', `{ housingAllocations(filter: { minHouseholdSize: "three" }) { totalCount } }`, 'filter.minHouseholdSize'],
  ])('answers %s with BAD_USER_INPUT naming the argument', async (_name, query, argument) => {
    const response = await stack.query(query);
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain(`"${argument}"`);
  });

  it('answers an invalid YuanAmount passed as a variable with BAD_USER_INPUT', async () => {
    const response = await stack.query(
      `query ($filter: AffordableHousingProjectFilter) { affordableHousingProjects(filter: $filter) { totalCount } }`,
      { filter: { minInvestment: '12,000' } },
    );
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain('at "filter.minInvestment"');
  });
});
