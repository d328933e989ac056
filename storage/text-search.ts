/**
 * Exact substring search over Chinese text without a segmenter (README, "Search"): every searchable
 * field (title, subject terms, document number, agency name and summary) is indexed as its
 * overlapping character bigrams (`征地拆迁` → 征地, 地拆, 拆迁) in an indexed array; a query must
 * contain all its bigrams (`$all`, served by the index) and then the literal text (an escaped
 * `$regex` on the joined fields), so every hit contains the text and totals stay exact. Bodies,
 * up to 200,000 characters, are not in the bigrams (they would make every entry large, and every
 * read of the index slow on an engine that scans: README, Search): a body's folded text
 * (`bodySearch`) is matched by `$regex` alone. Each hit can be quoted: `snippets` finds the text
 * again in the original fields.
 */
import type { StoredEnvelope } from '../model/envelope';

/**
 * The unit normalisation works on: a character with the combining marks after it (é written as e
 * and U+0301), so that folding it never depends on its neighbours and a position in the folded text
 * maps back to one place in the original.
 */
const UNIT = /\P{M}\p{M}*|\p{M}+/gsu;
const WHITE_SPACE = /\s+/gu;

function foldUnit(unit: string): string {
  return unit.normalize('NFKC').toLowerCase().replace(WHITE_SPACE, '');
}

/** Whether folding `text` only drops its white space (most Chinese text): then it is folded at once. */
function foldsToItself(text: string): boolean {
  return text === text.normalize('NFKC') && text === text.toLowerCase();
}

/** Folds full-width forms (NFKC) and case, and drops white space, so `ＡＢＣ 123` matches `abc123`. */
export function normalizeText(text: string): string {
  if (foldsToItself(text)) return text.replace(WHITE_SPACE, '');
  let folded = '';
  for (const [unit] of text.matchAll(UNIT)) folded += foldUnit(unit);
  return folded;
}

/** A text folded by normalizeText, with where in the original each folded UTF-16 unit came from. */
interface FoldedText {
  folded: string;
  /** For each folded unit, the start and the end (exclusive) of the original stretch it came from. */
  from: Uint32Array;
  to: Uint32Array;
}

function foldWithOrigins(text: string): FoldedText {
  const from: number[] = [];
  const to: number[] = [];
  let folded = '';
  const simple = foldsToItself(text);
  for (const match of text.matchAll(simple ? /\S/gu : UNIT)) {
    const piece = simple ? match[0] : foldUnit(match[0]);
    for (let i = 0; i < piece.length; i++) {
      from.push(match.index);
      to.push(match.index + match[0].length);
    }
    folded += piece;
  }
  return { folded, from: Uint32Array.from(from), to: Uint32Array.from(to) };
}

function bigramsOf(normalized: string): string[] {
  const chars = [...normalized];
  if (chars.length < 2) return chars.length ? [chars[0]] : [];
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i] + chars[i + 1]);
  return grams;
}

/** Separates fields in the joined search text so no match spans two fields. */
const FIELD_SEPARATOR = '\u241e';

export interface SearchIndexFields {
  /** Distinct bigrams (and single characters) of every field. */
  grams: string[];
  /** The normalised fields joined by a separator no query can contain. */
  searchText: string;
}

export function searchIndexFields(fields: Array<string | null | undefined>): SearchIndexFields {
  const normalized = fields.filter((f): f is string => Boolean(f)).map(normalizeText);
  const grams = new Set<string>();
  for (const field of normalized) {
    for (const gram of bigramsOf(field)) grams.add(gram);
    for (const char of field) grams.add(char);
  }
  return { grams: [...grams], searchText: normalized.join(FIELD_SEPARATOR) };
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A query folded as the fields are; the field separator cannot be searched for. */
const normalizedQuery = (text: string) => normalizeText(text).replaceAll(FIELD_SEPARATOR, '');

/** The MongoDB filter for an exact substring match in the indexed fields, or undefined for an empty query. */
export function textFilter(text: string): Record<string, unknown> | undefined {
  const normalized = normalizedQuery(text);
  if (!normalized) return undefined;
  const grams = bigramsOf(normalized);
  return { grams: { $all: grams }, searchText: { $regex: escapeRegex(normalized) } };
}

/** What of a record is searched. */
type Searched = Pick<StoredEnvelope, 'title' | 'subjectTerms' | 'documentNumber' | 'agencyName' | 'summary'> & { bodyText: string | null };

/** The fields a text filter searches, in the order they are indexed and quoted. */
export function searchedFields(record: Searched): Array<{ field: SnippetField; value: string | null }> {
  return [
    { field: 'TITLE', value: record.title },
    ...record.subjectTerms.map((value) => ({ field: 'SUBJECT_TERM' as const, value })),
    { field: 'DOCUMENT_NUMBER', value: record.documentNumber },
    { field: 'AGENCY_NAME', value: record.agencyName },
    { field: 'SUMMARY', value: record.summary ?? null },
    { field: 'BODY', value: record.bodyText ?? null },
  ];
}

/** The filter for an exact substring of a body (its folded `bodySearch`), matched on every record read: bodies are not in the bigrams. */
export function bodyTextFilter(text: string): Record<string, unknown> {
  return { bodySearch: { $regex: escapeRegex(normalizedQuery(text)) } };
}

// ---- snippets --------------------------------------------------------------------------------------

export type SnippetField = 'TITLE' | 'SUBJECT_TERM' | 'DOCUMENT_NUMBER' | 'AGENCY_NAME' | 'SUMMARY' | 'BODY';

/** A place a query was found, quoted from the original text. */
export interface Snippet {
  field: SnippetField;
  /** The original text around the match: the match and up to SNIPPET_CONTEXT characters each side. */
  text: string;
  /** Where the match starts in `text`, and its length, in UTF-16 code units (JavaScript string indices). */
  matchStart: number;
  matchLength: number;
}

/** Characters quoted on each side of a match. */
export const SNIPPET_CONTEXT = 40;
/** Most snippets from one field (a long body may mention the text many times). */
export const MAX_SNIPPETS_PER_FIELD = 3;

/** `index` moved back (or on) off the second half of a surrogate pair, so no character is cut. */
function atCharacter(text: string, index: number, back: boolean): number {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff ? index + (back ? -1 : 1) : index;
}

/** `count` code points back from `index` (or forward), within the text. */
function stepCharacters(text: string, index: number, count: number, back: boolean): number {
  let at = index;
  for (let i = 0; i < count && (back ? at > 0 : at < text.length); i++) at = atCharacter(text, back ? at - 1 : at + 1, back);
  return at;
}

/**
 * Where `text` (a filter's text, folded as the index folds it) occurs in each field, quoted from the
 * original: at most MAX_SNIPPETS_PER_FIELD non-overlapping matches a field, fields in the order given.
 */
export function snippetsOf(text: string, fields: ReadonlyArray<{ field: SnippetField; value: string | null | undefined }>): Snippet[] {
  const needle = normalizedQuery(text);
  if (!needle) return [];
  const snippets: Snippet[] = [];
  for (const { field, value } of fields) {
    // Most fields do not hold it: they are folded once, without origins, to see.
    if (!value || !normalizeText(value).includes(needle)) continue;
    const { folded, from, to } = foldWithOrigins(value);
    for (let at = folded.indexOf(needle), found = 0; at >= 0 && found < MAX_SNIPPETS_PER_FIELD; at = folded.indexOf(needle, at + needle.length), found++) {
      const start = from[at];
      const end = to[at + needle.length - 1];
      const quoteStart = stepCharacters(value, start, SNIPPET_CONTEXT, true);
      const quoteEnd = stepCharacters(value, end, SNIPPET_CONTEXT, false);
      snippets.push({ field, text: value.slice(quoteStart, quoteEnd), matchStart: start - quoteStart, matchLength: end - start });
    }
  }
  return snippets;
}
