/**
 * De-identification 去标识化 of the personal data in housing allocation results (DOMAIN.md; seed 004
 * item 5). Personal data is masked before it is stored: the stored fields are typed `MaskedName` and
 * `MaskedIdNumber`, which only these functions and checks produce, so a record built in code that
 * reaches the write path carries masked values only.
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
