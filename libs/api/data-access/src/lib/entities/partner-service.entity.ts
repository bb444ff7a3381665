import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The partner directory, one row per service a partner offers. Admin-managed; never deleted, only deactivated. */
@Entity({ name: 'partner_services' })
export class PartnerServiceEntity {
  @PrimaryColumn('text') service!: string;
  @Column('text', { name: 'partner_id' }) partnerId!: string;
  @Column('text', { name: 'partner_name' }) partnerName!: string;
  @Column('text', { name: 'service_name' }) serviceName!: string;
  @Column('text') kind!: string;
  @Column('jsonb') rule!: object;
  @Column('jsonb', { nullable: true }) hours!: object | null;
  @Column('text') channel!: string;
  @Column('integer', { name: 'acknowledge_within_hours' }) acknowledgeWithinHours!: number;
  @Column('text', { name: 'notify_email' }) notifyEmail!: string;
  @Column('boolean', { default: true }) active!: boolean;
  @Column('integer', { default: 1 }) version!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
