import { DateTime } from 'luxon';
import { HUB_TIME_ZONE } from './hub-time-zone';

/**
 * The outcomes dashboard (team leads, commissioners): what happened to the reports the hub received. Every figure
 * is defined here once, so the API, the CSV, the printable summary and the charts agree; docs/outcomes.md explains
 * each definition.
 */

/** The victim's short survey at closure. */
export const SATISFACTION_SCORES = [1, 2, 3, 4, 5] as const;
export const FELT_SAFER = ['yes', 'no', 'unsure'] as const;
export type FeltSafer = (typeof FELT_SAFER)[number];

export interface SatisfactionSurvey {
  caseId: string;
  /** 1 very dissatisfied … 5 very satisfied. */
  score: number;
  feltSafer: FeltSafer;
  wouldRecommend: boolean | null;
  comment: string | null;
  recordedBy: string;
  recordedAt: string;
}

/** A reporting period: London calendar dates, `to` inclusive, as UTC instants [start, end). */
export function londonRange(from: string, to: string): { start: Date; end: Date } | null {
  const a = DateTime.fromISO(from, { zone: HUB_TIME_ZONE });
  const b = DateTime.fromISO(to, { zone: HUB_TIME_ZONE });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || !a.isValid || !b.isValid || b < a) return null;
  return { start: a.startOf('day').toJSDate(), end: b.plus({ days: 1 }).startOf('day').toJSDate() };
}

/** The London month ("2026-11") and ISO week start ("2026-11-23", a Monday) an instant falls in. */
export function periodKeys(at: Date | string): { month: string; week: string } {
  const t = DateTime.fromJSDate(new Date(at)).setZone(HUB_TIME_ZONE);
  return { month: t.toFormat('yyyy-MM'), week: t.startOf('week').toISODate() as string };
}

export interface PeriodRow {
  /** "2026-11" for months, the Monday "2026-11-23" for weeks. */
  period: string;
  reportsReceived: number;
  /** Of the reports received in the period, victims reached (a safe conversation) so far. */
  contacted: number;
  /** Median hours from receipt to the first safe conversation, over the victims reached; null when none. */
  medianHoursToFirstContact: number | null;
  referralsSent: number;
  ordersSecured: number;
  closures: number;
  satisfactionResponses: number;
  satisfactionMean: number | null;
}

export interface AreaRow {
  area: string;
  reportsReceived: number;
  high: number;
  medium: number;
  standard: number;
  ungraded: number;
  contacted: number;
  referralsSent: number;
  closures: number;
}

export interface AgencyRow {
  partnerId: string;
  partnerName: string;
  referralsSent: number;
  acknowledged: number;
  accepted: number;
  declined: number;
  /** Outcomes recorded (any time so far) for the referrals sent in the period, by outcome code. */
  outcomes: Record<string, number>;
  ordersSecured: number;
}

export interface OutcomesReport {
  from: string;
  to: string;
  generatedAt: string;
  totals: {
    reportsReceived: number;
    contacted: number;
    /** contacted / reportsReceived, 0–1; null when no reports. */
    contactRate: number | null;
    medianHoursToFirstContact: number | null;
    contactAttempts: number;
    /** Attempts that reached the victim safely (outcome spoke-safe) / all attempts made in the period. */
    successfulAttempts: number;
    referralsSent: number;
    /** Referrals sent in the period that were accepted, so far. */
    referralsAccepted: number;
    /** Victims who accessed further help: distinct cases with a referral sent in the period that was accepted. */
    victimsAccessingHelp: number;
    /** Referral outcomes "order-granted" recorded in the period. */
    ordersSecured: number;
    closures: number;
    satisfactionResponses: number;
    satisfactionMean: number | null;
    feltSaferYes: number;
  };
  byMonth: PeriodRow[];
  byWeek: PeriodRow[];
  byArea: AreaRow[];
  byAgency: AgencyRow[];
  closuresByReason: Array<{ reason: string; count: number }>;
  satisfaction: { byScore: Array<{ score: number; count: number }>; feltSafer: Array<{ answer: FeltSafer; count: number }> };
}

/** The tables of a report, by the name `?table=` takes for CSV. */
export const OUTCOME_TABLES = ['totals', 'month', 'week', 'area', 'agency', 'closures', 'satisfaction'] as const;
export type OutcomeTable = (typeof OUTCOME_TABLES)[number];

export function mean(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** Rounded for display and CSV: one decimal place for hours and means, three for rates. */
export const round = (v: number | null, places = 1): number | null => (v === null ? null : Math.round(v * 10 ** places) / 10 ** places);
