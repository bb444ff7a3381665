import type { Weekday } from './hub-calendar';
import { WEEKDAYS } from './hub-calendar';
import type { SafeWindow } from './safe-contact';

/**
 * What the officer's free-text safe times seem to say, for a caseworker to confirm ("Use these times") or edit.
 * Never a rule by itself: the plan's timeRule stays `unknown` until someone confirms.
 */
export interface SafeTimesSuggestion {
  windows: SafeWindow[];
  /** The officer's words the windows were read from. */
  text: string;
}

/**
 * Reads an officer's safe-times note into windows, or null whenever any part of it cannot be read with certainty.
 * (Implementation lands with issue 11; until then it never suggests.)
 */
export function suggestSafeTimes(text: string): SafeTimesSuggestion | null {
  void text;
  return null;
}

const SHORT: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** "Mon–Fri", "Sat, Sun", "Every day", "Tue, Thu". */
export function formatDays(days: readonly Weekday[]): string {
  const set = WEEKDAYS.filter((d) => days.includes(d));
  if (set.length === 7) return 'Every day';
  if (set.length === 5 && set.every((d) => d !== 'sat' && d !== 'sun')) return 'Mon–Fri';
  if (set.length === 2 && set[0] === 'sat' && set[1] === 'sun') return 'Sat, Sun';
  return set.map((d) => SHORT[d]).join(', ');
}

/** "Tue, Thu 10:00–12:00"; "Fri 22:00–02:00 (next day)" for a window past midnight; 24:00 reads as midnight. */
export function formatWindow(w: SafeWindow): string {
  const to = w.to === '24:00' ? 'midnight' : w.to;
  return `${formatDays(w.days)} ${w.from}–${to}${w.to < w.from ? ' (next day)' : ''}`;
}

/** Every window in words, "; "-separated (what partners and PDFs show). */
export function formatWindows(windows: readonly SafeWindow[]): string {
  return windows.map(formatWindow).join('; ');
}
