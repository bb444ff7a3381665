import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ConsentView, RecordConsentRequest } from '@lantern/shared/domain';
import { Observable } from 'rxjs';

/** What the victim said about consent to contact and to sharing, as the hub records it (GET/POST /cases/:id/consent). */
@Injectable({ providedIn: 'root' })
export class ConsentApiService {
  private readonly http = inject(HttpClient);

  private url(id: string): string {
    return `/api/v1/cases/${encodeURIComponent(id)}/consent`;
  }

  /** The consent in force and every hub record, newest first. */
  consent(id: string): Observable<ConsentView> {
    return this.http.get<ConsentView>(this.url(id));
  }

  /** 201 with the new view; 400 naming /contact and /sharing when neither is answered. */
  record(id: string, request: RecordConsentRequest): Observable<ConsentView> {
    return this.http.post<ConsentView>(this.url(id), request);
  }
}
