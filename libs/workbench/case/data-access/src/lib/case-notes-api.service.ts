import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CaseDetail,
  CaseDuplicateLink,
  CaseDuplicateRequest,
  CaseNote,
  CaseNoteRequest,
  ContactAttemptRecord,
  Referral,
  SafeContactView,
} from '@lantern/shared/domain';
import { forkJoin, type Observable } from 'rxjs';

/** Everything the printable case summary shows, read at once (the case read is audited with purpose print). */
export interface CasePrintBundle {
  detail: CaseDetail;
  safeContact: SafeContactView;
  attempts: ContactAttemptRecord[];
  referrals: Referral[];
  notes: CaseNote[];
  duplicates: CaseDuplicateLink[];
}

/** Case notes, possible-duplicate links and the printable summary: plain HTTP (each view keeps its own state). */
@Injectable({ providedIn: 'root' })
export class CaseNotesApiService {
  private readonly http = inject(HttpClient);
  private url(caseId: string, path = ''): string {
    return `/api/v1/cases/${encodeURIComponent(caseId)}${path}`;
  }

  notes(caseId: string): Observable<CaseNote[]> {
    return this.http.get<CaseNote[]>(this.url(caseId, '/notes'));
  }

  addNote(caseId: string, text: string): Observable<CaseNote> {
    const body: CaseNoteRequest = { text };
    return this.http.post<CaseNote>(this.url(caseId, '/notes'), body);
  }

  duplicates(caseId: string): Observable<CaseDuplicateLink[]> {
    return this.http.get<CaseDuplicateLink[]>(this.url(caseId, '/duplicates'));
  }

  linkDuplicate(caseId: string, otherCaseId: string, reason: string): Observable<CaseDuplicateLink[]> {
    const body: CaseDuplicateRequest = { otherCaseId, reason };
    return this.http.post<CaseDuplicateLink[]>(this.url(caseId, '/duplicates'), body);
  }

  unlinkDuplicate(caseId: string, otherCaseId: string): Observable<unknown> {
    return this.http.delete(this.url(caseId, `/duplicates/${encodeURIComponent(otherCaseId)}`));
  }

  /** The printable summary's reads; the case itself with `?purpose=print`, so the trail says it was printed. */
  printBundle(caseId: string): Observable<CasePrintBundle> {
    return forkJoin({
      detail: this.http.get<CaseDetail>(this.url(caseId), { params: { purpose: 'print' } }),
      safeContact: this.http.get<SafeContactView>(this.url(caseId, '/safe-contact')),
      attempts: this.http.get<ContactAttemptRecord[]>(this.url(caseId, '/contact-attempts')),
      referrals: this.http.get<Referral[]>(this.url(caseId, '/referrals')),
      notes: this.notes(caseId),
      duplicates: this.duplicates(caseId),
    });
  }
}
