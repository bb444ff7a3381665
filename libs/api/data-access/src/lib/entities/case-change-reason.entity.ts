import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/**
 * The words a member of staff gave for a change (correcting the outreach area, agreeing a grade below the police's),
 * kept beside the audit trail, not in it: the trail is append-only and exported to auditors, and a reason may name a
 * place or a person ("moved to her sister's, 14 Elm Rd"), which must stay correctable and erasable (UK GDPR Art. 16,
 * 17). The audit entry names it by `reasonId`; the case's History joins it back. Never updated by the application.
 */
@Entity({ name: 'case_change_reasons' })
export class CaseChangeReasonEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'case_change_reasons_pk' }) id!: string;
  @Index('case_change_reasons_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;
  @Column('text') action!: string;
  @Column('timestamptz') at!: Date;
  @Column('uuid', { name: 'by' }) by!: string;
  @Column('text') reason!: string;
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_change_reasons_case_fk' })
  case?: CaseEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'by', foreignKeyConstraintName: 'case_change_reasons_user_fk' })
  user?: UserEntity;
}
