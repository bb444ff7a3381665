import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { GRADE_RANK, type RiskGrade } from '@lantern/shared/domain';
import { AgreedWithPoliceDialogActions, riskDecisionFeature } from '@lantern/workbench/case/data-access';
import { riskGradeLabel } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';

export interface AgreedWithPoliceDialogData {
  caseId: string;
  version: number;
  policeGrade: RiskGrade;
  /** The hub's own assessed grade: the agreed grade may not go below it. */
  hubGrade: RiskGrade | null;
}

/**
 * "Agreed with police": a team lead grades the case below the police grade, with a reason the history keeps.
 * Offers only the grades the API accepts (below the police grade, not below the hub's own); dispatches and closes
 * once recorded.
 */
@Component({
  selector: 'lantern-agreed-with-police-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <h2 mat-dialog-title id="agreed-title">Agreed with police</h2>
    <form (ngSubmit)="submit()" novalidate aria-labelledby="agreed-title">
      <mat-dialog-content>
        <p class="lead">
          The police graded this case <strong>{{ label(data.policeGrade) }}</strong
          >. Going below it is a team lead's decision: say what was agreed with the police and why. It is kept in the case history.
        </p>
        @if (options().length) {
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Agreed grade</mat-label>
            <mat-select id="agreed-grade" name="grade" [ngModel]="grade()" (ngModelChange)="grade.set($event)" required>
              @for (g of options(); track g) {
                <mat-option [value]="g">{{ label(g) }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        } @else {
          <p class="problem">No grade is below the police grade and at or above the hub's own assessment.</p>
        }
        <mat-form-field appearance="outline" class="wide">
          <mat-label>Reason (required)</mat-label>
          <textarea
            matInput
            id="agreed-reason"
            name="reason"
            rows="4"
            required
            maxlength="2000"
            [ngModel]="reason()"
            (ngModelChange)="reason.set($event)"
          ></textarea>
        </mat-form-field>
        <p class="problem" role="alert">{{ shownError() }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [attr.aria-disabled]="pending()">{{ pending() ? 'Recording…' : 'Record decision' }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .wide {
      width: 100%;
    }
    .lead {
      margin: 0 0 12px;
    }
    .problem {
      min-height: 1.2em;
      margin: 0;
      color: var(--mat-sys-error);
      font-weight: 600;
    }
  `,
})
export class AgreedWithPoliceDialog {
  protected readonly data = inject<AgreedWithPoliceDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<AgreedWithPoliceDialog>);
  private readonly store = inject(Store);

  protected readonly options = computed(() =>
    (['standard', 'medium', 'high'] as const).filter(
      (g) => GRADE_RANK[g] < GRADE_RANK[this.data.policeGrade] && (!this.data.hubGrade || GRADE_RANK[g] >= GRADE_RANK[this.data.hubGrade]),
    ),
  );
  protected readonly grade = signal<RiskGrade | null>(null);
  protected readonly reason = signal('');
  private readonly tried = signal(false);

  private readonly state = this.store.selectSignal(riskDecisionFeature.selectRiskDecisionState);
  protected readonly pending = computed(() => this.state().caseId === this.data.caseId && this.state().pending);
  protected readonly shownError = computed(() => {
    if (this.tried() && !this.grade()) return 'Choose the agreed grade.';
    if (this.tried() && !this.reason().trim()) return 'Write down what was agreed with the police, and why.';
    const s = this.state();
    return s.caseId === this.data.caseId && s.error ? s.error : '';
  });

  constructor() {
    effect(() => {
      const s = this.state();
      if (s.caseId === this.data.caseId && s.recorded) untracked(() => this.ref.close(true));
    });
  }

  protected label(g: RiskGrade): string {
    return riskGradeLabel(g);
  }

  protected submit(): void {
    this.tried.set(true);
    const grade = this.grade();
    if (this.pending() || !grade || !this.reason().trim()) return;
    this.store.dispatch(
      AgreedWithPoliceDialogActions.submitted({
        caseId: this.data.caseId,
        request: { grade, reason: this.reason().trim(), version: this.data.version },
      }),
    );
  }
}
