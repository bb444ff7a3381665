import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import type { ClosureReason, FeltSafer } from '@lantern/shared/domain';
import { Actions, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { filter, take } from 'rxjs';
import {
  closureReasonOptions,
  COMMENT_MAX,
  defaultClosureReason,
  EMPTY_SURVEY,
  FELT_SAFER_OPTIONS,
  RECOMMEND_OPTIONS,
  SCORE_OPTIONS,
  surveyErrors,
  surveyRequest,
  type ClosingStatus,
  type RecommendAnswer,
  type SurveyDraft,
} from './closure-rules';
import { describeHttpError } from '@lantern/workbench/auth/data-access';
import { CasePageActions } from '@lantern/workbench/data-access-hub';
import { CaseworkApiActions, CaseworkApiService } from '@lantern/workbench/case/data-access';

export interface CloseCaseDialogData {
  caseId: string;
  /** `close`: close with a reason and, optionally, the survey; `survey`: the survey only (already closed). */
  mode: 'close' | 'survey';
  status: ClosingStatus;
  /** The menu's words: "Close the case", "Close: Declined". */
  title: string;
  version: number;
}

/** The dialog's result: the case closed (and whether a survey was saved with it), or the survey alone. */
export interface CloseCaseResult {
  closed: boolean;
  surveySaved: boolean;
}

type Phase = 'editing' | 'closing' | 'saving-survey' | 'survey-failed';

/** Movement codes that mean the page itself now shows why (it reloaded the case): the dialog gets out of the way. */
const MOVED_ON = ['stale-version', 'illegal-transition', 'case-closed'];

/**
 * Closing a case: why (a closure reason the status allows, and a written reason for the history), and, when it is
 * safe to ask, the victim's short satisfaction survey. The status goes through the store (so a conflict shows on
 * the page as any other); the survey is posted only after the case has closed.
 */
@Component({
  selector: 'lantern-close-case-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ data.mode === 'survey' ? 'Record satisfaction survey' : data.title }}</h2>
    <form (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (data.mode === 'close') {
          <p>The case leaves the queue. Say why it is closed.</p>
          <mat-form-field appearance="outline" class="full" hideRequiredMarker>
            <mat-label>Closure reason (required)</mat-label>
            <mat-select
              name="closureReason"
              required
              [value]="closureReason()"
              (selectionChange)="closureReason.set($event.value); tried.set(false)"
              [disabled]="busy() || reasons.length === 1"
              aria-describedby="close-dialog-reason-error"
            >
              @for (o of reasons; track o.value) {
                <mat-option [value]="o.value">{{ o.label }}</mat-option>
              }
            </mat-select>
            @if (reasons.length === 1) {
              <mat-hint>The only reason for this kind of closure.</mat-hint>
            }
          </mat-form-field>
          <p id="close-dialog-reason-error" class="error" role="alert">
            @if (tried() && !closureReason()) {
              Choose a closure reason.
            }
          </p>
          <mat-form-field appearance="outline" class="full" hideRequiredMarker>
            <mat-label>Reason (required)</mat-label>
            <textarea
              matInput
              name="reason"
              rows="3"
              required
              [disabled]="busy()"
              [ngModel]="reason()"
              (ngModelChange)="reason.set($event); tried.set(false)"
              [attr.aria-invalid]="tried() && !reason().trim()"
              aria-describedby="close-dialog-text-error"
            ></textarea>
            <mat-hint>Recorded in the case history.</mat-hint>
          </mat-form-field>
          <p id="close-dialog-text-error" class="error" role="alert">
            @if (tried() && !reason().trim()) {
              Write a reason first.
            }
          </p>
        }

        <section class="survey" aria-labelledby="survey-heading">
          <h3 id="survey-heading">Victim satisfaction survey{{ data.mode === 'close' ? ' (optional)' : '' }}</h3>
          <p class="ask">
            Ask the victim, if it is safe to: how satisfied they are with the support, whether they feel safer, and whether they would
            recommend the service. Only ask on a safe contact, never if someone else may be listening.
          </p>
          @if (data.mode === 'close') {
            <mat-checkbox name="withSurvey" [checked]="withSurvey()" (change)="withSurvey.set($event.checked)" [disabled]="busy()">
              The victim answered the survey
            </mat-checkbox>
          }
          @if (withSurvey()) {
            <div class="question">
              <p id="score-label" class="q">How satisfied are they with the support from the hub? (required)</p>
              <mat-radio-group
                name="score"
                class="scores"
                aria-labelledby="score-label"
                aria-describedby="score-error"
                [disabled]="surveyLocked()"
                [value]="survey().score"
                (change)="setSurvey({ score: $event.value })"
              >
                @for (o of scoreOptions; track o.value) {
                  <mat-radio-button [value]="o.value">{{ o.label }}</mat-radio-button>
                }
              </mat-radio-group>
              <p id="score-error" class="error" role="alert">{{ showSurveyErrors() ? (errors().score ?? '') : '' }}</p>
            </div>
            <div class="question">
              <p id="safer-label" class="q">Do they feel safer? (required)</p>
              <mat-radio-group
                name="feltSafer"
                aria-labelledby="safer-label"
                aria-describedby="safer-error"
                [disabled]="surveyLocked()"
                [value]="survey().feltSafer"
                (change)="setSurvey({ feltSafer: $event.value })"
              >
                @for (o of saferOptions; track o.value) {
                  <mat-radio-button [value]="o.value">{{ o.label }}</mat-radio-button>
                }
              </mat-radio-group>
              <p id="safer-error" class="error" role="alert">{{ showSurveyErrors() ? (errors().feltSafer ?? '') : '' }}</p>
            </div>
            <div class="question">
              <p id="recommend-label" class="q">Would they recommend the service to someone in a similar situation?</p>
              <mat-radio-group
                name="recommend"
                aria-labelledby="recommend-label"
                [disabled]="surveyLocked()"
                [value]="survey().recommend"
                (change)="setSurvey({ recommend: $event.value })"
              >
                @for (o of recommendOptions; track o.value) {
                  <mat-radio-button [value]="o.value">{{ o.label }}</mat-radio-button>
                }
              </mat-radio-group>
            </div>
            <mat-form-field appearance="outline" class="full">
              <mat-label>Anything else they said (optional)</mat-label>
              <textarea
                matInput
                name="comment"
                rows="2"
                [disabled]="surveyLocked()"
                [ngModel]="survey().comment"
                (ngModelChange)="setSurvey({ comment: $event })"
                [attr.aria-invalid]="!!errors().comment"
                aria-describedby="comment-error"
              ></textarea>
              <mat-hint>Briefly, in their words. No names, addresses or other details that identify anyone.</mat-hint>
              <mat-hint align="end">{{ survey().comment.length }} / {{ commentMax }}</mat-hint>
            </mat-form-field>
            <p id="comment-error" class="error" role="alert">{{ errors().comment ?? '' }}</p>
          }
        </section>

        <div class="status" role="status">
          @if (phase() === 'closing') {
            Closing the case…
          } @else if (phase() === 'saving-survey') {
            Saving the survey…
          }
        </div>
        @if (failure(); as f) {
          <p class="failure" role="alert">{{ f }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        @if (phase() === 'survey-failed') {
          <button mat-button type="button" (click)="finish(false)">Close without the survey</button>
          <button mat-flat-button type="submit">Try saving the survey again</button>
        } @else {
          <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
          <button mat-flat-button type="submit" [disabled]="busy()">
            {{ data.mode === 'survey' ? 'Save survey' : 'Close the case' }}
          </button>
        }
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full {
      width: 100%;
    }
    .error {
      min-height: 1.2em;
      margin: 0 0 4px;
      color: var(--mat-sys-error);
      font-weight: 600;
    }
    .survey {
      margin-top: 8px;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      h3 {
        margin: 0 0 4px;
        font-size: 1rem;
        font-weight: 600;
      }
    }
    .ask {
      margin: 0 0 8px;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      border: 1px solid var(--mat-sys-tertiary);
    }
    .question {
      margin-top: 8px;
    }
    .q {
      margin: 0;
      font-weight: 600;
    }
    mat-radio-group {
      display: flex;
      flex-wrap: wrap;
      gap: 0 8px;
    }
    .status {
      min-height: 1.2em;
      margin-top: 8px;
    }
    .failure {
      margin: 8px 0 0;
      padding: 8px 12px;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      font-weight: 600;
    }
  `,
})
export class CloseCaseDialog {
  protected readonly data = inject<CloseCaseDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<CloseCaseDialog, CloseCaseResult>);
  private readonly store = inject(Store);
  private readonly actions$ = inject(Actions);
  private readonly api = inject(CaseworkApiService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly reasons = closureReasonOptions(this.data.status);
  protected readonly scoreOptions = SCORE_OPTIONS;
  protected readonly saferOptions = FELT_SAFER_OPTIONS;
  protected readonly recommendOptions = RECOMMEND_OPTIONS;
  protected readonly commentMax = COMMENT_MAX;

  protected readonly closureReason = signal<ClosureReason | null>(defaultClosureReason(this.data.status));
  protected readonly reason = signal('');
  protected readonly withSurvey = signal(this.data.mode === 'survey');
  protected readonly survey = signal<SurveyDraft>(EMPTY_SURVEY);
  protected readonly tried = signal(false);
  protected readonly phase = signal<Phase>('editing');
  protected readonly failure = signal<string | null>(null);
  /** Set once the status change went through: a retry then posts the survey only. */
  private closed = this.data.mode === 'survey';

  protected readonly errors = computed(() => (this.withSurvey() ? surveyErrors(this.survey()) : {}));
  protected readonly showSurveyErrors = computed(() => this.tried());
  protected readonly busy = computed(() => this.phase() === 'closing' || this.phase() === 'saving-survey');
  protected readonly surveyLocked = computed(() => this.busy());

  protected setSurvey(patch: Partial<{ score: number; feltSafer: FeltSafer; recommend: RecommendAnswer; comment: string }>): void {
    this.survey.update((s) => ({ ...s, ...patch }));
  }

  protected submit(): void {
    if (this.busy()) return;
    this.tried.set(true);
    this.failure.set(null);
    const surveyInvalid = this.withSurvey() && Object.keys(this.errors()).length > 0;
    if (!this.closed && (!this.closureReason() || !this.reason().trim())) return;
    if (surveyInvalid) return;
    if (this.closed) {
      this.saveSurvey();
      return;
    }
    this.phase.set('closing');
    const caseId = this.data.caseId;
    this.actions$
      .pipe(
        ofType(CaseworkApiActions.statusChanged, CaseworkApiActions.statusChangeFailed),
        filter((a) => ('summary' in a ? a.summary.id : a.caseId) === caseId),
        take(1),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((a) => {
        if (a.type === CaseworkApiActions.statusChanged.type) {
          this.closed = true;
          if (this.withSurvey()) this.saveSurvey();
          else this.finish(false);
          return;
        }
        const { error, code } = a as ReturnType<typeof CaseworkApiActions.statusChangeFailed>;
        if (code && MOVED_ON.includes(code)) {
          // The page now shows the latest case and what changed: nothing here is still true.
          this.ref.close({ closed: false, surveySaved: false });
          return;
        }
        this.phase.set('editing');
        this.failure.set(`The case was not closed. ${error}`);
      });
    this.store.dispatch(
      CasePageActions.statusChangeConfirmed({
        caseId,
        status: this.data.status,
        reason: this.reason().trim(),
        version: this.data.version,
        closureReason: this.closureReason() ?? undefined,
      }),
    );
  }

  private saveSurvey(): void {
    this.phase.set('saving-survey');
    this.api
      .recordSatisfaction(this.data.caseId, surveyRequest(this.survey()))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => this.finish(true),
        error: (err: unknown) => {
          this.phase.set('survey-failed');
          const why = describeHttpError(err, 'Try again.');
          this.failure.set(
            this.data.mode === 'close' ? `The case is closed, but the survey was not saved. ${why}` : `The survey was not saved. ${why}`,
          );
        },
      });
  }

  protected finish(surveySaved: boolean): void {
    this.ref.close({ closed: this.data.mode === 'close' && this.closed, surveySaved });
  }
}
