import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/** The victim's short satisfaction survey, recorded by the caseworker at closure. One per case (re-recording replaces it). */
@Entity({ name: 'satisfaction_surveys' })
export class SatisfactionSurveyEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  /** 1 (very dissatisfied) to 5 (very satisfied). */
  @Column('integer') score!: number;
  /** yes | no | unsure */
  @Column('text', { name: 'felt_safer' }) feltSafer!: string;
  @Column('boolean', { name: 'would_recommend', nullable: true }) wouldRecommend!: boolean | null;
  @Column('text', { nullable: true }) comment!: string | null;
  @Column('uuid', { name: 'recorded_by' }) recordedBy!: string;
  @Index('satisfaction_surveys_recorded_at_idx')
  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'satisfaction_surveys_case_fk' })
  case?: CaseEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'satisfaction_surveys_user_fk' })
  recorder?: UserEntity;
}
