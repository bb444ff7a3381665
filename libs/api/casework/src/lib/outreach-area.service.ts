import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@lantern/api/auth';
import { CaseChanges, checkCaseVersion, lockedCase, recordChangeReason } from '@lantern/api/cases';
import { APP_CONFIG, Problems, UUID, type AppConfig } from '@lantern/api/core';
import { CaseEntity } from '@lantern/api/data-access';
import { outreachAreaChoices, type CaseSummary, type OutreachAreaRequest } from '@lantern/shared/domain';

/** Where outreach is allocated, corrected by a caseworker (the victim moved, the postcode is wrong, a border street). */
@Injectable()
export class OutreachAreaService {
  constructor(
    private readonly changes: CaseChanges,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The areas a caseworker may choose: every area of the configured postcode table. */
  choices(): string[] {
    return outreachAreaChoices(this.config.triage.outreachAreas);
  }

  async correct(user: AuthUser, caseId: string, body: OutreachAreaRequest, now = new Date()): Promise<CaseSummary> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const choices = this.choices();
    const area = body.area === null ? null : body.area.trim();
    if (area !== null && !choices.includes(area))
      throw Problems.validation([
        { path: '/area', message: `must be one of the outreach areas (${choices.join(', ')}), or null for out of county` },
      ]);
    const reason = body.reason.trim();
    return this.changes.run(now, async (tx, m) => {
      const c = await lockedCase(m, caseId);
      if (!c) throw Problems.notFound('No such case.');
      checkCaseVersion(body.version, c.version);
      const version = c.version + 1;
      const before = { area: c.outreachOutOfCounty ? null : c.outreachArea, source: c.outreachAreaSource };
      await m.update(
        CaseEntity,
        { id: caseId },
        { outreachArea: area, outreachAreaSource: 'caseworker', outreachOutOfCounty: area === null, version },
      );
      const { case: summary } = await tx.caseChanged(caseId, version, {
        actor: { type: 'user', id: user.id },
        action: 'case.outreach-area-corrected',
        entityType: 'case',
        entityId: caseId,
        // Areas are the hub's own coverage names, not personal data; the reason is the caseworker's words, kept beside
        // the trail (it may say where she moved to: case_change_reasons), named here by id.
        details: {
          from: before.area,
          fromSource: before.source,
          to: area,
          outOfCounty: area === null,
          reasonId: await recordChangeReason(m, { caseId, action: 'case.outreach-area-corrected', by: user.id, at: now, reason }),
        },
      });
      return summary;
    });
  }
}
