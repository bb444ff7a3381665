import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateReferralRequest,
  LawfulBasis,
  Referral as SharedReferral,
  ReferralActionRequest,
  SafeguardingBasisRequest,
  SafeguardingBasis,
  ReferralAction,
  ReferralOption,
  ReferralStatus as DomainReferralStatus,
} from '@lantern/shared/domain';
import { maracSharingAllowed, type CaseDetail } from '@lantern/shared/domain';
import { Observable } from 'rxjs';

/** The lifecycle's statuses (REFERRAL_STATUSES in the shared domain). */
export type ReferralStatus = DomainReferralStatus;

/** A referral already made for the case. */
export interface Referral {
  id: string;
  partnerId?: string;
  service?: string;
  partnerName: string;
  serviceName: string;
  status: ReferralStatus;
  sentAt: string | null;
  ackDueAt: string | null;
  overdue?: boolean;
  declineReason?: string | null;
  outcome?: string | null;
  outcomeNote?: string | null;
  /** When the shared dataset was withdrawn (revoked, or sharing consent withdrawn), and why. */
  withdrawnAt?: string | null;
  withdrawalReason?: string | null;
  /** Children's services: whether the victim was (or will be) told, or why not. */
  victimInformed?: 'yes' | 'no-risk-to-child' | null;
  victimInformedReason?: string | null;
}

/** The hub's MARAC referral form (PDF) pre-filled from the case: a link the browser opens, not a request of ours. */
export function maracReferralUrl(caseId: string): string {
  return `/api/v1/cases/${encodeURIComponent(caseId)}/marac-referral`;
}

/**
 * Whether the case's details may go to MARAC now (maracSharingAllowed: a criterion met, or her consent to share, or a
 * team lead's lawful basis): the form is offered only then (the API refuses it otherwise, 422 consent-or-basis-required).
 */
export function maracFormAllowed(c: Pick<CaseDetail, 'risk' | 'consent' | 'safeguardingBasis'>): boolean {
  return maracSharingAllowed({
    grade: c.risk.grade,
    maracRequired: c.risk.marac.required,
    sharing: c.consent.sharing.value,
    basisRecorded: !!c.safeguardingBasis,
  });
}

/** What the form's place says when it is not offered. */
export const MARAC_FORM_NEEDS_CONSENT_OR_BASIS =
  'The MARAC referral form: the case meets no MARAC criterion and she has not consented to sharing her details, so a team lead records a lawful basis first (or ask her).';

/** Referral options, referrals made and new referrals for one case. */
@Injectable({ providedIn: 'root' })
export class ReferralsApiService {
  private readonly http = inject(HttpClient);

  private url(id: string, path: string): string {
    return `/api/v1/cases/${encodeURIComponent(id)}${path}`;
  }

  options(caseId: string): Observable<ReferralOption[]> {
    return this.http.get<ReferralOption[]>(this.url(caseId, '/referral-options'));
  }

  referrals(caseId: string): Observable<Referral[]> {
    return this.http.get<Referral[]>(this.url(caseId, '/referrals'));
  }

  /** 201, or 422 not-eligible / consent-required with the reasons. */
  refer(caseId: string, request: CreateReferralRequest): Observable<Referral> {
    return this.http.post<Referral>(this.url(caseId, '/referrals'), request);
  }

  /** POST /api/v1/referrals/:id/:action (409 when the step is not allowed from the current status). */
  act(referralId: string, action: ReferralAction, body: ReferralActionRequest = {}): Observable<SharedReferral> {
    return this.http.post<SharedReferral>(`/api/v1/referrals/${encodeURIComponent(referralId)}/${action}`, body);
  }

  /** The lawful bases a team lead may record for sharing without consent (the hub's configured list). */
  lawfulBases(): Observable<LawfulBasis[]> {
    return this.http.get<LawfulBasis[]>('/api/v1/lawful-bases');
  }

  /** Team leads: the lawful basis (a code of lawfulBases()) for sharing the victim's details without consent, and why. */
  recordSafeguardingBasis(caseId: string, body: SafeguardingBasisRequest): Observable<SafeguardingBasis> {
    return this.http.post<SafeguardingBasis>(`/api/v1/cases/${encodeURIComponent(caseId)}/safeguarding-basis`, body);
  }

  /** The hub's MARAC referral form (PDF) pre-filled from the case. */
  maracReferralUrl(caseId: string): string {
    return maracReferralUrl(caseId);
  }
}
