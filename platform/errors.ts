import { GraphQLError } from 'graphql';

/**
 * A client error that names the argument (or input field path) and the rule it broke, answered
 * with `extensions.code = BAD_USER_INPUT`. Never a 500.
 */
export function badUserInput(argument: string, rule: string, message: string): GraphQLError {
  return new GraphQLError(`Invalid value for "${argument}": ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', argument, rule },
  });
}
