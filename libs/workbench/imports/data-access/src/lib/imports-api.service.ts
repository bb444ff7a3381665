import { HttpClient, HttpParams, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  IMPORT_PREVIEW_MAX_BYTES,
  type ImportMapping,
  type ImportMappingRequest,
  type ImportPreview,
  type ImportQuery,
  type ImportSummary,
} from '@lantern/shared/domain';
import { Observable } from 'rxjs';

/** The CSV import API (docs/imports.md): upload, preview, progress, bad rows, saved mappings. */
@Injectable({ providedIn: 'root' })
export class ImportsApiService {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/v1/imports';

  private params(query: ImportQuery): HttpParams {
    return new HttpParams({ fromObject: Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')) });
  }

  /** The file's first 64 KiB: how the header maps and what validation says of the first rows. */
  preview(file: Blob, query: ImportQuery): Observable<ImportPreview> {
    return this.http.post<ImportPreview>(`${this.base}/preview`, file.slice(0, IMPORT_PREVIEW_MAX_BYTES), {
      params: this.params(query),
      headers: { 'Content-Type': 'text/csv' },
    });
  }

  start(file: Blob, query: ImportQuery): Observable<ImportSummary> {
    return this.http.post<ImportSummary>(this.base, file, { params: this.params(query), headers: { 'Content-Type': 'text/csv' } });
  }

  get(id: string): Observable<ImportSummary> {
    return this.http.get<ImportSummary>(`${this.base}/${id}`);
  }

  list(): Observable<ImportSummary[]> {
    return this.http.get<ImportSummary[]>(this.base);
  }

  errorsCsv(id: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`${this.base}/${id}/errors.csv`, { responseType: 'blob', observe: 'response' });
  }

  mappings(): Observable<ImportMapping[]> {
    return this.http.get<ImportMapping[]>(`${this.base}/mappings`);
  }

  saveMapping(body: ImportMappingRequest): Observable<ImportMapping> {
    return this.http.post<ImportMapping>(`${this.base}/mappings`, body);
  }
}
