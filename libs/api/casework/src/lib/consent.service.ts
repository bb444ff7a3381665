import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService, type Actor, type AuditRecord } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import {
  cancelPendingCallbacks,
  CaseChanges,
  loadCaseAccessFacts,
  consentRecords,
  loadPoliceConsents,
  checkSameVictim,
  lockedCase,
  type CaseChangeRecord,
  type CaseUnitOfWork,
} from '@lantern/api/cases';
import { Problems, UUID } from '@lantern/api/core';
import { CaseConsentEntity, CaseEntity, Database } from '@lantern/api/data-access';
import { ReferralsService } from '@lantern/api/referrals';
import {
  consentSaysNo,
  effectiveConsent,
  maySeeCase,
  type ConsentQuestion,
  type ConsentRecordMethod,
  type ConsentView,
  type EffectiveConsentValue,
  type HubConsentValue,
  type RecordConsentRequest,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';

export const CONTACT_REFUSED_CANCEL_REASON = 'The victim refused or withdrew consent to contact.';

/**
 * The note on a "no" recorded on her other cases: it names no reference (the case she said it on may be restricted
 * from someone who sees this one); the audit entry's `fromCaseId` links them, masked in History where it must be.
 */
export const SAID_ON_ANOTHER_CASE = 'Said on another case of the victim: it applies to every case of theirs.';

/** The note on a refusal told to an officer on another of her cases, recorded here by intake (no reference, as above). */
export const TOLD_THE_POLICE_ON_ANOTHER_CASE =
  'Told to the police on another case of the victim (a police report): it applies to every case of theirs.';

/**
 * SQL (over `cases c`): the question may still take a police refusal on this case, unless the hub itself holds a "no"
 * to it there (the case row says no and a record of hers says no). A "no" only the case's police report holds is
 * recorded over (recordPoliceRefusalOnOtherCases); the rest is weighed per case.
 */
export function recordableSql(question: ConsentQuestion): string {
  const [column, field] = question === 'contact' ? ['consent_to_contact', 'contact'] : ['information_sharing', 'sharing'];
  return `(c.${column} IS NULL OR c.${column} NOT IN ('refused', 'withdrawn') OR NOT EXISTS (
            SELECT 1 FROM case_consents k WHERE k.case_id = c.id AND k.${field} IN ('refused', 'withdrawn')
               AND k.case_version > COALESCE(c.victim_changed_version, 0)))`;
}

/**
 * Her other cases (the same person row) where a "no" to any of `questions` may still be recorded (recordableSql),
 * locked at once in id order before any is written: a withdrawal writes audit entries, whose lock is held to commit,
 * and no case row may be waited for after it. Only candidates: a victim with many cases is not read case by case for
 * nothing (the rest is weighed per case by the caller).
 */
async function lockOtherCasesTakingNo(
  m: EntityManager,
  victimId: string | null,
  caseId: string,
  questions: readonly ConsentQuestion[],
): Promise<Array<{ id: string }>> {
  if (!victimId || !questions.length) return [];
  return m.query(
    `SELECT c.id FROM cases c WHERE c.victim_id = $1 AND c.id <> $2 AND (${questions.map(recordableSql).join(' OR ')})
      ORDER BY c.id FOR UPDATE`,
    [victimId, caseId],
  );
}

/** Who records: the audit actor, and the member of staff the record names (null for intake's `police-report` records). */
interface Recorder {
  actor: Actor;
  userId: string | null;
}

/** What one record says: each question answered or left out, and how it was heard. */
interface ConsentAnswer {
  contact?: HubConsentValue;
  sharing?: HubConsentValue;
  method: ConsentRecordMethod;
}

/**
 * Consent as the hub hears it: each record is kept (who, when, what, how, note), and the newest record of a question
 * wins over the police report's value. The case row carries the values in force (consent_to_contact,
 * information_sharing), which the contact rules and referral eligibility read. Refusing or withdrawing consent to
 * share withdraws what partners were given, in the same transaction.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly changes: CaseChanges,
    private readonly referrals: ReferralsService,
  ) {}

  private async viewIn(m: EntityManager, caseId: string): Promise<ConsentView> {
    const police = await loadPoliceConsents(m, caseId);
    if (!police.length) throw Problems.notFound('No such case.');
    const { all: history, hers } = await consentRecords(m, caseId);
    const [c]: Array<{ victim_changed_at: Date | null }> = await m.query('SELECT victim_changed_at FROM cases WHERE id = $1', [caseId]);
    const victimChangedAt = c?.victim_changed_at ? new Date(c.victim_changed_at).toISOString() : null;
    // In force: the current victim's own records only (after a revision naming another person, not the earlier ones).
    return { ...effectiveConsent(police, hers), history, victimChangedAt };
  }

  /** GET /cases/:id/consent: the values in force and every hub record, newest first (an audited read). */
  async view(user: AuthUser, caseId: string): Promise<ConsentView> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    return this.db.transaction(async (m) => {
      const view = await this.viewIn(m, caseId);
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'case.consent-read',
        entityType: 'case',
        entityId: caseId,
      });
      return view;
    });
  }

  /**
   * POST /cases/:id/consent: what the victim said about contact and/or sharing. Allowed in any status (a victim may
   * withdraw consent after the case closed). The note stays on the record; the audit trail gets codes only.
   */
  async record(user: AuthUser, caseId: string, body: RecordConsentRequest, now = new Date()): Promise<ConsentView> {
    if (body.contact === undefined && body.sharing === undefined) {
      // A rule across two fields: the schema would need anyOf, which the OpenAPI description and fuzz samples read badly.
      throw Problems.validation([
        { path: '/contact', message: 'give contact or sharing (or both): what the victim said' },
        { path: '/sharing', message: 'give contact or sharing (or both): what the victim said' },
      ]);
    }
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const note = body.note?.trim() || null;
    return this.changes.run(now, async (tx, m) => {
      const c = await lockedCase(m, caseId);
      if (!c) throw Problems.notFound('No such case.');
      checkSameVictim(body.version, c);
      // While contact is paused after someone else answered, a "yes" may not be hers (whoever answered may have given
      // it): it waits until a team lead resumes contact and she says it herself. A "no" is always recorded.
      const given = (['contact', 'sharing'] as const).filter((q) => body[q] === 'given');
      if (c.contactPaused && given.length) {
        throw Problems.conflict(
          'contact-paused',
          'Nothing was recorded. Contact is paused after someone else answered: a "yes" is recorded once a team lead has resumed contact and she has said it herself. Record a "no" on its own now.',
        );
      }
      if (body.method === 'officer-at-scene') {
        // An officer passing on a "yes" (most often what she said at the scene, before she said no) must not undo a
        // "no" in force, whoever heard it: the hub herself, or the police (a report or revision saying refused, which
        // may be newer than the scene). A second-hand "yes" carries no time she said it; her own word, asked again and
        // recorded as heard (phone, in person), is what reopens contact or sharing (UK GDPR Art. 4(11), 7(3)).
        const before = await this.viewIn(m, caseId);
        const undone = (['contact', 'sharing'] as const).filter((q) => body[q] === 'given' && consentSaysNo(before[q].value));
        if (undone.length) {
          const said = undone
            .map(
              (q) =>
                `${q === 'contact' ? 'contact' : 'sharing her details'} (${before[q].value}, ${before[q].source === 'hub' ? 'told to the hub' : 'in the police report'})`,
            )
            .join(' and ');
          throw Problems.conflict(
            'victim-told-the-hub-no',
            `Her "no" to ${said} is on record. An officer passing on a "yes" does not change that: ask her, and record what she says as heard (phone or in person).`,
          );
        }
      }
      const recorder: Recorder = { actor: { type: 'user', id: user.id }, userId: user.id };
      const saidNo = (['contact', 'sharing'] as const).filter((q) => consentSaysNo(body[q] as EffectiveConsentValue | undefined));
      // Her other cases, locked now (below, a "no" is recorded there too): before this case's withdrawal writes audit
      // entries, whose lock is held to commit, so no case row is waited for after it.
      const others = await lockOtherCasesTakingNo(m, c.victimId, caseId, saidNo);
      const { view, change } = await this.apply(tx, m, recorder, c, body, note, now);
      const changes: CaseChangeRecord[] = [change];
      // A "no" is hers, not one incident's: it reaches every other case of hers at the hub (her earlier incident's
      // referral to the IDVA, the call-backs on it), each recorded as said on another case. Her other cases are locked
      // after this one, in id order; a second recording on one of them at once may lock the other way round, and the
      // deadlock PostgreSQL then reports is retried by Database.transaction (40P01). A "yes" stays where it was
      // heard (it reopens nothing elsewhere: fail safe). A referral review, session 41 (UK GDPR Art. 7(3): withdrawing
      // is as easy as giving, and covers all processing based on it; a partner phoning her after she said no).
      const no = {
        ...(consentSaysNo(body.contact as EffectiveConsentValue | undefined) ? { contact: body.contact } : {}),
        ...(consentSaysNo(body.sharing as EffectiveConsentValue | undefined) ? { sharing: body.sharing } : {}),
      };
      let alsoRecordedOn = 0;
      if (no.contact || no.sharing) {
        for (const { id } of others) {
          const other = await lockedCase(m, id);
          if (!other) continue;
          const inForce = await this.viewIn(m, id);
          const said = {
            ...(no.contact && !consentSaysNo(inForce.contact.value) ? { contact: no.contact } : {}),
            ...(no.sharing && !consentSaysNo(inForce.sharing.value) ? { sharing: no.sharing } : {}),
          };
          if (!said.contact && !said.sharing) continue;
          const elsewhere = await this.apply(tx, m, recorder, other, { ...said, method: body.method }, SAID_ON_ANOTHER_CASE, now, {
            fromCaseId: caseId,
          });
          changes.push(elsewhere.change);
          // Counted only where the recorder may see the case: the answer must not tell of a case restricted from them.
          const facts = await loadCaseAccessFacts(m, id, now);
          if (facts && maySeeCase(user, facts, now)) alsoRecordedOn++;
        }
      }
      await tx.casesChanged(changes);
      return alsoRecordedOn ? { ...view, alsoRecordedOn } : view;
    });
  }

  /**
   * A refusal she gave the officer, in a police report stored on one of her cases (intake, in its transaction), is
   * recorded on every other case of hers at the hub (the same person row), open or closed, as a "no" the hub hears is
   * (`record` above; docs/consent.md, "A refusal she told the officer reaches her other cases too"): a record no
   * member of staff made (method `police-report`, no recorder), its values in force, the call-backs it cancels and
   * what partners hold withdrawn, audited as `case.consent-recorded` by intake's actor with `fromCaseId`. Not recorded
   * where the hub itself already holds a "no" to that question, nor where it heard her answer herself (phone, in
   * person, in writing; not an officer's relayed "yes", which carries no time she said it) at or after she told the
   * officer (`saidAt`: the report's `consent.recordedAt`, else when the hub received it): her later word to the hub
   * stands. A "no" in force only from that case's own police report is recorded over (a later revision there could
   * otherwise reopen it). Her other cases are locked in id order, after the report's case and before any case change
   * is announced; the changes are returned for the caller to announce (the last write of its transaction).
   */
  async recordPoliceRefusalOnOtherCases(
    tx: CaseUnitOfWork,
    m: EntityManager,
    actor: Actor,
    from: {
      caseId: string;
      victimId: string;
      questions: readonly ConsentQuestion[];
      saidAt: Date;
      /** Cases not to record on (a batch's cases from reports after this one: one by one, they were not there yet). */
      exclude?: ReadonlySet<string>;
    },
    now: Date,
  ): Promise<CaseChangeRecord[]> {
    if (!from.questions.length) return [];
    const others = await lockOtherCasesTakingNo(m, from.victimId, from.caseId, from.questions);
    const changes: CaseChangeRecord[] = [];
    for (const { id } of others) {
      if (from.exclude?.has(id)) continue;
      const other = await lockedCase(m, id);
      if (!other) continue;
      const inForce = await this.viewIn(m, id);
      const said: ConsentQuestion[] = [];
      for (const q of from.questions) {
        if (await this.newerThanTheRefusal(m, id, q, inForce[q], from.saidAt)) continue;
        said.push(q);
      }
      if (!said.length) continue;
      const answer: ConsentAnswer = { method: 'police-report', ...Object.fromEntries(said.map((q) => [q, 'refused'])) };
      const { change } = await this.apply(tx, m, { actor, userId: null }, other, answer, TOLD_THE_POLICE_ON_ANOTHER_CASE, now, {
        fromCaseId: from.caseId,
      });
      changes.push(change);
    }
    return changes;
  }

  /**
   * Whether what is in force on her other case stands over a refusal she told an officer at `saidAt`: a "no" the hub
   * holds already; her own word to the hub (phone, in person, in writing) at or after it; or a police "given" on that
   * case the officer timed after it (her later word to an officer; an untimed one does not stand). An officer's relayed "yes" carries no time she said it, and a
   * "no" only that case's police report holds is recorded over (a later revision there could reopen it).
   */
  private async newerThanTheRefusal(
    m: EntityManager,
    caseId: string,
    question: ConsentQuestion,
    state: ConsentView['contact'],
    saidAt: Date,
  ): Promise<boolean> {
    if (state.source === 'hub') {
      if (consentSaysNo(state.value)) return true;
      const herOwnWord = state.method === 'phone' || state.method === 'in-person' || state.method === 'written';
      return herOwnWord && !!state.at && Date.parse(state.at) >= saidAt.getTime();
    }
    if (state.value !== 'given') return false;
    const field = question === 'contact' ? 'supportReferral' : 'informationSharing';
    // Only a "given" the officer timed: an untimed one may be a form's default or a late resend (effectiveConsent
    // never lets one outrank a refusal either).
    const given = (await loadPoliceConsents(m, caseId)).find((r) => r.consent?.[field] === 'given');
    const at = Date.parse(given?.consent?.recordedAt ?? '');
    return !Number.isNaN(at) && at > saidAt.getTime();
  }

  /**
   * Records what she said on one locked case: the record, the values in force on the case row, the call-backs a "no"
   * to contact cancels and what a "no" to sharing withdraws from partners, audited and announced as one change.
   */
  private async apply(
    tx: CaseUnitOfWork,
    m: EntityManager,
    recorder: Recorder,
    c: CaseEntity,
    body: ConsentAnswer,
    note: string | null,
    now: Date,
    from: { fromCaseId?: string } = {},
  ): Promise<{ view: ConsentView; change: CaseChangeRecord }> {
    const caseId = c.id;
    const version = c.version + 1;
    await m.insert(CaseConsentEntity, {
      id: randomUUID(),
      caseId,
      caseVersion: version,
      contact: body.contact ?? null,
      sharing: body.sharing ?? null,
      method: body.method,
      note,
      recordedAt: now,
      recordedBy: recorder.userId,
    });
    // The values in force (viewIn: effectiveConsent, the one rule), read once and returned: what the hub just heard,
    // unless the victim told the officer otherwise after it (a police recordedAt may run minutes ahead of this clock).
    const view = await this.viewIn(m, caseId);
    await m.update(
      CaseEntity,
      { id: caseId },
      {
        version,
        ...(body.contact !== undefined ? { consentToContact: view.contact.value } : {}),
        ...(body.sharing !== undefined ? { informationSharing: view.sharing.value } : {}),
      },
    );
    const actor = recorder.actor;
    const audit: AuditRecord[] = [];
    if (body.contact !== undefined) {
      audit.push({
        actor,
        action: 'case.consent-recorded',
        entityType: 'case',
        entityId: caseId,
        details: { question: 'contact', value: body.contact, method: body.method, ...from },
      });
      if (consentSaysNo(view.contact.value)) {
        // No one may phone a victim who said no: the call-backs promised to them go, in this transaction.
        const cancelled = await cancelPendingCallbacks(m, caseId, recorder.userId, now, CONTACT_REFUSED_CANCEL_REASON);
        if (cancelled.length)
          audit.push({
            actor,
            action: 'callback.cancelled',
            entityType: 'case',
            entityId: caseId,
            details: { callbackIds: cancelled, because: 'contact-consent', value: view.contact.value },
          });
      }
    }
    if (body.sharing !== undefined) {
      const details: Record<string, unknown> = { question: 'sharing', value: body.sharing, method: body.method, ...from };
      // Only when this turns the sharing in force to no (as a police revision does, case-writer): while it already
      // said no, what partners hold rests on a team lead's lawful basis (an IDVA for a high-risk victim) or is
      // statutory, not on her consent, and hearing "no" again does not end it (an objection is a team lead's call).
      if (consentSaysNo(view.sharing.value) && !consentSaysNo(c.informationSharing as EffectiveConsentValue | null)) {
        // Whatever partners hold of this victim goes, in this transaction: a tombstone stays (ReferralsService).
        // The partner reads this: it never names where she said it (another incident she did not agree to share).
        const reason =
          body.sharing === 'withdrawn'
            ? 'The victim withdrew consent to share their details.'
            : 'The victim refused consent to share their details.';
        details['sharedDataWithdrawn'] = await this.referrals.withdrawSharedData(m, caseId, reason, now, {
          tx,
          ...(recorder.userId ? { by: recorder.userId } : {}),
        });
      }
      audit.push({ actor, action: 'case.consent-recorded', entityType: 'case', entityId: caseId, details });
    }
    // The answer shows the case's consent to whoever recorded it: a read of it (not of her other cases, whose view is not returned).
    if (!from.fromCaseId) audit.push({ actor, action: 'case.consent-read', entityType: 'case', entityId: caseId });
    // Announced by the caller, once, after every case it records on: the case change takes the audit chain's and the
    // outbox's locks until commit, so no case row may be locked after it (outbox.ts: the last write).
    return { view, change: { caseId, version, audit } };
  }
}
