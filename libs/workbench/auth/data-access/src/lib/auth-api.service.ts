import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CurrentUser, LoginRequest } from '@lantern/shared/domain';
import { Observable } from 'rxjs';

/** /api/v1/auth: the session lives in an http-only cookie, so the browser carries it; we never see it. */
@Injectable({ providedIn: 'root' })
export class AuthApiService {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/v1/auth';

  signIn(credentials: LoginRequest): Observable<CurrentUser> {
    return this.http.post<CurrentUser>(`${this.base}/login`, credentials);
  }

  signOut(): Observable<unknown> {
    return this.http.post(`${this.base}/logout`, {});
  }

  me(): Observable<CurrentUser> {
    return this.http.get<CurrentUser>(`${this.base}/me`);
  }
}
