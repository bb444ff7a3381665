import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { consentSaysNo, type CaseConsent, type ConsentMethod, type ConsentQuestion, type HubConsentValue } from '@lantern/shared/domain';
import { ConsentDialogActions, consentFeature } from '@lantern/workbench/case/data-access';
import { Store } from '@ngrx/store';
import {
  CONSENT_METHOD_OPTIONS,
  CONSENT_QUESTION_LABELS,
  CONSENT_VALUE_LABELS,
  consentDraftErrors,
  consentSource,
  HUB_CONSENT_OPTIONS,
  type ConsentDraft,
} from './consent-rules';

export interface ConsentDialogData {
  caseId: string;
  /** The case version the page showed: the API refuses the record if a police revision has since named another victim. */
  version?: number;
  victimName: string;
  /** The consent in force now (shown beside each question). */
  consent: CaseConsent | null;
  /** How the hub most likely heard it (the conversation's channel); the user can change it. */
  method: ConsentMethod | null;
}

/**
 * "Record consent": what the victim said about contact and/or sharing, how the hub heard it, and a note. The
 * dialog dispatches and reflects the consent state (pending, the API's refusal) and closes once it is recorded.
 */
@Component({
  selector: 'lantern-consent-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule, MatSelectModule],
  templateUrl: './consent-dialog.html',
  styles: `
    .question {
      margin: 0 0 12px;
      padding: 0;
      border: 0;
    }
    legend {
      font-weight: 600;
      padding: 0;
    }
    .ask,
    .now {
      margin: 2px 0 4px;
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
    }
    mat-radio-group {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
      gap: 0 8px;
    }
    .hint {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.8125rem;
    }
    .error {
      min-height: 1.2em;
      margin: 4px 0 8px;
      color: var(--mat-sys-error);
      font-weight: 600;
    }
    .error:empty {
      min-height: 0;
      margin: 0;
    }
    .warning {
      padding: 6px 10px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      border: 1px solid var(--mat-sys-tertiary);
      color: var(--mat-sys-on-tertiary-container);
    }
    .wide {
      width: 100%;
    }
    .problem {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
  `,
})
export class ConsentDialog {
  protected readonly data = inject<ConsentDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ConsentDialog>);
  private readonly store = inject(Store);

  protected readonly questions = (['contact', 'sharing'] as const).map((key) => ({
    key,
    ...CONSENT_QUESTION_LABELS[key],
    now: this.data.consent ? `Now: ${CONSENT_VALUE_LABELS[this.data.consent[key].value]} · ${consentSource(this.data.consent[key])}` : '',
  }));
  protected readonly options = HUB_CONSENT_OPTIONS;
  protected readonly methods = CONSENT_METHOD_OPTIONS;

  protected readonly draft = signal<ConsentDraft>({ contact: null, sharing: null, method: this.data.method, note: '' });
  protected readonly tried = signal(false);
  protected readonly errors = computed(() => consentDraftErrors(this.draft()));
  protected readonly sharingNo = computed(() => consentSaysNo(this.draft().sharing));

  private readonly state = this.store.selectSignal(consentFeature.selectConsentState);
  protected readonly pending = computed(() => this.state().caseId === this.data.caseId && this.state().pending);
  protected readonly failure = computed(() => (this.state().caseId === this.data.caseId ? this.state().error : null));

  constructor() {
    effect(() => {
      const s = this.state();
      if (s.caseId === this.data.caseId && s.recordedAt && !s.pending) untracked(() => this.ref.close(true));
    });
  }

  protected set(question: ConsentQuestion, value: HubConsentValue | null): void {
    this.draft.update((d) => ({ ...d, [question]: value }));
  }

  protected setMethod(method: ConsentMethod): void {
    this.draft.update((d) => ({ ...d, method }));
  }

  protected setNote(note: string): void {
    this.draft.update((d) => ({ ...d, note }));
  }

  protected submit(): void {
    if (this.pending()) return;
    this.tried.set(true);
    const d = this.draft();
    if (Object.keys(this.errors()).length || !d.method) return;
    const note = d.note.trim();
    this.store.dispatch(
      ConsentDialogActions.submitted({
        caseId: this.data.caseId,
        request: {
          ...(d.contact ? { contact: d.contact } : {}),
          ...(d.sharing ? { sharing: d.sharing } : {}),
          method: d.method,
          ...(note ? { note } : {}),
          ...(this.data.version !== undefined ? { version: this.data.version } : {}),
        },
      }),
    );
  }
}
