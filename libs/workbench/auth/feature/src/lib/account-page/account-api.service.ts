import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ChangePasswordRequest, MfaConfirmRequest, MfaEnrolment } from '@lantern/shared/domain';
import type { Observable } from 'rxjs';

/** The signed-in user's own credentials (/api/v1/auth/password, /auth/mfa/*). */
@Injectable({ providedIn: 'root' })
export class AccountApiService {
  private readonly http = inject(HttpClient);

  changePassword(body: ChangePasswordRequest): Observable<unknown> {
    return this.http.post('/api/v1/auth/password', body);
  }
  startMfa(): Observable<MfaEnrolment> {
    return this.http.post<MfaEnrolment>('/api/v1/auth/mfa/setup', {});
  }
  confirmMfa(body: MfaConfirmRequest): Observable<unknown> {
    return this.http.post('/api/v1/auth/mfa/confirm', body);
  }
}
