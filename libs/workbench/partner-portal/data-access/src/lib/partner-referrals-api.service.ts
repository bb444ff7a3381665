import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Referral, ReferralAction, ReferralActionRequest } from '@lantern/shared/domain';
import { Observable } from 'rxjs';

/**
 * The partner's side of the referrals API. The hub's side (options, refer, revoke) is in referrals/data-access;
 * both call POST /referrals/:id/:action, each for its own steps, so the two domains share no code.
 */
@Injectable({ providedIn: 'root' })
export class PartnerReferralsApiService {
  private readonly http = inject(HttpClient);

  /** GET /api/v1/referrals: for a partner user, only their agency's (never drafts). */
  list(): Observable<Referral[]> {
    return this.http.get<Referral[]>('/api/v1/referrals');
  }

  /** POST /api/v1/referrals/:id/:action (409 when the step is not allowed from the current status). */
  act(referralId: string, action: ReferralAction, body: ReferralActionRequest = {}): Observable<Referral> {
    return this.http.post<Referral>(`/api/v1/referrals/${encodeURIComponent(referralId)}/${action}`, body);
  }
}
