import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import { activeTeamLeads, applyReportToCase, CaseChanges, writeRestriction } from '@lantern/api/cases';
import { APP_CONFIG, DomainEvents, Problems, type AppConfig } from '@lantern/api/core';
import { LockNamespace, lockKey, ReportEntity } from '@lantern/api/data-access';
import { policeStaffSignals, type IntakeResult, type PoliceReport } from '@lantern/shared/domain';
import type { FeedSourcePrincipal } from './feed-key.guard';
import { normalizeNfc, ReportValidator } from './report-validator';

/** JSON with object keys sorted: the same report hashes the same whatever its key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface IntakeOutcome {
  httpStatus: 201 | 200;
  result: IntakeResult;
}

@Injectable()
export class IntakeService {
  private readonly logger = new Logger('Intake');

  constructor(
    private readonly validator: ReportValidator,
    private readonly audit: AuditService,
    private readonly changes: CaseChanges,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Validates and stores one report. In one transaction: the report revision, its case (created or revised),
   * the persons, an audit entry and the outbox row (the CaseChanges unit of work). The CaseChanged event is
   * published only after commit; a duplicate changes nothing and publishes nothing.
   */
  async receive(feed: FeedSourcePrincipal, body: unknown, now = new Date()): Promise<IntakeOutcome> {
    const validation = this.validator.validate(body, now);
    if (!validation.ok) throw Problems.validation(validation.errors);
    const report: PoliceReport = normalizeNfc(validation.report);
    if (report.source.force !== feed.force) {
      throw Problems.forbidden('This feed key may only send reports for its own force.');
    }
    const bodyHash = createHash('sha256').update(canonicalJson(report)).digest('hex');

    return this.changes.run(now, async (tx, m) => {
      await lockKey(m, LockNamespace.reportReference, `${report.source.force}|${report.reference}`);
      const revisions: Array<{ id: string; case_id: string; revision: number; body_hash: string }> = await m.query(
        'SELECT id, case_id, revision, body_hash FROM reports WHERE force = $1 AND reference = $2 ORDER BY revision DESC',
        [report.source.force, report.reference],
      );
      const same = revisions.find((r) => Number(r.revision) === report.revision);
      if (same) {
        if (same.body_hash !== bodyHash) {
          throw Problems.conflict(
            'revision-conflict',
            `Revision ${report.revision} of this reference was already received with a different body; send a higher revision.`,
          );
        }
        await this.audit.record(m, {
          actor: { type: 'feed', id: feed.id },
          action: 'report.duplicate',
          entityType: 'report',
          entityId: same.id,
          details: { caseId: same.case_id, revision: report.revision },
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

      const applied = await applyReportToCase(m, report, now, latest?.case_id ?? null, this.config.triage);
      const reportId = randomUUID();
      await m.insert(ReportEntity, {
        id: reportId,
        caseId: applied.caseId,
        feedSourceId: feed.id,
        force: report.source.force,
        reference: report.reference,
        revision: report.revision,
        body: report,
        bodyHash,
        receivedAt: now,
      });
      const change = applied.created ? ('created' as const) : ('revised' as const);
      const raised = applied.riskRaisedByPolice;
      await tx.caseChanged(
        applied.caseId,
        applied.version,
        [
          {
            actor: { type: 'feed', id: feed.id },
            action: applied.created ? 'report.created' : 'report.revised',
            entityType: 'case',
            entityId: applied.caseId,
            details: { reportId, revision: report.revision, system: report.source.system },
          },
          // A police revision that raises the grade is its own history line, and the assignee is told live.
          ...(raised
            ? [
                {
                  actor: { type: 'feed' as const, id: feed.id },
                  action: 'case.risk-raised-by-police',
                  entityType: 'case',
                  entityId: applied.caseId,
                  details: { from: raised.from, to: raised.to, revision: report.revision, assigneeId: raised.assigneeId },
                },
              ]
            : []),
        ],
        change,
      );
      if (raised?.assigneeId) {
        tx.publishAfterCommit(DomainEvents.RiskRaisedByPolice, {
          assigneeId: raised.assigneeId,
          caseId: applied.caseId,
          reference: report.reference,
          from: raised.from,
          to: raised.to,
        });
      }
      // The police-staff rule (case-access.ts): a victim or suspect who looks like police staff makes the case
      // restricted on arrival to the active team leads (fail safe: a team lead can lift it). Also on a revision
      // that first matches, never lifted by one.
      const signals = policeStaffSignals(this.config.caseAccess.policeStaff, {
        emails: [report.victim.email, (report.suspect as { email?: string } | undefined)?.email],
        personIds: [report.victim.personId, report.suspect?.personId],
        summary: report.incident.summary,
      });
      if (signals.length) {
        const [current] = (await m.query('SELECT restricted FROM cases WHERE id = $1', [applied.caseId])) as Array<{ restricted: boolean }>;
        if (!current?.restricted) {
          await writeRestriction(
            tx,
            applied.caseId,
            { restricted: true, accessList: await activeTeamLeads(m), reason: null, source: 'police-staff-rule' },
            { type: 'system' },
            { signals },
          );
        }
      }
      // A suspect now (or no longer) shared with another victim's case: that case's queue row changes too.
      if (applied.linkedChanges?.length)
        await tx.casesChanged(
          applied.linkedChanges.map((l) => ({
            caseId: l.caseId,
            version: l.version,
            audit: {
              actor: { type: 'feed' as const, id: feed.id },
              action: l.serialSuspect ? 'case.serial-suspect-linked' : 'case.serial-suspect-unlinked',
              entityType: 'case',
              entityId: l.caseId,
              details: { linkedCaseId: applied.caseId },
            },
          })),
        );
      // The victim's other cases whose escalation this report changed (a late report of an older incident).
      if (applied.historyChanges?.length)
        await tx.casesChanged(
          applied.historyChanges.map((h) => ({
            caseId: h.caseId,
            version: h.version,
            audit: {
              actor: { type: 'feed' as const, id: feed.id },
              action: 'case.marac-recomputed',
              entityType: 'case',
              entityId: h.caseId,
              details: { because: 'report', fromCaseId: applied.caseId },
            },
          })),
        );
      return {
        httpStatus: applied.created ? (201 as const) : (200 as const),
        result: { reportId, caseId: applied.caseId, status: change },
      };
    });
  }
}
