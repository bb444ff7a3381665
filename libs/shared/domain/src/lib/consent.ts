import type { ConsentValue, PoliceReport } from './report';

/** A user as a consent record names them (CaseUserRef's shape; case.ts imports this module). */
export interface ConsentRecorder {
  id: string;
  displayName: string;
}

/**
 * Consent as the hub hears it. The police report says what the victim told the officer at the scene
 * (`consent.supportReferral`, `consent.informationSharing`: given | refused | not-asked); the hub records what the
 * victim says later (on the phone, in person, in writing, or what an officer passes on), and the latest hub record
 * of a question wins over the police value, also over a later police revision.
 */

/** The two questions: may support services contact the victim, and may their details be shared with partners. */
export const CONSENT_QUESTIONS = ['contact', 'sharing'] as const;
export type ConsentQuestion = (typeof CONSENT_QUESTIONS)[number];

/** What the hub records. `withdrawn`: consent given earlier (to the officer or the hub) was taken back. */
export const HUB_CONSENT_VALUES = ['given', 'refused', 'withdrawn'] as const;
export type HubConsentValue = (typeof HUB_CONSENT_VALUES)[number];

/** How the hub heard it. `officer-at-scene`: an officer passed on what the victim said at the scene. */
export const CONSENT_METHODS = ['phone', 'in-person', 'written', 'officer-at-scene'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/**
 * How a stored record was heard: a method the hub records (CONSENT_METHODS), or `police-report`: a refusal the victim
 * gave an officer on another of her cases, recorded on this one by intake (no member of staff recorded it; `by` is
 * null). The hub cannot record that method itself (RecordConsentRequest takes CONSENT_METHODS only).
 */
export type ConsentRecordMethod = ConsentMethod | 'police-report';

/** The value in force: the police's (given | refused | not-asked) until the hub records one. */
export type EffectiveConsentValue = ConsentValue | 'withdrawn';

/** One question's value in force, and where it came from (who, when and how for a hub record). */
export interface ConsentState {
  value: EffectiveConsentValue;
  source: 'hub' | 'police';
  /** How the hub heard it; null for the police value. */
  method: ConsentRecordMethod | null;
  by: ConsentRecorder | null;
  /** When the hub recorded it (null for the police value: see the report's `consent.recordedAt`). */
  at: string | null;
}

/** The effective consent of a case (CaseDetail.consent). */
export interface CaseConsent {
  contact: ConsentState;
  sharing: ConsentState;
}

/**
 * One hub record: a question not asked this time is null. The note stays with the record, never in the audit trail.
 * `by` is null for a refusal recorded from a police report on another of the victim's cases (method `police-report`).
 */
export interface ConsentRecord {
  id: string;
  at: string;
  by: ConsentRecorder | null;
  contact: HubConsentValue | null;
  sharing: HubConsentValue | null;
  method: ConsentRecordMethod;
  note: string | null;
}

/** GET /api/v1/cases/:id/consent: the effective values and every hub record, newest first. */
export interface ConsentView extends CaseConsent {
  history: ConsentRecord[];
  /**
   * When a police revision last named another person as the victim, or null: the records in `history` before it were
   * the earlier person's, kept as history and not counted (effectiveConsent).
   */
  victimChangedAt: string | null;
  /**
   * POST /consent only: how many of the victim's other cases (that the recorder may see) a "no" was recorded on too
   * (a "no" reaches every case of hers; a "yes" stays on the case). Absent when none.
   */
  alsoRecordedOn?: number;
}

/** One police revision's consent block, and when the hub received that revision. */
export interface PoliceConsentRevision {
  consent: PoliceReport['consent'] | null | undefined;
  receivedAt: string;
}

/**
 * The value in force for each question: the newest hub record that answers it, else the newest police revision's
 * value, except that a revision saying "not-asked" leaves an earlier refusal in force (a correction that did not ask
 * again does not reopen contact; it does withdraw a "given", the safe side), and a revision's "given" not proven later
 * than an earlier revision's refusal (untimed, or `recordedAt` at or before the refusal's, else its revision's
 * `receivedAt`) leaves that refusal in force. One exception, on the safe side: a refusal the victim gave the officer *after* the hub's "given" is
 * her latest answer and stands until the hub records one after it, whatever later revisions repeat — consent is
 * withdrawn as easily as it was given (UK GDPR Art. 7(3)). "After" is the revision's `consent.recordedAt` when the
 * officer gave it; without it (the contract makes it optional), a revision the hub received after its record that
 * turned the police answer to a refusal (one that repeats an earlier refusal is that earlier answer, which the hub
 * has since heard otherwise). A police "given" never reopens what the hub heard refused or withdrawn: the hub records
 * it itself once checked (method `officer-at-scene`). `police` is every revision, newest first; `history` the hub's
 * records, newest first (by the case version each record was written at). Both are the current victim's only: after a
 * police revision that named another person, its earlier revisions and the hub's records before it are left out by
 * the caller (loadPoliceConsents, loadConsentHistory's `sinceVictimChange`: docs/consent.md).
 */
export function effectiveConsent(police: readonly PoliceConsentRevision[], history: readonly ConsentRecord[]): CaseConsent {
  type Field = 'supportReferral' | 'informationSharing';
  /** The newest revision's answer that is not "not-asked". */
  const lastAnswer = (revisions: readonly PoliceConsentRevision[], field: Field): ConsentValue | undefined =>
    revisions.map((r) => r.consent?.[field]).find((v) => v !== undefined && v !== 'not-asked');
  /** The police value in force: the newest revision's, except that "not-asked" leaves a refusal standing (never a "given"). */
  const answer = (revisions: readonly PoliceConsentRevision[], field: Field): ConsentValue | undefined => {
    const newest = revisions[0]?.consent?.[field];
    // A revision's "given" reopens an earlier revision's refusal only when it is known to be her later word: the officer
    // timed it (`recordedAt`) after the refusal was said (its own `recordedAt`, else no later than the hub received it).
    // An untimed "given", or one timed at or before the refusal, may be a correction resending what she said at first,
    // or a form's default: her refusal stands until the hub asks her and records what she says (phone, in person,
    // written; a relayed officer's "yes" is refused over a "no"). Session 40: an untimed "given" reopened contact a timed
    // refusal had closed.
    if (newest === 'given') {
      const givenAt = revisions[0]?.consent?.recordedAt ? Date.parse(revisions[0].consent.recordedAt) : NaN;
      const refusedAt = (r: PoliceConsentRevision): number => Date.parse(r.consent?.recordedAt ?? r.receivedAt);
      if (revisions.slice(1).some((r) => r.consent?.[field] === 'refused' && !(givenAt > refusedAt(r)))) return 'refused';
    }
    if (newest !== undefined && newest !== 'not-asked') return newest;
    return lastAnswer(revisions, field) === 'refused' ? 'refused' : newest;
  };
  const policeState = (value: ConsentValue | undefined): ConsentState => ({
    value: value ?? 'not-asked',
    source: 'police',
    method: null,
    by: null,
    at: null,
  });
  const refusedSince = (field: Field, hubAt: number): boolean =>
    police.some((r, i) => {
      if (r.consent?.[field] !== 'refused') return false;
      if (r.consent.recordedAt) return Date.parse(r.consent.recordedAt) > hubAt;
      return Date.parse(r.receivedAt) > hubAt && lastAnswer(police.slice(i + 1), field) !== 'refused';
    });
  const state = (question: ConsentQuestion, field: Field): ConsentState => {
    const hub = history.find((r) => r[question] !== null);
    if (!hub) return policeState(answer(police, field));
    if (hub[question] === 'given' && refusedSince(field, Date.parse(hub.at))) return policeState('refused');
    return { value: hub[question] as HubConsentValue, source: 'hub', method: hub.method, by: hub.by, at: hub.at };
  };
  return { contact: state('contact', 'supportReferral'), sharing: state('sharing', 'informationSharing') };
}

/** Refused or withdrawn: the victim said no (contact is blocked; details are not shared on consent). */
export function consentSaysNo(value: EffectiveConsentValue | null | undefined): value is 'refused' | 'withdrawn' {
  return value === 'refused' || value === 'withdrawn';
}
