import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A victim or suspect as police know them. `policePersonId` (victim.personId) links repeat victims. */
@Entity({ name: 'persons' })
@Index('persons_police_id_uq', ['force', 'role', 'policePersonId'], {
  unique: true,
  where: 'police_person_id IS NOT NULL',
})
export class PersonEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') force!: string;
  @Column('text') role!: 'victim' | 'suspect';
  @Column('text', { name: 'police_person_id', nullable: true }) policePersonId!: string | null;
  @Column('text', { name: 'first_name', nullable: true }) firstName!: string | null;
  @Column('text', { name: 'last_name', nullable: true }) lastName!: string | null;
  @Column('date', { name: 'date_of_birth', nullable: true }) dateOfBirth!: string | null;
  @Column('text', { nullable: true }) gender!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @VersionColumn() version!: number;
}
