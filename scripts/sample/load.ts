import type { Db } from 'mongodb';
import { RECORD_TYPE_NAMES } from '../../subgraphs/shared/domains';
import type { DisclosureInput, DisclosureWriter } from '../../subgraphs/shared/ingest';
import { agenciesOf, regionsOf } from '../../subgraphs/shared/reference';
import { SampleContext } from './context';
import { sampleMakers } from './makers';
import { AGENCIES, REGIONS, storedAgency } from './reference';

/** Writes the sample regions and agencies (idempotent: upserts by code). */
export async function loadReferenceData(catalogue: Db): Promise<void> {
  await regionsOf(catalogue).bulkWrite(
    REGIONS.map((region) => ({ replaceOne: { filter: { _id: region._id }, replacement: region, upsert: true } })),
  );
  await agenciesOf(catalogue).bulkWrite(
    AGENCIES.map((agency) => ({
      replaceOne: { filter: { _id: agency._id }, replacement: storedAgency(agency), upsert: true },
    })),
  );
}

/**
 * `total` sample records from a seeded generator, spread evenly over every record type that has a
 * maker, in batches. The same seed gives the same records.
 */
export function* sampleBatches(seed: number, total: number, batchSize = 1000): Generator<DisclosureInput[]> {
  const context = new SampleContext(seed);
  const makers = RECORD_TYPE_NAMES.flatMap((type) => (sampleMakers[type] ? [sampleMakers[type]] : []));
  let batch: DisclosureInput[] = [];
  for (let i = 0; i < total; i++) {
    batch.push(makers[i % makers.length](context));
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export function sampleTypeCount(): number {
  return RECORD_TYPE_NAMES.filter((type) => sampleMakers[type]).length;
}

/** Loads a sample through the one write path, reporting progress after every batch. */
export async function loadSample(
  writer: DisclosureWriter,
  options: { seed: number; total: number; onProgress?: (written: number, total: number) => void },
): Promise<number> {
  let written = 0;
  for (const batch of sampleBatches(options.seed, options.total)) {
    const result = await writer.write(batch);
    if (result.rejected.length) {
      throw new Error(`sample records rejected: ${result.rejected.slice(0, 3).map((r) => `${r.indexNumber}: ${r.reason}`).join('; ')}`);
    }
    written += result.written;
    options.onProgress?.(written, options.total);
  }
  return written;
}
