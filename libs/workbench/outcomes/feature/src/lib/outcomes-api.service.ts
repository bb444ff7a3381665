import { HttpClient, HttpParams, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { OutcomesQuery, OutcomesReport, OutcomesSummaryQuery, OutcomeTable } from '@lantern/shared/domain';
import { Observable } from 'rxjs';
import type { OutcomesPeriod } from './outcomes-period';

/**
 * The outcomes report (aggregate figures only; team leads, admins and auditors). One page reads it and nothing
 * else shares it, so it is a plain service beside the page rather than NgRx state in a data-access lib.
 */
@Injectable({ providedIn: 'root' })
export class OutcomesApiService {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/v1/reports/outcomes';

  report(period: OutcomesPeriod): Observable<OutcomesReport> {
    const query: OutcomesQuery = { ...period };
    return this.http.get<OutcomesReport>(this.base, { params: new HttpParams({ fromObject: query }) });
  }

  /** The CSV (one table, or every table with `null`), with its headers for the file name. */
  csv(period: OutcomesPeriod, table: OutcomeTable | null): Observable<HttpResponse<Blob>> {
    const query: OutcomesQuery = { ...period, ...(table ? { table } : {}) };
    return this.http.get(this.base, {
      params: new HttpParams({ fromObject: query }),
      headers: { Accept: 'text/csv' },
      responseType: 'blob',
      observe: 'response',
    });
  }

  /** The printable summary (PDF) of a calendar month ("2026-11"), opened in a new tab. */
  summaryUrl(month: string): string {
    const query: OutcomesSummaryQuery = { month };
    return `${this.base}/summary?${new HttpParams({ fromObject: query })}`;
  }
}
