/**
 * An agency files records in its own region or below it: through the gateway with its key and
 * through `npm run import` as a process, a record in the agency's region or a county below a
 * prefecture's agency is stored; one in a sibling county, in the prefecture above, or in another
 * province is refused naming `envelope.regionCode` and the rule, and nothing of it is stored.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { RECORD_TYPES } from '../../model/record-types';
import { housingAllocationSubmission, landTransferSubmission } from '../support/builders';
import { runScript } from '../support/process';
import { startTestStack, type TestStack } from '../support/stack';

const HANSHAN_HOUSING = '含山县住房和城乡建设局';
const CHUXIONG_LAND = '楚雄州国土资源局';
const XUNYANG_LAND = '旬阳县国土资源局';

/** The four cases of the rule, fresh index numbers each time. */
function cases() {
  return {
    ownRegion: housingAllocationSubmission(HANSHAN_HOUSING),
    countyBelowPrefecture: landTransferSubmission(CHUXIONG_LAND, { envelope: { regionCode: '532301' } }),
    siblingCounty: landTransferSubmission(XUNYANG_LAND, { envelope: { regionCode: '610929' } }),
    regionAbove: housingAllocationSubmission(HANSHAN_HOUSING, { envelope: { regionCode: '340500' } }),
    otherProvince: housingAllocationSubmission(HANSHAN_HOUSING, { envelope: { regionCode: '371623' } }),
  };
}

const RULE = 'an agency files records only in its own region or below it';
const REFUSALS = {
  siblingCounty: `610929 白河县 is outside the agency's region 610928 旬阳县: ${RULE}`,
  regionAbove: `340500 马鞍山市 is outside the agency's region 340522 含山县: ${RULE}`,
  otherProvince: `371623 无棣县 is outside the agency's region 340522 含山县: ${RULE}`,
};

let stack: TestStack;
let workDir: string;

beforeAll(async () => {
  stack = await startTestStack('agency_region');
  workDir = mkdtempSync(path.join(os.tmpdir(), 'agency-region-'));
});

afterAll(async () => {
  await stack?.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** The index numbers stored in their owners' collections among `indexNumbers`. */
async function storedByOwners(indexNumbers: string[]): Promise<string[]> {
  const owners = [RECORD_TYPES.HousingAllocation, RECORD_TYPES.LandTransfer];
  const found = await Promise.all(
    owners.map((type) => stack.databases[type.subgraph].collection(type.collection).find({ _id: { $in: indexNumbers } as never }).toArray()),
  );
  return found.flat().map((record) => String(record._id)).sort();
}

const SUBMIT = `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) {
  accepted { position indexNumber status } rejected { position indexNumber errors { field rule message } } } }`;

describe('through the gateway with the agency’s key', () => {
  it('stores records in the agency’s region and below, and refuses the others naming the field and rule', async () => {
    const records = cases();
    const keys = {
      [HANSHAN_HOUSING]: (await stack.createKey(records.ownRegion.envelope.agencyCode, 'hanshan')).key,
      [CHUXIONG_LAND]: (await stack.createKey(records.countyBelowPrefecture.envelope.agencyCode, 'chuxiong')).key,
      [XUNYANG_LAND]: (await stack.createKey(records.siblingCounty.envelope.agencyCode, 'xunyang')).key,
    };
    const submit = async (agency: keyof typeof keys, submissions: unknown[]) => {
      const answer = await stack.query<{ submitDisclosures: { accepted: unknown[]; rejected: unknown[] } }>(SUBMIT, { s: submissions }, { authorization: `Bearer ${keys[agency]}` });
      expect(answer.errors).toBeUndefined();
      return answer.data!.submitDisclosures;
    };
    const refused = (position: number, record: { envelope: { indexNumber: string } }, message: string) => ({
      position,
      indexNumber: record.envelope.indexNumber,
      errors: [{ field: 'envelope.regionCode', rule: 'reference', message }],
    });

    expect(await submit(HANSHAN_HOUSING, [records.ownRegion, records.regionAbove, records.otherProvince])).toEqual({
      accepted: [{ position: 0, indexNumber: records.ownRegion.envelope.indexNumber, status: 'DRAFT' }],
      rejected: [refused(1, records.regionAbove, REFUSALS.regionAbove), refused(2, records.otherProvince, REFUSALS.otherProvince)],
    });
    expect(await submit(CHUXIONG_LAND, [records.countyBelowPrefecture])).toEqual({
      accepted: [{ position: 0, indexNumber: records.countyBelowPrefecture.envelope.indexNumber, status: 'DRAFT' }],
      rejected: [],
    });
    expect(await submit(XUNYANG_LAND, [records.siblingCounty])).toEqual({
      accepted: [],
      rejected: [refused(0, records.siblingCounty, REFUSALS.siblingCounty)],
    });

    const all = Object.values(records).map((r) => r.envelope.indexNumber);
    expect(await storedByOwners(all)).toEqual([records.ownRegion.envelope.indexNumber, records.countyBelowPrefecture.envelope.indexNumber].sort());
    const indexed = await stack.databases.catalogue.collection('entries').find({ _id: { $in: all } as never }).toArray();
    expect(indexed.map((entry) => [entry._id, entry.regionCode]).sort()).toEqual(
      [
        [records.ownRegion.envelope.indexNumber, '340522'],
        [records.countyBelowPrefecture.envelope.indexNumber, '532301'],
      ].sort(),
    );
  });
});

describe('through npm run import', () => {
  it('stores the rows in their agencies’ regions and reports each other row with its line, field and rule', async () => {
    const records = cases();
    const order = ['ownRegion', 'siblingCounty', 'countyBelowPrefecture', 'otherProvince', 'regionAbove'] as const;
    const file = path.join(workDir, 'regions.ndjson');
    writeFileSync(file, order.map((name) => JSON.stringify(records[name])).join('\n') + '\n');
    const reportPath = path.join(workDir, 'regions.report.csv');
    const run = await runScript('scripts/import.ts', [file, '--report', reportPath], {
      MONGODB_URI: stack.env.MONGODB_URI,
      MONGODB_DB_PREFIX: stack.env.MONGODB_DB_PREFIX,
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/: 2 stored as DRAFT, 0 unchanged, 3 rejected$/m);
    expect(run.stderr).toContain(`envelope.regionCode [reference] ${REFUSALS.otherProvince}`);
    const report = parse(readFileSync(reportPath, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(report.map((row) => [row.line, row.indexNumber, row.field, row.rule, row.message])).toEqual([
      ['2', records.siblingCounty.envelope.indexNumber, 'envelope.regionCode', 'reference', REFUSALS.siblingCounty],
      ['4', records.otherProvince.envelope.indexNumber, 'envelope.regionCode', 'reference', REFUSALS.otherProvince],
      ['5', records.regionAbove.envelope.indexNumber, 'envelope.regionCode', 'reference', REFUSALS.regionAbove],
    ]);
    expect(await storedByOwners(order.map((name) => records[name].envelope.indexNumber))).toEqual(
      [records.ownRegion.envelope.indexNumber, records.countyBelowPrefecture.envelope.indexNumber].sort(),
    );
  }, 120_000);
});
