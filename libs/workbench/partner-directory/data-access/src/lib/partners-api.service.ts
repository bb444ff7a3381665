import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreatePartnerServiceRequest, PartnersQuery, PartnerServiceRecord, UpdatePartnerServiceRequest } from '@lantern/shared/domain';
import { Observable } from 'rxjs';

/** The partner directory (admins manage it; hub staff read it) and the safeguarding basis of a case. */
@Injectable({ providedIn: 'root' })
export class PartnersApiService {
  private readonly http = inject(HttpClient);

  /** Every service, inactive ones too when asked. */
  list(includeInactive = false): Observable<PartnerServiceRecord[]> {
    const params: PartnersQuery = includeInactive ? { include: 'inactive' } : {};
    return this.http.get<PartnerServiceRecord[]>('/api/v1/partners', { params });
  }

  /** 201; 400 with field errors; 409 duplicate-service. */
  create(body: CreatePartnerServiceRequest): Observable<PartnerServiceRecord> {
    return this.http.post<PartnerServiceRecord>('/api/v1/partners', body);
  }

  /** 200; 400 with field errors; 409 stale-version when someone changed it since `version`. */
  update(service: string, body: UpdatePartnerServiceRequest): Observable<PartnerServiceRecord> {
    return this.http.put<PartnerServiceRecord>(`/api/v1/partners/${encodeURIComponent(service)}`, body);
  }
}

/** The PUT body for a record as it is, with only `active` changed. */
export function withActive(record: PartnerServiceRecord, active: boolean): UpdatePartnerServiceRequest {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { service, updatedAt, ...rest } = record;
  return { ...rest, active };
}
