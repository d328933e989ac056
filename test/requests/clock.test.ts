/**
 * The request clock on the State Council calendar with 调休: every worked example of the 2024–2026
 * holidays gives its stated due date, and each rule of the clock has a case of its own.
 */
import { clockState, receivedOn, requestClock, type RequestTimeline } from '../../model/requests/clock';
import { workingDaysLater } from '../../model/workdays';

describe('worked examples', () => {
  it('1: an online request confirmed before the 2024 National Day holiday, across two 调休 days', () => {
    const receipt = receivedOn('ONLINE', { submittedOn: '2024-09-27', confirmedOn: '2024-09-27' });
    expect(receipt).toEqual({ ok: true, receivedOn: '2024-09-27' });
    expect(requestClock({ receivedOn: '2024-09-27' }).dueOn).toBe('2024-10-30');
  });

  it('2: a 补正 over the 2025 Spring Festival: notice due, correction period, clock restarted on a 调休 Saturday', () => {
    const received = receivedOn('IN_PERSON', { submittedOn: '2025-01-24' });
    expect(received).toEqual({ ok: true, receivedOn: '2025-01-24' });
    const awaiting = requestClock({ receivedOn: '2025-01-24', correction: { noticeOn: '2025-01-27', periodWorkingDays: 10 } });
    expect(awaiting).toMatchObject({ correctionNoticeDueOn: '2025-02-10', correctionPeriodEndsOn: '2025-02-17', countsFrom: null, dueOn: null, breaches: [] });
    const corrected = requestClock({ receivedOn: '2025-01-24', correction: { noticeOn: '2025-01-27', periodWorkingDays: 10, correctedOn: '2025-02-08' } });
    expect(corrected).toMatchObject({ countsFrom: '2025-02-08', dueOn: '2025-03-07' });
  });

  it('3: registered post over the 2025 eight-day National Day block, with a 20-day extension', () => {
    expect(receivedOn('REGISTERED_POST', { submittedOn: '2025-09-24', signedForOn: '2025-09-26' })).toEqual({ ok: true, receivedOn: '2025-09-26' });
    expect(requestClock({ receivedOn: '2025-09-26' }).dueOn).toBe('2025-10-30');
    const extended = requestClock({ receivedOn: '2025-09-26', extension: { approvedOn: '2025-10-28', workingDays: 20 } });
    expect(extended).toMatchObject({ baseDueOn: '2025-10-30', dueOn: '2025-11-27', breaches: [] });
  });

  it('4: a third-party consultation over the 2026 Spring Festival, answered and unanswered', () => {
    expect(requestClock({ receivedOn: '2026-02-09' }).dueOn).toBe('2026-03-13');
    const replied = requestClock({ receivedOn: '2026-02-09', consultations: [{ sentOn: '2026-02-13', repliedOn: '2026-03-06' }] });
    expect(replied).toMatchObject({ pausedWorkingDays: 11, dueOn: '2026-03-30' });
    const silent = requestClock({ receivedOn: '2026-02-09', consultations: [{ sentOn: '2026-02-13' }] });
    expect(workingDaysLater('2026-02-13', 15)).toBe('2026-03-12');
    expect(silent).toMatchObject({ pausedWorkingDays: 15, dueOn: '2026-04-03' });
  });

  it('5: online, confirmed on a 调休 Sunday before the 2026 Mid-Autumn and National Day holidays, with an extension', () => {
    const sunday = receivedOn('ONLINE', { submittedOn: '2026-09-18', confirmedOn: '2026-09-20' });
    expect(sunday).toEqual({ ok: true, receivedOn: '2026-09-20' });
    expect(requestClock({ receivedOn: '2026-09-20' }).dueOn).toBe('2026-10-23');
    expect(requestClock({ receivedOn: '2026-09-20', extension: { approvedOn: '2026-10-20', workingDays: 20 } }).dueOn).toBe('2026-11-20');
    expect(requestClock({ receivedOn: '2026-09-21' }).dueOn).toBe('2026-10-26');
  });
});

describe('receipt by channel (Art. 31)', () => {
  it.each([
    ['IN_PERSON', { submittedOn: '2025-03-03' }, '2025-03-03'],
    ['ORAL', { submittedOn: '2025-03-03' }, '2025-03-03'],
    ['REGISTERED_POST', { submittedOn: '2025-03-01', signedForOn: '2025-03-04' }, '2025-03-04'],
    ['ORDINARY_LETTER', { submittedOn: '2025-03-01', confirmedOn: '2025-03-05' }, '2025-03-05'],
    ['FAX', { submittedOn: '2025-03-03', confirmedOn: '2025-03-03' }, '2025-03-03'],
  ] as const)('%s counts from the channel’s day', (channel, dates, day) => {
    expect(receivedOn(channel, dates)).toEqual({ ok: true, receivedOn: day });
  });

  it('needs the confirmation day of an online request and the signing day of registered post', () => {
    expect(receivedOn('ONLINE', { submittedOn: '2025-03-03' })).toMatchObject({ ok: false, field: 'confirmedOn', rule: 'required' });
    expect(receivedOn('REGISTERED_POST', { submittedOn: '2025-03-03' })).toMatchObject({ ok: false, field: 'signedForOn', rule: 'required' });
  });

  it('refuses a confirmation before the submission', () => {
    expect(receivedOn('ONLINE', { submittedOn: '2025-03-03', confirmedOn: '2025-03-02' })).toMatchObject({ ok: false, field: 'confirmedOn', rule: 'order' });
  });
});

describe('rules of the clock', () => {
  it('flags a request for correction sent after the 7 working days', () => {
    const late = requestClock({ receivedOn: '2025-01-24', correction: { noticeOn: '2025-02-11', periodWorkingDays: 10, correctedOn: '2025-02-20' } });
    expect(late.breaches).toEqual(['CORRECTION_NOTICE_LATE']);
    const onTime = requestClock({ receivedOn: '2025-01-24', correction: { noticeOn: '2025-02-10', periodWorkingDays: 10, correctedOn: '2025-02-20' } });
    expect(onTime.breaches).toEqual([]);
  });

  it('flags an extension approved after the deadline it extends, and still extends from that deadline', () => {
    const clock = requestClock({ receivedOn: '2025-09-26', extension: { approvedOn: '2025-10-31', workingDays: 10 } });
    expect(clock).toMatchObject({ baseDueOn: '2025-10-30', dueOn: workingDaysLater('2025-10-30', 10), breaches: ['EXTENDED_AFTER_DEADLINE'] });
  });

  it('pauses for a late reply only as long as the reply period', () => {
    const late = requestClock({ receivedOn: '2026-02-09', consultations: [{ sentOn: '2026-02-13', repliedOn: '2026-03-20' }] });
    expect(late).toMatchObject({ pausedWorkingDays: 15, dueOn: '2026-04-03' });
  });

  it('does not count twice a day two overlapping consultations pause', () => {
    const timeline: RequestTimeline = {
      receivedOn: '2026-02-09',
      consultations: [
        { sentOn: '2026-02-13', repliedOn: '2026-03-06' },
        { sentOn: '2026-03-02', repliedOn: '2026-03-04' },
      ],
    };
    expect(requestClock(timeline)).toMatchObject({ pausedWorkingDays: 11, dueOn: '2026-03-30' });
  });

  it('says when counting runs into a year the calendar has no holiday arrangement for yet', () => {
    expect(requestClock({ receivedOn: '2026-11-02' }).calendarComplete).toBe(true);
    expect(requestClock({ receivedOn: '2026-12-21' }).calendarComplete).toBe(false);
  });
});

describe('state against the clock', () => {
  const clock = requestClock({ receivedOn: '2024-09-27' }); // due 2024-10-30
  it.each([
    ['open, weeks before the due date', null, '2024-10-08', 'ON_TIME'],
    ['open, 5 working days before it', null, '2024-10-23', 'DUE_SOON'],
    ['open, 6 working days before it', null, '2024-10-22', 'ON_TIME'],
    ['open, on the due date', null, '2024-10-30', 'DUE_SOON'],
    ['open, the day after', null, '2024-10-31', 'OVERDUE'],
    ['answered on the due date', '2024-10-30', '2024-12-01', 'ANSWERED_ON_TIME'],
    ['answered the day after', '2024-10-31', '2024-12-01', 'ANSWERED_LATE'],
  ])('%s', (_name, answeredOn, today, state) => {
    expect(clockState(clock, answeredOn, today)).toBe(state);
  });

  it('is awaiting correction while the corrected application has not come', () => {
    const awaiting = requestClock({ receivedOn: '2025-01-24', correction: { noticeOn: '2025-01-27', periodWorkingDays: 10 } });
    expect(clockState(awaiting, null, '2025-02-03')).toBe('AWAITING_CORRECTION');
  });
});
