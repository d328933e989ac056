import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError, Kind, parse, visit, type ASTNode } from 'graphql';
import { deidentifyErrorMessage } from '../model/deidentify';

function contains(node: ASTNode, position: number): boolean {
  return Boolean(node.loc && node.loc.start <= position && position < node.loc.end);
}

/**
 * The argument (and input field path) whose literal value contains `position` of the query text,
 * e.g. `filter.publishedFrom`; undefined when the position is not inside an argument's value.
 */
export function argumentPathAt(query: string, position: number): string | undefined {
  let found: string | undefined;
  try {
    visit(parse(query), {
      Argument(argument) {
        if (!contains(argument.value, position)) return false;
        const path = [argument.name.value];
        let value = argument.value;
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
        found = path.join('.');
        return false;
      },
    });
  } catch {
    return undefined;
  }
  return found;
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
      extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT', argument },
    };
  }
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}
