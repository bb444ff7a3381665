import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { SafeContactDetails } from '@lantern/shared/domain';
import { SAFE_CONTACT_WARNINGS, safeContactWarning } from './safe-contact';

/**
 * How to reach the victim without alerting the abuser. Shown first and loudly on a case: getting this wrong
 * puts someone in danger.
 */
@Component({
  selector: 'lantern-safe-contact-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (warning(); as w) {
      <p class="warning" role="note">
        <span class="icon" aria-hidden="true">⚠</span>
        <strong>{{ warningText()[w] }}</strong>
      </p>
    }
    <dl class="facts">
      <div class="fact phone">
        <dt>Safe phone</dt>
        <dd>
          @if (details()?.phone; as phone) {
            <span class="value">{{ phone }}</span>
          } @else {
            <span class="missing">None recorded</span>
          }
        </dd>
      </div>
      <div class="fact">
        <dt>Safe times</dt>
        <dd>
          @if (details()?.safeTimes; as times) {
            {{ times }}
          } @else {
            <span class="missing">None recorded</span>
          }
        </dd>
      </div>
      <div class="fact" [class.unsafe]="details()?.voicemailSafe === false">
        <dt>Voicemail safe</dt>
        <dd>
          {{ permission(details()?.voicemailSafe, 'Do not leave voicemail') }}
        </dd>
      </div>
      <div class="fact" [class.unsafe]="details()?.smsSafe === false">
        <dt>SMS safe</dt>
        <dd>{{ permission(details()?.smsSafe, 'Do not send texts') }}</dd>
      </div>
      <div class="fact notes">
        <dt>Notes</dt>
        <dd>
          @if (details()?.notes; as notes) {
            {{ notes }}
          } @else {
            <span class="missing">None</span>
          }
        </dd>
      </div>
    </dl>
  `,
  styles: `
    :host {
      display: block;
    }
    .warning {
      display: flex;
      gap: 10px;
      align-items: flex-start;
      margin: 0 0 16px;
      padding: 12px 16px;
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
      border-radius: 8px;
      font-size: 1rem;
    }
    .icon {
      font-size: 1.25rem;
      line-height: 1.2;
    }
    .facts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
      gap: 12px 24px;
      margin: 0;
    }
    .fact dt {
      font-size: 0.8125rem;
      font-weight: 600;
      color: var(--mat-sys-on-surface-variant);
    }
    .fact dd {
      margin: 2px 0 0;
      font-size: 1rem;
    }
    .phone .value {
      font-size: 1.375rem;
      font-weight: 700;
      letter-spacing: 0.02em;
      font-variant-numeric: tabular-nums;
    }
    .unsafe dd {
      color: var(--mat-sys-error);
      font-weight: 700;
    }
    .notes {
      grid-column: 1 / -1;
    }
    .missing {
      color: var(--mat-sys-on-surface-variant);
      font-style: italic;
    }
  `,
})
export class SafeContactPanel {
  readonly details = input<SafeContactDetails | null | undefined>(null);
  protected readonly warning = computed(() => safeContactWarning(this.details()));
  protected readonly warningText = computed(() => SAFE_CONTACT_WARNINGS);

  protected permission(value: boolean | undefined, no: string): string {
    return value === true ? 'Yes' : value === false ? `No: ${no.toLowerCase()}` : 'Not recorded: assume not';
  }
}
