import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AgreedWithPoliceRequest,
  CaseCounts,
  CaseSummary,
  CaseDetail,
  CasePage,
  MaracReason,
  QueueQuery,
  RiskAssessmentRequest,
  RiskGrade,
  TriageConfig,
} from '@lantern/shared/domain';
import { Observable } from 'rxjs';
import { filtersToApiParams, NO_FILTERS, QueueFilters } from './filters/queue-filters';

export const QUEUE_PAGE_SIZE = 200;

/** 201 of POST /api/v1/cases/:id/risk-assessments. */
export interface RiskAssessmentSaved {
  id: string;
  score: number;
  scoreGrade: RiskGrade;
  grade: RiskGrade;
  /** The case's grade after it: the higher of this grade and the police grade (or an agreed one). */
  caseGrade?: RiskGrade | null;
  marac: { required: boolean; reasons: MaracReason[] };
}

@Injectable({ providedIn: 'root' })
export class CasesApiService {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/v1/cases';

  /** One page of open cases in triage order, narrowed by the queue's filters. */
  page(cursor: string | null, filters: QueueFilters = NO_FILTERS, limit = QUEUE_PAGE_SIZE): Observable<CasePage> {
    const query: QueueQuery = { ...filtersToApiParams(filters), limit: String(limit), ...(cursor ? { cursor } : {}) };
    return this.http.get<CasePage>(this.base, { params: new HttpParams({ fromObject: query }) });
  }

  /** Open cases per filter (not narrowed by the current filters), and `matching`: how many `filters` match. */
  counts(filters: QueueFilters = NO_FILTERS): Observable<CaseCounts> {
    return this.http.get<CaseCounts>(`${this.base}/counts`, { params: new HttpParams({ fromObject: filtersToApiParams(filters) }) });
  }

  get(id: string): Observable<CaseDetail> {
    return this.http.get<CaseDetail>(`${this.base}/${encodeURIComponent(id)}`);
  }

  /** `version`: the case version the assessment was made against; the API refuses it (409) if the case moved on. */
  saveRiskAssessment(id: string, request: RiskAssessmentRequest, version?: number): Observable<RiskAssessmentSaved> {
    return this.http.post<RiskAssessmentSaved>(
      `${this.base}/${encodeURIComponent(id)}/risk-assessments`,
      version === undefined ? request : { ...request, version },
    );
  }

  /** A team lead grades the case below the police grade ("agreed with police"); 422 names /grade or /reason. */
  agreeWithPolice(id: string, request: AgreedWithPoliceRequest): Observable<CaseSummary> {
    return this.http.post<CaseSummary>(`${this.base}/${encodeURIComponent(id)}/risk/agreed-with-police`, request);
  }

  triageConfig(): Observable<TriageConfig> {
    return this.http.get<TriageConfig>('/api/v1/triage/config');
  }
}
