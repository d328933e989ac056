/**
 * Exact substring search over Chinese text without a segmenter: every searchable field is indexed as
 * its overlapping character bigrams (`征地拆迁` → 征地, 地拆, 拆迁) in an indexed array; a query must
 * contain all its bigrams (`$all`, served by the index) and then the literal text (an escaped
 * `$regex` on the joined fields), so every hit contains the text and totals stay exact.
 */

/** Folds full-width forms and case, and drops white space, so `ＡＢＣ 123` matches `abc123`. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
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

/** The MongoDB filter for an exact substring match, or undefined for an empty query. */
export function textFilter(text: string): Record<string, unknown> | undefined {
  const normalized = normalizeText(text);
  if (!normalized) return undefined;
  const grams = bigramsOf(normalized);
  return { grams: { $all: grams }, searchText: { $regex: escapeRegex(normalized) } };
}
