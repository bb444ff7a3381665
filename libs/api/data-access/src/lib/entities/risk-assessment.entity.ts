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
  @Column('timestamptz', { name: 'assessed_at' }) assessedAt!: Date;
  @Column('uuid', { name: 'assessed_by' }) assessedBy!: string;
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'risk_assessments_case_fk' })
  case?: CaseEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessed_by', foreignKeyConstraintName: 'risk_assessments_user_fk' })
  assessor?: UserEntity;
}
