import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { OfficerReferralList, OfficerReferralReceipt } from '@lantern/shared/domain';
import { Observable } from 'rxjs';
import type { OfficerReport } from './officer-draft';

/** /api/v1/officer: the officer's referrals (submit one; list one's own with their status, never case detail). */
@Injectable({ providedIn: 'root' })
export class OfficerApiService {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/v1/officer/referrals';

  /** 201 created, 200 duplicate (a retry of the same reference and body): the receipt either way. */
  submit(report: OfficerReport): Observable<OfficerReferralReceipt> {
    return this.http.post<OfficerReferralReceipt>(this.base, report);
  }

  list(): Observable<OfficerReferralList> {
    return this.http.get<OfficerReferralList>(this.base);
  }
}
