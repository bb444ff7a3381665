import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { SearchQuery, SearchResponse } from '@lantern/shared/domain';
import { Observable } from 'rxjs';

/**
 * Search (GET /api/v1/search, docs/search.md). One page reads it and nothing else shares its results, so, like the
 * force dashboard, it is a plain HTTP service rather than NgRx state.
 */
@Injectable({ providedIn: 'root' })
export class SearchApiService {
  private readonly http = inject(HttpClient);

  search(q: string, limit?: number): Observable<SearchResponse> {
    const query: SearchQuery = { q, ...(limit ? { limit: String(limit) } : {}) };
    return this.http.get<SearchResponse>('/api/v1/search', { params: new HttpParams({ fromObject: query }) });
  }
}
