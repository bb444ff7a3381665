import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ChildrensServicesDecisionRequest,
  BreakGlassResponse,
  CaseRestrictionRequest,
  CaseRestrictionResponse,
  AssignCaseRequest,
  CallbackRecord,
  CallbackRequest,
  CancelCallbackRequest,
  CaseHistoryEntry,
  CaseStatus,
  CaseStatusRequest,
  CaseSummary,
  ClaimCaseRequest,
  ClosureReason,
  ContactAttemptRecord,
  ContactAttemptRequest,
  NeedsContent,
  OutreachAreaRequest,
  ReleaseCaseRequest,
  RescheduleCallbackRequest,
  ResumeContactRequest,
  SafeContactUpdateRequest,
  SafeContactView,
  SafeTimesConfirmRequest,
  SafetyPlanContent,
  SatisfactionRequest,
  SatisfactionSurvey,
  SaveNeedsRequest,
  SaveSafetyPlanRequest,
  SafetyNotices,
  VersionedDocument,
} from '@lantern/shared/domain';
import { Observable } from 'rxjs';

export interface AssignableUser {
  id: string;
  displayName: string;
  roles: string[];
}

/** GET /api/v1/cases/:id/contact-summary: failed attempts so far, and whether to suggest unable-to-contact. */
export interface ContactSummary {
  suggest: boolean;
  failed: number;
  days: number;
}

/** Claim, assign, Next case, status, the safe-contact plan, contact attempts and the audit trail of one case. */
@Injectable({ providedIn: 'root' })
export class CaseworkApiService {
  private readonly http = inject(HttpClient);

  /** Team leads: the caseworkers and team leads a case may be assigned to. */
  assignableUsers(): Observable<AssignableUser[]> {
    return this.http.get<AssignableUser[]>('/api/v1/users');
  }
  private readonly base = '/api/v1/cases';

  /** The signed-in user's safety notices not yet dismissed (docs/casework.md, "Who is told"). */
  safetyNotices(): Observable<SafetyNotices> {
    return this.http.get<SafetyNotices>('/api/v1/me/safety-notices');
  }

  /** Records that the user dismissed a safety notice: it is not listed again. */
  dismissSafetyNotice(key: string): Observable<{ key: string; dismissedAt: string }> {
    return this.http.post<{ key: string; dismissedAt: string }>('/api/v1/me/safety-notices/dismissals', { key });
  }

  private url(id: string, path = ''): string {
    return `${this.base}/${encodeURIComponent(id)}${path}`;
  }

  /** {area (null = out of county), reason, version?}: where outreach is allocated, corrected (audited). */
  correctOutreachArea(id: string, body: OutreachAreaRequest): Observable<CaseSummary> {
    return this.http.put<CaseSummary>(this.url(id, '/outreach-area'), body);
  }

  /** {decision, reason, version?}: the hub's children's services decision for the children in the household (audited). */
  recordChildrensServicesDecision(id: string, body: ChildrensServicesDecisionRequest): Observable<CaseSummary> {
    return this.http.put<CaseSummary>(this.url(id, '/childrens-services-decision'), body);
  }

  /** 200 for the one winner; 409 already-claimed ("Already claimed by …") for everyone else. */
  claim(id: string): Observable<CaseSummary> {
    const body: ClaimCaseRequest = {};
    return this.http.post<CaseSummary>(this.url(id, '/claim'), body);
  }

  /** "Give back": the case returns to the queue, unassigned; 409 when it is not this user's to give. */
  release(id: string, version?: number): Observable<CaseSummary> {
    const body: ReleaseCaseRequest = version === undefined ? {} : { version };
    return this.http.post<CaseSummary>(this.url(id, '/release'), body);
  }

  /** Claims the highest-priority unassigned open case; 404 when none is waiting. */
  /** Team leads: restrict the case to an access list, or lift it (docs/casework.md, "Restricted cases"). */
  restrict(id: string, body: CaseRestrictionRequest): Observable<CaseRestrictionResponse> {
    return this.http.post<CaseRestrictionResponse>(this.url(id, '/restriction'), body);
  }

  /** Break the glass: time-limited access to a restricted case one is not listed on (audited, alerted). */
  breakGlass(id: string, reason: string): Observable<BreakGlassResponse> {
    return this.http.post<BreakGlassResponse>(this.url(id, '/break-glass'), { reason });
  }

  next(): Observable<CaseSummary> {
    return this.http.post<CaseSummary>(`${this.base}/next`, {});
  }

  /** Team leads: assign to a user, or unassign with null. */
  assign(id: string, userId: string | null, version?: number): Observable<CaseSummary> {
    const body: AssignCaseRequest = { userId, ...(version === undefined ? {} : { version }) };
    return this.http.post<CaseSummary>(this.url(id, '/assign'), body);
  }

  setStatus(
    id: string,
    status: CaseStatus,
    reason: string | null,
    version?: number,
    closureReason?: ClosureReason,
    overrideReason?: string,
  ): Observable<CaseSummary> {
    const body: CaseStatusRequest = {
      status,
      ...(reason ? { reason } : {}),
      ...(version === undefined ? {} : { version }),
      ...(closureReason ? { closureReason } : {}),
      ...(overrideReason ? { overrideReason } : {}),
    };
    return this.http.post<CaseSummary>(this.url(id, '/status'), body);
  }

  /** The victim's satisfaction survey at closure; 404 when none was recorded. */
  satisfaction(id: string): Observable<SatisfactionSurvey> {
    return this.http.get<SatisfactionSurvey>(this.url(id, '/satisfaction'));
  }

  /** Records the survey once the case is in a closing status (409 case-open before). */
  recordSatisfaction(id: string, survey: SatisfactionRequest): Observable<SatisfactionSurvey> {
    return this.http.post<SatisfactionSurvey>(this.url(id, '/satisfaction'), survey);
  }

  safeContact(id: string): Observable<SafeContactView> {
    return this.http.get<SafeContactView>(this.url(id, '/safe-contact'));
  }

  saveSafeContact(id: string, plan: SafeContactUpdateRequest['plan'], version?: number): Observable<SafeContactView> {
    const body: SafeContactUpdateRequest = { plan, ...(version === undefined ? {} : { version }) };
    return this.http.put<SafeContactView>(this.url(id, '/safe-contact'), body);
  }

  /** Confirms the safe times in one action (the suggestion, windows, or any time); 409 no-suggestion when there is none. */
  confirmSafeTimes(id: string, request: SafeTimesConfirmRequest): Observable<SafeContactView> {
    return this.http.post<SafeContactView>(this.url(id, '/safe-contact/times'), request);
  }

  contactAttempts(id: string): Observable<ContactAttemptRecord[]> {
    return this.http.get<ContactAttemptRecord[]>(this.url(id, '/contact-attempts'));
  }

  /** 201, or 422 unsafe-contact naming the rules (unless `override` carries a written reason). */
  recordContactAttempt(id: string, request: ContactAttemptRequest): Observable<ContactAttemptRecord> {
    return this.http.post<ContactAttemptRecord>(this.url(id, '/contact-attempts'), request);
  }

  /** Team leads: resume contact paused after someone else answered. */
  resumeContact(id: string, reason: string): Observable<CaseSummary> {
    const body: ResumeContactRequest = { reason };
    return this.http.post<CaseSummary>(this.url(id, '/contact/resume'), body);
  }

  history(id: string): Observable<CaseHistoryEntry[]> {
    return this.http.get<CaseHistoryEntry[]>(this.url(id, '/history'));
  }

  callbacks(id: string): Observable<CallbackRecord[]> {
    return this.http.get<CallbackRecord[]>(this.url(id, '/callbacks'));
  }

  /** 201, or 422 unsafe-callback naming the rules (outside the safe times or the hub's staffed hours). */
  scheduleCallback(id: string, request: CallbackRequest): Observable<CallbackRecord> {
    return this.http.post<CallbackRecord>(this.url(id, '/callbacks'), request);
  }

  /** Cancels a pending call-back; 409 callback-not-pending once it was done or cancelled. */
  cancelCallback(callbackId: string, reason: string | null): Observable<CallbackRecord> {
    const body: CancelCallbackRequest = reason ? { reason } : {};
    return this.http.post<CallbackRecord>(`/api/v1/callbacks/${encodeURIComponent(callbackId)}/cancel`, body);
  }

  /** Moves a pending call-back; 422 unsafe-callback naming the rules, as when scheduling. */
  rescheduleCallback(callbackId: string, dueAt: string): Observable<CallbackRecord> {
    const body: RescheduleCallbackRequest = { dueAt };
    return this.http.post<CallbackRecord>(`/api/v1/callbacks/${encodeURIComponent(callbackId)}/reschedule`, body);
  }

  /** This user's pending call-backs due within `withinMinutes` or overdue ("Due now" is the next 15 minutes of them). */
  dueCallbacks(withinMinutes: number): Observable<CallbackRecord[]> {
    return this.http.get<CallbackRecord[]>('/api/v1/callbacks/due', { params: { within: String(withinMinutes) } });
  }

  contactSummary(id: string): Observable<ContactSummary> {
    return this.http.get<ContactSummary>(this.url(id, '/contact-summary'));
  }

  needs(id: string): Observable<VersionedDocument<NeedsContent>> {
    return this.http.get<VersionedDocument<NeedsContent>>(this.url(id, '/needs'));
  }

  /** A new version; `basedOnVersion` (the one edited, 0 for none) must still be the latest, else 409. */
  saveNeeds(id: string, content: NeedsContent, basedOnVersion: number): Observable<VersionedDocument<NeedsContent>> {
    const body: SaveNeedsRequest = { content, basedOnVersion };
    return this.http.put<VersionedDocument<NeedsContent>>(this.url(id, '/needs'), body);
  }

  safetyPlan(id: string): Observable<VersionedDocument<SafetyPlanContent>> {
    return this.http.get<VersionedDocument<SafetyPlanContent>>(this.url(id, '/safety-plan'));
  }

  saveSafetyPlan(id: string, content: SafetyPlanContent, basedOnVersion: number): Observable<VersionedDocument<SafetyPlanContent>> {
    const body: SaveSafetyPlanRequest = { content, basedOnVersion };
    return this.http.put<VersionedDocument<SafetyPlanContent>>(this.url(id, '/safety-plan'), body);
  }
}
