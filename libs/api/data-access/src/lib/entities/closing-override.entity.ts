import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/**
 * A team lead closed a case past a closing rule (no MARAC referral record, too few contact attempt days, no children's
 * services referral or decision): which rules, into which status, and the written reason. Never updated; the history has
 * the entry.
 */
@Entity({ name: 'closing_overrides' })
export class ClosingOverrideEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index('closing_overrides_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;
  @Column('timestamptz') at!: Date;
  @Column('uuid', { name: 'by' }) by!: string;
  @Column('text', { name: 'to_status' }) toStatus!: string;
  @Column('text', { array: true }) rules!: string[];
  @Column('text') reason!: string;
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'closing_overrides_case_fk' })
  case?: CaseEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'by', foreignKeyConstraintName: 'closing_overrides_user_fk' })
  user?: UserEntity;
}
