/**
 * The numbering scheme 索引号编制规则 a disclosure guide 政府信息公开指南 may declare, as a template:
 * literal index-number characters and the placeholders `{code}` (the agency's unified social credit
 * code), `{year}` (four digits), `{seq}` (one or more digits) and `{seq:N}` (exactly N digits), e.g.
 * `{code}-/{year}-{seq:7}`. A template is compiled to an anchored RegExp whose literals are escaped,
 * so a publisher's template is never run as a regular expression of its own.
 */
import { INDEX_NUMBER_CHARACTERS } from '../rules';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const LITERAL = new RegExp(`^[${INDEX_NUMBER_CHARACTERS}]*$`);
const SERIAL = /^seq(?::([1-9]\d?))?$/;

type Part = { literal: string } | { placeholder: 'code' | 'year' | 'seq'; digits?: number };

/** The template's parts, or why it is not one. */
function partsOf(pattern: string): { parts: Part[] } | { problem: string } {
  const parts: Part[] = [];
  let at = 0;
  const literal = (text: string): string | null => {
    if (!LITERAL.test(text)) return `${JSON.stringify(text)} holds characters an index number cannot: only letters, digits and - / _ . besides placeholders`;
    if (text) parts.push({ literal: text });
    return null;
  };
  for (const match of pattern.matchAll(PLACEHOLDER)) {
    const problem = literal(pattern.slice(at, match.index));
    if (problem) return { problem };
    const name = match[1];
    const serial = SERIAL.exec(name);
    if (name === 'code' || name === 'year') parts.push({ placeholder: name });
    else if (serial) parts.push({ placeholder: 'seq', digits: serial[1] ? Number(serial[1]) : undefined });
    else return { problem: `unknown placeholder {${name}}: use {code}, {year}, {seq} or {seq:N}` };
    at = match.index + match[0].length;
  }
  const problem = literal(pattern.slice(at));
  if (problem) return { problem };
  if (!parts.some((part) => 'placeholder' in part && part.placeholder === 'seq')) {
    return { problem: 'a numbering scheme numbers records one after another: give it a {seq} or {seq:N}' };
  }
  return { parts };
}

/** Why `pattern` is not a numbering template, or null when it is one. */
export function numberingPatternProblem(pattern: string): string | null {
  const result = partsOf(pattern);
  return 'problem' in result ? result.problem : null;
}

const escape = (text: string) => text.replace(/[.\\/-]/g, (c) => `\\${c}`);

/** The anchored RegExp of a valid template for one agency's code. */
export function compileNumberingPattern(pattern: string, agencyCode: string): RegExp {
  const result = partsOf(pattern);
  if ('problem' in result) throw new Error(`not a numbering template: ${result.problem}`);
  const source = result.parts
    .map((part) => {
      if ('literal' in part) return escape(part.literal);
      if (part.placeholder === 'code') return escape(agencyCode);
      if (part.placeholder === 'year') return '\\d{4}';
      return part.digits ? `\\d{${part.digits}}` : '\\d+';
    })
    .join('');
  return new RegExp(`^${source}$`);
}
