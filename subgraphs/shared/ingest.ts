import type { Db } from 'mongodb';
import type { SubgraphName } from './config';
import { CATALOGUE_ENTRIES, RECORD_TYPES, type RecordTypeName } from './domains';
import { findByIds } from './loaders';
import { storeById } from './mongo';
import type { EnvelopeInput, StoredEnvelope } from './records';
import { agenciesOf, RegionAncestry, regionsOf } from './reference';
import { searchIndexFields } from './text';
import { shanghaiDate, shanghaiYear } from './time';
import { PUBLICATION_DEADLINE_WORKING_DAYS, workingDaysAfter } from './workdays';

/** One disclosure as a publisher hands it in: the envelope plus its type's own fields. */
export interface DisclosureInput<Fields extends object = object> {
  type: RecordTypeName;
  envelope: EnvelopeInput;
  fields: Fields;
}

export interface RejectedDisclosure {
  indexNumber: string;
  reason: string;
}

export interface WriteResult {
  written: number;
  rejected: RejectedDisclosure[];
}

/**
 * The one write path: stores each domain record and its catalogue index entry, keyed by index
 * number, so writing the same input twice changes nothing and a changed input replaces the record.
 * Records whose agency or region is unknown, or whose index number belongs to another type, are
 * rejected with a reason and nothing of them is stored.
 */
export class DisclosureWriter {
  private readonly ancestry: RegionAncestry;

  constructor(private readonly databases: Record<SubgraphName, Db>) {
    this.ancestry = new RegionAncestry(regionsOf(databases.catalogue));
  }

  async write(inputs: readonly DisclosureInput[]): Promise<WriteResult> {
    const catalogue = this.databases.catalogue;
    const entries = catalogue.collection<StoredEnvelope>(CATALOGUE_ENTRIES);
    const [agencies, regionPaths, existing] = await Promise.all([
      findByIds(agenciesOf(catalogue), inputs.map((i) => i.envelope.agencyCode)),
      this.ancestry.pathsOf([...new Set(inputs.map((i) => i.envelope.regionCode))]),
      findByIds(entries, inputs.map((i) => i.envelope.indexNumber)),
    ]);

    const rejected: RejectedDisclosure[] = [];
    const stored: Array<{ type: RecordTypeName; envelope: StoredEnvelope; fields: object }> = [];
    for (const input of inputs) {
      const { envelope, type } = input;
      const agency = agencies.get(envelope.agencyCode);
      const regionPath = regionPaths.get(envelope.regionCode);
      const previousType = existing.get(envelope.indexNumber)?.type;
      const reason = !agency
        ? `unknown agency ${envelope.agencyCode}`
        : !regionPath
          ? `unknown region ${envelope.regionCode}`
          : previousType && previousType !== type
            ? `index number already belongs to a ${previousType}`
            : undefined;
      if (reason || !agency || !regionPath) {
        rejected.push({ indexNumber: envelope.indexNumber, reason: reason ?? 'invalid' });
        continue;
      }
      stored.push({ type, fields: input.fields, envelope: storedEnvelope(type, envelope, agency.name, regionPath) });
    }

    const byType = new Map<RecordTypeName, StoredEnvelope[]>();
    for (const { type, envelope, fields } of stored) {
      const records = byType.get(type) ?? [];
      records.push({ ...fields, ...envelope });
      byType.set(type, records);
    }
    await Promise.all(
      [...byType].map(async ([type, records]) => {
        const { subgraph, collection } = RECORD_TYPES[type];
        const domain = this.databases[subgraph].collection<StoredEnvelope>(collection);
        await storeById(domain, records, await findByIds(domain, records.map((r) => r._id)));
      }),
    );
    await storeById(entries, stored.map(({ envelope }) => envelope), existing);
    return { written: stored.length, rejected };
  }
}

function storedEnvelope(
  type: RecordTypeName,
  input: EnvelopeInput,
  agencyName: string,
  regionPath: string[],
): StoredEnvelope {
  const documentNumber = input.documentNumber ?? null;
  const writtenOn = input.writtenOn ?? null;
  const delay = writtenOn ? workingDaysAfter(writtenOn, shanghaiDate(input.publishedAt)) : null;
  return {
    _id: input.indexNumber,
    type,
    domain: RECORD_TYPES[type].domain,
    title: input.title,
    category: input.category,
    agencyCode: input.agencyCode,
    agencyName,
    regionCode: input.regionCode,
    regionPath,
    documentNumber,
    subjectTerms: input.subjectTerms,
    writtenOn,
    publishedAt: input.publishedAt,
    year: shanghaiYear(input.publishedAt),
    disclosureMode: input.disclosureMode,
    interpretationIndexNumber: input.interpretationIndexNumber ?? null,
    sourceUrl: input.sourceUrl ?? null,
    publicationDelayWorkingDays: delay,
    publishedLate: delay === null ? null : delay > PUBLICATION_DEADLINE_WORKING_DAYS,
    ...searchIndexFields([input.title, ...input.subjectTerms, documentNumber, agencyName]),
  };
}
