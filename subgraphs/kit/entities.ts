/**
 * The `_entities` representations a subgraph port accepts: each one a plain object whose
 * `__typename` is an entity type this subgraph resolves (a resolvable `@key` of its schema) and whose
 * other fields are exactly the fields of one of that type's keys, each of the key field's type (an
 * `ID` is a string, never `{"$gt": ""}` or a list). Anything else is refused with BAD_USER_INPUT
 * before any resolver runs, so a crafted representation never reaches a loader or the database.
 * The gateway's own entity fetches always pass.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  GraphQLID,
  GraphQLString,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DirectiveNode,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { statusOf } from '../../platform/error-codes';
import { isPlainObject } from '../../platform/values';

const ENTITIES_FIELD = '_entities';
const ARGUMENT = 'representations';

/** A key's fields: each name with the fields of its own selection when it is an object (`a { b }`). */
type KeyFields = ReadonlyMap<string, KeyFields | null>;

/** The resolvable keys of each entity type of a subgraph schema, by type name. */
export function entityKeysOf(schema: GraphQLSchema): Map<string, KeyFields[]> {
  const keys = new Map<string, KeyFields[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const directives = [type.astNode, ...type.extensionASTNodes].flatMap((node) => node?.directives ?? []);
    const resolvable = directives.filter((d) => d.name.value === 'key' && argumentOf(d, 'resolvable') !== false);
    const fields = resolvable.map((d) => argumentOf(d, 'fields')).filter((f): f is string => typeof f === 'string');
    if (fields.length) keys.set(type.name, fields.map((f) => keyFieldsOf(parse(`{ ${f} }`).definitions[0] as OperationDefinitionNode)));
  }
  return keys;
}

function argumentOf(directive: DirectiveNode, name: string): unknown {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  if (value?.kind === Kind.STRING || value?.kind === Kind.BOOLEAN) return value.value;
  return undefined;
}

function keyFieldsOf(node: { selectionSet?: SelectionSetNode }): KeyFields {
  const fields = new Map<string, KeyFields | null>();
  for (const selection of node.selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) fields.set(selection.name.value, selection.selectionSet ? keyFieldsOf(selection) : null);
  }
  return fields;
}

class RepresentationError extends GraphQLError {
  constructor(path: Array<string | number>, rule: string, message: string) {
    const argument = [ARGUMENT, ...path].join('.');
    super(`Invalid value for "${argument}": ${message}`, {
      extensions: { code: 'BAD_USER_INPUT', argument, rule, http: { status: statusOf('BAD_USER_INPUT') } },
    });
  }
}


/** What a value is, in a word, without quoting it (it may be anything a client sent). */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Checks one value against the type of the key field it stands for. */
function checkValue(value: unknown, type: GraphQLOutputType, fields: KeyFields | null, path: Array<string | number>): void {
  const nullable = getNullableType(type);
  if (value === null) {
    if (nullable === type) return;
    throw new RepresentationError(path, 'required', 'a key field must not be null');
  }
  if (isListType(nullable)) {
    if (!Array.isArray(value)) throw new RepresentationError(path, 'type', `must be a list; got ${kindOf(value)}`);
    value.forEach((item, i) => checkValue(item, nullable.ofType, fields, [...path, i]));
    return;
  }
  const named = getNamedType(nullable);
  if (isLeafType(named)) {
    const text = named === GraphQLID || named === GraphQLString;
    let valid = text ? typeof value === 'string' : typeof value !== 'object';
    if (valid && !text) {
      try {
        named.parseValue(value);
      } catch {
        valid = false;
      }
    }
    if (!valid) throw new RepresentationError(path, 'type', `must be ${text ? 'a string' : `a ${named.name}`} (the ${named.name} of the key); got ${kindOf(value)}`);
    return;
  }
  if (!isPlainObject(value)) throw new RepresentationError(path, 'type', `must be an object with the key's fields; got ${kindOf(value)}`);
  checkFields(value, named as GraphQLCompositeType, [fields ?? new Map()], path);
}

/** Checks an object against one of the keys `keys` of `type`: exactly one key's fields, each of its type. */
function checkFields(value: Record<string, unknown>, type: GraphQLCompositeType, keys: KeyFields[], path: Array<string | number>): void {
  const given = Object.keys(value).filter((name) => name !== '__typename');
  // A client's own field names are quoted only so far.
  const unknown = given.find((name) => !keys.some((key) => key.has(name)))?.slice(0, 100);
  if (unknown !== undefined) {
    throw new RepresentationError([...path, unknown], 'unknown-field', `${unknown} is not a key field of ${type.name}`);
  }
  const key = keys.find((k) => [...k.keys()].every((name) => Object.hasOwn(value, name))) ?? keys[0];
  const missing = [...key.keys()].find((name) => !Object.hasOwn(value, name));
  if (missing !== undefined) throw new RepresentationError([...path, missing], 'required', `the key field ${missing} of ${type.name} is missing`);
  const outside = given.find((name) => !key.has(name))?.slice(0, 100);
  if (outside !== undefined) {
    throw new RepresentationError([...path, outside], 'unknown-field', `${outside} is not a field of the key of ${type.name} given`);
  }
  const fieldsOf = 'getFields' in type ? type.getFields() : {};
  for (const [name, nested] of key) {
    const field = fieldsOf[name];
    if (!field) throw new RepresentationError([...path, name], 'unknown-field', `${name} is not a field of ${type.name}`);
    checkValue(value[name], field.type, nested, [...path, name]);
  }
}

/** Checks the representations of one `_entities` call; throws the first problem found. */
export function checkRepresentations(schema: GraphQLSchema, keys: ReadonlyMap<string, KeyFields[]>, representations: unknown): void {
  if (!Array.isArray(representations)) throw new RepresentationError([], 'type', `must be a list; got ${kindOf(representations)}`);
  representations.forEach((representation, index) => {
    if (!isPlainObject(representation)) {
      throw new RepresentationError([index], 'object', `a representation must be an object with __typename and key fields; got ${kindOf(representation)}`);
    }
    const typename = representation.__typename;
    if (typeof typename !== 'string') throw new RepresentationError([index, '__typename'], 'required', `must be the name of an entity type; got ${kindOf(typename)}`);
    const typeKeys = keys.get(typename);
    const type = schema.getType(typename);
    if (!typeKeys || !type || !(isObjectType(type) || isInterfaceType(type))) {
      throw new RepresentationError([index, '__typename'], 'entity-type', `${typename.slice(0, 100)} is not an entity type of this subgraph; it resolves ${[...keys.keys()].join(', ')}`);
    }
    checkFields(representation, type, typeKeys, [index]);
  });
}

/** The `representations` of every `_entities` field of an operation, with the request's variables. */
function representationsIn(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): unknown[] | undefined {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors?.length || !coerced.coerced) return undefined;
  const values = coerced.coerced;
  const found: unknown[] = [];
  const typeInfo = new TypeInfo(schema);
  const entitiesField = schema.getQueryType()?.getFields()[ENTITIES_FIELD];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (entitiesField && typeInfo.getFieldDef() === entitiesField) {
          found.push(getArgumentValues(entitiesField as GraphQLField<unknown, unknown>, node, values)[ARGUMENT]);
        }
      },
    }),
  );
  return found;
}

/** Whether a document may select `_entities`: most do not, and are not walked. */
const mentionsEntities = (document: DocumentNode) => document.loc?.source.body.includes(ENTITIES_FIELD) ?? true;

/** Refuses, before execution, an operation whose `_entities` representations this subgraph does not resolve. */
export function entityRepresentationsPlugin<TContext extends BaseContext>(schema: GraphQLSchema): ApolloServerPlugin<TContext> {
  const keys = entityKeysOf(schema);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          if (!operation || !mentionsEntities(document)) return;
          for (const representations of representationsIn(schema, document, operation, request.variables ?? {}) ?? []) {
            checkRepresentations(schema, keys, representations);
          }
        },
      };
    },
  };
}
