import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

/** GET /api/v1/cases/:id/referral-options: one partner service, eligible or not, and why. */
export interface ReferralOption {
  partnerId: string;
  partnerName: string;
  service: string;
  serviceName: string;
  kind: string;
  eligible: boolean;
  reasons: string[];
}

export type ReferralStatus =
  | 'draft'
  | 'sent'
  | 'acknowledged'
  | 'accepted'
  | 'declined'
  | 'outcome-recorded'
  | 'closed'
  | 'revoked';

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
}

export interface ReferralRequest {
  partnerId: string;
  service: string;
  notes?: string;
}

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
  refer(caseId: string, request: ReferralRequest): Observable<Referral> {
    return this.http.post<Referral>(this.url(caseId, '/referrals'), request);
  }
}
