import { HUB_TIME_ZONE } from './hub-time-zone';

/** Needs assessment domains, as the hub records them (stable ids; labels for the workbench). */
export const NEED_DOMAINS = [
  { id: 'safety', label: 'Safety' },
  { id: 'housing', label: 'Housing (refuge, emergency accommodation, sanctuary)' },
  { id: 'children', label: 'Children' },
  { id: 'legal-protection', label: 'Legal protection (non-molestation / occupation orders)' },
  { id: 'finances', label: 'Finances' },
  { id: 'health', label: 'Health and mental health' },
  { id: 'substance-use', label: 'Substance use' },
  { id: 'immigration', label: 'Immigration / no recourse to public funds' },
  { id: 'disability-communication', label: 'Disability and communication' },
  { id: 'emotional-support', label: 'Emotional support' },
  { id: 'criminal-justice', label: 'Criminal justice support' },
] as const;
export type NeedDomainId = (typeof NEED_DOMAINS)[number]['id'];

export const NEED_URGENCIES = ['low', 'medium', 'high', 'immediate'] as const;
export type NeedUrgency = (typeof NEED_URGENCIES)[number];

export interface NeedEntry {
  need: boolean;
  urgency: NeedUrgency | null;
  notes: string | null;
}

export type NeedsContent = Partial<Record<NeedDomainId, NeedEntry>>;

export interface SafetyPlanAction {
  id: string;
  action: string;
  owner: 'victim' | 'caseworker' | 'other';
  agreed: boolean;
  done: boolean;
  due: string | null;
}

export interface SafetyPlanContent {
  actions: SafetyPlanAction[];
  notes: string | null;
}

/** One saved version of a needs assessment or safety plan. */
export interface Versioned<T> {
  version: number;
  content: T;
  savedAt: string;
  savedBy: { id: string; displayName: string };
}

export interface VersionedDocument<T> {
  current: Versioned<T> | null;
  /** Every earlier version, newest first (content included: both documents are small). */
  history: Versioned<T>[];
  /**
   * When a police revision last named another person as the victim, or null: versions saved before it were the
   * earlier person's and are only history (`current` is null until someone saves one for her).
   */
  victimChangedAt?: string | null;
}

/** Contact outcomes that count as a failed attempt to reach the victim. */
export const FAILED_CONTACT_OUTCOMES = ['no-answer', 'voicemail-left', 'wrong-number'] as const;

export interface UnableToContactRule {
  /** Failed attempts needed before suggesting closure. */
  attempts: number;
  /** …made on at least this many different days (in the hub's time zone). */
  days: number;
}
export const DEFAULT_UNABLE_TO_CONTACT: UnableToContactRule = { attempts: 3, days: 2 };

/** Suggest closing as unable-to-contact after enough failed attempts on different days and never a success. */
export function suggestUnableToContact(
  attempts: Array<{ outcome: string | null; attemptedAt: string }>,
  rule: UnableToContactRule = DEFAULT_UNABLE_TO_CONTACT,
): { suggest: boolean; failed: number; days: number } {
  if (attempts.some((a) => a.outcome === 'spoke-safe' || a.outcome === 'spoke-not-safe')) return { suggest: false, failed: 0, days: 0 };
  const failed = attempts.filter((a) => (FAILED_CONTACT_OUTCOMES as readonly string[]).includes(a.outcome ?? ''));
  const days = new Set(
    failed.map((a) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: HUB_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
        new Date(a.attemptedAt),
      ),
    ),
  ).size;
  return { suggest: failed.length >= rule.attempts && days >= rule.days, failed: failed.length, days };
}
