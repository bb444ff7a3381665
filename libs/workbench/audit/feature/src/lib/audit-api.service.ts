import { HttpClient, HttpParams, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditPage, AuditQuery, AuditVerification } from '@lantern/shared/domain';
import { Observable } from 'rxjs';

/**
 * The audit trail (auditors). One page reads it and nothing else shares it, so it is a plain service beside the
 * page, as the outcomes dashboard does, rather than NgRx state in a data-access lib.
 */
@Injectable({ providedIn: 'root' })
export class AuditApiService {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/v1/audit';

  search(query: AuditQuery): Observable<AuditPage> {
    return this.http.get<AuditPage>(this.base, { params: new HttpParams({ fromObject: query }) });
  }

  /** The CSV of the entries matching the query (up to 10,000), with its headers for the file name. */
  csv(query: AuditQuery): Observable<HttpResponse<Blob>> {
    return this.http.get(this.base, {
      params: new HttpParams({ fromObject: { ...query, format: 'csv' } }),
      responseType: 'blob',
      observe: 'response',
    });
  }

  verify(): Observable<AuditVerification> {
    return this.http.get<AuditVerification>(`${this.base}/verify`);
  }
}
