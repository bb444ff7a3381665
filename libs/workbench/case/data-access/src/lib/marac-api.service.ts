import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { MaracReferral, MaracReferralRequest } from '@lantern/shared/domain';
import { Observable } from 'rxjs';

/** The MARAC form (PDF) of one recorded referral: a link, not a request. */
export function maracReferralFormUrl(caseId: string, referralId: string): string {
  return `/api/v1/cases/${encodeURIComponent(caseId)}/marac-referrals/${encodeURIComponent(referralId)}/form`;
}

/** MARAC referrals recorded for a case. */
@Injectable({ providedIn: 'root' })
export class MaracApiService {
  private readonly http = inject(HttpClient);

  record(caseId: string, body: MaracReferralRequest): Observable<MaracReferral> {
    return this.http.post<MaracReferral>(`/api/v1/cases/${encodeURIComponent(caseId)}/marac-referrals`, body);
  }
}
