/**
 * De-identification 去标识化 of personal data (README, "Personal data"): what a
 * submission says about natural persons is masked before it is validated further, stored, logged or
 * echoed (records/personal-data.ts applies it to every string of a submission).
 *
 * In any text, `deidentifyText` masks resident ID numbers, mobile numbers and bank card numbers
 * (below). Housing allocations store the household head's name and ID number in fields typed
 * `MaskedName` and `MaskedIdNumber`, which only these functions and checks produce, so a record built
 * in code that reaches the write path carries masked values only.
 *
 * Names: keep the first and the last character and replace each character between them with `*`
 * (张三丰 → 张*丰, 欧阳修文 → 欧**文; compound surnames follow the same rule). A two-character name
 * keeps only its first character (张三 → 张*), since keeping both would keep the whole name. A
 * one-character name is masked entirely (张 → *): keeping its only character would store it raw.
 *
 * PRC resident ID numbers 公民身份号码: an 18-character number keeps its first 4 and last 4
 * characters with the 10 between masked (430621199001011234 → 4306**********1234); a 15-digit
 * legacy number keeps its first 4 and last 3 (430621900101123 → 4306********123).
 *
 * Leading and trailing whitespace is ignored. Masking is idempotent: an already masked value comes
 * back unchanged, and an ID number masked some other way (e.g. 430621********1234) comes back in
 * the form above. Error messages never repeat the value they reject, so they are safe to log.
 */

import { isUnifiedSocialCreditCode } from './agency-code';

declare const maskedBrand: unique symbol;

/** A name masked by `maskName`. */
export type MaskedName = string & { readonly [maskedBrand]: 'name' };
/** An ID number masked by `maskIdNumber`. */
export type MaskedIdNumber = string & { readonly [maskedBrand]: 'idNumber' };

const MASK = '*';
const MASKED_NAME = /^(?:\*|[^\s*]\*|[^\s*]\*+[^\s*])$/u;
const MASKED_ID_NUMBER = /^(?:\d{4}\*{10}\d{3}[\dX]|\d{4}\*{8}\d{3})$/;

/** ID number layouts: characters kept at the start and the end, and what every position allows. */
const ID_LAYOUTS = [
  { length: 18, keepStart: 4, keepEnd: 4, pattern: /^\d{4}[\d*]{10}\d{3}[\dX]$/, rule: '17 digits followed by a digit or X' },
  { length: 15, keepStart: 4, keepEnd: 3, pattern: /^\d{4}[\d*]{8}\d{3}$/, rule: '15 digits' },
] as const;

/** Masks a person's name: first and last character kept, each one between them replaced by `*`. */
export function maskName(name: string): MaskedName {
  const characters = [...name.trim()];
  const count = characters.length;
  if (count === 0) throw new RangeError('Cannot mask a name: it is empty');
  const keepFirst = count >= 2;
  const keepLast = count >= 3;
  const masked =
    (keepFirst ? characters[0] : '') +
    MASK.repeat(count - Number(keepFirst) - Number(keepLast)) +
    (keepLast ? characters[count - 1] : '');
  if (!isMaskedName(masked)) throw new RangeError('Cannot mask a name: it starts or ends with "*"');
  return masked;
}

/** Masks a PRC resident ID number (18 characters, or 15 digits for the legacy form). */
export function maskIdNumber(idNumber: string): MaskedIdNumber {
  const value = idNumber.trim().toUpperCase();
  const layout = ID_LAYOUTS.find((candidate) => candidate.length === value.length);
  if (!layout) {
    throw new RangeError(`Cannot mask an ID number: it must have 18 or 15 characters; got ${value.length}`);
  }
  if (!layout.pattern.test(value)) {
    throw new RangeError(`Cannot mask an ID number: ${layout.length} characters must be ${layout.rule}`);
  }
  const maskedLength = layout.length - layout.keepStart - layout.keepEnd;
  return `${value.slice(0, layout.keepStart)}${MASK.repeat(maskedLength)}${value.slice(-layout.keepEnd)}` as MaskedIdNumber;
}

/** Whether a value has the form `maskName` gives (张*丰, 张*, *). */
export function isMaskedName(value: string): value is MaskedName {
  return MASKED_NAME.test(value);
}

/** Whether a value has the form `maskIdNumber` gives (4306**********1234, 4306********123). */
export function isMaskedIdNumber(value: string): value is MaskedIdNumber {
  return MASKED_ID_NUMBER.test(value);
}

// ---- personal data in any text: resident ID numbers, mobile numbers, bank card numbers --------------

/** GB/T 2260 province codes, the first two digits of a resident ID number (81–83: HK, Macau, Taiwan residence permits). */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);
/** GB 11643-1999: the weight of each of the first 17 digits is 2^(17 - position) mod 11. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARACTERS = '10X98765432';

/** The check character of an 18-character resident ID number from its first 17 digits (GB 11643-1999). */
export function idCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * ID_WEIGHTS[i], 0);
  return ID_CHECK_CHARACTERS[sum % 11];
}

function isBirthDate(year: number, month: number, day: number, today: Date): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getTime() <= today.getTime();
}

/**
 * Whether `value` (digits, `X` last, no separators) is a PRC resident ID number: a province code, a
 * birth date that exists, from 1900 to today, and for 18 characters the GB 11643 check character;
 * 15 digits are the legacy form (19YYMMDD, no check character).
 */
export function isResidentIdNumber(value: string, today = new Date()): boolean {
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return false;
  if (/^\d{17}[\dX]$/.test(value)) {
    const birth = isBirthDate(Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14)), today);
    return birth && idCheckCharacter(value.slice(0, 17)) === value[17];
  }
  if (/^\d{15}$/.test(value)) return isBirthDate(1900 + Number(value.slice(6, 8)), Number(value.slice(8, 10)), Number(value.slice(10, 12)), today);
  return false;
}

/** Whether a string of digits passes the Luhn check of payment card numbers (ISO/IEC 7812). */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const digit = Number(digits[digits.length - 1 - i]);
    sum += i % 2 === 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
  }
  return sum % 10 === 0;
}

const MOBILE = /^1[3-9]\d{9}$/;
/** Country codes written before a mobile number: 86 or 0086 (a `+` before them is text around the match). */
const COUNTRY_CODES = ['0086', '86'];

/**
 * What a run of digits is, and its masked form; null for anything else. Digits that touch a Latin
 * letter are part of a code (the 17 digits of a credit code before its check letter, a licence
 * number): only an ID number, whose check is strict, is looked for there.
 */
function maskedNumber(digits: string, touchesLetter: boolean): string | null {
  if (isResidentIdNumber(digits)) return maskIdNumber(digits);
  if (touchesLetter) return null;
  for (const code of ['', ...COUNTRY_CODES]) {
    const number = digits.slice(code.length);
    if (digits.startsWith(code) && MOBILE.test(number)) return `${code ? `${code} ` : ''}${number.slice(0, 3)}****${number.slice(-4)}`;
  }
  // An 18-character unified social credit code of digits only (an agency's, say) is not a card.
  if (/^\d{16,19}$/.test(digits) && isLuhnValid(digits) && !(digits.length === 18 && isUnifiedSocialCreditCode(digits))) {
    return `${digits.slice(0, 4)}${MASK.repeat(digits.length - 8)}${digits.slice(-4)}`;
  }
  return null;
}

/**
 * Full-width ASCII (０-９, Ａ-Ｚ, ｘ, －) and the ideographic space folded to their ASCII forms, one
 * UTF-16 unit for one, so a match in the folded text is at the same place in the original.
 */
function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** Characters people put between the digits of a number: spaces, hyphens and dashes, invisible joiners. */
const SEPARATOR = '[\\s\\-\\u2010-\\u2015\\u2212\\u200B-\\u200D\\u2060\\uFEFF]';
/** A run of digit groups with up to three separators between them, and a trailing X (an ID's check character). */
const DIGIT_RUN = new RegExp(`\\d+(?:${SEPARATOR}{1,3}\\d+)*(?:[Xx](?![A-Za-z0-9]))?`, 'g');
const DIGIT_GROUP = /\d+(?:[Xx](?![A-Za-z0-9]))?/g;
const LATIN_LETTER = /[A-Za-z]/;
const ANY_DIGIT = /[0-9\uFF10-\uFF19]/;
/** Longest number looked for, in digits: 0086 and a mobile number. */
const LONGEST_NUMBER = 15 + 4;

/**
 * Masks every resident ID number (18 characters with a correct check character, or 15 digits), mobile
 * number (1[3-9] and 9 digits, with or without 86/0086 in front) and Luhn-valid card number (16–19
 * digits) in `text`, however it is written: full-width digits, a lower-case x, spaces, hyphens or
 * invisible characters between the digits, inside longer text. A number is a run of digits not
 * preceded or followed by a digit (nor, but for an ID number, by a Latin letter); of several numbers separated by spaces or hyphens, the longest
 * run of groups that is one of them is masked. The masked number is written without separators
 * (4306**********123X, 138****5678, 86 138****5678, 6222***********0128); the rest of the text is
 * left as it was.
 */
export function deidentifyText(text: string): string {
  if (!ANY_DIGIT.test(text)) return text;
  const folded = foldWidth(text);
  let masked = '';
  let copiedUpTo = 0;
  for (const run of folded.matchAll(DIGIT_RUN)) {
    const groups = [...run[0].matchAll(DIGIT_GROUP)].map((g) => ({ start: run.index + g.index, end: run.index + g.index + g[0].length, digits: g[0].toUpperCase() }));
    let first = 0;
    while (first < groups.length) {
      let last = first;
      let digits = groups[first].digits;
      let found: { last: number; replacement: string } | null = null;
      // Every window of groups from `first` that is not longer than the longest number, the longest match kept.
      while (digits.length <= LONGEST_NUMBER) {
        const touchesLetter = LATIN_LETTER.test(folded[groups[first].start - 1] ?? '') || LATIN_LETTER.test(folded[groups[last].end] ?? '');
        const replacement = maskedNumber(digits, touchesLetter);
        if (replacement) found = { last, replacement };
        last += 1;
        if (last === groups.length) break;
        digits += groups[last].digits;
      }
      if (!found) {
        first += 1;
        continue;
      }
      masked += text.slice(copiedUpTo, groups[first].start) + found.replacement;
      copiedUpTo = groups[found.last].end;
      first = found.last + 1;
    }
  }
  return masked + text.slice(copiedUpTo);
}

// ---- names of natural persons ------------------------------------------------------------------------

/** Last words of the names of organisations 单位 and businesses 字号, which stay public. */
const ORGANISATION_ENDINGS =
  /(?:公司|集团|厂|店|社|部|中心|院|所|局|站|场|馆|行|会|队|处|室|校|园|坊|铺|城|楼|厅|委|办|商号|经营户|门市|工作室|政府|银行|联社|合作社|事务所)$/u;

/**
 * Whether a party's name reads as a natural person's: 2 to 4 Chinese characters, or Chinese names
 * joined by a middle dot (阿依古丽·买买提), not ending in an organisation's word (公司, 厂, 店, 中心…).
 */
export function isPersonalName(value: string): boolean {
  const name = value.trim();
  const shaped = /^\p{Script=Han}{2,4}$/u.test(name) || (/^\p{Script=Han}+(?:[·•・.]\p{Script=Han}+)+$/u.test(name) && [...name].length <= 20);
  return shaped && !ORGANISATION_ENDINGS.test(name);
}

// ---- error messages ----------------------------------------------------------------------------------

const VARIABLE_ERROR = /^Variable "\$([^"]+)" got invalid value /;
const VARIABLE_PATH = / at "([^"\\]*)"; /g;
const ENUM_VALUE = /^Value [\s\S]*? does not exist in /;

/**
 * A GraphQL error message safe to answer and log: where GraphQL quotes the value of a variable it
 * could not coerce (it prints all of it, e.g. a whole submission: `Variable "$s" got invalid value
 * {…} at "s[0].envelope.disclosureMode"; Value "…" does not exist in "DisclosureMode" enum.`), the
 * value is left out and the path and the rule kept; in every message, numbers that are personal
 * data are masked.
 */
export function deidentifyErrorMessage(message: string): string {
  const variable = VARIABLE_ERROR.exec(message);
  if (!variable) return deidentifyText(message);
  const at = [...message.matchAll(VARIABLE_PATH)].at(-1);
  const reason = at ? message.slice(at.index + at[0].length) : message.slice(message.lastIndexOf('; ') + 2);
  const where = at ? ` at "${at[1]}"` : '';
  return deidentifyText(`Variable "$${variable[1]}" got invalid value${where}; ${reason.replace(ENUM_VALUE, 'The value does not exist in ')}`);
}
