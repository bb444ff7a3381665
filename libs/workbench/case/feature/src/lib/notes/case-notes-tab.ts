import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked, viewChild } from '@angular/core';
import type { CaseNote } from '@lantern/shared/domain';
import { describeHttpError, selectCan } from '@lantern/workbench/auth/data-access';
import {
  caseFeature,
  CaseNotesApiService,
  selectCaseIsClosed,
  selectMayClaimCase,
  selectMayWorkOnCase,
  selectReadingThroughBrokenGlass,
} from '@lantern/workbench/case/data-access';
import { LondonDateTimePipe } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { CasePageContext } from '../case-page/case-page-context';
import { whyNotYours } from '../casework/casework-rules';
import { NoteForm } from './note-form';

/**
 * The Notes tab: the case's timestamped notes, newest first, and a form to add one (the assignee or a team lead).
 * Notes are read again whenever the case gets a new version, so a note added on another screen appears here too.
 */
@Component({
  selector: 'lantern-case-notes-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NoteForm, LondonDateTimePipe],
  template: `
    @if (canWork()) {
      <lantern-note-form [caseId]="context.caseId()" [busy]="saving()" [error]="saveError()" (submitted)="add($event)" />
    } @else {
      <p class="claim">{{ whyNoNotes() }}</p>
    }
    <p class="cdk-visually-hidden" aria-live="polite">{{ announcement() }}</p>
    <section aria-labelledby="notes-title">
      <h2 id="notes-title" tabindex="-1">Notes ({{ notes().length }})</h2>
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      @if (status() === 'loading' && !notes().length) {
        <p>Loading notes…</p>
      }
      <ol class="notes">
        @for (n of notes(); track n.id) {
          <li>
            <p class="meta">
              <strong>{{ n.author.displayName }}</strong> · <time [attr.datetime]="n.createdAt">{{ n.createdAt | londonDateTime }}</time>
            </p>
            <p class="text">{{ n.text }}</p>
          </li>
        } @empty {
          @if (status() === 'loaded') {
            <li class="empty">No notes yet.</li>
          }
        }
      </ol>
    </section>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 16px;
      max-width: 860px;
    }
    h2 {
      font-size: 1.125rem;
      margin: 0 0 8px;
    }
    .notes {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .notes li {
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      padding: 8px 0;
    }
    .meta {
      margin: 0 0 4px;
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
    }
    .text {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .claim,
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class CaseNotesTab {
  private readonly store = inject(Store);
  private readonly api = inject(CaseNotesApiService);
  protected readonly context = inject(CasePageContext);
  private readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  protected readonly canWork = this.store.selectSignal(selectMayWorkOnCase);
  private readonly worksCases = this.store.selectSignal(selectCan('case.work'));
  private readonly closed = this.store.selectSignal(selectCaseIsClosed);
  private readonly mayClaim = this.store.selectSignal(selectMayClaimCase);
  private readonly throughBrokenGlass = this.store.selectSignal(selectReadingThroughBrokenGlass);
  /** Why there is no note form: closed, not theirs (claim it, or who holds it), or a role that does not work cases. */
  protected readonly whyNoNotes = computed(() => {
    const d = this.detail();
    if (!d) return '';
    if (this.closed()) return 'The case is closed: notes are added while it is open.';
    if (!this.worksCases()) return 'Notes are added by the case’s caseworker or a team lead.';
    return whyNotYours(d, { mayClaim: this.mayClaim(), throughBrokenGlass: this.throughBrokenGlass() });
  });
  private readonly noteForm = viewChild(NoteForm);

  protected readonly notes = signal<CaseNote[]>([]);
  protected readonly status = signal<'idle' | 'loading' | 'loaded' | 'error'>('idle');
  protected readonly error = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);
  protected readonly announcement = signal('');

  constructor() {
    // On opening, and on every new version of the case (a note added anywhere gives the case a new version).
    effect(() => {
      const caseId = this.context.caseId();
      const version = this.detail()?.version;
      if (!caseId || version === undefined) return;
      untracked(() => this.load(caseId));
    });
  }

  private load(caseId: string): void {
    this.status.set('loading');
    this.api.notes(caseId).subscribe({
      next: (notes) => {
        if (caseId !== this.context.caseId()) return;
        this.notes.set(notes);
        this.status.set('loaded');
        this.error.set(null);
      },
      error: (err: unknown) => {
        this.status.set('error');
        this.error.set(describeHttpError(err, 'The notes could not be loaded.'));
      },
    });
  }

  protected add(text: string): void {
    const caseId = this.context.caseId();
    this.saving.set(true);
    this.saveError.set(null);
    this.api.addNote(caseId, text).subscribe({
      next: (note) => {
        this.saving.set(false);
        this.notes.update((list) => (list.some((n) => n.id === note.id) ? list : [note, ...list]));
        this.noteForm()?.reset();
        this.announcement.set('Note added.');
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.saveError.set(describeHttpError(err, 'The note was not added.'));
      },
    });
  }
}
