import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DomainEventBus, DomainEvents, errorForLog, OnDomainEvent, repeatEvery } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import { REFERRAL_CURRENT_PLAN_STATUSES, type CaseChangedEvent, type ReferralStatus } from '@lantern/shared/domain';
import { ReferralsService } from './referrals.service';

/**
 * Open referrals carry the hub's current safe-contact plan (read when the partner asks), so when a case with open
 * referrals changes — a number found to be unsafe, times confirmed — each agency holding one is told
 * `referral.changed {referralId, status}` and its portal reloads. Nothing of the case rides along. An agency whose
 * plan changed is emailed too (ReferralsService.noticePlanChanges): after every such change, and by a sweep of every
 * open referral at the API's start and every PLAN_SWEEP_MS (what a stopped instance or a failure left untold).
 */
/** How often every open referral's plan is compared with what its agency was last given. */
export const PLAN_SWEEP_MS = 5 * 60_000;

@Injectable()
export class ReferralPlanWatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReferralPlanWatcher');

  constructor(
    private readonly db: Database,
    private readonly bus: DomainEventBus,
    private readonly referrals: ReferralsService,
  ) {}

  private stop: (() => void) | null = null;

  onApplicationBootstrap(): void {
    // At start, then every few minutes: what the watcher below missed (docs/referrals.md, "Delivery").
    void this.referrals.sweepPlanChanges().catch((e: unknown) => this.logger.warn(`referral plan sweep failed: ${errorForLog(e)}`));
    this.stop = repeatEvery(PLAN_SWEEP_MS, 'referral plan sweep', this.logger, () => this.referrals.sweepPlanChanges());
  }

  onModuleDestroy(): void {
    this.stop?.();
  }

  @OnDomainEvent(DomainEvents.CaseChanged)
  onCaseChanged(event: CaseChangedEvent): void {
    // A case just created has no referrals, but its report's suspect numbers may change the plans of her other cases'.
    void this.tell(event.caseId).catch((e: unknown) => this.logger.warn(`partner plan update not sent: ${errorForLog(e)}`));
  }

  private async tell(caseId: string): Promise<void> {
    // Its own open referrals, and those of the cases sharing its victim or suspect: a plan leaves out every suspect
    // number known on any of them (knownSuspectNumbersByCase), so a number found here can change their plans too (their
    // portals are told to read them again as well).
    const rows: Array<{ id: string; case_id: string; partner_id: string; status: ReferralStatus }> = await this.db.query(
      `WITH me AS (SELECT id, victim_id, suspect_id FROM cases WHERE id = $1)
       SELECT f.id, f.case_id, f.partner_id, f.status FROM me JOIN cases c
           ON c.id = me.id OR c.victim_id = me.victim_id OR c.suspect_id = me.suspect_id
         JOIN referrals f ON f.case_id = c.id
        WHERE f.status = ANY($2::text[]) AND f.dataset IS NOT NULL AND f.withdrawn_at IS NULL`,
      [caseId, [...REFERRAL_CURRENT_PLAN_STATUSES]],
    );
    // At once (a number found unsafe must reach the portal now); noticePlanChanges tells again those whose plan it
    // dated, once that has committed.
    for (const r of rows)
      this.bus.publish(DomainEvents.PartnerReferralChanged, { partnerId: r.partner_id, referralId: r.id, status: r.status });
    if (rows.length) await this.referrals.noticePlanChanges(rows.map((r) => r.case_id));
  }
}
