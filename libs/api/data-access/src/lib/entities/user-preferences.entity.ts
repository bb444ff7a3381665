import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/** A user's workbench preferences (queue columns and density, arrival alerts): one small JSON document per user. */
@Entity({ name: 'user_preferences' })
export class UserPreferencesEntity {
  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'user_preferences_pk' }) userId!: string;
  /** Checked against PREFERENCES_REQUEST (libs/shared/domain) before it is stored; read through resolvePreferences. */
  @Column('jsonb', { default: () => "'{}'" }) preferences!: unknown;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'user_preferences_user_fk' })
  user?: UserEntity;
}
