import type { FieldError } from '@lantern/shared/domain';

/** What the officer app fills a report from: the signed-in officer's account (users row). */
export interface OfficerProfile {
  force: string;
  collarNumber: string;
  name: string | null;
  email: string | null;
  team: string | null;
}

export interface OfficerProfileRow {
  force: string | null;
  collar_number: string | null;
  display_name: string;
  email: string | null;
  team: string | null;
}

/** A loose email check: the contract's `format: email` decides; a profile value that would fail it is left out. */
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

/**
 * The officer's profile as the contract takes it, or null when the account cannot send referrals (no force or no
 * collar number, or ones the contract would refuse: the admin must fix the account, not the officer the body).
 * Optional fields that would not pass the contract are left out rather than refuse the officer's referral.
 */
export function officerProfile(row: OfficerProfileRow | undefined): OfficerProfile | null {
  const force = row?.force?.trim() ?? '';
  const collarNumber = row?.collar_number?.trim() ?? '';
  if (!row || force.length < 2 || force.length > 120 || !collarNumber || collarNumber.length > 20) return null;
  const name = row.display_name.trim();
  const team = row.team?.trim() ?? '';
  const email = row.email?.trim() ?? '';
  return {
    force,
    collarNumber,
    name: name && name.length <= 120 ? name : null,
    team: team && team.length <= 120 ? team : null,
    email: email.length <= 200 && EMAIL.test(email) ? email : null,
  };
}

export interface FilledReport {
  /** The body as the intake receives it. */
  body: unknown;
  /** JSON pointers the server filled (not sent): validation errors under them are not the officer's to fix. */
  filled: string[];
  /** Problems with what was sent that only the officer channel has (someone else's name, consent not asked). */
  errors: FieldError[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The officer block's fields, each always the account's: what the officer is told when a sent one is not. */
const OFFICER_FIELDS = {
  collarNumber: 'must be your own collar number as on your account (or leave it out)',
  name: 'must be your own name as on your account (or leave it out)',
  email: 'must be your own email as on your account (or leave it out)',
  team: 'must be your own team as on your account (or leave it out)',
} as const;
type OfficerField = keyof typeof OFFICER_FIELDS;

/** A sent value that says nothing (absent, null or blank): the account's is used. */
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Whether a sent (non-blank) value is the account's: the same text, an email in any case. */
function sameAsAccount(field: OfficerField, sent: unknown, account: string | null): boolean {
  if (typeof sent !== 'string' || account === null) return false;
  return field === 'email' ? sent.trim().toLowerCase() === account.toLowerCase() : sent.trim() === account;
}

/** The answers an officer at the scene can record: they asked, and the victim said yes or no. */
export const OFFICER_CONSENT_ANSWERS: readonly string[] = ['given', 'refused'];

/**
 * Fills a report from the officer app (docs/officer-app.md):
 * - `officer` is always the officer's profile (collarNumber, name, email, team). Left out → the profile; sent → its
 *   absent or blank fields are filled from the profile, and each non-blank one must be the profile's (400 naming
 *   `/officer/<field>` otherwise): an officer cannot refer under someone else's name, email, team or collar number;
 * - `consent.supportReferral` and `consent.informationSharing` must each be `given` or `refused`: at the scene the
 *   officer asks (the feed's `not-asked` is not an answer on this channel);
 * - `source` left out → `{force: profile force, system: 'officer-app', sentAt: incident.reportedAt}`: nothing in it
 *   depends on the clock, so a retry of the same body hashes the same and is a duplicate; sent → kept as sent (the
 *   intake checks its system and force).
 * Anything that is not an object is left as it is for the intake's validation to name.
 */
export function fillOfficerReport(body: unknown, p: OfficerProfile): FilledReport {
  if (!isObject(body)) return { body, filled: [], errors: [] };
  const filled: string[] = [];
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = { ...body };
  const account: Record<OfficerField, string | null> = { collarNumber: p.collarNumber, name: p.name, email: p.email, team: p.team };
  const profileBlock: Record<string, string> = {};
  for (const [k, v] of Object.entries(account)) if (v !== null) profileBlock[k] = v;

  if (!Object.prototype.hasOwnProperty.call(body, 'officer')) {
    out['officer'] = profileBlock;
    filled.push('/officer');
  } else if (isObject(body['officer'])) {
    const sent = body['officer'];
    // Fields outside the four are kept for the contract to name (additionalProperties: false).
    const merged: Record<string, unknown> = { ...sent };
    for (const field of Object.keys(OFFICER_FIELDS) as OfficerField[]) {
      const value = sent[field];
      if (blank(value)) {
        delete merged[field];
        if (account[field] !== null) filled.push(`/officer/${field}`);
      } else if (!sameAsAccount(field, value, account[field])) {
        errors.push({ path: `/officer/${field}`, message: OFFICER_FIELDS[field] });
      }
      if (account[field] !== null) merged[field] = account[field];
      else delete merged[field];
    }
    out['officer'] = merged;
  }

  const consent = body['consent'];
  if (isObject(consent)) {
    for (const k of ['supportReferral', 'informationSharing'] as const) {
      if (!OFFICER_CONSENT_ANSWERS.includes(consent[k] as string)) {
        errors.push({
          path: `/consent/${k}`,
          message: 'must be "given" or "refused": ask the victim at the scene and record their answer',
        });
      }
    }
  }

  if (!Object.prototype.hasOwnProperty.call(body, 'source')) {
    const incident = body['incident'];
    const reportedAt = isObject(incident) ? incident['reportedAt'] : undefined;
    out['source'] = { force: p.force, system: 'officer-app', ...(reportedAt === undefined ? {} : { sentAt: reportedAt }) };
    filled.push('/source');
  }
  return { body: out, filled, errors };
}

/**
 * The validation errors the officer can act on: none under a path the server filled (an error there follows
 * from one in what was sent, e.g. source.sentAt from incident.reportedAt, which is named itself). Fail-safe: if
 * that would leave nothing, every error is kept.
 */
export function errorsOfSentBody(errors: readonly FieldError[], filled: readonly string[]): FieldError[] {
  const own = errors.filter((e) => !filled.some((f) => e.path === f || e.path.startsWith(`${f}/`)));
  return own.length ? own : [...errors];
}
