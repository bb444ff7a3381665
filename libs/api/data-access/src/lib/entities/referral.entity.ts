import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';

/** A referral of a case to a partner service, through its lifecycle. The dataset is stored when sent. */
@Entity({ name: 'referrals' })
@Index('referrals_partner_idx', ['partnerId', 'status'])
// The open referrals whose agencies hold a plan (ReferralsService.sweepPlanChanges walks them by id).
@Index('referrals_open_plan_idx', ['id'], {
  where: `"status" IN ('sent', 'acknowledged', 'accepted', 'outcome-recorded') AND "dataset" IS NOT NULL AND "withdrawn_at" IS NULL`,
})
export class ReferralEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index('referrals_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;
  @Column('text', { name: 'partner_id' }) partnerId!: string;
  @Column('text') service!: string;
  @Column('text') status!: string;
  @Column('integer', { default: 1 }) version!: number;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt!: Date | null;
  @Column('timestamptz', { name: 'ack_due_at', nullable: true }) ackDueAt!: Date | null;
  @Column('timestamptz', { name: 'acknowledged_at', nullable: true }) acknowledgedAt!: Date | null;
  @Column('timestamptz', { name: 'accepted_at', nullable: true }) acceptedAt!: Date | null;
  @Column('timestamptz', { name: 'declined_at', nullable: true }) declinedAt!: Date | null;
  @Column('text', { name: 'decline_reason', nullable: true }) declineReason!: string | null;
  @Column('text', { nullable: true }) outcome!: string | null;
  @Column('text', { name: 'outcome_note', nullable: true }) outcomeNote!: string | null;
  @Column('timestamptz', { name: 'outcome_at', nullable: true }) outcomeAt!: Date | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  /** When the shared dataset was erased (revoked, or sharing consent withdrawn): the partner keeps a tombstone. */
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt!: Date | null;
  @Column('text', { name: 'withdrawal_reason', nullable: true }) withdrawalReason!: string | null;
  /** Children's services: whether the victim was (or will be) told of the referral ('yes' | 'no-risk-to-child'), and why not. */
  @Column('text', { name: 'victim_informed', nullable: true }) victimInformed!: string | null;
  @Column('text', { name: 'victim_informed_reason', nullable: true }) victimInformedReason!: string | null;
  /** The partner's dataset, stored when sent; NULL for a draft and once withdrawn (erased, not hidden). */
  @Column('jsonb', { nullable: true }) dataset!: object | null;
  /**
   * SHA-256 of the safe-contact plan the agency was last given on this open referral (its portal's view): a case
   * change giving another plan emails them `contact-changed` (ReferralsService.noticePlanChanges). Null until taken.
   */
  @Column('text', { name: 'contact_plan_hash', nullable: true }) contactPlanHash!: string | null;
  /** When the plan its agency holds last changed after it was sent (the portal's "Changed since it was sent"). */
  @Column('timestamptz', { name: 'contact_plan_changed_at', nullable: true }) contactPlanChangedAt!: Date | null;
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'referrals_case_fk' })
  case?: CaseEntity;
}
