import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Preferences, PreferencesRequest } from '@lantern/shared/domain';
import { Observable } from 'rxjs';

/** /api/v1/me/preferences: the signed-in user's own workbench preferences (never anyone else's). */
@Injectable({ providedIn: 'root' })
export class PreferencesApiService {
  private readonly http = inject(HttpClient);
  private readonly url = '/api/v1/me/preferences';

  load(): Observable<Preferences> {
    return this.http.get<Preferences>(this.url);
  }

  save(preferences: PreferencesRequest): Observable<Preferences> {
    return this.http.put<Preferences>(this.url, preferences);
  }
}
