/**
 * Quality flags 数据质量标记: what is inconsistent in a record as its agency published it. Real pages
 * are not always consistent (a date written after the date published, an index number or a document
 * number from another year); such records are stored as published and flagged, so they can be found
 * and counted, instead of being refused.
 */
import { shanghaiDate } from './time';

export const QUALITY_FLAGS = ['WRITTEN_AFTER_PUBLISHED', 'INDEX_NUMBER_YEAR_MISMATCH', 'DOCUMENT_NUMBER_YEAR_MISMATCH'] as const;
export type QualityFlag = (typeof QUALITY_FLAGS)[number];

/** The year segment of an index number: four digits after a `/`, as in `…-/2017-1019636` or `…P/2017-00150`. */
const INDEX_NUMBER_YEAR = /\/((?:19|20)\d{2})(?=[-_./]|$)/;
/** The year of a document number 文号 in its brackets: `含政办〔2017〕38号`, `[2017]`, `（2017）`, `【2017】`. */
const DOCUMENT_NUMBER_YEAR = /[〔[（(【［]\s*((?:19|20)\d{2})\s*[〕\]）)】］]/;

/** The envelope fields the flags read. */
interface DatedEnvelope {
  indexNumber: string;
  documentNumber?: string | null;
  /** `YYYY-MM-DD`, Asia/Shanghai. */
  writtenOn?: string | null;
  publishedAt: Date;
}

/** Whether the date written is later than the day published (Asia/Shanghai), which no real document can be. */
export function writtenAfterPublished({ writtenOn, publishedAt }: Pick<DatedEnvelope, 'writtenOn' | 'publishedAt'>): boolean {
  return Boolean(writtenOn && writtenOn > shanghaiDate(publishedAt));
}

/** The flags of a record's envelope, in the order of QUALITY_FLAGS. */
export function qualityFlagsOf(envelope: DatedEnvelope): QualityFlag[] {
  const publishedYear = shanghaiDate(envelope.publishedAt).slice(0, 4);
  const writtenYear = envelope.writtenOn?.slice(0, 4) ?? null;
  const indexYear = INDEX_NUMBER_YEAR.exec(envelope.indexNumber)?.[1];
  const documentYear = envelope.documentNumber ? DOCUMENT_NUMBER_YEAR.exec(envelope.documentNumber)?.[1] : undefined;
  const flags: Record<QualityFlag, boolean> = {
    WRITTEN_AFTER_PUBLISHED: writtenAfterPublished(envelope),
    // Agencies number by the year written or the year published; a third year is a slip.
    INDEX_NUMBER_YEAR_MISMATCH: indexYear !== undefined && indexYear !== publishedYear && indexYear !== writtenYear,
    // A document number carries the year the document was made 成文; without that date, a year after publication.
    DOCUMENT_NUMBER_YEAR_MISMATCH: documentYear !== undefined && (writtenYear ? documentYear !== writtenYear : documentYear > publishedYear),
  };
  return QUALITY_FLAGS.filter((flag) => flags[flag]);
}
