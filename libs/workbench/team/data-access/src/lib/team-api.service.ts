import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AlertAcknowledgement,
  AlertAcknowledgementRequest,
  AssignCaseRequest,
  Availability,
  AvailabilityRequest,
  BalanceSuggestion,
  CaseSummary,
  QueueQuery,
  Rota,
  RotaRequest,
  TeamLeadAlerts,
  UnassignedQueue,
  WorkloadRow,
} from '@lantern/shared/domain';
import { Observable } from 'rxjs';

/** GET /api/v1/workload/suggestions: suggested moves (never applied until a team lead accepts one). */
export interface WorkloadSuggestions {
  cap: number;
  suggestions: BalanceSuggestion[];
  /** The most urgent cases that found no one (at most MAX_UNPLACED), and how many did in all. */
  unplaced: Array<{ caseId: string; reference: string; reason: string }>;
  unplacedTotal: number;
}

/** GET /api/v1/users/me/availability. */
export interface MyAvailability {
  availability: Availability;
  onShift: boolean;
  rota: Rota | null;
}

/** The team lead's board, the alert tray and a caseworker's own status. */
@Injectable({ providedIn: 'root' })
export class TeamApiService {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/v1';

  workload(): Observable<WorkloadRow[]> {
    return this.http.get<WorkloadRow[]>(`${this.base}/workload`);
  }

  unassigned(): Observable<UnassignedQueue> {
    return this.http.get<UnassignedQueue>(`${this.base}/workload/unassigned`);
  }

  suggestions(): Observable<WorkloadSuggestions> {
    return this.http.get<WorkloadSuggestions>(`${this.base}/workload/suggestions`);
  }

  /** One person's open cases, for the board's expanded row. */
  casesOf(userId: string): Observable<{ items: CaseSummary[] }> {
    const query: QueueQuery = { assignee: userId, limit: '100' };
    return this.http.get<{ items: CaseSummary[] }>(`${this.base}/cases`, { params: new HttpParams({ fromObject: query }) });
  }

  /** Team leads: assign a case (409 when `version` is stale). */
  assign(caseId: string, userId: string | null, version?: number): Observable<CaseSummary> {
    const body: AssignCaseRequest = version === undefined ? { userId } : { userId, version };
    return this.http.post<CaseSummary>(`${this.base}/cases/${encodeURIComponent(caseId)}/assign`, body);
  }

  myAvailability(): Observable<MyAvailability> {
    return this.http.get<MyAvailability>(`${this.base}/users/me/availability`);
  }

  setMyAvailability(availability: Availability): Observable<{ availability: Availability }> {
    const body: AvailabilityRequest = { availability };
    return this.http.put<{ availability: Availability }>(`${this.base}/users/me/availability`, body);
  }

  /** Team leads: a caseworker's weekly rota (null: whenever the hub is staffed). 400 with field errors. */
  setRota(userId: string, rota: Rota | null): Observable<unknown> {
    const body: RotaRequest = { rota };
    return this.http.put(`${this.base}/users/${encodeURIComponent(userId)}/rota`, body);
  }

  alerts(): Observable<TeamLeadAlerts> {
    return this.http.get<TeamLeadAlerts>(`${this.base}/alerts`);
  }

  /** Team leads: acknowledge an alert with a note (it leaves every team lead's tray). */
  acknowledgeAlert(alertKey: string, note: string): Observable<AlertAcknowledgement> {
    const body: AlertAcknowledgementRequest = { alertKey, note };
    return this.http.post<AlertAcknowledgement>(`${this.base}/alerts/acknowledgements`, body);
  }
}
