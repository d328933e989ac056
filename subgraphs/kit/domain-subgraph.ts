import type DataLoader from 'dataloader';
import type { GraphQLFieldResolver } from 'graphql';
import type { Collection } from 'mongodb';
import { RECORD_TYPES, type RecordTypeName } from '../../model/record-types';
import { isVisible, visibilityFilter, type Actor } from './auth';
import type { RequestWork } from '../../platform/overload';
import { AttachmentStore } from '../../publishing/attachment-store';
import { OwnerRecordStore } from '../../publishing/owner-store';
import { FIELD_SCHEMAS } from '../../model/records';
import { attachmentsRouter } from './attachments';
import { ownerApi } from './owner-api';
import { boundedPage } from './expensive';
import { byIdLoader } from '../../storage/loaders';
import { ensureIndexes } from '../../storage/mongo';
import { keysetPage, type PageArgs } from '../../storage/pagination';
import { envelopeFilter, ensureEnvelopeIndexes, type EnvelopeFilterInput } from '../../storage/filters';
import { type StoredEnvelope } from '../../model/envelope';
import { namedType, type AnyRecordType, type DomainSubgraphName } from '../../model/records/record-type';
import { money } from '../../model/scalars';
import type { SubgraphDefinition } from './server';

/**
 * A record type a domain subgraph serves, checked against the subgraph's generated resolver types
 * (`subgraphs/<name>/generated/resolvers.ts`): its name is one of the subgraph's types, and its
 * field resolvers take the stored record (the mapper) and return what the SDL says.
 */
export type DisclosureTypeSpec<GeneratedResolvers> = {
  [Type in keyof GeneratedResolvers & RecordTypeName]: AnyRecordType & { type: Type; resolvers: NonNullable<GeneratedResolvers[Type]> };
}[keyof GeneratedResolvers & RecordTypeName];

/** Per-request context of a domain subgraph: who asks, and a fresh by-id loader for every type it owns. */
export interface DomainContext {
  actor: Actor;
  /** The request's deadline, signal and slot of expensive work (platform/overload.ts). */
  work: RequestWork;
  records: Partial<Record<RecordTypeName, DataLoader<string, StoredEnvelope | null>>>;
  /** A fresh loader for each field the subgraph adds to Agency besides its lists, by field name. */
  agencyFields: Record<string, DataLoader<string, unknown>>;
}

/**
 * A field a domain subgraph adds to `Agency` besides its record lists (the documents subgraph's
 * current disclosure guide): a per-request loader answering a batch of agency codes from the
 * subgraph's own collections, one command per batch.
 */
export interface AgencyField {
  loader(collectionOf: (type: RecordTypeName) => Collection<StoredEnvelope>, work: RequestWork): DataLoader<string, unknown>;
}

interface ListArgs<FilterInput> extends PageArgs {
  envelope?: EnvelopeFilterInput | null;
  filter?: FilterInput | null;
}

type AnySpec = AnyRecordType & { type: RecordTypeName };

/** A type's own field resolvers: a `Money` field `x` from the stored `xFen`, then the definition's own. */
function fieldResolversOf(spec: AnySpec): Record<string, (record: Record<string, unknown>) => unknown> {
  const moneyFields = Object.entries(spec.fields).filter(([, type]) => namedType(type) === 'Money');
  return {
    ...Object.fromEntries(moneyFields.map(([field]) => [field, (record: Record<string, unknown>) => money(record[`${field}Fen`] as number | null)])),
    ...(spec.resolvers as Record<string, (record: Record<string, unknown>) => unknown>),
  };
}

/**
 * Builds a domain subgraph from its types: for each, `Query.<list>(envelope, filter, first, after,
 * orderBy)`, `Query.<single>(indexNumber)`, `Agency.<list>(...)`, the entity reference resolver (the
 * same loader as the by-id query), the envelope fields and the type's own fields.
 */
export function defineDomainSubgraph<GeneratedResolvers>(
  name: DomainSubgraphName,
  dir: string,
  typed: ReadonlyArray<DisclosureTypeSpec<GeneratedResolvers>>,
  agencyFields: Readonly<Record<string, AgencyField>> = {},
): SubgraphDefinition<DomainContext> {
  const specs: readonly AnySpec[] = typed;
  const collections = new Map<RecordTypeName, Collection<StoredEnvelope>>();
  const collectionOf = (type: RecordTypeName) => {
    const collection = collections.get(type);
    if (!collection) throw new Error(`${name} subgraph used before setup`);
    return collection;
  };

  const list = (spec: AnySpec, args: ListArgs<unknown>, context: DomainContext, agencyCode?: string) => {
    const filter = {
      $and: [
        visibilityFilter(context.actor),
        {
          ...envelopeFilter(args.envelope, 'envelope'),
          ...(args.filter ? spec.filter.where(args.filter) : {}),
          ...(agencyCode ? { agencyCode } : {}),
        },
      ],
    };
    return boundedPage(context.work, args.envelope?.text, () => keysetPage(collectionOf(spec.type), filter, args, context.work));
  };

  const Query: Record<string, GraphQLFieldResolver<unknown, DomainContext>> = {};
  const Agency: Record<string, unknown> = {
    __resolveReference: (reference: { code: string }) => ({ code: reference.code }),
    ...Object.fromEntries(
      Object.keys(agencyFields).map((field) => [field, (agency: { code: string }, _args: unknown, context: DomainContext) => context.agencyFields[field].load(agency.code)]),
    ),
  };
  const typeResolvers: Record<string, unknown> = {};

  for (const spec of specs) {
    if (RECORD_TYPES[spec.type].subgraph !== name) throw new Error(`${spec.type} does not belong to ${name}`);
    const load = async (context: DomainContext, id: string) => {
      const record = await context.records[spec.type]?.load(id);
      return record && isVisible(record, context.actor) ? record : null;
    };
    Query[spec.listField] = (_source, args: ListArgs<unknown>, context) => list(spec, args, context);
    Query[spec.singleField] = (_source, args: { indexNumber: string }, context) => load(context, args.indexNumber);
    Agency[spec.listField] = (agency: { code: string }, args: ListArgs<unknown>, context: DomainContext) =>
      list(spec, args, context, agency.code);
    typeResolvers[spec.type] = {
      __resolveReference: (reference: { id: string }, context: DomainContext) => load(context, reference.id),
      id: (record: StoredEnvelope) => record._id,
      ...fieldResolversOf(spec),
    };
  }

  return {
    name,
    dir,
    resolvers: { Query, Agency, ...typeResolvers } as SubgraphDefinition<DomainContext>['resolvers'],
    async prepare(own) {
      for (const spec of specs) {
        const collection = own.collection<StoredEnvelope>(RECORD_TYPES[spec.type].collection);
        await ensureEnvelopeIndexes(collection);
        await ensureIndexes(collection as never, spec.indexes ?? []);
      }
      await new OwnerRecordStore(own, specs.map((spec) => spec.type)).ensureIndexes();
      await new AttachmentStore(own).ensureIndexes();
    },
    async start({ own }) {
      for (const spec of specs) collections.set(spec.type, own.collection<StoredEnvelope>(RECORD_TYPES[spec.type].collection));
      return {
        createContext: async ({ actor, work }) => ({
          actor,
          work,
          records: Object.fromEntries(specs.map((spec) => [spec.type, byIdLoader(collectionOf(spec.type), work)])),
          agencyFields: Object.fromEntries(Object.entries(agencyFields).map(([field, { loader }]) => [field, loader(collectionOf, work)])),
        }),
        // The owner's side of publishing (./owner-api.ts), for the catalogue.
        routes: (actorOf) => [
          { path: '/owner', router: ownerApi(name, own, FIELD_SCHEMAS, actorOf) },
          // The bytes of its records' attachments (./attachments.ts), for the gateway.
          { path: '/attachments', router: attachmentsRouter(name, own, actorOf) },
        ],
      };
    },
  };
}
