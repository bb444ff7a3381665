import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/**
 * A MARAC referral the hub recorded for a case, never updated: when, to which MARAC, about which perpetrator (the
 * police person id of the case's suspect then), and the grade and MARAC reasons it was referred with. `repeat` is
 * counted from these; the MARAC form is made from them.
 */
@Entity({ name: 'marac_referrals' })
export class MaracReferralEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index('marac_referrals_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;
  @Column('timestamptz', { name: 'referred_at' }) referredAt!: Date;
  /** The victim (persons row) the referral was made for: the repeat rule's history follows her, not the case's victim now. */
  @Index('marac_referrals_victim_idx')
  @Column('uuid', { name: 'victim_id', nullable: true })
  victimId!: string | null;
  @Column('text', { name: 'marac_area' }) maracArea!: string;
  @Column('text', { name: 'perpetrator_person_id', nullable: true }) perpetratorPersonId!: string | null;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('uuid', { name: 'referred_by' }) referredBy!: string;
  @Column('text', { nullable: true }) grade!: string | null;
  @Column('text', { name: 'marac_reasons', array: true, default: () => "'{}'" }) maracReasons!: string[];
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'marac_referrals_case_fk' })
  case?: CaseEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referred_by', foreignKeyConstraintName: 'marac_referrals_user_fk' })
  referrer?: UserEntity;
}
