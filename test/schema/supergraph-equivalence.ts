/**
 * When two supergraphs mean the same, whatever composer printed them. Their text differs (order of
 * definitions, line breaks, where directives go), so two things are compared instead:
 *
 * - the API schema, the schema clients see: `@apollo/federation-internals` extracts it from the
 *   supergraph (dropping the join and link machinery and everything @inaccessible), graphql-js sorts
 *   it (`lexicographicSortSchema`) and prints it (`printSchema`, descriptions and default values
 *   included). It must be identical, with one allowance: where the subgraphs give one element
 *   different descriptions (the catalogue describes Region one way, the domain subgraphs' reference
 *   to it another), each composer may take any one of theirs; @apollo/composition takes the one most
 *   subgraphs give, @theguild/federation-composition the first subgraph's by name.
 * - who resolves what, read from the join directives: for every type the subgraphs that define it
 *   (`@join__type`, with its key, `resolvable: false`, extension and interface-object flags), for every
 *   field and input field the subgraphs that resolve it (its `@join__field` graphs without
 *   `external` or `usedOverridden`, with their requires, provides, override and type, or, when it has
 *   none, every subgraph of its type), for every enum value its subgraphs (`@join__enumValue`), and
 *   the per-subgraph `@join__implements` and `@join__unionMember`. Subgraphs are named by their
 *   `@join__graph(name:)`, not by the enum value the composer chose, and a key's field set is
 *   compared with its whitespace collapsed.
 *
 * The gateway plans queries from these two and nothing else of the supergraph's text.
 */
import { Supergraph } from '@apollo/federation-internals';
import {
  Kind,
  lexicographicSortSchema,
  parse,
  print,
  printSchema,
  type ConstArgumentNode,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type EnumValueDefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
} from 'graphql';

/** The API schema of a supergraph, sorted and printed. */
export function apiSchemaOf(supergraphSdl: string): string {
  return printSchema(lexicographicSortSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema()));
}

/**
 * Every description of an SDL document by schema coordinate (`Type`, `Type.field`,
 * `Type.field(argument:)`, `Enum.VALUE`), after `rewrite` has had its say: it returns the description
 * to keep (undefined drops it). Gives the document so rewritten too.
 */
function mapDescriptions(document: DocumentNode, rewrite: (coordinate: string, description: string) => string | undefined) {
  const found = new Map<string, string>();
  const describe = <T extends { description?: { value: string } }>(coordinate: string, node: T): T => {
    if (!node.description) return node;
    found.set(coordinate, node.description.value);
    const kept = rewrite(coordinate, node.description.value);
    return { ...node, description: kept === undefined ? undefined : { ...node.description, value: kept } };
  };
  const definitions = document.definitions.map((definition) => {
    if (!('name' in definition) || !definition.name || definition.kind === Kind.DIRECTIVE_DEFINITION) return definition;
    const type = definition.name.value;
    let node: DefinitionNode = 'description' in definition ? describe(type, definition) : definition;
    if ('fields' in node && node.fields) {
      node = {
        ...node,
        fields: (node.fields as ReadonlyArray<FieldDefinitionNode | InputValueDefinitionNode>).map((field) => {
          const described = describe(`${type}.${field.name.value}`, field);
          if (!('arguments' in described) || !described.arguments) return described;
          return { ...described, arguments: described.arguments.map((argument) => describe(`${type}.${field.name.value}(${argument.name.value}:)`, argument)) };
        }),
      } as DefinitionNode;
    }
    if ('values' in node && node.values) {
      node = { ...node, values: (node.values as readonly EnumValueDefinitionNode[]).map((value) => describe(`${type}.${value.name.value}`, value)) } as DefinitionNode;
    }
    return node;
  });
  return { descriptions: found, document: { ...document, definitions } };
}

export function descriptionsOf(sdl: string): Map<string, string> {
  return mapDescriptions(parse(sdl), (_, description) => description).descriptions;
}

/** The elements the subgraphs describe in more than one way, with their descriptions. */
export function disagreedDescriptions(subgraphSdls: string[]): Map<string, string[]> {
  const all = new Map<string, Set<string>>();
  for (const sdl of subgraphSdls) {
    for (const [coordinate, description] of descriptionsOf(sdl)) all.set(coordinate, (all.get(coordinate) ?? new Set()).add(description));
  }
  return new Map([...all].filter(([, descriptions]) => descriptions.size > 1).map(([coordinate, descriptions]) => [coordinate, [...descriptions]]));
}

/** The elements two SDL documents describe differently (present in both, or described in only one), sorted. */
export function describedDifferently(a: string, b: string): string[] {
  const [left, right] = [descriptionsOf(a), descriptionsOf(b)];
  return [...new Set([...left.keys(), ...right.keys()])].filter((coordinate) => left.get(coordinate) !== right.get(coordinate)).sort();
}

/** An SDL document printed again without the descriptions of these elements. */
export function withoutDescriptions(sdl: string, coordinates: readonly string[]): string {
  return print(mapDescriptions(parse(sdl), (coordinate, description) => (coordinates.includes(coordinate) ? undefined : description)).document);
}

type Directed = { name: { value: string }; directives?: readonly ConstDirectiveNode[] };

function argumentsOf(directive: ConstDirectiveNode): Map<string, ConstArgumentNode['value']> {
  return new Map((directive.arguments ?? []).map((argument) => [argument.name.value, argument.value]));
}

function literal(value: ConstArgumentNode['value'] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.kind === Kind.STRING || value.kind === Kind.ENUM || value.kind === Kind.BOOLEAN || value.kind === Kind.INT) {
    return String(value.value).replace(/\s+/g, ' ').trim();
  }
  throw new Error(`unexpected ${value.kind} in a join directive`);
}

function applied(node: Directed, name: string): Array<Map<string, ConstArgumentNode['value']>> {
  return (node.directives ?? []).filter((directive) => directive.name.value === name).map(argumentsOf);
}

/** One line per fact, e.g. `field Agency.schools: education`, sorted. */
export function resolversOf(supergraphSdl: string): string[] {
  const document = parse(supergraphSdl);
  const graphs = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) graphs.set(value.name.value, literal(applied(value, 'join__graph')[0]?.get('name'))!);
    }
  }
  const graph = (value: ConstArgumentNode['value'] | undefined): string => {
    const name = graphs.get(literal(value) ?? '');
    if (!name) throw new Error(`unknown join__Graph value ${literal(value)}`);
    return name;
  };
  const options = (args: Map<string, ConstArgumentNode['value']>, names: string[]): string =>
    names.flatMap((name) => (args.has(name) ? [` ${name}: ${literal(args.get(name))}`] : [])).join('');

  const facts: string[] = [];
  const typed = document.definitions.filter(
    (definition): definition is Extract<DefinitionNode, Directed> & { kind: Kind } =>
      'name' in definition && definition.name !== undefined && !/^(join__|link__)/.test(definition.name.value) &&
      definition.kind !== Kind.DIRECTIVE_DEFINITION,
  );
  for (const definition of typed) {
    const type = definition.name.value;
    const joinTypes = applied(definition, 'join__type');
    const typeGraphs = [...new Set(joinTypes.map((args) => graph(args.get('graph'))))].sort();
    const definedIn = joinTypes
      .map((args) => `${graph(args.get('graph'))}${options(args, ['key', 'resolvable', 'extension', 'isInterfaceObject'])}`)
      .sort();
    facts.push(`type ${type}: ${definedIn.join(', ')}`);
    for (const args of applied(definition, 'join__implements')) facts.push(`implements ${type}: ${literal(args.get('interface'))} in ${graph(args.get('graph'))}`);
    for (const args of applied(definition, 'join__unionMember')) facts.push(`union member ${type}: ${literal(args.get('member'))} in ${graph(args.get('graph'))}`);

    const members = 'fields' in definition ? ((definition.fields ?? []) as ReadonlyArray<FieldDefinitionNode | InputValueDefinitionNode>) : [];
    for (const field of members) {
      const joinFields = applied(field, 'join__field');
      const resolving = joinFields.length === 0
        ? typeGraphs
        : joinFields
            .filter((args) => args.has('graph') && literal(args.get('external')) !== 'true' && literal(args.get('usedOverridden')) !== 'true')
            .map((args) => `${graph(args.get('graph'))}${options(args, ['requires', 'provides', 'override', 'type'])}`)
            .sort();
      facts.push(`field ${type}.${field.name.value}: ${resolving.join(', ')}`);
    }
    const values = 'values' in definition ? ((definition.values ?? []) as readonly EnumValueDefinitionNode[]) : [];
    for (const value of values) {
      const joinValues = applied(value, 'join__enumValue');
      const graphsOfValue = joinValues.length === 0 ? typeGraphs : joinValues.map((args) => graph(args.get('graph'))).sort();
      facts.push(`enum value ${type}.${value.name.value}: ${graphsOfValue.join(', ')}`);
    }
  }
  return facts.sort();
}
