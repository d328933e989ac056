import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError, Kind, parse, type ASTNode, type DocumentNode } from 'graphql';
import { deidentifyErrorMessage } from '../model/deidentify';
import type { ErrorCode } from '../platform/error-codes';

function contains(node: ASTNode, position: number): boolean {
  return Boolean(node.loc && node.loc.start <= position && position < node.loc.end);
}

/**
 * The last query text parsed here, with its document: the errors of one answer are formatted one
 * after another against the same text, and parsing and walking it for each of the 100 validation
 * errors graphql-js reports took up to 0.7 s for a document at the token limit.
 */
let lastParsed: { query: string; document: DocumentNode | undefined } | undefined;

function parsedOnce(query: string): DocumentNode | undefined {
  if (lastParsed?.query !== query) {
    let document: DocumentNode | undefined;
    try {
      document = parse(query);
    } catch {
      document = undefined;
    }
    lastParsed = { query, document };
  }
  return lastParsed.document;
}

/** The child of `node` whose text contains `position`, if any. */
function childAt(node: ASTNode, position: number): ASTNode | undefined {
  for (const value of Object.values(node) as unknown[]) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (typeof child === 'object' && child !== null && 'kind' in child && contains(child as ASTNode, position)) return child as ASTNode;
    }
  }
  return undefined;
}

/**
 * The argument (and input field path) whose literal value contains `position` of the query text,
 * e.g. `filter.publishedFrom`; undefined when the position is not inside an argument's value. Walks
 * down only the nodes around the position, not the whole document, once per error.
 */
export function argumentPathAt(query: string, position: number): string | undefined {
  let node: ASTNode | undefined = parsedOnce(query);
  while (node && node.kind !== Kind.ARGUMENT) node = childAt(node, position);
  if (!node || !contains(node.value, position)) return undefined;
  const path = [node.name.value];
  let value = node.value;
  for (;;) {
    if (value.kind === Kind.OBJECT) {
      const field = value.fields.find((f) => contains(f, position));
      if (!field) break;
      path.push(field.name.value);
      value = field.value;
    } else if (value.kind === Kind.LIST) {
      const item = value.values.find((v) => contains(v, position));
      if (!item) break;
      value = item;
    } else break;
  }
  return path.join('.');
}

/**
 * What clients see of an error. A validation error located inside a literal argument value (an
 * unknown enum value, an invalid date, a missing input field) is bad user input, so it is answered
 * as BAD_USER_INPUT naming the argument rather than as a generic validation failure. Internal errors
 * never show their stack. No message quotes a variable's value or personal data (deidentifyErrorMessage).
 */
export function formatError(given: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const formatted = { ...given, message: deidentifyErrorMessage(given.message) };
  const original = error instanceof GraphQLError ? error : undefined;
  const position = original?.positions?.[0];
  const argument =
    formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && original?.source && position !== undefined
      ? argumentPathAt(original.source.body, position)
      : undefined;
  if (argument) {
    return {
      ...formatted,
      message: `Invalid value for "${argument}": ${formatted.message}`,
      extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' satisfies ErrorCode, argument },
    };
  }
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}
