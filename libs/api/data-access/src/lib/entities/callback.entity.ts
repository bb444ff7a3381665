import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/** A call-back promised to a victim, inside a safe window and staffed hours. */
@Entity({ name: 'callbacks' })
@Index('callbacks_due_idx', ['status', 'dueAt'])
export class CallbackEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index('callbacks_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;
  @Column('timestamptz', { name: 'due_at' }) dueAt!: Date;
  @Column('uuid', { name: 'assigned_to' }) assignedTo!: string;
  @Column('uuid', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  /** pending | done | cancelled */
  @Column('text', { default: 'pending' }) status!: string;
  @Column('uuid', { name: 'done_attempt_id', nullable: true }) doneAttemptId!: string | null;
  @Column('text', { nullable: true }) notes!: string | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt!: Date | null;
  @Column('uuid', { name: 'cancelled_by', nullable: true }) cancelledBy!: string | null;
  @Column('text', { name: 'cancel_reason', nullable: true }) cancelReason!: string | null;
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'callbacks_case_fk' })
  case?: CaseEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_to', foreignKeyConstraintName: 'callbacks_assignee_fk' })
  assignee?: UserEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'cancelled_by', foreignKeyConstraintName: 'callbacks_canceller_fk' })
  canceller?: UserEntity | null;
}
