import {
  CONTACT_CHANNELS,
  isValidWindow,
  normalisePhone,
  WEEKDAYS,
  type ContactChannel,
  type SafeContactPlan,
  type SafeContactUpdateRequest,
  type SafeNumber,
  type Weekday,
} from '@lantern/shared/domain';

/** The plan as the editor holds it: every day and channel as a checkbox, times as "HH:mm" text. */
export interface PlanDraft {
  /** `shared`: the victim's number that the suspect may answer (calls only, "Is it safe to talk now?" first). */
  numbers: Array<{ number: string; owner: SafeNumber['owner']; safe: boolean; shared: boolean; label: string }>;
  emails: string[];
  /** null: the officer's times were not read (unknown): the caseworker must choose. */
  timeRule: 'any' | 'windows' | null;
  windows: Array<{ days: Record<Weekday, boolean>; from: string; to: string }>;
  channels: Record<ContactChannel, boolean>;
  codeWord: string;
  notes: string;
}

export function daysRecord(days: readonly Weekday[] = []): Record<Weekday, boolean> {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, days.includes(d)])) as Record<Weekday, boolean>;
}

export function draftFromPlan(plan: SafeContactPlan): PlanDraft {
  return {
    numbers: plan.numbers.map((n) => ({ number: n.number, owner: n.owner, safe: n.safe, shared: !!n.shared, label: n.label ?? '' })),
    emails: [...plan.emails],
    timeRule: plan.timeRule === 'unknown' ? null : plan.timeRule,
    windows: plan.windows.map((w) => ({ days: daysRecord(w.days), from: w.from, to: w.to })),
    channels: Object.fromEntries(CONTACT_CHANNELS.map((c) => [c, plan.channels.includes(c)])) as Record<ContactChannel, boolean>,
    codeWord: plan.codeWord ?? '',
    notes: plan.notes ?? '',
  };
}

/** The PUT body's plan. The officer's free text is kept as it was (it is the police's words, not ours). */
export function planFromDraft(draft: PlanDraft, original: SafeContactPlan): SafeContactUpdateRequest['plan'] {
  const timeRule = draft.timeRule ?? 'windows';
  return {
    numbers: draft.numbers
      .filter((n) => n.number.trim())
      .map((n) => ({
        number: n.number.trim(),
        owner: n.owner,
        safe: n.owner === 'suspect' ? false : n.safe,
        ...(n.owner === 'victim' && n.shared ? { shared: true } : {}),
        ...(n.label.trim() ? { label: n.label.trim() } : {}),
      })),
    emails: draft.emails.map((e) => e.trim()).filter(Boolean),
    windows: timeRule === 'windows' ? draft.windows.map((w) => ({ days: WEEKDAYS.filter((d) => w.days[d]), from: w.from, to: w.to })) : [],
    channels: CONTACT_CHANNELS.filter((c) => draft.channels[c]),
    codeWord: draft.codeWord.trim() || null,
    safeTimesText: original.safeTimesText,
    timeRule,
    notes: draft.notes.trim() || null,
  };
}

export interface DraftProblem {
  /** Where to take the user: "numbers.0.number", "windows.1", "timeRule", "emails.0". */
  target: string;
  message: string;
}

const NUMBER = /^[0-9+ ()-]{6,30}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/**
 * What stops the plan from being saved (the same checks the API makes), in the order of the form. `suspectNumbers`
 * are the numbers known to be a suspect's elsewhere (police reports, other plans of this victim), normalised.
 */
export function draftProblems(draft: PlanDraft, suspectNumbers: readonly string[] = []): DraftProblem[] {
  const out: DraftProblem[] = [];
  const suspects = new Set([
    ...suspectNumbers,
    ...draft.numbers.filter((n) => n.owner === 'suspect' && n.number.trim()).map((n) => normalisePhone(n.number)),
  ]);
  draft.numbers.forEach((n, i) => {
    if (!n.number.trim()) out.push({ target: `numbers.${i}.number`, message: `Number ${i + 1}: enter the number, or remove the row.` });
    else if (!NUMBER.test(n.number.trim()))
      out.push({ target: `numbers.${i}.number`, message: `Number ${i + 1}: use digits, spaces, +, ( ) and - only.` });
    if (n.owner === 'suspect' && n.safe)
      out.push({ target: `numbers.${i}.safe`, message: `Number ${i + 1}: a suspect’s number is never safe.` });
    else if (n.owner !== 'suspect' && (n.safe || (n.owner === 'victim' && n.shared)) && suspects.has(normalisePhone(n.number)))
      out.push({
        target: `numbers.${i}.${n.safe ? 'safe' : 'shared'}`,
        message: `Number ${i + 1}: it is known to be the suspect’s, so it is never safe or shared.`,
      });
  });
  draft.emails.forEach((e, i) => {
    if (!EMAIL.test(e.trim())) out.push({ target: `emails.${i}`, message: `Email ${i + 1}: enter an email address, or remove the row.` });
  });
  if (draft.timeRule === null) {
    out.push({ target: 'timeRule', message: 'Safe times: choose “Any time” or “Only at these times”, from the officer’s note.' });
  }
  if (draft.timeRule === 'windows') {
    if (!draft.windows.length) out.push({ target: 'windows', message: 'Safe times: add at least one time window.' });
    draft.windows.forEach((w, i) => {
      const days = WEEKDAYS.filter((d) => w.days[d]);
      if (!days.length) out.push({ target: `windows.${i}.days`, message: `Window ${i + 1}: tick at least one day.` });
      else if (!isValidWindow({ days, from: w.from, to: w.to }))
        out.push({ target: `windows.${i}.from`, message: `Window ${i + 1}: give a start and an end time (24-hour), the start first.` });
    });
  }
  return out;
}
