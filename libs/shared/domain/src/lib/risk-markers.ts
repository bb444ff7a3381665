import type { DashAnswers, DashKey, PoliceReport } from './report';

/**
 * The risk markers a case's priority counts, from the police report and the hub's latest DASH RIC answers. Pure.
 * A marker is true when the police report records it (an incident field or a police DASH "yes") or the hub's latest
 * checklist answers "yes". A hub "no" does not erase what the police recorded (the officer's evidence stands; the
 * hub can raise a risk marker, never quietly drop one); a later hub checklist replaces an earlier hub checklist.
 */
export interface RiskMarkers {
  strangulation: boolean;
  weapon: boolean;
  pregnant: boolean;
  /** DASH q6: separated, or tried to separate, within the past year. */
  separation: boolean;
  /** DASH q8: constantly texts, calls, contacts, follows, stalks or harasses. */
  stalking: boolean;
  /** DASH q17: threatened to kill the victim or someone else. */
  threatToKill: boolean;
  /** DASH q19: sexual abuse. */
  sexualAbuse: boolean;
}

/** The DASH question (police numbering, the hub's keys too) behind each marker. */
export const RISK_MARKER_QUESTIONS: Readonly<Record<keyof RiskMarkers, DashKey>> = {
  strangulation: 'q18',
  weapon: 'q16',
  pregnant: 'q9',
  separation: 'q6',
  stalking: 'q8',
  threatToKill: 'q17',
  sexualAbuse: 'q19',
};

/** An answer as stored: a plain value, or (defensively) an object carrying it with its provenance. */
function answerOf(answers: DashAnswers | null | undefined, key: DashKey): string | undefined {
  const v = (answers as Record<string, unknown> | null | undefined)?.[key];
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as { answer?: unknown; value?: unknown };
    const inner = o.answer ?? o.value;
    return typeof inner === 'string' ? inner : undefined;
  }
  return undefined;
}

export function riskMarkers(report: PoliceReport, hubAnswers: DashAnswers | null | undefined): RiskMarkers {
  const dash = report.officerRiskAssessment?.dash;
  const yes = (m: keyof RiskMarkers) =>
    answerOf(dash, RISK_MARKER_QUESTIONS[m]) === 'yes' || answerOf(hubAnswers, RISK_MARKER_QUESTIONS[m]) === 'yes';
  return {
    strangulation: report.incident.strangulation === true || yes('strangulation'),
    weapon: report.incident.weaponUsed === true || yes('weapon'),
    pregnant: report.victim.pregnant === true || yes('pregnant'),
    separation: yes('separation'),
    stalking: yes('stalking'),
    threatToKill: yes('threatToKill'),
    sexualAbuse: yes('sexualAbuse'),
  };
}

/** One case as the serial-suspect rule sees it: its suspect and victim as persons (police person ids, per force). */
export interface SuspectLink {
  caseId: string;
  /** The suspect person (null when the report names none). Linked only through a police person id. */
  suspectId: string | null;
  /** Set only when the police gave the suspect a person id: unidentified suspects never link. */
  suspectPoliceId: string | null;
  victimId: string;
  force: string;
}

/**
 * Serial suspect (MATAC, serial perpetrator): the case's suspect, identified by the police person id within the
 * same force, is the suspect of another victim's case at the hub. The same victim's other cases do not count (they
 * are a repeat, not another victim).
 */
export function isSerialSuspect(own: SuspectLink, others: readonly SuspectLink[]): boolean {
  if (!own.suspectPoliceId) return false;
  return others.some(
    (o) => o.caseId !== own.caseId && o.force === own.force && o.suspectPoliceId === own.suspectPoliceId && o.victimId !== own.victimId,
  );
}
