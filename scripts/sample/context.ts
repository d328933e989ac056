import type { RecordTypeName } from '../../model/record-types';
import type { DisclosureInput } from '../../model/input';
import type { DisclosureMode, EnvelopeInput } from '../../model/envelope';
import { shanghaiDate, startOfShanghaiDay } from '../../model/time';
import { Random } from './random';
import { sampleBody } from './body';
import { AGENCIES, regionName, type DepartmentKind, type SampleAgency } from '../../model/reference-data';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const FIRST_DAY = Date.parse('2013-01-01T00:00:00Z');
const LAST_DAY = Date.parse('2024-12-31T00:00:00Z');

export interface EnvelopeSpec {
  agency: SampleAgency;
  title: string;
  category: string;
  subjectTerms: string[];
  /** Prefix of the document number 文号, e.g. `岳政发`; none for records without one. */
  documentNumberPrefix?: string;
  /** The day the underlying act happened; the record is written on or after it. */
  eventOn?: string;
}

/**
 * What a domain's sample generator gets: a seeded random source, the sample agencies, and an
 * envelope builder that issues real-format index numbers and plausible dates.
 */
export class SampleContext {
  readonly rng: Random;
  private readonly serials = new Map<string, number>();

  /**
   * `serialBase` is where index-number serials start: 1,000,000 gives the seven-digit serials of
   * real index numbers; generated scale sets use larger bases so they never collide with the sample.
   */
  constructor(
    seed: number,
    private readonly serialBase = 1_000_000,
  ) {
    this.rng = new Random(seed);
  }

  /** A department of the given kind, in a county or prefecture. */
  agency(department: DepartmentKind): SampleAgency {
    return this.rng.pick(AGENCIES.filter((a) => a.department === department));
  }

  regionName(code: string): string {
    return regionName(code);
  }

  /** A day between 2013 and 2024 as `YYYY-MM-DD`. */
  day(from = FIRST_DAY, to = LAST_DAY): string {
    return new Date(from + Math.floor(this.rng.next() * ((to - from) / DAY_MS)) * DAY_MS).toISOString().slice(0, 10);
  }

  /** `day` plus `days` calendar days. */
  addDays(day: string, days: number): string {
    return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  }

  /** The year of a `YYYY-MM-DD` day. */
  yearOf(day: string): number {
    return Number(day.slice(0, 4));
  }

  envelope(spec: EnvelopeSpec): EnvelopeInput {
    const writtenOn = spec.eventOn ? this.addDays(spec.eventOn, this.rng.int(0, 10)) : this.day();
    // Most records go public within a few days; about one in eight only after the 20 working days
    // the Regulations allow.
    const delayDays = this.rng.chance(0.12) ? this.rng.int(30, 90) : this.rng.int(0, 20);
    const publishedDay = this.addDays(writtenOn, delayDays);
    const publishedAt = new Date(startOfShanghaiDay(publishedDay).getTime() + this.rng.int(8, 18) * HOUR_MS + this.rng.int(0, 59) * 60_000);
    const year = Number(shanghaiDate(publishedAt).slice(0, 4));
    const key = `${spec.agency._id}/${year}`;
    const serial = (this.serials.get(key) ?? this.serialBase + this.rng.int(0, 10_000)) + this.rng.int(1, 9);
    this.serials.set(key, serial);
    const mode: DisclosureMode = this.rng.chance(0.85) ? 'FULL' : this.rng.chance(0.6) ? 'PARTIAL' : 'REDACTED';
    return {
      indexNumber: `${spec.agency._id}-/${year}-${serial}`,
      title: spec.title,
      category: spec.category,
      agencyCode: spec.agency._id,
      regionCode: spec.agency.regionCode,
      documentNumber: spec.documentNumberPrefix
        ? `${spec.documentNumberPrefix}〔${this.yearOf(writtenOn)}〕${this.rng.int(1, 180)}号`
        : null,
      subjectTerms: spec.subjectTerms,
      writtenOn,
      publishedAt,
      disclosureMode: mode,
      interpretationIndexNumber: null,
      sourceUrl: `https://www.example.gov.cn/${spec.agency.regionCode}/xxgk/${year}/${serial}.html`,
      ...sampleBody(serial, { title: spec.title, agencyName: spec.agency.name, regionName: regionName(spec.agency.regionCode), subjectTerms: spec.subjectTerms }),
    };
  }
}

/** How a domain makes sample records: one function per type, one record per call. */
export type SampleMakers = Partial<Record<RecordTypeName, (context: SampleContext) => DisclosureInput>>;
