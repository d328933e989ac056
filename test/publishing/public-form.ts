/**
 * Turns a stored record (as the sample makers build it) back into what a publisher sends: GraphQL
 * field names, money as yuan strings, instants as RFC 3339 strings, derived fields left out. Used to
 * check that each type's input schema turns the public form into exactly the stored fields.
 */
import { SampleContext } from '../../scripts/sample/context';
import { sampleMakers } from '../../scripts/sample/makers';
import type { RecordTypeName } from '../../subgraphs/shared/domains';
import type { DisclosureInput } from '../../subgraphs/shared/ingest';
import type { Validated } from '../../subgraphs/shared/input';
import { fenToYuan } from '../../subgraphs/shared/scalars';
import { agencyNamed } from '../support/builders';

type Fields = Record<string, unknown>;

/** `<name>Fen` → `<name>` as a yuan string, dates → ISO strings, recursively. */
function yuanNames(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(yuanNames);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) =>
        key.endsWith('Fen') ? [key.slice(0, -'Fen'.length), v === null ? null : fenToYuan(v as number)] : [key, yuanNames(v)],
      ),
    );
  }
  return value;
}

/** The public form of a type's stored fields. */
export function publicFields(type: RecordTypeName, stored: object): Fields {
  const fields = yuanNames(stored) as Fields;
  switch (type) {
    case 'PublicExpenseReport': {
      const { totalBudget: _b, totalActual: _a, overspent: _o, vehiclePurchase, vehicleRunning, ...rest } = fields;
      return { ...rest, officialVehicles: { purchase: vehiclePurchase, running: vehicleRunning } };
    }
    case 'ProcurementAward': {
      const { supplierName, supplierCreditCode, ...rest } = fields;
      return { ...rest, supplier: { name: supplierName, creditCode: supplierCreditCode } };
    }
    default:
      return fields;
  }
}

/** A sample record as a publisher would submit it. */
export function publicSubmission(input: DisclosureInput): { type: RecordTypeName; envelope: Fields; fields: Fields } {
  return {
    type: input.type,
    envelope: { ...input.envelope, publishedAt: input.envelope.publishedAt.toISOString() },
    fields: publicFields(input.type, input.fields),
  };
}

/** `count` sample records of `type` from a seeded generator. */
export function sampleRecords(type: RecordTypeName, count: number, seed = 4): DisclosureInput[] {
  const maker = sampleMakers[type];
  if (!maker) throw new Error(`no sample maker for ${type}`);
  const context = new SampleContext(seed);
  return Array.from({ length: count }, () => maker(context));
}

let serial = 0;

/** A submission of `type` by the sample agency `agencyName`, with a valid public envelope. */
export function submission(agencyName: string, type: RecordTypeName, fields: Fields): { type: RecordTypeName; envelope: Fields; fields: Fields } {
  const agency = agencyNamed(agencyName);
  serial += 1;
  return {
    type,
    envelope: {
      indexNumber: `${agency._id}-/2017-${1_000_000 + serial}`,
      title: `测试记录${serial}`,
      category: '测试目录',
      agencyCode: agency._id,
      regionCode: agency.regionCode,
      writtenOn: '2017-03-01',
      publishedAt: '2017-03-06T10:00:00+08:00',
      disclosureMode: 'FULL',
    },
    fields,
  };
}

/** The `[field, rule]` pairs of a rejected submission (none when it was accepted). */
export function errorPairs(result: Validated): Array<[string, string]> {
  return result.ok ? [] : result.errors.map((e) => [e.field, e.rule]);
}
