import type { RecordTypeName } from '../../model/record-types';
import type { DisclosureInput } from '../../model/input';
import type { EnvelopeInput } from '../../model/envelope';
import { SampleContext } from '../../scripts/sample/context';
import { sampleMakers } from '../../scripts/sample/makers';
import { AGENCIES, type SampleAgency } from '../../model/reference-data';
import type { Identity } from '../../platform/identity';

/** A sample agency by its exact name, e.g. `岳阳县国土资源局`. */
export function agencyNamed(name: string): SampleAgency {
  const agency = AGENCIES.find((a) => a.name === name);
  if (!agency) throw new Error(`no sample agency named ${name}`);
  return agency;
}

/**
 * The identity the gateway signs for a key of the sample agency `agencyCode` (with a made-up key id),
 * as tests sign it to call a subgraph port directly.
 */
export function agencyIdentity(agencyCode: string, scope: string[] = [agencyCode]): Identity {
  const agency = AGENCIES.find((a) => a._id === agencyCode);
  if (!agency) throw new Error(`no sample agency with code ${agencyCode}`);
  return { kind: 'agency', keyId: '0123456789abcdef', agencyCode, scope, regionCode: agency.regionCode };
}

let serial = 0;

/**
 * A valid envelope of `agencyName` with a fresh index number in the real format; `overrides` set
 * whatever the test is about.
 */
export function envelope(agencyName: string, overrides: Partial<EnvelopeInput> = {}): EnvelopeInput {
  const agency = agencyNamed(agencyName);
  serial += 1;
  return {
    indexNumber: `${agency._id}-/2017-${1_000_000 + serial}`,
    title: `测试记录${serial}`,
    category: '测试目录',
    agencyCode: agency._id,
    regionCode: agency.regionCode,
    documentNumber: null,
    subjectTerms: [],
    writtenOn: '2017-03-01',
    publishedAt: new Date('2017-03-06T02:00:00.000Z'),
    disclosureMode: 'FULL',
    interpretationIndexNumber: null,
    sourceUrl: null,
    ...overrides,
  };
}

/** A disclosure of `type` with the given envelope and fields. */
export function disclosure<Fields extends object>(
  type: RecordTypeName,
  envelopeInput: EnvelopeInput,
  fields: Fields,
): DisclosureInput<Fields> {
  return { type, envelope: envelopeInput, fields };
}

/** `count` sample records of `type` from the seeded sample generator. */
export function sampleRecords(type: RecordTypeName, count: number, seed = 4): DisclosureInput[] {
  const maker = sampleMakers[type];
  if (!maker) throw new Error(`no sample maker for ${type}`);
  const context = new SampleContext(seed);
  return Array.from({ length: count }, () => maker(context));
}

type Overrides = { envelope?: Record<string, unknown>; fields?: Record<string, unknown> };

/**
 * A LandTransfer as a publisher submits it (GraphQL names, money as yuan strings, RFC 3339
 * instants), by the sample agency `agencyName`, with a fresh index number; `overrides` set what the
 * test is about.
 */
export function landTransferSubmission(agencyName = '岳阳县国土资源局', overrides: Overrides = {}) {
  const agency = agencyNamed(agencyName);
  serial += 1;
  return {
    type: 'LandTransfer',
    envelope: {
      indexNumber: `${agency._id}-/2014-${2_000_000 + serial}`,
      title: '岳阳县国有建设用地使用权挂牌出让结果公示',
      category: '土地出让',
      agencyCode: agency._id,
      regionCode: agency.regionCode,
      subjectTerms: ['土地出让'],
      writtenOn: '2014-06-18',
      publishedAt: '2014-06-20T10:00:00+08:00',
      disclosureMode: 'FULL',
      ...overrides.envelope,
    },
    fields: {
      parcelNumber: '430621-2014-001',
      location: '荣家湾镇',
      areaSquareMetres: 12000.5,
      use: 'RESIDENTIAL',
      termYears: 70,
      method: 'LISTING',
      floorAreaRatio: 2.5,
      startingPrice: '1000000',
      finalPrice: '1234567.89',
      winningParty: '岳阳城投置业有限公司',
      transferredOn: '2014-06-18',
      ...overrides.fields,
    },
  };
}

/** A HousingAllocation as a publisher submits it (an approved household with a unit), like landTransferSubmission. */
export function housingAllocationSubmission(agencyName = '岳阳县住房和城乡建设局', overrides: Overrides = {}) {
  const agency = agencyNamed(agencyName);
  serial += 1;
  return {
    type: 'HousingAllocation',
    envelope: {
      indexNumber: `${agency._id}-/2014-${2_000_000 + serial}`,
      title: '岳阳县公共租赁住房分配结果公示',
      category: '保障性住房',
      agencyCode: agency._id,
      regionCode: agency.regionCode,
      publishedAt: '2014-06-20T10:00:00+08:00',
      disclosureMode: 'PARTIAL',
      ...overrides.envelope,
    },
    fields: {
      projectName: '荣家湾公租房小区',
      householdHead: '张三丰',
      idNumber: '430621199001011234',
      householdSize: 3,
      outcome: 'APPROVED',
      unitNumber: '1-101',
      unitAreaSquareMetres: 50,
      batch: '第一批',
      allocatedOn: '2014-06-18',
      ...overrides.fields,
    },
  };
}
