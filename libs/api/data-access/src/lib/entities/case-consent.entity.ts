import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/**
 * What the victim said about consent, as the hub recorded it: never updated, the case keeps every record with who,
 * when and how. The newest record that answers a question wins over the police report's value.
 */
@Entity({ name: 'case_consents' })
@Check('case_consents_recorder_ck', `"recorded_by" IS NOT NULL OR "method" = 'police-report'`)
@Index('case_consents_case_idx', ['caseId', 'caseVersion'])
export class CaseConsentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  /** The case version this record wrote: orders a case's records (bumped under the case's row lock). */
  @Column('integer', { name: 'case_version' }) caseVersion!: number;
  /** given | refused | withdrawn, or null when this record did not answer it. */
  @Column('text', { nullable: true }) contact!: string | null;
  @Column('text', { nullable: true }) sharing!: string | null;
  /** phone | in-person | written | officer-at-scene, or police-report (recorded by intake: no recorder). */
  @Column('text') method!: string;
  /** Free text kept with the record only (never in the audit trail or logs). */
  @Column('text', { nullable: true }) note!: string | null;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  /** Null only for a `police-report` record: a refusal told to an officer on another of her cases (intake). */
  @Column('uuid', { name: 'recorded_by', nullable: true }) recordedBy!: string | null;
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_consents_case_fk' })
  case?: CaseEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'case_consents_user_fk' })
  recorder?: UserEntity;
}
