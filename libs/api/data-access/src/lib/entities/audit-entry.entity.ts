import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who did or saw what, when. Details never hold personal data: ids, counts and codes only. Append-only and
 * hash-chained in the database (migration 1764200000000-audit-trail): triggers set `prevHash` and `hash` on insert
 * and refuse UPDATE, DELETE and TRUNCATE, so never write those two columns.
 */
@Entity({ name: 'audit_entries' })
@Index('audit_entries_entity_idx', ['entityType', 'entityId'])
@Index('audit_entries_actor_idx', ['actorId', 'id'])
@Index('audit_entries_action_at_idx', ['action', 'at'])
// Expression indexes ((details->>'caseId'), id), GIN (details->'caseIds') and GIN (details->'recipients'), and the
// partial index of the police revisions a safety notice is read from, which TypeORM cannot describe: the migrations
// own them.
@Index('audit_entries_case_idx', { synchronize: false })
@Index('audit_entries_case_ids_idx', { synchronize: false })
@Index('audit_entries_recipients_idx', { synchronize: false })
@Index('audit_entries_safety_notice_idx', { synchronize: false })
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Index('audit_entries_at_idx')
  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;
  @Column('text', { name: 'actor_type' }) actorType!: 'user' | 'feed' | 'system' | 'anonymous';
  @Column('text', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text') action!: string;
  @Column('text', { name: 'entity_type', nullable: true }) entityType!: string | null;
  @Column('text', { name: 'entity_id', nullable: true }) entityId!: string | null;
  @Column('jsonb', { default: () => "'{}'" }) details!: unknown;
  /** The previous entry's `hash` (64 zeros for the first); set by the database. */
  @Column({ type: 'text', name: 'prev_hash', select: false, insert: false, update: false }) prevHash!: string;
  /** sha256 over prevHash and this entry's canonical form; set by the database. */
  @Column({ type: 'text', select: false, insert: false, update: false }) hash!: string;
}
