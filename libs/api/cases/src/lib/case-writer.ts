import { randomUUID } from 'node:crypto';
import { CaseEntity, insertRows, PersonEntity, preparedQuery } from '@lantern/api/data-access';
import { lockedCase, sinceVictimChange } from './case-lock';
import type { TriageRulesConfig } from '@lantern/api/core';
import {
  agreementApplies,
  combineRisk,
  consentSaysNo,
  effectiveConsent,
  type EffectiveConsentValue,
  historyReasons,
  policeRaise,
  policeRisk,
  REASON_ORDER,
  type AgreedWithPolice,
  isOutOfHours,
  childrenFacts,
  resolveOutreachArea,
  riskMarkers,
  reportFacts,
  type MaracReferralFact,
  slaDue,
  type MaracReason,
  type PoliceReport,
  type ReportSuspect,
  type ReportVictim,
  type RiskGrade,
  sameVictim,
  victimChangeEvidence,
  type VictimChangeEvidence,
  type VictimIdentity,
} from '@lantern/shared/domain';
import { refreshOutreachArea, refreshRiskMarkers, refreshSerialSuspects, type LinkedCaseChange } from './case-linkage';
import { loadConsentHistory, loadPoliceConsents } from './case-consent';
import { maracContext } from './case-read';
import { checklistReasons } from './case-risk';
import { recordReportSuspectNumber, reportSuspectNumbers } from './suspect-numbers';
import type { EntityManager } from 'typeorm';

/**
 * Finds or creates the person police identify by personId (same force, same role), or a new unlinked person
 * when no personId is given. Updates their details to the latest report.
 */
async function upsertPerson(
  manager: EntityManager,
  force: string,
  role: 'victim' | 'suspect',
  person: ReportVictim | ReportSuspect,
  existingId: string | null,
): Promise<string> {
  const details = {
    firstName: person.firstName ?? null,
    lastName: person.lastName ?? null,
    dateOfBirth: person.dateOfBirth ?? null,
    gender: person.gender ?? null,
  };
  let id = existingId;
  if (person.personId) {
    const found = await manager.findOne(PersonEntity, {
      where: { force, role, policePersonId: person.personId },
      select: { id: true },
    });
    id = found?.id ?? null;
    if (!id) {
      id = randomUUID();
      // ON CONFLICT: a concurrent report for another case of the same person may have just created it.
      const rows: Array<{ id: string }> = await preparedQuery(
        manager,
        `INSERT INTO persons (id, force, role, police_person_id, first_name, last_name, date_of_birth, gender, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)
         ON CONFLICT (force, role, police_person_id) WHERE police_person_id IS NOT NULL
         DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
                       date_of_birth = EXCLUDED.date_of_birth, gender = EXCLUDED.gender,
                       updated_at = now(), version = persons.version + 1
         RETURNING id`,
        [id, force, role, person.personId, details.firstName, details.lastName, details.dateOfBirth, details.gender],
      );
      return rows[0].id;
    }
  } else if (id) {
    // The existing person of this case is only reused when it is itself unlinked.
    const found = await manager.findOne(PersonEntity, { where: { id }, select: { id: true, policePersonId: true } });
    if (!found || found.policePersonId) id = null;
  }
  if (id) {
    await manager.update(PersonEntity, { id }, details);
    return id;
  }
  id = randomUUID();
  await manager.insert(PersonEntity, { id, force, role, policePersonId: null, ...details });
  return id;
}

export interface AppliedReport {
  caseId: string;
  version: number;
  created: boolean;
  /** A revision whose police grade lifted the case's grade: {from, to} and who to tell (the assignee). */
  riskRaisedByPolice?: { from: RiskGrade | null; to: RiskGrade; assigneeId: string | null } | null;
  /** Other victims' cases whose serial-suspect flag this report changed (new versions written): announce them. */
  linkedChanges?: LinkedCaseChange[];
  /** The victim's other cases whose MARAC history criteria this report changed (new versions written): announce them. */
  historyChanges?: Array<{ caseId: string; version: number }>;
  /** A revision turned the sharing consent in force to refused: what partners hold is to be withdrawn (intake does it). */
  sharingRefused?: boolean;
  /**
   * A revision turned the sharing consent in force from "given" to "not asked" (the officer corrected the record: she
   * was never asked): what partners hold rested on a consent nobody heard, and is withdrawn unless a team lead's
   * lawful basis stands (intake does it).
   */
  sharingUnproven?: boolean;
  /**
   * The contact consent in force after a revision says no (refused or withdrawn): any pending call-back is to be
   * cancelled (intake does it; cancelling none is harmless, and one scheduled against the rule cannot survive).
   */
  contactRefused?: 'refused' | 'withdrawn';
  /**
   * The revision names another person as the victim (sameVictim): the case writer has set `victim_changed_at` (consent
   * said before it no longer counts) and put the safe-contact plan back to the report's; intake cancels the pending
   * call-backs and withdraws what partners were sent (they were the earlier person's). What else it ended: a plan a
   * caseworker had saved (`planReset`), a team lead's lawful basis (`basisEnded`), a grade agreed with the police
   * (`agreementEnded`), the hub's checklist grade (`hubAssessmentEnded`). Null when the revision names the same victim.
   */
  victimChanged?: {
    /** What the change was judged on (the team leads' tray asks them to check a judgement on names and dates). */
    evidence: VictimChangeEvidence;
    /** Who holds the case (told live, as of a grade the police raised). */
    assigneeId: string | null;
    planReset: boolean;
    basisEnded: boolean;
    agreementEnded: boolean;
    hubAssessmentEnded: boolean;
    /** The earlier person had been tried: the first-contact clock runs again, from the change. */
    firstContactClockAgain: boolean;
  } | null;
}

/**
 * Creates the case for a report's first revision, or revises it: in the caller's transaction.
 * The case's grade, flags and interim priority are derived from the latest revision.
 */
export async function applyReportToCase(
  manager: EntityManager,
  report: PoliceReport,
  receivedAt: Date,
  existingCaseId: string | null,
  rules: TriageRulesConfig,
): Promise<AppliedReport> {
  // A reference's first report: the set-based writer, the same one a batch of imported reports goes through.
  if (!existingCaseId) return (await createCasesForReports(manager, [{ report, receivedAt }], rules))[0];
  const force = report.source.force;
  const facts = reportFacts(report);
  const existing = await lockedCase(manager, existingCaseId);
  if (!existing) throw new Error(`case ${existingCaseId} not found`);

  // Who the case held as the victim before this revision (read before the upsert, which may rename an unlinked row).
  const before = await victimIdentityOf(manager, existing);
  const victimId = await upsertPerson(manager, force, 'victim', report.victim, existing.victimId);
  const v = report.victim;
  const after = { personId: v.personId ?? null, firstName: v.firstName, lastName: v.lastName, dateOfBirth: v.dateOfBirth ?? null };
  const victimChanged = !!before && !sameVictim(before, after);
  // The cut-off for what the hub did by the clock (a checklist, a referral, an attempt): taken under the case's lock, not
  // when the report arrived (an import or a queued report may wait for it), so a record another transaction committed
  // before this one took the lock, timed after the report arrived, still reads as the earlier person's.
  const victimChangedAt = victimChanged ? new Date(Math.max(receivedAt.getTime(), Date.now())) : existing.victimChangedAt;
  const suspectId = report.suspect ? await upsertPerson(manager, force, 'suspect', report.suspect, existing.suspectId) : null;

  // A repeat victim has an earlier case at this hub (linked through victim.personId).
  const earlier: Array<{ n: string | number }> = await manager.query('SELECT count(*) AS n FROM cases WHERE victim_id = $1 AND id <> $2', [
    victimId,
    existing.id,
  ]);
  const repeatVictim = Number(earlier[0].n) > 0;

  // Nobody has tried to reach her: when the hub had tried the earlier person (the first-contact clock stopped), her
  // clock starts again from the change, so the queue puts her first call in front of someone (docs/casework.md). A clock
  // that never stopped runs on from the report's receipt (no time is given back).
  const clockAgain = victimChanged && !!existing.firstContactAt;
  const firstContact = clockAgain ? { firstContactAt: null, firstContactClockFrom: victimChangedAt } : {};
  const { common, raised } = caseFieldsFromReport(report, facts, rules, {
    // The hub's grade (its checklist) and a grade a team lead agreed with the police were weighed for the earlier
    // person: her own police grade counts until the hub assesses her.
    existing: victimChanged ? { ...existing, agreedWithPolice: null, hubGrade: null, ...firstContact } : existing,
    receivedAt,
    victimId,
    suspectId,
    repeatVictim,
  });

  const version = existing.version + 1;
  // What the victim told the hub outranks what they told the officer, unless she refused the officer after it
  // (effectiveConsent: the one rule, also behind what the case shows).
  // What another person said (before a revision that names a new victim) is not hers: the loaders leave out what came
  // before the last change, and a revision that is one counts alone.
  const thisRevision = { consent: report.consent, receivedAt: receivedAt.toISOString() };
  const consent = victimChanged
    ? effectiveConsent([thisRevision], [])
    : effectiveConsent(
        [thisRevision, ...(await loadPoliceConsents(manager, existing.id))],
        await loadConsentHistory(manager, existing.id, { sinceVictimChange: true }),
      );
  common.consentToContact = consent.contact.value;
  common.informationSharing = consent.sharing.value;
  // A plan no caseworker has edited yet follows the latest police report (it is rebuilt when next read). So does one
  // they did edit, once the report names another victim: its numbers, times and code word were the earlier person's
  // (her safe times are unconfirmed again until a caseworker confirms them with her).
  const plan = existing.safeContactPlanEditedAt && !victimChanged ? {} : { safeContactPlan: {}, safeContactPlanEditedAt: null };
  // So do the hub's checklist grade and a grade a team lead agreed with the police, weighed for the earlier person (and
  // a lawful basis for sharing without consent: intake ends it with what partners were sent, withdrawSharedData). The
  // checklists stay on the case as history; the reads of the latest one skip those made before the change.
  const endsForHer = victimChanged ? { agreedWithPolice: null, hubGrade: null, riskScore: null, riskSource: 'officer' } : {};
  const change = victimChanged ? { victimChangedAt, victimChangedRevision: report.revision, victimChangedVersion: version } : {};
  await manager.update(CaseEntity, { id: existing.id }, { ...common, ...plan, ...endsForHer, ...change, ...firstContact, version });
  await recordReportSuspectNumber(manager, existing.id, report, receivedAt);
  await refreshHistoryReasons(manager, existing.id, rules);
  await refreshRiskMarkers(manager, existing.id, report);
  await refreshOutreachArea(manager, existing.id, report, rules.outreachAreas, victimChanged);
  const linkedChanges = await refreshSerialSuspects(manager, existing.id, [existing.suspectId, suspectId]);
  const historyChanges = await refreshVictimHistory(manager, existing.id, [existing.victimId, victimId], rules);
  const riskRaisedByPolice = raised ? { from: raised.from, to: raised.to, assigneeId: existing.assigneeId } : null;
  const sharingRefused =
    consentSaysNo(consent.sharing.value) && !consentSaysNo(existing.informationSharing as EffectiveConsentValue | null);
  const sharingUnproven = consent.sharing.value === 'not-asked' && existing.informationSharing === 'given';
  const contactRefused = consentSaysNo(consent.contact.value) ? consent.contact.value : undefined;
  return {
    caseId: existing.id,
    version,
    created: false,
    riskRaisedByPolice,
    linkedChanges,
    historyChanges,
    sharingRefused,
    sharingUnproven,
    contactRefused,
    victimChanged: victimChanged
      ? {
          evidence: victimChangeEvidence(before, after),
          assigneeId: existing.assigneeId,
          planReset: !!existing.safeContactPlanEditedAt,
          basisEnded: !!existing.safeguardingBasis,
          agreementEnded: !!existing.agreedWithPolice,
          hubAssessmentEnded: !!existing.hubGrade,
          firstContactClockAgain: clockAgain,
        }
      : null,
  };
}

/**
 * Who the case's victim is, for sameVictim: the police person id her persons row is linked by, and each of her name
 * and date of birth as the row holds it or, where the row has none (a later revision left it out, and the upsert
 * wrote it empty), as the newest of the case's revisions since the last change of victim that gave it. A detail once
 * known is never lost, so a revision that drops her date of birth cannot let the next one name someone else unseen.
 */
async function victimIdentityOf(manager: EntityManager, c: CaseEntity): Promise<VictimIdentity | null> {
  if (!c.victimId) return null;
  const [p]: Array<{
    police_person_id: string | null;
    first_name: string | null;
    last_name: string | null;
    dob: string | null;
    told: Array<Partial<Record<'firstName' | 'lastName' | 'dateOfBirth', unknown>> | null> | null;
  }> = await manager.query(
    `SELECT p.police_person_id, p.first_name, p.last_name, to_char(p.date_of_birth, 'YYYY-MM-DD') AS dob,
            (SELECT json_agg(r.body -> 'victim' ORDER BY r.revision DESC) FROM reports r
              WHERE r.case_id = $2 AND r.revision >= COALESCE($3::integer, 0)) AS told
       FROM persons p WHERE p.id = $1`,
    [c.victimId, c.id, c.victimChangedRevision],
  );
  if (!p) return null;
  const told = (p.told ?? []).filter((v): v is NonNullable<typeof v> => !!v);
  const known = (held: string | null, field: 'firstName' | 'lastName' | 'dateOfBirth'): string | null => {
    if (held?.trim()) return held;
    const said = told.map((v) => v[field]).find((x): x is string => typeof x === 'string' && x.trim() !== '');
    return said ?? null;
  };
  return {
    personId: p.police_person_id,
    firstName: known(p.first_name, 'firstName'),
    lastName: known(p.last_name, 'lastName'),
    dateOfBirth: known(p.dob, 'dateOfBirth'),
  };
}

/**
 * The victim's other cases (and, after a revision that names another victim, the former victim's): a report may be
 * an older incident reported late, or a revision may move an incident's date, so their potential escalation (incidents
 * before theirs within the window) is recomputed too. Every case whose reasons change gets a new version and is
 * returned, so the caller audits and announces it.
 */
export async function refreshVictimHistory(
  manager: EntityManager,
  caseId: string,
  victimIds: ReadonlyArray<string | null | undefined>,
  rules: TriageRulesConfig,
  /** A new case's incident: only the cases whose incident came after it can change (the rest never count it). */
  incidentAfter?: Date,
): Promise<Array<{ caseId: string; version: number }>> {
  const ids = [...new Set(victimIds.filter((v): v is string => !!v))];
  if (!ids.length) return [];
  const others: Array<{ id: string }> = await manager.query(
    `SELECT id FROM cases WHERE victim_id = ANY($1::uuid[]) AND id <> $2 AND ($3::timestamptz IS NULL OR incident_at > $3)
      ORDER BY id FOR UPDATE`,
    [ids, caseId, incidentAfter ?? null],
  );
  return refreshHistoryReasonsOf(
    manager,
    others.map((o) => o.id),
    rules,
  );
}

/** What the MARAC history criteria and the serial-suspect flag read about the people of new or changed cases. */
interface PeopleHistory {
  /** Each victim's cases with their incident time (ISO). */
  incidentsOf: Map<string, Array<{ caseId: string; at: string }>>;
  /** Each victim's recorded MARAC referrals, newest first (as victimMaracReferrals gives one victim's). */
  referralsOf: Map<string, MaracReferralFact[]>;
  /** Each suspect's victims, on any case. */
  victimsOfSuspect: Map<string, Set<string>>;
}

/**
 * The victims' cases and MARAC referrals and the suspects' victims, in one statement whatever their number (issue 16,
 * part 3: intake read them in three). The rows are tagged by kind; referrals come newest first.
 */
async function peopleHistory(
  manager: EntityManager,
  victimIds: readonly string[],
  suspectIds: readonly string[] = [],
): Promise<PeopleHistory> {
  const history: PeopleHistory = { incidentsOf: new Map(), referralsOf: new Map(), victimsOfSuspect: new Map() };
  if (!victimIds.length && !suspectIds.length) return history;
  const rows: Array<{
    kind: 'case' | 'referral' | 'suspect';
    person_id: string;
    case_id: string | null;
    at: Date | string | null;
    perpetrator_person_id: string | null;
    victim_id: string | null;
  }> = await preparedQuery(
    manager,
    `SELECT 'case' AS kind, c.victim_id AS person_id, c.id AS case_id, c.incident_at AS at,
            NULL::text AS perpetrator_person_id, NULL::uuid AS victim_id, NULL::uuid AS referral_id
       FROM cases c WHERE c.victim_id = ANY($1::uuid[])
     UNION ALL
     SELECT 'referral', r.victim_id, r.case_id, r.referred_at, r.perpetrator_person_id, NULL, r.id
       FROM marac_referrals r WHERE r.victim_id = ANY($1::uuid[])
     UNION ALL
     SELECT DISTINCT 'suspect', c.suspect_id, NULL::uuid, NULL::timestamptz, NULL, c.victim_id, NULL::uuid
       FROM cases c WHERE c.suspect_id = ANY($2::uuid[])
     ORDER BY kind, at DESC, referral_id`,
    [victimIds, suspectIds],
  );
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const r of rows) {
    if (r.kind === 'case')
      push(history.incidentsOf, r.person_id, { caseId: r.case_id as string, at: new Date(r.at as Date).toISOString() });
    else if (r.kind === 'referral')
      push(history.referralsOf, r.person_id, {
        referredAt: new Date(r.at as Date).toISOString(),
        perpetratorPersonId: r.perpetrator_person_id,
        caseId: r.case_id as string,
      });
    else history.victimsOfSuspect.set(r.person_id, (history.victimsOfSuspect.get(r.person_id) ?? new Set()).add(r.victim_id as string));
  }
  return history;
}

/**
 * refreshHistoryReasons for several cases at once, in three reads and one update whatever their number (a victim
 * with many cases, a batch of imported reports): the same criteria, and every case whose reasons change gets a new
 * version and is returned, so the caller audits and announces it.
 */
export async function refreshHistoryReasonsOf(
  manager: EntityManager,
  caseIds: readonly string[],
  rules: TriageRulesConfig,
): Promise<Array<{ caseId: string; version: number }>> {
  if (!caseIds.length) return [];
  const own: Array<{
    id: string;
    version: number;
    victim_id: string;
    incident_at: Date;
    previous_incidents: number;
    suspect_person_id: string | null;
    marac_reasons: MaracReason[] | null;
    police_reasons: MaracReason[] | null;
    police_grade: RiskGrade | null;
    agreed_with_police: AgreedWithPolice | null;
    hub_reasons: MaracReason[] | null;
  }> = await manager.query(
    `SELECT c.id, c.version, c.victim_id, c.incident_at, c.previous_incidents, s.police_person_id AS suspect_person_id,
            c.marac_reasons, c.police_reasons, c.police_grade, c.agreed_with_police,
            (SELECT r.marac_reasons FROM risk_assessments r
              WHERE r.case_id = c.id AND ${sinceVictimChange('r.assessed_at')}
              ORDER BY r.assessed_at DESC, r.id LIMIT 1) AS hub_reasons
       FROM cases c LEFT JOIN persons s ON s.id = c.suspect_id
      WHERE c.id = ANY($1::uuid[])`,
    [[...new Set(caseIds)]],
  );
  if (!own.length) return [];
  const victims = [...new Set(own.map((o) => o.victim_id))];
  const { incidentsOf, referralsOf } = await peopleHistory(manager, victims);
  const changed: Array<{ id: string; reasons: MaracReason[]; version: number }> = [];
  for (const o of own) {
    const incidentAt = new Date(o.incident_at).toISOString();
    const maracReferrals = referralsOf.get(o.victim_id) ?? [];
    const history = historyReasons({
      incidentAt,
      previousIncidents12Months: Number(o.previous_incidents),
      linkedIncidentsAt: (incidentsOf.get(o.victim_id) ?? []).filter((i) => i.caseId !== o.id && i.at < incidentAt).map((i) => i.at),
      lastMaracReferralAt: maracReferrals.find((r) => Date.parse(r.referredAt) < Date.parse(incidentAt))?.referredAt ?? null,
      perpetratorPersonId: o.suspect_person_id ?? null,
      maracReferrals,
      rules: rules.marac,
    });
    // checklistReasons, for each: the hub's latest checklist criteria, and the police's unless an agreement governs.
    const kept = new Set<MaracReason>((o.hub_reasons ?? []).filter((r) => CHECKLIST_REASONS.includes(r)));
    if (!agreementApplies(o.police_grade, o.agreed_with_police, o.police_reasons)) for (const r of o.police_reasons ?? []) kept.add(r);
    const reasons = REASON_ORDER.filter((r) => kept.has(r) || history.includes(r));
    const before = o.marac_reasons ?? [];
    if (reasons.length !== before.length || reasons.some((r, i) => r !== before[i]))
      changed.push({ id: o.id, reasons, version: Number(o.version) + 1 });
  }
  if (changed.length)
    await manager.query(
      `UPDATE cases c SET marac_reasons = n.reasons, marac_required = cardinality(n.reasons) > 0, version = n.version
         FROM (SELECT id, version, ARRAY(SELECT jsonb_array_elements_text(reasons)) AS reasons
                 FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, version int, reasons jsonb)) AS n
        WHERE c.id = n.id`,
      [JSON.stringify(changed)],
    );
  return changed.map((c) => ({ caseId: c.id, version: c.version })).sort((a, b) => a.caseId.localeCompare(b.caseId));
}

/** The reasons the hub's own checklist gives; the police ones come with them from checklistReasons. */
const CHECKLIST_REASONS: MaracReason[] = ['visible-high-risk', 'professional-judgement'];

/**
 * Recomputes the case's MARAC reasons: the history ones (potential escalation, repeat) from the victim's record, with
 * the checklist-type ones in force (checklistReasons: the hub's latest checklist, the police's unless an agreement
 * governs). Returns whether the reasons changed. `marac_referred_at` is
 * not touched here: it is the last MARAC referral recorded for the case (POST /cases/:id/marac-referrals), never
 * the moment a criterion was first met.
 */
export async function refreshHistoryReasons(manager: EntityManager, caseId: string, rules: TriageRulesConfig): Promise<boolean> {
  const ctx = await maracContext(manager, caseId, rules);
  const [row]: Array<{ marac_reasons: MaracReason[] }> = await manager.query('SELECT marac_reasons FROM cases WHERE id = $1', [caseId]);
  const before = row.marac_reasons ?? [];
  // The checklist-type reasons in force (hub's latest assessment; police ones unless an agreement governs).
  const kept = await checklistReasons(manager, caseId, CHECKLIST_REASONS);
  const history = historyReasons(ctx);
  const reasons = REASON_ORDER.filter((r) => kept.includes(r) || history.includes(r));
  await manager.update(CaseEntity, { id: caseId }, { maracReasons: reasons, maracRequired: reasons.length > 0 });
  return reasons.length !== before.length || reasons.some((r, i) => r !== before[i]);
}

/**
 * The case columns a police report sets (grade, flags, SLA due times, consent as the police recorded it), the same
 * for a new case and a revision. For a revision, `existing` brings the hub's grade, a team lead's agreement and the
 * case's own arrival time (its SLA runs from the first report).
 */
function caseFieldsFromReport(
  report: PoliceReport,
  facts: ReturnType<typeof reportFacts>,
  rules: TriageRulesConfig,
  at: {
    existing: CaseEntity | null;
    receivedAt: Date;
    victimId: string;
    suspectId: string | null;
    repeatVictim: boolean;
  },
) {
  const { existing, receivedAt } = at;
  // Police grades count: the case's grade is the higher of the hub's and the police grade (the officer's, with the
  // police DASH band folded in), unless a team lead agreed a lower one with the police (docs/triage.md).
  const police = policeRisk(
    { officerGrade: facts.officerGrade as RiskGrade | null, tool: facts.officerTool, dash: report.officerRiskAssessment?.dash },
    rules.bands,
  );
  const agreement = (existing?.agreedWithPolice ?? null) as AgreedWithPolice | null;
  const combined = combineRisk({ hubGrade: (existing?.hubGrade ?? null) as RiskGrade | null, police, agreement });
  const grade = combined.grade;
  // An agreement this revision ends (the police grade rose above it, or its DASH reached visible high risk at the same
  // police grade) lifts the case as a rise of the police grade does: history line and the assignee told.
  const agreementEnded = !!agreement && !combined.agreementApplies;
  const raised = existing
    ? policeRaise(
        (existing.riskGrade ?? existing.officerGrade) as RiskGrade | null,
        grade,
        agreementEnded ? null : ((existing.policeGrade ?? existing.officerGrade) as RiskGrade | null),
        police.grade,
      )
    : null;
  const caseReceivedAt = existing?.receivedAt ?? receivedAt;
  const due = slaDue(
    { receivedAt: caseReceivedAt, firstContactClockFrom: existing?.firstContactClockFrom ?? null },
    grade,
    rules.slaTargets,
    rules.calendar,
  );
  const common = {
    updatedAt: receivedAt,
    currentRevision: report.revision,
    area: facts.area,
    victimId: at.victimId,
    suspectId: at.suspectId,
    officerGrade: facts.officerGrade,
    officerTool: facts.officerTool,
    policeGrade: police.grade,
    policeScore: police.score,
    policeReasons: police.reasons,
    riskGrade: grade,
    // An agreement a police revision went above no longer governs: the police grade counts again.
    ...(agreementEnded ? { agreedWithPolice: null } : {}),
    childrenCount: facts.children,
    childrenInHousehold: facts.childrenInHousehold,
    childrenPresent: facts.childrenPresent,
    strangulation: facts.strangulation,
    weapon: facts.weapon,
    pregnant: facts.pregnant,
    childrenConflict: facts.childrenConflict,
    victimAge: facts.victimAge,
    suspectAge: facts.suspectAge,
    repeatVictim: at.repeatVictim,
    incidentAt: new Date(facts.incidentAt),
    previousIncidents: facts.previousIncidents12Months,
    assignDueAt: new Date(due.assignDueAt),
    firstContactDueAt: new Date(due.firstContactDueAt),
    consentToContact: report.consent.supportReferral as string,
    informationSharing: report.consent.informationSharing as string,
  };
  return { common, raised, police };
}

/** A reference's first report, to become a new case. */
export interface NewCaseReport {
  report: PoliceReport;
  receivedAt: Date;
}

interface PersonRow {
  id: string;
  force: string;
  role: 'victim' | 'suspect';
  police_person_id: string | null;
}

/**
 * Upserts the persons of several reports in one statement per kind: those police identify by personId (same force,
 * same role: found or created, their details updated to the latest report) and those they do not (always new).
 * Returns the person id of each input, in order.
 */
async function upsertPersons(
  manager: EntityManager,
  people: ReadonlyArray<{ force: string; role: 'victim' | 'suspect'; person: ReportVictim | ReportSuspect }>,
): Promise<string[]> {
  const ids: string[] = people.map(() => randomUUID());
  // In key order, so two writers upserting the same people lock their rows in the same order (no deadlock).
  const linked = people
    .map((p, i) => ({ ...p, i }))
    .filter((p) => !!p.person.personId)
    .sort((a, b) => `${a.force}|${a.role}|${a.person.personId}`.localeCompare(`${b.force}|${b.role}|${b.person.personId}`));
  const columns = (list: typeof linked) => [
    list.map((p) => ids[p.i]),
    list.map((p) => p.force),
    list.map((p) => p.role),
    list.map((p) => p.person.personId ?? null),
    list.map((p) => p.person.firstName ?? null),
    list.map((p) => p.person.lastName ?? null),
    list.map((p) => p.person.dateOfBirth ?? null),
    list.map((p) => p.person.gender ?? null),
  ];
  const select = `SELECT t.*, 1 FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[]) AS t`;
  if (linked.length) {
    // ON CONFLICT: the person is known (an earlier case), or a concurrent report of another case has just created them.
    const rows: PersonRow[] = await preparedQuery(
      manager,
      `INSERT INTO persons (id, force, role, police_person_id, first_name, last_name, date_of_birth, gender, version)
       ${select}
       ON CONFLICT (force, role, police_person_id) WHERE police_person_id IS NOT NULL
       DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
                     date_of_birth = EXCLUDED.date_of_birth, gender = EXCLUDED.gender,
                     updated_at = now(), version = persons.version + 1
       RETURNING id, force, role, police_person_id`,
      columns(linked),
    );
    const byKey = new Map(rows.map((r) => [`${r.force}|${r.role}|${r.police_person_id}`, r.id]));
    for (const p of linked) ids[p.i] = byKey.get(`${p.force}|${p.role}|${p.person.personId}`) as string;
  }
  const unlinked = people.map((p, i) => ({ ...p, i })).filter((p) => !p.person.personId);
  if (unlinked.length) {
    await preparedQuery(
      manager,
      `INSERT INTO persons (id, force, role, police_person_id, first_name, last_name, date_of_birth, gender, version) ${select}`,
      columns(unlinked),
    );
  }
  return ids;
}

/**
 * Creates the cases of several references' first reports in the caller's transaction, in a handful of statements
 * whatever their number: persons upserted together, the victims' history read once, every column (grade, MARAC
 * reasons, risk markers, outreach area, serial-suspect flag) computed before the rows are written once. The reports
 * must not share a victim or a suspect known to the police (one's history would be the other's): the caller puts
 * such a report in a later call. Returns, in order, what applyReportToCase returns for a new case.
 */
export async function createCasesForReports(
  manager: EntityManager,
  items: readonly NewCaseReport[],
  rules: TriageRulesConfig,
): Promise<AppliedReport[]> {
  if (!items.length) return [];
  const seen = new Set<string>();
  for (const { report } of items) {
    for (const [role, p] of [
      ['victim', report.victim],
      ['suspect', report.suspect],
    ] as const) {
      if (!p?.personId) continue;
      const key = `${report.source.force}|${role}|${p.personId}`;
      if (seen.has(key)) throw new Error('createCasesForReports: two reports of one person in one call');
      seen.add(key);
    }
  }
  const people = items.flatMap(({ report }) => [
    { force: report.source.force, role: 'victim' as const, person: report.victim },
    ...(report.suspect ? [{ force: report.source.force, role: 'suspect' as const, person: report.suspect }] : []),
  ]);
  const personIds = await upsertPersons(manager, people);
  let k = 0;
  const persons = items.map(({ report }) => ({
    victimId: personIds[k++],
    suspectId: report.suspect ? personIds[k++] : null,
  }));

  // The victims' earlier cases and MARAC referrals (only a victim police identify can have any), and the suspects'
  // other cases: the same suspect on another victim's case makes both serial-suspect cases.
  const knownVictims = [...new Set(persons.filter((_, i) => !!items[i].report.victim.personId).map((p) => p.victimId))];
  const knownSuspects = [
    ...new Set(persons.filter((p, i) => p.suspectId && items[i].report.suspect?.personId).map((p) => p.suspectId as string)),
  ];
  const { incidentsOf: incidentCases, referralsOf, victimsOfSuspect } = await peopleHistory(manager, knownVictims, knownSuspects);
  const incidentsOf = new Map([...incidentCases].map(([v, list]) => [v, list.map((i) => i.at)]));

  const rows = items.map(({ report, receivedAt }, i) => {
    const { victimId, suspectId } = persons[i];
    const facts = reportFacts(report);
    const earlier = incidentsOf.get(victimId) ?? [];
    const { common } = caseFieldsFromReport(report, facts, rules, {
      existing: null,
      receivedAt,
      victimId,
      suspectId,
      repeatVictim: earlier.length > 0,
    });
    const incidentAt = common.incidentAt.toISOString();
    const maracReferrals = referralsOf.get(victimId) ?? [];
    // The MARAC criteria as refreshHistoryReasons computes them: a new case has no hub checklist and no agreement, so
    // the police reasons are in force, with the history ones from the victim's record.
    const history = historyReasons({
      incidentAt,
      previousIncidents12Months: facts.previousIncidents12Months,
      linkedIncidentsAt: earlier.filter((at) => at < incidentAt),
      lastMaracReferralAt: maracReferrals.find((r) => Date.parse(r.referredAt) < Date.parse(incidentAt))?.referredAt ?? null,
      perpetratorPersonId: report.suspect?.personId ?? null,
      maracReferrals,
      rules: rules.marac,
    });
    const reasons = REASON_ORDER.filter((r) => common.policeReasons.includes(r) || history.includes(r));
    const outreach = resolveOutreachArea(report.victim.address?.postcode, report.incident.area, rules.outreachAreas);
    const serialSuspect =
      !!suspectId && !!report.suspect?.personId && [...(victimsOfSuspect.get(suspectId) ?? [])].some((v) => v !== victimId);
    return {
      id: randomUUID(),
      version: 1,
      status: 'new',
      force: report.source.force,
      reference: report.reference,
      receivedAt,
      riskScore: null,
      riskSource: 'officer',
      maracRequired: reasons.length > 0,
      maracReasons: reasons,
      maracReferredAt: null,
      assigneeId: null,
      assignedAt: null,
      firstContactAt: null,
      slaBreachedAt: null,
      arrivedOutOfHours: isOutOfHours(receivedAt, rules.calendar),
      ...common,
      ...riskMarkers(report, null),
      childrenInHousehold: childrenFacts(report).childrenInHousehold,
      outreachArea: outreach.area,
      outreachAreaSource: outreach.source,
      outreachOutOfCounty: outreach.outOfCounty,
      serialSuspect,
    };
  });
  await insertRows(manager, CaseEntity, rows);

  const numbers = items.flatMap(({ report, receivedAt }, i) =>
    reportSuspectNumbers(report).map((number) => ({ caseId: rows[i].id, number, report, receivedAt })),
  );
  if (numbers.length)
    await manager.query(
      `INSERT INTO suspect_numbers (case_id, source, number, revision, recorded_at)
       SELECT c, 'police-report', n, r, at FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[]) AS t(c, n, r, at)
       ON CONFLICT (case_id, source, number) DO NOTHING`,
      [numbers.map((n) => n.caseId), numbers.map((n) => n.number), numbers.map((n) => n.report.revision), numbers.map((n) => n.receivedAt)],
    );

  // Another victim's case of the same suspect becomes a serial-suspect case too (a new version, announced). Only
  // suspects the read above found on another victim's case can have one to flip: the common case (none) costs no
  // statement, and the others are reached through the suspect index (a join against every case was planned as a
  // scan while a bulk import grew the table faster than its statistics).
  const linkedBySuspect = new Map<string, LinkedCaseChange[]>();
  const serialPairs = rows.filter(
    (r, i) =>
      r.suspectId && items[i].report.suspect?.personId && [...(victimsOfSuspect.get(r.suspectId) ?? [])].some((v) => v !== r.victimId),
  );
  if (serialPairs.length) {
    const pairs = [serialPairs.map((r) => r.suspectId), serialPairs.map((r) => r.victimId)];
    // Locked in id order first, so two writers flipping the same cases cannot deadlock.
    await manager.query(
      `SELECT c.id FROM cases c JOIN unnest($1::uuid[], $2::uuid[]) AS n(suspect_id, victim_id)
          ON c.suspect_id = n.suspect_id AND c.victim_id <> n.victim_id AND NOT c.serial_suspect
        WHERE c.suspect_id = ANY($1::uuid[])
       ORDER BY c.id FOR UPDATE OF c`,
      pairs,
    );
    const flipped: Array<{ id: string; version: number; suspect_id: string }> = await manager.query(
      // In a CTE so the driver answers rows (an UPDATE's own answer comes as [rows, count]).
      `WITH flipped AS (
         UPDATE cases c SET serial_suspect = true, version = c.version + 1
           FROM unnest($1::uuid[], $2::uuid[]) AS n(suspect_id, victim_id)
          WHERE c.suspect_id = n.suspect_id AND c.victim_id <> n.victim_id AND NOT c.serial_suspect
            AND c.suspect_id = ANY($1::uuid[])
          RETURNING c.id, c.version, c.suspect_id)
       SELECT id, version, suspect_id FROM flipped ORDER BY id`,
      pairs,
    );
    for (const f of flipped)
      linkedBySuspect.set(f.suspect_id, [
        ...(linkedBySuspect.get(f.suspect_id) ?? []),
        { caseId: f.id, version: Number(f.version), serialSuspect: true },
      ]);
  }

  // The victim's cases whose incident came after the new one can gain it as an earlier incident (a late report):
  // recomputed together, each announced with the new case that changed it (one per victim in a call).
  const historyByVictim = new Map<string, Array<{ caseId: string; version: number }>>();
  // The victims' cases were read above (peopleHistory): those later than a new case are locked by id.
  const laterCases = rows.flatMap((row) =>
    (incidentCases.get(row.victimId) ?? []).filter((c) => c.at > row.incidentAt.toISOString()).map((c) => c.caseId),
  );
  if (laterCases.length) {
    const others: Array<{ id: string; victim_id: string }> = await manager.query(
      `SELECT id, victim_id FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [[...new Set(laterCases)]],
    );
    const victimOf = new Map(others.map((o) => [o.id, o.victim_id]));
    for (const c of await refreshHistoryReasonsOf(
      manager,
      others.map((o) => o.id),
      rules,
    )) {
      const victim = victimOf.get(c.caseId) as string;
      historyByVictim.set(victim, [...(historyByVictim.get(victim) ?? []), c]);
    }
  }

  return rows.map((row, i) => ({
    caseId: row.id,
    version: 1,
    created: true,
    linkedChanges: row.suspectId && items[i].report.suspect?.personId ? (linkedBySuspect.get(row.suspectId) ?? []) : [],
    historyChanges: historyByVictim.get(row.victimId) ?? [],
  }));
}
