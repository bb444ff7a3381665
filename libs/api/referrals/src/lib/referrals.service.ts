import { Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import { Problems } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import {
  ageOn,
  DEFAULT_PARTNER_SERVICES,
  referralOptions,
  type EligibilityFacts,
  type Gender,
  type PartnerService,
  type PoliceReport,
  type RiskGrade,
} from '@lantern/shared/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET /api/v1/cases/:id/referral-options (contracts/API.md), with the service's display name and kind too. */
export interface ReferralOption {
  partnerId: string;
  partnerName: string;
  service: string;
  serviceName: string;
  kind: PartnerService['kind'];
  eligible: boolean;
  reasons: string[];
}

/**
 * The partner directory and eligibility. The directory is the seeded Hertfordshire-like one from the shared
 * domain for now; admin management and the referral lifecycle come with the rest of the referrals issue.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  partners(): PartnerService[] {
    return DEFAULT_PARTNER_SERVICES;
  }

  async options(userId: string, caseId: string, now = new Date()): Promise<ReferralOption[]> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    return this.db.transaction(async (m) => {
      const rows: Array<{ risk_grade: string | null; officer_grade: string | null; marac_required: boolean; area: string; children_in_household: boolean; children_present: boolean; body: PoliceReport }> =
        await m.query(
          `SELECT c.risk_grade, c.officer_grade, c.marac_required, c.area, c.children_in_household, c.children_present, r.body
             FROM cases c JOIN reports r ON r.case_id = c.id AND r.revision = c.current_revision WHERE c.id = $1`,
          [caseId],
        );
      const c = rows[0];
      if (!c) throw Problems.notFound('No such case.');
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
      const facts: EligibilityFacts = {
        grade: (c.risk_grade ?? c.officer_grade) as RiskGrade | null,
        maracRequired: c.marac_required,
        gender: (c.body.victim.gender ?? null) as Gender | null,
        age: ageOn(c.body.victim.dateOfBirth, today),
        area: c.area,
        supportReferral: c.body.consent.supportReferral,
        informationSharing: c.body.consent.informationSharing,
        // Recording a safeguarding basis (team leads) arrives with the referral lifecycle.
        safeguardingBasis: false,
        childrenInHousehold: c.children_in_household,
        childrenPresent: c.children_present,
        suspectRelationship: c.body.suspect?.relationshipToVictim ?? null,
      };
      await this.audit.record(m, { actor: { type: 'user', id: userId }, action: 'case.referral-options-read', entityType: 'case', entityId: caseId });
      return referralOptions(facts, this.partners()).map((o) => ({
        partnerId: o.partnerId,
        partnerName: o.partnerName,
        service: o.service,
        serviceName: o.serviceName,
        kind: o.kind,
        eligible: o.eligible,
        reasons: o.reasons,
      }));
    });
  }
}
