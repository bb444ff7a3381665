import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreatedFeedSource,
  CreateFeedSourceRequest,
  CreateUserRequest,
  FeedSourceSummary,
  OneTimePassword,
  PartnerServiceRecord,
  UserAccount,
  UserRolesRequest,
} from '@lantern/shared/domain';
import type { Observable } from 'rxjs';

/** /api/v1/users (administration) and /api/v1/feed-sources: admins only; every call is audited by the API. */
@Injectable({ providedIn: 'root' })
export class AdminApiService {
  private readonly http = inject(HttpClient);

  accounts(): Observable<UserAccount[]> {
    return this.http.get<UserAccount[]>('/api/v1/users/accounts');
  }
  createUser(body: CreateUserRequest): Observable<OneTimePassword> {
    return this.http.post<OneTimePassword>('/api/v1/users', body);
  }
  deactivate(id: string): Observable<unknown> {
    return this.http.post(`/api/v1/users/${id}/deactivate`, {});
  }
  reactivate(id: string): Observable<unknown> {
    return this.http.post(`/api/v1/users/${id}/reactivate`, {});
  }
  resetPassword(id: string): Observable<OneTimePassword> {
    return this.http.post<OneTimePassword>(`/api/v1/users/${id}/password-reset`, {});
  }
  resetMfa(id: string): Observable<unknown> {
    return this.http.post(`/api/v1/users/${id}/mfa-reset`, {});
  }
  /** The whole new set of roles and the police profile (null clears a field). */
  setRoles(id: string, body: UserRolesRequest): Observable<unknown> {
    return this.http.put(`/api/v1/users/${id}/roles`, body);
  }
  feedSources(): Observable<FeedSourceSummary[]> {
    return this.http.get<FeedSourceSummary[]>('/api/v1/feed-sources');
  }
  createFeedSource(body: CreateFeedSourceRequest): Observable<CreatedFeedSource> {
    return this.http.post<CreatedFeedSource>('/api/v1/feed-sources', body);
  }
  revokeFeedSource(id: string): Observable<unknown> {
    return this.http.post(`/api/v1/feed-sources/${id}/revoke`, {});
  }
  /** The partner agencies of the directory (a partner user belongs to one). */
  partners(): Observable<PartnerServiceRecord[]> {
    return this.http.get<PartnerServiceRecord[]>('/api/v1/partners');
  }
}
