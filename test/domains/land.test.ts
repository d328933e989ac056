/**
 * The land subgraph through the gateway: every land type with its fields, the typed filters, the
 * Agency join, bad input, and the rules of a mining-right transfer.
 */
import type { HouseExpropriationFields } from '../../model/records/land/house-expropriation';
import type { LandExpropriationFields } from '../../model/records/land/land-expropriation';
import type { LandTransferFields } from '../../model/records/land/land-transfer';
import type { MiningRightTransferFields } from '../../model/records/land/mining-right-transfer';
import { FIELD_SCHEMAS } from '../../model/records';
import { validateSubmission } from '../../model/input';
import { agencyNamed, disclosure, envelope } from '../support/builders';
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

function miningFields(overrides: Partial<MiningRightTransferFields> = {}): MiningRightTransferFields {
  return {
    projectName: '岳阳县新墙镇金矿勘探',
    right: 'EXPLORATION',
    mineral: '金矿',
    location: '新墙镇东山村',
    areaSquareKilometres: 12.35,
    method: 'LISTING',
    termYears: 5,
    startingPriceFen: 1_200_000_00,
    finalPriceFen: 1_860_000_50,
    winningParty: '湖南湘金矿业有限公司',
    licenceNumber: 'T43122023010101234567',
    transferredOn: '2023-04-12',
    ...overrides,
  };
}

let stack: TestStack;
const goldExploration = disclosure(
  'MiningRightTransfer',
  envelope(YUEYANG_LAND, { title: '岳阳县新墙镇金矿探矿权挂牌出让结果公示', category: '矿业权出让', publishedAt: new Date('2023-04-20T02:00:00Z') }),
  miningFields(),
);
const limestoneMine = disclosure(
  'MiningRightTransfer',
  envelope(CHUXIONG_LAND, { title: '楚雄州建筑用灰岩采矿权拍卖出让结果公示', category: '矿业权出让', publishedAt: new Date('2022-09-01T02:00:00Z') }),
  miningFields({
    projectName: '楚雄市东瓜镇建筑用灰岩矿',
    right: 'MINING',
    mineral: '建筑用灰岩',
    location: '东瓜镇和平村',
    areaSquareKilometres: 0.2136,
    method: 'AUCTION',
    termYears: 10,
    startingPriceFen: 8_000_000_00,
    finalPriceFen: 23_450_000_00,
    winningParty: '楚雄州恒通矿业开发有限公司',
    licenceNumber: null,
    transferredOn: '2022-08-26',
  }),
);
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
  const result = await stack.writer.write([cheapTransfer, dearTransfer, landExpropriation, houseExpropriationRecord, goldExploration, limestoneMine]);
  expect(result).toEqual({ written: 6, rejected: [] });
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

describe('mining-right transfers', () => {
  it('answers every field, with the transfer income exact in fen and yuan', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        miningRightTransfer(indexNumber: $id) {
          id title domain category agency { name } region { name }
          projectName right mineral location areaSquareKilometres method termYears
          startingPrice { fen yuan currency } finalPrice { fen yuan currency } winningParty licenceNumber transferredOn
        }
      }`,
      { id: goldExploration.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.miningRightTransfer).toEqual({
      id: goldExploration.envelope.indexNumber,
      title: '岳阳县新墙镇金矿探矿权挂牌出让结果公示',
      domain: 'LAND',
      category: '矿业权出让',
      agency: { name: YUEYANG_LAND },
      region: { name: '岳阳县' },
      projectName: '岳阳县新墙镇金矿勘探',
      right: 'EXPLORATION',
      mineral: '金矿',
      location: '新墙镇东山村',
      areaSquareKilometres: 12.35,
      method: 'LISTING',
      termYears: 5,
      startingPrice: { fen: 120_000_000, yuan: '1200000.00', currency: 'CNY' },
      finalPrice: { fen: 186_000_050, yuan: '1860000.50', currency: 'CNY' },
      winningParty: '湖南湘金矿业有限公司',
      licenceNumber: 'T43122023010101234567',
      transferredOn: '2023-04-12',
    });
  });

  it.each([
    ['minerals', { minerals: ['建筑用灰岩'] }, [limestoneMine]],
    ['rights', { rights: ['EXPLORATION'] }, [goldExploration]],
    ['methods', { methods: ['AUCTION', 'TENDER'] }, [limestoneMine]],
    ['a final price floor', { minFinalPrice: '1860000.50' }, [goldExploration, limestoneMine]],
    ['a final price ceiling', { maxFinalPrice: '1860000.49' }, []],
    ['a final price range', { minFinalPrice: '2000000', maxFinalPrice: '23450000' }, [limestoneMine]],
    ['a deal date range', { transferredFrom: '2023-01-01', transferredTo: '2023-12-31' }, [goldExploration]],
  ])('filters by %s', async (_name, filter, expected) => {
    const response = await stack.query<{ miningRightTransfers: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
      `query ($filter: MiningRightTransferFilter) { miningRightTransfers(filter: $filter) { totalCount edges { node { id } } } }`,
      { filter },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.miningRightTransfers.edges.map((e) => e.node.id)).toEqual(expected.map((r) => r.envelope.indexNumber));
    expect(response.data?.miningRightTransfers.totalCount).toBe(expected.length);
  });

  it('lists an agency’s mining-right transfers, and finds them in the catalogue by type and heading', async () => {
    const response = await stack.query<{
      agency: { miningRightTransfers: { totalCount: number; edges: Array<{ node: { mineral: string } }> } };
      catalogue: { totalCount: number; facets: { type: Array<{ value: string; count: number }> } };
    }>(
      `query ($code: ID!) {
        agency(code: $code) { miningRightTransfers { totalCount edges { node { mineral } } } }
        catalogue(filter: { categories: ["矿业权出让"] }) { totalCount facets { type { value count } } }
      }`,
      { code: limestoneMine.envelope.agencyCode },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.agency.miningRightTransfers).toEqual({ totalCount: 1, edges: [{ node: { mineral: '建筑用灰岩' } }] });
    expect(response.data?.catalogue).toEqual({ totalCount: 2, facets: { type: [{ value: 'MiningRightTransfer', count: 2 }] } });
  });

  it('reaches the change feed with its own fields, and the Atom feed of its heading', async () => {
    const response = await stack.query<{ changes: { edges: Array<{ node: { kind: string; type: string; disclosure: { finalPrice: { yuan: string } } } }> } }>(
      `{ changes(filter: { types: [MiningRightTransfer] }) { edges { node { kind type disclosure { ... on MiningRightTransfer { finalPrice { yuan } } } } } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.changes.edges.map((e) => e.node).sort((a, b) => a.disclosure.finalPrice.yuan.localeCompare(b.disclosure.finalPrice.yuan))).toEqual([
      { kind: 'UPSERT', type: 'MiningRightTransfer', disclosure: { finalPrice: { yuan: '1860000.50' } } },
      { kind: 'UPSERT', type: 'MiningRightTransfer', disclosure: { finalPrice: { yuan: '23450000.00' } } },
    ]);
    const feed = await fetch(new URL(`feeds/category/${encodeURIComponent('矿业权出让')}.atom`, stack.gatewayUrl));
    expect(feed.status).toBe(200);
    const atom = await feed.text();
    expect(atom).toContain('岳阳县新墙镇金矿探矿权挂牌出让结果公示');
    expect(atom).toContain('楚雄州建筑用灰岩采矿权拍卖出让结果公示');
  });

  const submission = (fields: Record<string, unknown>) => {
    const agency = agencyNamed(YUEYANG_LAND);
    return {
      type: 'MiningRightTransfer',
      envelope: {
        indexNumber: `${agency._id}-/2023-4000001`,
        title: '岳阳县建筑用砂采矿权拍卖出让结果公示',
        category: '矿业权出让',
        agencyCode: agency._id,
        regionCode: agency.regionCode,
        publishedAt: '2023-05-06T10:00:00+08:00',
        disclosureMode: 'FULL',
      },
      fields: {
        projectName: '岳阳县鹿门镇建筑用砂矿',
        right: 'MINING',
        mineral: '建筑用砂',
        location: '鹿门镇团结村',
        areaSquareKilometres: 0.35,
        method: 'AUCTION',
        termYears: 10,
        startingPrice: '5000000',
        finalPrice: '12800000.00',
        winningParty: '岳阳县鑫源矿业有限公司',
        transferredOn: '2023-04-28',
        ...fields,
      },
    };
  };

  it('accepts a transfer as publishers send it, storing money in fen and a missing licence as null', () => {
    const result = validateSubmission(submission({}), FIELD_SCHEMAS);
    expect(result.ok && result.input.fields).toMatchObject({ startingPriceFen: 500_000_000, finalPriceFen: 1_280_000_000, licenceNumber: null });
  });

  it.each([
    ['an auction below its starting price', { finalPrice: '4999999.99' }, 'fields.finalPrice', 'not-below-starting'],
    ['a listing below its starting price', { method: 'LISTING', finalPrice: '1' }, 'fields.finalPrice', 'not-below-starting'],
    ['an exploration right for more than 5 years', { right: 'EXPLORATION', termYears: 7 }, 'fields.termYears', 'term-limit'],
    ['a mining right to the first applicant', { method: 'FIRST_COME_APPLICATION' }, 'fields.method', 'first-come-exploration'],
    ['a mining licence numbered like an exploration licence', { licenceNumber: 'T43122023010101234567' }, 'fields.licenceNumber', 'licence-prefix'],
    ['an unknown right', { right: 'OIL' }, 'fields.right', 'one-of'],
    ['a term of more than 30 years', { termYears: 31 }, 'fields.termYears', 'maximum'],
  ])('refuses %s, naming the field and the rule', (_name, fields, field, rule) => {
    const result = validateSubmission(submission(fields), FIELD_SCHEMAS);
    expect(result.ok ? [] : result.errors.map((e) => [e.field, e.rule])).toEqual([[field, rule]]);
  });

  it('accepts an agreement below what an auction would fetch, and a tender at its starting price', () => {
    expect(validateSubmission(submission({ method: 'AGREEMENT', finalPrice: '5000000' }), FIELD_SCHEMAS).ok).toBe(true);
    expect(validateSubmission(submission({ method: 'TENDER', finalPrice: '5000000' }), FIELD_SCHEMAS).ok).toBe(true);
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
    ['an unknown mining right', `{ miningRightTransfers(filter: { rights: [OIL] }) { totalCount } }`, 'filter.rights'],
    ['a final price range upside down', `{ miningRightTransfers(filter: { minFinalPrice: "2", maxFinalPrice: "1" }) { totalCount } }`, 'filter.minFinalPrice'],
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
