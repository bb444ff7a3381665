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
  @Column('boolean', { default: false }) demo!: boolean;
  @Column('boolean', { default: true }) active!: boolean;
  /** Weekly rota in London time ({mon: {open, close} | null, …}); null = whenever the hub is staffed. */
  @Column('jsonb', { nullable: true }) rota!: object | null;
  /** The caseworker's own status: available | busy | away. */
  @Column('text', { default: 'available' }) availability!: string;
  @Column('timestamptz', { name: 'availability_at', nullable: true }) availabilityAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
