import { DatePipe, DOCUMENT } from '@angular/common';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import type { AuditEntry, AuditQuery, AuditVerification } from '@lantern/shared/domain';
import { describeHttpError, problemDetails } from '@lantern/workbench/auth/data-access';
import { AuditApiService } from '../audit-api.service';
import { auditQueryOf, describeDetails, NO_FILTERS, type AuditFilters } from '../audit-filters';

/** The API's field paths (/caseId) → the form's fields. */
const FIELD_OF_PATH: Record<string, keyof AuditFilters> = {
  '/caseId': 'caseId',
  '/userId': 'userId',
  '/action': 'action',
  '/from': 'from',
  '/to': 'to',
};

/**
 * The auditor's page (/audit): search the audit trail by case, user, action and dates, newest first, load more,
 * download what matches as CSV, and verify the hash chain. Every search and verification is itself audited.
 */
@Component({
  selector: 'lantern-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatDatepickerModule,
    DatePipe,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
  ],
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
})
export class AuditPage {
  private readonly api = inject(AuditApiService);
  private readonly document = inject(DOCUMENT);

  protected readonly columns = ['at', 'actor', 'action', 'entity', 'details'];
  protected readonly filters = signal<AuditFilters>({ ...NO_FILTERS });
  protected readonly fieldErrors = signal<Partial<Record<keyof AuditFilters, string>>>({});
  /** The query of the entries shown (what "Load more" and the CSV continue). */
  private readonly shownQuery = signal<AuditQuery>({});
  protected readonly entries = signal<AuditEntry[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly searched = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly status = signal('');

  protected readonly verification = signal<AuditVerification | null>(null);
  protected readonly verifying = signal(false);
  protected readonly verifyError = signal<string | null>(null);
  protected readonly downloading = signal(false);

  protected readonly describeDetails = describeDetails;

  constructor() {
    this.load({}, false);
  }

  protected setFilter(field: keyof AuditFilters, value: string): void {
    this.filters.update((f) => ({ ...f, [field]: value ?? '' }));
  }

  protected search(event?: Event): void {
    event?.preventDefault();
    const { query, errors } = auditQueryOf(this.filters());
    this.fieldErrors.set(errors);
    if (Object.keys(errors).length) {
      this.status.set('Some filters need correcting.');
      this.focusFirstInvalid();
      return;
    }
    this.load(query, false);
  }

  protected clear(): void {
    this.filters.set({ ...NO_FILTERS });
    this.fieldErrors.set({});
    this.load({}, false);
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor) this.load({ ...this.shownQuery(), cursor }, true);
  }

  private load(query: AuditQuery, append: boolean): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.search(query).subscribe({
      next: (page) => {
        const { cursor: _ignored, ...base } = query;
        void _ignored;
        this.shownQuery.set(base);
        this.entries.update((shown) => (append ? [...shown, ...page.entries] : page.entries));
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
        this.searched.set(true);
        const n = this.entries().length;
        this.status.set(
          append
            ? `${page.entries.length} more entr${page.entries.length === 1 ? 'y' : 'ies'} loaded; ${n} shown.`
            : `${n === 0 ? 'No' : n} entr${n === 1 ? 'y' : 'ies'} shown${page.nextCursor ? ', more available' : ''}.`,
        );
      },
      error: (err: unknown) => {
        this.loading.set(false);
        const errors: Partial<Record<keyof AuditFilters, string>> = {};
        for (const e of problemDetails(err)?.errors ?? []) {
          const field = FIELD_OF_PATH[e.path];
          if (field) errors[field] = e.message;
        }
        this.fieldErrors.set(errors);
        this.error.set(describeHttpError(err, 'The audit trail could not be loaded. Try again.'));
      },
    });
  }

  protected verify(): void {
    if (this.verifying()) return;
    this.verifying.set(true);
    this.verifyError.set(null);
    this.verification.set(null);
    this.api.verify().subscribe({
      next: (v) => {
        this.verifying.set(false);
        this.verification.set(v);
      },
      error: (err: unknown) => {
        this.verifying.set(false);
        this.verifyError.set(describeHttpError(err, 'The trail could not be verified. Try again.'));
      },
    });
  }

  /** The CSV of what the current filters match, saved under the name the API gives. */
  protected downloadCsv(): void {
    if (this.downloading()) return;
    this.downloading.set(true);
    this.error.set(null);
    this.api.csv(this.shownQuery()).subscribe({
      next: (res) => {
        const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'lantern-audit.csv';
        this.save(res.body ?? new Blob([], { type: 'text/csv' }), name);
        this.downloading.set(false);
        this.status.set(`Downloaded ${name}.`);
      },
      error: (err: unknown) => {
        this.downloading.set(false);
        this.error.set(describeHttpError(err, 'The CSV could not be downloaded. Try again.'));
      },
    });
  }

  protected actorOf(e: AuditEntry): string {
    if (e.actor.type === 'user')
      return e.actor.displayName ? `${e.actor.displayName} (${e.actor.username})` : (e.actor.id ?? 'unknown user');
    if (e.actor.type === 'anonymous') return 'Not signed in';
    return e.actor.type === 'feed' ? `Police feed ${e.actor.id ?? ''}`.trim() : 'Lantern';
  }

  private focusFirstInvalid(): void {
    setTimeout(() => (this.document.querySelector('form.filters [aria-invalid="true"]') as HTMLElement | null)?.focus());
  }

  private save(blob: Blob, name: string): void {
    const url = URL.createObjectURL(blob);
    const a = this.document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    a.style.display = 'none';
    this.document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
