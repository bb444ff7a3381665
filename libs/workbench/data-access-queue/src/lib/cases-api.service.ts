import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CaseDetail, CasePage } from '@lantern/shared/domain';
import { Observable } from 'rxjs';

export const QUEUE_PAGE_SIZE = 200;

@Injectable({ providedIn: 'root' })
export class CasesApiService {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/v1/cases';

  /** One page of open cases in triage order. */
  page(cursor: string | null, limit = QUEUE_PAGE_SIZE): Observable<CasePage> {
    let params = new HttpParams().set('limit', limit);
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<CasePage>(this.base, { params });
  }

  get(id: string): Observable<CaseDetail> {
    return this.http.get<CaseDetail>(`${this.base}/${encodeURIComponent(id)}`);
  }
}
