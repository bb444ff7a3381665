import { PersonEntity } from './person.entity';
import { UserEntity } from './user.entity';
import { Column, Entity, Index, PrimaryColumn, JoinColumn, ManyToOne } from 'typeorm';

/** The hub's record of one episode (one police reference) for one victim. */
@Entity({ name: 'cases' })
@Index('cases_force_reference_uq', ['force', 'reference'], { unique: true })
@Index('cases_status_idx', ['status'])
@Index('cases_force_received_at_idx', ['force', 'receivedAt'])
// The outcomes report's covering indexes carry INCLUDE lists (migration 1764510000000), which TypeORM cannot describe:
// declared for their names, left out of the schema comparison.
@Index('cases_received_at_idx', { synchronize: false })
// Partial indexes of migration 1764440000000-read-indexes: restricted cases (about one in a thousand) and open ones.
@Index('cases_restricted_idx', ['id'], { where: '"restricted"' })
@Index('cases_open_idx', ['receivedAt', 'id'], { where: `"status" IN ('new', 'triage', 'contacting', 'assessment', 'support')` })
// Migration 1764460000000-alert-indexes: the few cases whose contact is paused (the team lead's tray lists them).
@Index('cases_contact_paused_idx', ['updatedAt'], { where: '"contact_paused"' })
export class CaseEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Optimistic-locking version; bumped on every change and carried by case.changed events. */
  @Column('integer', { default: 1 }) version!: number;
  @Column('text', { default: 'new' }) status!: string;
  @Column('text') force!: string;
  @Column('text') reference!: string;
  @Column('timestamp with time zone', { name: 'received_at', precision: 3 }) receivedAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('integer', { name: 'current_revision' }) currentRevision!: number;
  @Column('text') area!: string;
  @Index('cases_victim_id_idx')
  @Column('uuid', { name: 'victim_id' })
  victimId!: string;
  @Index('cases_suspect_id_idx')
  @Column('uuid', { name: 'suspect_id', nullable: true })
  suspectId!: string | null;
  @Column('text', { name: 'officer_grade', nullable: true }) officerGrade!: string | null;
  @Column('text', { name: 'officer_tool', nullable: true }) officerTool!: string | null;
  @Column('text', { name: 'risk_grade', nullable: true }) riskGrade!: string | null;
  @Column('integer', { name: 'risk_score', nullable: true }) riskScore!: number | null;
  @Column('text', { name: 'risk_source', default: 'officer' }) riskSource!: string;
  /** The officer's grade with the police DASH band folded in (the higher); risk_grade is the grade in force. */
  @Column('text', { name: 'police_grade', nullable: true }) policeGrade!: string | null;
  /** "Yes" among the 24 RIC questions of the police DASH; null without one. */
  @Column('integer', { name: 'police_score', nullable: true }) policeScore!: number | null;
  /** The MARAC criteria the police assessment meets on its own (police-high-risk, visible-high-risk). */
  @Column('text', { name: 'police_reasons', array: true, default: () => "'{}'" }) policeReasons!: string[];
  /** The grade of the hub's latest DASH RIC assessment; null before the hub assessed. */
  @Column('text', { name: 'hub_grade', nullable: true }) hubGrade!: string | null;
  /** A team lead's "agreed with police" decision: {grade, reason, at, by, policeGrade, from}; null if none. */
  @Column('jsonb', { name: 'agreed_with_police', nullable: true }) agreedWithPolice!: object | null;
  @Column('boolean', { name: 'marac_required', default: false }) maracRequired!: boolean;
  @Column('text', { name: 'marac_reasons', array: true, default: () => "'{}'" }) maracReasons!: string[];
  @Column('integer', { name: 'children_count', default: 0 }) childrenCount!: number;
  @Column('boolean', { name: 'children_in_household', default: false }) childrenInHousehold!: boolean;
  @Column('boolean', { name: 'repeat_victim', default: false }) repeatVictim!: boolean;
  /** When MARAC criteria were first met for this case (interim "last MARAC referral" until referrals land). */
  @Column('timestamptz', { name: 'marac_referred_at', nullable: true }) maracReferredAt!: Date | null;
  @Column('timestamptz', { name: 'incident_at' }) incidentAt!: Date;
  @Column('integer', { name: 'previous_incidents', default: 0 }) previousIncidents!: number;
  @Column('boolean', { default: false }) strangulation!: boolean;
  @Column('boolean', { default: false }) weapon!: boolean;
  @Column('boolean', { name: 'children_present', default: false }) childrenPresent!: boolean;
  @Column('boolean', { default: false }) pregnant!: boolean;
  /** The report's children list and the police DASH children answers disagree (children.ts). */
  @Column('boolean', { name: 'children_conflict', default: false }) childrenConflict!: boolean;
  /** Ages on the incident date (Europe/London) from the latest report; null = no date of birth. */
  @Column('integer', { name: 'victim_age', nullable: true }) victimAge!: number | null;
  @Column('integer', { name: 'suspect_age', nullable: true }) suspectAge!: number | null;
  @Column('boolean', { name: 'arrived_out_of_hours', default: false }) arrivedOutOfHours!: boolean;
  /** Risk markers (DASH q6, q8, q17, q19) from the police report and the hub's latest checklist (risk-markers.ts). */
  @Column('boolean', { default: false }) separation!: boolean;
  @Column('boolean', { default: false }) stalking!: boolean;
  @Column('boolean', { name: 'threat_to_kill', default: false }) threatToKill!: boolean;
  @Column('boolean', { name: 'sexual_abuse', default: false }) sexualAbuse!: boolean;
  /** The suspect (police person id) is another victim's suspect too: kept current by every report of either case. */
  @Column('boolean', { name: 'serial_suspect', default: false }) serialSuspect!: boolean;
  /** Where outreach is allocated (null only out of county), where that came from, and whether out of county. */
  @Column('text', { name: 'outreach_area', nullable: true }) outreachArea!: string | null;
  @Column('text', { name: 'outreach_area_source', default: 'incident-area' }) outreachAreaSource!: string;
  @Column('boolean', { name: 'outreach_out_of_county', default: false }) outreachOutOfCounty!: boolean;
  @Column('timestamp with time zone', { name: 'assign_due_at', precision: 3 }) assignDueAt!: Date;
  @Column('timestamp with time zone', { name: 'first_contact_due_at', precision: 3 }) firstContactDueAt!: Date;
  @Column('timestamp with time zone', { name: 'assigned_at', precision: 3, nullable: true }) assignedAt!: Date | null;
  @Column('timestamp with time zone', { name: 'first_contact_at', precision: 3, nullable: true }) firstContactAt!: Date | null;
  /**
   * When the first-contact clock started, when not at receipt: a revision named another victim after the hub had
   * tried the earlier person, so her clock runs from then (docs/casework.md). Null: from `received_at`.
   */
  @Column('timestamp with time zone', { name: 'first_contact_clock_from', precision: 3, nullable: true })
  firstContactClockFrom!: Date | null;
  /**
   * Consent to contact in force: the latest hub record (case_consents), else consent.supportReferral of the latest
   * report. "refused" or "withdrawn" blocks every contact attempt without an override.
   */
  @Column('text', { name: 'consent_to_contact', default: 'not-asked' }) consentToContact!: string;
  /** Consent to share in force: the latest hub record, else consent.informationSharing of the latest report. */
  @Column('text', { name: 'information_sharing', default: 'not-asked' }) informationSharing!: string;
  /** The safe-contact plan ({} until first read: then it starts from the police report). */
  @Column('jsonb', { name: 'safe_contact_plan', default: () => "'{}'" }) safeContactPlan!: unknown;
  /** When a caseworker last edited the plan; until then police revisions refresh it. */
  @Column('timestamptz', { name: 'safe_contact_plan_edited_at', nullable: true }) safeContactPlanEditedAt!: Date | null;
  /** A team lead's recorded basis for sharing without consent: {ground, reason, by, at}. */
  @Column('jsonb', { name: 'safeguarding_basis', nullable: true }) safeguardingBasis!: unknown;
  /** Contact paused (someone else answered) until a team lead resumes it. */
  @Column('boolean', { name: 'contact_paused', default: false }) contactPaused!: boolean;
  /** Set once, when a clock first runs out: the breach is a recorded change, pushed live. */
  @Column('timestamptz', { name: 'sla_breached_at', nullable: true }) slaBreachedAt!: Date | null;
  @Column('uuid', { name: 'assignee_id', nullable: true }) assigneeId!: string | null;
  /** When the case last entered a closing status, and why (a CLOSURE_REASONS code, and the caseworker's note). */
  @Index('cases_closed_at_idx', { synchronize: false })
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;
  /** When the case was last reopened (closed → triage), or null: a children's services decision before it is spent. */
  @Column('timestamptz', { name: 'reopened_at', nullable: true }) reopenedAt!: Date | null;
  /**
   * When a police revision last named another person as the victim (sameVictim), or null: consent said before it is
   * another person's word and not counted (effectiveConsent).
   */
  @Column('timestamp with time zone', { name: 'victim_changed_at', precision: 3, nullable: true }) victimChangedAt!: Date | null;
  /** That revision's number: the police consent answers of earlier revisions are not hers. */
  @Column('integer', { name: 'victim_changed_revision', nullable: true }) victimChangedRevision!: number | null;
  /** The case version that revision wrote: hub consent records written at or before it are not hers. */
  @Column('integer', { name: 'victim_changed_version', nullable: true }) victimChangedVersion!: number | null;
  @Column('text', { name: 'closure_reason', nullable: true }) closureReason!: string | null;
  @Column('text', { name: 'closure_note', nullable: true }) closureNote!: string | null;
  /**
   * Restricted: only the users on access_list (and holders of an unexpired break-glass grant) see the case; to
   * everyone else it does not exist (case-access.ts). Set by a team lead or on arrival by the police-staff rule.
   */
  @Column('boolean', { default: false }) restricted!: boolean;
  @Column('uuid', { name: 'access_list', array: true, default: () => "'{}'" }) accessList!: string[];
  /** 'team-lead' or 'police-staff-rule'; with the reason and when (the audit trail says who). */
  @Column('text', { name: 'restriction_source', nullable: true }) restrictionSource!: string | null;
  @Column('text', { name: 'restriction_reason', nullable: true }) restrictionReason!: string | null;
  @Column('timestamptz', { name: 'restricted_at', nullable: true }) restrictedAt!: Date | null;
  /** The case version the restriction (or its last change of list) was written at: its live event tells those off the list. */
  @Column('integer', { name: 'restricted_version', nullable: true }) restrictedVersion!: number | null;
  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'victim_id', foreignKeyConstraintName: 'cases_victim_fk' })
  victim?: PersonEntity;
  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'suspect_id', foreignKeyConstraintName: 'cases_suspect_fk' })
  suspect?: PersonEntity | null;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'cases_assignee_fk' })
  assignee?: UserEntity | null;
}
