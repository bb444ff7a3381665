import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { CONSENT_QUESTIONS, type CaseConsent } from '@lantern/shared/domain';
import { CONSENT_QUESTION_LABELS, CONSENT_VALUE_LABELS, consentSource, consentTone } from './consent-rules';

/**
 * The consent in force on a case: contact and sharing, each with where it came from (the police report, or who
 * recorded it, when and how), and "Record consent…" for those who may. Presentational: inputs in, outputs out.
 */
@Component({
  selector: 'lantern-consent-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  template: `
    <section class="consent" [attr.aria-labelledby]="headingId()">
      <h2 [id]="headingId()">{{ heading() }}</h2>
      @if (consent(); as c) {
        <dl>
          @for (q of rows(); track q.key) {
            <div class="row">
              <dt>{{ q.label }}</dt>
              <dd>
                <strong [class]="'value tone-' + q.tone">{{ q.value }}</strong>
                <span class="source">{{ q.source }}</span>
              </dd>
            </div>
          }
        </dl>
      }
      @if (canRecord()) {
        <button mat-stroked-button type="button" [disabled]="pending()" (click)="record.emit()">
          {{ pending() ? 'Recording…' : 'Record consent…' }}
        </button>
      }
      <p class="status" role="status">{{ status() }}</p>
    </section>
  `,
  styles: `
    :host {
      display: block;
      container-type: inline-size;
    }
    h2 {
      margin: 0 0 8px;
      font-size: 1.15rem;
      font-weight: 600;
    }
    dl {
      display: grid;
      gap: 8px;
      margin: 0 0 8px;
    }
    .row {
      display: grid;
      grid-template-columns: minmax(10rem, 16rem) 1fr;
      gap: 2px 12px;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 2px 8px;
      align-items: baseline;
    }
    .tone-no {
      color: var(--mat-sys-error);
    }
    .source {
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
    }
    /* In a narrow card (the Summary's side column) each answer goes under its question. */
    @container (max-width: 480px) {
      .row {
        grid-template-columns: 1fr;
      }
      dd {
        display: block;
      }
      .source {
        display: block;
      }
    }
    .status {
      margin: 4px 0 0;
      min-height: 1.2em;
      font-size: 0.875rem;
    }
    .status:empty {
      min-height: 0;
    }
  `,
})
export class ConsentSummary {
  readonly consent = input<CaseConsent | null>(null);
  readonly heading = input('Consent');
  /** Unique per page: two summaries may be in the DOM (different tabs). */
  readonly headingId = input('consent-heading');
  readonly canRecord = input(false);
  readonly pending = input(false);
  /** "Consent recorded." or why it was not, announced politely. */
  readonly status = input<string>('');
  readonly record = output<void>();

  protected readonly rows = computed(() => {
    const c = this.consent();
    if (!c) return [];
    return CONSENT_QUESTIONS.map((key) => ({
      key,
      label: CONSENT_QUESTION_LABELS[key].label,
      value: CONSENT_VALUE_LABELS[c[key].value],
      tone: consentTone(c[key].value),
      source: consentSource(c[key]),
    }));
  });
}
