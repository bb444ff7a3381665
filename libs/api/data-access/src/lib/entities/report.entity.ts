import { CaseEntity } from './case.entity';
import { FeedSourceEntity } from './feed-source.entity';
import { Column, Entity, Index, PrimaryColumn, JoinColumn, ManyToOne } from 'typeorm';

/** One revision of a police report, stored exactly as accepted (after NFC normalisation). Never updated. */
@Entity({ name: 'reports' })
@Index('reports_force_reference_revision_uq', ['force', 'reference', 'revision'], { unique: true })
export class ReportEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index('reports_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;
  @Column('uuid', { name: 'feed_source_id' }) feedSourceId!: string;
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'reports_case_fk' })
  case?: CaseEntity;
  @ManyToOne(() => FeedSourceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'feed_source_id', foreignKeyConstraintName: 'reports_feed_source_fk' })
  feedSource?: FeedSourceEntity;
  @Column('text') force!: string;
  @Column('text') reference!: string;
  @Column('integer') revision!: number;
  @Column('jsonb') body!: unknown;
  /** SHA-256 of the canonical JSON of the body: tells a retry from a conflicting resend. */
  @Column('text', { name: 'body_hash' }) bodyHash!: string;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
}
