import type { ConsentRecordMethod, ConsentRecord, HubConsentValue, PoliceConsentRevision, PoliceReport } from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';

interface ConsentRow {
  id: string;
  recorded_at: Date | string;
  recorded_by: string | null;
  display_name: string | null;
  contact: HubConsentValue | null;
  sharing: HubConsentValue | null;
  method: ConsentRecordMethod;
  note: string | null;
}

/**
 * The hub's consent records of a case, newest first (by the case version each one wrote). `sinceVictimChange`: only
 * those written after the case version of the police revision that last named another victim (the current victim's
 * own, which effectiveConsent weighs); without it, every record (the history shown).
 */
export async function loadConsentHistory(
  manager: EntityManager,
  caseId: string,
  opts: { sinceVictimChange?: boolean } = {},
): Promise<ConsentRecord[]> {
  const { all, hers } = await consentRecords(manager, caseId);
  return opts.sinceVictimChange ? hers : all;
}

/**
 * The hub's consent records of a case, newest first, read once: every one (the history shown) and the current
 * victim's own (`hers`: written after the case version of the police revision that last named another victim).
 */
export async function consentRecords(manager: EntityManager, caseId: string): Promise<{ all: ConsentRecord[]; hers: ConsentRecord[] }> {
  const rows: Array<ConsentRow & { hers: boolean }> = await manager.query(
    `SELECT k.id, k.recorded_at, k.recorded_by, u.display_name, k.contact, k.sharing, k.method, k.note,
            k.case_version > COALESCE(c.victim_changed_version, 0) AS hers
       FROM case_consents k LEFT JOIN users u ON u.id = k.recorded_by JOIN cases c ON c.id = k.case_id
      WHERE k.case_id = $1
      ORDER BY k.case_version DESC, k.recorded_at DESC`,
    [caseId],
  );
  const all = rows.map((r) => ({
    id: r.id,
    at: new Date(r.recorded_at).toISOString(),
    // No recorder: a refusal told to an officer on another of her cases, recorded here by intake (`police-report`).
    by: r.recorded_by ? { id: r.recorded_by, displayName: r.display_name ?? '' } : null,
    contact: r.contact,
    sharing: r.sharing,
    method: r.method,
    note: r.note,
  }));
  return { all, hers: all.filter((_, i) => rows[i].hers) };
}

/**
 * Every police revision's consent block and when it was received, newest first (effectiveConsent): the current
 * victim's, from the revision that last named another person on (what earlier revisions said was someone else's).
 */
export async function loadPoliceConsents(manager: EntityManager, caseId: string): Promise<PoliceConsentRevision[]> {
  const rows: Array<{ consent: PoliceReport['consent'] | null; received_at: Date | string }> = await manager.query(
    `SELECT body -> 'consent' AS consent, received_at FROM reports
      WHERE case_id = $1 AND revision >= COALESCE((SELECT victim_changed_revision FROM cases WHERE id = $1), 0)
      ORDER BY revision DESC`,
    [caseId],
  );
  return rows.map((r) => ({ consent: r.consent, receivedAt: new Date(r.received_at).toISOString() }));
}
