import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import {
  CHILDRENS_SERVICES_DECISION_LABELS,
  CHILDRENS_SERVICES_DECISIONS,
  type ChildrensServicesDecisionCode,
  type ChildrensServicesState,
} from '@lantern/shared/domain';
import { LondonDateTimePipe } from '@lantern/workbench/ui';

/** What the caseworker recorded in the box. */
export interface ChildrensServicesDecisionInput {
  decision: ChildrensServicesDecisionCode;
  reason: string;
}

/** What each choice asks the caseworker to write, so the reason says what a reviewer needs. */
const REASON_HINTS: Record<ChildrensServicesDecisionCode, string> = {
  'police-notified': 'The police reference of their notification, and when it was sent.',
  'already-involved': 'Who at children’s services (the allocated worker or team) and how you know.',
  'not-needed': 'Why no referral is needed: the children’s safety as you assessed it.',
};

/**
 * The Referrals tab's children's services box: a case with children to safeguard must have a children's services
 * referral sent, or the hub's decision in force, before it closes (`childrens-services-decision-required`; only the
 * referral where the abuser has hurt or threatened the children, or the victim is a child). It says why the case asks
 * and which is done, and lets a caseworker on the case record a decision where one may answer.
 */
@Component({
  selector: 'lantern-childrens-services-decision',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule, LondonDateTimePipe],
  template: `
    @let s = state();
    <section class="children" [class.done]="answered()" aria-labelledby="children-decision-heading">
      <h2 id="children-decision-heading">Children’s services</h2>
      @if (s.reasons.length) {
        <p class="why">Why the case asks: {{ s.reasons.join('; ') }}.</p>
      } @else {
        <p class="why">The current report names no children and leaves none unclear: nothing to decide now.</p>
      }
      @if (s.referred) {
        <p class="done-line"><span aria-hidden="true">✓ </span>A children’s services referral is sent for this case (below).</p>
      } @else if (s.referralRequired) {
        <p class="required">
          <strong>{{ requiredText() }}</strong> A decision cannot answer it: send the referral below (or a team lead closes the case with a
          written reason).
        </p>
      } @else if (s.decision; as d) {
        @if (s.decisionInForce) {
          <p class="done-line">
            <span aria-hidden="true">✓ </span>Decision recorded: <strong>{{ label(d.decision) }}</strong>
          </p>
        } @else if (s.childrenToSafeguard) {
          <p class="required">
            <strong>Decided before what the case says now</strong> (a new police report, a new checklist answer or the case’s reopening):
            check it and record it again.
          </p>
          <p>Earlier decision: {{ label(d.decision) }}</p>
        } @else {
          <p>Earlier decision: {{ label(d.decision) }}</p>
        }
        <dl class="facts">
          <div>
            <dt>Why</dt>
            <dd>{{ d.reason }}</dd>
          </div>
          <div>
            <dt>Recorded by</dt>
            <dd>{{ d.by.displayName }}, {{ d.at | londonDateTime }}</dd>
          </div>
        </dl>
      } @else {
        <p>Send a children’s services referral below, or record why the hub sends none: the case cannot close until one is done.</p>
      }
      @if (mayDecide() && canRecord() && !editing()) {
        <button #startButton mat-stroked-button type="button" (click)="start()">
          {{ s.decision ? 'Record a new decision…' : 'Record decision…' }}
        </button>
      } @else if (mayDecide() && !s.decisionInForce && !canRecord()) {
        <p class="aside">The caseworker on the case records this.</p>
      }
      @if (editing()) {
        <form [formGroup]="form" (ngSubmit)="submit()" aria-labelledby="children-decision-heading">
          <p id="children-decision-choice" class="label">What the hub decided</p>
          <mat-radio-group
            #choices
            formControlName="decision"
            aria-labelledby="children-decision-choice"
            [attr.aria-describedby]="tried() && form.controls.decision.invalid ? 'children-decision-choice-error' : null"
            [attr.aria-invalid]="tried() && form.controls.decision.invalid"
            class="choices"
          >
            @for (c of choiceList; track c) {
              <mat-radio-button [value]="c">{{ label(c) }}</mat-radio-button>
            }
          </mat-radio-group>
          @if (tried() && form.controls.decision.invalid) {
            <p id="children-decision-choice-error" class="error" role="alert">Choose what the hub decided.</p>
          }
          <mat-form-field appearance="outline" class="reason" hideRequiredMarker>
            <mat-label>Why (required)</mat-label>
            <textarea matInput formControlName="reason" rows="2" maxlength="1000" required></textarea>
            <mat-hint>{{ hint() }}</mat-hint>
            @if (form.controls.reason.invalid) {
              <mat-error>Say why: a reviewer reads this when the case is checked.</mat-error>
            }
          </mat-form-field>
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="pending()">{{ pending() ? 'Recording…' : 'Record decision' }}</button>
            <button mat-button type="button" (click)="cancel()">Cancel</button>
          </div>
          @if (tried() && error(); as e) {
            <p class="error" role="alert">{{ e }}</p>
          }
        </form>
      }
      <p class="cdk-visually-hidden" role="status">{{ announcement() }}</p>
    </section>
  `,
  styles: `
    .children {
      border: 1px solid var(--mat-sys-outline-variant);
      border-left: 6px solid var(--mat-sys-error);
      border-radius: 10px;
      padding: 12px 16px;
      margin: 0 0 16px;
      background: var(--mat-sys-surface-container-lowest);
    }
    .children.done {
      border-left-color: var(--lantern-success);
    }
    h2 {
      font-size: 1rem;
      margin: 0 0 8px;
    }
    p {
      margin: 0 0 8px;
    }
    .done-line {
      color: var(--lantern-success);
    }
    .why {
      color: var(--mat-sys-on-surface-variant);
    }
    .required strong {
      color: var(--mat-sys-error);
    }
    .label {
      font-weight: 600;
      margin: 8px 0 0;
    }
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 0 0 8px;
    }
    .facts div {
      display: contents;
    }
    dt {
      font-weight: 600;
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
    }
    .choices {
      display: flex;
      flex-direction: column;
      margin: 4px 0 8px;
    }
    .reason {
      width: 100%;
    }
    .actions {
      display: flex;
      gap: 8px;
    }
    .aside {
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class ChildrensServicesDecisionBox {
  readonly state = input.required<ChildrensServicesState>();
  readonly canRecord = input(false);
  readonly pending = input(false);
  readonly error = input<string | null>(null);
  /** Bumped when a decision was saved: the form closes. */
  readonly saved = input(0);
  readonly record = output<ChildrensServicesDecisionInput>();

  private readonly injector = inject(Injector);
  protected readonly choiceList = CHILDRENS_SERVICES_DECISIONS;
  protected readonly editing = signal(false);
  protected readonly tried = signal(false);
  protected readonly announcement = signal('');
  protected readonly form = new FormGroup({
    decision: new FormControl<ChildrensServicesDecisionCode | null>(null, { validators: [Validators.required] }),
    reason: new FormControl<string>('', { nonNullable: true, validators: [Validators.required, Validators.pattern(/\S/)] }),
  });
  private readonly chosen = signal<ChildrensServicesDecisionCode | null>(null);
  private readonly startButton = viewChild<ElementRef<HTMLButtonElement>>('startButton');
  private readonly choices = viewChild('choices', { read: ElementRef });
  protected readonly hint = computed(() => {
    const c = this.chosen();
    return c ? REASON_HINTS[c] : 'Who, which reference, or why none is needed.';
  });
  /** The rule is answered: a referral sent, or a decision in force. */
  protected readonly answered = computed(
    () => !this.state().childrenToSafeguard || this.state().referred || (!this.state().referralRequired && this.state().decisionInForce),
  );
  /** A decision may answer this case (none where only a referral does, or one is sent). */
  protected readonly mayDecide = computed(
    () => this.state().childrenToSafeguard && !this.state().referred && !this.state().referralRequired,
  );
  protected readonly requiredText = computed(() =>
    this.state().referralRequired === 'victim-under-18'
      ? 'The victim is under 18: children’s services need the referral for her.'
      : 'The abuser has hurt the children or threatened to (DASH question 11 or 12): children’s services need the referral.',
  );

  constructor() {
    this.form.controls.decision.valueChanges.subscribe((v) => this.chosen.set(v));
    let seen = this.saved();
    effect(() => {
      const n = this.saved();
      if (n !== seen) {
        seen = n;
        this.editing.set(false);
        this.announcement.set('Children’s services decision recorded.');
        this.focusStart();
      }
    });
  }

  protected label(c: ChildrensServicesDecisionCode): string {
    return CHILDRENS_SERVICES_DECISION_LABELS[c];
  }

  protected start(): void {
    this.form.reset({ decision: null, reason: '' });
    this.tried.set(false);
    this.announcement.set('');
    this.editing.set(true);
    // The focused button is gone: the first choice takes the focus.
    afterNextRender(() => this.choices()?.nativeElement.querySelector('input')?.focus(), { injector: this.injector });
  }

  protected cancel(): void {
    this.editing.set(false);
    this.focusStart();
  }

  protected submit(): void {
    this.tried.set(true);
    this.form.markAllAsTouched();
    const { decision, reason } = this.form.getRawValue();
    if (this.pending() || this.form.invalid || !decision) return;
    this.record.emit({ decision, reason: reason.trim() });
  }

  /** Back to the button that opened the form (the form, and the focus in it, are gone). */
  private focusStart(): void {
    afterNextRender(() => this.startButton()?.nativeElement.focus(), { injector: this.injector });
  }
}
