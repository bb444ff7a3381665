import { HttpClient, HttpParams, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ForceDashboard, ForceDashboardQuery } from '@lantern/shared/domain';
import { Observable } from 'rxjs';

/** London dates, `to` inclusive (the page always sends both). */
export type ForceDashboardPeriod = Required<ForceDashboardQuery>;

/**
 * The force dashboard's API (force leads; aggregate figures of their own force only). One page reads it and nothing
 * else shares it, so, like the outcomes dashboard, it is a plain HTTP service rather than NgRx state: no store, no
 * live socket, no hub request.
 */
@Injectable({ providedIn: 'root' })
export class ForceDashboardApiService {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/v1/force/dashboard';

  dashboard(period: ForceDashboardPeriod): Observable<ForceDashboard> {
    const query: ForceDashboardQuery = { ...period };
    return this.http.get<ForceDashboard>(this.base, { params: new HttpParams({ fromObject: query }) });
  }

  /** The same figures as CSV, with its headers for the file name. */
  csv(period: ForceDashboardPeriod): Observable<HttpResponse<Blob>> {
    const query: ForceDashboardQuery = { ...period };
    return this.http.get(`${this.base}.csv`, {
      params: new HttpParams({ fromObject: query }),
      headers: { Accept: 'text/csv' },
      responseType: 'blob',
      observe: 'response',
    });
  }
}
