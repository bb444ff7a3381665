import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/** One hub DASH RIC assessment, never updated: the case keeps every one with who and when. */
@Entity({ name: 'risk_assessments' })
export class RiskAssessmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index('risk_assessments_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;
  @Column('jsonb') answers!: unknown;
  @Column('integer') score!: number;
  @Column('text', { name: 'score_grade' }) scoreGrade!: string;
  @Column('text') grade!: string;
  @Column('jsonb', { nullable: true }) judgement!: { grade: string; rationale: string } | null;
  @Column('text', { name: 'marac_reasons', array: true, default: () => "'{}'" }) maracReasons!: string[];
  /** Where each answer came from: {qN: 'victim' | 'police-prefill' | 'other-agency'}. */
  @Column('jsonb', { default: () => "'{}'" }) sources!: unknown;
  /** {answered, notKnown, declined, unanswered, complete} over the 24 RIC questions; null for older records. */
  @Column('jsonb', { nullable: true }) completeness!: unknown;
  /** The case's grade after this assessment (the higher of this one and the police grade, or an agreed one). */
  @Column('text', { name: 'case_grade', nullable: true }) caseGrade!: string | null;
  @Column('timestamptz', { name: 'assessed_at' }) assessedAt!: Date;
  @Column('uuid', { name: 'assessed_by' }) assessedBy!: string;
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'risk_assessments_case_fk' })
  case?: CaseEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessed_by', foreignKeyConstraintName: 'risk_assessments_user_fk' })
  assessor?: UserEntity;
}
