/**
 * What a record type is: one definition object per type (`model/records/<domain>/<type>.ts`), from
 * which the registry (`model/records/index.ts`) derives everything else the code knows about it.
 * Its SDL stays hand-written in its subgraph's schema.graphql; test/schema/record-definitions.test.ts
 * checks the two agree.
 */
import type { z } from 'zod';
import type { Document, IndexDescription } from 'mongodb';
import type { DomainName, StoredRecord } from '../envelope';
import type { SubgraphName } from '../../platform/config';

/** The subgraphs that own record types: all but the catalogue (the index) and the requests subgraph (no disclosures). */
export type DomainSubgraphName = Exclude<SubgraphName, 'catalogue' | 'requests'>;

/**
 * A public field's GraphQL type as the SDL writes it (`String!`, `Money!`, `LandUse!`,
 * `[PenaltyKind!]!`); for a field of an object type, that type and its own fields.
 */
export type FieldType = string | { readonly type: string; readonly fields: Readonly<Record<string, FieldType>> };

/**
 * How a field names someone: `person` always a natural person, so the name is masked whatever it
 * looks like; `party` a person or an organisation, masked when it reads as a personal name (企业名称
 * stay public); `{ kindField, persons, organisations }` decided by the kind in the field `kindField`
 * beside it (in the same object: 行政相对人类别, a list element's kind): a person's name for a kind
 * in `persons`, public for one in `organisations`, a party's for any other.
 */
export type PersonNameRule =
  | 'person'
  | 'party'
  | { readonly kindField: string; readonly persons: readonly string[]; readonly organisations?: readonly string[] };

/** A resolver of one of the type's own fields, from the stored record. */
export type FieldResolver<Stored> = (record: Stored) => unknown;

export interface RecordFilter<Filter> {
  /** The filter input's fields and their GraphQL types, as `<Type>Filter` in the SDL has them. */
  readonly fields: Readonly<Record<keyof Filter & string, string>>;
  /** The MongoDB filter for a given filter input; throws badUserInput (naming `filter.<field>`) for bad values. */
  where(input: Filter): Document;
}

/**
 * One record type. `Stored` is its own stored fields (money in integer fen, days as `YYYY-MM-DD`);
 * `Filter` the filter input as the generated types have it (after scalar parsing: YuanAmount in fen).
 */
export interface RecordTypeDefinition<
  Name extends string = string,
  Subgraph extends DomainSubgraphName = DomainSubgraphName,
  Stored extends object = object,
  Filter extends object = object,
  Resolvers extends object = object,
> {
  /** The GraphQL type name, also the `type` of its submissions and of its catalogue entries. */
  readonly type: Name;
  readonly domain: DomainName;
  /** The subgraph that owns, stores and resolves it. */
  readonly subgraph: Subgraph;
  /** Its collection in the owning subgraph's database. */
  readonly collection: string;
  /** Query (and Agency) field listing records of this type, e.g. `landTransfers`. */
  readonly listField: string;
  /** Query field opening one record by index number, e.g. `landTransfer`. */
  readonly singleField: string;
  /** What the type is, in English with the Chinese term: its SDL description and the explorer's. */
  readonly description: string;
  /** Its own public fields (besides `id` and the envelope) and their GraphQL types. */
  readonly fields: Readonly<Record<string, FieldType>>;
  /**
   * How publishers send its own fields (GraphQL names, money as yuan strings) and what is stored
   * (money in fen, derived values computed): a strict zod object schema with a transform.
   */
  readonly input: z.ZodType<Stored>;
  /**
   * Its input fields (dotted paths, e.g. `supplier.name`; a path through a list, `recipients.name`,
   * means that field of every element) that name someone who may be a natural person 自然人. The
   * masked name is also masked wherever else the submission repeats it (records/personal-data.ts).
   */
  readonly personNames?: Readonly<Record<string, PersonNameRule>>;
  readonly filter: RecordFilter<Filter>;
  /** Indexes for its own filters, beside the envelope indexes every type gets. */
  readonly indexes: readonly IndexDescription[];
  /**
   * Resolvers of its own fields that are not plain stored values: derived values, nested shapes.
   * A `Money` field `x` needs none: it is resolved from the stored `xFen`.
   */
  readonly resolvers: Resolvers;
  /**
   * Where the publisher's form is not the stored one with `xFen` renamed `x` (in yuan) and
   * instants as RFC 3339: turns that renamed form into what a publisher sends.
   */
  readonly toPublic?: (renamed: Record<string, unknown>) => Record<string, unknown>;
}

/** Any record type, whatever its stored shape and filter. */
// Definitions of different types have different stored shapes and filter inputs; code over all of
// them only passes values between one definition's own functions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRecordType = RecordTypeDefinition<string, DomainSubgraphName, any, any, object>;

/**
 * Declares a record type, keeping its literal name, subgraph and resolver types (for the registry
 * and the generated resolver types) and checking its resolvers take its stored record.
 */
export function defineRecordType<
  const Name extends string,
  const Subgraph extends DomainSubgraphName,
  Stored extends object,
  Filter extends object,
  Resolvers extends { [field: string]: FieldResolver<StoredRecord<Stored>> } = Record<never, never>,
>(definition: RecordTypeDefinition<Name, Subgraph, Stored, Filter, Resolvers>): RecordTypeDefinition<Name, Subgraph, Stored, Filter, Resolvers> {
  return definition;
}

/** The named type of a field type: `[PenaltyKind!]!` → `PenaltyKind`. */
export function namedType(type: FieldType): string {
  return (typeof type === 'string' ? type : type.type).replace(/[[\]!]/g, '');
}
