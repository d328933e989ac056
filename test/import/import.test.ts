/**
 * `npm run import` as a user runs it: a real process against the run's engine, files of every format
 * with good and bad rows, checked in the rejection report, in the output and in the database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { MongoClient } from 'mongodb';
import { unifiedSocialCreditCode } from '../../model/agency-code';
import { agencyNamed, housingAllocationSubmission, landTransferSubmission } from '../support/builders';
import { runScript, type Finished } from '../support/process';

const land = agencyNamed('岳阳县国土资源局');
const housing = agencyNamed('岳阳县住房和城乡建设局');
const finance = agencyNamed('岳阳县财政局');
const education = agencyNamed('岳阳县教育局');

let client: MongoClient;
let workDir: string;
const prefixes: string[] = [];

beforeAll(async () => {
  client = await MongoClient.connect(process.env.MONGODB_URI as string);
  workDir = mkdtempSync(path.join(os.tmpdir(), 'import-test-'));
});

afterAll(async () => {
  const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
  const ours = databases.filter((d) => prefixes.some((prefix) => d.name.startsWith(`${prefix}_`)));
  await Promise.all(ours.map((d) => client.db(d.name).dropDatabase()));
  await client.close();
  rmSync(workDir, { recursive: true, force: true });
});

interface Run extends Finished {
  /** The rejection report as rows of [line, field, rule], or [] when none was written. */
  report: string[][];
  reportText: string;
}

async function runImport(prefix: string, file: string, ...args: string[]): Promise<Run> {
  const reportPath = path.join(workDir, `${path.basename(file)}-${randomBytes(3).toString('hex')}.report.csv`);
  const run = await runScript('scripts/import.ts', [file, '--report', reportPath, ...args], { MONGODB_DB_PREFIX: prefix });
  let reportText = '';
  try {
    reportText = readFileSync(reportPath, 'utf8');
  } catch {
    // no row rejected: no report
  }
  const rows = reportText ? (parse(reportText, { columns: true }) as Array<Record<string, string>>) : [];
  return { ...run, reportText, report: rows.map((r) => [r.line, r.field, r.rule]) };
}

function freshPrefix(): string {
  const prefix = `t_import_${randomBytes(3).toString('hex')}`;
  prefixes.push(prefix);
  return prefix;
}

function file(name: string, content: string | Buffer): string {
  const at = path.join(workDir, `${randomBytes(3).toString('hex')}-${name}`);
  writeFileSync(at, content);
  return at;
}

async function storedEntries(prefix: string): Promise<Array<{ _id: string; status: string; type: string }>> {
  return client
    .db(`${prefix}_catalogue`)
    .collection<{ _id: string; status: string; type: string }>('entries')
    .find({}, { projection: { _id: 1, status: 1, type: 1 } })
    .sort({ _id: 1 })
    .toArray();
}

let serial = 0;
function indexNumber(agency: { _id: string }): string {
  serial += 1;
  return `${agency._id}-/2014-${3_000_000 + serial}`;
}

const LAND_HEADER =
  'type,indexNumber,title,category,agencyCode,regionCode,subjectTerms,writtenOn,publishedAt,disclosureMode,' +
  'parcelNumber,location,areaSquareMetres,use,termYears,method,floorAreaRatio,startingPrice,finalPrice,winningParty,transferredOn';

function landRow(id: string, overrides: { writtenOn?: string; finalPrice?: string; agencyCode?: string } = {}): string {
  return [
    'LandTransfer', id, '岳阳县国有建设用地使用权挂牌出让结果公示', '土地出让', overrides.agencyCode ?? land._id, land.regionCode,
    '土地出让;挂牌', overrides.writtenOn ?? '2014-06-18', '2014-06-20T10:00:00+08:00', 'FULL',
    '430621-2014-001', '荣家湾镇', '12000.5', 'RESIDENTIAL', '70', 'LISTING', '2.5', '1000000', overrides.finalPrice ?? '1234567.89',
    '岳阳城投置业有限公司', '2014-06-18',
  ].join(',');
}

describe('a CSV file with good and bad rows', () => {
  const good = [indexNumber(land), indexNumber(land)];
  const badDate = indexNumber(land);
  const negative = indexNumber(land);
  const stranger = unifiedSocialCreditCode('430621', '岳阳县不存在的局');
  const lines = [
    LAND_HEADER,
    landRow(good[0]),
    landRow(badDate, { writtenOn: '2014-02-30' }),
    landRow(negative, { finalPrice: '-5' }),
    'LandTransfer,too,few,cells',
    landRow(good[0]), // the same index number again in this file
    landRow(good[1]),
  ];
  let prefix: string;
  let first: Run;

  beforeAll(async () => {
    prefix = freshPrefix();
    first = await runImport(prefix, file('land.csv', `${lines.join('\n')}\n`));
  });

  it('stores the good rows, as drafts, and nothing of the bad ones', async () => {
    expect(await storedEntries(prefix)).toEqual(good.sort().map((id) => ({ _id: id, status: 'DRAFT', type: 'LandTransfer' })));
  });

  it('lists each rejected row with its line number, field and rule', () => {
    expect(first.report).toEqual([
      ['3', 'envelope.writtenOn', 'format'],
      ['4', 'fields.finalPrice', 'non-negative'],
      ['5', '(row)', 'column-count'],
      ['6', 'envelope.indexNumber', 'duplicate'],
    ]);
    expect(first.reportText).toContain('the same index number is already on line 2 of this file');
  });

  it('says what it did and exits non-zero because rows were rejected', () => {
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/^read 6 rows in [\d.]+ s \(\d+ rows\/s\): 2 stored as DRAFT, 0 unchanged, 4 rejected$/m);
    expect(first.stderr).toContain('line 4 (');
    expect(first.stderr).toContain('fields.finalPrice [non-negative] money must not be negative');
    expect(first.stderr).toContain('importing');
  });

  it('changes nothing when run again', async () => {
    const before = await client.db(`${prefix}_land`).collection('landTransfers').find().sort({ _id: 1 }).toArray();
    const again = await runImport(prefix, file('land.csv', `${lines.join('\n')}\n`));
    expect(again.stdout).toMatch(/: 0 stored as DRAFT, 2 unchanged, 4 rejected$/m);
    expect(again.report).toEqual(first.report);
    expect(await client.db(`${prefix}_land`).collection('landTransfers').find().sort({ _id: 1 }).toArray()).toEqual(before);
  });

  it('rejects a row whose agency is not known, naming the field', async () => {
    const other = freshPrefix();
    const run = await runImport(other, file('unknown.csv', `${LAND_HEADER}\n${landRow(`${stranger}-/2014-1`, { agencyCode: stranger })}\n`));
    expect(run.code).toBe(1);
    expect(run.report.map(([line, field]) => [line, field])).toContainEqual(['2', 'envelope.agencyCode']);
    expect(await storedEntries(other)).toEqual([]);
  });
});

const MINING_HEADER =
  'type,indexNumber,title,category,agencyCode,regionCode,subjectTerms,publishedAt,disclosureMode,' +
  'projectName,right,mineral,location,areaSquareKilometres,method,termYears,startingPrice,finalPrice,winningParty,licenceNumber,transferredOn';

function miningRow(id: string, overrides: { method?: string; finalPrice?: string; licenceNumber?: string } = {}): string {
  return [
    'MiningRightTransfer', id, '岳阳县建筑用砂采矿权拍卖出让结果公示', '矿业权出让', land._id, land.regionCode, '矿业权出让;采矿权',
    '2023-05-06T10:00:00+08:00', 'FULL', '岳阳县鹿门镇建筑用砂矿', 'MINING', '建筑用砂', '鹿门镇团结村', '0.35',
    overrides.method ?? 'AUCTION', '10', '5000000', overrides.finalPrice ?? '12800000.05', '岳阳县鑫源矿业有限公司',
    overrides.licenceNumber ?? '', '2023-04-28',
  ].join(',');
}

describe('a CSV file of mining-right transfers', () => {
  it('stores the good rows with exact money and an empty licence as null, and rejects a rule broken, naming field and rule', async () => {
    const prefix = freshPrefix();
    const [good, licensed, below] = [indexNumber(land), indexNumber(land), indexNumber(land)];
    const lines = [
      MINING_HEADER,
      miningRow(good),
      miningRow(licensed, { licenceNumber: 'C4306212023047130155123' }),
      miningRow(below, { method: 'LISTING', finalPrice: '4999999.99' }),
    ];
    const run = await runImport(prefix, file('mining.csv', `${lines.join('\n')}\n`));
    expect(run.report).toEqual([['4', 'fields.finalPrice', 'not-below-starting']]);
    expect(run.stdout).toMatch(/: 2 stored as DRAFT, 0 unchanged, 1 rejected$/m);
    expect(await storedEntries(prefix)).toEqual([good, licensed].sort().map((id) => ({ _id: id, status: 'DRAFT', type: 'MiningRightTransfer' })));
    const stored = await client.db(`${prefix}_land`).collection('miningRightTransfers').find().sort({ _id: 1 }).toArray();
    expect(stored.map(({ _id, startingPriceFen, finalPriceFen, licenceNumber, areaSquareKilometres, termYears }) => ({ _id, startingPriceFen, finalPriceFen, licenceNumber, areaSquareKilometres, termYears }))).toEqual([
      { _id: good, startingPriceFen: 500_000_000, finalPriceFen: 1_280_000_005, licenceNumber: null, areaSquareKilometres: 0.35, termYears: 10 },
      { _id: licensed, startingPriceFen: 500_000_000, finalPriceFen: 1_280_000_005, licenceNumber: 'C4306212023047130155123', areaSquareKilometres: 0.35, termYears: 10 },
    ]);
  });
});

describe('documents records', () => {
  const government = agencyNamed('岳阳县人民政府办公室');
  const envelopeOf = (indexNumber: string, title: string, category: string, publishedAt: string) => ({
    indexNumber, title, category, agencyCode: government._id, regionCode: government.regionCode, publishedAt, disclosureMode: 'FULL',
  });

  it('stores an interpretation with its list of index numbers from a CSV cell, and checks later numbers against the imported guide', async () => {
    const prefix = freshPrefix();
    const guide = {
      type: 'DisclosureGuide',
      envelope: envelopeOf(indexNumber(government), '岳阳县人民政府办公室政府信息公开指南', '公开指南', '2014-01-06T09:00:00+08:00'),
      fields: {
        categories: ['政策文件', '政策解读'],
        numberingScheme: { description: '统一社会信用代码-/年份-七位顺序号', pattern: '{code}-/{year}-{seq:7}' },
        waysToObtain: ['登录岳阳县人民政府门户网站查阅'],
        office: { name: '岳阳县人民政府办公室政务公开办公室', address: '岳阳县荣家湾镇人民路1号', officeHours: '工作日8:30—17:30', phone: '0730-7612345', postalCode: '414100' },
      },
    };
    const guideRun = await runImport(prefix, file('guide.ndjson', `${JSON.stringify(guide)}\n`), '--publish');
    expect(guideRun.code).toBe(0);

    const [interpreted, matching] = [indexNumber(government), indexNumber(government)];
    const otherScheme = `${government._id}/2014-00150`;
    const header = 'type,indexNumber,title,category,agencyCode,regionCode,publishedAt,disclosureMode,form,interpretsIndexNumbers';
    const row = (id: string) =>
      ['PolicyInterpretation', id, '《岳阳县城乡居民基本医疗保险实施办法》政策解读', '政策解读', government._id, government.regionCode, '2014-06-20T10:00:00+08:00', 'FULL', 'TEXT', `"${JSON.stringify([interpreted]).replace(/"/g, '""')}"`].join(',');
    const run = await runImport(prefix, file('interpretations.csv', `${header}\n${row(matching)}\n${row(otherScheme)}\n`));
    expect(run.report).toEqual([['3', 'envelope.indexNumber', 'numbering-pattern']]);
    expect(run.stdout).toMatch(/: 1 stored as DRAFT, 0 unchanged, 1 rejected$/m);
    const stored = await client.db(`${prefix}_documents`).collection('policyInterpretations').find().toArray();
    expect(stored.map(({ _id, form, interpretsIndexNumbers, mediaUrl }) => ({ _id, form, interpretsIndexNumbers, mediaUrl }))).toEqual([
      { _id: matching, form: 'TEXT', interpretsIndexNumbers: [interpreted], mediaUrl: null },
    ]);
  });
});

describe('CSV cells and columns', () => {
  it('rejects a cell with bad UTF-8 and a value in a column the type does not have, and stores a clean row', async () => {
    const prefix = freshPrefix();
    const clean = indexNumber(land);
    const broken = indexNumber(land);
    const foreign = indexNumber(land);
    const header = `${LAND_HEADER},pupilCount`;
    const content = Buffer.concat([
      Buffer.from(`${header}\n${landRow(clean)},\n`),
      Buffer.from(landRow(broken).replace('荣家湾镇', 'XX')),
      Buffer.from(',\n'),
      Buffer.from(`${landRow(foreign)},12\n`),
    ]);
    // Bad UTF-8 in the location cell of line 3.
    const bad = Buffer.from(content);
    const at = bad.indexOf(Buffer.from('XX'));
    bad[at] = 0xff;
    bad[at + 1] = 0xfe;
    const run = await runImport(prefix, file('cells.csv', bad));
    expect(run.report).toEqual([
      ['3', 'fields.location', 'utf-8'],
      ['4', 'fields.pupilCount', 'unknown-field'],
    ]);
    expect((await storedEntries(prefix)).map((e) => e._id)).toEqual([clean]);
  });

  it('refuses a file whose header names a column twice, storing nothing', async () => {
    const prefix = freshPrefix();
    const run = await runImport(prefix, file('twice.csv', `type,title,title\nLandTransfer,a,b\n`));
    expect(run.code).toBe(1);
    expect(run.report).toEqual([['1', '(file)', 'duplicate-column']]);
    expect(await storedEntries(prefix)).toEqual([]);
  });
});

const landSubmission = (indexNumber: string, fields: Record<string, unknown> = {}) =>
  landTransferSubmission(land.name, { envelope: { indexNumber }, fields });

describe('JSON and NDJSON files', () => {
  it('imports a JSON array with --publish, rejecting an element that is not a submission', async () => {
    const prefix = freshPrefix();
    const [a, b] = [indexNumber(land), indexNumber(land)];
    const json = `[\n${JSON.stringify(landSubmission(a))},\n42,\n${JSON.stringify(landSubmission(b, { termYears: 99 }))}\n]\n`;
    const run = await runImport(prefix, file('records.json', json), '--publish');
    expect(run.report).toEqual([
      ['3', '(row)', 'type'],
      ['4', 'fields.termYears', 'maximum'],
    ]);
    expect(run.stdout).toMatch(/: 1 stored as PUBLISHED, 0 unchanged, 2 rejected$/m);
    expect(await storedEntries(prefix)).toEqual([{ _id: a, status: 'PUBLISHED', type: 'LandTransfer' }]);
  });

  it('stores the elements before a JSON syntax error and reports the line it stopped at', async () => {
    const prefix = freshPrefix();
    const a = indexNumber(land);
    const json = `[\n${JSON.stringify(landSubmission(a))},\n{"type": oops}\n]\n`;
    const run = await runImport(prefix, file('broken.json', json));
    expect(run.code).toBe(1);
    expect(run.report).toEqual([['3', '(file)', 'json-syntax']]);
    expect(run.stderr).toContain('the file could not be read past line 3');
    expect((await storedEntries(prefix)).map((e) => e._id)).toEqual([a]);
  });

  it('reads NDJSON line by line: a bad line is rejected, the lines around it are stored', async () => {
    const prefix = freshPrefix();
    const [a, b] = [indexNumber(land), indexNumber(land)];
    const ndjson = Buffer.concat([
      Buffer.from(`${JSON.stringify(landSubmission(a))}\n{not json\n`),
      Buffer.from([0x7b, 0xff, 0x7d, 0x0a]),
      Buffer.from(`\n${JSON.stringify(landSubmission(b, { transferredOn: '2014-13-01' }))}\n`),
    ]);
    const run = await runImport(prefix, file('records.ndjson', ndjson));
    expect(run.report).toEqual([
      ['2', '(row)', 'json-syntax'],
      ['3', '(row)', 'utf-8'],
      ['5', 'fields.transferredOn', 'format'],
    ]);
    expect((await storedEntries(prefix)).map((e) => e._id)).toEqual([a]);
  });
});

describe('attachments in an import', () => {
  it('reads each attachment from its path beside the import file and stores it with the record; a missing file rejects its row', async () => {
    const prefix = freshPrefix();
    const [a, b] = [indexNumber(land), indexNumber(land)];
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(70_000)]);
    const dir = mkdtempSync(path.join(workDir, 'with-files-'));
    mkdirSync(path.join(dir, 'files'));
    writeFileSync(path.join(dir, 'files', '出让合同.pdf'), bytes);
    const attachment = (at: string) => ({ attachments: [{ name: '出让合同.pdf', mediaType: 'application/pdf', path: at }] });
    const ndjson = `${JSON.stringify({ ...landSubmission(a), ...attachment('files/出让合同.pdf') })}\n${JSON.stringify({ ...landSubmission(b), ...attachment('files/missing.pdf') })}\n`;
    const importFile = path.join(dir, 'records.ndjson');
    writeFileSync(importFile, ndjson);
    const run = await runImport(prefix, importFile, '--publish');
    expect(run.report).toEqual([['2', 'attachments.0.path', 'file']]);
    expect(run.reportText).toContain('files/missing.pdf: there is no such file (paths are relative to the import file)');
    expect((await storedEntries(prefix)).map((e) => e._id)).toEqual([a]);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const entry = await client.db(`${prefix}_catalogue`).collection('entries').findOne({ _id: a as never });
    expect(entry?.attachments).toEqual([{ name: '出让合同.pdf', mediaType: 'application/pdf', size: bytes.length, sha256 }]);
    const owner = client.db(`${prefix}_land`);
    const [stored] = await owner.collection('attachments.files').find({}).toArray();
    expect([stored.filename, stored.length]).toEqual([`${a}/${sha256}`, bytes.length]);
    const chunks = await owner.collection('attachments.chunks').find({ files_id: stored._id }).sort({ n: 1 }).toArray();
    expect(Buffer.concat(chunks.map((chunk) => Buffer.from(chunk.data.buffer))).equals(bytes)).toBe(true);
  });
});

describe('personal data in an import', () => {
  it('is masked before it is stored, and no raw name or ID number reaches the database, the output or the report', async () => {
    const prefix = freshPrefix();
    const raw = { name: '张三丰', id: '430621199001011234', otherName: '欧阳修文', badId: '43062119900101123Z' };
    const allocation = (id: string, householdHead: string, idNumber: string) =>
      housingAllocationSubmission(housing.name, { envelope: { indexNumber: id }, fields: { householdHead, idNumber } });
    const good = indexNumber(housing);
    const bad = indexNumber(housing);
    const ndjson = [allocation(good, raw.name, raw.id), allocation(bad, raw.otherName, raw.badId)].map((r) => JSON.stringify(r)).join('\n');
    const run = await runImport(prefix, file('allocations.ndjson', `${ndjson}\n`), '--publish');
    expect(run.report).toEqual([['2', 'fields.idNumber', 'format']]);

    const stored = await client.db(`${prefix}_housing`).collection('housingAllocations').findOne({ _id: good as never });
    expect(stored).toMatchObject({ householdHead: '张*丰', idNumber: '4306**********1234' });
    const everything: string[] = [run.stdout, run.stderr, run.reportText];
    const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
    for (const { name } of databases.filter((d) => d.name.startsWith(`${prefix}_`))) {
      for (const { name: collection } of await client.db(name).listCollections().toArray()) {
        everything.push(JSON.stringify(await client.db(name).collection(collection).find().toArray()));
      }
    }
    const haystack = everything.join('\n');
    expect(haystack).toContain('张*丰');
    for (const value of Object.values(raw)) expect(haystack).not.toContain(value);
  });
});

describe('key-area records with lists of recipients', () => {
  it('stores the lists with persons masked and organisations named, rejects a broken rule naming field and rule, and keeps no raw name', async () => {
    const prefix = freshPrefix();
    const raw = { household: '欧阳修文', student: '司马相如' };
    const envelopeOf = (agency: { _id: string; regionCode: string }, id: string, title: string) => ({
      indexNumber: id,
      title,
      category: '资金公示',
      agencyCode: agency._id,
      regionCode: agency.regionCode,
      publishedAt: '2024-05-06T10:00:00+08:00',
      disclosureMode: 'FULL',
    });
    const fund = (id: string, totalAmount: string) => ({
      type: 'SpecialFundAllocation',
      envelope: envelopeOf(finance, id, '岳阳县2024年耕地地力保护补贴资金分配情况公示'),
      fields: {
        fundName: '2024年耕地地力保护补贴资金',
        fundKind: 'AGRICULTURE',
        fiscalYear: 2024,
        totalAmount,
        recipientsComplete: true,
        recipients: [
          { name: raw.household, kind: 'HOUSEHOLD', amount: '1250.50', purpose: '耕地地力保护补贴' },
          { name: '新墙镇丰禾种养专业合作社', kind: 'ORGANISATION', amount: '30000', purpose: '耕地地力保护补贴' },
        ],
      },
    });
    const aid = (id: string, amount: string) => ({
      type: 'StudentAid',
      envelope: envelopeOf(education, id, '岳阳职业技术学院2023-2024学年国家励志奖学金获得者名单公示'),
      fields: {
        programme: 'NATIONAL_ENCOURAGEMENT',
        schoolName: '岳阳职业技术学院',
        schoolYear: 2023,
        standardPerStudent: '5000',
        recipientCount: 1,
        totalAmount: amount,
        recipients: [{ name: raw.student, gradeClass: '2022级护理1班', amount }],
      },
    });
    const [goodFund, badFund, goodAid, badAid] = [indexNumber(finance), indexNumber(finance), indexNumber(education), indexNumber(education)];
    const ndjson = [fund(goodFund, '31250.50'), fund(badFund, '31250.49'), aid(goodAid, '5000'), aid(badAid, '5000.01')].map((r) => JSON.stringify(r)).join('\n');
    const run = await runImport(prefix, file('key-areas.ndjson', `${ndjson}\n`));
    expect(run.report).toEqual([
      ['2', 'fields.totalAmount', 'total-matches-recipients'],
      ['4', 'fields.recipients.0.amount', 'programme-cap'],
    ]);
    expect(run.stdout).toMatch(/: 2 stored as DRAFT, 0 unchanged, 2 rejected$/m);
    const storedFund = await client.db(`${prefix}_finance`).collection('specialFundAllocations').findOne({ _id: goodFund as never });
    expect(storedFund).toMatchObject({
      totalAmountFen: 3_125_050,
      recipients: [
        { name: '欧**文', kind: 'HOUSEHOLD', amountFen: 125_050, purpose: '耕地地力保护补贴' },
        { name: '新墙镇丰禾种养专业合作社', kind: 'ORGANISATION', amountFen: 3_000_000, purpose: '耕地地力保护补贴' },
      ],
    });
    const storedAid = await client.db(`${prefix}_education`).collection('studentAids').findOne({ _id: goodAid as never });
    expect(storedAid).toMatchObject({ totalAmountFen: 500_000, recipients: [{ name: '司**如', gradeClass: '2022级护理1班', amountFen: 500_000 }] });

    const everything: string[] = [run.stdout, run.stderr, run.reportText];
    const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
    for (const { name } of databases.filter((d) => d.name.startsWith(`${prefix}_`))) {
      for (const { name: collection } of await client.db(name).listCollections().toArray()) {
        everything.push(JSON.stringify(await client.db(name).collection(collection).find().toArray()));
      }
    }
    const haystack = everything.join('\n');
    for (const value of Object.values(raw)) expect(haystack).not.toContain(value);
  });
});

describe('usage', () => {
  it.each([
    [[], 'name the file to import'],
    [['/nonexistent/records.csv'], 'no file at /nonexistent/records.csv'],
    [['package.json', '--format', 'xml'], '--format must be one of json, ndjson, csv; got xml'],
    [['README.md'], 'cannot tell the format of README.md from its extension'],
  ])('refuses %j with exit code 2 and says why', async (args, message) => {
    const { code, stderr } = await runScript('scripts/import.ts', args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('usage: npm run import -- <file>');
  });
});
