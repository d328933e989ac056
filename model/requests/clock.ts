/**
 * The statutory clock of a request for information 依申请公开 (2019 Regulations, Arts 30–33), in
 * working days on the State Council calendar with 调休 (model/workdays.ts). Days are civil days in
 * Asia/Shanghai, `YYYY-MM-DD`. The readings the Regulations leave open are fixed here:
 * - "within N working days of" a day is the Nth working day after it (the day itself not counted);
 * - a 补正 restarts the clock on the day the corrected application arrives (Art. 30);
 * - a consultation (Arts 32–34) pauses it from the working day after the letter is sent through the
 *   day the reply arrives, at most the 15 working days the consulted party has;
 * - an extension (at most 20 working days) runs from the deadline it extends.
 */
import { calendarCovers, workingDaysLater, workingDaysThrough } from '../workdays';

/** Art. 33: an answer within 20 working days of receipt. */
export const ANSWER_WORKING_DAYS = 20;
/** Art. 33: an extension of at most 20 further working days. */
export const MAX_EXTENSION_WORKING_DAYS = 20;
/** Art. 30: a request for correction within 7 working days of receipt. */
export const CORRECTION_NOTICE_WORKING_DAYS = 7;
/** Arts 32 and 34: the consulted party has 15 working days to reply. */
export const CONSULTATION_REPLY_WORKING_DAYS = 15;
/** An open request is due soon when at most this many working days are left before its due date. */
export const DUE_SOON_WORKING_DAYS = 5;

/** How an application arrived (Art. 31). */
export type Channel = 'IN_PERSON' | 'ORAL' | 'REGISTERED_POST' | 'ORDINARY_LETTER' | 'ONLINE' | 'FAX';

export interface ArrivalDates {
  /** The day the applicant handed it in, posted it or sent it. */
  submittedOn: string;
  /** Registered post: the day the agency signed for it. */
  signedForOn?: string | null;
  /** Ordinary letters, the internet and fax: the day agency and applicant confirmed it. */
  confirmedOn?: string | null;
}

export type Receipt = { ok: true; receivedOn: string } | { ok: false; field: 'signedForOn' | 'confirmedOn'; rule: string; message: string };

/** The day an application counts as received under its channel's rule (Art. 31). */
export function receivedOn(channel: Channel, dates: ArrivalDates): Receipt {
  if (channel === 'IN_PERSON' || channel === 'ORAL') return { ok: true, receivedOn: dates.submittedOn };
  const field = channel === 'REGISTERED_POST' ? 'signedForOn' : 'confirmedOn';
  const day = dates[field];
  const what = channel === 'REGISTERED_POST' ? 'the day the agency signed for it' : 'the day agency and applicant confirmed it';
  if (!day) return { ok: false, field, rule: 'required', message: `an application by ${channel} counts as received on ${what}; give ${field}` };
  if (day < dates.submittedOn) return { ok: false, field, rule: 'order', message: `must not be before submittedOn (${dates.submittedOn})` };
  return { ok: true, receivedOn: day };
}

export interface Correction {
  /** The day the agency asked, once, for everything to correct 补正告知. */
  noticeOn: string;
  /** The correction period it set, in working days from the notice. */
  periodWorkingDays: number;
  /** The day the corrected application arrived; null while awaited. */
  correctedOn?: string | null;
}

export interface Consultation {
  /** The day the letter to the third party or agency was sent (and received). */
  sentOn: string;
  /** The day its reply arrived; null while awaited or when none came. */
  repliedOn?: string | null;
}

export interface Extension {
  /** Approved by the head of the disclosure office on this day. */
  approvedOn: string;
  /** Working days added, 1 to 20. */
  workingDays: number;
}

export interface RequestTimeline {
  receivedOn: string;
  correction?: Correction | null;
  consultations?: readonly Consultation[];
  extension?: Extension | null;
  answeredOn?: string | null;
}

/** Something done outside the law's time limits: recorded, not refused. */
export type ClockBreach = 'CORRECTION_NOTICE_LATE' | 'EXTENDED_AFTER_DEADLINE';

export interface Clock {
  /** The last day to ask for a correction (Art. 30). */
  correctionNoticeDueOn: string;
  /** The last day of the correction period; null without a correction. */
  correctionPeriodEndsOn: string | null;
  /** The day the 20 working days count from: receipt, or the corrected application; null while a correction is awaited. */
  countsFrom: string | null;
  /** Working days a consultation paused the clock (Art. 33(3)). */
  pausedWorkingDays: number;
  /** The deadline before any extension; null while a correction is awaited. */
  baseDueOn: string | null;
  /** The deadline: the base one, extended where an extension was approved. */
  dueOn: string | null;
  breaches: ClockBreach[];
  /** False when counting ran into a year whose holiday arrangement the calendar does not yet hold. */
  calendarComplete: boolean;
}

/** The working days the consultations pause, each to its reply or to the end of the reply period. */
function pausedDays(consultations: readonly Consultation[]): Set<string> {
  const paused = new Set<string>();
  for (const { sentOn, repliedOn } of consultations) {
    const periodEnd = workingDaysLater(sentOn, CONSULTATION_REPLY_WORKING_DAYS);
    const through = repliedOn && repliedOn < periodEnd ? repliedOn : periodEnd;
    for (const day of workingDaysThrough(sentOn, through)) paused.add(day);
  }
  return paused;
}

export function requestClock(timeline: RequestTimeline): Clock {
  const { receivedOn: received, correction, extension } = timeline;
  const correctionNoticeDueOn = workingDaysLater(received, CORRECTION_NOTICE_WORKING_DAYS);
  const correctionPeriodEndsOn = correction ? workingDaysLater(correction.noticeOn, correction.periodWorkingDays) : null;
  const countsFrom = correction ? (correction.correctedOn ?? null) : received;
  const breaches: ClockBreach[] = [];
  if (correction && correction.noticeOn > correctionNoticeDueOn) breaches.push('CORRECTION_NOTICE_LATE');
  if (!countsFrom) {
    return { correctionNoticeDueOn, correctionPeriodEndsOn, countsFrom, pausedWorkingDays: 0, baseDueOn: null, dueOn: null, breaches, calendarComplete: calendarCovers(Number(received.slice(0, 4))) };
  }
  const paused = pausedDays(timeline.consultations ?? []);
  const baseDueOn = workingDaysLater(countsFrom, ANSWER_WORKING_DAYS, paused);
  const pausedWorkingDays = [...paused].filter((day) => day > countsFrom && day <= baseDueOn).length;
  if (extension && extension.approvedOn > baseDueOn) breaches.push('EXTENDED_AFTER_DEADLINE');
  const dueOn = extension ? workingDaysLater(baseDueOn, extension.workingDays) : baseDueOn;
  const years = new Set([received, dueOn].map((day) => Number(day.slice(0, 4))));
  return { correctionNoticeDueOn, correctionPeriodEndsOn, countsFrom, pausedWorkingDays, baseDueOn, dueOn, breaches, calendarComplete: [...years].every(calendarCovers) };
}

/** Where a request stands against its clock on `today`. */
export type ClockState = 'AWAITING_CORRECTION' | 'ON_TIME' | 'DUE_SOON' | 'OVERDUE' | 'ANSWERED_ON_TIME' | 'ANSWERED_LATE';

export function clockState(clock: Clock, answeredOn: string | null | undefined, today: string): ClockState {
  if (!clock.dueOn) return 'AWAITING_CORRECTION';
  if (answeredOn) return answeredOn <= clock.dueOn ? 'ANSWERED_ON_TIME' : 'ANSWERED_LATE';
  if (today > clock.dueOn) return 'OVERDUE';
  return workingDaysThrough(today, clock.dueOn).length <= DUE_SOON_WORKING_DAYS ? 'DUE_SOON' : 'ON_TIME';
}
