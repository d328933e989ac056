import type DataLoader from 'dataloader';
import type { GraphQLFieldResolver } from 'graphql';
import type { Collection, Document, IndexDescription } from 'mongodb';
import type { SubgraphName } from '../../platform/config';
import { RECORD_TYPES, type RecordTypeName } from '../../model/record-types';
import { isVisible, visibilityFilter, type Actor } from './auth';
import { OwnerRecordStore } from '../../publishing/owner-store';
import { fieldSchemas } from '../field-schemas';
import { ownerApi } from './owner-api';
import { byIdLoader } from '../../storage/loaders';
import { ensureIndexes } from '../../storage/mongo';
import { keysetPage, type PageArgs } from '../../storage/pagination';
import { envelopeFilter, ensureEnvelopeIndexes, type EnvelopeFilterInput } from '../../storage/filters';
import { type StoredEnvelope } from '../../model/envelope';
import type { SubgraphDefinition } from './server';

/** One disclosure type of a domain subgraph: how to filter it and how to resolve its own fields. */
export interface DisclosureTypeSpec<Stored extends StoredEnvelope = StoredEnvelope, FilterInput = never> {
  type: RecordTypeName;
  /** Query field listing records of this type, also added to Agency (e.g. `landTransfers`). */
  listField: string;
  /** Query field opening one record by index number (e.g. `landTransfer`). */
  singleField: string;
  /** The MongoDB filter for the type's own filter input; throws badUserInput for bad values. */
  filter(input: FilterInput | null | undefined): Document;
  /** Resolvers of the type's own fields (money, derived values); plain fields need none. */
  fields?: Record<string, GraphQLFieldResolver<Stored, DomainContext>>;
  /** Indexes for the type's own filters, beside the envelope indexes every type gets. */
  indexes?: IndexDescription[];
}

/** Per-request context of a domain subgraph: who asks, and a fresh by-id loader for every type it owns. */
export interface DomainContext {
  actor: Actor;
  records: Partial<Record<RecordTypeName, DataLoader<string, StoredEnvelope | null>>>;
}

interface ListArgs<FilterInput> extends PageArgs {
  envelope?: EnvelopeFilterInput | null;
  filter?: FilterInput | null;
}

// Specs of different types have different stored shapes and filter inputs; the builder only passes
// values between a spec's own functions, so it works over the widest form.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySpec = DisclosureTypeSpec<any, any>;

/**
 * Builds a domain subgraph from its types: for each, `Query.<list>(envelope, filter, first, after,
 * orderBy)`, `Query.<single>(indexNumber)`, `Agency.<list>(...)`, the entity reference resolver (the
 * same loader as the by-id query), the envelope fields and the type's own fields.
 */
export function defineDomainSubgraph(
  name: Exclude<SubgraphName, 'catalogue'>,
  dir: string,
  specs: AnySpec[],
): SubgraphDefinition<DomainContext> {
  const collections = new Map<RecordTypeName, Collection<StoredEnvelope>>();
  const collectionOf = (type: RecordTypeName) => {
    const collection = collections.get(type);
    if (!collection) throw new Error(`${name} subgraph used before setup`);
    return collection;
  };

  const list = (spec: AnySpec, args: ListArgs<unknown>, context: DomainContext, agencyCode?: string) =>
    keysetPage(
      collectionOf(spec.type),
      {
        $and: [
          visibilityFilter(context.actor),
          {
            ...envelopeFilter(args.envelope, 'envelope'),
            ...spec.filter(args.filter),
            ...(agencyCode ? { agencyCode } : {}),
          },
        ],
      },
      args,
    );

  const Query: Record<string, GraphQLFieldResolver<unknown, DomainContext>> = {};
  const Agency: Record<string, unknown> = {
    __resolveReference: (reference: { code: string }) => ({ code: reference.code }),
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
      ...spec.fields,
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
    },
    async start({ own }) {
      for (const spec of specs) collections.set(spec.type, own.collection<StoredEnvelope>(RECORD_TYPES[spec.type].collection));
      return {
        createContext: async ({ actor }) => ({
          actor,
          records: Object.fromEntries(specs.map((spec) => [spec.type, byIdLoader(collectionOf(spec.type))])),
        }),
        // The owner's side of publishing (./owner-api.ts), for the catalogue.
        routes: (actorOf) => [{ path: '/owner', router: ownerApi(name, own, fieldSchemas, actorOf) }],
      };
    },
  };
}
