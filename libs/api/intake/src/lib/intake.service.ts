import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService, type AuditRecord } from '@lantern/api/audit';
import {
  activeTeamLeads,
  applyReportToCase,
  cancelPendingCallbacks,
  CaseChanges,
  createCasesForReports,
  restrictionFromPeople,
  writeRestriction,
  lockCasesOfPeople,
  restrictCasesOfPeople,
  type AppliedReport,
  type CaseChangeRecord,
  type CaseUnitOfWork,
} from '@lantern/api/cases';
import { ConsentService, recordableSql } from '@lantern/api/casework';
import { APP_CONFIG, canonicalJson, DomainEvents, ProblemException, Problems, sqlStateOf, type AppConfig } from '@lantern/api/core';
import { ReferralsService } from '@lantern/api/referrals';
import { insertRows, LockNamespace, lockKey, preparedQuery, ReportEntity } from '@lantern/api/data-access';
import {
  consentSaysNo,
  mayShareWithoutConsent,
  policeStaffSignals,
  type ConsentQuestion,
  type EffectiveConsentValue,
  type IntakeResult,
  type PoliceReport,
  type RiskGrade,
} from '@lantern/shared/domain';
import type { FeedSourcePrincipal } from './feed-key.guard';
import { ReportValidator } from './report-validator';
import type { EntityManager } from 'typeorm';

/**
 * Who hands a report to the intake: a force's records feed (a feed key), an officer at the scene (the officer app,
 * signed in), or a team lead or admin importing a CSV extract. Every channel goes through the one `receive` below:
 * the same validation, idempotency, case writer and audit; only the audit actor and the report's sender differ.
 */
export type IntakeSubmitter =
  | { channel: 'feed'; feedSourceId: string; force: string }
  | { channel: 'officer'; userId: string; force: string }
  /**
   * `mayRevise`: the importer works cases (a team lead). An admin may import new references (issue 14) but never
   * revise one already at the hub: a revision replaces the victim's details, the safe-contact plan the hub has not
   * edited, and the police consent (withdrawing what partners hold), which is case work an admin has no part in.
   */
  | { channel: 'import'; userId: string; importId: string; force?: string; mayRevise: boolean };

/** A name or date of birth as compared: case, accents' composition and spacing do not make another person. */
function sameDetail(a: string | null | undefined, b: string | null | undefined): boolean | null {
  const norm = (v: string) =>
    v
      .normalize('NFKC')
      .replace(/[‘’`´]/g, "'")
      .trim()
      .replace(/\s+/g, ' ')
      .toLowerCase();
  return !a || !b ? null : norm(a) === norm(b);
}

type HeldPerson = {
  first_name: string | null;
  last_name: string | null;
  date_of_birth: string | null;
  gender: string | null;
  own: boolean;
};
type AsHeld = { report: PoliceReport; unlinked: Array<'victim' | 'suspect'> };

/**
 * The report as the case is written from it, for a report from any channel but the force's feed (whose person ids
 * are the police record as it is now) that names a person by the force's person id:
 * - Someone else (another date of birth, or neither name agrees: an officer's typo or a probe, an id a spreadsheet
 *   reformatted, "0482" → "482"): written unlinked, so that the held person is neither renamed on every case of hers
 *   nor joined to this victim's history — unless the held person is already this case's own (a revision), which
 *   stays linked. Written, not refused: the report still reaches the queue now (a refused import row waits until
 *   someone fixes the file), and a refusal would tell an admin, who may not read cases, whether the hub holds a
 *   person. Audited as `personIdsNotLinked`.
 * - The same person (the date of birth does not disagree, and the first or the last name agrees: a married surname,
 *   "Katie" for "Katherine"): linked. With `keepHeld` (an officer, an admin's import: keepsHeldPersons) the held
 *   name, date of birth and gender are kept (an officer's blank or variant never overwrites them); otherwise (a team
 *   lead's import, the police record from a force without a feed) the row's details are written, as the feed's are.
 * The report stored keeps what was sent either way. `held`: the persons the hub holds under the report's person ids,
 * by role (none when not held); `own` when the person is already the revised case's.
 */
function reportAsHeld(report: PoliceReport, held: Partial<Record<'victim' | 'suspect', HeldPerson>>, keepHeld: boolean): AsHeld {
  const unlinked: Array<'victim' | 'suspect'> = [];
  let out = report;
  for (const [role, person] of [
    ['victim', report.victim],
    ['suspect', report.suspect],
  ] as const) {
    const h = held[role];
    if (!person?.personId || !h) continue;
    const first = sameDetail(h.first_name, person.firstName);
    const last = sameDetail(h.last_name, person.lastName);
    const born = sameDetail(h.date_of_birth, person.dateOfBirth);
    const someoneElse = born === false || (first === false && last !== true) || (last === false && first !== true);
    let written: typeof person;
    if (someoneElse && !h.own) {
      const { personId: _unlinked, ...rest } = person;
      written = rest;
      unlinked.push(role);
    } else if (keepHeld) {
      written = {
        ...person,
        firstName: h.first_name ?? person.firstName,
        lastName: h.last_name ?? person.lastName,
        dateOfBirth: h.date_of_birth ?? person.dateOfBirth,
        gender: h.gender ?? person.gender,
      } as typeof person;
    } else continue;
    out =
      role === 'victim' ? { ...out, victim: written as PoliceReport['victim'] } : { ...out, suspect: written as PoliceReport['suspect'] };
  }
  return { report: out, unlinked };
}

/** reportAsHeld for one report, with `caseId` the case it revises (whose own persons stay linked). */
async function personsAsHeld(m: EntityManager, report: PoliceReport, caseId: string | null, keepHeld: boolean): Promise<AsHeld> {
  const held: Partial<Record<'victim' | 'suspect', HeldPerson>> = {};
  for (const [role, person] of [
    ['victim', report.victim],
    ['suspect', report.suspect],
  ] as const) {
    if (!person?.personId) continue;
    [held[role]] = await preparedQuery(
      m,
      `SELECT p.first_name, p.last_name, to_char(p.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, p.gender,
              EXISTS (SELECT 1 FROM cases c WHERE c.id = $4::uuid AND (c.victim_id = p.id OR c.suspect_id = p.id)) AS own
         FROM persons p WHERE p.force = $1 AND p.role = $2 AND p.police_person_id = $3`,
      [report.source.force, role, person.personId, caseId],
    );
  }
  return reportAsHeld(report, held, keepHeld);
}

/** reportAsHeld for a batch's first reports of new references (no case of their own yet): one read for all. */
async function manyAsHeld(m: EntityManager, reports: readonly PoliceReport[], keepHeld: boolean): Promise<AsHeld[]> {
  const keys = reports.flatMap((r) =>
    (['victim', 'suspect'] as const).flatMap((role) => {
      const pid = r[role]?.personId;
      return pid ? [{ force: r.source.force, role, pid }] : [];
    }),
  );
  const rows: Array<HeldPerson & { force: string; role: string; police_person_id: string }> = keys.length
    ? await m.query(
        `SELECT p.force, p.role, p.police_person_id, p.first_name, p.last_name,
                to_char(p.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, p.gender, false AS own
           FROM persons p JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(force, role, pid)
             ON p.force = k.force AND p.role = k.role AND p.police_person_id = k.pid`,
        [keys.map((k) => k.force), keys.map((k) => k.role), keys.map((k) => k.pid)],
      )
    : [];
  const byKey = new Map(rows.map((h) => [`${h.force}|${h.role}|${h.police_person_id}`, h]));
  return reports.map((r) =>
    reportAsHeld(
      r,
      {
        victim: r.victim.personId ? byKey.get(`${r.source.force}|victim|${r.victim.personId}`) : undefined,
        suspect: r.suspect?.personId ? byKey.get(`${r.source.force}|suspect|${r.suspect.personId}`) : undefined,
      },
      keepHeld,
    ),
  );
}

/**
 * Whether a channel's person ids leave the details of the persons the hub holds as they are (reportAsHeld): an
 * officer's variant or blank, and an admin's import (an admin does no case work), never rename a victim on every
 * case of hers. The force's feed and a team lead's import are the police record (a force without a feed sends only
 * extracts, and names do change).
 */
function keepsHeldPersons(submitter: IntakeSubmitter): boolean {
  return submitter.channel === 'officer' || (submitter.channel === 'import' && !submitter.mayRevise);
}

/** A feed key's principal as an intake submitter. */
export function feedSubmitter(feed: FeedSourcePrincipal): IntakeSubmitter {
  return { channel: 'feed', feedSourceId: feed.id, force: feed.force };
}

export interface IntakeOutcome {
  httpStatus: 201 | 200;
  result: IntakeResult;
}

type Actor = { type: 'feed'; id: string } | { type: 'user'; id: string };

/** Why a call-back went when a police revision says the victim refused contact after the hub's record. */
export const POLICE_CONTACT_REFUSED_CANCEL_REASON = 'The victim refused consent to contact (police report).';
/** Why a revision naming another victim cancels the call-backs: they were agreed with, and timed for, the earlier person. */
export const VICTIM_CHANGED_CANCEL_REASON = 'The police report now names another victim: the call-back was for the earlier person.';

/** A new case of a batch whose report says she refused contact or sharing, and the wave it was written in. */
interface BatchRefusal {
  p: PreparedReport;
  caseId: string;
  questions: ConsentQuestion[];
  wave: number;
}

/** The two questions, as the hub records them and as the police report names them. */
const POLICE_CONSENT_FIELDS = [
  ['contact', 'supportReferral'],
  ['sharing', 'informationSharing'],
] as const satisfies ReadonlyArray<readonly [ConsentQuestion, keyof PoliceReport['consent']]>;

/** The audit actor of a channel: the feed key, or the signed-in officer or importer. */
function actorOf(submitter: IntakeSubmitter): Actor {
  return submitter.channel === 'feed' ? { type: 'feed', id: submitter.feedSourceId } : { type: 'user', id: submitter.userId };
}

function channelDetailsOf(submitter: IntakeSubmitter): Record<string, string> {
  return submitter.channel === 'import' ? { channel: submitter.channel, importId: submitter.importId } : { channel: submitter.channel };
}

/**
 * The other cases a report changed, as case changes to record and announce: another victim's case whose
 * serial-suspect flag it set or cleared, and the victim's cases whose MARAC history it changed (a late report).
 */
function followOnChanges(actor: Actor, applied: AppliedReport): CaseChangeRecord[] {
  return [
    ...(applied.linkedChanges ?? []).map((l) => ({
      caseId: l.caseId,
      version: l.version,
      audit: {
        actor,
        action: l.serialSuspect ? 'case.serial-suspect-linked' : 'case.serial-suspect-unlinked',
        entityType: 'case',
        entityId: l.caseId,
        details: { linkedCaseId: applied.caseId },
      },
    })),
    ...(applied.historyChanges ?? []).map((h) => ({
      caseId: h.caseId,
      version: h.version,
      audit: {
        actor,
        action: 'case.marac-recomputed',
        entityType: 'case',
        entityId: h.caseId,
        details: { because: 'report', fromCaseId: applied.caseId },
      },
    })),
  ];
}

/**
 * A report ready for a batch (IntakeService.prepareForBatch): validated, in NFC, hashed, with the keys that order it
 * against other reports (its reference, and its victim's and suspect's police person ids). Two reports sharing a key
 * are stored in their batch order; reports sharing none may be stored in any order, or at once.
 */
export interface PreparedIntake {
  report: PoliceReport;
  bodyHash: string;
  /** When it was received (validated): its case's received time and SLA clocks start here, however long it waits. */
  receivedAt: Date;
  keys: string[];
  /** The police-staff rule restricts it on arrival: stored one by one (`receive` does that). */
  policeStaff: boolean;
}

/** A batch report: its place in the batch and its wave. */
interface PreparedReport extends PreparedIntake {
  i: number;
  wave: number;
}

/** Waves of one batch: a report with more earlier reports of the same people goes one by one. */
const MAX_WAVES = 16;

/** One report's outcome in a batch: stored (201/200) or refused (the problem its own POST would have answered). */
export type IntakeBatchOutcome = IntakeOutcome | Error;

/** The most reports of one feed committed together (the rest of those waiting go in the next group). */
const FEED_GROUP_MAX = 50;

/** A feed's report waiting for the one in flight to land: stored with the others that waited (IntakeService.receive). */
interface WaitingReport {
  prepared: PreparedIntake;
  resolve(outcome: IntakeOutcome): void;
  reject(err: unknown): void;
}

@Injectable()
export class IntakeService {
  private readonly logger = new Logger('Intake');
  /** By feed source id: its reports waiting while one of its reports or groups is being stored. */
  private readonly inFlight = new Map<string, WaitingReport[]>();

  constructor(
    private readonly validator: ReportValidator,
    private readonly audit: AuditService,
    private readonly changes: CaseChanges,
    private readonly referrals: ReferralsService,
    private readonly consent: ConsentService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * What every channel checks before a report is stored: the contract (400 naming every failing path), the
   * submitter's force (403), the officer app's own source system; the report in NFC and its canonical hash.
   */
  private prepare(submitter: IntakeSubmitter, body: unknown, now: Date): { report: PoliceReport; bodyHash: string } {
    const validation = this.validator.validate(body, now);
    if (!validation.ok) throw Problems.validation(validation.errors);
    const report: PoliceReport = validation.report;
    if (submitter.force !== undefined && report.source.force !== submitter.force) {
      throw Problems.forbidden(
        submitter.channel === 'feed'
          ? 'This feed key may only send reports for its own force.'
          : `Reports may only be sent for ${submitter.channel === 'officer' ? 'your own force' : 'the force this import is for'}.`,
      );
    }
    // A report through the officer app says so: an officer cannot pass one off as the force's records feed. An
    // import may carry what the force's extract says (a records-system extract is a batch of records-feed reports);
    // the import fills csv-import only where the extract leaves the column empty, and the audit names the channel.
    if (submitter.channel === 'officer' && report.source.system !== 'officer-app') {
      throw Problems.validation([{ path: '/source/system', message: 'must be officer-app' }]);
    }
    return { report, bodyHash: createHash('sha256').update(canonicalJson(report)).digest('hex') };
  }

  /** Whether the police-staff rule restricts this report's case on arrival (case-access.ts). */
  private policeStaffSignalsOf(report: PoliceReport) {
    return policeStaffSignals(this.config.caseAccess.policeStaff, {
      emails: [report.victim.email, (report.suspect as { email?: string } | undefined)?.email],
      personIds: [report.victim.personId, report.suspect?.personId],
      summary: report.incident.summary,
    });
  }

  /**
   * Validates and stores one report. In one transaction: the report revision, its case (created or revised),
   * the persons, an audit entry and the outbox row (the CaseChanges unit of work). The CaseChanged event is
   * published only after commit; a duplicate changes nothing and publishes nothing.
   *
   * A feed's reports are committed in groups (issue 16, part 3): a report that arrives while another of the same
   * feed is being stored waits for it, and those that waited are then stored together by `storePrepared`, each with
   * the answer it would have had alone, in arrival order. A report arriving when nothing of its feed is in flight is
   * stored at once, alone. A force's feed sending several reports at once so costs one transaction per group instead
   * of one per report (the round trips, not the rows, are what intake's time went on).
   */
  async receive(submitter: IntakeSubmitter, body: unknown, now = new Date()): Promise<IntakeOutcome> {
    if (submitter.channel !== 'feed') return this.storeOne(submitter, this.prepare(submitter, body, now), now);
    const prepared = this.prepareForBatch(submitter, body, now);
    const waiting = this.inFlight.get(submitter.feedSourceId);
    if (waiting) return new Promise((resolve, reject) => waiting.push({ prepared, resolve, reject }));
    this.inFlight.set(submitter.feedSourceId, []);
    try {
      return await this.storeOne(submitter, prepared, now);
    } finally {
      void this.storeWaiting(submitter);
    }
  }

  /** Stores, group by group, the reports of a feed that arrived while its last report or group was being stored. */
  private async storeWaiting(submitter: Extract<IntakeSubmitter, { channel: 'feed' }>): Promise<void> {
    const waiting = this.inFlight.get(submitter.feedSourceId) ?? [];
    while (waiting.length) {
      const group = waiting.splice(0, FEED_GROUP_MAX);
      const outcomes: IntakeBatchOutcome[] = await this.storePrepared(submitter, group, new Date()).catch((err: Error) =>
        group.map(() => err),
      );
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome instanceof Error) group[i].reject(outcome);
        else group[i].resolve(outcome);
      }
    }
    this.inFlight.delete(submitter.feedSourceId);
  }

  /** Stores one report already prepared (`prepare`): the transaction `receive` describes. */
  private async storeOne(
    submitter: IntakeSubmitter,
    { report, bodyHash }: { report: PoliceReport; bodyHash: string },
    now: Date,
  ): Promise<IntakeOutcome> {
    const actor = actorOf(submitter);
    const channelDetails = channelDetailsOf(submitter);

    return this.changes.run(now, async (tx, m) => {
      await lockKey(m, LockNamespace.reportReference, `${report.source.force}|${report.reference}`);
      const revisions: Array<{
        id: string;
        case_id: string;
        revision: number;
        body_hash: string;
        submitted_by: string | null;
        import_id: string | null;
      }> = await preparedQuery(
        m,
        'SELECT id, case_id, revision, body_hash, submitted_by, import_id FROM reports WHERE force = $1 AND reference = $2 ORDER BY revision DESC',
        [report.source.force, report.reference],
      );
      const same = revisions.find((r) => Number(r.revision) === report.revision);
      // This very revision and body already received: a retry, answered 200 duplicate below, whoever sends it again.
      const duplicate = !!same && same.body_hash === bodyHash;
      // An import revises only references that came in through imports: one the force's feed or an officer sent is
      // theirs to revise (an import must not replace the officer's risk assessment, nor take the feed's next revision).
      // An exact duplicate stays a duplicate: re-importing an extract that overlaps the feed is harmless.
      if (submitter.channel === 'import' && !duplicate && revisions.some((r) => r.import_id === null)) {
        throw importMayNotRevise();
      }
      if (submitter.channel === 'import' && !submitter.mayRevise && revisions.length && !duplicate) {
        throw importMayNotRevise();
      }
      // A team lead's import revises a restricted case only when they are on its access list, as any write to it needs
      // (case-access.ts; a break-the-glass grant is for reading): a revision replaces the victim's details, the police
      // consent and the safe-contact plan the hub has not edited, and restriction exists because someone at the hub
      // may know the victim or the suspect. The answer is reference-taken, as for any held reference an import may not
      // revise: it says nothing of the restriction, the case or its revisions. An exact duplicate changes nothing and
      // stays a duplicate, as in the batched path. The same rule as onAccessList (shared/domain case-access.ts).
      if (submitter.channel === 'import' && revisions.length && !duplicate) {
        const [held] = (await m.query('SELECT restricted AND NOT ($2::uuid = ANY(access_list)) AS off_list FROM cases WHERE id = $1', [
          revisions[0].case_id,
          submitter.userId,
        ])) as Array<{ off_list: boolean }>;
        if (held?.off_list) {
          throw importMayNotRevise();
        }
      }
      // An officer revises only their own referral: a reference the force's feed, an import or another officer sent
      // is not theirs to overwrite (a records-system revision of the officer's referral is the feed's to send). Asked
      // before anything about the revisions held, so that the answer for someone else's reference says nothing of them.
      // The officer's own retry of what the hub already has (the same revision and body, sent by them) stays a 200
      // duplicate even once the feed has revised the reference: it tells them nothing they did not send.
      if (
        submitter.channel === 'officer' &&
        !(duplicate && same?.submitted_by === submitter.userId) &&
        revisions.some((r) => r.submitted_by !== submitter.userId)
      ) {
        throw Problems.conflict(
          'reference-taken',
          'This reference has already reached the hub from someone else: call the hub rather than sending it again.',
        );
      }
      if (same) {
        if (same.body_hash !== bodyHash) {
          throw Problems.conflict(
            'revision-conflict',
            `Revision ${report.revision} of this reference was already received with a different body; send a higher revision.`,
          );
        }
        await this.audit.record(m, {
          actor,
          action: 'report.duplicate',
          entityType: 'report',
          entityId: same.id,
          details: { caseId: same.case_id, revision: report.revision, ...channelDetails },
        });
        return { httpStatus: 200 as const, result: { reportId: same.id, caseId: same.case_id, status: 'duplicate' as const } };
      }
      const latest = revisions[0];
      if (latest && Number(latest.revision) > report.revision) {
        throw Problems.conflict(
          'stale-revision',
          `Revision ${report.revision} is older than revision ${latest.revision} already received.`,
        );
      }

      // A person id naming someone else (but the feed's) is written unlinked: the held person is neither renamed nor
      // joined to this victim's history; an officer's or an admin's never renames the same person either
      // (reportAsHeld). The report keeps what was sent.
      const asHeld =
        submitter.channel !== 'feed'
          ? await personsAsHeld(m, report, latest?.case_id ?? null, keepsHeldPersons(submitter))
          : { report, unlinked: [] };
      const unlinked = asHeld.unlinked;
      const applied = await applyReportToCase(m, asHeld.report, now, latest?.case_id ?? null, this.config.triage);
      const reportId = randomUUID();
      await insertRows(m, ReportEntity, [
        {
          id: reportId,
          caseId: applied.caseId,
          feedSourceId: submitter.channel === 'feed' ? submitter.feedSourceId : null,
          submittedBy: submitter.channel === 'feed' ? null : submitter.userId,
          importId: submitter.channel === 'import' ? submitter.importId : null,
          force: report.source.force,
          reference: report.reference,
          revision: report.revision,
          body: report,
          bodyHash,
          receivedAt: now,
        },
      ]);
      const change = applied.created ? ('created' as const) : ('revised' as const);
      const raised = applied.riskRaisedByPolice;
      // The consent to contact in force says no (the victim told the officer, after the hub's record, or the hub heard
      // it before): any call-back still promised to her goes in this transaction, as when the hub records it
      // (docs/consent.md); the contact rule already refuses any attempt.
      // A revision that names another victim: every call-back was agreed with the earlier person, at her safe times.
      const cancelledCallbacks = applied.victimChanged
        ? await cancelPendingCallbacks(m, applied.caseId, null, now, VICTIM_CHANGED_CANCEL_REASON)
        : applied.contactRefused
          ? await cancelPendingCallbacks(m, applied.caseId, null, now, POLICE_CONTACT_REFUSED_CANCEL_REASON)
          : [];
      // The police-staff rule (below) protects the people, as a team lead's restriction does: their other cases are
      // restricted with this one (after the report's own changes are recorded, so each case's versions are recorded in
      // order). Locked here, all of them in id order, before the refusal step locks some of them and before any case
      // change takes the audit chain's and outbox's locks; a revision of one of them meanwhile, which locks its case
      // before the person rows, may deadlock with this, and the transaction is retried (Database.transaction).
      const signals = this.policeStaffSignalsOf(report);
      const othersOfPeople = signals.length ? await lockCasesOfPeople(m, applied.caseId) : [];
      // Her refusal reaches her other cases: their rows are locked and written here, after this case's and before any
      // case change takes the audit chain's and outbox's locks (announced last, below).
      const refusedElsewhere = await this.refusalReachesHerOtherCases(tx, m, actor, report, applied, now);
      // A restriction follows the person (restrictionFromPeople): read here, under the person rows' locks the case
      // writer took and before the case change takes the audit chain's (every writer waits on that one).
      const follow = (await restrictionFromPeople(m, [applied.caseId])).get(applied.caseId);
      await tx.caseChanged(
        applied.caseId,
        applied.version,
        [
          {
            actor,
            action: applied.created ? 'report.created' : 'report.revised',
            entityType: 'case',
            entityId: applied.caseId,
            details: {
              reportId,
              revision: report.revision,
              system: report.source.system,
              ...channelDetails,
              ...(unlinked.length ? { personIdsNotLinked: unlinked } : {}),
            },
          },
          // A police revision that raises the grade is its own history line, and the assignee is told live.
          ...(raised
            ? [
                {
                  actor,
                  action: 'case.risk-raised-by-police',
                  entityType: 'case',
                  entityId: applied.caseId,
                  details: { from: raised.from, to: raised.to, revision: report.revision, assigneeId: raised.assigneeId },
                },
              ]
            : []),
          // Its own history line: what the hub heard from the earlier person no longer counts (docs/casework.md).
          ...(applied.victimChanged
            ? [
                {
                  actor,
                  action: 'case.victim-changed',
                  entityType: 'case',
                  entityId: applied.caseId,
                  // What it was judged on (`evidence`) is read by the team leads' tray; the assignee is not trail detail.
                  details: { reportId, revision: report.revision, ...withoutAssignee(applied.victimChanged) },
                },
              ]
            : []),
          ...(cancelledCallbacks.length
            ? [
                {
                  actor,
                  action: 'callback.cancelled',
                  entityType: 'case',
                  entityId: applied.caseId,
                  details: applied.victimChanged
                    ? { callbackIds: cancelledCallbacks, because: 'victim-changed', source: 'police-report', revision: report.revision }
                    : {
                        callbackIds: cancelledCallbacks,
                        because: 'contact-consent',
                        value: applied.contactRefused,
                        source: 'police-report',
                        revision: report.revision,
                      },
                },
              ]
            : []),
        ],
        change,
      );
      // Who she is before how at risk: the assignee's bars list a changed victim first.
      if (applied.victimChanged?.assigneeId) {
        tx.publishAfterCommit(DomainEvents.VictimChangedByPolice, {
          assigneeId: applied.victimChanged.assigneeId,
          caseId: applied.caseId,
          reference: report.reference,
          revision: report.revision,
        });
      }
      if (raised?.assigneeId) {
        tx.publishAfterCommit(DomainEvents.RiskRaisedByPolice, {
          assigneeId: raised.assigneeId,
          caseId: applied.caseId,
          reference: report.reference,
          from: raised.from,
          to: raised.to,
          revision: report.revision,
        });
      }
      // The police-staff rule (case-access.ts): a victim or suspect who looks like police staff makes the case
      // restricted on arrival to the active team leads (fail safe: a team lead can lift it). Also on a revision
      // that first matches, never lifted by one. When a person in it is also on a restricted case, only the leads
      // those cases trust (a lead left off her case stays off).
      // Else a restriction that follows the person: her next incident, or the suspect's, is restricted on arrival to
      // those already trusted with them, also on a revision that moves the case to such a person.
      if (!signals.length && follow) {
        await writeRestriction(
          tx,
          applied.caseId,
          { restricted: true, accessList: follow.accessList, reason: null, source: 'person-restricted' },
          { type: 'system' },
          { restrictedCaseIds: follow.from },
        );
      } else if (signals.length) {
        const [current] = (await m.query('SELECT restricted, assignee_id FROM cases WHERE id = $1', [applied.caseId])) as Array<{
          restricted: boolean;
          assignee_id: string | null;
        }>;
        if (!current?.restricted) {
          // A revision of an assigned case keeps its assignee on the list: a restricted case never has an assignee who
          // cannot see it (case-restriction.ts), and a team lead can reassign it and take them off.
          const allLeads = await activeTeamLeads(m);
          const trusted = follow ? allLeads.filter((l) => follow.accessList.includes(l)) : [];
          const leads = trusted.length ? trusted : allLeads;
          const accessList = current?.assignee_id && !leads.includes(current.assignee_id) ? [...leads, current.assignee_id] : leads;
          await writeRestriction(
            tx,
            applied.caseId,
            { restricted: true, accessList, reason: null, source: 'police-staff-rule' },
            { type: 'system' },
            { signals, ...(follow ? { restrictedCaseIds: follow.from } : {}) },
          );
        }
      }
      // What partners hold is withdrawn in this transaction when the revision names another victim, or (docs/consent.md)
      // when she told the officer, after the hub's record, not to share her details, or the officer now says she was
      // never asked.
      if (applied.victimChanged) {
        // What partners were sent named the earlier person, with her numbers and her consent: withdrawn, every one but
        // a statutory referral (as always: the children are still at risk). That one stays, and its agency is shown no
        // contact details from now on (victimChangedPlan: speak to the hub first). Drafts about her are revoked. The hub
        // refers again for the victim the report names now, on her own word or a lawful basis weighed for her.
        await this.referrals.withdrawSharedData(
          m,
          applied.caseId,
          'The police report now names another victim: what was sent was about the earlier person (police report)',
          now,
          { tx, cause: 'victim-changed' },
        );
      } else if (applied.sharingRefused) {
        await this.referrals.withdrawSharedData(m, applied.caseId, 'The victim refused sharing her details (police report)', now, { tx });
      } else if (applied.sharingUnproven) {
        // The officer corrected "given" to "not asked": nothing partners hold rests on her consent any more. Withdrawn
        // (they are told), except a share a team lead's lawful basis covers now (the IDVA while the case is high risk or
        // meets MARAC: mayShareWithoutConsent); the hub asks her and sends again on her answer.
        const [c] = (await m.query(
          'SELECT safeguarding_basis IS NOT NULL AS basis, COALESCE(risk_grade, officer_grade) AS grade, marac_required FROM cases WHERE id = $1',
          [applied.caseId],
        )) as Array<{ basis: boolean; grade: RiskGrade | null; marac_required: boolean }>;
        await this.referrals.withdrawSharedData(
          m,
          applied.caseId,
          'The police now report she was not asked about sharing her details: the hub will ask her (police report)',
          now,
          {
            tx,
            cause: 'sharing-unproven',
            keep: (kind) => !!c?.basis && mayShareWithoutConsent({ grade: c.grade, maracRequired: !!c.marac_required }, { kind }),
          },
        );
      }
      // Other cases the report changed (a serial suspect linked or unlinked, a victim's escalation recomputed), then her
      // other cases her refusal was recorded on (newer versions of the same cases come after).
      await tx.casesChanged([...followOnChanges(actor, applied), ...refusedElsewhere]);
      // The police-staff rule reaches the people's other cases (locked above). Her earlier cases (and the suspect's)
      // stayed open to every caseworker before: her address, safe-contact plan and history in plain sight beside the one
      // case restricted (an access review, session 48). Also on a revision of a case restricted already: what an earlier
      // version of this rule left open is closed now.
      if (signals.length)
        await restrictCasesOfPeople(
          tx,
          applied.caseId,
          othersOfPeople,
          { reason: null, source: 'police-staff-rule' },
          { type: 'system' },
          { signals },
        );
      return {
        httpStatus: applied.created ? (201 as const) : (200 as const),
        result: { reportId, caseId: applied.caseId, status: change },
      };
    });
  }

  /**
   * A refusal she gave the officer is hers, not one incident's: when this report says she refused contact or sharing,
   * the refusal is in force on its case (the hub has not heard a later "yes" there), and it is news (a first report;
   * a revision naming another victim, or her by another police person id; a previous revision that did not say
   * refused; or one the officer asked again and timed after the refusal before), it is recorded on her other cases at
   * the hub (ConsentService.recordPoliceRefusalOnOtherCases; docs/consent.md). Returns their changes, to announce.
   * Before, her earlier case's IDVA kept her numbers and the hub could phone her there after she told the officer no.
   */
  private async refusalReachesHerOtherCases(
    tx: CaseUnitOfWork,
    m: EntityManager,
    actor: Actor,
    report: PoliceReport,
    applied: { caseId: string; victimChanged?: unknown },
    now: Date,
  ): Promise<CaseChangeRecord[]> {
    const asked = POLICE_CONSENT_FIELDS.filter(([, field]) => report.consent[field] === 'refused');
    if (!asked.length) return [];
    const [c] = (await m.query(
      `SELECT c.victim_id, c.consent_to_contact, c.information_sharing, b.consent AS before, b.victim_pid AS before_pid
         FROM cases c
         LEFT JOIN LATERAL (SELECT r.body -> 'consent' AS consent, r.body -> 'victim' ->> 'personId' AS victim_pid FROM reports r
                             WHERE r.case_id = c.id AND r.revision < $2 ORDER BY r.revision DESC LIMIT 1) b ON true
        WHERE c.id = $1`,
      [applied.caseId, report.revision],
    )) as Array<{
      victim_id: string | null;
      consent_to_contact: EffectiveConsentValue | null;
      information_sharing: EffectiveConsentValue | null;
      before: PoliceReport['consent'] | null;
      before_pid: string | null;
    }>;
    if (!c?.victim_id) return [];
    // The previous revision's answer counts only if it was about the same person row: not after a revision naming
    // another victim, nor when this one first names her by a police person id (joining her other cases).
    const samePerson = !applied.victimChanged && (c.before_pid ?? null) === (report.victim.personId ?? null);
    const before = samePerson ? c.before : null;
    // A revision resending the same refusal is that earlier answer, which she may since have told the hub otherwise
    // on her other cases: it is not recorded there again unless the officer asked again and timed it after.
    const askedAgain = (): boolean => {
      const at = Date.parse(report.consent.recordedAt ?? '');
      return !Number.isNaN(at) && !(Date.parse(before?.recordedAt ?? '') >= at);
    };
    const questions = asked
      .filter(([question, field]) => {
        const inForce = question === 'contact' ? c.consent_to_contact : c.information_sharing;
        return consentSaysNo(inForce) && (before?.[field] !== 'refused' || askedAgain());
      })
      .map(([question]) => question);
    return this.refusalOnOtherCases(tx, m, actor, report, { caseId: applied.caseId, victimId: c.victim_id, questions }, now);
  }

  /** ConsentService.recordPoliceRefusalOnOtherCases, with when she told the officer (its time, else now). */
  private refusalOnOtherCases(
    tx: CaseUnitOfWork,
    m: EntityManager,
    actor: Actor,
    report: PoliceReport,
    from: { caseId: string; victimId: string; questions: readonly ConsentQuestion[]; exclude?: ReadonlySet<string> },
    now: Date,
  ): Promise<CaseChangeRecord[]> {
    if (!from.questions.length) return Promise.resolve([]);
    const told = Date.parse(report.consent.recordedAt ?? '');
    return this.consent.recordPoliceRefusalOnOtherCases(tx, m, actor, { ...from, saidAt: Number.isNaN(told) ? now : new Date(told) }, now);
  }

  /**
   * Stores a batch of reports (a CSV import), each with the outcome its own `receive` would have had, in batch
   * order. The references' first reports go in one transaction, in waves: a report sharing a reference, victim or
   * suspect with an earlier one of the batch goes in a later wave (so it finds the earlier one stored, as it would
   * have one by one). Each wave is one read of its references, the cases written by the set-based writer
   * (createCasesForReports, the writer `receive` uses for a first report too) and one insert of reports; the batch
   * ends with one insert each of audit entries and outbox rows. Anything else (a revision, a reference already
   * held, a report the police-staff rule restricts, and every later report of the same people) goes through
   * `receive` afterwards, one by one in batch order.
   */
  async receiveMany(submitter: IntakeSubmitter, bodies: readonly unknown[], now = new Date()): Promise<IntakeBatchOutcome[]> {
    return this.storePrepared(
      submitter,
      bodies.map((body) => ({ prepared: this.tryPrepare(submitter, body, now) })),
      now,
    );
  }

  /** `prepare` for a batch: the keys that order the report against others, or the refusal its own POST would get. */
  prepareForBatch(submitter: IntakeSubmitter, body: unknown, now = new Date()): PreparedIntake {
    const p = this.prepare(submitter, body, now);
    const force = p.report.source.force;
    return {
      ...p,
      receivedAt: now,
      keys: [
        `r|${force}|${p.report.reference}`,
        ...(p.report.victim.personId ? [`v|${force}|${p.report.victim.personId}`] : []),
        ...(p.report.suspect?.personId ? [`s|${force}|${p.report.suspect.personId}`] : []),
      ],
      policeStaff: this.policeStaffSignalsOf(p.report).length > 0,
    };
  }

  tryPrepare(submitter: IntakeSubmitter, body: unknown, now = new Date()): PreparedIntake | Error {
    try {
      return this.prepareForBatch(submitter, body, now);
    } catch (err) {
      return err as Error;
    }
  }

  /** receiveMany for reports already prepared (prepareForBatch), or refused while being prepared. */
  async storePrepared(
    submitter: IntakeSubmitter,
    items: ReadonlyArray<{ prepared: PreparedIntake | Error }>,
    now = new Date(),
  ): Promise<IntakeBatchOutcome[]> {
    const outcomes: Array<IntakeBatchOutcome | undefined> = new Array(items.length);
    const prepared: PreparedReport[] = [];
    const waveOf = new Map<string, number>();
    for (const [i, { prepared: p }] of items.entries()) {
      if (p instanceof Error) {
        outcomes[i] = p;
        continue;
      }
      // The police-staff rule restricts on arrival (receive does it): such a report, and its people's later
      // reports, go one by one.
      const after = Math.max(0, ...p.keys.map((k) => waveOf.get(k) ?? 0));
      const wave = p.policeStaff || after >= MAX_WAVES ? Infinity : after + 1;
      for (const k of p.keys) waveOf.set(k, wave);
      prepared.push({ i, ...p, wave });
    }
    const batched = prepared.filter((p) => p.wave !== Infinity);
    if (batched.length) {
      try {
        for (const [i, outcome] of await this.receiveFirstReports(submitter, batched, now)) outcomes[i] = outcome;
      } catch (err) {
        // The batch could not be written as one (a conflict with a concurrent writer): each report on its own, so
        // each gets the answer its own `receive` gives. Logged with the class and SQLSTATE only (never values).
        const name = (err as Error)?.constructor?.name ?? 'Error';
        this.logger.warn(`intake batch of ${batched.length} went one by one: ${name} ${sqlStateOf(err) ?? ''}`.trim());
      }
    }
    for (const p of prepared) {
      if (outcomes[p.i]) continue;
      try {
        outcomes[p.i] = await this.storeOne(submitter, p, p.receivedAt);
      } catch (err) {
        outcomes[p.i] = err as Error;
      }
    }
    return outcomes as IntakeBatchOutcome[];
  }

  /**
   * The batch's refusals recorded on her other cases, after every wave was written and before any case change is
   * announced: one read finds the victims with another case, whose cases are then locked at once in id order (a
   * withdrawal writes audit entries, whose lock is held to commit: no case row may be waited for after it), then
   * each refusal in batch order, never on a case written for a later report of the batch (one by one, it was not
   * there yet).
   */
  private async batchRefusalsReachHerOtherCases(
    tx: CaseUnitOfWork,
    m: EntityManager,
    actor: Actor,
    refusals: readonly BatchRefusal[],
    createdInWave: ReadonlyMap<string, number>,
  ): Promise<CaseChangeRecord[]> {
    if (!refusals.length) return [];
    const known: Array<{ case_id: string; victim_id: string }> = await m.query(
      `SELECT c.id AS case_id, c.victim_id FROM cases c
        WHERE c.id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM cases o WHERE o.victim_id = c.victim_id AND o.id <> c.id)`,
      [refusals.map((r) => r.caseId)],
    );
    if (!known.length) return [];
    const victimOf = new Map(known.map((r) => [r.case_id, r.victim_id]));
    // The cases that may take a refusal (recordableSql), locked at once; each refusal below locks its own among them.
    const asked = [...new Set(refusals.flatMap((r) => r.questions))];
    await m.query(
      `SELECT c.id FROM cases c WHERE c.victim_id = ANY($1::uuid[]) AND (${asked.map(recordableSql).join(' OR ')}) ORDER BY c.id FOR UPDATE`,
      [[...new Set(victimOf.values())]],
    );
    const changes: CaseChangeRecord[] = [];
    for (const { p, caseId, questions, wave } of [...refusals].sort((a, b) => a.p.i - b.p.i)) {
      const victimId = victimOf.get(caseId);
      if (!victimId) continue;
      const exclude = new Set([...createdInWave].filter(([, w]) => w > wave).map(([id]) => id));
      changes.push(...(await this.refusalOnOtherCases(tx, m, actor, p.report, { caseId, victimId, questions, exclude }, p.receivedAt)));
    }
    return changes;
  }

  /**
   * The set-based part of receiveMany, wave by wave in one transaction: first reports of new references become
   * cases, exact duplicates are answered as such. A report whose reference already holds another revision is left
   * unsettled (the caller sends it through `receive`, which knows the revision rules), and so is every later report
   * sharing a reference or person with an unsettled one, so nothing overtakes what it followed in the batch.
   */
  private async receiveFirstReports(
    submitter: IntakeSubmitter,
    batched: readonly PreparedReport[],
    now: Date,
  ): Promise<Map<number, IntakeOutcome>> {
    const actor = actorOf(submitter);
    const channelDetails = channelDetailsOf(submitter);
    return this.changes.run(now, async (tx, m) => {
      const settled = new Map<number, IntakeOutcome>();
      const refKeys = [...new Set(batched.map((p) => `${p.report.source.force}|${p.report.reference}`))].sort();
      // The same per-reference lock as `receive`, taken in one order so two batches cannot deadlock.
      await m.query('SELECT pg_advisory_xact_lock($1, hashtext(k)) FROM (SELECT k FROM unnest($2::text[]) AS k ORDER BY k) AS keys', [
        LockNamespace.reportReference,
        refKeys,
      ]);
      const audits: AuditRecord[] = [];
      const changes: CaseChangeRecord[] = [];
      // The new cases whose report says she refused contact or sharing, and the wave each case was written in.
      const refusals: BatchRefusal[] = [];
      const createdInWave = new Map<string, number>();
      // Keys (reference, victim, suspect) held back from the batch position of the report that holds them on.
      const blockedFrom = new Map<string, number>();
      const followed = new Map<string, { accessList: string[]; from: string[] }>();
      const waves = [...new Set(batched.map((p) => p.wave))].sort((a, b) => a - b);
      for (const wave of waves) {
        const rows = batched.filter((p) => p.wave === wave);
        const held: Array<{
          force: string;
          reference: string;
          id: string;
          case_id: string;
          revision: number;
          body_hash: string;
          victim_pid: string | null;
          suspect_pid: string | null;
        }> = await m.query(
          `SELECT r.force, r.reference, r.id, r.case_id, r.revision, r.body_hash,
                  v.police_person_id AS victim_pid, s.police_person_id AS suspect_pid
             FROM reports r JOIN unnest($1::text[], $2::text[]) AS k(force, reference) ON r.force = k.force AND r.reference = k.reference
             JOIN cases c ON c.id = r.case_id
             LEFT JOIN persons v ON v.id = c.victim_id
             LEFT JOIN persons s ON s.id = c.suspect_id`,
          [rows.map((p) => p.report.source.force), rows.map((p) => p.report.reference)],
        );
        const revisionsOf = new Map<string, typeof held>();
        for (const h of held) revisionsOf.set(`${h.force}|${h.reference}`, [...(revisionsOf.get(`${h.force}|${h.reference}`) ?? []), h]);
        const block = (keys: readonly string[], from: number) => {
          for (const k of keys) blockedFrom.set(k, Math.min(blockedFrom.get(k) ?? Infinity, from));
        };
        // A revision goes one by one after the batch. It holds back every later report of its own people and of the
        // people its case has now (a revision may move the case to another victim or suspect).
        const revising = new Set<number>();
        for (const p of rows) {
          const revisions = revisionsOf.get(`${p.report.source.force}|${p.report.reference}`);
          const same = revisions?.find((r) => Number(r.revision) === p.report.revision);
          if (!revisions || (same && same.body_hash === p.bodyHash)) continue;
          revising.add(p.i);
          const force = p.report.source.force;
          block(
            [
              ...p.keys,
              ...revisions.flatMap((r) => [
                ...(r.victim_pid ? [`v|${force}|${r.victim_pid}`] : []),
                ...(r.suspect_pid ? [`s|${force}|${r.suspect_pid}`] : []),
              ]),
            ],
            p.i,
          );
        }

        // A report whose victim or suspect is on a restricted case is restricted on arrival (restrictionFromPeople),
        // which `receive` does: it goes one by one too, holding back the later reports of its people.
        const people = rows.flatMap((p) =>
          revising.has(p.i)
            ? []
            : (['victim', 'suspect'] as const).flatMap((role) => {
                const pid = p.report[role]?.personId;
                return pid ? [{ i: p.i, force: p.report.source.force, role, pid }] : [];
              }),
        );
        if (people.length) {
          const onRestricted: Array<{ i: number }> = await m.query(
            `SELECT DISTINCT k.i FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS k(i, force, role, pid)
               JOIN persons p ON p.force = k.force AND p.role = k.role AND p.police_person_id = k.pid
              WHERE EXISTS (SELECT 1 FROM cases c WHERE c.restricted AND (c.victim_id = p.id OR c.suspect_id = p.id))`,
            [people.map((x) => x.i), people.map((x) => x.force), people.map((x) => x.role), people.map((x) => x.pid)],
          );
          for (const { i } of onRestricted) {
            const p = rows.find((r) => r.i === Number(i));
            if (!p) continue;
            revising.add(p.i);
            block(p.keys, p.i);
          }
        }

        const fresh: PreparedReport[] = [];
        for (const p of rows) {
          if (revising.has(p.i)) continue;
          if (p.keys.some((k) => (blockedFrom.get(k) ?? Infinity) < p.i)) {
            block(p.keys, p.i);
            continue;
          }
          const same = revisionsOf
            .get(`${p.report.source.force}|${p.report.reference}`)
            ?.find((r) => Number(r.revision) === p.report.revision);
          if (same) {
            audits.push({
              actor,
              action: 'report.duplicate',
              entityType: 'report',
              entityId: same.id,
              details: { caseId: same.case_id, revision: p.report.revision, ...channelDetails },
            });
            settled.set(p.i, { httpStatus: 200, result: { reportId: same.id, caseId: same.case_id, status: 'duplicate' } });
          } else fresh.push(p);
        }
        if (!fresh.length) continue;

        const asHeld =
          submitter.channel !== 'feed'
            ? await manyAsHeld(
                m,
                fresh.map((p) => p.report),
                keepsHeldPersons(submitter),
              )
            : fresh.map((p) => ({ report: p.report, unlinked: [] as Array<'victim' | 'suspect'> }));
        const applied = await createCasesForReports(
          m,
          fresh.map((p, k) => ({ report: asHeld[k].report, receivedAt: p.receivedAt })),
          this.config.triage,
        );
        // Checked again now the case writer holds the person rows: a report of one of them restricted meanwhile by
        // another instance (the check above ran before that lock) makes its case restricted here too.
        for (const [caseId, f] of await restrictionFromPeople(
          m,
          applied.map((a) => a.caseId),
        ))
          followed.set(caseId, f);
        const reportIds = fresh.map(() => randomUUID());
        await insertRows(
          m,
          ReportEntity,
          fresh.map((p, k) => ({
            id: reportIds[k],
            caseId: applied[k].caseId,
            feedSourceId: submitter.channel === 'feed' ? submitter.feedSourceId : null,
            submittedBy: submitter.channel === 'feed' ? null : submitter.userId,
            importId: submitter.channel === 'import' ? submitter.importId : null,
            force: p.report.source.force,
            reference: p.report.reference,
            revision: p.report.revision,
            body: p.report,
            bodyHash: p.bodyHash,
            receivedAt: p.receivedAt,
          })),
        );
        for (const [k, p] of fresh.entries()) {
          const a = applied[k];
          changes.push({
            caseId: a.caseId,
            version: a.version,
            change: 'created',
            audit: {
              actor,
              action: 'report.created',
              entityType: 'case',
              entityId: a.caseId,
              details: {
                reportId: reportIds[k],
                revision: p.report.revision,
                system: p.report.source.system,
                ...channelDetails,
                ...(asHeld[k].unlinked.length ? { personIdsNotLinked: asHeld[k].unlinked } : {}),
              },
            },
          });
          changes.push(...followOnChanges(actor, a));
          settled.set(p.i, { httpStatus: 201, result: { reportId: reportIds[k], caseId: a.caseId, status: 'created' } });
        }
        // Her refusal at the scene reaches her other cases at the hub, as `receive` records it (a first report is
        // news, and its refusal is in force on its new case): recorded after every wave (below).
        for (const [k, p] of fresh.entries()) {
          createdInWave.set(applied[k].caseId, wave);
          const questions = POLICE_CONSENT_FIELDS.filter(([, field]) => p.report.consent[field] === 'refused').map(([q]) => q);
          if (questions.length) refusals.push({ p, caseId: applied[k].caseId, questions, wave });
        }
      }
      changes.push(...(await this.batchRefusalsReachHerOtherCases(tx, m, actor, refusals, createdInWave)));
      // The batch's last writes: its audit entries and outbox rows (their locks are held to commit); then the rare
      // restriction a person's other case gave one of its cases meanwhile, as `receive` writes it.
      await this.audit.record(m, ...audits);
      await tx.casesChanged(changes);
      for (const [caseId, f] of followed) {
        await writeRestriction(
          tx,
          caseId,
          { restricted: true, accessList: f.accessList, reason: null, source: 'person-restricted' },
          { type: 'system' },
          { restrictedCaseIds: f.from },
        );
      }
      return settled;
    });
  }
}

/**
 * Why an import row may not revise a reference the hub holds, in one wording whatever the reason (it came through the
 * feed or the officer app; the importer is an admin; its case is restricted and the importer is off its access list):
 * the row's error is read by whoever imported it and by every team lead (errors.csv), so a wording per reason told an
 * admin which channel a reference came through, and a team lead which held references are restricted (an access
 * review, session 40).
 */
function importMayNotRevise(): ProblemException {
  return Problems.conflict(
    'reference-taken',
    "This reference is already at the hub and this import may not revise it: the force's feed or the officer who sent it revises it, or a team lead who works the case imports the row.",
  );
}

function withoutAssignee<T extends { assigneeId: unknown }>({ assigneeId: _, ...rest }: T): Omit<T, 'assigneeId'> {
  return rest;
}
