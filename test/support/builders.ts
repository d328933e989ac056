import type { RecordTypeName } from '../../subgraphs/shared/domains';
import type { DisclosureInput } from '../../subgraphs/shared/ingest';
import type { EnvelopeInput } from '../../subgraphs/shared/records';
import { SampleContext } from '../../scripts/sample/context';
import { sampleMakers } from '../../scripts/sample/makers';
import { AGENCIES, type SampleAgency } from '../../scripts/sample/reference';

/** A sample agency by its exact name, e.g. `岳阳县国土资源局`. */
export function agencyNamed(name: string): SampleAgency {
  const agency = AGENCIES.find((a) => a.name === name);
  if (!agency) throw new Error(`no sample agency named ${name}`);
  return agency;
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
