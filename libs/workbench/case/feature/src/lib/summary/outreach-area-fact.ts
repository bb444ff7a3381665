import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { OutreachArea } from '@lantern/shared/domain';

/** What the caseworker chose: an area, or null for out of county. */
export interface OutreachAreaCorrection {
  area: string | null;
  reason: string;
}

/** The select's value for "out of county" (no area name can be empty). */
const OUT = '';

/**
 * One fact of the case summary's `<dl>`: where outreach is allocated and where that came from, with "Correct" for those
 * who work cases. An attribute component on a `<div>` (a `<dl>` may hold only dt/dd or div groups).
 */
@Component({
  // An attribute selector on purpose: inside a <dl> only dt/dd or <div> groups are allowed (axe "definition-list").
  // eslint-disable-next-line @angular-eslint/component-selector
  selector: '[lanternOutreachAreaFact]',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  host: { class: 'outreach-area-fact', '[class.editing]': 'editing()' },
  template: `
    <dt>Outreach area</dt>
    <dd>
      @if (outreachArea().outOfCounty) {
        <strong class="out">Out of county</strong>
      } @else {
        <span class="area">{{ outreachArea().area }}</span>
      }
      <span class="aside source"> ({{ sourceText() }})</span>
      @if (canCorrect() && !editing()) {
        <button mat-button type="button" class="correct" (click)="start()">Correct</button>
      }
      @if (editing()) {
        <form class="correction" [formGroup]="form" (ngSubmit)="submit()" aria-label="Correct the outreach area">
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Outreach area</mat-label>
            <mat-select formControlName="area">
              @for (a of choices(); track a) {
                <mat-option [value]="a">{{ a }}</mat-option>
              }
              <mat-option [value]="out">Out of county (no team here covers it)</mat-option>
            </mat-select>
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic" class="reason">
            <mat-label>Reason</mat-label>
            <input matInput formControlName="reason" maxlength="500" required />
            @if (form.controls.reason.touched && form.controls.reason.invalid) {
              <mat-error>Say why (e.g. the victim has moved)</mat-error>
            }
          </mat-form-field>
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="pending()">Save area</button>
            <button mat-button type="button" (click)="cancel()">Cancel</button>
          </div>
          @if (error(); as e) {
            <p class="error" role="alert">{{ e }}</p>
          }
        </form>
      }
    </dd>
  `,
  styles: `
    :host.editing {
      grid-column: 1 / -1;
    }
    dt {
      font-size: 0.8125rem;
      font-weight: 600;
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 2px 0 0;
    }
    .aside {
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
      margin-left: 4px;
    }
    .source {
      display: block;
      margin-left: 0;
    }
    .out {
      color: var(--mat-sys-error);
    }
    .correction {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      margin-top: 8px;
    }
    .reason {
      flex: 1 1 260px;
    }
    .error {
      flex-basis: 100%;
      margin: 0;
      color: var(--mat-sys-error);
    }
  `,
})
export class OutreachAreaFact {
  readonly outreachArea = input.required<OutreachArea>();
  /** The areas a case can be corrected to. */
  readonly choices = input<readonly string[]>([]);
  readonly canCorrect = input(false);
  readonly pending = input(false);
  readonly error = input<string | null>(null);
  /** Bumped when a correction was saved: the form closes. */
  readonly saved = input(0);
  readonly correct = output<OutreachAreaCorrection>();

  protected readonly out = OUT;
  protected readonly editing = signal(false);
  protected readonly form = new FormGroup({
    area: new FormControl<string>(OUT, { nonNullable: true }),
    reason: new FormControl<string>('', { nonNullable: true, validators: [Validators.required, Validators.pattern(/\S/)] }),
  });
  protected readonly sourceText = computed(() => {
    switch (this.outreachArea().source) {
      case 'victim-postcode':
        return "from the victim's postcode";
      case 'caseworker':
        return 'corrected by a caseworker';
      default:
        return "incident area: the victim's postcode is not known";
    }
  });

  constructor() {
    let seen = this.saved();
    effect(() => {
      const n = this.saved();
      if (n !== seen) {
        seen = n;
        this.editing.set(false);
      }
    });
  }

  protected start(): void {
    const o = this.outreachArea();
    this.form.reset({ area: o.outOfCounty ? OUT : (o.area ?? OUT), reason: '' });
    this.editing.set(true);
  }

  protected cancel(): void {
    this.editing.set(false);
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { area, reason } = this.form.getRawValue();
    this.correct.emit({ area: area === OUT ? null : area, reason: reason.trim() });
  }
}
