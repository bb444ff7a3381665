import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import {
  CaseChanges,
  loadMaracReferral,
  loadMaracReferrals,
  refreshHistoryReasons,
  refreshVictimHistory,
  type CaseChangeRecord,
  checkSameVictim,
  lockedCase,
} from '@lantern/api/cases';
import { APP_CONFIG, ProblemException, Problems, UUID, type AppConfig } from '@lantern/api/core';
import { CaseEntity, Database, MaracReferralEntity } from '@lantern/api/data-access';
import {
  maracCriterionMet,
  maracSharingAllowed,
  type MaracReferral,
  type MaracReferralRequest,
  type RiskGrade,
} from '@lantern/shared/domain';

/** The case's facts the MARAC sharing rule reads (maracSharingAllowed): its grade, reasons, consent and basis. */
export function maracFactsOf(c: {
  riskGrade: string | null;
  officerGrade: string | null;
  maracReasons: string[] | null;
  informationSharing: string | null;
  safeguardingBasis: unknown;
}): { grade: RiskGrade | null; maracRequired: boolean; sharing: string | null; basisRecorded: boolean } {
  return {
    grade: (c.riskGrade ?? c.officerGrade ?? null) as RiskGrade | null,
    maracRequired: (c.maracReasons ?? []).length > 0,
    sharing: c.informationSharing,
    basisRecorded: c.safeguardingBasis !== null && c.safeguardingBasis !== undefined,
  };
}

/** 422: a case meeting no MARAC criterion, without her consent to share or a team lead's lawful basis. */
export function maracConsentOrBasisRequired(): ProblemException {
  return new ProblemException(
    422,
    'consent-or-basis-required',
    'Consent or a lawful basis is required',
    'The case meets no MARAC criterion and the victim has not consented to sharing her details: ask her, or a team lead records a lawful basis for sharing without consent first.',
  );
}

/**
 * MARAC referrals as records. Recording one writes the referral (when, which MARAC, which perpetrator: the police
 * person id of the case's suspect now), stamps the case's `marac_referred_at` (the last referral recorded for it) and
 * recomputes the history criteria of every case of the victim (repeat is counted from these records), in one
 * CaseChanges unit of work.
 */
@Injectable()
export class MaracReferralsService {
  constructor(
    private readonly db: Database,
    private readonly changes: CaseChanges,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(user: AuthUser, caseId: string, body: MaracReferralRequest, now = new Date()): Promise<MaracReferral> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const maracArea = body.maracArea.trim();
    const note = body.note?.trim() || null;
    const rules = this.config.triage;
    return this.changes.run(now, async (tx, m) => {
      const c = await lockedCase(m, caseId);
      if (!c) throw Problems.notFound('No such case.');
      checkSameVictim(body.version, c);
      // SafeLives' four referral criteria: visible high risk, professional judgement, potential escalation, repeat (and
      // here every police high grade). A case graded high or meeting one goes whatever she said (the MARAC protocol is
      // the basis). Any other referral is professional judgement: recorded with why (the note), and without her
      // consent to share, only on a lawful basis a team lead has recorded (the form sends her address, all 24 answers
      // and her safe numbers to every agency at the meeting; and it makes her later incidents repeats). Before, any
      // caseworker could record one on any case (a referral review, session 41; ICO data sharing code, UK GDPR Art. 6/9).
      const facts = maracFactsOf(c);
      const criteriaMet = maracCriterionMet(facts);
      if (!criteriaMet && !note)
        throw Problems.validation([
          {
            path: '/note',
            message: 'the case meets no MARAC criterion: a referral on professional judgement says why (what makes the risk high)',
          },
        ]);
      if (!maracSharingAllowed(facts)) throw maracConsentOrBasisRequired();
      // The victim's person row, locked as intake's person upsert locks it: a report of theirs being written now
      // either commits first (its case is then recomputed below) or waits and reads this referral in their history.
      // Either order can deadlock with a writer that holds the person and wants this case; the transaction retries.
      await m.query('SELECT 1 FROM persons WHERE id = $1 FOR UPDATE', [c.victimId]);
      const [suspect]: Array<{ police_person_id: string | null }> = c.suspectId
        ? await m.query('SELECT police_person_id FROM persons WHERE id = $1', [c.suspectId])
        : [];
      const id = randomUUID();
      await m.insert(MaracReferralEntity, {
        id,
        caseId,
        referredAt: now,
        victimId: c.victimId,
        maracArea,
        perpetratorPersonId: suspect?.police_person_id ?? null,
        note,
        referredBy: user.id,
        grade: c.riskGrade ?? c.officerGrade ?? null,
        maracReasons: c.maracReasons ?? [],
      });
      const version = c.version + 1;
      await m.update(CaseEntity, { id: caseId }, { maracReferredAt: now, version });
      await refreshHistoryReasons(m, caseId, rules);
      const records: CaseChangeRecord[] = [
        {
          caseId,
          version,
          audit: {
            actor: { type: 'user', id: user.id },
            action: 'case.marac-referred',
            entityType: 'case',
            entityId: caseId,
            // What the sharing rests on, recorded with the decision (ICO data sharing code: a record of each decision
            // to share without consent and why). A case meeting a MARAC criterion is never refused for want of consent
            // (at high risk SafeLives expects it where proportionate), but the trail says when it went on none recorded;
            // `criterion` says whether it met one or went on professional judgement (checked above).
            details: {
              referralId: id,
              perpetratorKnown: !!suspect?.police_person_id,
              sharing: c.informationSharing,
              criterion: criteriaMet ? 'met' : 'professional-judgement',
              basis:
                c.informationSharing === 'given'
                  ? 'consent'
                  : c.safeguardingBasis
                    ? `lawful-basis:${String((c.safeguardingBasis as { ground?: unknown }).ground ?? 'recorded')}`
                    : 'none-recorded',
            },
          },
        },
      ];
      // The victim's other cases: a referral may make a later incident of theirs a repeat.
      for (const o of await refreshVictimHistory(m, caseId, [c.victimId], rules)) {
        records.push({
          caseId: o.caseId,
          version: o.version,
          audit: {
            actor: { type: 'system' },
            action: 'case.marac-recomputed',
            entityType: 'case',
            entityId: o.caseId,
            details: { because: 'marac-referral', referralId: id, fromCaseId: caseId },
          },
        });
      }
      await tx.casesChanged(records);
      const rec = await loadMaracReferral(m, caseId, id);
      if (!rec) throw new Error('the referral just recorded is not there');
      return rec;
    });
  }

  /** The case's MARAC referrals; the read is audited with the list (every read of a case is: docs/security.md). */
  async list(user: AuthUser, caseId: string): Promise<MaracReferral[]> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    return this.db.transaction(async (m) => {
      const exists = await m.query('SELECT 1 FROM cases WHERE id = $1', [caseId]);
      if (!exists.length) throw Problems.notFound('No such case.');
      const referrals = await loadMaracReferrals(m, caseId);
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'case.marac-referrals-read',
        entityType: 'case',
        entityId: caseId,
        details: { referralIds: referrals.map((r) => r.id) },
      });
      return referrals;
    });
  }
}
