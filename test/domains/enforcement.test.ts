/**
 * The enforcement subgraph 行政执法公示 through the gateway: the 双公示 pair (administrative licences
 * and penalties of every sector) and administrative coercions with every field, the typed filters,
 * the Agency join, the catalogue's facets, every rule of the three types accepted and refused as a
 * publisher submits, and a natural person's name masked in every field while a company stays named.
 */
import type { AdministrativeCoercionFields } from '../../model/records/enforcement/administrative-coercion';
import type { AdministrativeLicenceFields } from '../../model/records/enforcement/administrative-licence';
import type { AdministrativePenaltyFields } from '../../model/records/enforcement/administrative-penalty';
import { agencyNamed, disclosure, envelope } from '../support/builders';
import { indexNumbers, listIds } from '../support/lists';
import { startTestStack, type TestStack } from '../support/stack';

const YUEYANG_SAFETY = '岳阳县安全生产监督管理局';
const CHUXIONG_SAFETY = '楚雄州安全生产监督管理局';
const YUEYANG_ENVIRONMENT = '岳阳县环境保护局';
const YUEYANG_FOOD_DRUG = '岳阳县食品药品监督管理局';

// ---- Administrative penalties (moved from the safety subgraph, with their sectors and parties) ----

const finedPenaltyFields: AdministrativePenaltyFields = {
  caseNumber: '岳安监罚〔2016〕12号',
  sector: 'WORK_SAFETY',
  party: '岳阳县宏达建筑工程有限公司',
  partyKind: 'LEGAL_PERSON',
  partyCreditCode: '91430621MA4L0X1Y2K',
  violation: '2016年6月6日，执法人员检查发现，该单位特种作业人员未取得相应资格上岗作业。',
  legalBasis: '《中华人民共和国安全生产法》第九十四条第（七）项',
  penaltyKinds: ['FINE'],
  fineAmountFen: 30_000_00,
  decidedOn: '2016-08-02',
};
const finedPenalty = disclosure(
  'AdministrativePenalty',
  envelope(YUEYANG_SAFETY, { title: '岳阳县宏达建筑工程有限公司行政处罚决定书', publishedAt: new Date('2016-08-05T02:00:00.000Z') }),
  finedPenaltyFields,
);
const suspensionPenalty = disclosure(
  'AdministrativePenalty',
  envelope(YUEYANG_SAFETY, { title: '岳阳县金鼎化工有限公司行政处罚决定书', publishedAt: new Date('2017-01-12T02:00:00.000Z') }),
  {
    ...finedPenaltyFields,
    caseNumber: '岳安监罚〔2017〕3号',
    party: '岳阳县金鼎化工有限公司',
    partyCreditCode: '914306213039997631',
    violation: '对检查中发现的重大事故隐患，经责令限期消除后拒不执行。',
    legalBasis: '《中华人民共和国安全生产法》第九十九条',
    penaltyKinds: ['SUSPENSION', 'FINE'],
    fineAmountFen: 123_456_78,
    decidedOn: '2017-01-10',
  } satisfies AdministrativePenaltyFields,
);
const revocationPenalty = disclosure(
  'AdministrativePenalty',
  envelope(CHUXIONG_SAFETY, { title: '楚雄兴旺矿业有限公司行政处罚决定书', publishedAt: new Date('2017-02-25T02:00:00.000Z') }),
  {
    ...finedPenaltyFields,
    caseNumber: '楚安监罚〔2017〕8号',
    party: '楚雄兴旺矿业有限公司',
    partyCreditCode: '91430621841988391W',
    violation: '取得安全生产许可证后，不再具备规定的安全生产条件。',
    legalBasis: '《安全生产许可证条例》第十四条第二款',
    penaltyKinds: ['LICENCE_REVOCATION'],
    fineAmountFen: null,
    decidedOn: '2017-02-20',
  } satisfies AdministrativePenaltyFields,
);
const foodShopPenalty = disclosure(
  'AdministrativePenalty',
  envelope(YUEYANG_FOOD_DRUG, { title: '岳阳县荣家湾镇张记小吃店行政处罚决定书', publishedAt: new Date('2017-03-01T02:00:00.000Z') }),
  {
    caseNumber: '岳食药监罚〔2017〕21号',
    sector: 'MARKET_REGULATION',
    party: '岳阳县荣家湾镇张记小吃店',
    partyKind: 'INDIVIDUAL_BUSINESS',
    partyCreditCode: null,
    violation: '未取得食品经营许可从事食品经营活动。',
    legalBasis: '《中华人民共和国食品安全法》第一百二十二条第一款',
    penaltyKinds: ['CONFISCATION', 'FINE', 'PUBLIC_CRITICISM'],
    fineAmountFen: 50_000_00,
    decidedOn: '2017-02-24',
  } satisfies AdministrativePenaltyFields,
);

// ---- Administrative licences ----

const dischargeLicenceFields: AdministrativeLicenceFields = {
  decisionNumber: '岳环许〔2019〕8号',
  licenceNumber: '91430621389790847G001P',
  licenceName: '排污许可证',
  licenceCategory: 'GENERAL',
  holder: '岳阳县鑫源造纸有限公司',
  holderKind: 'LEGAL_PERSON',
  holderCreditCode: '91430621389790847G',
  content: '准予按照许可的污染物种类、排放浓度和排放量排放废水污染物',
  legalBasis: '《中华人民共和国环境保护法》第四十五条',
  decidedOn: '2019-06-10',
  validFrom: '2019-06-11',
  validTo: '2024-06-10',
};
const dischargeLicence = disclosure(
  'AdministrativeLicence',
  envelope(YUEYANG_ENVIRONMENT, { title: '岳阳县鑫源造纸有限公司排污许可决定', category: '行政许可', publishedAt: new Date('2019-06-14T02:00:00.000Z') }),
  dischargeLicenceFields,
);
const foodLicence = disclosure(
  'AdministrativeLicence',
  envelope(YUEYANG_FOOD_DRUG, { title: '岳阳县荣家湾镇张记小吃店食品经营许可决定', category: '行政许可', publishedAt: new Date('2019-07-02T02:00:00.000Z') }),
  {
    decisionNumber: '岳食药监许〔2019〕132号',
    licenceNumber: null,
    licenceName: '食品经营许可证',
    licenceCategory: 'GENERAL',
    holder: '岳阳县荣家湾镇张记小吃店',
    holderKind: 'INDIVIDUAL_BUSINESS',
    holderCreditCode: '92430621555292289Y',
    content: '准予从事热食类食品制售',
    legalBasis: '《中华人民共和国食品安全法》第三十五条',
    decidedOn: '2019-06-28',
    validFrom: '2019-06-28',
    validTo: null,
  } satisfies AdministrativeLicenceFields,
);
const qualificationLicence = disclosure(
  'AdministrativeLicence',
  envelope('岳阳县住房和城乡建设局', { title: '岳阳县宏达建筑工程有限公司建筑业企业资质许可决定', category: '行政许可', publishedAt: new Date('2019-08-01T02:00:00.000Z') }),
  {
    ...dischargeLicenceFields,
    decisionNumber: '岳住建许〔2019〕40号',
    licenceNumber: 'D343062190',
    licenceName: '建筑业企业资质证书',
    licenceCategory: 'APPROVAL',
    holder: '岳阳县宏达建筑工程有限公司',
    holderCreditCode: '91430621MA4L0X1Y2K',
    content: '准予建筑工程施工总承包三级资质',
    legalBasis: '《中华人民共和国建筑法》第十三条',
    decidedOn: '2019-07-25',
    validFrom: '2019-07-25',
    validTo: '2024-07-24',
  } satisfies AdministrativeLicenceFields,
);

// ---- Administrative coercions ----

const sealingFields: AdministrativeCoercionFields = {
  decisionNumber: '岳环强〔2020〕5号',
  kind: 'SEALING',
  party: '岳阳县华盛化工有限公司',
  partyKind: 'LEGAL_PERSON',
  partyCreditCode: '91430621532031326N',
  object: '违法排放水污染物的生产线及配套排污设施',
  legalBasis: '《中华人民共和国环境保护法》第二十五条',
  amountFen: null,
  startedOn: '2020-05-06',
  endsOn: '2020-06-05',
  extended: false,
  releasedOn: '2020-05-28',
};
const sealing = disclosure(
  'AdministrativeCoercion',
  envelope(YUEYANG_ENVIRONMENT, { title: '岳阳县华盛化工有限公司查封决定书', category: '行政强制', publishedAt: new Date('2020-05-08T02:00:00.000Z') }),
  sealingFields,
);
const freezing = disclosure(
  'AdministrativeCoercion',
  envelope(YUEYANG_ENVIRONMENT, { title: '楚雄恒通建材有限公司冻结存款决定书', category: '行政强制', publishedAt: new Date('2020-07-03T02:00:00.000Z') }),
  {
    ...sealingFields,
    decisionNumber: '岳环强〔2020〕9号',
    kind: 'FREEZING',
    party: '楚雄恒通建材有限公司',
    partyCreditCode: '91430621768420600G',
    object: '当事人在中国农业银行岳阳县支行开立的基本存款账户',
    amountFen: 1_234_567_89,
    startedOn: '2020-07-01',
    endsOn: '2020-08-29',
    extended: true,
    releasedOn: null,
  } satisfies AdministrativeCoercionFields,
);

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('enforcement');
  const records = [finedPenalty, suspensionPenalty, revocationPenalty, foodShopPenalty, dischargeLicence, foodLicence, qualificationLicence, sealing, freezing];
  expect(await stack.writer.write(records)).toEqual({ written: records.length, rejected: [] });
});
afterAll(async () => {
  await stack?.close();
});

describe('administrative licences', () => {
  it('answers every field, in the ENFORCEMENT domain', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        administrativeLicence(indexNumber: $id) {
          id domain title category agency { name }
          decisionNumber licenceNumber licenceName licenceCategory holder holderKind holderCreditCode content legalBasis decidedOn validFrom validTo
        }
      }`,
      { id: dischargeLicence.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.administrativeLicence).toEqual({
      id: dischargeLicence.envelope.indexNumber,
      domain: 'ENFORCEMENT',
      title: '岳阳县鑫源造纸有限公司排污许可决定',
      category: '行政许可',
      agency: { name: YUEYANG_ENVIRONMENT },
      decisionNumber: '岳环许〔2019〕8号',
      licenceNumber: '91430621389790847G001P',
      licenceName: '排污许可证',
      licenceCategory: 'GENERAL',
      holder: '岳阳县鑫源造纸有限公司',
      holderKind: 'LEGAL_PERSON',
      holderCreditCode: '91430621389790847G',
      content: '准予按照许可的污染物种类、排放浓度和排放量排放废水污染物',
      legalBasis: '《中华人民共和国环境保护法》第四十五条',
      decidedOn: '2019-06-10',
      validFrom: '2019-06-11',
      validTo: '2024-06-10',
    });
  });

  it('answers a long-term licence without a certificate number with nulls', async () => {
    const response = await stack.query(
      `query ($id: String!) { administrativeLicence(indexNumber: $id) { licenceNumber holderKind validTo } }`,
      { id: foodLicence.envelope.indexNumber },
    );
    expect(response.data?.administrativeLicence).toEqual({ licenceNumber: null, holderKind: 'INDIVIDUAL_BUSINESS', validTo: null });
  });

  it.each([
    ['licence categories', { licenceCategories: ['APPROVAL', 'SPECIAL'] }, [qualificationLicence]],
    ['a category nobody holds', { licenceCategories: ['REGISTRATION'] }, []],
    ['the exact holder', { holder: '岳阳县荣家湾镇张记小吃店' }, [foodLicence]],
    ['part of a holder name, which matches nothing', { holder: '张记小吃店' }, []],
    ['the holder’s credit code', { holderCreditCode: '91430621MA4L0X1Y2K' }, [qualificationLicence]],
    ['decided from', { decidedFrom: '2019-06-28' }, [qualificationLicence, foodLicence]],
    ['decided to', { decidedTo: '2019-06-27' }, [dischargeLicence]],
  ])('filters by %s', async (_name, filter, expected) => {
    const { ids, totalCount } = await listIds(stack, 'administrativeLicences', 'AdministrativeLicenceFilter', filter);
    expect(ids).toEqual(indexNumbers(expected));
    expect(totalCount).toBe(expected.length);
  });
});

describe('administrative penalties', () => {
  it('answers every field, with the fine exact in fen and yuan, in the ENFORCEMENT domain', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        administrativePenalty(indexNumber: $id) {
          id domain title agency { name }
          caseNumber sector party partyKind partyCreditCode violation legalBasis penaltyKinds fineAmount { fen yuan currency } decidedOn
        }
      }`,
      { id: suspensionPenalty.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.administrativePenalty).toEqual({
      id: suspensionPenalty.envelope.indexNumber,
      domain: 'ENFORCEMENT',
      title: '岳阳县金鼎化工有限公司行政处罚决定书',
      agency: { name: YUEYANG_SAFETY },
      caseNumber: '岳安监罚〔2017〕3号',
      sector: 'WORK_SAFETY',
      party: '岳阳县金鼎化工有限公司',
      partyKind: 'LEGAL_PERSON',
      partyCreditCode: '914306213039997631',
      violation: '对检查中发现的重大事故隐患，经责令限期消除后拒不执行。',
      legalBasis: '《中华人民共和国安全生产法》第九十九条',
      penaltyKinds: ['SUSPENSION', 'FINE'],
      fineAmount: { fen: 12_345_678, yuan: '123456.78', currency: 'CNY' },
      decidedOn: '2017-01-10',
    });
  });

  it('answers a decision without a fine with a null fine, and an individual business without a code', async () => {
    const response = await stack.query(
      `query ($a: String!, $b: String!) {
        a: administrativePenalty(indexNumber: $a) { penaltyKinds fineAmount { fen } }
        b: administrativePenalty(indexNumber: $b) { sector partyKind partyCreditCode fineAmount { yuan } }
      }`,
      { a: revocationPenalty.envelope.indexNumber, b: foodShopPenalty.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      a: { penaltyKinds: ['LICENCE_REVOCATION'], fineAmount: null },
      b: { sector: 'MARKET_REGULATION', partyKind: 'INDIVIDUAL_BUSINESS', partyCreditCode: null, fineAmount: { yuan: '50000.00' } },
    });
  });

  it.each([
    ['the exact party', { party: '岳阳县宏达建筑工程有限公司' }, [finedPenalty]],
    ['part of a party name, which matches nothing', { party: '岳阳县宏达' }, []],
    ['the party’s credit code', { partyCreditCode: '91430621841988391W' }, [revocationPenalty]],
    ['sectors', { sectors: ['MARKET_REGULATION', 'TAXATION'] }, [foodShopPenalty]],
    ['a sector with no decision', { sectors: ['TRANSPORT'] }, []],
    ['a penalty kind among several imposed', { penaltyKinds: ['SUSPENSION'] }, [suspensionPenalty]],
    ['a 2021 penalty kind', { penaltyKinds: ['PUBLIC_CRITICISM'] }, [foodShopPenalty]],
    ['any of several kinds', { penaltyKinds: ['FINE', 'LICENCE_REVOCATION'] }, [foodShopPenalty, revocationPenalty, suspensionPenalty, finedPenalty]],
    ['a kind nobody was given', { penaltyKinds: ['WARNING', 'DETENTION'] }, []],
    ['a smallest fine, reached exactly', { minFineAmount: '50000' }, [foodShopPenalty, suspensionPenalty]],
    ['a smallest fine one fen above', { minFineAmount: '50000.01' }, [suspensionPenalty]],
    ['a largest fine, leaving out decisions without one', { maxFineAmount: '123456.78' }, [foodShopPenalty, suspensionPenalty, finedPenalty]],
    ['decided from', { decidedFrom: '2017-01-10' }, [foodShopPenalty, revocationPenalty, suspensionPenalty]],
    ['decided to', { decidedTo: '2017-01-09' }, [finedPenalty]],
    ['sector and kind together', { sectors: ['WORK_SAFETY'], penaltyKinds: ['CONFISCATION', 'LICENCE_REVOCATION'] }, [revocationPenalty]],
  ])('filters by %s', async (_name, filter, expected) => {
    const { ids, totalCount } = await listIds(stack, 'administrativePenalties', 'AdministrativePenaltyFilter', filter);
    expect(ids).toEqual(indexNumbers(expected));
    expect(totalCount).toBe(expected.length);
  });
});

describe('administrative coercions', () => {
  it('answers every field, with the frozen sum exact in fen and yuan', async () => {
    const response = await stack.query(
      `query ($id: String!) {
        administrativeCoercion(indexNumber: $id) {
          id domain decisionNumber kind party partyKind partyCreditCode object legalBasis amount { fen yuan } startedOn endsOn extended releasedOn
        }
      }`,
      { id: freezing.envelope.indexNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.administrativeCoercion).toEqual({
      id: freezing.envelope.indexNumber,
      domain: 'ENFORCEMENT',
      decisionNumber: '岳环强〔2020〕9号',
      kind: 'FREEZING',
      party: '楚雄恒通建材有限公司',
      partyKind: 'LEGAL_PERSON',
      partyCreditCode: '91430621768420600G',
      object: '当事人在中国农业银行岳阳县支行开立的基本存款账户',
      legalBasis: '《中华人民共和国环境保护法》第二十五条',
      amount: { fen: 123_456_789, yuan: '1234567.89' },
      startedOn: '2020-07-01',
      endsOn: '2020-08-29',
      extended: true,
      releasedOn: null,
    });
  });

  it.each([
    ['kinds', { kinds: ['SEALING', 'SEIZURE'] }, [sealing]],
    ['an enforcement kind nobody was subject to', { kinds: ['AUCTION'] }, []],
    ['the exact party', { party: '岳阳县华盛化工有限公司' }, [sealing]],
    ['the party’s credit code', { partyCreditCode: '91430621768420600G' }, [freezing]],
    ['started from', { startedFrom: '2020-06-01' }, [freezing]],
    ['started to', { startedTo: '2020-06-01' }, [sealing]],
  ])('filters by %s', async (_name, filter, expected) => {
    const { ids, totalCount } = await listIds(stack, 'administrativeCoercions', 'AdministrativeCoercionFilter', filter);
    expect(ids).toEqual(indexNumbers(expected));
    expect(totalCount).toBe(expected.length);
  });
});

describe('the Agency join and the catalogue', () => {
  it('lists a work-safety bureau’s penalties and an environment bureau’s licences and coercions, in one request', async () => {
    const response = await stack.query(
      `query ($safety: ID!, $environment: ID!) {
        safety: agency(code: $safety) {
          administrativePenalties { totalCount edges { node { caseNumber } } }
          suspended: administrativePenalties(filter: { penaltyKinds: [SUSPENSION] }) { totalCount }
          administrativeLicences { totalCount }
        }
        environment: agency(code: $environment) {
          name
          administrativeLicences { edges { node { licenceName } } }
          administrativeCoercions { edges { node { kind } } }
        }
      }`,
      { safety: finedPenalty.envelope.agencyCode, environment: dischargeLicence.envelope.agencyCode },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      safety: {
        administrativePenalties: { totalCount: 2, edges: [{ node: { caseNumber: '岳安监罚〔2017〕3号' } }, { node: { caseNumber: '岳安监罚〔2016〕12号' } }] },
        suspended: { totalCount: 1 },
        administrativeLicences: { totalCount: 0 },
      },
      environment: {
        name: YUEYANG_ENVIRONMENT,
        administrativeLicences: { edges: [{ node: { licenceName: '排污许可证' } }] },
        administrativeCoercions: { edges: [{ node: { kind: 'FREEZING' } }, { node: { kind: 'SEALING' } }] },
      },
    });
  });

  it('finds the types in the catalogue by domain and type, with their facets', async () => {
    const response = await stack.query(
      `{
        enforcement: catalogue(filter: { domains: [ENFORCEMENT] }) { totalCount facets { type { value count } domain { value count } } }
        licences: catalogue(filter: { types: [AdministrativeLicence] }) { edges { node { ... on AdministrativeLicence { holder } } } }
        safety: catalogue(filter: { domains: [SAFETY] }) { totalCount }
      }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      enforcement: {
        totalCount: 9,
        facets: {
          type: [
            { value: 'AdministrativePenalty', count: 4 },
            { value: 'AdministrativeLicence', count: 3 },
            { value: 'AdministrativeCoercion', count: 2 },
          ],
          domain: [{ value: 'ENFORCEMENT', count: 9 }],
        },
      },
      licences: {
        edges: [
          { node: { holder: '岳阳县宏达建筑工程有限公司' } },
          { node: { holder: '岳阳县荣家湾镇张记小吃店' } },
          { node: { holder: '岳阳县鑫源造纸有限公司' } },
        ],
      },
      safety: { totalCount: 0 },
    });
  });
});

describe('bad input', () => {
  it.each([
    [
      'a smallest fine above the largest',
      `{ administrativePenalties(filter: { minFineAmount: "30000", maxFineAmount: "100" }) { totalCount } }`,
      'filter.minFineAmount',
    ],
    ['a YuanAmount with three decimals', `{ administrativePenalties(filter: { maxFineAmount: "1.005" }) { totalCount } }`, 'filter.maxFineAmount'],
    ['an invalid decision day', `{ administrativePenalties(filter: { decidedFrom: "2017-02-30" }) { totalCount } }`, 'filter.decidedFrom'],
    ['an unknown sector', `{ administrativePenalties(filter: { sectors: [FISHERIES] }) { totalCount } }`, 'filter.sectors'],
    [
      'a licence decision range that ends before it starts',
      `{ administrativeLicences(filter: { decidedFrom: "2019-07-01", decidedTo: "2019-06-30" }) { totalCount } }`,
      'filter.decidedFrom',
    ],
    ['an unknown licence category', `{ administrativeLicences(filter: { licenceCategories: [PERMIT] }) { totalCount } }`, 'filter.licenceCategories'],
    ['an invalid start day', `{ administrativeCoercions(filter: { startedTo: "2020-13-01" }) { totalCount } }`, 'filter.startedTo'],
  ])('answers %s with BAD_USER_INPUT naming the argument', async (_name, query, argument) => {
    const response = await stack.query(query);
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain(`"${argument}"`);
  });
});

// ---- As publishers submit: the rules, and the parties' names ----

const SUBMIT = `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) {
  accepted { indexNumber status } rejected { position errors { field rule message } } } }`;
const PUBLISHER = agencyNamed(YUEYANG_ENVIRONMENT);
let submitted = 0;

function submission(type: string, title: string, fields: Record<string, unknown>) {
  submitted += 1;
  return {
    type,
    envelope: {
      indexNumber: `${PUBLISHER._id}-/2024-${5_000_000 + submitted}`,
      title,
      category: '双公示',
      agencyCode: PUBLISHER._id,
      regionCode: PUBLISHER.regionCode,
      publishedAt: '2024-05-06T10:00:00+08:00',
      disclosureMode: 'FULL',
    },
    fields,
  };
}

const LICENCE = {
  decisionNumber: '岳环许〔2024〕3号',
  licenceNumber: '91430621389790847G002P',
  licenceName: '排污许可证',
  licenceCategory: 'GENERAL',
  holder: '岳阳县鑫源造纸有限公司',
  holderKind: 'LEGAL_PERSON',
  holderCreditCode: '91430621389790847G',
  content: '准予排放废水污染物',
  legalBasis: '《中华人民共和国环境保护法》第四十五条',
  decidedOn: '2024-04-28',
  validFrom: '2024-04-28',
  validTo: '2029-04-27',
};
const PENALTY = {
  caseNumber: '岳环罚〔2024〕11号',
  sector: 'ENVIRONMENT',
  party: '岳阳县鑫源造纸有限公司',
  partyKind: 'LEGAL_PERSON',
  partyCreditCode: '91430621389790847G',
  violation: '通过暗管排放未经处理的生产废水',
  legalBasis: '《中华人民共和国水污染防治法》第八十三条第（三）项',
  penaltyKinds: ['FINE'],
  fineAmount: '200000',
  decidedOn: '2024-04-28',
};
const COERCION = {
  decisionNumber: '岳环强〔2024〕2号',
  kind: 'SEALING',
  party: '岳阳县鑫源造纸有限公司',
  partyKind: 'LEGAL_PERSON',
  partyCreditCode: '91430621389790847G',
  object: '违法排放水污染物的生产线',
  legalBasis: '《中华人民共和国环境保护法》第二十五条',
  startedOn: '2024-04-01',
  endsOn: '2024-05-01',
};
const NATURAL_PERSON = { partyKind: 'NATURAL_PERSON', partyCreditCode: null };

async function submit(key: string, submissions: unknown[]) {
  const response = await stack.query<{
    submitDisclosures: { accepted: Array<{ indexNumber: string; status: string }>; rejected: Array<{ position: number; errors: Array<{ field: string; rule: string; message: string }> }> };
  }>(SUBMIT, { s: submissions }, { authorization: `Bearer ${key}` });
  expect(response.errors).toBeUndefined();
  return response.data!.submitDisclosures;
}

describe('the rules, as publishers submit through the gateway', () => {
  let key: string;
  beforeAll(async () => {
    ({ key } = await stack.createKey(PUBLISHER._id, 'enforcement rules'));
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['a licence valid from its decision day, long-term', 'AdministrativeLicence', { ...LICENCE, validTo: null }],
    ['a licence valid for one day', 'AdministrativeLicence', { ...LICENCE, validFrom: '2024-05-01', validTo: '2024-05-01' }],
    ['an individual business’s licence without a code', 'AdministrativeLicence', { ...LICENCE, holder: '岳阳县荣家湾镇李记餐馆', holderKind: 'INDIVIDUAL_BUSINESS', holderCreditCode: null }],
    ['a natural person’s licence without a code', 'AdministrativeLicence', { ...LICENCE, holder: '张伟', holderKind: 'NATURAL_PERSON', holderCreditCode: null }],
    ['a penalty without a fine', 'AdministrativePenalty', { ...PENALTY, penaltyKinds: ['WARNING', 'PUBLIC_CRITICISM'], fineAmount: null }],
    ['a detention of a natural person by the police', 'AdministrativePenalty', { ...PENALTY, ...NATURAL_PERSON, party: '张伟', sector: 'PUBLIC_SECURITY', penaltyKinds: ['DETENTION', 'FINE'] }],
    ['every 2021 penalty kind', 'AdministrativePenalty', { ...PENALTY, penaltyKinds: ['QUALIFICATION_DOWNGRADE', 'BUSINESS_RESTRICTION', 'CLOSURE', 'EMPLOYMENT_RESTRICTION', 'OTHER'], fineAmount: null }],
    ['a sealing of exactly 30 days', 'AdministrativeCoercion', COERCION],
    ['a seizure extended to 60 days', 'AdministrativeCoercion', { ...COERCION, kind: 'SEIZURE', endsOn: '2024-05-31', extended: true }],
    ['a freeze with its sum, released on its last day', 'AdministrativeCoercion', { ...COERCION, kind: 'FREEZING', amount: '1500000.50', releasedOn: '2024-05-01' }],
    ['a measure released the day it started', 'AdministrativeCoercion', { ...COERCION, releasedOn: '2024-04-01' }],
    ['a transfer of funds with its sum and no period', 'AdministrativeCoercion', { ...COERCION, kind: 'TRANSFER_OF_FUNDS', amount: '200000', endsOn: null }],
    ['a performance by proxy of a natural person', 'AdministrativeCoercion', { ...COERCION, ...NATURAL_PERSON, party: '张伟', kind: 'PERFORMANCE_BY_PROXY', endsOn: null, amount: '8000' }],
  ])('accepts %s', async (_name, type, fields) => {
    const result = await submit(key, [submission(type, '行政执法公示', fields)]);
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toEqual([{ indexNumber: expect.any(String), status: 'DRAFT' }]);
  });

  it.each<[string, string, Record<string, unknown>, string, string]>([
    ['a licence valid before its decision', 'AdministrativeLicence', { ...LICENCE, validFrom: '2024-04-27' }, 'fields.validFrom', 'valid-after-decision'],
    ['a licence ending before it starts', 'AdministrativeLicence', { ...LICENCE, validTo: '2024-04-27' }, 'fields.validTo', 'valid-period'],
    ['a legal person’s licence without a code', 'AdministrativeLicence', { ...LICENCE, holderCreditCode: null }, 'fields.holderCreditCode', 'credit-code-required'],
    ['a natural person’s licence with a code', 'AdministrativeLicence', { ...LICENCE, holder: '张伟', holderKind: 'NATURAL_PERSON' }, 'fields.holderCreditCode', 'no-code-for-person'],
    ['an unknown licence category', 'AdministrativeLicence', { ...LICENCE, licenceCategory: 'PERMIT' }, 'fields.licenceCategory', 'one-of'],
    ['a fine without FINE', 'AdministrativePenalty', { ...PENALTY, penaltyKinds: ['WARNING'] }, 'fields.fineAmount', 'fine-kind'],
    ['FINE without a fine', 'AdministrativePenalty', { ...PENALTY, fineAmount: null }, 'fields.fineAmount', 'fine-kind'],
    ['a kind listed twice', 'AdministrativePenalty', { ...PENALTY, penaltyKinds: ['FINE', 'FINE'] }, 'fields.penaltyKinds', 'unique'],
    ['a company detained', 'AdministrativePenalty', { ...PENALTY, sector: 'PUBLIC_SECURITY', penaltyKinds: ['DETENTION'], fineAmount: null }, 'fields.penaltyKinds', 'detention-person'],
    ['a detention by an environment bureau', 'AdministrativePenalty', { ...PENALTY, ...NATURAL_PERSON, party: '张伟', penaltyKinds: ['DETENTION'], fineAmount: null }, 'fields.sector', 'detention-authority'],
    ['a legal person penalised without a code', 'AdministrativePenalty', { ...PENALTY, partyCreditCode: null }, 'fields.partyCreditCode', 'credit-code-required'],
    ['a natural person penalised with a code', 'AdministrativePenalty', { ...PENALTY, party: '张伟', partyKind: 'NATURAL_PERSON' }, 'fields.partyCreditCode', 'no-code-for-person'],
    ['an unknown sector', 'AdministrativePenalty', { ...PENALTY, sector: 'FISHERIES' }, 'fields.sector', 'one-of'],
    ['a sealing of 31 days', 'AdministrativeCoercion', { ...COERCION, endsOn: '2024-05-02' }, 'fields.endsOn', 'period-limit'],
    ['an extended seizure of 61 days', 'AdministrativeCoercion', { ...COERCION, kind: 'SEIZURE', endsOn: '2024-06-01', extended: true }, 'fields.endsOn', 'period-limit'],
    ['a freeze of 31 days', 'AdministrativeCoercion', { ...COERCION, kind: 'FREEZING', amount: '1000', endsOn: '2024-05-02' }, 'fields.endsOn', 'period-limit'],
    ['a sealing without its end', 'AdministrativeCoercion', { ...COERCION, endsOn: null }, 'fields.endsOn', 'period-required'],
    ['an end before the start', 'AdministrativeCoercion', { ...COERCION, kind: 'OTHER_MEASURE', endsOn: '2024-03-31' }, 'fields.endsOn', 'date-order'],
    ['an extended enforcement', 'AdministrativeCoercion', { ...COERCION, kind: 'AUCTION', endsOn: null, extended: true }, 'fields.extended', 'extension-kind'],
    ['a release before the start', 'AdministrativeCoercion', { ...COERCION, releasedOn: '2024-03-31' }, 'fields.releasedOn', 'date-order'],
    ['a release after the end', 'AdministrativeCoercion', { ...COERCION, releasedOn: '2024-05-02' }, 'fields.releasedOn', 'release-in-period'],
    ['a released enforcement', 'AdministrativeCoercion', { ...COERCION, kind: 'REMOVAL', endsOn: null, releasedOn: '2024-04-10' }, 'fields.releasedOn', 'release-kind'],
    ['a freeze without its sum', 'AdministrativeCoercion', { ...COERCION, kind: 'FREEZING' }, 'fields.amount', 'amount-required'],
    ['a transfer of funds of zero', 'AdministrativeCoercion', { ...COERCION, kind: 'TRANSFER_OF_FUNDS', endsOn: null, amount: '0' }, 'fields.amount', 'amount-required'],
    ['a coerced legal person without a code', 'AdministrativeCoercion', { ...COERCION, partyCreditCode: null }, 'fields.partyCreditCode', 'credit-code-required'],
  ])('refuses %s, naming the field and the rule', async (_name, type, fields, field, rule) => {
    const result = await submit(key, [submission(type, '行政执法公示', fields)]);
    expect(result.accepted).toEqual([]);
    expect(result.rejected.map((r) => r.errors.map((e) => [e.field, e.rule]))).toEqual([[[field, rule]]]);
    expect(result.rejected[0].errors[0].message).not.toBe('');
  });
});

describe('parties’ names', () => {
  /** A name 自然人 may have that does not read as one by its shape (six characters): only the party's kind tells. */
  const PERSON = '爱新觉罗启星';
  const MASKED = '爱****星';
  let key: string;
  beforeAll(async () => {
    ({ key } = await stack.createKey(PUBLISHER._id, 'enforcement names'));
  });

  it('masks a natural person’s name in every field and the title, and keeps a company’s and an individual business’s', async () => {
    const said = `当事人${PERSON}未经许可`;
    const submissions = [
      submission('AdministrativeLicence', `${PERSON}乡村建设规划许可决定`, {
        ...LICENCE,
        holder: PERSON,
        holderKind: 'NATURAL_PERSON',
        holderCreditCode: null,
        content: `准予${PERSON}新建农村村民住宅一栋`,
      }),
      submission('AdministrativePenalty', `${PERSON}行政处罚决定书`, { ...PENALTY, ...NATURAL_PERSON, party: PERSON, violation: said }),
      submission('AdministrativeCoercion', `${PERSON}代履行决定书`, { ...COERCION, ...NATURAL_PERSON, party: PERSON, kind: 'PERFORMANCE_BY_PROXY', endsOn: null, object: `${PERSON}的违法建筑` }),
      submission('AdministrativeLicence', '岳阳县鑫源造纸有限公司排污许可决定', LICENCE),
      submission('AdministrativePenalty', '岳阳县荣家湾镇李记餐馆行政处罚决定书', { ...PENALTY, party: '岳阳县荣家湾镇李记餐馆', partyKind: 'INDIVIDUAL_BUSINESS', partyCreditCode: null }),
    ];
    const result = await submit(key, submissions);
    expect(result.rejected).toEqual([]);
    const [licence, penalty, coercion, company, shop] = result.accepted.map((a) => a.indexNumber);
    const read = await stack.query(
      `query ($licence: String!, $penalty: String!, $coercion: String!, $company: String!, $shop: String!) {
        licence: administrativeLicence(indexNumber: $licence) { title holder content }
        penalty: administrativePenalty(indexNumber: $penalty) { title party violation }
        coercion: administrativeCoercion(indexNumber: $coercion) { title party object }
        company: administrativeLicence(indexNumber: $company) { title holder }
        shop: administrativePenalty(indexNumber: $shop) { party }
      }`,
      { licence, penalty, coercion, company, shop },
      { authorization: `Bearer ${key}` },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({
      licence: { title: `${MASKED}乡村建设规划许可决定`, holder: MASKED, content: `准予${MASKED}新建农村村民住宅一栋` },
      penalty: { title: `${MASKED}行政处罚决定书`, party: MASKED, violation: `当事人${MASKED}未经许可` },
      coercion: { title: `${MASKED}代履行决定书`, party: MASKED, object: `${MASKED}的违法建筑` },
      company: { title: '岳阳县鑫源造纸有限公司排污许可决定', holder: '岳阳县鑫源造纸有限公司' },
      shop: { party: '岳阳县荣家湾镇李记餐馆' },
    });
    const stored: string[] = [];
    for (const db of Object.values(stack.databases)) {
      for (const { name } of await db.listCollections().toArray()) stored.push(JSON.stringify(await db.collection(name).find().toArray()));
    }
    expect(stored.join('\n')).toContain(MASKED);
    expect(stored.join('\n')).not.toContain(PERSON);
  });
});
