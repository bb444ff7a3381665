import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/**
 * Break the glass: one user's time-limited access to a restricted case they are not listed on, with their reason.
 * Never updated; the case's history and the team leads' alert tray show it.
 */
@Entity({ name: 'break_glass_grants' })
@Index('break_glass_grants_case_user_idx', ['caseId', 'userId', 'expiresAt'])
export class BreakGlassGrantEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('text') reason!: string;
  @Column('timestamptz', { name: 'granted_at' }) grantedAt!: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'break_glass_grants_case_fk' })
  case?: CaseEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'break_glass_grants_user_fk' })
  user?: UserEntity;
}
