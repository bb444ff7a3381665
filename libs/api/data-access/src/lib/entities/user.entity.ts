import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { unique: true }) username!: string;
  @Column('text', { name: 'display_name' }) displayName!: string;
  /** argon2id PHC string. */
  @Column('text', { name: 'password_hash' }) passwordHash!: string;
  @Column('text', { array: true }) roles!: string[];
  /** For partner users: the agency they belong to. */
  @Column('text', { name: 'partner_id', nullable: true }) partnerId!: string | null;
  /** Officers and force leads: their police force. */
  @Column('text', { nullable: true }) force!: string | null;
  /** Officers: collar number, team and email, which fill a report's officer block in the officer app. */
  @Column('text', { name: 'collar_number', nullable: true }) collarNumber!: string | null;
  @Column('text', { nullable: true }) team!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('boolean', { default: false }) demo!: boolean;
  @Column('boolean', { default: true }) active!: boolean;
  /** Weekly rota in London time ({mon: {open, close} | null, …}); null = whenever the hub is staffed. */
  @Column('jsonb', { nullable: true }) rota!: object | null;
  /** The caseworker's own status: available | busy | away. */
  @Column('text', { default: 'available' }) availability!: string;
  @Column('timestamptz', { name: 'availability_at', nullable: true }) availabilityAt!: Date | null;
  /** The TOTP secret, AES-256-GCM under LANTERN_MFA_KEY (libs/api/auth totp.ts); null = no second factor. */
  @Column('text', { name: 'mfa_secret', nullable: true }) mfaSecret!: string | null;
  /** The last RFC 6238 time step accepted: a code of this step or earlier is refused (no replay). */
  @Column('bigint', { name: 'mfa_last_step', nullable: true }) mfaLastStep!: string | null;
  @Column('timestamptz', { name: 'mfa_enrolled_at', nullable: true }) mfaEnrolledAt!: Date | null;
  /** The password is a one-time password an admin set: it must be changed at the next sign-in. */
  @Column('boolean', { name: 'must_change_password', default: false }) mustChangePassword!: boolean;
  @Column('timestamptz', { name: 'password_changed_at', nullable: true }) passwordChangedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
