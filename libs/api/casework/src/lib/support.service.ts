import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import { CaseChanges, lockCase, sinceVictimChange } from '@lantern/api/cases';
import { Problems, UUID } from '@lantern/api/core';
import { CaseDocumentEntity, Database } from '@lantern/api/data-access';
import {
  type NeedsContent,
  type SafetyPlanContent,
  type SaveNeedsRequest,
  type SaveSafetyPlanRequest,
  type Versioned,
  type VersionedDocument,
} from '@lantern/shared/domain';
import { bumpCaseVersion } from './case-version';

/** The two support records of a case. Stored as versions in the `case_documents` table (its name predates "support"). */
export type SupportRecordKind = 'needs' | 'safety-plan';

/**
 * Support: the needs assessment and the safety plan of a case (the workbench's Support tab). Each save is a new
 * version, refused when someone saved since the user opened it; every version is kept.
 */
@Injectable()
export class SupportService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly changes: CaseChanges,
  ) {}

  /** Every version of one support record, newest first; reading it is audited. */
  private async read<T>(user: AuthUser, caseId: string, kind: SupportRecordKind): Promise<VersionedDocument<T>> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    return this.db.transaction(async (m) => {
      const [c]: Array<{ victim_changed_at: Date | null }> = await m.query('SELECT victim_changed_at FROM cases WHERE id = $1', [caseId]);
      if (!c) throw Problems.notFound('No such case.');
      // Saved before a police revision named another victim: the earlier person's needs and plan, kept as history, never
      // shown as hers (docs/casework.md, "A revision that names another victim"). Her first save starts her own. The
      // one cut-off (sinceVictimChange), as the save below reads it.
      const rows: Array<{ version: number; content: T; saved_at: Date; saved_by: string; display_name: string; hers: boolean }> =
        await m.query(
          `SELECT d.version, d.content, d.saved_at, d.saved_by, u.display_name, ${sinceVictimChange('d.saved_at', '$3::timestamptz')} AS hers
             FROM case_documents d JOIN users u ON u.id = d.saved_by
            WHERE d.case_id = $1 AND d.kind = $2 ORDER BY d.version DESC`,
          [caseId, kind, c.victim_changed_at],
        );
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: `case.${kind}-read`,
        entityType: 'case',
        entityId: caseId,
      });
      const all: Versioned<T>[] = rows.map((r) => ({
        version: Number(r.version),
        content: r.content,
        savedAt: new Date(r.saved_at).toISOString(),
        savedBy: { id: r.saved_by, displayName: r.display_name },
      }));
      const hers = rows[0]?.hers ? all[0] : null;
      return {
        current: hers,
        history: hers ? all.slice(1) : all,
        victimChangedAt: c.victim_changed_at ? new Date(c.victim_changed_at).toISOString() : null,
      };
    });
  }

  needs(user: AuthUser, caseId: string): Promise<VersionedDocument<NeedsContent>> {
    return this.read<NeedsContent>(user, caseId, 'needs');
  }

  safetyPlan(user: AuthUser, caseId: string): Promise<VersionedDocument<SafetyPlanContent>> {
    return this.read<SafetyPlanContent>(user, caseId, 'safety-plan');
  }

  /** Saves a new needs version; `basedOnVersion` (the version the user edited) must still be the latest. */
  saveNeeds(user: AuthUser, caseId: string, body: SaveNeedsRequest, now = new Date()): Promise<VersionedDocument<NeedsContent>> {
    return this.save(user, caseId, 'needs', toNeeds(body.content), body.basedOnVersion, now);
  }

  saveSafetyPlan(
    user: AuthUser,
    caseId: string,
    body: SaveSafetyPlanRequest,
    now = new Date(),
  ): Promise<VersionedDocument<SafetyPlanContent>> {
    return this.save(user, caseId, 'safety-plan', toSafetyPlan(body.content), body.basedOnVersion, now);
  }

  /** Saves a new version; `based` (the version the user edited) must still be the latest. */
  private async save<T extends NeedsContent | SafetyPlanContent>(
    user: AuthUser,
    caseId: string,
    kind: SupportRecordKind,
    content: T,
    based: number | null | undefined,
    now: Date,
  ): Promise<VersionedDocument<T>> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    await this.changes.run(now, async (tx, m) => {
      if (!(await lockCase(m, caseId))) throw Problems.notFound('No such case.');
      const [latest]: Array<{ version: number | null; earlier_victims: boolean | null }> = await m.query(
        `SELECT d.version, NOT ${sinceVictimChange('d.saved_at')} AS earlier_victims
           FROM cases c LEFT JOIN LATERAL (SELECT version, saved_at FROM case_documents
                                            WHERE case_id = c.id AND kind = $2 ORDER BY version DESC LIMIT 1) d ON true
          WHERE c.id = $1`,
        [caseId, kind],
      );
      const current = latest?.version === null || latest?.version === undefined ? 0 : Number(latest.version);
      // The version the user saw as hers: none (0) when the latest was the earlier victim's (read shows it as history).
      const shown = latest?.earlier_victims ? 0 : current;
      if (based !== undefined && based !== null && based !== shown) {
        throw latest?.earlier_victims
          ? Problems.conflict(
              'victim-changed',
              'Nothing was saved: the police report has named another person as the victim since you opened this case. Reload it: what was recorded before is the earlier person’s.',
            )
          : Problems.conflict('stale-version', `Someone saved version ${current} since you opened version ${based as number}: reload it.`);
      }
      await m.insert(CaseDocumentEntity, {
        id: randomUUID(),
        caseId,
        kind,
        version: current + 1,
        content: content as object,
        savedAt: now,
        savedBy: user.id,
      });
      return bumpCaseVersion(tx, caseId, user.id, `case.${kind}-saved`, { version: current + 1 });
    });
    return this.read<T>(user, caseId, kind);
  }
}

/** The needs content as stored: every entry complete (the contract already required an urgency for a need). */
export function toNeeds(content: SaveNeedsRequest['content']): NeedsContent {
  const out: NeedsContent = {};
  for (const [k, e] of Object.entries(content) as Array<
    [keyof NeedsContent, NonNullable<SaveNeedsRequest['content'][keyof NeedsContent]>]
  >) {
    out[k] = { need: e.need, urgency: e.urgency ?? null, notes: e.notes ?? null };
  }
  return out;
}

/** The safety plan as stored: every action with an id, trimmed text and explicit flags. */
export function toSafetyPlan(content: SaveSafetyPlanRequest['content']): SafetyPlanContent {
  return {
    actions: content.actions.map((a) => ({
      id: a.id ?? randomUUID(),
      action: a.action.trim(),
      owner: a.owner,
      agreed: a.agreed === true,
      done: a.done === true,
      due: a.due ?? null,
    })),
    notes: content.notes ?? null,
  };
}
