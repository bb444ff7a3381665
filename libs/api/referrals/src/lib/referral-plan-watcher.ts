import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainEventBus, DomainEvents, errorForLog, OnDomainEvent } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import { REFERRAL_CURRENT_PLAN_STATUSES, type CaseChangedEvent, type ReferralStatus } from '@lantern/shared/domain';
import { ReferralsService } from './referrals.service';

/**
 * Open referrals carry the hub's current safe-contact plan (read when the partner asks), so when a case with open
 * referrals changes — a number found to be unsafe, times confirmed — each agency holding one is told
 * `referral.changed {referralId, status}` and its portal reloads. Nothing of the case rides along. An agency whose
 * plan changed is emailed too (ReferralsService.noticePlanChanges): after every such change, and for every open
 * referral when the API starts (a change committed just before an instance stopped is told then).
 */
@Injectable()
export class ReferralPlanWatcher implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReferralPlanWatcher');

  constructor(
    private readonly db: Database,
    private readonly bus: DomainEventBus,
    private readonly referrals: ReferralsService,
  ) {}

  onApplicationBootstrap(): void {
    void this.referrals
      .noticePlanChanges(null)
      .catch((e: unknown) => this.logger.warn(`partner plan notices not checked: ${errorForLog(e)}`));
  }

  @OnDomainEvent(DomainEvents.CaseChanged)
  onCaseChanged(event: CaseChangedEvent): void {
    // A case just created has no referrals yet.
    if (event.change === 'created') return;
    void this.tell(event.caseId).catch((e: unknown) => this.logger.warn(`partner plan update not sent: ${errorForLog(e)}`));
  }

  private async tell(caseId: string): Promise<void> {
    const rows: Array<{ id: string; partner_id: string; status: ReferralStatus }> = await this.db.transaction((m) =>
      m.query(
        `SELECT id, partner_id, status FROM referrals
          WHERE case_id = $1 AND status = ANY($2::text[]) AND dataset IS NOT NULL AND withdrawn_at IS NULL`,
        [caseId, [...REFERRAL_CURRENT_PLAN_STATUSES]],
      ),
    );
    for (const r of rows)
      this.bus.publish(DomainEvents.PartnerReferralChanged, { partnerId: r.partner_id, referralId: r.id, status: r.status });
    if (rows.length) await this.referrals.noticePlanChanges(caseId);
  }
}
