/**
 * What a request is measured by before graphql-js parses it, in one pass over its text (README,
 * "Limits and operations"); platform/limits.ts refuses what these find beyond the limits:
 *
 * - **Nesting.** graphql-js parses selections, lists and input objects recursively, and runs out of
 *   stack at about 1,500 levels ("Maximum call stack size exceeded"); JSON bodies parse at any depth,
 *   but every later `JSON.stringify` of their variables recurses too. A document or a JSON body
 *   nested deeper than MAX_NESTING brackets is refused as QUERY_TOO_DEEP.
 * - **Directive runs.** Hundreds of directives on one field pass the token limit and fail the
 *   standard rule "each directive once per location" with one error per copy (700 copies took the
 *   gateway 0.7 to 2.6 s); no run longer than maxDirectives can pass the directive limit anyway, so
 *   it is refused as TOO_MANY_DIRECTIVES. Scanning those 700 takes under a millisecond.
 */
import { Lexer, Source, TokenKind } from 'graphql';

/**
 * The deepest nesting of brackets (`{`, `[`, `(`) a document may have, and of arrays and objects a
 * JSON body may have. Far above any document within the depth limit (a field level is a brace, an
 * inline fragment or an input object another), far below where the parser's recursion gives out.
 */
export const MAX_NESTING = 100;

const OPENING = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** What one pass over a document's first tokens found. */
export interface DocumentShape {
  /** The deepest nesting of brackets, counted up to MAX_NESTING + 1. */
  nesting: number;
  /** The longest run of directives on one field, fragment or operation. */
  longestDirectiveRun: number;
}

/**
 * The shape of a document from its first `maxTokens` tokens (the parser stops there anyway), or as
 * far as it lexes: a lexical error is left for the parser to report.
 */
export function documentShape(query: string, maxTokens: number): DocumentShape {
  const lexer = new Lexer(new Source(query));
  let depth = 0;
  let nesting = 0;
  let run = 0;
  let longestDirectiveRun = 0;
  // Where a directive stands: its name comes next, its arguments may come next, or they are open.
  let directive: 'none' | 'name' | 'ended' | 'arguments' = 'none';
  let argumentsDepth = 0;
  try {
    for (let tokens = 0; tokens < maxTokens; tokens++) {
      const token = lexer.advance();
      if (token.kind === TokenKind.EOF) break;
      if (OPENING.has(token.kind)) {
        nesting = Math.max(nesting, ++depth);
        if (nesting > MAX_NESTING) break;
      } else if (CLOSING.has(token.kind)) depth--;

      if (directive === 'name') {
        directive = 'ended';
        continue;
      }
      if (directive === 'arguments') {
        if (token.kind === TokenKind.PAREN_L) argumentsDepth++;
        else if (token.kind === TokenKind.PAREN_R && --argumentsDepth === 0) directive = 'ended';
        continue;
      }
      if (directive === 'ended' && token.kind === TokenKind.PAREN_L) {
        directive = 'arguments';
        argumentsDepth = 1;
        continue;
      }
      if (token.kind === TokenKind.AT) {
        run = directive === 'ended' ? run + 1 : 1;
        longestDirectiveRun = Math.max(longestDirectiveRun, run);
        directive = 'name';
        continue;
      }
      directive = 'none';
    }
  } catch {
    // A lexical error: the parser reports it with its position.
  }
  return { nesting, longestDirectiveRun };
}

/**
 * Whether JSON text nests arrays and objects deeper than MAX_NESTING (strings skipped), found
 * without parsing it. Malformed JSON is the parser's to report.
 */
export function isJsonTooDeep(text: string | Buffer): boolean {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c) i++; // a backslash escapes the next character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > MAX_NESTING) return true;
    } else if (byte === 0x5d || byte === 0x7d) depth--;
  }
  return false;
}
