import type { Db } from 'mongodb';
import type { DisclosureStatus, StoredEnvelope } from '../model/envelope';
import type { DisclosureInput } from '../model/input';
import { CATALOGUE_ENTRIES, RECORD_TYPES } from '../model/record-types';
import { transitionRefusal, type TargetStatus } from '../model/review';
import { findByIds } from '../storage/loaders';
import { agenciesOf, RegionAncestry, regionsOf, type StoredAgency, type StoredRegion } from '../storage/reference';
import { CatalogueProjector, typesOwnedBy, type ProjectionSummary, type RecordFeed } from './catalogue-projector';
import type { CurrentNumberingScheme } from './document-references';
import { ADMINISTRATOR, OwnerPublishing, type Caller, type StatusOutcome, type StoreOutcome } from './owner-publishing';
import { AttachmentStore } from './attachment-store';
import { OwnerRecordStore } from './owner-store';
import type { PreparedDisclosure, RejectedDisclosure, WrittenDisclosure } from './stored-record';

/** A submission as it will reach its owner: validated, references resolved, and as the publisher sent it, de-identified. */
export interface OwnerSubmission extends PreparedDisclosure {
  /** What the publisher sent, de-identified (validateSubmission's `submission`), for an owner that validates it again (one reached over HTTP). */
  deidentified?: unknown;
}

/** How the catalogue reaches one owning subgraph: in process (tools) or over HTTP (the publishing API). */
export interface RecordOwner {
  readonly name: string;
  readonly feed: RecordFeed;
  submit(submissions: readonly OwnerSubmission[], status: DisclosureStatus, caller: Caller): Promise<StoreOutcome>;
  move(indexNumbers: readonly string[], target: TargetStatus, caller: Caller): Promise<Pick<StatusOutcome, 'refused' | 'forbidden'>>;
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
  /** Who writes (an administrator's tool, for any agency, unless given). */
  caller?: Caller;
}

/**
 * Publishing as the catalogue orchestrates it: it resolves what it owns (agencies, regions, which type
 * an index number already belongs to across owners), hands each record to its owner, and then
 * brings its index up to what the owners committed. It never writes an owner's data itself. Writing
 * the same input twice changes nothing (not even the review state); a changed input replaces the
 * record and takes the given review state. A record with an unknown agency or region, or an index
 * number that belongs to another type, or a region outside its agency's region (an agency files
 * records in its own region or below it), or an index number that does not follow the numbering
 * template of its agency's current disclosure guide (a record published from that guide on: the guide's
 * template as the documents subgraph published it, document-references.ts), is rejected with a reason
 * and nothing of it is stored.
 */
export class Publisher {
  readonly projector: CatalogueProjector;
  private readonly ancestry: RegionAncestry;
  private readonly owners: ReadonlyMap<string, RecordOwner>;

  constructor(
    private readonly catalogue: Db,
    owners: readonly RecordOwner[],
  ) {
    this.projector = new CatalogueProjector(catalogue);
    this.ancestry = new RegionAncestry(regionsOf(catalogue));
    this.owners = new Map(owners.map((owner) => [owner.name, owner]));
  }

  private ownerOf(type: keyof typeof RECORD_TYPES): RecordOwner {
    const owner = this.owners.get(RECORD_TYPES[type].subgraph);
    if (!owner) throw new Error(`no owner of ${type} records is connected`);
    return owner;
  }

  async write(inputs: readonly DisclosureInput[], options: WriteOptions = {}): Promise<WriteResult> {
    const { rejected, results } = await this.writeDetailed(inputs.map((input) => ({ input })), options);
    return { written: results.filter((r) => r.changed).length, rejected };
  }

  async writeDetailed(
    submissions: ReadonlyArray<{ input: DisclosureInput; deidentified?: unknown }>,
    options: WriteOptions = {},
  ): Promise<StoreOutcome> {
    const status = options.status ?? 'PUBLISHED';
    const inputs = submissions.map((s) => s.input);
    const [agencies, regionPaths, existing, schemes] = await Promise.all([
      findByIds(agenciesOf(this.catalogue), inputs.map((i) => i.envelope.agencyCode)),
      this.ancestry.pathsOf([...new Set(inputs.map((i) => i.envelope.regionCode))]),
      findByIds(this.catalogue.collection<StoredEnvelope>(CATALOGUE_ENTRIES), inputs.map((i) => i.envelope.indexNumber)),
      this.projector.documentReferences.currentSchemes(inputs.map((i) => i.envelope.agencyCode)),
    ]);
    const outsideItsRegion = (agency: StoredAgency | undefined, regionPath: string[] | undefined) =>
      Boolean(agency && regionPath && !regionPath.includes(agency.regionCode));
    // The names of the regions a refusal below names, read only when there is one.
    const named = await this.ancestry.regionsOf([
      ...new Set(
        inputs.flatMap(({ envelope }) => {
          const agency = agencies.get(envelope.agencyCode);
          return agency && outsideItsRegion(agency, regionPaths.get(envelope.regionCode)) ? [envelope.regionCode, agency.regionCode] : [];
        }),
      ),
    ]);
    const rejected: RejectedDisclosure[] = [];
    const byOwner = new Map<RecordOwner, OwnerSubmission[]>();
    for (const { input, deidentified } of submissions) {
      const { envelope, type } = input;
      const agency = agencies.get(envelope.agencyCode);
      const regionPath = regionPaths.get(envelope.regionCode);
      const previousType = existing.get(envelope.indexNumber)?.type;
      const scheme = schemes.get(envelope.agencyCode);
      const refusal: [field: string, reason: string, rule?: string] | undefined = !agency
        ? ['envelope.agencyCode', `unknown agency ${envelope.agencyCode}`]
        : !regionPath
          ? ['envelope.regionCode', `unknown region ${envelope.regionCode}`]
          : outsideItsRegion(agency, regionPath)
            ? ['envelope.regionCode', outsideRegionReason(envelope.regionCode, agency.regionCode, named)]
            : previousType && previousType !== type
              ? ['envelope.indexNumber', `index number already belongs to a ${previousType}`]
              : scheme && envelope.publishedAt >= scheme.publishedAt && !scheme.matches(envelope.indexNumber)
                ? ['envelope.indexNumber', numberingReason(scheme), 'numbering-pattern']
                : undefined;
      if (refusal || !agency || !regionPath) {
        const [field, reason, rule] = refusal ?? ['envelope', 'invalid'];
        rejected.push({ indexNumber: envelope.indexNumber, field, reason, ...(rule ? { rule } : {}) });
        continue;
      }
      const owner = this.ownerOf(type);
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), { input, deidentified, agencyName: agency.name, regionPath }]);
    }
    const outcomes = await Promise.all([...byOwner].map(([owner, group]) => owner.submit(group, status, options.caller ?? ADMINISTRATOR)));
    await this.projector.sync([...byOwner.keys()].map((owner) => owner.feed));
    const results: WrittenDisclosure[] = outcomes.flatMap((o) => o.results);
    return {
      rejected: [...rejected, ...outcomes.flatMap((o) => o.rejected)],
      results,
      forbidden: outcomes.flatMap((o) => o.forbidden),
    };
  }

  /**
   * Moves records to `target` through their owners. The index is brought up to date first, so the
   * owner of every record is known; each owner checks the move against its own state.
   */
  async move(indexNumbers: readonly string[], target: TargetStatus, caller: Caller = ADMINISTRATOR): Promise<Pick<StatusOutcome, 'refused' | 'forbidden'>> {
    const { scope } = caller;
    await this.syncAll();
    const entries = await findByIds(this.catalogue.collection<StoredEnvelope>(CATALOGUE_ENTRIES), indexNumbers);
    const unknown = indexNumbers.filter((indexNumber) => !entries.has(indexNumber));
    if (unknown.length) return { refused: unknown.map((indexNumber) => ({ indexNumber, field: 'indexNumbers', reason: 'no such record' })), forbidden: [] };
    // All or nothing: vetted here on the fresh index before any owner moves a record.
    const forbidden = [...entries.values()].filter((entry) => scope !== 'any' && !scope.has(entry.agencyCode)).map((entry) => entry._id);
    if (forbidden.length) return { refused: [], forbidden };
    const refused = [...entries.values()].flatMap((entry) => {
      const reason = transitionRefusal(entry.status, target);
      return reason ? [{ indexNumber: entry._id, field: 'indexNumbers', reason }] : [];
    });
    if (refused.length) return { refused, forbidden: [] };
    const byOwner = new Map<RecordOwner, string[]>();
    for (const entry of entries.values()) {
      const owner = this.ownerOf(entry.type as keyof typeof RECORD_TYPES);
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), entry._id]);
    }
    const outcomes = await Promise.all([...byOwner].map(([owner, group]) => owner.move(group, target, caller)));
    await this.projector.sync([...byOwner.keys()].map((owner) => owner.feed));
    return { refused: outcomes.flatMap((o) => o.refused), forbidden: outcomes.flatMap((o) => o.forbidden) };
  }

  /** Brings the index up to what every owner has committed. */
  syncAll(): Promise<ProjectionSummary> {
    return this.projector.sync([...this.owners.values()].map((owner) => owner.feed));
  }

  /** How many records the owners hold in all. */
  async recordCount(): Promise<number> {
    const counts = await Promise.all([...this.owners.values()].map((owner) => owner.feed.count()));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Rebuilds the index from every owner (`npm run reindex`). */
  rebuild(options: Parameters<CatalogueProjector['rebuild']>[1] = {}): Promise<ProjectionSummary> {
    return this.projector.rebuild([...this.owners.values()].map((owner) => owner.feed), options);
  }
}

/** Why an index number does not follow its agency's current numbering scheme. */
function numberingReason(scheme: CurrentNumberingScheme): string {
  return `does not follow the numbering scheme ${scheme.pattern} of the agency's current disclosure guide ${scheme.guide} (published ${scheme.publishedAt.toISOString()}), which binds the records it publishes from then on`;
}

/** Why a record of region `regionCode` may not be filed by an agency of region `agencyRegionCode`. */
function outsideRegionReason(regionCode: string, agencyRegionCode: string, named: ReadonlyMap<string, StoredRegion>): string {
  const label = (code: string) => `${code} ${named.get(code)?.name ?? ''}`.trim();
  return `${label(regionCode)} is outside the agency's region ${label(agencyRegionCode)}: an agency files records only in its own region or below it`;
}

/** An owner reached in process, on its own database: how administrators' tools and tests publish. */
export function localOwner(name: string, db: Db): RecordOwner & { store: OwnerRecordStore } {
  const store = new OwnerRecordStore(db, typesOwnedBy(name));
  const publishing = new OwnerPublishing(store, new AttachmentStore(db));
  return {
    name,
    store,
    feed: { owner: name, types: store.types, read: (after, first) => store.changesAfter(after, first), count: () => store.count() },
    submit: (submissions, status, caller) => publishing.submit(submissions, status, caller.scope),
    move: (indexNumbers, target, caller) => publishing.move(indexNumbers, target, caller.scope),
  };
}
