import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who did or saw what, when. Details never hold personal data: ids, counts and codes only. */
@Entity({ name: 'audit_entries' })
@Index('audit_entries_entity_idx', ['entityType', 'entityId'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Index('audit_entries_at_idx')
  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;
  @Column('text', { name: 'actor_type' }) actorType!: 'user' | 'feed' | 'system';
  @Column('text', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text') action!: string;
  @Column('text', { name: 'entity_type', nullable: true }) entityType!: string | null;
  @Column('text', { name: 'entity_id', nullable: true }) entityId!: string | null;
  @Column('jsonb', { default: () => "'{}'" }) details!: unknown;
}
