import { UserEntity } from './user.entity';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, JoinColumn, ManyToOne } from 'typeorm';

/** A signed-in session. The id is the SHA-256 of the cookie token, so a database read cannot replay it. */
@Entity({ name: 'sessions' })
export class SessionEntity {
  @PrimaryColumn('text') id!: string;
  @Index('sessions_user_id_idx')
  @Column('uuid', { name: 'user_id' })
  userId!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  /** Last use, to the minute (the idle timeout); see SessionsService. */
  @Column('timestamptz', { name: 'last_seen_at', default: () => 'now()' }) lastSeenAt!: Date;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'sessions_user_fk' })
  user?: UserEntity;
}
