/**
 * Checks a record type's definition (model/records) against the hand-written SDL: its object type in
 * the owning subgraph, the enums of its fields against the zod enums of its input schema, its filter
 * input, its query fields, and its place in the catalogue (a `Disclosure` implementation, a
 * `DisclosureType` value, with the definition's description). Each disagreement is one message
 * naming the type and the field.
 */
import { Kind, parse, print, type DocumentNode, type EnumTypeDefinitionNode, type FieldDefinitionNode, type InputValueDefinitionNode, type TypeNode } from 'graphql';
import type { z } from 'zod';
import type { AnyRecordType, FieldType } from '../../model/records/record-type';
import { shapeOf } from '../../scripts/import/schema-kinds';

interface Sdl {
  objects: Map<string, { description?: string; fields: readonly FieldDefinitionNode[]; interfaces: string[] }>;
  inputs: Map<string, readonly InputValueDefinitionNode[]>;
  enums: Map<string, EnumTypeDefinitionNode>;
}

export function readSdl(text: string): Sdl {
  const document: DocumentNode = parse(text);
  const sdl: Sdl = { objects: new Map(), inputs: new Map(), enums: new Map() };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) {
      sdl.objects.set(definition.name.value, {
        description: definition.description?.value,
        fields: definition.fields ?? [],
        interfaces: (definition.interfaces ?? []).map((i) => i.name.value),
      });
    } else if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      sdl.inputs.set(definition.name.value, definition.fields ?? []);
    } else if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      sdl.enums.set(definition.name.value, definition);
    }
  }
  return sdl;
}

const named = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : named(type.type));
const typeOf = (field: FieldType) => (typeof field === 'string' ? field : field.type);
const namedOf = (field: FieldType) => typeOf(field).replace(/[[\]!]/g, '');

type ZodDef = { type: string; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType; entries?: Record<string, string> };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

/** The values of the zod enum a field takes (through optional, nullable, default, pipes and lists), if it is one. */
function zodEnumValues(schema: z.ZodType | undefined): string[] | undefined {
  for (let current = schema, depth = 0; current && depth < 20; depth += 1) {
    const def = defOf(current);
    if (def.type === 'enum') return Object.values(def.entries ?? {});
    current = def.innerType ?? def.in ?? def.element;
  }
  return undefined;
}

/** Two lists of names: what only the SDL has, what only the definition has. */
function compareNames(where: string, sdl: readonly string[], definition: readonly string[], what: string): string[] {
  return [
    ...sdl.filter((name) => !definition.includes(name)).map((name) => `${where}.${name}: in the SDL but not among the definition's ${what}`),
    ...definition.filter((name) => !sdl.includes(name)).map((name) => `${where}.${name}: among the definition's ${what} but not in the SDL`),
  ];
}

/** The SDL object type `typeName` against the definition's fields, nested object types too, and their enums. */
function compareFields(
  where: string,
  typeName: string,
  fields: Readonly<Record<string, FieldType>>,
  sdl: Sdl,
  input: Record<string, z.ZodType> | undefined,
  skip: readonly string[],
): string[] {
  const object = sdl.objects.get(typeName);
  if (!object) return [`${where}: no type ${typeName} in the SDL`];
  const sdlFields = object.fields.filter((field) => !skip.includes(field.name.value));
  const problems = compareNames(where, sdlFields.map((f) => f.name.value), Object.keys(fields), 'public fields');
  for (const field of sdlFields) {
    const declared = fields[field.name.value];
    if (declared === undefined) continue;
    const path = `${where}.${field.name.value}`;
    const sdlType = print(field.type);
    if (sdlType !== typeOf(declared)) problems.push(`${path}: the SDL has ${sdlType}, the definition ${typeOf(declared)}`);
    const enumType = sdl.enums.get(named(field.type));
    if (enumType) {
      const sdlValues = (enumType.values ?? []).map((v) => v.name.value);
      const zodValues = zodEnumValues(input?.[field.name.value]);
      if (!zodValues) problems.push(`${path}: enum ${enumType.name.value} has no zod enum in the input schema to match`);
      else problems.push(...compareNames(`${path} (enum ${enumType.name.value})`, sdlValues, zodValues, 'zod enum values'));
    }
    if (typeof declared !== 'string') {
      const nestedInput = input?.[field.name.value];
      const element = nestedInput && zodNested(nestedInput);
      problems.push(...compareFields(path, namedOf(declared), declared.fields, sdl, element, []));
    } else if (sdl.objects.has(named(field.type)) && named(field.type) !== 'Money') {
      problems.push(`${path}: ${named(field.type)} is an object type; the definition gives its fields`);
    }
  }
  return problems;
}

/** The shape of a nested object field of the input (through lists), for its enums. */
function zodNested(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  for (let current: z.ZodType | undefined = schema, depth = 0; current && depth < 20; depth += 1) {
    const shape = shapeOf(current);
    if (shape) return shape;
    const def = defOf(current);
    current = def.innerType ?? def.in ?? def.element;
  }
  return undefined;
}

function argumentOf(field: FieldDefinitionNode | undefined, name: string): string | undefined {
  const argument = field?.arguments?.find((a) => a.name.value === name);
  return argument && print(argument.type);
}

/** Every disagreement between a definition and its subgraph's SDL. */
export function domainProblems(definition: AnyRecordType, subgraphSdl: string): string[] {
  const sdl = readSdl(subgraphSdl);
  const name = definition.type;
  const problems = compareFields(name, name, definition.fields, sdl, shapeOf(definition.input), ['id']);
  const filterName = `${name}Filter`;
  const filter = sdl.inputs.get(filterName);
  if (!filter) problems.push(`${filterName}: no such input in the SDL`);
  else {
    problems.push(...compareNames(filterName, filter.map((f) => f.name.value), Object.keys(definition.filter.fields), 'filters'));
    for (const field of filter) {
      const declared = (definition.filter.fields as Record<string, string>)[field.name.value];
      if (declared !== undefined && declared !== print(field.type)) {
        problems.push(`${filterName}.${field.name.value}: the SDL has ${print(field.type)}, the definition ${declared}`);
      }
    }
  }
  const query = sdl.objects.get('Query')?.fields ?? [];
  const agency = sdl.objects.get('Agency')?.fields ?? [];
  const list = query.find((f) => f.name.value === definition.listField);
  const single = query.find((f) => f.name.value === definition.singleField);
  const agencyList = agency.find((f) => f.name.value === definition.listField);
  if (!list || print(list.type) !== `${name}Connection!`) problems.push(`${name}: Query.${definition.listField} should answer ${name}Connection!`);
  if (!single || print(single.type) !== name) problems.push(`${name}: Query.${definition.singleField} should answer ${name}`);
  if (!agencyList || print(agencyList.type) !== `${name}Connection!`) problems.push(`${name}: Agency.${definition.listField} should answer ${name}Connection!`);
  for (const field of [list, agencyList]) {
    if (field && argumentOf(field, 'filter') !== filterName) problems.push(`${name}: ${field.name.value}(filter:) should take ${filterName}`);
  }
  return problems;
}

/** Every disagreement between the registered definitions and the catalogue's SDL. */
export function catalogueProblems(definitions: readonly AnyRecordType[], catalogueSdl: string): string[] {
  const sdl = readSdl(catalogueSdl);
  const problems: string[] = [];
  const implementations = [...sdl.objects].filter(([, object]) => object.interfaces.includes('Disclosure')).map(([name]) => name);
  const disclosureType = sdl.enums.get('DisclosureType');
  const values = (disclosureType?.values ?? []).map((v) => v.name.value);
  const names = definitions.map((d) => d.type);
  problems.push(...compareNames('Disclosure implementations', implementations, names, 'record types'));
  problems.push(...compareNames('DisclosureType', values, names, 'record types'));
  for (const definition of definitions) {
    const object = sdl.objects.get(definition.type);
    if (object && object.description !== definition.description) {
      problems.push(`${definition.type}: the catalogue describes it as ${JSON.stringify(object.description)}, the definition as ${JSON.stringify(definition.description)}`);
    }
    const value = disclosureType?.values?.find((v) => v.name.value === definition.type);
    if (value && value.description?.value !== definition.description) {
      problems.push(`DisclosureType.${definition.type}: described as ${JSON.stringify(value.description?.value)}, the definition as ${JSON.stringify(definition.description)}`);
    }
  }
  return problems;
}

/** Entity types of a domain subgraph that are record types (every `@key` type but Agency and Region). */
export function recordEntities(subgraphSdl: string): string[] {
  return parse(subgraphSdl)
    .definitions.filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.directives?.some((x) => x.name.value === 'key'))
    .map((d) => (d as { name: { value: string } }).name.value)
    .filter((name) => name !== 'Agency' && name !== 'Region');
}
