/**
 * Rebuilds the catalogue index (`entries`) from the domain collections, for repair: every domain
 * record's entry is derived again as the write path derives it (agency name, region ancestry, year,
 * lateness on the current holiday calendar, search bigrams), a missing or different entry is written,
 * and an entry whose domain record is gone is removed. Changes to what the public sees go to the
 * change log as the write path logs them, so consumers of the change feed follow the repair.
 */
import type { Db } from 'mongodb';
import { ChangeLog } from './change-log';
import type { SubgraphName } from '../platform/config';
import { CATALOGUE_ENTRIES, RECORD_TYPE_NAMES, RECORD_TYPES, type RecordTypeName } from '../model/record-types';
import { storedEnvelope } from './writer';
import { findByIds } from '../storage/loaders';
import { sameContent, storeById } from '../storage/mongo';
import type { EnvelopeInput, StoredEnvelope } from '../model/envelope';
import { agenciesOf, RegionAncestry, regionsOf } from '../storage/reference';

export interface ReindexSummary {
  /** Domain records read. */
  scanned: number;
  /** Entries that were missing and were written. */
  restored: number;
  /** Entries that differed from their record and were rewritten. */
  refreshed: number;
  /** Entries without a domain record, removed. */
  removed: number;
  /** Records whose entry cannot be derived (an agency or region no longer known); their entries are left as they are. */
  problems: Array<{ indexNumber: string; reason: string }>;
}

export interface ReindexOptions {
  batchSize?: number;
  /** Called after each batch with the domain records read so far and how many there are. */
  onProgress?: (done: number, total: number) => void;
}

function envelopeInputOf(record: StoredEnvelope): EnvelopeInput {
  return {
    indexNumber: record._id,
    title: record.title,
    category: record.category,
    agencyCode: record.agencyCode,
    regionCode: record.regionCode,
    documentNumber: record.documentNumber,
    subjectTerms: record.subjectTerms,
    writtenOn: record.writtenOn,
    publishedAt: record.publishedAt,
    disclosureMode: record.disclosureMode,
    interpretationIndexNumber: record.interpretationIndexNumber,
    sourceUrl: record.sourceUrl,
  };
}

export async function reindexCatalogue(databases: Record<SubgraphName, Db>, options: ReindexOptions = {}): Promise<ReindexSummary> {
  const batchSize = options.batchSize ?? 1000;
  const catalogue = databases.catalogue;
  const entries = catalogue.collection<StoredEnvelope>(CATALOGUE_ENTRIES);
  const ancestry = new RegionAncestry(regionsOf(catalogue));
  const changeLog = new ChangeLog(catalogue);
  const summary: ReindexSummary = { scanned: 0, restored: 0, refreshed: 0, removed: 0, problems: [] };
  const domainOf = (type: RecordTypeName) => databases[RECORD_TYPES[type].subgraph].collection<StoredEnvelope>(RECORD_TYPES[type].collection);
  const counts = await Promise.all(RECORD_TYPE_NAMES.map((type) => domainOf(type).countDocuments()));
  const total = counts.reduce((a, b) => a + b, 0);
  const seen = new Set<string>();

  const rebuild = async (type: RecordTypeName, records: StoredEnvelope[]) => {
    const [agencies, regionPaths, existing] = await Promise.all([
      findByIds(agenciesOf(catalogue), records.map((r) => r.agencyCode)),
      ancestry.pathsOf([...new Set(records.map((r) => r.regionCode))]),
      findByIds(entries, records.map((r) => r._id)),
    ]);
    const fresh: StoredEnvelope[] = [];
    for (const record of records) {
      seen.add(record._id);
      const agency = agencies.get(record.agencyCode);
      const regionPath = regionPaths.get(record.regionCode);
      if (!agency || !regionPath) {
        const reason = agency ? `unknown region ${record.regionCode}` : `unknown agency ${record.agencyCode}`;
        summary.problems.push({ indexNumber: record._id, reason });
        continue;
      }
      const entry = storedEnvelope(type, envelopeInputOf(record), agency.name, regionPath, record.status);
      const before = existing.get(record._id);
      if (before && sameContent(before, entry)) continue;
      if (before) summary.refreshed += 1;
      else summary.restored += 1;
      fresh.push(entry);
    }
    const publicChanges = fresh.filter((entry) => entry.status === 'PUBLISHED' || existing.get(entry._id)?.status === 'PUBLISHED');
    const pendingChanges = await changeLog.begin(publicChanges);
    await storeById(entries, fresh, existing);
    await changeLog.commit(pendingChanges);
  };

  for (const type of RECORD_TYPE_NAMES) {
    let batch: StoredEnvelope[] = [];
    for await (const record of domainOf(type).find({}).batchSize(batchSize)) {
      batch.push(record);
      if (batch.length < batchSize) continue;
      await rebuild(type, batch);
      summary.scanned += batch.length;
      options.onProgress?.(summary.scanned, total);
      batch = [];
    }
    if (batch.length) await rebuild(type, batch);
    summary.scanned += batch.length;
    options.onProgress?.(summary.scanned, total);
  }

  const orphans: StoredEnvelope[] = [];
  const projection = { _id: 1, type: 1, domain: 1, agencyCode: 1, category: 1, status: 1 };
  for await (const entry of entries.find({}, { projection })) {
    if (!seen.has(entry._id)) orphans.push(entry as StoredEnvelope);
  }
  for (let i = 0; i < orphans.length; i += batchSize) {
    const group = orphans.slice(i, i + batchSize);
    const wasPublic = group.filter((entry) => entry.status === 'PUBLISHED');
    const pendingChanges = await changeLog.begin(wasPublic);
    await entries.deleteMany({ _id: { $in: group.map((entry) => entry._id) } });
    await changeLog.commit(pendingChanges);
    summary.removed += group.length;
  }
  return summary;
}
