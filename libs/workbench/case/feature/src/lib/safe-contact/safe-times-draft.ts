import {
  crossesMidnight,
  formatWindow,
  formatWindows,
  isValidWindow,
  WEEKDAYS,
  type SafeContactView,
  type SafeTimesSuggestion,
  type SafeWindow,
  type Weekday,
} from '@lantern/shared/domain';
import { describeSafeTimes } from '@lantern/workbench/ui';

/** A window as the editor holds it: every day as a checkbox, times as "HH:mm" text. */
export interface WindowDraft {
  days: Record<Weekday, boolean>;
  from: string;
  to: string;
}

export interface DraftProblem {
  /** Where to take the user: "numbers.0.number", "windows.1.from", "windows", "emails.0". */
  target: string;
  message: string;
}

export function daysRecord(days: readonly Weekday[] = []): Record<Weekday, boolean> {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, days.includes(d)])) as Record<Weekday, boolean>;
}

export function windowDrafts(windows: readonly SafeWindow[]): WindowDraft[] {
  return windows.map((w) => ({ days: daysRecord(w.days), from: w.from, to: w.to }));
}

export function windowsFromDrafts(drafts: readonly WindowDraft[]): SafeWindow[] {
  return drafts.map((w) => ({ days: WEEKDAYS.filter((d) => w.days[d]), from: w.from.trim(), to: w.to.trim() }));
}

/** The window in words as it is typed ("Fri 22:00–02:00 (next day)"), or null while it is not a window yet. */
export function windowPreview(draft: WindowDraft): string | null {
  const [w] = windowsFromDrafts([draft]);
  return isValidWindow(w) ? `${formatWindow(w)}${crossesMidnight(w) ? ': runs past midnight' : ''}` : null;
}

/** What stops the windows from being confirmed (the checks the API makes), in the order of the form. */
export function windowProblems(drafts: readonly WindowDraft[]): DraftProblem[] {
  const out: DraftProblem[] = [];
  if (!drafts.length) out.push({ target: 'windows', message: 'Safe times: add at least one time window.' });
  windowsFromDrafts(drafts).forEach((w, i) => {
    if (!w.days.length) out.push({ target: `windows.${i}.days`, message: `Window ${i + 1}: tick at least one day.` });
    else if (!isValidWindow(w))
      out.push({
        target: `windows.${i}.from`,
        message: `Window ${i + 1}: give a start and an end (24-hour, HH:mm) that differ. An end earlier than the start runs past midnight.`,
      });
  });
  return out;
}

/**
 * Where the victim's safe times stand: `unconfirmed` (the plan's timeRule is unknown: every call, SMS and voicemail is
 * refused), `revised` (confirmed, but the police have since changed the words), or `confirmed`.
 */
export type SafeTimesStatus = 'unconfirmed' | 'revised' | 'confirmed';

export function safeTimesStatus(view: Pick<SafeContactView, 'plan' | 'revisedSafeTimes'>): SafeTimesStatus {
  if (view.plan.timeRule === 'unknown') return 'unconfirmed';
  return view.revisedSafeTimes ? 'revised' : 'confirmed';
}

/** The officer's latest words about times (the revised ones when the police changed them). */
export function officerWords(view: Pick<SafeContactView, 'plan' | 'revisedSafeTimes'>): string | null {
  return view.revisedSafeTimes ? view.revisedSafeTimes.text : view.plan.safeTimesText;
}

/** The suggestion "Use these times" would confirm (the one for the latest words), or null when there is none to use. */
export function usableSuggestion(view: Pick<SafeContactView, 'plan' | 'revisedSafeTimes' | 'suggestion'>): SafeTimesSuggestion | null {
  const s = view.revisedSafeTimes ? view.revisedSafeTimes.suggestion : view.suggestion;
  return s && s.windows.length ? s : null;
}

/** The suggestion in words ("Mon–Fri 10:00–12:00"), or null. */
export function suggestionWords(view: Pick<SafeContactView, 'plan' | 'revisedSafeTimes' | 'suggestion'>): string | null {
  const s = usableSuggestion(view);
  return s ? formatWindows(s.windows) : null;
}

/** The confirmed times in words ("Any time", "Fri 22:00–02:00 (next day)"). */
export function confirmedWords(view: Pick<SafeContactView, 'plan'>): string {
  return describeSafeTimes(view.plan);
}

/** What the editor starts from: the confirmed windows, else the suggestion, else one empty window to fill in. */
export function startingWindows(view: Pick<SafeContactView, 'plan' | 'revisedSafeTimes' | 'suggestion'>): WindowDraft[] {
  if (view.plan.timeRule === 'windows' && view.plan.windows.length) {
    return view.revisedSafeTimes && usableSuggestion(view)
      ? windowDrafts(usableSuggestion(view)?.windows ?? [])
      : windowDrafts(view.plan.windows);
  }
  const s = usableSuggestion(view);
  return s ? windowDrafts(s.windows) : [{ days: daysRecord([]), from: '', to: '' }];
}
