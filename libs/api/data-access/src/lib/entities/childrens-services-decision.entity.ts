import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseChangeReasonEntity } from './case-change-reason.entity';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/**
 * What the hub decided about children's services for the children in a case's household when it sends no referral
 * of its own (police-notified, already-involved, not-needed: libs/shared/domain children.ts), one row per decision;
 * the latest is in force while the case is on the same police revision, not reopened since, and asks for nothing the
 * decision did not weigh. The caseworker's words are a case_change_reasons row (the reason may name a social worker or
 * a police reference: correctable, and out of the append-only trail), named here and in the audit entry by its id.
 * Never updated by the application.
 */
@Entity({ name: 'childrens_services_decisions' })
@Check('childrens_services_decisions_decision_ck', `"decision" IN ('police-notified', 'already-involved', 'not-needed')`)
@Index('childrens_services_decisions_case_at_idx', ['caseId', 'at'])
export class ChildrensServicesDecisionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'childrens_services_decisions_pk' }) id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') decision!: string;
  @Column('uuid', { name: 'reason_id' }) reasonId!: string;
  /** The case's police revision when decided: a later revision may bring what it did not weigh. */
  @Column('integer') revision!: number;
  /** Why the case asked when decided (childrenToSafeguardReasons): a reason it did not weigh spends it. */
  @Column('text', { array: true }) reasons!: string[];
  @Column('timestamptz') at!: Date;
  @Column('uuid', { name: 'by' }) by!: string;
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'childrens_services_decisions_case_fk' })
  case?: CaseEntity;
  @ManyToOne(() => CaseChangeReasonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reason_id', foreignKeyConstraintName: 'childrens_services_decisions_reason_fk' })
  reasonRow?: CaseChangeReasonEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'by', foreignKeyConstraintName: 'childrens_services_decisions_user_fk' })
  user?: UserEntity;
}
