import { PersonEntity } from './person.entity';
import { UserEntity } from './user.entity';
import { Column, Entity, Index, PrimaryColumn , JoinColumn, ManyToOne } from 'typeorm';

/** The hub's record of one episode (one police reference) for one victim. */
@Entity({ name: 'cases' })
@Index('cases_force_reference_uq', ['force', 'reference'], { unique: true })
@Index('cases_triage_order_idx', ['priorityScore', 'receivedAt', 'id'])
export class CaseEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Optimistic-locking version; bumped on every change and carried by case.changed events. */
  @Column('integer', { default: 1 }) version!: number;
  @Column('text', { default: 'new' }) status!: string;
  @Column('text') force!: string;
  @Column('text') reference!: string;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('integer', { name: 'current_revision' }) currentRevision!: number;
  @Column('text') area!: string;
  @Index('cases_victim_id_idx')
  @Column('uuid', { name: 'victim_id' })
  victimId!: string;
  @Column('uuid', { name: 'suspect_id', nullable: true }) suspectId!: string | null;
  @Column('text', { name: 'officer_grade', nullable: true }) officerGrade!: string | null;
  @Column('text', { name: 'officer_tool', nullable: true }) officerTool!: string | null;
  @Column('text', { name: 'risk_grade', nullable: true }) riskGrade!: string | null;
  @Column('integer', { name: 'risk_score', nullable: true }) riskScore!: number | null;
  @Column('text', { name: 'risk_source', default: 'officer' }) riskSource!: string;
  @Column('boolean', { name: 'marac_required', default: false }) maracRequired!: boolean;
  @Column('text', { name: 'marac_reasons', array: true, default: () => "'{}'" }) maracReasons!: string[];
  @Column('integer', { name: 'children_count', default: 0 }) childrenCount!: number;
  @Column('boolean', { name: 'children_in_household', default: false }) childrenInHousehold!: boolean;
  @Column('boolean', { name: 'repeat_victim', default: false }) repeatVictim!: boolean;
  @Column('integer', { name: 'priority_score', default: 0 }) priorityScore!: number;
  @Column('jsonb', { name: 'priority_factors', default: () => "'[]'" }) priorityFactors!: unknown;
  @Column('uuid', { name: 'assignee_id', nullable: true }) assigneeId!: string | null;
  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'victim_id', foreignKeyConstraintName: 'cases_victim_fk' })
  victim?: PersonEntity;
  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'suspect_id', foreignKeyConstraintName: 'cases_suspect_fk' })
  suspect?: PersonEntity | null;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'cases_assignee_fk' })
  assignee?: UserEntity | null;
}
