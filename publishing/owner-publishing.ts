import type { DisclosureStatus } from '../model/envelope';
import { transitionRefusal, type TargetStatus } from '../model/review';
import type { AttachmentStore } from './attachment-store';
import type { OwnerRecordStore } from './owner-store';
import { storedRecord, type OwnedRecord, type PreparedDisclosure, type RejectedDisclosure, type WrittenDisclosure } from './stored-record';

/** Whose records a caller may write: the agencies of its key's scope, or every agency (administrators' tools). */
export type WriteScope = ReadonlySet<string> | 'any';

/** Who writes: the scope, and the identity the gateway signed for the request (passed on to owners over HTTP). */
export interface Caller {
  scope: WriteScope;
  identityToken?: string;
}

/** Administrators' tools, which write for any agency. */
export const ADMINISTRATOR: Caller = { scope: 'any' };

const inScope = (scope: WriteScope, agencyCode: string) => scope === 'any' || scope.has(agencyCode);

export interface StoreOutcome {
  rejected: RejectedDisclosure[];
  results: WrittenDisclosure[];
  /** Index numbers outside the caller's scope; when any, nothing was stored. */
  forbidden: string[];
}

export interface StatusOutcome {
  /** Records that cannot make the move, with why; when any, nothing changed. */
  refused: RejectedDisclosure[];
  /** Index numbers outside the caller's scope; when any, nothing changed. */
  forbidden: string[];
  changed: OwnedRecord[];
}

/**
 * The owner's side of publishing: what an owning subgraph does with records it is handed, whoever
 * hands them (the catalogue's publishing API over HTTP, or an administrator's tool in process). It
 * checks the caller's scope against the record and against what is stored, and the review rules
 * against the state stored here, which is the only state that counts.
 */
export class OwnerPublishing {
  constructor(
    readonly store: OwnerRecordStore,
    private readonly attachments: AttachmentStore,
  ) {}

  async submit(prepared: readonly PreparedDisclosure[], status: DisclosureStatus, scope: WriteScope): Promise<StoreOutcome> {
    const outside = prepared.filter((p) => !inScope(scope, p.input.envelope.agencyCode)).map((p) => p.input.envelope.indexNumber);
    const stored = await this.store.findByIds(prepared.map((p) => p.input.envelope.indexNumber));
    const takenOver = [...stored.values()].filter((record) => !inScope(scope, record.agencyCode)).map((record) => record._id);
    const forbidden = [...new Set([...outside, ...takenOver])];
    if (forbidden.length) return { rejected: [], results: [], forbidden };
    // The bytes first: a stored record's attachments are always there to serve.
    for (const { input } of prepared) await this.attachments.put(input.envelope.indexNumber, input.attachments ?? []);
    return { ...(await this.store.store(prepared.map((p) => storedRecord(p, status)), status, stored)), forbidden: [] };
  }

  async move(indexNumbers: readonly string[], target: TargetStatus, scope: WriteScope): Promise<StatusOutcome> {
    const forbidden: string[] = [];
    const { refused, changed } = await this.store.setStatus(indexNumbers, target, (record, indexNumber) => {
      if (!record) return 'no such record';
      if (!inScope(scope, record.agencyCode)) {
        forbidden.push(indexNumber);
        return 'another agency’s record';
      }
      return transitionRefusal(record.status, target);
    });
    return { refused, forbidden, changed };
  }
}
