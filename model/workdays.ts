import { getHolidaysInRange, getWorkdaysInRange, isWorkday } from 'chinese-days';

/** Information must go public within 20 working days of being made (条例 第二十六条). */
export const PUBLICATION_DEADLINE_WORKING_DAYS = 20;

/**
 * Working days after `from` up to and including `to` (both `YYYY-MM-DD`, Asia/Shanghai), on the
 * State Council's yearly holiday arrangement, counting the weekend days made working days (调休).
 * Zero when `to` is not after `from`.
 */
export function workingDaysAfter(from: string, to: string): number {
  if (to <= from) return 0;
  // includeWeekends: true keeps the weekend days that the arrangement makes working days.
  return getWorkdaysInRange(from, to, true).filter((day) => day !== from).length;
}

/** The day after `day` (`YYYY-MM-DD`). */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * The `count`th working day after `day` (the day itself not counted, as 自…之日起 is read), skipping
 * the working days in `excluded` (a pause the law does not count). `day` itself may be any day.
 */
export function workingDaysLater(day: string, count: number, excluded: ReadonlySet<string> = new Set()): string {
  let at = day;
  for (let counted = 0; counted < count; ) {
    at = nextDay(at);
    if (isWorkday(at) && !excluded.has(at)) counted += 1;
  }
  return at;
}

/** The working days after `from` up to and including `through`. */
export function workingDaysThrough(from: string, through: string): string[] {
  const days: string[] = [];
  for (let at = nextDay(from); at <= through; at = nextDay(at)) if (isWorkday(at)) days.push(at);
  return days;
}

/**
 * Whether the calendar holds the State Council's holiday arrangement for `year` (published each
 * November for the next year): without it, only weekends are days off.
 */
export function calendarCovers(year: number): boolean {
  // Without weekends, only the arrangement's own holidays are listed.
  return getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
}
