import type { Db } from 'mongodb';
import type { SubgraphName } from '../platform/config';
import { CATALOGUE_ENTRIES, RECORD_TYPES, type RecordTypeName } from '../model/record-types';
import { findByIds } from '../storage/loaders';
import { sameContent, storeById } from '../storage/mongo';
import { ChangeLog } from './change-log';
import { ENVELOPE_KEYS, type DisclosureStatus, type EnvelopeInput, type StoredEnvelope } from '../model/envelope';
import { agenciesOf, RegionAncestry, regionsOf } from '../storage/reference';
import { searchIndexFields } from '../storage/text-search';
import { shanghaiDate, shanghaiYear } from '../model/time';
import { PUBLICATION_DEADLINE_WORKING_DAYS, workingDaysAfter } from '../model/workdays';

/** One disclosure as a publisher hands it in: the envelope plus its type's own fields. */
export interface DisclosureInput<Fields extends object = object> {
  type: RecordTypeName;
  envelope: EnvelopeInput;
  fields: Fields;
}

export interface RejectedDisclosure {
  indexNumber: string;
  /** The envelope field at fault, e.g. `envelope.agencyCode`. */
  field: string;
  reason: string;
}

export interface WrittenDisclosure {
  indexNumber: string;
  type: RecordTypeName;
  status: DisclosureStatus;
  /** False when the record was already stored exactly so: nothing changed. */
  changed: boolean;
}

export interface WriteResult {
  /** How many records were inserted or changed. */
  written: number;
  rejected: RejectedDisclosure[];
}

export interface WriteOptions {
  /**
   * The review state of records that are new or changed. The API submits DRAFT; trusted loaders of
   * already-public records (the sample, `generate`, an import with --publish) write PUBLISHED.
   */
  status?: DisclosureStatus;
}

/**
 * The one write path: stores each domain record and its catalogue index entry, keyed by index
 * number, and logs every change to what the public sees in the change log. Writing the same input
 * twice changes nothing (not even the review state); a changed input replaces the record, takes the
 * given review state and moves its change position. Records whose agency or region is unknown, or
 * whose index number belongs to another type, are rejected with a reason and nothing of them is
 * stored.
 */
export class DisclosureWriter {
  private readonly ancestry: RegionAncestry;
  private readonly changeLog: ChangeLog;

  constructor(private readonly databases: Record<SubgraphName, Db>) {
    this.ancestry = new RegionAncestry(regionsOf(databases.catalogue));
    this.changeLog = new ChangeLog(databases.catalogue);
  }

  async write(inputs: readonly DisclosureInput[], options: WriteOptions = {}): Promise<WriteResult> {
    const { rejected, results } = await this.writeDetailed(inputs, options);
    return { written: results.filter((r) => r.changed).length, rejected };
  }

  async writeDetailed(
    inputs: readonly DisclosureInput[],
    options: WriteOptions = {},
  ): Promise<{ rejected: RejectedDisclosure[]; results: WrittenDisclosure[] }> {
    const status = options.status ?? 'PUBLISHED';
    const catalogue = this.databases.catalogue;
    const entries = catalogue.collection<StoredEnvelope>(CATALOGUE_ENTRIES);
    const [agencies, regionPaths, existing] = await Promise.all([
      findByIds(agenciesOf(catalogue), inputs.map((i) => i.envelope.agencyCode)),
      this.ancestry.pathsOf([...new Set(inputs.map((i) => i.envelope.regionCode))]),
      findByIds(entries, inputs.map((i) => i.envelope.indexNumber)),
    ]);

    const rejected: RejectedDisclosure[] = [];
    const results: WrittenDisclosure[] = [];
    const stored: Array<{ type: RecordTypeName; envelope: StoredEnvelope; fields: object }> = [];
    for (const input of inputs) {
      const { envelope, type } = input;
      const agency = agencies.get(envelope.agencyCode);
      const regionPath = regionPaths.get(envelope.regionCode);
      const previousType = existing.get(envelope.indexNumber)?.type;
      const refusal: [field: string, reason: string] | undefined = !agency
        ? ['envelope.agencyCode', `unknown agency ${envelope.agencyCode}`]
        : !regionPath
          ? ['envelope.regionCode', `unknown region ${envelope.regionCode}`]
          : previousType && previousType !== type
            ? ['envelope.indexNumber', `index number already belongs to a ${previousType}`]
            : undefined;
      if (refusal || !agency || !regionPath) {
        const [field, reason] = refusal ?? ['envelope', 'invalid'];
        rejected.push({ indexNumber: envelope.indexNumber, field, reason });
        continue;
      }
      stored.push({ type, fields: input.fields, envelope: storedEnvelope(type, envelope, agency.name, regionPath, status) });
    }

    const records = await this.withDomainRecords(stored, existing);
    const changed = records.filter(({ record, before }) => !before || !sameContent({ ...before, status }, record));
    const changedIds = new Set(changed.map((c) => c.record._id));
    for (const { record, before } of records) {
      const isChanged = changedIds.has(record._id);
      results.push({
        indexNumber: record._id,
        type: record.type as RecordTypeName,
        status: isChanged ? status : (before?.status as DisclosureStatus),
        changed: isChanged,
      });
    }
    const publicChanges = changed.filter(({ before }) => before?.status === 'PUBLISHED' || status === 'PUBLISHED');
    const pendingChanges = await this.changeLog.begin(publicChanges.map(({ record }) => record));
    await Promise.all(
      groupByType(changed).map(([type, group]) => {
        const { subgraph, collection } = RECORD_TYPES[type];
        const domain = this.databases[subgraph].collection<StoredEnvelope>(collection);
        return storeById(domain, group.map((c) => c.record), new Map(group.flatMap((c) => (c.before ? [[c.record._id, c.before]] : []))));
      }),
    );
    await storeById(entries, changed.map(({ record }) => envelopeOf(record)), existing);
    await this.changeLog.commit(pendingChanges);
    return { rejected, results };
  }

  /**
   * Moves records to another review state in their domain collections and the catalogue index,
   * logging the change when it alters what the public sees. `check` vets every record first; if
   * any fails, nothing changes.
   */
  async setStatus(
    indexNumbers: readonly string[],
    status: DisclosureStatus,
    check: (entry: StoredEnvelope | undefined, indexNumber: string) => string | undefined,
  ): Promise<{ refused: RejectedDisclosure[]; changed: StoredEnvelope[] }> {
    const entries = this.databases.catalogue.collection<StoredEnvelope>(CATALOGUE_ENTRIES);
    const found = await findByIds(entries, indexNumbers);
    const refused = indexNumbers.flatMap((indexNumber) => {
      const reason = check(found.get(indexNumber), indexNumber);
      return reason ? [{ indexNumber, field: 'indexNumbers', reason }] : [];
    });
    if (refused.length) return { refused, changed: [] };
    const moving = [...found.values()].filter((entry) => entry.status !== status);
    const publicChanges = moving.filter((entry) => entry.status === 'PUBLISHED' || status === 'PUBLISHED');
    const pendingChanges = await this.changeLog.begin(publicChanges);
    await Promise.all(
      groupByType(moving.map((record) => ({ record }))).map(([type, group]) => {
        const { subgraph, collection } = RECORD_TYPES[type];
        return this.databases[subgraph]
          .collection<StoredEnvelope>(collection)
          .updateMany({ _id: { $in: group.map((g) => g.record._id) } }, { $set: { status } });
      }),
    );
    await entries.updateMany({ _id: { $in: moving.map((entry) => entry._id) } }, { $set: { status } });
    await this.changeLog.commit(pendingChanges);
    return { refused: [], changed: moving.map((entry) => ({ ...entry, status })) };
  }

  /**
   * Each record as it will be stored in its domain collection, beside what is stored there now. Only
   * records with a catalogue entry are looked up (a scan on FerretDB): one without an entry is new,
   * and should its domain record exist after all, storeById's insert turns into a replacement.
   */
  private async withDomainRecords(
    stored: Array<{ type: RecordTypeName; envelope: StoredEnvelope; fields: object }>,
    entries: ReadonlyMap<string, StoredEnvelope>,
  ) {
    const byType = new Map<RecordTypeName, StoredEnvelope[]>();
    for (const { type, envelope, fields } of stored) {
      const group = byType.get(type) ?? [];
      group.push({ ...fields, ...envelope });
      byType.set(type, group);
    }
    const withBefore = await Promise.all(
      [...byType].map(async ([type, group]) => {
        const { subgraph, collection } = RECORD_TYPES[type];
        const domain = this.databases[subgraph].collection<StoredEnvelope>(collection);
        const before = await findByIds(domain, group.filter((r) => entries.has(r._id)).map((r) => r._id));
        return group.map((record) => ({ record, before: before.get(record._id) ?? null }));
      }),
    );
    return withBefore.flat();
  }
}

function groupByType<T extends { record: StoredEnvelope }>(items: T[]): Array<[RecordTypeName, T[]]> {
  const groups = new Map<RecordTypeName, T[]>();
  for (const item of items) {
    const type = item.record.type as RecordTypeName;
    groups.set(type, [...(groups.get(type) ?? []), item]);
  }
  return [...groups];
}

/** The catalogue entry of a stored record: its envelope without the type's own fields. */
export function envelopeOf(record: StoredEnvelope): StoredEnvelope {
  return Object.fromEntries(ENVELOPE_KEYS.map((key) => [key, record[key]])) as unknown as StoredEnvelope;
}

export function storedEnvelope(
  type: RecordTypeName,
  input: EnvelopeInput,
  agencyName: string,
  regionPath: string[],
  status: DisclosureStatus,
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
    status,
    publicationDelayWorkingDays: delay,
    publishedLate: delay === null ? null : delay > PUBLICATION_DEADLINE_WORKING_DAYS,
    ...searchIndexFields([input.title, ...input.subjectTerms, documentNumber, agencyName]),
  };
}
