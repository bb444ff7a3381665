import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';

/**
 * A phone number known to be the suspect's on one case, normalised (normalisePhone): from a police report
 * (`suspect.phone`, every revision; never removed) or from the hub's plan (a number a caseworker marked the
 * suspect's; replaced on each plan save). Contact checks read every case of the same victim, or of the same suspect.
 */
@Entity({ name: 'suspect_numbers' })
export class SuspectNumberEntity {
  @PrimaryColumn('uuid', { name: 'case_id', primaryKeyConstraintName: 'suspect_numbers_pk' }) caseId!: string;
  /** `police-report` or `hub`. */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'suspect_numbers_pk' }) source!: string;
  @PrimaryColumn('text', { primaryKeyConstraintName: 'suspect_numbers_pk' }) number!: string;
  /** The first report revision that gave it (police-report), else null. */
  @Column('integer', { nullable: true }) revision!: number | null;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'suspect_numbers_case_fk' })
  case?: CaseEntity;
}
