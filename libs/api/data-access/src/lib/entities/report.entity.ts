import { CaseEntity } from './case.entity';
import { FeedSourceEntity } from './feed-source.entity';
import { Check, Column, Entity, Index, PrimaryColumn, JoinColumn, ManyToOne } from 'typeorm';
import { UserEntity } from './user.entity';

/** One revision of a police report, stored exactly as accepted (after NFC normalisation). Never updated. */
@Entity({ name: 'reports' })
@Index('reports_force_reference_revision_uq', ['force', 'reference', 'revision'], { unique: true })
// An officer's own referrals, newest first (the migration orders received_at DESC).
@Index('reports_submitted_by_idx', ['submittedBy', 'receivedAt'], { where: '"submitted_by" IS NOT NULL' })
// The reports a CSV import brought in.
@Index('reports_import_id_idx', ['importId'], { where: '"import_id" IS NOT NULL' })
// Every report names who sent it: a feed key or a signed-in person.
@Check('reports_sender_ck', '"feed_source_id" IS NOT NULL OR "submitted_by" IS NOT NULL')
export class ReportEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index('reports_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;
  /** The feed key that sent it (a records feed), or null when a signed-in person did (`submittedBy`). */
  @Column('uuid', { name: 'feed_source_id', nullable: true }) feedSourceId!: string | null;
  /** The officer (officer app) or team lead/admin (CSV import) who submitted it; null for a feed. */
  @Column('uuid', { name: 'submitted_by', nullable: true }) submittedBy!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submitted_by', foreignKeyConstraintName: 'reports_submitted_by_fk' })
  submitter?: UserEntity;
  /** The CSV import it came in with (docs/imports.md); null for the feed and the officer app. */
  @Column('uuid', { name: 'import_id', nullable: true }) importId!: string | null;
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
