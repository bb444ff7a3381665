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
  templateUrl: './safe-contact-panel.html',
  styleUrl: './safe-contact-panel.scss',
})
export class SafeContactPanel {
  readonly details = input<SafeContactDetails | null | undefined>(null);
  /**
   * The hub has its own plan for this victim (confirmed numbers or an edit): these are only what the police report
   * said, so a gap in them is a fact, not a "do not contact" beside a plan that says how (the two contradicted).
   */
  readonly superseded = input(false);
  protected readonly warning = computed(() => safeContactWarning(this.details()));
  protected readonly warningText = computed(() => SAFE_CONTACT_WARNINGS);

  protected permission(value: boolean | undefined, no: string): string {
    return value === true ? 'Yes' : value === false ? `No: ${no.toLowerCase()}` : 'Not recorded: assume not';
  }
}
