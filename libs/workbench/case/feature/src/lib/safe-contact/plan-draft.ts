import {
  CONTACT_CHANNELS,
  normalisePhone,
  phonesIn,
  isSuspectNumber,
  phoneKeysIn,
  sameNumbers,
  type ContactChannel,
  type RevisedSafeContact,
  type SafeContactPlan,
  type SafeContactUpdateRequest,
  type SafeNumber,
} from '@lantern/shared/domain';
import type { DraftProblem } from './safe-times-draft';

export type { DraftProblem } from './safe-times-draft';

/**
 * The plan as the editor holds it: every channel as a checkbox. The safe times are not here: they are confirmed in
 * one action of their own (the Safe times panel, POST …/safe-contact/times), never as a side effect of this form.
 */
export interface PlanDraft {
  /** `shared`: the victim's number that the suspect may answer (calls only, "Is it safe to talk now?" first). */
  numbers: Array<{ number: string; owner: SafeNumber['owner']; safe: boolean; shared: boolean; label: string }>;
  emails: string[];
  channels: Record<ContactChannel, boolean>;
  codeWord: string;
  notes: string;
}

export function draftFromPlan(plan: SafeContactPlan): PlanDraft {
  return {
    numbers: plan.numbers.map((n) => ({ number: n.number, owner: n.owner, safe: n.safe, shared: !!n.shared, label: n.label ?? '' })),
    emails: [...plan.emails],
    channels: Object.fromEntries(CONTACT_CHANNELS.map((c) => [c, plan.channels.includes(c)])) as Record<ContactChannel, boolean>,
    codeWord: plan.codeWord ?? '',
    notes: plan.notes ?? '',
  };
}

/**
 * The PUT body's plan. No time rule: the plan keeps the times it has (confirmed or not), sent back as they are now
 * (`current`, the plan on screen when saving); the officer's words are the police's and not sent at all.
 */
export function planFromDraft(draft: PlanDraft, current: SafeContactPlan): SafeContactUpdateRequest['plan'] {
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
    windows: current.windows.map((w) => ({ days: [...w.days], from: w.from, to: w.to })),
    channels: CONTACT_CHANNELS.filter((c) => draft.channels[c]),
    codeWord: draft.codeWord.trim() || null,
    notes: draft.notes.trim() || null,
  };
}

const NUMBER = /^[0-9+ ()-]{6,30}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/**
 * What stops the plan from being saved (the same checks the API makes), in the order of the form. `suspectNumbers`
 * are the numbers known to be a suspect's elsewhere (police reports, other plans of this victim), normalised.
 */
export function draftProblems(draft: PlanDraft, suspectNumbers: readonly string[] = []): DraftProblem[] {
  const out: DraftProblem[] = [];
  const suspects = [
    ...suspectNumbers,
    ...draft.numbers.filter((n) => n.owner === 'suspect' && n.number.trim()).flatMap((n) => phoneKeysIn(n.number)),
  ];
  draft.numbers.forEach((n, i) => {
    if (!n.number.trim()) out.push({ target: `numbers.${i}.number`, message: `Number ${i + 1}: enter the number, or remove the row.` });
    else if (!NUMBER.test(n.number.trim()))
      out.push({ target: `numbers.${i}.number`, message: `Number ${i + 1}: use digits, spaces, +, ( ) and - only.` });
    if (n.owner === 'suspect' && n.safe)
      out.push({ target: `numbers.${i}.safe`, message: `Number ${i + 1}: a suspect’s number is never safe.` });
    else if (n.owner !== 'suspect' && (n.safe || (n.owner === 'victim' && n.shared)) && isSuspectNumber(n.number, suspects))
      out.push({
        target: `numbers.${i}.${n.safe ? 'safe' : 'shared'}`,
        message: `Number ${i + 1}: it is known to be the suspect’s, so it is never safe or shared.`,
      });
  });
  draft.emails.forEach((e, i) => {
    if (!EMAIL.test(e.trim())) out.push({ target: `emails.${i}`, message: `Email ${i + 1}: enter an email address, or remove the row.` });
  });
  return out;
}

/**
 * A police revision of the safe-contact details in words: one line per change ("Safe phone: 07700 900621 → 07700
 * 900622", "Texts: safe → not safe"), and one per hold until the plan is saved ("Calls, texts and voicemail to
 * 07700 900621 are blocked", "Texts are blocked"); no hold line when it only allows more.
 */
export function describeRevisedContact(r: RevisedSafeContact): { changes: string[]; held: string[] } {
  const safe = (yes: boolean) => (yes ? 'safe' : 'not safe');
  const changes = [
    ...(!sameNumbers(r.was.phone, r.now.phone) ? [`Safe phone: ${r.was.phone ?? 'none given'} → ${r.now.phone ?? 'none given'}`] : []),
    ...(r.was.smsSafe !== r.now.smsSafe ? [`Texts: ${safe(r.was.smsSafe)} → ${safe(r.now.smsSafe)}`] : []),
    ...(r.was.voicemailSafe !== r.now.voicemailSafe ? [`Voicemail: ${safe(r.was.voicemailSafe)} → ${safe(r.now.voicemailSafe)}`] : []),
  ];
  const withdrawn = phonesIn(r.was.phone ?? '').filter((p) => r.withdrawnNumbers.includes(normalisePhone(p)));
  const names = r.heldChannels.map((c) => HELD_CHANNEL_WORDS[c] ?? c);
  const list = (words: string[]) => words.join(', ').replace(/, ([^,]*)$/, ' and $1');
  const held = [
    ...(withdrawn.length ? [`Calls, texts and voicemail to ${list(withdrawn)} are blocked`] : []),
    ...(names.length
      ? [`${list(names)[0].toUpperCase()}${list(names).slice(1)} ${names.length === 1 && names[0] === 'voicemail' ? 'is' : 'are'} blocked`]
      : []),
  ];
  return { changes, held };
}

const HELD_CHANNEL_WORDS: Partial<Record<ContactChannel, string>> = { call: 'calls', sms: 'texts', voicemail: 'voicemail' };
