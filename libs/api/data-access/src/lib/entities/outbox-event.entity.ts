import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Written in the same transaction as the change it announces. `seq` orders events in commit order (inserts
 * are serialised by a transaction-scoped advisory lock) and is what reconnecting clients catch up from.
 */
@Entity({ name: 'outbox' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) seq!: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('text') topic!: string;
  @Column('uuid', { name: 'aggregate_id' }) aggregateId!: string;
  @Column('integer', { name: 'aggregate_version' }) aggregateVersion!: number;
  @Column('jsonb') payload!: unknown;
  @Index('outbox_unpublished_idx', { where: 'published_at IS NULL' })
  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt!: Date | null;
}
