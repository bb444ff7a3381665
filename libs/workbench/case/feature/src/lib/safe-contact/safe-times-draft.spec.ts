import { describe, expect, it } from 'vitest';
import type { SafeContactView } from '@lantern/shared/domain';
import {
  confirmedWords,
  daysRecord,
  officerWords,
  safeTimesStatus,
  startingWindows,
  suggestionWords,
  usableSuggestion,
  windowPreview,
  windowProblems,
  windowsFromDrafts,
} from './safe-times-draft';

const WEEKDAYS_10_12 = { windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, from: '10:00', to: '12:00' }], text: 'x' };

function view(over: Partial<SafeContactView> = {}, plan: Partial<SafeContactView['plan']> = {}): SafeContactView {
  return {
    plan: {
      numbers: [],
      emails: [],
      windows: [],
      channels: ['call'],
      codeWord: null,
      safeTimesText: 'Weekdays 10am-12pm',
      timeRule: 'unknown',
      notes: null,
      ...plan,
    },
    consentToContact: 'given',
    contactPaused: false,
    nextSafeWindowAt: null,
    editedAt: null,
    suggestion: null,
    revisedSafeTimes: null,
    ...over,
  } as SafeContactView;
}

describe('safe times: where they stand', () => {
  it('is unconfirmed while the time rule is unknown, with the suggestion in words for "Use these times"', () => {
    const v = view({
      suggestion: { ...WEEKDAYS_10_12, windows: [{ ...WEEKDAYS_10_12.windows[0], days: [...WEEKDAYS_10_12.windows[0].days] }] },
    });
    expect(safeTimesStatus(v)).toBe('unconfirmed');
    expect(officerWords(v)).toBe('Weekdays 10am-12pm');
    expect(suggestionWords(v)).toBe('Mon–Fri 10:00–12:00');
    expect(startingWindows(v)).toEqual([{ days: daysRecord(['mon', 'tue', 'wed', 'thu', 'fri']), from: '10:00', to: '12:00' }]);
  });

  it('offers nothing to use when Lantern could not read the words, and starts the editor empty', () => {
    const v = view();
    expect(usableSuggestion(v)).toBeNull();
    expect(suggestionWords(v)).toBeNull();
    expect(startingWindows(v)).toEqual([{ days: daysRecord([]), from: '', to: '' }]);
    // A suggestion with no window at all ("never call") is not something to confirm in one action either.
    expect(usableSuggestion(view({ suggestion: { windows: [], text: 'never call' } }))).toBeNull();
  });

  it('keeps confirmed times, and shows the police’s new words and their suggestion after a revision', () => {
    const confirmed = view({}, { timeRule: 'windows', windows: [{ days: ['fri'], from: '22:00', to: '02:00' }] });
    expect(safeTimesStatus(confirmed)).toBe('confirmed');
    expect(confirmedWords(confirmed)).toBe('Fri 22:00–02:00 (next day)');
    expect(startingWindows(confirmed)).toEqual([{ days: daysRecord(['fri']), from: '22:00', to: '02:00' }]);
    const revised = {
      ...confirmed,
      revisedSafeTimes: {
        text: 'Saturdays 9-11 now',
        suggestion: { windows: [{ days: ['sat' as const], from: '09:00', to: '11:00' }], text: 'x' },
      },
    };
    expect(safeTimesStatus(revised)).toBe('revised');
    expect(officerWords(revised)).toBe('Saturdays 9-11 now');
    expect(suggestionWords(revised)).toBe('Sat 09:00–11:00');
    expect(startingWindows(revised)).toEqual([{ days: daysRecord(['sat']), from: '09:00', to: '11:00' }]);
    expect(confirmedWords(view({}, { timeRule: 'any' }))).toBe('Any time');
  });
});

describe('safe times: the window editor', () => {
  it('accepts a window that crosses midnight and says so in words', () => {
    const night = { days: daysRecord(['fri', 'sat']), from: '22:00', to: '02:00' };
    expect(windowProblems([night])).toEqual([]);
    expect(windowPreview(night)).toBe('Fri, Sat 22:00–02:00 (next day): runs past midnight');
    expect(windowPreview({ days: daysRecord(['sun']), from: '18:00', to: '24:00' })).toBe('Sun 18:00–midnight');
    expect(windowsFromDrafts([{ ...night, from: ' 22:00 ' }])).toEqual([{ days: ['fri', 'sat'], from: '22:00', to: '02:00' }]);
  });

  it('names what is missing, in the order of the form', () => {
    expect(windowProblems([]).map((p) => p.target)).toEqual(['windows']);
    const problems = windowProblems([
      { days: daysRecord([]), from: '10:00', to: '12:00' },
      { days: daysRecord(['mon']), from: '09:00', to: '09:00' },
      { days: daysRecord(['mon']), from: '9', to: '' },
    ]);
    expect(problems.map((p) => p.target)).toEqual(['windows.0.days', 'windows.1.from', 'windows.2.from']);
    expect(problems[1].message).toMatch(/runs past midnight/);
    expect(windowPreview({ days: daysRecord(['mon']), from: '9', to: '' })).toBeNull();
  });
});
