import { createHmac, hkdfSync, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import {
  CaseChanges,
  CaseReadAudit,
  knownSuspectNumbersByCase,
  reportSuspectNumbers,
  loadConsentHistory,
  loadPoliceConsents,
  loadMaracReferral,
  loadMaracReferrals,
  type CaseUnitOfWork,
  loadCaseAccessFacts,
  caseClosed,
  notAssignee,
  lockCase,
  lockedCase,
  maySeeSql,
  policeSafeContactsOf,
  policeSafeContactsOfCase,
  savedPlan,
  sinceVictimChange,
} from '@lantern/api/cases';
import {
  APP_CONFIG,
  canonicalJson,
  DomainEventBus,
  DomainEvents,
  ProblemException,
  Problems,
  UUID,
  type AppConfig,
} from '@lantern/api/core';
import { CaseEntity, Database, ReferralEntity } from '@lantern/api/data-access';
import {
  can,
  maracSharingAllowed,
  caseAccess,
  CLOSING_STATUSES,
  type CaseStatus,
  ageFacts,
  ageOn,
  canonicalArea,
  childrenUnknown,
  checkEligibility,
  consentSaysNo,
  childrenFacts,
  CHILDREN_FIELDS_NOT_IN_CONTRACT,
  DASH_CHILDREN_QUESTIONS,
  DASH_CHILDREN_TEXT,
  VICTIM_INFORMED_VALUES,
  type ChildrensServicesDataset,
  type VictimInformed,
  canReadCases,
  datasetScope,
  effectiveConsent,
  HUB_TIME_ZONE,
  mayShareWithoutConsent,
  partnerSafeContact,
  withoutContactMeans,
  endedReferralPlan,
  victimChangedPlan,
  planFromReport,
  policeRevision,
  type PoliceSafeContact,
  REFERRAL_ACTIONS,
  REFERRAL_CURRENT_PLAN_STATUSES,
  REFERRAL_OUTCOMES,
  referralOptions,
  type ConsentState,
  type EffectiveConsentValue,
  type EligibilityFacts,
  type LawfulBasis,
  type Gender,
  type PartnerService,
  type PoliceReport,
  type CreateReferralRequest,
  type Referral,
  type ReferralOption,
  type ReferralActionRequest,
  type SafeguardingBasis,
  type SafeguardingBasisRequest,
  type ReferralAction,
  type ReferralDataset,
  type ReferralOutcome,
  type ReferralStatus,
  type DashAnswers,
  type MaracReason,
  type OutreachAreaSource,
  type RiskGrade,
  type SafeContactPlan,
  type PartnerSafeContact,
  type ServiceKind,
  type MaracReferral,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';
import { PartnerDirectoryService } from './partner-directory.service';
import { appendReferralNotify, REFERRAL_NOTIFY_TOPIC, type ReferralNotifyKind } from './referral-delivery.service';
import { maracConsentOrBasisRequired, maracFactsOf } from './marac-referrals.service';
import { maracDocument, partnerDocument, renderPdf } from './referral-document';

interface CaseFactsRow {
  id: string;
  reference: string;
  version: number;
  risk_grade: string | null;
  officer_grade: string | null;
  marac_required: boolean;
  marac_reasons: string[];
  area: string;
  outreach_area: string | null;
  outreach_area_source: string;
  outreach_out_of_county: boolean;
  children_in_household: boolean;
  children_present: boolean;
  pregnant: boolean;
  victim_age: number | null;
  suspect_age: number | null;
  consent_to_contact: EffectiveConsentValue;
  information_sharing: EffectiveConsentValue;
  safeguarding_basis: SafeguardingBasis | null;
  safe_contact_plan: Partial<SafeContactPlan>;
  body: PoliceReport;
}

/** "given (recorded by the hub: phone, Sam Carter, 12 Nov 2026 10:00)" or "refused (police report)". */
function describeConsent(s: ConsentState): string {
  // A refusal told to the police on another of her cases reads as the police's: naming it would tell the partner of
  // an incident she did not agree to share.
  if (s.source === 'police' || s.method === 'police-report') return `${s.value} (police report)`;
  const at = s.at
    ? new Intl.DateTimeFormat('en-GB', { timeZone: HUB_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(s.at))
    : '';
  return `${s.value} (recorded by the hub: ${s.method}, ${s.by?.displayName ?? 'unknown'}, ${at})`;
}

/** A referral's statuses in which the partner may still be acting on it: withdrawing one revokes it. */
const ACTIVE_STATUSES: readonly ReferralStatus[] = ['sent', 'acknowledged', 'accepted'];

/** A dataset's `area` when the victim's home postcode is outside the county (the case's outreach area says so). */
export const OUT_OF_COUNTY_AREA = 'Outside the county';

/** Open referrals whose contact instructions are checked per transaction by the sweep (sweepPlanChanges). */
const PLAN_SWEEP_BATCH = 100;

/** The case's safe-contact plan: the caseworker's, or (until one is saved) the police report's. */
function planOf(stored: Partial<SafeContactPlan> | null | undefined, report: PoliceReport): SafeContactPlan {
  return stored && Array.isArray(stored.numbers) ? (stored as SafeContactPlan) : planFromReport(report);
}

/**
 * The case's plan as a partner gets it (partnerSafeContact), without what a police revision holds since the hub
 * reviewed it (policeRevision: `revisions`, what each report revision said, oldest first).
 */
function partnerPlanOf(
  stored: Partial<SafeContactPlan> | null | undefined,
  report: PoliceReport,
  revisions: readonly PoliceSafeContact[],
  opts: Omit<Parameters<typeof partnerSafeContact>[1], 'revision'>,
): PartnerSafeContact {
  return partnerSafeContact(planOf(stored, report), { ...opts, revision: policeRevision(savedPlan(stored), revisions) });
}

/**
 * Every number known to be a suspect's for a case: its report's `suspect.phone`, and `suspect_numbers` — police
 * reports of every revision and the hub's plans, on any case of the same victim or suspect (docs/safe-contact.md).
 */
async function knownSuspectNumbersOf(m: EntityManager, caseId: string, report: PoliceReport): Promise<string[]> {
  return [...reportSuspectNumbers(report), ...((await knownSuspectNumbersByCase(m, [caseId])).get(caseId) ?? [])];
}

/**
 * A children's services referral records whether the victim was (or will be) told, or why not ("inform the victim
 * unless that puts a child at risk": Working Together 2023); no other service takes these fields. 400 naming the path.
 */
function victimInformedOf(
  s: PartnerService,
  b: CreateReferralRequest,
): { victimInformed: VictimInformed | null; victimInformedReason: string | null } {
  const reason = b.victimInformedReason?.trim() || null;
  if (s.kind !== 'childrens-services') {
    const errors = [
      ...(b.victimInformed !== undefined ? [{ path: '/victimInformed', message: "only for a children's services referral" }] : []),
      ...(reason ? [{ path: '/victimInformedReason', message: "only for a children's services referral" }] : []),
    ];
    if (errors.length) throw Problems.validation(errors);
    return { victimInformed: null, victimInformedReason: null };
  }
  if (b.victimInformed === undefined)
    throw Problems.validation([
      {
        path: '/victimInformed',
        message: `is required for a children's services referral: ${VICTIM_INFORMED_VALUES.map((v) => `'${v}'`).join(' or ')} (tell the victim unless that puts a child at risk)`,
      },
    ]);
  if (b.victimInformed === 'no-risk-to-child' && !reason)
    throw Problems.validation([{ path: '/victimInformedReason', message: 'say why telling the victim would put a child at risk' }]);
  return { victimInformed: b.victimInformed, victimInformedReason: b.victimInformed === 'yes' ? null : reason };
}

/** The front-door (MASH) dataset of a children's services referral, from the current report and the case's facts. */
function childrensServicesDataset(
  report: PoliceReport,
  s: PartnerService,
  facts: EligibilityFacts,
  informed: { victimInformed: VictimInformed; victimInformedReason: string | null },
): ChildrensServicesDataset {
  const v = report.victim;
  const sus = report.suspect;
  const kids = childrenFacts(report);
  const address = [v.address?.line1, v.address?.line2, v.address?.town, v.address?.postcode].filter(Boolean).join(', ') || null;
  // The grounds the front door reads: what makes it a referral. The hub's own "Check:" prompts are its questions, not
  // grounds; only when nothing else is known (no age, children living elsewhere) are they sent, as what to confirm.
  const reasons = checkEligibility(facts, s).reasons.filter((r) => !/consent/i.test(r));
  const found = reasons.filter((r) => !r.startsWith('Check:'));
  const grounds = found.length ? found : reasons.map((r) => r.replace(/^Check: /, 'To confirm: '));
  return {
    grounds,
    children: (report.children ?? []).map((c) => ({
      name: c.firstName?.trim() || null,
      ageYears: c.ageYears,
      livesWithVictim: c.livesWithVictim ?? null,
      presentAtIncident: c.presentAtIncident ?? null,
      address: c.livesWithVictim === false ? null : address,
      otherParent: null,
      suspectRelationship: null,
      school: null,
    })),
    childrenNote: kids.childrenNote,
    dashChildren: DASH_CHILDREN_QUESTIONS.map((key) => ({ key, question: DASH_CHILDREN_TEXT[key], answer: kids.dash[key] ?? 'not-asked' })),
    victim: {
      firstName: v.firstName,
      lastName: v.lastName,
      dateOfBirth: v.dateOfBirth ?? null,
      ageAtIncident: facts.victimAgeAtIncident ?? null,
      gender: v.gender ?? null,
      address,
      pregnant: kids.pregnant,
      under18: facts.victimUnder18 === true,
    },
    suspect: sus
      ? {
          firstName: sus.firstName ?? null,
          lastName: sus.lastName ?? null,
          dateOfBirth: sus.dateOfBirth ?? null,
          ageAtIncident: facts.suspectAge ?? null,
          gender: sus.gender ?? null,
          relationshipToVictim: sus.relationshipToVictim ?? null,
          livesWithVictim: sus.livesWithVictim ?? null,
          arrested: sus.arrested ?? null,
          onBail: sus.onBail ?? null,
          under18: facts.suspectUnder18 === true,
        }
      : null,
    incident: {
      occurredAt: report.incident.occurredAt,
      offences: report.incident.offences ?? [],
      injuries: report.incident.injuries ?? null,
      weaponUsed: report.incident.weaponUsed ?? null,
      strangulation: report.incident.strangulation ?? null,
    },
    victimInformed: informed.victimInformed,
    victimInformedReason: informed.victimInformedReason,
    notInPoliceReport: [...CHILDREN_FIELDS_NOT_IN_CONTRACT],
  };
}

/**
 * Why the details may be shared, for the audit trail. A statutory referral (children's services) never rests on her
 * consent, given or not (it was recorded as "consent" whenever she had said yes, which a withdrawal would then seem to
 * reach); else her consent, else a team lead's lawful basis.
 */
function basisOf(s: PartnerService, facts: EligibilityFacts): 'consent' | 'statutory' | 'safeguarding' {
  return s.rule.statutory ? 'statutory' : facts.informationSharing === 'given' ? 'consent' : 'safeguarding';
}

/**
 * What withdrawing a referral's shared dataset writes, for a revoke and for withdrawn sharing consent alike: the
 * dataset erased (NULL, not hidden), when and why, and an open referral revoked. A draft was never shared: it is
 * only revoked.
 */
function withdrawal(status: string, reason: string, now: Date): Partial<Omit<ReferralEntity, 'case'>> {
  const open = status === 'draft' || (ACTIVE_STATUSES as readonly string[]).includes(status);
  return {
    dataset: null,
    // What the agency was given goes with it, its fingerprint and when it last changed too.
    contactPlanHash: null,
    contactPlanChangedAt: null,
    withdrawalReason: reason,
    withdrawnAt: status === 'draft' ? null : now,
    ...(open ? { status: 'revoked', revokedAt: now } : {}),
  };
}

/**
 * Partner directory, eligibility, and referrals through their lifecycle. Partner users see only their own
 * agency's referrals, and of a case only the minimal dataset stored when the referral was sent, with the hub's
 * current safe-contact plan while the referral is open. A withdrawn referral leaves them a tombstone.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly changes: CaseChanges,
    private readonly directory: PartnerDirectoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reads: CaseReadAudit,
    private readonly bus: DomainEventBus,
  ) {}

  /** The lawful bases a team lead may record for sharing without consent (configuration: no case data). */
  lawfulBases(): LawfulBasis[] {
    return this.config.lawfulBases.map((b) => ({ ...b }));
  }

  private async caseFacts(m: EntityManager, caseId: string, now: Date): Promise<{ row: CaseFactsRow; facts: EligibilityFacts }> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const rows: CaseFactsRow[] = await m.query(
      `SELECT c.id, c.reference, c.version, c.risk_grade, c.officer_grade, c.marac_required, c.marac_reasons, c.area,
              c.outreach_area, c.outreach_area_source, c.outreach_out_of_county, c.children_in_household, c.children_present, c.pregnant, c.victim_age, c.suspect_age, c.consent_to_contact, c.information_sharing, c.safeguarding_basis,
              c.safe_contact_plan, r.body
         FROM cases c JOIN reports r ON r.case_id = c.id AND r.revision = c.current_revision WHERE c.id = $1`,
      [caseId],
    );
    const row = rows[0];
    if (!row) throw Problems.notFound('No such case.');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: HUB_TIME_ZONE }).format(now);
    const ages = ageFacts(
      row.victim_age === null ? null : Number(row.victim_age),
      row.suspect_age === null ? null : Number(row.suspect_age),
    );
    // An incident area written another way than the table ("watford & three rivers") is that area; one the table
    // does not name at all cannot be matched to a team (eligibility asks a person). Postcode and caseworker areas are
    // the table's own.
    const areaTable = this.config.triage.outreachAreas;
    const rawArea = row.outreach_area ?? row.area;
    const known = canonicalArea(rawArea, areaTable);
    return {
      row,
      facts: {
        grade: (row.risk_grade ?? row.officer_grade) as RiskGrade | null,
        maracRequired: row.marac_required,
        gender: (row.body.victim.gender ?? null) as Gender | null,
        age: ageOn(row.body.victim.dateOfBirth, today),
        // Outreach follows the victim home: the case's outreach area (victim's postcode, incident area, or corrected).
        area: known ?? rawArea,
        areaKnown: known !== null,
        outOfCounty: row.outreach_out_of_county === true,
        areaSource: row.outreach_area_source as OutreachAreaSource,
        // Consent in force: the latest hub record, else the police report's (kept on the case row by both writers).
        supportReferral: row.consent_to_contact,
        informationSharing: row.information_sharing,
        safeguardingBasis: row.safeguarding_basis !== null && row.safeguarding_basis !== undefined,
        lawfulBasisTitle: row.safeguarding_basis?.title ?? null,
        childrenInHousehold: row.children_in_household,
        childrenPresent: row.children_present,
        childrenListed: row.body.children?.length ?? 0,
        childrenUnknown: childrenUnknown(row.body),
        suspectRelationship: row.body.suspect?.relationshipToVictim ?? null,
        suspectLivesWithVictim: row.body.suspect?.livesWithVictim ?? null,
        pregnant: row.pregnant,
        victimAgeAtIncident: ages.victimAge,
        suspectAge: ages.suspectAge,
        victimUnder18: ages.victimUnder18,
        victimUnder16: ages.victimUnder16,
        suspectUnder18: ages.suspectUnder18,
      },
    };
  }

  async options(userId: string, caseId: string, now = new Date()): Promise<ReferralOption[]> {
    return this.db.transaction(async (m) => {
      const { facts } = await this.caseFacts(m, caseId, now);
      await this.audit.record(m, {
        actor: { type: 'user', id: userId },
        action: 'case.referral-options-read',
        entityType: 'case',
        entityId: caseId,
      });
      return referralOptions(facts, await this.directory.load(m)).map((o) => ({
        partnerId: o.partnerId,
        partnerName: o.partnerName,
        service: o.service,
        serviceName: o.serviceName,
        kind: o.kind,
        eligible: o.eligible,
        reasons: o.reasons,
        ...(o.check ? { check: true } : {}),
      }));
    });
  }

  /**
   * A team lead records the lawful basis for sharing without consent: one of the configured lawful bases (400 naming
   * /ground otherwise), with a reason. Its title and legal reference are kept as they read now.
   */
  async recordSafeguardingBasis(
    lead: AuthUser,
    caseId: string,
    body: SafeguardingBasisRequest,
    now = new Date(),
  ): Promise<SafeguardingBasis> {
    const chosen = this.config.lawfulBases.find((b) => b.code === body.ground);
    if (!chosen)
      throw Problems.validation([
        { path: '/ground', message: `must be one of the lawful bases: ${this.config.lawfulBases.map((b) => b.code).join(', ')}` },
      ]);
    const basis: SafeguardingBasis = {
      ground: chosen.code,
      title: chosen.title,
      legalReference: chosen.legalReference,
      reason: body.reason.trim(),
      by: lead.displayName,
      at: now.toISOString(),
    };
    await this.changes.run(now, async (tx, m) => {
      const c = await lockedCase(m, caseId);
      if (!c || !UUID.test(caseId)) throw Problems.notFound('No such case.');
      const version = c.version + 1;
      await m.update(CaseEntity, { id: caseId }, { safeguardingBasis: basis, version });
      await tx.caseChanged(caseId, version, {
        actor: { type: 'user', id: lead.id },
        action: 'case.safeguarding-basis-recorded',
        entityType: 'case',
        entityId: caseId,
        details: { ground: basis.ground },
      });
    });
    return basis;
  }

  private dataset(
    row: CaseFactsRow,
    service: PartnerService,
    note: string | null,
    facts: EligibilityFacts,
    suspects: readonly string[],
    revisions: readonly PoliceSafeContact[],
    now: Date,
    informed: { victimInformed: VictimInformed | null; victimInformedReason: string | null } = {
      victimInformed: null,
      victimInformedReason: null,
    },
  ): ReferralDataset {
    // The incident's area as the outreach table names it (the police write it their own way: "watford & three rivers").
    const incidentArea = canonicalArea(row.area, this.config.triage.outreachAreas) ?? row.area;
    const age = facts.age;
    const report = row.body;
    const scope = datasetScope(service.kind);
    const v = report.victim;
    return {
      victim: {
        firstName: v.firstName,
        lastName: v.lastName,
        gender: v.gender ?? null,
        age,
        preferredLanguage: v.preferredLanguage ?? null,
        interpreterNeeded: v.interpreterNeeded ?? null,
      },
      safeContact: partnerPlanOf(row.safe_contact_plan, report, revisions, {
        codeWord: scope.codeWord,
        suspectNumbers: suspects,
        asOf: now.toISOString(),
        current: true,
      }),
      // Outreach follows the victim home (the contracts: `incident.area` is where the incident happened): the agency is
      // given her area (the case's outreach area: a home outside the county says so, never the incident's in its place),
      // and, for the kinds given the incident (datasetScope), the incident's beside it when it is another.
      area: facts.outOfCounty ? OUT_OF_COUNTY_AREA : facts.area,
      ...(scope.incident && (facts.outOfCounty || incidentArea !== facts.area) ? { incidentArea } : {}),
      ...(scope.risk ? { risk: { grade: row.risk_grade ?? row.officer_grade, maracReasons: row.marac_reasons ?? [] } } : {}),
      ...(scope.suspect && report.suspect
        ? {
            suspect: {
              name: [report.suspect.firstName, report.suspect.lastName].filter(Boolean).join(' '),
              relationship: report.suspect.relationshipToVictim ?? null,
            },
          }
        : {}),
      ...(scope.children
        ? {
            children: (report.children ?? []).map((c) => ({
              ageYears: c.ageYears,
              livesWithVictim: c.livesWithVictim ?? null,
              presentAtIncident: c.presentAtIncident ?? null,
            })),
            childrenInHousehold: row.children_in_household,
          }
        : {}),
      ...(scope.incident ? { incidentSummary: report.incident.summary } : {}),
      referralNote: note,
      ...(service.kind === 'childrens-services' && informed.victimInformed
        ? {
            childrensServices: childrensServicesDataset(report, service, facts, {
              victimInformed: informed.victimInformed,
              victimInformedReason: informed.victimInformedReason,
            }),
          }
        : {}),
    };
  }

  /**
   * Whether the case's details may go to this service now: consent to share (or a recorded safeguarding basis) unless
   * the service is statutory, then its eligibility rule. 422 `consent-required` / `not-eligible`, with the reasons.
   */
  private assertShareable(s: PartnerService, facts: EligibilityFacts): void {
    const [option] = referralOptions(facts, [s]);
    if (!s.rule.statutory && facts.informationSharing !== 'given' && !(facts.safeguardingBasis && mayShareWithoutConsent(facts, s))) {
      const withoutConsent = mayShareWithoutConsent(facts, s);
      const heard =
        facts.informationSharing === 'not-asked' ? 'has not been recorded' : `is ${String(facts.informationSharing).replace(/-/g, ' ')}`;
      const p = new ProblemException(
        422,
        'consent-required',
        withoutConsent ? 'Consent or a lawful basis is required' : 'Consent is required',
        withoutConsent
          ? `This referral shares the victim’s details and their consent to share ${heard}: record their consent, or a team lead must record a lawful basis for sharing without it.`
          : `This referral shares the victim’s details and their consent to share ${heard}: record their consent (${s.serviceName} is only offered with consent).`,
        [{ path: '/consent', message: `consent to share ${heard}` }],
      );
      p.extra = { reasons: option.reasons };
      throw p;
    }
    if (!option.eligible) {
      const p = new ProblemException(
        422,
        'not-eligible',
        'Not eligible',
        option.reasons[0],
        option.reasons.map((r) => ({ path: '/service', message: r })),
      );
      p.extra = { reasons: option.reasons };
      throw p;
    }
  }

  /** Creates (and by default sends) a referral: the service must be eligible, sharing consented or justified. */
  async create(user: AuthUser, caseId: string, body: CreateReferralRequest, now = new Date()): Promise<Referral> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const b = body;
    const note = body.notes?.trim() ?? null;
    const id = await this.changes.run(now, async (tx, m) => {
      const s = (await this.directory.load(m)).find((x) => x.partnerId === b.partnerId && x.service === b.service);
      if (!s)
        throw Problems.validation([
          { path: '/service', message: 'must be an active service of the partner directory (partnerId + service)' },
        ]);
      const informed = victimInformedOf(s, b);
      await lockCase(m, caseId);
      const { row, facts } = await this.caseFacts(m, caseId, now);
      this.assertShareable(s, facts);
      const draft = b.draft === true;
      const refId = randomUUID();
      await m.insert(ReferralEntity, {
        id: refId,
        caseId,
        partnerId: s.partnerId,
        service: s.service,
        status: draft ? 'draft' : 'sent',
        version: 1,
        note,
        createdBy: user.id,
        createdAt: now,
        victimInformed: informed.victimInformed,
        victimInformedReason: informed.victimInformedReason,
        sentAt: draft ? null : now,
        ackDueAt: draft ? null : new Date(now.getTime() + s.acknowledgeWithinHours * 3600_000),
        dataset: draft
          ? null
          : this.dataset(
              row,
              s,
              note,
              facts,
              await knownSuspectNumbersOf(m, caseId, row.body),
              await policeSafeContactsOfCase(m, caseId),
              now,
              informed,
            ),
      });
      // The plan the agency is given now: a later change of it is emailed (noticePlanChanges). Before the case change,
      // whose audit and outbox locks are held to commit.
      if (!draft) await this.takePlanFingerprints(m, [refId], now);
      const version = Number(row.version) + 1;
      await m.update(CaseEntity, { id: caseId }, { version });
      await tx.caseChanged(caseId, version, {
        actor: { type: 'user', id: user.id },
        action: draft ? 'referral.drafted' : 'referral.sent',
        entityType: 'case',
        entityId: caseId,
        details: {
          referralId: refId,
          partnerId: s.partnerId,
          service: s.service,
          basis: basisOf(s, facts),
          ...(informed.victimInformed ? { victimInformed: informed.victimInformed } : {}),
        },
      });
      // After the case change: an outbox insert takes the outbox's and the audit chain's locks, held to commit.
      if (!draft) await appendReferralNotify(m, refId, s.partnerId);
      if (!draft) tx.publishAfterCommit(DomainEvents.PartnerReferralChanged, { partnerId: s.partnerId, referralId: refId, status: 'sent' });
      return refId;
    });
    return (await this.list(user, { id }, now))[0];
  }

  /** Staff see every referral (optionally of one case); a partner user only their own agency's, never drafts. */
  async list(user: AuthUser, filter: { caseId?: string; id?: string }, now = new Date()): Promise<Referral[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.caseId) {
      if (!UUID.test(filter.caseId)) throw Problems.notFound('No such case.');
      params.push(filter.caseId);
      where.push(`f.case_id = $${params.length}`);
    }
    if (filter.id) {
      params.push(filter.id);
      where.push(`f.id = $${params.length}`);
    }
    const partner = !canReadCases(user.roles);
    if (partner) {
      if (!user.partnerId) throw Problems.forbidden();
      params.push(user.partnerId);
      // Never a referral that was not sent: a draft, nor a draft revoked before it was sent (its status is then
      // `revoked`, but nothing was ever shared: its reason, author and case reference are the hub's own).
      where.push(`f.partner_id = $${params.length}`, `f.sent_at IS NOT NULL`);
    } else {
      // Hub staff see a restricted case's referrals only if they may see the case (case-access.ts), decided in the
      // statement (as the queue does) so that the 500 newest are the 500 newest they may see: filtered after the limit,
      // a busy hub's restricted referrals crowded visible ones out (an access review, session 48). An agency sees its
      // own referrals whatever the hub's restriction (it was referred the victim).
      params.push(user.id, now);
      where.push(maySeeSql(`$${params.length - 1}`, `$${params.length}`));
    }
    return this.db.transaction(async (m) => {
      const rows: Array<Record<string, unknown>> = await m.query(
        `SELECT f.*, c.reference, u.display_name AS created_by_name FROM referrals f JOIN cases c ON c.id = f.case_id JOIN users u ON u.id = f.created_by
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY f.created_at DESC, f.id LIMIT 500`,
        params,
      );
      const directory = await this.directory.load(m, { includeInactive: true });
      const plans = await this.currentPlans(m, rows, directory, now);
      const out = rows.map((r) => this.toReferral(r, directory, now, partner, plans.get(r['id'] as string)));
      // The cases too (a partner's rows hide them, the trail does not), so the auditor's search by case finds every
      // read of its referrals; a case's list is audited even when it has none. A list read like the queue's: its
      // cases count towards the bulk-read alarm (up to 500 referrals, with names, safe numbers and code words).
      if (out.length || filter.caseId) {
        await this.reads.recordList(m, user.id, 'referral.list', [...new Set(rows.map((r) => String(r['case_id']).toLowerCase()))], {
          referralIds: out.map((r) => r.id),
          ...(filter.caseId ? { caseId: filter.caseId.toLowerCase() } : {}),
        });
      }
      return out;
    });
  }

  /**
   * Emails each agency whose open referral's contact instructions changed (`contact-changed`, no victim data): the
   * plan its portal shows now (currentPlans) against the fingerprint of the plan it was last given, taken when the
   * referral was sent. The portal updates live, but an agency that works from its inbox, or from a printed or saved
   * PDF, would phone an old number, at a time no longer safe, or a victim who has since said no to contact (SafeLives:
   * safe contact details go with a referral so the first contact is safe; a wrong one is a risk to her).
   *
   * Looks at the open referrals of `caseIds` (ReferralPlanWatcher: the changed case and the cases sharing its victim or
   * suspect, whose suspect numbers a plan leaves out). One transaction: the new fingerprints, then the notices (the
   * outbox last, as every change takes its locks); rows another transaction holds are skipped, not waited for (that
   * one's own change, or the sweep, looks at them again). A plan that no longer describes her (a police revision named
   * another victim) was emailed as `victim-changed` in the change itself; a referral without a fingerprint (sent
   * before migration 1764740000000) gets its first one; neither is emailed. While a `contact-changed` notice of the
   * referral waits in the outbox unsent, a further change adds none (it says "read the current instructions"); one the
   * delivery worker is sending (its row locked) does not count as waiting, and a waiting one is held (`FOR SHARE`) until
   * this commits, so the worker cannot send it between this check and the new fingerprint.
   * Returns how many agencies were told.
   */
  async noticePlanChanges(caseIds: readonly string[], now = new Date()): Promise<number> {
    if (!caseIds.length) return 0;
    return (await this.noticeIn('f.case_id = ANY($2::uuid[])', [[...new Set(caseIds)]], now)).told;
  }

  /**
   * Every open referral, in batches of PLAN_SWEEP_BATCH (a transaction each): run at the API's start and every
   * PLAN_SWEEP_MS (ReferralPlanWatcher), so a change whose notice was not written (an instance stopped between the
   * change's commit and its watcher, a watcher's failure, a plan changed through another case's suspect numbers
   * without a change of this one) is told within minutes. Returns how many agencies were told.
   */
  async sweepPlanChanges(now = new Date()): Promise<number> {
    let told = 0;
    for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
      const batch = await this.noticeIn(`f.id > $2::uuid`, [after], now, PLAN_SWEEP_BATCH);
      told += batch.told;
      if (!batch.last) return told;
      after = batch.last;
    }
  }

  /**
   * One transaction of noticePlanChanges or the sweep; after its commit, each agency whose plan it dated is told
   * `referral.changed` (its portal reads the plan again and shows when it changed: the watcher's own event may have
   * come before this committed, and the sweep has no other).
   */
  private async noticeIn(where: string, params: unknown[], now: Date, limit?: number): Promise<{ told: number; last: string | null }> {
    const dated: Array<{ partnerId: string; referralId: string; status: ReferralStatus }> = [];
    const out = await this.db.transaction(async (m) => {
      dated.length = 0; // a retried transaction starts over
      const rows: Array<Record<string, unknown>> = await m.query(
        `SELECT f.* FROM referrals f
          WHERE ${where} AND f.status = ANY($1::text[]) AND f.dataset IS NOT NULL AND f.withdrawn_at IS NULL
          ORDER BY f.id ${limit ? `LIMIT ${limit}` : ''} FOR UPDATE OF f SKIP LOCKED`,
        [[...REFERRAL_CURRENT_PLAN_STATUSES], ...params],
      );
      if (!rows.length) return { told: 0, last: null };
      const plans = await this.currentPlans(m, rows, await this.directory.load(m, { includeInactive: true }), now);
      const waiting = new Set(
        (
          (await m.query(
            `SELECT aggregate_id FROM outbox WHERE topic = $1 AND published_at IS NULL AND payload->>'kind' = 'contact-changed'
                AND aggregate_id = ANY($2::uuid[])
              FOR SHARE SKIP LOCKED`,
            [REFERRAL_NOTIFY_TOPIC, rows.map((r) => String(r['id']))],
          )) as Array<{ aggregate_id: string }>
        ).map((o) => o.aggregate_id),
      );
      const tell: Array<Record<string, unknown>> = [];
      for (const r of rows) {
        const plan = plans.get(r['id'] as string);
        if (!plan) continue;
        const hash = this.planFingerprint(plan);
        const before = r['contact_plan_hash'] as string | null;
        if (before === hash) continue;
        // A first fingerprint is the plan as sent; any later one is a change the portal dates.
        await m.query(
          `UPDATE referrals SET contact_plan_hash = $2, contact_plan_changed_at = CASE WHEN $3 THEN $4::timestamptz ELSE contact_plan_changed_at END
            WHERE id = $1`,
          [r['id'], hash, before !== null && !plan.victimChanged, now],
        );
        if (before === null || plan.victimChanged) continue;
        dated.push({ partnerId: r['partner_id'] as string, referralId: r['id'] as string, status: r['status'] as ReferralStatus });
        if (!waiting.has(String(r['id']))) tell.push(r);
      }
      for (const r of tell) await appendReferralNotify(m, r['id'] as string, r['partner_id'] as string, 'contact-changed');
      return { told: tell.length, last: limit && rows.length === limit ? String(rows[rows.length - 1]['id']) : null };
    });
    for (const d of dated) this.bus.publish(DomainEvents.PartnerReferralChanged, d);
    return out;
  }

  /** The fingerprints of the plans these referrals' agencies are given now (a referral being sent), without a notice. */
  private async takePlanFingerprints(m: EntityManager, referralIds: string[], now: Date): Promise<void> {
    const rows: Array<Record<string, unknown>> = await m.query('SELECT * FROM referrals WHERE id = ANY($1::uuid[])', [referralIds]);
    const plans = await this.currentPlans(m, rows, await this.directory.load(m, { includeInactive: true }), now);
    for (const [id, plan] of plans)
      await m.query('UPDATE referrals SET contact_plan_hash = $2 WHERE id = $1', [id, this.planFingerprint(plan)]);
  }

  /**
   * The plan as its agency reads it, fingerprinted: an HMAC-SHA-256 (a key derived from LANTERN_MFA_KEY, so the column
   * cannot confirm a guessed number or code word) of its JSON with object keys and array items in one order (a plan
   * saved again with its numbers, channels or windows in another order is the same plan), `asOf` (the instant it was
   * read), `times` (the windows in words, in the order saved; the windows and the time rule count) and `changedAt` (when
   * it last changed) left out, so only a change of what it says counts.
   */
  private planFingerprint(plan: PartnerSafeContact): string {
    const { asOf: _readAt, times: _windowsInWords, changedAt: _changed, ...said } = plan;
    return createHmac('sha256', this.planKey)
      .update(canonicalJson(said, { unorderedArrays: true }))
      .digest('hex');
  }

  private planKeyCache: Buffer | null = null;

  /** The fingerprints' key, derived (HKDF) from LANTERN_MFA_KEY as the second factor's keys are (totp.ts). */
  private get planKey(): Buffer {
    return (this.planKeyCache ??= Buffer.from(
      hkdfSync('sha256', this.config.mfaKey, Buffer.alloc(0), 'lantern referral contact plan fingerprint', 32),
    ));
  }

  /**
   * The hub's current safe-contact plan, as each open referral's partner may see it (REFERRAL_CURRENT_PLAN_STATUSES):
   * a partner about to phone the victim must have today's numbers and times, not those of the day it was sent. And
   * for any referral whose victim has since said no to contact, the plan without any means of contact (open or not);
   * for a declined or closed one, nothing to contact her with (endedReferralPlan).
   */
  private async currentPlans(
    m: EntityManager,
    rows: Array<Record<string, unknown>>,
    directory: PartnerService[],
    now: Date,
  ): Promise<Map<string, PartnerSafeContact>> {
    const shared = rows.filter((r) => r['dataset'] && r['withdrawn_at'] === null);
    const out = new Map<string, PartnerSafeContact>();
    if (!shared.length) return out;
    // The victim said no to contact (to the hub, or to the officer since): no partner gets a way to call her, on an
    // open referral or a declined or closed one (which says so beside "referral ended").
    const consent: Array<{
      id: string;
      consent_to_contact: EffectiveConsentValue | null;
      contact_paused: boolean;
      victim_changed_at: Date | null;
    }> = await m.query('SELECT id, consent_to_contact, contact_paused, victim_changed_at FROM cases WHERE id = ANY($1::uuid[])', [
      [...new Set(shared.map((r) => r['case_id'] as string))],
    ]);
    // Sent before a police revision named another person as the victim (a statutory referral: the others were
    // withdrawn): it describes someone who may not be her, so it gives nobody's numbers (victimChangedPlan).
    const changedAt = new Map(
      consent.flatMap((c) => (c.victim_changed_at ? [[c.id, new Date(c.victim_changed_at).getTime()] as const] : [])),
    );
    const sentBeforeChange = (r: Record<string, unknown>) => {
      const at = changedAt.get(r['case_id'] as string);
      return at !== undefined && !!r['sent_at'] && new Date(r['sent_at'] as string).getTime() < at;
    };
    const refused = new Map(consent.flatMap((c) => (consentSaysNo(c.consent_to_contact) ? [[c.id, c.consent_to_contact] as const] : [])));
    // Contact paused after someone else answered: an open referral's partner is told to speak to the hub first.
    const paused = new Set(consent.filter((c) => c.contact_paused).map((c) => c.id));
    const isOpen = (r: Record<string, unknown>) => (REFERRAL_CURRENT_PLAN_STATUSES as readonly unknown[]).includes(r['status']);
    const cases: Array<{ id: string; safe_contact_plan: Partial<SafeContactPlan>; body: PoliceReport }> = await m.query(
      `SELECT c.id, c.safe_contact_plan, r.body FROM cases c JOIN reports r ON r.case_id = c.id AND r.revision = c.current_revision
        WHERE c.id = ANY($1::uuid[])`,
      [[...new Set(shared.map((r) => r['case_id'] as string))]],
    );
    const byCase = new Map(cases.map((c) => [c.id, c]));
    const known = await knownSuspectNumbersByCase(m, [...byCase.keys()]);
    const revisions = await policeSafeContactsOf(m, [...byCase.keys()]);
    const suspectsOf = (caseId: string) => {
      const c = byCase.get(caseId);
      return [...(c ? reportSuspectNumbers(c.body) : []), ...(known.get(caseId) ?? [])];
    };
    for (const r of shared) {
      if (sentBeforeChange(r)) {
        out.set(r['id'] as string, victimChangedPlan({ ...(r['dataset'] as ReferralDataset).safeContact, current: false }));
        continue;
      }
      if (isOpen(r)) continue;
      // Declined or closed: the partner no longer works with her, so nothing to contact her with (session 41; it was
      // the plan as sent, trimmed of numbers since found to be the suspect's, kept for good). A "no" to contact says so.
      const sent = { ...(r['dataset'] as ReferralDataset).safeContact, current: false };
      const no = refused.get(r['case_id'] as string);
      out.set(r['id'] as string, endedReferralPlan(no ? withoutContactMeans(sent, no) : sent));
    }
    const open = shared.filter((r) => isOpen(r) && !sentBeforeChange(r));
    for (const r of open) {
      const c = byCase.get(r['case_id'] as string);
      if (!c) continue;
      const kind = directory.find((s) => s.partnerId === r['partner_id'] && s.service === r['service'])?.kind;
      const no = refused.get(c.id);
      const plan = partnerPlanOf(c.safe_contact_plan, c.body, revisions.get(c.id) ?? [], {
        codeWord: kind ? datasetScope(kind).codeWord : false,
        suspectNumbers: suspectsOf(c.id),
        asOf: now.toISOString(),
        current: true,
        ...(no ? { contactRefused: no } : {}),
      });
      const changedAt = r['contact_plan_changed_at'] ? { changedAt: new Date(r['contact_plan_changed_at'] as string).toISOString() } : {};
      out.set(r['id'] as string, { ...(!no && paused.has(c.id) ? { ...plan, contactPaused: true as const } : plan), ...changedAt });
    }
    return out;
  }

  private toReferral(
    r: Record<string, unknown>,
    directory: PartnerService[],
    now: Date,
    partner: boolean,
    currentPlan: PartnerSafeContact | undefined,
  ): Referral {
    const service = directory.find((s) => s.partnerId === r['partner_id'] && s.service === r['service']);
    const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
    const ackDueAt = iso(r['ack_due_at']);
    const withdrawnAt = iso(r['withdrawn_at']);
    const stored = (r['dataset'] as ReferralDataset | null) ?? null;
    // Withdrawn: nothing but the tombstone, whatever is still in the row (the dataset itself is already erased).
    const dataset = stored && !withdrawnAt ? { ...stored, safeContact: currentPlan ?? { ...stored.safeContact, current: false } } : null;
    // A partner's tombstone holds the reference, status and reason: not even their own notes about the victim.
    const tombstone = partner && withdrawnAt !== null;
    return {
      id: r['id'] as string,
      // A partner sees the hub's reference (to quote when calling), not the internal case id.
      caseId: partner ? '' : (r['case_id'] as string),
      reference: r['reference'] as string,
      partnerId: r['partner_id'] as string,
      partnerName: service?.partnerName ?? (r['partner_id'] as string),
      service: r['service'] as string,
      serviceName: service?.serviceName ?? (r['service'] as string),
      status: r['status'] as ReferralStatus,
      createdAt: iso(r['created_at']) as string,
      createdBy: { id: partner ? '' : (r['created_by'] as string), displayName: r['created_by_name'] as string },
      sentAt: iso(r['sent_at']),
      ackDueAt,
      overdue: r['status'] === 'sent' && ackDueAt !== null && Date.parse(ackDueAt) < now.getTime(),
      acknowledgedAt: iso(r['acknowledged_at']),
      acceptedAt: iso(r['accepted_at']),
      declinedAt: iso(r['declined_at']),
      declineReason: tombstone ? null : ((r['decline_reason'] as string) ?? null),
      outcome: (r['outcome'] as ReferralOutcome) ?? null,
      outcomeNote: tombstone ? null : ((r['outcome_note'] as string) ?? null),
      closedAt: iso(r['closed_at']),
      revokedAt: iso(r['revoked_at']),
      withdrawnAt,
      withdrawalReason: (r['withdrawal_reason'] as string) ?? null,
      victimInformed: (r['victim_informed'] as VictimInformed | null) ?? null,
      victimInformedReason: tombstone ? null : ((r['victim_informed_reason'] as string | null) ?? null),
      dataset,
      version: Number(r['version']),
    };
  }

  /** One step of the lifecycle table; who may take it is checked here, server-side. */
  async act(user: AuthUser, referralId: string, action: ReferralAction, body: ReferralActionRequest, now = new Date()): Promise<Referral> {
    if (!UUID.test(referralId)) throw Problems.notFound('No such referral.');
    const step = REFERRAL_ACTIONS[action];
    // A hub user refused by the case-access rule: audited after the rollback, as the case guard does.
    let refused: { caseId: string; reason: string | null } | null = null;
    await this.changes
      .run(now, async (tx, m) => {
        // Lock the case before the referral, the order every case change takes (recording consent locks the case,
        // then withdraws its referrals): a send and a consent withdrawal never interleave, nor deadlock.
        const [head]: Array<{ case_id: string }> = await m.query('SELECT case_id FROM referrals WHERE id = $1', [referralId]);
        if (head) await lockCase(m, head.case_id);
        const f = await m.findOne(ReferralEntity, { where: { id: referralId }, lock: { mode: 'pessimistic_write' } });
        // A partner user asking about another agency's referral, or one never sent to them, learns nothing, not even
        // that it exists.
        if (!f || (!canReadCases(user.roles) && (user.partnerId !== f.partnerId || f.sentAt === null))) {
          throw Problems.notFound('No such referral.');
        }
        // Hub users meet the case-access rule of the referral's case (case-access.ts), under the case lock: a case they
        // may not see is the 404 of an unknown referral (a wrong-state 409 would reveal it); a hub step (send, close)
        // is a write (its assignee or a team lead). A team lead's revoke needs the case in sight only, a break-the-glass
        // grant included: it takes the victim's details back from a partner, the safe direction, and a referral sent
        // to the wrong agency must be stoppable by any team lead. An agency acts on its own referrals whatever the
        // hub's restriction (it was referred the victim).
        if (canReadCases(user.roles)) {
          const facts = await loadCaseAccessFacts(m, f.caseId, now);
          const decision = facts ? caseAccess(user, facts, step.by === 'hub' ? 'write' : 'read', now) : null;
          if (!decision || decision.decision === 'hidden') {
            refused = { caseId: f.caseId, reason: decision?.reason ?? 'restricted' };
            throw Problems.notFound('No such referral.');
          }
          if (step.by === 'hub' && decision.decision === 'forbidden' && can(user.roles, 'case.work')) {
            refused = { caseId: f.caseId, reason: decision.reason };
            throw notAssignee();
          }
          // A closed case is read-only (case-access.ts): a draft is not sent from it, which would give a partner the
          // victim's details after the hub stopped working with her. Closing or revoking a referral stays possible.
          if (action === 'send' && facts && CLOSING_STATUSES.includes(facts.status as CaseStatus)) throw caseClosed(facts.status);
        }
        if (step.by === 'partner' && (!can(user.roles, 'partner-portal.use') || user.partnerId !== f.partnerId)) {
          throw Problems.forbidden('Only the partner agency records this.');
        }
        if (step.by === 'team-lead' && !can(user.roles, 'referrals.revoke'))
          throw Problems.forbidden('Only a team lead may revoke a referral.');
        if (step.by === 'hub' && !can(user.roles, 'case.work')) throw Problems.forbidden();
        if (body.version !== undefined && body.version !== f.version)
          throw Problems.conflict('stale-version', `The referral changed (now version ${f.version}): reload it.`);
        if (!step.from.includes(f.status as ReferralStatus)) {
          throw Problems.conflict(
            'illegal-transition',
            `A ${f.status} referral cannot be ${action === 'outcome' ? 'given an outcome' : `${action}ed`}.`,
          );
        }
        const patch: Partial<Omit<ReferralEntity, 'case'>> = { status: step.to, version: f.version + 1 };
        // A referral sent from a draft notifies its agency, and so does a sent one revoked (written last, see below).
        let notify: ReferralNotifyKind | null = null;
        const details: Record<string, unknown> = { referralId, partnerId: f.partnerId, from: f.status, to: step.to };
        if (action === 'send') {
          const s = (await this.directory.load(m)).find((x) => x.partnerId === f.partnerId && x.service === f.service);
          if (!s) throw Problems.conflict('service-inactive', 'This service is no longer in the partner directory: choose another.');
          // A draft may have waited: consent and eligibility are checked again now, as on a direct send. A victim who
          // refused or withdrew sharing since the draft was saved is not disclosed.
          const { row, facts } = await this.caseFacts(m, f.caseId, now);
          this.assertShareable(s, facts);
          details['basis'] = basisOf(s, facts);
          patch.sentAt = now;
          patch.ackDueAt = new Date(now.getTime() + s.acknowledgeWithinHours * 3600_000);
          patch.dataset = this.dataset(
            row,
            s,
            f.note,
            facts,
            await knownSuspectNumbersOf(m, f.caseId, row.body),
            await policeSafeContactsOfCase(m, f.caseId),
            now,
            {
              victimInformed: (f.victimInformed as VictimInformed | null) ?? null,
              victimInformedReason: f.victimInformedReason ?? null,
            },
          );
          notify = 'sent';
        }
        if (action === 'acknowledge') patch.acknowledgedAt = now;
        if (action === 'accept') patch.acceptedAt = now;
        if (action === 'decline') {
          // Which fields an action needs depends on the action (a path parameter), so it is checked here.
          const reason = body.reason?.trim();
          if (!reason) throw Problems.validation([{ path: '/reason', message: 'a decline needs a reason' }]);
          patch.declinedAt = now;
          patch.declineReason = reason;
        }
        if (action === 'outcome') {
          if (body.outcome === undefined)
            throw Problems.validation([{ path: '/outcome', message: `is required: one of ${REFERRAL_OUTCOMES.join(', ')}` }]);
          patch.outcome = body.outcome;
          patch.outcomeNote = body.note?.trim() || null;
          patch.outcomeAt = now;
          details['outcome'] = body.outcome;
        }
        if (action === 'close') patch.closedAt = now;
        // Declined or closed: the agency no longer gets a plan to contact her with, nor notices of it (endedReferralPlan).
        if (action === 'decline' || action === 'close') Object.assign(patch, { contactPlanHash: null, contactPlanChangedAt: null });
        if (action === 'revoke') {
          // Revoking withdraws what was shared, as withdrawn sharing consent does: the partner keeps a tombstone.
          const reason = body.reason?.trim();
          if (!reason) throw Problems.validation([{ path: '/reason', message: 'a revocation needs a reason' }]);
          Object.assign(patch, withdrawal(f.status, reason, now));
          details['datasetWithdrawn'] = f.status !== 'draft';
          // The agency may be about to call her on it: told at once, by email too (a draft never reached them).
          if (f.sentAt !== null) notify = 'withdrawn';
        }
        await m.update(ReferralEntity, { id: referralId }, patch);
        // Sent from a draft: the plan the agency is given now (noticePlanChanges), before the case change's locks.
        if (action === 'send') await this.takePlanFingerprints(m, [referralId], now);
        const [c]: Array<{ version: number }> = await m
          .query('UPDATE cases SET version = version + 1 WHERE id = $1 RETURNING version', [f.caseId])
          .then((r: [Array<{ version: number }>, number]) => r[0]);
        await tx.caseChanged(f.caseId, Number(c.version), {
          actor: { type: 'user', id: user.id },
          action: `referral.${action}`,
          entityType: 'case',
          entityId: f.caseId,
          details,
        });
        // After the case change: an outbox insert takes the outbox's and the audit chain's locks, held to commit.
        if (notify) await appendReferralNotify(m, referralId, f.partnerId, notify);
        // The agency's portal hears only of referrals it was sent (a draft, or one revoked before sending, is not theirs).
        if (f.sentAt !== null || patch.sentAt)
          tx.publishAfterCommit(DomainEvents.PartnerReferralChanged, { partnerId: f.partnerId, referralId, status: step.to });
      })
      .catch(async (err: unknown) => {
        const r = refused as { caseId: string; reason: string | null } | null;
        if (r) {
          await this.db.transaction((m) =>
            this.audit.record(m, {
              actor: { type: 'user', id: user.id },
              action: 'case.access-refused',
              entityType: 'case',
              entityId: r.caseId,
              details: {
                kind: step.by === 'hub' ? 'write' : 'read',
                reason: r.reason,
                method: 'POST',
                route: '/api/v1/referrals/:id/:action',
              },
            }),
          );
        }
        throw err;
      });
    return (await this.list(user, { id: referralId }, now))[0];
  }

  /**
   * Withdraws every dataset this case has shared with partners (sharing consent withdrawn or refused): each referral
   * ever sent keeps only a tombstone (reference, status, reason); its stored dataset is erased (NULL, not hidden), so
   * no partner route can give out the victim's details or render the document again. An open referral (sent,
   * acknowledged, accepted) is revoked; a declined, closed or outcome-recorded one keeps its status. Drafts were never
   * shared: they stay, and sending one checks consent again. A statutory referral (children's services) stays as it
   * is: it never rested on the victim's consent (Children Act 1989 s.47, Working Together 2023), and withdrawing it
   * would tell children's services to stop and delete a child-protection referral at a word the suspect may have
   * coerced. Runs in the caller's transaction (the caller records
   * the case change); each withdrawal is audited, as the user `by` when given. Pass the caller's unit of work as
   * `tx` so each agency's portal is told after commit (`referral.changed`). Returns how many were withdrawn.
   * A lawful basis a team lead recorded before this "no" goes too (audited `case.safeguarding-basis-cleared`): it was
   * weighed without her refusal, and a caseworker could otherwise send a new referral on it against her explicit "no"
   * (a referral review, session 41; UK GDPR Art. 21, the ICO's data sharing code: a decision per share, recorded). A
   * team lead who judges sharing still necessary records a basis again, after hearing it.
   */
  async withdrawSharedData(
    m: EntityManager,
    caseId: string,
    reason: string,
    now: Date,
    opts: {
      tx?: Pick<CaseUnitOfWork, 'publishAfterCommit'>;
      by?: string;
      /**
       * Why, as a code in each `referral.withdrawn` entry: her refusal (default), a consent nobody heard, or a police
       * revision naming another victim (what was sent was the earlier person's).
       */
      cause?: 'sharing-refused' | 'sharing-unproven' | 'victim-changed';
      /** Shares that stand on another basis and are kept (a consent nobody heard; never a refusal, which clears it). */
      keep?: (kind: ServiceKind) => boolean;
    } = {},
  ): Promise<number> {
    const { tx, by, cause = 'sharing-refused', keep } = opts;
    if (!UUID.test(caseId)) return 0;
    const why = reason.trim() || 'Sharing withdrawn by the hub';
    const found: Array<{ id: string; partner_id: string; status: string; version: number; kind: ServiceKind | null }> = await m.query(
      `SELECT f.id, f.partner_id, f.status, f.version, ps.kind FROM referrals f
         LEFT JOIN partner_services ps ON ps.service = f.service
        WHERE f.case_id = $1 AND f.sent_at IS NOT NULL AND f.withdrawn_at IS NULL
          AND COALESCE((ps.rule->>'statutory')::boolean, false) = false
        ORDER BY f.created_at, f.id FOR UPDATE OF f`,
      [caseId],
    );
    const rows = keep ? found.filter((r) => !(r.kind && keep(r.kind))) : found;
    // A police revision naming another victim: a draft was written about the earlier person (its note, what she was
    // told), so it is revoked too, whatever the service (never sent: nobody to tell). A statutory referral stays open,
    // and its agency is told at once (portal and email, link only) that it now shows no contact details
    // (victimChangedPlan): someone may be about to call the number they were sent.
    if (cause === 'victim-changed') {
      const statutory: Array<{ id: string; partner_id: string; status: string }> = await m.query(
        `SELECT f.id, f.partner_id, f.status FROM referrals f JOIN partner_services ps ON ps.service = f.service
          WHERE f.case_id = $1 AND f.sent_at IS NOT NULL AND f.withdrawn_at IS NULL
            AND COALESCE((ps.rule->>'statutory')::boolean, false)`,
        [caseId],
      );
      for (const r of statutory) {
        tx?.publishAfterCommit(DomainEvents.PartnerReferralChanged, {
          partnerId: r.partner_id,
          referralId: r.id,
          status: r.status as ReferralStatus,
        });
        await appendReferralNotify(m, r.id, r.partner_id, 'victim-changed');
      }
      const drafts: Array<{ id: string; partner_id: string; status: string; version: number; kind: ServiceKind | null }> = await m.query(
        `SELECT f.id, f.partner_id, f.status, f.version, NULL AS kind FROM referrals f
          WHERE f.case_id = $1 AND f.status = 'draft' ORDER BY f.created_at, f.id FOR UPDATE OF f`,
        [caseId],
      );
      for (const d of drafts) {
        await m.update(ReferralEntity, { id: d.id }, { ...withdrawal('draft', why, now), version: Number(d.version) + 1 });
        await this.audit.record(m, {
          actor: by ? { type: 'user', id: by } : { type: 'system' },
          action: 'referral.revoked',
          entityType: 'referral',
          entityId: d.id,
          details: { caseId, partnerId: d.partner_id, from: 'draft', to: 'revoked', because: cause },
        });
      }
    }
    for (const r of rows) {
      const patch = withdrawal(r.status, why, now);
      await m.update(ReferralEntity, { id: r.id }, { ...patch, version: Number(r.version) + 1 });
      const to = (patch.status ?? r.status) as ReferralStatus;
      await this.audit.record(m, {
        actor: by ? { type: 'user', id: by } : { type: 'system' },
        action: 'referral.withdrawn',
        entityType: 'referral',
        entityId: r.id,
        details: { caseId, partnerId: r.partner_id, from: r.status, to, because: cause },
      });
      tx?.publishAfterCommit(DomainEvents.PartnerReferralChanged, { partnerId: r.partner_id, referralId: r.id, status: to });
      // And by email (link only): an agency working from its inbox may be about to call her on what it was sent.
      await appendReferralNotify(m, r.id, r.partner_id, 'withdrawn');
    }
    // A consent nobody heard is not a "no": a lawful basis a team lead recorded stands. Her "no" ends it (Art. 21: the
    // lead weighs again after it), and so does a revision naming another victim (it was weighed for the earlier person).
    if (cause === 'sharing-unproven') return rows.length;
    // TypeORM answers an UPDATE with [rows, count]; the old value through the self-join (RETURNING gives the new row).
    const [cleared]: [Array<{ ground: string | null }>, number] = await m.query(
      `UPDATE cases n SET safeguarding_basis = NULL FROM cases o
        WHERE n.id = $1 AND o.id = n.id AND n.safeguarding_basis IS NOT NULL
        RETURNING o.safeguarding_basis->>'ground' AS ground`,
      [caseId],
    );
    if (cleared.length)
      await this.audit.record(m, {
        actor: by ? { type: 'user', id: by } : { type: 'system' },
        action: 'case.safeguarding-basis-cleared',
        entityType: 'case',
        entityId: caseId,
        details: { ground: cleared[0].ground, because: cause },
      });
    return rows.length;
  }

  /** One referral (GET /referrals/:id): a partner only their own agency's, never a draft; withdrawn = its tombstone. */
  async get(user: AuthUser, referralId: string, now = new Date()): Promise<Referral> {
    if (!UUID.test(referralId)) throw Problems.notFound('No such referral.');
    const [r] = await this.list(user, { id: referralId }, now);
    if (!r) throw Problems.notFound('No such referral.');
    return r;
  }

  /**
   * The referral as a PDF: the partner's minimal dataset, for the hub or that partner only. Rendered on each request
   * from the stored dataset (no copy is kept), so once the dataset is withdrawn there is no document: 410 `withdrawn`.
   */
  async document(user: AuthUser, referralId: string): Promise<{ pdf: Buffer; filename: string }> {
    const r = await this.get(user, referralId);
    if (r.withdrawnAt) {
      throw new ProblemException(
        410,
        'withdrawn',
        'Referral withdrawn',
        'The hub withdrew this referral: the victim’s details and the document are no longer available. Delete any copy you kept.',
      );
    }
    if (!r.dataset) throw Problems.conflict('not-sent', 'A draft has no document yet: send it first.');
    const pdf = await renderPdf(
      partnerDocument(
        {
          partnerName: r.partnerName,
          serviceName: r.serviceName,
          reference: r.reference,
          sentAt: r.sentAt,
          referrer: `${r.createdBy.displayName}, Lantern hub`,
        },
        r.dataset,
      ),
    );
    await this.db.transaction(async (m) => {
      // The case too, so the auditor's search by case finds every download of its documents (a partner's view of the
      // referral leaves the case id out: read it here).
      const [row]: Array<{ case_id: string }> = await m.query('SELECT case_id FROM referrals WHERE id = $1', [referralId]);
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'referral.document',
        entityType: 'referral',
        entityId: referralId,
        details: { caseId: row?.case_id ?? r.caseId, partnerId: r.partnerId },
      });
    });
    return { pdf, filename: `referral-${r.reference.replace(/[^A-Z0-9-]/gi, '-')}-${r.partnerId}.pdf` };
  }

  /**
   * The hub's MARAC / IDVA referral form (PDF), pre-filled from the case: referrer, victim, safe contact,
   * perpetrator, risk with the RIC answers and the MARAC reasons, children, incident, lawful basis. Hub staff only;
   * it holds the full case, so it is not a partner document.
   */
  async maracForm(
    user: AuthUser,
    caseId: string,
    now = new Date(),
    /** Which recorded referral: one by id (404 when not this case's), or the latest (a draft from the case when none). */
    referralId: string | 'latest' = 'latest',
  ): Promise<{ pdf: Buffer; filename: string }> {
    const input = await this.db.transaction(async (m) => {
      const { row } = await this.caseFacts(m, caseId, now);
      // After a police revision named another person as the victim, what the hub recorded before it (a MARAC referral,
      // a checklist) was the earlier person's: the latest is hers only when made since, and the form of an earlier one
      // is not made from the case as it is now (it would put her details under the other woman's referral).
      const [changed]: Array<{ at: Date | null }> = await m.query('SELECT victim_changed_at AS at FROM cases WHERE id = $1', [caseId]);
      const since = changed?.at ? new Date(changed.at).getTime() : null;
      const hers = (r: MaracReferral) => since === null || Date.parse(r.referredAt) >= since;
      const referral =
        referralId === 'latest'
          ? ((await loadMaracReferrals(m, caseId)).find(hers) ?? null)
          : await loadMaracReferral(m, caseId, referralId);
      if (!referral && referralId !== 'latest') throw Problems.notFound('No such MARAC referral.');
      if (referral && !hers(referral))
        throw Problems.conflict(
          'victim-changed',
          'This MARAC referral was recorded before the police named another person as the victim: its form cannot be made from the case as it is now.',
        );
      const [c]: Array<{
        force: string;
        risk_score: number | null;
        risk_source: string;
        contact_paused: boolean;
        risk_grade: string | null;
        officer_grade: string | null;
        marac_reasons: string[] | null;
        information_sharing: string | null;
        safeguarding_basis: unknown;
        victim_changed_at: Date | null;
      }> = await m.query(
        `SELECT force, risk_score, risk_source, contact_paused, risk_grade, officer_grade, marac_reasons, information_sharing,
                safeguarding_basis, victim_changed_at FROM cases WHERE id = $1`,
        [caseId],
      );
      // The form is made from the case as it is now (her address, the latest report, her consent): the rule a referral
      // meets when recorded holds for every download, a recorded referral's too (session 41: she may have said no to
      // sharing since, which also ends a lawful basis recorded before it).
      if (
        !maracSharingAllowed(
          maracFactsOf({
            riskGrade: c.risk_grade,
            officerGrade: c.officer_grade,
            maracReasons: c.marac_reasons,
            informationSharing: c.information_sharing,
            safeguardingBasis: c.safeguarding_basis,
          }),
        )
      )
        throw maracConsentOrBasisRequired();
      const consentInForce = effectiveConsent(
        await loadPoliceConsents(m, caseId),
        await loadConsentHistory(m, caseId, { sinceVictimChange: true }),
      );
      const [ra]: Array<{
        answers: DashAnswers;
        judgement: { grade: string; rationale: string } | null;
        assessed_at: Date;
        assessor: string;
      }> = await m.query(
        `SELECT a.answers, a.judgement, a.assessed_at, u.display_name AS assessor FROM risk_assessments a JOIN users u ON u.id = a.assessed_by
          WHERE a.case_id = $1 AND ${sinceVictimChange('a.assessed_at', '$2::timestamptz')} ORDER BY a.assessed_at DESC LIMIT 1`,
        [caseId, changed?.at ?? null],
      );
      const report = row.body;
      const police = report.officerRiskAssessment;
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'case.marac-form',
        entityType: 'case',
        entityId: caseId,
        ...(referral ? { details: { referralId: referral.id } } : {}),
      });
      return {
        reference: row.reference,
        policeReference: report.reference,
        force: c.force,
        referrer: `${user.displayName}, Lantern hub`,
        generatedAt: now.toISOString(),
        report,
        // The confirmed plan, as partners get it; the MARAC pack circulates to every agency at the meeting, so never
        // the code word (the IDVA gets it with its own referral), nor the plan's notes (the officer's free text until a
        // caseworker edits them, which can hold the code word or what the suspect checks): they stay with the hub.
        safeContact: partnerPlanOf(row.safe_contact_plan, report, await policeSafeContactsOfCase(m, caseId), {
          codeWord: false,
          suspectNumbers: await knownSuspectNumbersOf(m, caseId, report),
          asOf: now.toISOString(),
          current: true,
        }),
        risk: {
          grade: row.risk_grade ?? row.officer_grade,
          score: c.risk_score,
          source: ra ? ('hub' as const) : police?.dash ? ('police' as const) : ('none' as const),
          assessedAt: ra ? new Date(ra.assessed_at).toISOString() : null,
          assessedBy: ra?.assessor ?? null,
          judgement:
            ra?.judgement ??
            (police && police.tool === 'judgement' && police.rationale ? { grade: police.riskLevel, rationale: police.rationale } : null),
          answers: ra?.answers ?? police?.dash ?? {},
          // A recorded referral says what the case was referred for then; a draft, what it meets now.
          maracReasons: referral ? referral.maracReasons : ((row.marac_reasons ?? []) as MaracReason[]),
          ...(referral?.grade ? { grade: referral.grade } : {}),
        },
        referral: referral
          ? {
              referredAt: referral.referredAt,
              maracArea: referral.maracArea,
              note: referral.note,
              referredBy: `${referral.referredBy.displayName}, Lantern hub`,
              perpetratorPersonId: referral.perpetratorPersonId,
            }
          : null,
        consent: {
          informationSharing: describeConsent(consentInForce.sharing),
          // Every agency at the meeting reads the safe-contact block: whether she said no to being contacted, or contact
          // is paused, must be on the same page (the numbers stay: MARAC may act without consent).
          contact: `${describeConsent(consentInForce.contact)}${
            consentSaysNo(consentInForce.contact.value)
              ? ': she does not want support services to contact her. Do not contact her without speaking to the hub first.'
              : c.contact_paused
                ? ': contact is paused after someone else answered. Speak to the hub before any contact.'
                : ''
          }`,
          safeguardingBasis: row.safeguarding_basis ?? null,
        },
      };
    });
    const pdf = await renderPdf(maracDocument(input));
    return { pdf, filename: `marac-referral-${input.reference.replace(/[^A-Z0-9-]/gi, '-')}.pdf` };
  }
}
