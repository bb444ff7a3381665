import { describe, expect, it } from 'vitest';
import { addStaffedMinutes, DEFAULT_HUB_CALENDAR, isOutOfHours, staffedMillisBetween, type HubCalendar } from './hub-calendar';
import { DEFAULT_SLA_TARGETS, nearBreachLimit, slaDue, slaStatus } from './sla';

const WEEKDAYS_ONLY: HubCalendar = {
  ...DEFAULT_HUB_CALENDAR,
  week: { ...DEFAULT_HUB_CALENDAR.week, sat: null, sun: { open: '10:00', close: '16:00' } },
  closures: [{ date: '2026-12-31', name: "New Year's Eve (short day)", hours: { open: '08:00', close: '12:00' } }],
};

describe('staffed time (default calendar: 08:00–20:00 hub time every day, England bank holidays closed)', () => {
  it.each([
    ['inside hours', '2026-11-23T10:00:00Z', 60, '2026-11-23T11:00:00Z'],
    ['a report at 23:10 starts at 08:00', '2026-11-23T23:10:00Z', 60, '2026-11-24T09:00:00Z'],
    ['a report at 06:00 starts at 08:00', '2026-11-24T06:00:00Z', 30, '2026-11-24T08:30:00Z'],
    ['runs over the night', '2026-11-23T19:30:00Z', 180, '2026-11-24T10:30:00Z'],
    ['ends exactly at closing', '2026-11-23T19:00:00Z', 60, '2026-11-23T20:00:00Z'],
    ['spans several days', '2026-11-23T19:30:00Z', 24 * 60, '2026-11-25T19:30:00Z'],
    ['skips Christmas Day', '2026-12-24T19:30:00Z', 180, '2026-12-26T10:30:00Z'],
    ['skips the Boxing Day substitute (Mon 28 Dec)', '2026-12-27T19:00:00Z', 120, '2026-12-29T09:00:00Z'],
    ['spring forward: Sat 19:00 GMT + 4 h → Sun 11:00 BST', '2026-03-28T19:00:00Z', 240, '2026-03-29T10:00:00Z'],
    ['spring forward: 00:30 GMT on the change day → opens 08:00 BST', '2026-03-29T00:30:00Z', 60, '2026-03-29T08:00:00Z'],
    ['BST day: 08:00–20:00 BST is 07:00–19:00 UTC', '2026-06-10T18:30:00Z', 60, '2026-06-11T07:30:00Z'],
    ['fall back: Sat 19:00 BST + 4 h → Sun 11:00 GMT', '2026-10-24T18:00:00Z', 240, '2026-10-25T11:00:00Z'],
    ['fall back: 01:30 on the change day (second pass) → 08:00 GMT', '2026-10-25T01:30:00Z', 60, '2026-10-25T09:00:00Z'],
  ])('%s', (_n, start, minutes, expected) => {
    expect(addStaffedMinutes(start, minutes, DEFAULT_HUB_CALENDAR).toISOString()).toBe(new Date(expected).toISOString());
  });

  it.each([
    ['weekend closed: Fri 19:00 + 3 h → Sun 10:00–16:00 counts, so Sun 12:00', '2026-11-27T19:00:00Z', 180, '2026-11-29T12:00:00Z'],
    ['weekend: Fri 19:00 + 8 h → 1 h Fri, 6 h Sun, 1 h Mon', '2026-11-27T19:00:00Z', 480, '2026-11-30T09:00:00Z'],
    ['a short closure day counts its reduced hours, then Sat closed, Sun short', '2026-12-31T11:00:00Z', 120, '2027-01-03T11:00:00Z'],
  ])('%s', (_n, start, minutes, expected) => {
    // 2027-01-01 is a bank holiday in the default list but not in this calendar's closures: this calendar replaces them.
    const cal = { ...WEEKDAYS_ONLY, closures: [...WEEKDAYS_ONLY.closures, { date: '2027-01-01', name: "New Year's Day" }] };
    expect(addStaffedMinutes(start, minutes, cal).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('measures staffed time between two instants, across a night', () => {
    expect(staffedMillisBetween('2026-11-23T19:00:00Z', '2026-11-24T09:00:00Z', DEFAULT_HUB_CALENDAR)).toBe(2 * 3600_000);
    expect(staffedMillisBetween('2026-11-24T09:00:00Z', '2026-11-23T19:00:00Z', DEFAULT_HUB_CALENDAR)).toBe(0);
  });

  it.each([
    ['2026-11-23T07:59:00Z', true],
    ['2026-11-23T08:00:00Z', false],
    ['2026-11-23T19:59:00Z', false],
    ['2026-11-23T20:00:00Z', true],
    ['2026-06-10T07:30:00Z', false],
    ['2026-12-25T12:00:00Z', true],
  ])('out of hours at %s: %s', (at, expected) => {
    expect(isOutOfHours(at, DEFAULT_HUB_CALENDAR)).toBe(expected);
  });
});

describe('SLA clocks', () => {
  it.each([
    ['high', '2026-11-23T23:10:00Z', '2026-11-24T09:00:00Z', '2026-11-24T12:00:00Z'],
    ['medium', '2026-11-23T10:00:00Z', '2026-11-23T13:00:00Z', '2026-11-24T10:00:00Z'],
    ['standard', '2026-11-23T10:00:00Z', '2026-11-23T13:00:00Z', '2026-11-25T10:00:00Z'],
    [null, '2026-11-23T10:00:00Z', '2026-11-23T13:00:00Z', '2026-11-25T10:00:00Z'],
  ] as const)('%s: assign and first-contact due', (grade, received, assign, contact) => {
    expect(slaDue(received, grade)).toEqual({
      assignDueAt: new Date(assign).toISOString(),
      firstContactDueAt: new Date(contact).toISOString(),
    });
  });

  it('starts the first-contact clock again from firstContactClockFrom, and only that clock', () => {
    // High risk: assign within 1 staffed hour of receipt, first contact within 4 of the clock's start (14:30 + 4 h).
    expect(slaDue({ receivedAt: '2026-11-23T10:00:00Z', firstContactClockFrom: '2026-11-23T14:30:00Z' }, 'high')).toEqual({
      assignDueAt: '2026-11-23T11:00:00.000Z',
      firstContactDueAt: '2026-11-23T18:30:00.000Z',
    });
    expect(slaDue({ receivedAt: '2026-11-23T10:00:00Z', firstContactClockFrom: null }, 'high')).toEqual(
      slaDue('2026-11-23T10:00:00Z', 'high'),
    );
  });

  const due = slaDue('2026-11-23T10:00:00Z', 'high');
  it.each([
    ['well within', '2026-11-23T10:10:00Z', { assignedAt: null, firstContactAt: null }, 'ok', false],
    ['within 30 staffed minutes of assignment', '2026-11-23T10:40:00Z', { assignedAt: null, firstContactAt: null }, 'near', false],
    ['assignment overdue', '2026-11-23T11:00:01Z', { assignedAt: null, firstContactAt: null }, 'breached', true],
    [
      'assigned in time, contact not yet due',
      '2026-11-23T12:00:00Z',
      { assignedAt: '2026-11-23T10:30:00Z', firstContactAt: null },
      'ok',
      false,
    ],
    [
      'assigned late stays breached',
      '2026-11-23T12:00:00Z',
      { assignedAt: '2026-11-23T11:30:00Z', firstContactAt: null },
      'breached',
      true,
    ],
    ['contact overdue', '2026-11-23T14:30:00Z', { assignedAt: '2026-11-23T10:30:00Z', firstContactAt: null }, 'breached', true],
    [
      'all done in time',
      '2026-11-25T14:30:00Z',
      { assignedAt: '2026-11-23T10:30:00Z', firstContactAt: '2026-11-23T13:00:00Z' },
      'ok',
      false,
    ],
  ])('%s', (_n, now, progress, state, breached) => {
    expect(slaStatus(due, progress, new Date(now))).toMatchObject({ state, breached });
  });

  it('counts near breach in staffed time: 19:50 with a clock due 08:10 tomorrow is near', () => {
    const overnight = { assignDueAt: '2026-11-24T08:10:00Z', firstContactDueAt: '2026-11-24T12:00:00Z' };
    expect(slaStatus(overnight, { assignedAt: null, firstContactAt: null }, new Date('2026-11-23T19:50:00Z')).state).toBe('near');
  });
});

describe('nearBreachLimit (what the queue in SQL compares the next due time with)', () => {
  // Times where staffed time turns: before opening, just before closing (the 30 minutes run into tomorrow), a
  // closed Saturday on the weekdays-only calendar, a short day, the end of British Summer Time.
  const cases: Array<[string, HubCalendar]> = [
    ['2026-11-27T07:50:00Z', DEFAULT_HUB_CALENDAR],
    ['2026-11-27T19:45:00Z', DEFAULT_HUB_CALENDAR],
    ['2026-12-24T19:59:59.999Z', DEFAULT_HUB_CALENDAR],
    ['2026-11-28T12:00:00Z', WEEKDAYS_ONLY],
    ['2026-12-31T11:50:00Z', WEEKDAYS_ONLY],
    ['2026-10-25T00:30:00Z', DEFAULT_HUB_CALENDAR],
    // In hours; 30 minutes before closing (the limit is the closing time's next opening); at closing; late evening.
    ['2026-11-27T12:00:00Z', DEFAULT_HUB_CALENDAR],
    ['2026-11-27T19:30:00Z', DEFAULT_HUB_CALENDAR],
    ['2026-11-27T19:29:59.999Z', DEFAULT_HUB_CALENDAR],
    ['2026-11-27T20:00:00Z', DEFAULT_HUB_CALENDAR],
    ['2026-11-27T22:15:00Z', DEFAULT_HUB_CALENDAR],
    ['2026-12-30T23:00:00Z', WEEKDAYS_ONLY],
  ];
  it.each(cases)('at %s: a due time is near exactly when it is at or before the limit', (at, calendar) => {
    const now = new Date(at);
    const limit = nearBreachLimit(now, DEFAULT_SLA_TARGETS, calendar).getTime();
    const near = DEFAULT_SLA_TARGETS.nearBreachMinutes * 60_000;
    expect(staffedMillisBetween(now, new Date(limit), calendar)).toBeLessThanOrEqual(near);
    expect(staffedMillisBetween(now, new Date(limit + 1), calendar)).toBeGreaterThan(near);
    // slaStatus agrees on either side of the limit (an unassigned case whose assignment is due then).
    const state = (due: number) =>
      slaStatus(
        { assignDueAt: new Date(due).toISOString(), firstContactDueAt: new Date(due + 86_400_000).toISOString() },
        { assignedAt: null, firstContactAt: null },
        now,
        DEFAULT_SLA_TARGETS,
        calendar,
      ).state;
    expect(state(limit)).toBe('near');
    expect(state(limit + 1)).toBe('ok');
  });

  it('gives the horizon when the calendar has no staffed time (every due time up to it is near)', () => {
    const closed: HubCalendar = {
      ...DEFAULT_HUB_CALENDAR,
      week: Object.fromEntries(Object.keys(DEFAULT_HUB_CALENDAR.week).map((d) => [d, null])) as HubCalendar['week'],
    };
    const now = new Date('2026-11-27T12:00:00Z');
    expect(nearBreachLimit(now, DEFAULT_SLA_TARGETS, closed, 60).getTime()).toBe(now.getTime() + 60 * 86_400_000);
  });
});
