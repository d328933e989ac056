/**
 * The land subgraph through the gateway: every land type with its fields, the typed filters, the
 * Agency join, and bad input.
 */
import type { HouseExpropriationFields } from '../../model/records/land/house-expropriation';
import type { LandExpropriationFields } from '../../model/records/land/land-expropriation';
import type { LandTransferFields } from '../../model/records/land/land-transfer';
import { disclosure, envelope } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const YUEYANG_LAND = '岳阳县国土资源局';
const CHUXIONG_LAND = '楚雄州国土资源局';

function transferFields(overrides: Partial<LandTransferFields> = {}): LandTransferFields {
  return {
    parcelNumber: '430621-2014-001',
    location: '荣家湾镇工业园区',
    areaSquareMetres: 12_345.67,
    use: 'RESIDENTIAL',
    termYears: 70,
    method: 'LISTING',
    floorAreaRatio: 2.5,
    startingPriceFen: 1_000_000_00,
    finalPriceFen: 1_234_567_89,
    winningParty: '岳阳城投置业有限公司',
    transferredOn: '2014-06-18',
    ...overrides,
  };
}

const expropriation: LandExpropriationFields = {
  approvalNumber: '湘政土批〔2016〕123号',
  approvalAuthority: '湖南省人民政府',
  approvedOn: '2016-04-02',
  location: '荣家湾镇东山村、西湖村',
  areaSquareMetres: 66_666.67,
  landType: 'ARABLE',
  compensationPerMuFen: 45_000_00,
  totalCompensationFen: 4_500_000_00,
  householdsAffected: 37,
  resettlementPlan: '货币安置',
};

const houseExpropriation: HouseExpropriationFields = {
  decisionNumber: '岳政征决字〔2015〕3号',
  decidedOn: '2015-09-10',
  purpose: '棚户区改造（公共利益需要）',
  scope: '城关镇解放路以东、新华街以北',
  householdsAffected: 120,
  buildingAreaSquareMetres: 10_800.5,
  compensationPlan: '货币补偿或房屋产权调换，由被征收人选择',
  compensationBudgetFen: 36_000_000_00,
};

let stack: TestStack;
const cheapTransfer = disclosure(
  'LandTransfer',
  envelope(CHUXIONG_LAND, { title: '楚雄市工业用地挂牌出让结果公示', publishedAt: new Date('2014-03-01T02:00:00Z') }),
  transferFields({ use: 'INDUSTRIAL', method: 'AGREEMENT', finalPriceFen: 300_000_00, areaSquareMetres: 5_000, winningParty: '楚雄恒达房地产开发有限公司' }),
);
const dearTransfer = disclosure(
  'LandTransfer',
  envelope(YUEYANG_LAND, { title: '岳阳县住宅用地拍卖出让结果公示', publishedAt: new Date('2014-05-01T02:00:00Z') }),
  transferFields({ method: 'AUCTION' }),
);
const landExpropriation = disclosure(
  'LandExpropriation',
  envelope(YUEYANG_LAND, { title: '岳阳县2016年度第3批次征地拆迁补偿方案公告', subjectTerms: ['征地', '补偿'] }),
  expropriation,
);
const houseExpropriationRecord = disclosure('HouseExpropriation', envelope('岳阳县住房和城乡建设局'), houseExpropriation);

beforeAll(async () => {
  stack = await startTestStack('land');
  const result = await stack.writer.write([cheapTransfer, dearTransfer, landExpropriation, houseExpropriationRecord]);
  expect(result).toEqual({ written: 4, rejected: [] });
});
afterAll(async () => {
  await stack?.close();
});

describe('land transfers', () => {
  it('answers every field, with money exact in fen and yuan', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        landTransfer(indexNumber: $id) {
          id indexNumber title domain category documentNumber subjectTerms writtenOn publishedAt publishedOn
          disclosureMode sourceUrl agency { code name } region { code name }
          parcelNumber location areaSquareMetres use termYears method floorAreaRatio
          startingPrice { fen yuan currency } finalPrice { fen yuan currency } winningParty transferredOn
        }
      }`,
      { id: dearTransfer.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.landTransfer).toEqual({
      id: dearTransfer.envelope.indexNumber,
      indexNumber: dearTransfer.envelope.indexNumber,
      title: '岳阳县住宅用地拍卖出让结果公示',
      domain: 'LAND',
      category: '测试目录',
      documentNumber: null,
      subjectTerms: [],
      writtenOn: '2017-03-01',
      publishedAt: '2014-05-01T02:00:00.000Z',
      publishedOn: '2014-05-01',
      disclosureMode: 'FULL',
      sourceUrl: null,
      agency: { code: dearTransfer.envelope.agencyCode, name: YUEYANG_LAND },
      region: { code: '430621', name: '岳阳县' },
      parcelNumber: '430621-2014-001',
      location: '荣家湾镇工业园区',
      areaSquareMetres: 12_345.67,
      use: 'RESIDENTIAL',
      termYears: 70,
      method: 'AUCTION',
      floorAreaRatio: 2.5,
      startingPrice: { fen: 100_000_000, yuan: '1000000.00', currency: 'CNY' },
      finalPrice: { fen: 123_456_789, yuan: '1234567.89', currency: 'CNY' },
      winningParty: '岳阳城投置业有限公司',
      transferredOn: '2014-06-18',
    });
  });

  it.each([
    ['a price floor', { minFinalPrice: '1000000' }, [dearTransfer]],
    ['a price ceiling', { maxFinalPrice: '300000.00' }, [cheapTransfer]],
    ['uses', { uses: ['INDUSTRIAL'] }, [cheapTransfer]],
    ['methods', { methods: ['AUCTION', 'LISTING'] }, [dearTransfer]],
    ['an area range', { minAreaSquareMetres: 4000, maxAreaSquareMetres: 6000 }, [cheapTransfer]],
    ['the winning party', { winningParty: '岳阳城投置业有限公司' }, [dearTransfer]],
    ['a deal date range', { transferredFrom: '2014-06-18', transferredTo: '2014-06-18' }, [dearTransfer, cheapTransfer]],
    ['a deal date range that matches nothing', { transferredFrom: '2014-06-19' }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    const response = await stack.query<{ landTransfers: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
      `query ($filter: LandTransferFilter) { landTransfers(filter: $filter) { totalCount edges { node { id } } } }`,
      { filter },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.landTransfers.edges.map((e) => e.node.id)).toEqual(expected.map((r) => r.envelope.indexNumber));
    expect(response.data?.landTransfers.totalCount).toBe(expected.length);
  });

  it('combines envelope filters (region, including the regions below it) with its own', async () => {
    const response = await stack.query<{ landTransfers: { edges: Array<{ node: { id: string } }> } }>(
      `{ landTransfers(envelope: { regionCodes: ["530000"] }, filter: { uses: [INDUSTRIAL] }) { edges { node { id } } } }`,
    );
    expect(response.data?.landTransfers.edges.map((e) => e.node.id)).toEqual([cheapTransfer.envelope.indexNumber]);
  });

  it('orders oldest first on request', async () => {
    const response = await stack.query<{ landTransfers: { edges: Array<{ node: { id: string } }> } }>(
      `{ landTransfers(orderBy: OLDEST_FIRST) { edges { node { id } } } }`,
    );
    expect(response.data?.landTransfers.edges.map((e) => e.node.id)).toEqual([
      cheapTransfer.envelope.indexNumber,
      dearTransfer.envelope.indexNumber,
    ]);
  });
});

describe('expropriations', () => {
  it('answers a land expropriation with its compensation', async () => {
    const response = await stack.query(
      `query ($id: String!) { landExpropriation(indexNumber: $id) {
          approvalNumber approvalAuthority approvedOn location areaSquareMetres landType
          compensationPerMu { yuan } totalCompensation { fen yuan } householdsAffected resettlementPlan subjectTerms } }`,
      { id: landExpropriation.envelope.indexNumber },
    );
    expect(response.data?.landExpropriation).toEqual({
      approvalNumber: '湘政土批〔2016〕123号',
      approvalAuthority: '湖南省人民政府',
      approvedOn: '2016-04-02',
      location: '荣家湾镇东山村、西湖村',
      areaSquareMetres: 66_666.67,
      landType: 'ARABLE',
      compensationPerMu: { yuan: '45000.00' },
      totalCompensation: { fen: 450_000_000, yuan: '4500000.00' },
      householdsAffected: 37,
      resettlementPlan: '货币安置',
      subjectTerms: ['征地', '补偿'],
    });
  });

  it('filters land expropriations by land type and households', async () => {
    const hit = await stack.query<{ landExpropriations: { totalCount: number } }>(
      `{ landExpropriations(filter: { landTypes: [ARABLE], minHouseholdsAffected: 37 }) { totalCount } }`,
    );
    const miss = await stack.query<{ landExpropriations: { totalCount: number } }>(
      `{ landExpropriations(filter: { minHouseholdsAffected: 38 }) { totalCount } }`,
    );
    expect(hit.data?.landExpropriations.totalCount).toBe(1);
    expect(miss.data?.landExpropriations.totalCount).toBe(0);
  });

  it('answers a house expropriation and filters by compensation budget', async () => {
    const response = await stack.query<{ houseExpropriations: { edges: Array<{ node: Record<string, unknown> }> } }>(
      `{ houseExpropriations(filter: { minCompensationBudget: "36000000" }) { edges { node {
          decisionNumber decidedOn householdsAffected buildingAreaSquareMetres compensationBudget { yuan } } } } }`,
    );
    expect(response.data?.houseExpropriations.edges).toEqual([
      {
        node: {
          decisionNumber: '岳政征决字〔2015〕3号',
          decidedOn: '2015-09-10',
          householdsAffected: 120,
          buildingAreaSquareMetres: 10_800.5,
          compensationBudget: { yuan: '36000000.00' },
        },
      },
    ]);
    const none = await stack.query<{ houseExpropriations: { totalCount: number } }>(
      `{ houseExpropriations(filter: { minCompensationBudget: "36000000.01" }) { totalCount } }`,
    );
    expect(none.data?.houseExpropriations.totalCount).toBe(0);
  });
});

describe('the Agency join', () => {
  it('lists an agency’s land transfers, with the agency’s catalogue fields, in one request', async () => {
    const response = await stack.query(
      `query ($code: ID!) { agency(code: $code) { name region { name } landTransfers { totalCount edges { node { title } } } landExpropriations { totalCount } } }`,
      { code: dearTransfer.envelope.agencyCode },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.agency).toEqual({
      name: YUEYANG_LAND,
      region: { name: '岳阳县' },
      landTransfers: { totalCount: 1, edges: [{ node: { title: '岳阳县住宅用地拍卖出让结果公示' } }] },
      landExpropriations: { totalCount: 1 },
    });
  });
});

describe('bad input', () => {
  it.each([
    ['a minimum above the maximum', `{ landTransfers(filter: { minFinalPrice: "2", maxFinalPrice: "1" }) { totalCount } }`, 'filter.minFinalPrice'],
    ['a YuanAmount with three decimals', `{ landTransfers(filter: { minFinalPrice: "1.234" }) { totalCount } }`, 'filter.minFinalPrice'],
    ['an unknown land use', `{ landTransfers(filter: { uses: [CASTLE] }) { totalCount } }`, 'filter.uses'],
    ['an invalid date', `{ landTransfers(filter: { transferredFrom: "2014-02-30" }) { totalCount } }`, 'filter.transferredFrom'],
    ['first: 0', `{ landTransfers(first: 0) { totalCount } }`, 'first'],
    ['an unknown cursor', `{ landTransfers(after: "bm90LWEtY3Vyc29y") { totalCount } }`, 'after'],
  ])('answers %s with BAD_USER_INPUT naming the argument', async (_name, query, argument) => {
    const response = await stack.query(query);
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain(`"${argument}"`);
  });
});
