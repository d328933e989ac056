import { getWorkdaysInRange } from 'chinese-days';

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
