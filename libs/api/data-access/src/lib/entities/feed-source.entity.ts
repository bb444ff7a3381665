import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A system allowed to post police reports: one per force records feed, officer app or import. */
@Entity({ name: 'feed_sources' })
export class FeedSourceEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  /** The force whose reports this key may send (source.force must match). */
  @Column('text') force!: string;
  /** SHA-256 of the key, hex. The key itself is never stored. */
  @Column('text', { name: 'key_hash', unique: true }) keyHash!: string;
  @Column('boolean', { default: false }) demo!: boolean;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
