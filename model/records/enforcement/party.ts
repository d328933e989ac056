/**
 * The party of an administrative decision 行政相对人, as the national credit-information standard of
 * 国家发展改革委 for the 双公示 (行政许可和行政处罚等信用信息公示) has it: a legal person or other
 * organisation is published with its unified social credit code; an individual business 个体工商户
 * with its code where it has one; a natural person 自然人 with the name only (the ID number is
 * collected, never published), and the name masked.
 */
import { z } from 'zod';
import type { PartyKind } from '../../../subgraphs/enforcement/generated/types';
import type { Breach } from '../rules';

export const partyKind = z.enum(['LEGAL_PERSON', 'INDIVIDUAL_BUSINESS', 'NATURAL_PERSON']);

/** The name field of a party whose kind field is `kindField`: a natural person's is always masked. */
export const partyName = (kindField: string) => ({ kindField, persons: ['NATURAL_PERSON'] }) as const;

/** The breach of the credit-code rule of the party's kind, reported on `codeField`, or none. */
export function creditCodeBreach(kind: PartyKind, code: string | null, codeField: string): Breach | false {
  if (kind === 'LEGAL_PERSON' && code === null) return [codeField, 'credit-code-required', 'a legal person or other organisation is published with its unified social credit code'];
  if (kind === 'NATURAL_PERSON' && code !== null) return [codeField, 'no-code-for-person', 'a natural person has no unified social credit code; the ID number is not published'];
  return false;
}
