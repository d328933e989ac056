import type { Db } from 'mongodb';
import { RECORD_TYPE_NAMES } from '../../model/record-types';
import type { DisclosureInput } from '../../model/input';
import type { Publisher, WriteResult } from '../../publishing/publisher';
import { findByIds } from '../../storage/loaders';
import { storeById } from '../../storage/mongo';
import { agenciesOf, regionsOf } from '../../storage/reference';
import { SampleContext } from './context';
import { sampleMakers } from './makers';
import { AGENCIES, REGIONS, storedAgency } from '../../model/reference-data';

/** Writes the sample regions and agencies by code; running it again changes nothing. */
export async function loadReferenceData(catalogue: Db): Promise<void> {
  const regions = regionsOf(catalogue);
  const agencies = agenciesOf(catalogue);
  await storeById(regions, REGIONS, await findByIds(regions, REGIONS.map((r) => r._id)));
  const stored = AGENCIES.map(storedAgency);
  await storeById(agencies, stored, await findByIds(agencies, stored.map((a) => a._id)));
}

/**
 * `total` sample records from a seeded generator, spread evenly over every record type that has a
 * maker, in batches. The same seed gives the same records.
 */
export function* sampleBatches(
  seed: number,
  total: number,
  options: { batchSize?: number; serialBase?: number } = {},
): Generator<DisclosureInput[]> {
  const batchSize = options.batchSize ?? 1000;
  const context = new SampleContext(seed, options.serialBase);
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

export interface LoadOptions {
  seed: number;
  total: number;
  serialBase?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Loads a sample through the one write path, reporting progress after every batch. Returns what was
 * written and what was rejected (none, unless the database holds records of other types under the
 * same index numbers).
 */
export async function loadSample(writer: Publisher, options: LoadOptions): Promise<WriteResult> {
  const total: WriteResult = { written: 0, rejected: [] };
  for (const batch of sampleBatches(options.seed, options.total, { serialBase: options.serialBase })) {
    const result = await writer.write(batch);
    total.written += result.written;
    total.rejected.push(...result.rejected);
    options.onProgress?.(total.written + total.rejected.length, options.total);
  }
  return total;
}
