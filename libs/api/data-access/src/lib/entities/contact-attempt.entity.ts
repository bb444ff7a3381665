import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/** One attempt to contact a victim: what, to where, when, by whom, the outcome, and any override. */
@Entity({ name: 'contact_attempts' })
export class ContactAttemptEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index('contact_attempts_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;
  @Column('text') channel!: string;
  @Column('text', { name: 'to_address', nullable: true }) toAddress!: string | null;
  @Column('timestamptz', { name: 'attempted_at' }) attemptedAt!: Date;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  @Column('uuid', { name: 'made_by' }) madeBy!: string;
  @Column('text', { nullable: true }) outcome!: string | null;
  /** The answer to "Is it safe to talk now?" (null: not recorded). */
  @Column('boolean', { name: 'safe_to_talk', nullable: true }) safeToTalk!: boolean | null;
  @Column('text', { nullable: true }) notes!: string | null;
  @Column('text', { name: 'override_reason', nullable: true }) overrideReason!: string | null;
  @Column('text', { name: 'overridden_rules', array: true, default: () => "'{}'" }) overriddenRules!: string[];
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'contact_attempts_case_fk' })
  case?: CaseEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'made_by', foreignKeyConstraintName: 'contact_attempts_user_fk' })
  user?: UserEntity;
}
