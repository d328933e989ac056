/**
 * A domain subgraph that is down or slow: the gateway answers the rest with partial data and an
 * error naming the missing subgraph and domain, reports itself not ready meanwhile, and answers in
 * full again by itself once the subgraph is back on its port.
 */
import type { ProcurementAwardFields } from '../../model/records/finance/procurement-award';
import type { LandTransferFields } from '../../model/records/land/land-transfer';
import { statusOf } from '../../platform/error-codes';
import { disclosure, envelope } from '../support/builders';
import { hangingServer, portOf, request } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';

const TIMEOUT_MS = 800;

const transfer: LandTransferFields = {
  parcelNumber: '430621-2014-009',
  location: '荣家湾镇工业园区',
  areaSquareMetres: 12_000,
  use: 'INDUSTRIAL',
  termYears: 50,
  method: 'LISTING',
  floorAreaRatio: 1.5,
  startingPriceFen: 100_000_00,
  finalPriceFen: 120_000_00,
  winningParty: '岳阳恒达实业有限公司',
  transferredOn: '2014-06-18',
};

const award: ProcurementAwardFields = {
  projectName: '岳阳县农村学校多媒体教学设备采购项目',
  projectNumber: 'YYXZC2017-018',
  method: 'OPEN_TENDER',
  budgetFen: 2_400_000_00,
  supplierName: '湖南创远科技有限公司',
  supplierCreditCode: null,
  awardAmountFen: 2_212_000_00,
  awardDate: '2017-02-27',
  procuringEntity: '岳阳县教育局',
  itemsDescription: '交互式多媒体教学一体机',
};

const landRecord = disclosure(
  'LandTransfer',
  envelope('岳阳县国土资源局', { title: '岳阳县工业用地挂牌出让结果公示', publishedAt: new Date('2014-06-20T02:00:00Z') }),
  transfer,
);
const financeRecord = disclosure(
  'ProcurementAward',
  envelope('岳阳县财政局', { title: '岳阳县教学设备采购中标公告', publishedAt: new Date('2017-03-01T02:00:00Z') }),
  award,
);

/** A catalogue page with a fragment of the land domain and one of the finance domain. */
const PAGE = `query CataloguePage {
  catalogue(first: 10, orderBy: OLDEST_FIRST) {
    totalCount
    edges {
      cursor
      node {
        __typename
        title
        agency { name }
        ... on LandTransfer { parcelNumber winningParty finalPrice { yuan } }
        ... on ProcurementAward { projectName supplier { name } awardAmount { yuan } }
      }
    }
  }
}`;

const FULL_LAND = {
  __typename: 'LandTransfer',
  title: '岳阳县工业用地挂牌出让结果公示',
  agency: { name: '岳阳县国土资源局' },
  parcelNumber: '430621-2014-009',
  winningParty: '岳阳恒达实业有限公司',
  finalPrice: { yuan: '120000.00' },
};
const FULL_FINANCE = {
  __typename: 'ProcurementAward',
  title: '岳阳县教学设备采购中标公告',
  agency: { name: '岳阳县财政局' },
  projectName: '岳阳县农村学校多媒体教学设备采购项目',
  supplier: { name: '湖南创远科技有限公司' },
  awardAmount: { yuan: '2212000.00' },
};

interface Page {
  catalogue: { totalCount: number; edges: Array<{ cursor: string; node: Record<string, unknown> | null }> };
}

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('resilience', { env: { GATEWAY_SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) } });
  expect(await stack.writer.write([landRecord, financeRecord])).toEqual({ written: 2, rejected: [] });
});
afterAll(async () => {
  await stack?.close();
});

async function expectFullAnswer(): Promise<void> {
  const response = await stack.query<Page>(PAGE);
  expect(response.errors).toBeUndefined();
  expect(response.data?.catalogue.edges.map((e) => e.node)).toEqual([FULL_LAND, FULL_FINANCE]);
}

it('answers the page in full while every subgraph is up', async () => {
  await expectFullAnswer();
  expect((await request(`${stack.gatewayUrl}ready`)).status).toBe(200);
});

it('answers the rest when a domain subgraph is down, names it, and recovers by itself when it returns', async () => {
  await stack.stopSubgraph('land');
  try {
    const response = await stack.query<Page>(PAGE);
    expect(response.status).toBe(200);
    // The finance record and every catalogue field arrive; only the land record is missing.
    expect(response.data?.catalogue.totalCount).toBe(2);
    expect(response.data?.catalogue.edges.map((e) => e.node)).toEqual([null, FULL_FINANCE]);
    expect(response.data?.catalogue.edges.every((e) => typeof e.cursor === 'string')).toBe(true);
    expect(response.errors).toEqual([
      {
        message: expect.stringMatching(/^The land subgraph \(domain LAND\) is unavailable \(connection refused\); the fields it serves are missing/),
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'land', domain: 'LAND' },
      },
    ]);

    // Queries that do not need it are untouched.
    const other = await stack.query<{ procurementAwards: { totalCount: number } }>('{ procurementAwards { totalCount } }');
    expect(other).toEqual({ status: 200, data: { procurementAwards: { totalCount: 1 } } });

    const ready = await request(`${stack.gatewayUrl}ready`);
    expect(ready.status).toBe(503);
    expect(ready.json).toMatchObject({
      status: 'not ready',
      checks: { land: { ready: false, reason: expect.stringContaining('ECONNREFUSED') }, finance: { ready: true } },
    });
  } finally {
    await stack.restartSubgraph('land');
  }
  await expectFullAnswer();
  expect((await request(`${stack.gatewayUrl}ready`)).status).toBe(200);
});

it('gives up on a subgraph that does not answer after the time limit, names it, and recovers', async () => {
  await stack.stopSubgraph('finance');
  const hanging = await hangingServer(portOf(stack.subgraphUrls.finance as string));
  try {
    const started = Date.now();
    const response = await stack.query<Page>(PAGE);
    const elapsed = Date.now() - started;
    expect(hanging.connections()).toBeGreaterThan(0);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 4_000);
    expect(response.status).toBe(200);
    expect(response.data?.catalogue.edges.map((e) => e.node)).toEqual([FULL_LAND, null]);
    expect(response.errors).toEqual([
      {
        message: `The finance subgraph (domain FINANCE) did not answer within ${TIMEOUT_MS} ms (subgraphTimeoutMs); the fields it serves are missing from this answer.`,
        extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'finance', domain: 'FINANCE', timeoutMs: TIMEOUT_MS },
      },
    ]);
  } finally {
    await hanging.close();
    await stack.restartSubgraph('finance');
  }
  await expectFullAnswer();
});

it('names the catalogue subgraph when the catalogue itself is down, with the status of SUBGRAPH_UNAVAILABLE as there is no data', async () => {
  await stack.stopSubgraph('catalogue');
  try {
    const response = await stack.query<Page>(PAGE);
    expect(response.status).toBe(statusOf('SUBGRAPH_UNAVAILABLE'));
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^The catalogue subgraph is unavailable/),
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'catalogue' },
      }),
    ]);
  } finally {
    await stack.restartSubgraph('catalogue');
  }
  await expectFullAnswer();
});
