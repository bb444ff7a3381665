import {
  CONTROL_CHAR_CLASS,
  DASH_QUESTIONS,
  officerAppAgeLine,
  parsePostcode,
  type ConsentValue,
  type CurrentUser,
  type DashAnswers,
  type Gender,
  isSuspectNumber,
  phoneKeysIn,
  type PoliceReport,
  type Relationship,
  type RiskGrade,
  type RiskTool,
} from '@lantern/shared/domain';

/**
 * The officer app's referral form, as it is kept on the device (encrypted, sealed-store.ts in data-access-hub) while the officer fills
 * it in, and the pure rules that check it and turn it into a police report in the contract's shape
 * (police-da-report.v1.schema.json). Form values are strings ('' = not answered) so a half-filled step round-trips
 * through storage exactly as it was on screen.
 */

/** A yes/no question the officer may leave unanswered: '' sends nothing. */
export type YesNo = '' | 'yes' | 'no';
/** Whether children live with the victim: the officer may not know (the hub then asks). */
export type ChildrenAtHome = '' | 'yes' | 'no' | 'not-known';
/** A yes / no / not known question: '' is unanswered, `not-known` sends nothing (the hub asks). */
export type YesNoNotKnown = '' | 'yes' | 'no' | 'not-known';
/** The officer app offers the police DASH's three answers; the contract's `declined` is not offered at the scene. */
export type OfficerDashAnswer = '' | 'yes' | 'no' | 'not-known';

export interface OfficerDraftValues {
  victim: {
    firstName: string;
    lastName: string;
    /** The officer gives a date of birth, or an age when the victim does not give one. */
    dobOrAge: 'dob' | 'age';
    dateOfBirth: string;
    ageYears: string;
    /** Optional: some services are offered by it (Mankind for male victims, a women's refuge). */
    gender: '' | Gender;
    phone: string;
    addressLine1: string;
    town: string;
    postcode: string;
  };
  safeContact: {
    phone: string;
    safeTimes: string;
    voicemailSafe: YesNo;
    smsSafe: YesNo;
    notes: string;
  };
  /**
   * The suspect as the officer knows them at the scene. The relationship and whether they live with the victim are
   * asked every time (legal advice for a non-molestation order rests on an "associated person", FLA 1996 s.62(3),
   * and safe contact on who is in the home); the rest is optional. The suspect's phone is never contacted: the hub
   * uses it to refuse any call or text to that number, and to keep it from partners.
   */
  suspect: {
    relationship: '' | Relationship;
    livesWithVictim: YesNoNotKnown;
    firstName: string;
    lastName: string;
    dateOfBirth: string;
    phone: string;
    arrested: YesNo;
    /** The suspect's person (nominal) id in the force's records, when the officer has it: links their other cases. */
    personId: string;
  };
  incident: {
    /**
     * When it happened, as a calendar date ("2026-12-02", from the en-GB date picker: dd/mm/yyyy whatever the phone's
     * language) and a time on the 24-hour clock ("21:30"), in the device's time zone. Two fields, not the browser's
     * datetime-local, whose format follows the browser's language (mm/dd/yyyy and am/pm in an en-US browser).
     */
    occurredDate: string;
    occurredTime: string;
    area: string;
    postcode: string;
    summary: string;
    childrenPresent: '' | 'yes' | 'no';
    /** Ages of the children present, e.g. "3, 7". */
    childrenAges: string;
    /**
     * Whether any children or young people (under 18) live with the victim, present or not: the hub's
     * children-in-household priority and child-safeguarding prompts rest on it (children.ts in shared/domain).
     */
    childrenLiveWithVictim: ChildrenAtHome;
    /** Ages of the children who live with the victim, e.g. "4, 9". */
    householdChildrenAges: string;
  };
  risk: {
    tool: '' | RiskTool;
    riskLevel: '' | RiskGrade;
    dash: Record<string, OfficerDashAnswer>;
    rationale: string;
  };
  consent: {
    supportReferral: '' | Extract<ConsentValue, 'given' | 'refused'>;
    informationSharing: '' | Extract<ConsentValue, 'given' | 'refused'>;
    /** When the last consent answer was recorded (RFC 3339), set by the form. */
    recordedAt: string;
  };
}

/** One referral in progress on this device. */
export interface OfficerDraft {
  /** Generated on the device when the draft starts (reference.ts): a retried submission is the same report. */
  reference: string;
  startedAt: string;
  /** Fixed the first time the officer presses Submit, so every retry sends the very same body. */
  sentAt: string | null;
  /** The stepper step the officer was on. */
  step: number;
  /**
   * When the draft was last kept on this phone (RFC 3339; set by OfficerDevice.saveDraft). A draft untouched for
   * DRAFT_EXPIRES_AFTER_MS is deleted when the app starts (OfficerDevice.expireDrafts); absent on older drafts,
   * which count from `startedAt`.
   */
  savedAt?: string;
  values: OfficerDraftValues;
}

export function emptyDraftValues(): OfficerDraftValues {
  return {
    victim: {
      firstName: '',
      lastName: '',
      dobOrAge: 'dob',
      dateOfBirth: '',
      ageYears: '',
      gender: '',
      phone: '',
      addressLine1: '',
      town: '',
      postcode: '',
    },
    safeContact: { phone: '', safeTimes: '', voicemailSafe: '', smsSafe: '', notes: '' },
    suspect: { relationship: '', livesWithVictim: '', firstName: '', lastName: '', dateOfBirth: '', phone: '', arrested: '', personId: '' },
    incident: {
      occurredDate: '',
      occurredTime: '',
      area: '',
      postcode: '',
      summary: '',
      childrenPresent: '',
      childrenAges: '',
      childrenLiveWithVictim: '',
      householdChildrenAges: '',
    },
    risk: { tool: '', riskLevel: '', dash: Object.fromEntries(DASH_QUESTIONS.map((q) => [q.key, ''])), rationale: '' },
    consent: { supportReferral: '', informationSharing: '', recordedAt: '' },
  };
}

export function newDraft(reference: string, now: Date): OfficerDraft {
  return { reference, startedAt: now.toISOString(), sentAt: null, step: 0, values: emptyDraftValues() };
}

/** The stepper's steps, in order; each error path belongs to one of them. */
export const OFFICER_STEPS = ['victim', 'safeContact', 'suspect', 'incident', 'risk', 'consent', 'review'] as const;
export type OfficerStep = (typeof OFFICER_STEPS)[number];

/** A problem with one field: `path` is the contract's JSON Pointer (as the API's 400 names it) or a form-only path. */
export interface DraftError {
  path: string;
  message: string;
}

/** Contract pointer → the form control it is shown against (`step.control`). Server 400 paths use the same pointers. */
const FIELD_OF_PATH: Array<[RegExp, string]> = [
  [/^\/victim\/firstName/, 'victim.firstName'],
  [/^\/victim\/lastName/, 'victim.lastName'],
  [/^\/victim\/dateOfBirth/, 'victim.dateOfBirth'],
  [/^\/victim\/ageYears/, 'victim.ageYears'],
  [/^\/victim\/gender/, 'victim.gender'],
  [/^\/victim\/phone/, 'victim.phone'],
  [/^\/victim\/address\/line1/, 'victim.addressLine1'],
  [/^\/victim\/address\/town/, 'victim.town'],
  [/^\/victim\/address\/postcode/, 'victim.postcode'],
  [/^\/victim\/safeContact\/phone/, 'safeContact.phone'],
  [/^\/victim\/safeContact\/safeTimes/, 'safeContact.safeTimes'],
  [/^\/victim\/safeContact\/voicemailSafe/, 'safeContact.voicemailSafe'],
  [/^\/victim\/safeContact\/smsSafe/, 'safeContact.smsSafe'],
  [/^\/victim\/safeContact/, 'safeContact.notes'],
  [/^\/suspect\/relationshipToVictim/, 'suspect.relationship'],
  [/^\/suspect\/livesWithVictim/, 'suspect.livesWithVictim'],
  [/^\/suspect\/firstName/, 'suspect.firstName'],
  [/^\/suspect\/lastName/, 'suspect.lastName'],
  [/^\/suspect\/dateOfBirth/, 'suspect.dateOfBirth'],
  [/^\/suspect\/phone/, 'suspect.phone'],
  [/^\/suspect\/arrested/, 'suspect.arrested'],
  [/^\/suspect\/personId/, 'suspect.personId'],
  [/^\/suspect/, 'suspect.relationship'],
  [/^\/incident\/occurredAt/, 'incident.occurredDate'],
  [/^\/incident\/reportedAt/, 'incident.occurredDate'],
  // A form-only path: the time half of occurredAt.
  [/^\/incident\/occurredTime/, 'incident.occurredTime'],
  [/^\/incident\/area/, 'incident.area'],
  [/^\/incident\/postcode/, 'incident.postcode'],
  [/^\/incident\/summary/, 'incident.summary'],
  // A form-only path: the household question (the contract's children[].livesWithVictim).
  [/^\/children\/household/, 'incident.householdChildrenAges'],
  [/^\/children/, 'incident.childrenAges'],
  [/^\/officerRiskAssessment\/tool/, 'risk.tool'],
  [/^\/officerRiskAssessment\/riskLevel/, 'risk.riskLevel'],
  [/^\/officerRiskAssessment\/dash\/(q\d+)/, 'risk.dash.$1'],
  [/^\/officerRiskAssessment\/dash/, 'risk.tool'],
  [/^\/officerRiskAssessment\/rationale/, 'risk.rationale'],
  [/^\/officerRiskAssessment/, 'risk.tool'],
  [/^\/consent\/supportReferral/, 'consent.supportReferral'],
  [/^\/consent\/informationSharing/, 'consent.informationSharing'],
  [/^\/consent/, 'consent.supportReferral'],
  [/^\/victim/, 'victim.firstName'],
  [/^\/incident/, 'incident.summary'],
];

/** The form control a contract path is shown against (`victim.firstName`, `risk.dash.q4`), or null (shown on the review step). */
export function fieldOfPath(path: string): string | null {
  for (const [re, field] of FIELD_OF_PATH) {
    const m = re.exec(path);
    if (m) return field.replace('$1', m[1] ?? '');
  }
  return null;
}

/** The stepper step a form field (or an unplaced error) belongs to. */
export function stepOfField(field: string | null): number {
  const step = field?.split('.')[0] as OfficerStep | undefined;
  const i = step ? OFFICER_STEPS.indexOf(step) : -1;
  return i < 0 ? OFFICER_STEPS.length - 1 : i;
}

// Formats mirroring the contract and intake rules (contracts/README.md): lengths, dates, no control characters.
const CONTROL = new RegExp(`[${CONTROL_CHAR_CLASS}]`);
/** Digits with spaces, brackets, dashes and a leading +: 10 to 15 digits (UK numbers are 10 or 11). */
const PHONE = /^\+?[0-9 ()-]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function phoneProblem(value: string): string | null {
  const digits = value.replace(/\D/g, '').length;
  if (value.length > 30 || !PHONE.test(value) || digits < 10 || digits > 15) return 'Enter a phone number, like 07700 900123.';
  return null;
}

/** What is wrong with a date of birth the officer typed (a real date, in the past, within 120 years), or null. */
function dateOfBirthProblem(dob: string, now: Date): string | null {
  const oldest = new Date(now);
  oldest.setUTCFullYear(oldest.getUTCFullYear() - 120);
  if (!isRealDate(dob)) return 'Enter the date of birth as a date.';
  if (dob >= now.toISOString().slice(0, 10)) return 'The date of birth must be in the past.';
  if (dob < oldest.toISOString().slice(0, 10)) return 'The date of birth must be within the last 120 years.';
  return null;
}

/** Ages of the children present ("3, 7" or "3 7") → whole years; null when any is not a child's age (0–17). */
export function parseChildrenAges(raw: string): number[] | null {
  const parts = raw.split(/[\s,;]+/).filter(Boolean);
  if (!parts.length || parts.length > 20) return null;
  const ages = parts.map((p) => (/^\d{1,2}$/.test(p) ? Number(p) : NaN));
  return ages.every((a) => Number.isInteger(a) && a >= 0 && a <= 17) ? ages : null;
}

/** The contract's most children in one report (children.maxItems). */
export const MAX_CHILDREN = 20;

export type ReportChild = NonNullable<PoliceReport['children']>[number];

/**
 * The report's children from the two questions of the "What happened" step, as the hub reads them (children.ts:
 * a child lives with the victim unless `livesWithVictim` is false, the safer assumption):
 * - live with the victim "yes": each of those ages is a child with `livesWithVictim: true`; a child present of the
 *   same age is taken to be the same child (`presentAtIncident: true`), the rest `presentAtIncident: false`. A child
 *   present whose age is not among them lives elsewhere (`livesWithVictim: false`);
 * - "no": the children present, each `livesWithVictim: false`;
 * - "not known" (or unanswered in an older draft): the children present, `livesWithVictim` left out, which the hub
 *   counts as in the household until it finds out.
 * Matching by age can merge two children of the same age (one visiting, one at home): the household flag is right
 * either way, and the hub confirms names and ages with the officer before any children's-services referral.
 */
export function childrenOf(incident: OfficerDraftValues['incident']): ReportChild[] {
  const present = incident.childrenPresent === 'yes' ? (parseChildrenAges(incident.childrenAges) ?? []) : [];
  const atHome = incident.childrenLiveWithVictim ?? '';
  if (atHome === 'yes') {
    const household = parseChildrenAges(incident.householdChildrenAges ?? '') ?? [];
    const unmatched = [...present];
    const children: ReportChild[] = household.map((ageYears) => {
      const i = unmatched.indexOf(ageYears);
      if (i >= 0) unmatched.splice(i, 1);
      return { ageYears, presentAtIncident: i >= 0, livesWithVictim: true };
    });
    return [...children, ...unmatched.map((ageYears) => ({ ageYears, presentAtIncident: true, livesWithVictim: false }))];
  }
  if (atHome === 'no') return present.map((ageYears) => ({ ageYears, presentAtIncident: true, livesWithVictim: false }));
  return present.map((ageYears) => ({ ageYears, presentAtIncident: true }));
}

/**
 * A time as officers type it on the 24-hour clock ("21:30", "9:05", "21.30", "2130") → "HH:MM"; null when it is not
 * one (am/pm is not read: the form asks for the 24-hour clock and says so).
 */
export function clockTime(value: string): string | null {
  const m = /^([01]?\d|2[0-3])[:.]?([0-5]\d)$/.exec(value.trim());
  return m ? `${m[1].padStart(2, '0')}:${m[2]}` : null;
}

/** The draft's date and time (device time) → RFC 3339 in UTC; null until both are filled in and real. */
export function occurredAtOf(v: Pick<OfficerDraftValues, 'incident'>): string | null {
  const time = clockTime(v.incident.occurredTime ?? '');
  const date = v.incident.occurredDate ?? '';
  return time && isRealDate(date) ? localDateTimeToIso(`${date}T${time}`) : null;
}

/** A `datetime-local` value (device time) → RFC 3339 in UTC; null when it is not one. */
export function localDateTimeToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Everything wrong with one step of the draft, checked as the API checks it (schema and intake rules), with
 * messages for the officer. Paths are the contract's pointers where the field is the contract's, so an error from
 * here and one from the server's 400 land on the same control.
 */
export function stepErrors(step: OfficerStep, v: OfficerDraftValues, now: Date): DraftError[] {
  const errors: DraftError[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });
  const text = (path: string, value: string, label: string, max: number, required = false) => {
    const t = value.trim();
    if (required && !t) add(path, `Enter the ${label}.`);
    else if (value.length > max) add(path, `The ${label} must be at most ${max} characters.`);
    else if (CONTROL.test(value)) add(path, `The ${label} contains characters that cannot be sent.`);
  };
  switch (step) {
    case 'victim': {
      text('/victim/firstName', v.victim.firstName, "victim's first name", 80, true);
      text('/victim/lastName', v.victim.lastName, "victim's last name", 80, true);
      if (v.victim.dobOrAge === 'dob' && v.victim.dateOfBirth) {
        const p = dateOfBirthProblem(v.victim.dateOfBirth, now);
        if (p) add('/victim/dateOfBirth', p);
      }
      if (v.victim.dobOrAge === 'age' && v.victim.ageYears) {
        const age = Number(v.victim.ageYears);
        // Any age: a victim under 16 or 18 is the hub's to route (children's services first), and a floor of 16 made
        // officers leave a 15-year-old's age out, or type 16 (a referral review, session 41).
        if (!/^\d{1,3}$/.test(v.victim.ageYears) || age > 120) add('/victim/ageYears', 'Enter an age in years, from 0 to 120.');
      }
      if (v.victim.phone) {
        const p = phoneProblem(v.victim.phone);
        if (p) add('/victim/phone', p);
      }
      text('/victim/address/line1', v.victim.addressLine1, 'address', 200);
      text('/victim/address/town', v.victim.town, 'town', 100);
      if (v.victim.postcode && !parsePostcode(v.victim.postcode)) add('/victim/address/postcode', 'Enter a UK postcode, like SG1 1AA.');
      break;
    }
    case 'safeContact': {
      if (!v.safeContact.phone.trim()) add('/victim/safeContact/phone', 'Enter a number the hub can safely call.');
      else {
        const p = phoneProblem(v.safeContact.phone);
        if (p) add('/victim/safeContact/phone', p);
      }
      text('/victim/safeContact/safeTimes', v.safeContact.safeTimes, 'safe times', 200);
      text('/victim/safeContact/notes', v.safeContact.notes, 'notes', 1000);
      break;
    }
    case 'suspect': {
      const s = v.suspect;
      if (!s.relationship) add('/suspect/relationshipToVictim', 'Say how the suspect is related to the victim (or that it is not known).');
      if (!s.livesWithVictim) add('/suspect/livesWithVictim', 'Say whether the suspect lives with the victim (or that you do not know).');
      text('/suspect/firstName', s.firstName, "suspect's first name", 80);
      text('/suspect/lastName', s.lastName, "suspect's last name", 80);
      if (s.dateOfBirth) {
        const p = dateOfBirthProblem(s.dateOfBirth, now);
        if (p) add('/suspect/dateOfBirth', p);
      }
      if (s.phone.trim()) {
        const p = phoneProblem(s.phone.trim());
        if (p) add('/suspect/phone', p);
        // A phone the suspect uses is never the victim's safe number: the hub would be left with no number to call.
        else if (v.safeContact.phone.trim() && isSuspectNumber(v.safeContact.phone, phoneKeysIn(s.phone)))
          add(
            '/suspect/phone',
            "This is the number you gave as the victim's safe number. A phone the suspect uses is never safe: correct it, or give the victim another safe number.",
          );
      }
      text('/suspect/personId', s.personId, 'person ID', 40);
      break;
    }
    case 'incident': {
      const date = v.incident.occurredDate ?? '';
      const time = clockTime(v.incident.occurredTime ?? '');
      if (!date) add('/incident/occurredAt', 'Enter the date it happened.');
      else if (!isRealDate(date)) add('/incident/occurredAt', 'Enter the date as dd/mm/yyyy.');
      if (!(v.incident.occurredTime ?? '').trim()) add('/incident/occurredTime', 'Enter the time it happened, like 21:30.');
      else if (!time) add('/incident/occurredTime', 'Enter the time on the 24-hour clock, like 21:30.');
      const occurred = date && time ? occurredAtOf(v) : null;
      if (occurred && new Date(occurred).getTime() > now.getTime() + 60_000)
        add('/incident/occurredAt', 'When it happened cannot be in the future.');
      text('/incident/area', v.incident.area, 'area', 80, true);
      if (v.incident.area.trim() && v.incident.area.trim().length < 2) add('/incident/area', 'The area must be at least 2 characters.');
      if (v.incident.postcode && !parsePostcode(v.incident.postcode))
        add('/incident/postcode', 'Enter a UK postcode or part of one, like SG1.');
      text('/incident/summary', v.incident.summary, 'summary of what happened', 20000, true);
      if (!v.incident.childrenPresent) add('/children', 'Say whether children were present.');
      else if (v.incident.childrenPresent === 'yes' && !parseChildrenAges(v.incident.childrenAges))
        add('/children', "Enter each child's age in years (0 to 17), like 3, 7.");
      if (!v.incident.childrenLiveWithVictim)
        add('/children/household', 'Say whether any children or young people live with the victim (or that you do not know).');
      else if (v.incident.childrenLiveWithVictim === 'yes' && !parseChildrenAges(v.incident.householdChildrenAges ?? ''))
        add('/children/household', 'Enter the age of each child who lives with the victim in years (0 to 17), like 4, 9.');
      else if (childrenOf(v.incident).length > MAX_CHILDREN)
        add('/children', `At most ${MAX_CHILDREN} children can be sent: list the others in the summary.`);
      break;
    }
    case 'risk': {
      if (!v.risk.tool) add('/officerRiskAssessment/tool', 'Choose how you assessed the risk.');
      if (!v.risk.riskLevel) add('/officerRiskAssessment/riskLevel', 'Choose the risk grade.');
      if (v.risk.tool === 'dash')
        for (const q of DASH_QUESTIONS)
          if (!v.risk.dash[q.key]) add(`/officerRiskAssessment/dash/${q.key}`, `Answer question ${q.policeNumber}: yes, no or not known.`);
      if (v.risk.tool === 'judgement' && !v.risk.rationale.trim())
        add('/officerRiskAssessment/rationale', 'Say briefly why you graded the risk this way.');
      text('/officerRiskAssessment/rationale', v.risk.rationale, 'rationale', 5000);
      break;
    }
    case 'consent': {
      if (!v.consent.supportReferral) add('/consent/supportReferral', 'Record the answer: given or refused.');
      if (!v.consent.informationSharing) add('/consent/informationSharing', 'Record the answer: given or refused.');
      break;
    }
    case 'review':
      break;
  }
  return errors;
}

/** Everything wrong with the whole draft, in step order. */
export function draftErrors(values: OfficerDraftValues, now: Date): DraftError[] {
  return OFFICER_STEPS.flatMap((s) => stepErrors(s, values, now));
}

/** What the officer app sends: a police report whose `officer` block the server fills from the officer's profile. */
export type OfficerReport = Omit<PoliceReport, 'officer'>;

const bool = (v: YesNo): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);
const yesNoKnown = (v: YesNoNotKnown): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);
/** Drops undefined and empty-string fields (an absent field, as the contract wants), and empty objects. */
function compact<T extends object>(o: T): T | undefined {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
  return Object.keys(out).length ? out : undefined;
}

/** buildReport refused: the draft lacks an answer the report cannot be sent without. */
export class DraftIncompleteError extends Error {
  override readonly name = 'DraftIncompleteError';
}

const isConsentAnswer = (v: string): v is 'given' | 'refused' => v === 'given' || v === 'refused';

/**
 * The report for a checked draft. `sentAt` is the draft's own (fixed at the first Submit), and serves as
 * `reportedAt` too, so the same draft always gives the same body: a retry is a duplicate, never a conflict.
 * An age given instead of a date of birth has no field in the contract; it goes at the end of the summary in the
 * words the hub reads back (officerAppAgeLine, officerAppVictimAge: its under-18 and under-16 routes).
 * Throws DraftIncompleteError when either consent answer is missing: it never falls back to `not-asked`.
 */
export function buildReport(draft: OfficerDraft, me: Pick<CurrentUser, 'force'>, sentAt: string): OfficerReport {
  const v = draft.values;
  // Consent is never assumed: without both answers recorded there is no report (the hub would refuse it too).
  const { supportReferral, informationSharing } = v.consent;
  if (!isConsentAnswer(supportReferral) || !isConsentAnswer(informationSharing))
    throw new DraftIncompleteError('Both consent answers must be recorded (given or refused) before the referral can be sent.');
  const trim = (s: string) => s.trim();
  const postcode = (s: string) => parsePostcode(s)?.normalised ?? trim(s);
  const ageLine = v.victim.dobOrAge === 'age' && v.victim.ageYears ? officerAppAgeLine(Number(v.victim.ageYears)) : '';
  const children = childrenOf(v.incident);
  const dash: DashAnswers = {};
  if (v.risk.tool === 'dash')
    for (const q of DASH_QUESTIONS) if (v.risk.dash[q.key]) dash[q.key] = v.risk.dash[q.key] as Exclude<OfficerDashAnswer, ''>;
  const report: OfficerReport = {
    schemaVersion: '1',
    source: { force: me.force ?? '', system: 'officer-app', sentAt },
    reference: draft.reference,
    revision: 1,
    incident: {
      occurredAt: occurredAtOf(v) ?? '',
      reportedAt: sentAt,
      area: trim(v.incident.area),
      ...(v.incident.postcode.trim() ? { postcode: postcode(v.incident.postcode) } : {}),
      summary: trim(v.incident.summary) + ageLine,
    },
    victim: {
      firstName: trim(v.victim.firstName),
      lastName: trim(v.victim.lastName),
      ...(v.victim.dobOrAge === 'dob' && v.victim.dateOfBirth ? { dateOfBirth: v.victim.dateOfBirth } : {}),
      ...(v.victim.gender ? { gender: v.victim.gender } : {}),
      ...(v.victim.phone.trim() ? { phone: trim(v.victim.phone) } : {}),
    },
    consent: {
      supportReferral,
      informationSharing,
      ...(v.consent.recordedAt ? { recordedAt: v.consent.recordedAt } : {}),
    },
  };
  const address = compact({
    line1: trim(v.victim.addressLine1),
    town: trim(v.victim.town),
    postcode: v.victim.postcode.trim() ? postcode(v.victim.postcode) : '',
  });
  if (address) report.victim.address = address;
  const safeContact = compact({
    phone: trim(v.safeContact.phone),
    safeTimes: trim(v.safeContact.safeTimes),
    voicemailSafe: bool(v.safeContact.voicemailSafe),
    smsSafe: bool(v.safeContact.smsSafe),
    notes: trim(v.safeContact.notes),
  });
  if (safeContact) report.victim.safeContact = safeContact;
  const s = v.suspect;
  const suspect = compact({
    personId: trim(s.personId),
    firstName: trim(s.firstName),
    lastName: trim(s.lastName),
    dateOfBirth: s.dateOfBirth,
    phone: trim(s.phone),
    relationshipToVictim: s.relationship || undefined,
    livesWithVictim: yesNoKnown(s.livesWithVictim),
    arrested: bool(s.arrested),
  });
  if (suspect) report.suspect = suspect;
  // An empty list says "no children" (none lives with the victim, none was there); with "not known" and none present
  // there is no list, so the hub asks before ruling children's services out (childrenUnknown, shared/domain).
  if (children.length || v.incident.childrenLiveWithVictim === 'no') report.children = children;
  if (v.risk.tool && v.risk.riskLevel)
    report.officerRiskAssessment = {
      tool: v.risk.tool,
      riskLevel: v.risk.riskLevel,
      ...(v.risk.tool === 'dash' ? { dash } : {}),
      ...(v.risk.rationale.trim() ? { rationale: trim(v.risk.rationale) } : {}),
    };
  return report;
}
