import { createHash } from 'node:crypto';

/** GB 32100-2015: the 31 characters of a unified social credit code (no I, O, S, V, Z). */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714-1997: weights of the 9-character organisation code inside it. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function organisationCodeCheck(body: string): string {
  const sum = [...body].reduce((s, c, i) => s + ORG_CHARS.indexOf(c) * ORG_WEIGHTS[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export function creditCodeCheck(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + USCC_CHARS.indexOf(c) * USCC_WEIGHTS[i], 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** Whether `code` is a well-formed unified social credit code with a correct check character. */
export function isUnifiedSocialCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return creditCodeCheck(code.slice(0, 17)) === code[17];
}

/** Whether `code` is a 9-character organisation code 组织机构代码 (GB 11714-1997) with a correct check character. */
export function isOrganisationCode(code: string): boolean {
  return /^[0-9A-Z]{8}[0-9X]$/.test(code) && organisationCodeCheck(code.slice(0, 8)) === code[8];
}

/**
 * How an agency is identified: by its unified social credit code, or, for bodies never given one,
 * by its organisation code.
 */
export function isAgencyCode(code: string): boolean {
  return isUnifiedSocialCreditCode(code) || isOrganisationCode(code);
}

/** An organisation code as it is often printed, `00434159-0`, written without its hyphen; any other code as given. */
export function normalizeAgencyCode(code: string): string {
  const trimmed = code.trim();
  return /^[0-9A-Z]{8}-[0-9X]$/.test(trimmed) ? trimmed.replace('-', '') : trimmed;
}

export const AGENCY_CODE_RULE =
  'must be an 18-character unified social credit code 统一社会信用代码 or a 9-character organisation code 组织机构代码 (GB 11714, e.g. 00434159-0), with a correct check character';

/**
 * A deterministic, valid code for a government body (registration authority 1 机构编制, category 1
 * 机关) in `regionCode`, derived from its name: for sample data only.
 */
export function unifiedSocialCreditCode(regionCode: string, name: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(name).digest('hex').slice(0, 12)}`) % 100_000_000n;
  const body = String(digits).padStart(8, '0');
  const first17 = `11${regionCode}${body}${organisationCodeCheck(body)}`;
  return first17 + creditCodeCheck(first17);
}
