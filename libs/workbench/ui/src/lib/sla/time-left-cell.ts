import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { DEFAULT_HUB_CALENDAR, type CaseSla, type HubCalendar } from '@lantern/shared/domain';
import { describeTimeLeft } from './time-left';

/** The SLA clock of a case: "45 min left", or a "Near breach" / "Breached" badge in words, shape and colour. */
@Component({
  selector: 'lantern-time-left',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let t = timeLeft();
    @if (t.status) {
      <span class="badge" [class]="'badge state-' + t.state"
        ><span class="mark" aria-hidden="true">{{ t.state === 'breached' ? '■' : '▲' }}</span
        >{{ t.status }}</span
      >
    }
    @if (t.state !== 'breached') {
      <span class="text">{{ t.text }}</span>
    } @else {
      <span class="text detail">{{ t.description.replace('SLA breached: was ', '') }}</span>
    }
  `,
  host: {
    class: 'lantern-time-left',
    '[class]': "'state-' + timeLeft().state",
    '[attr.title]': 'timeLeft().description',
  },
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 0 8px;
      border-radius: 6px;
      font-size: 0.75rem;
      font-weight: 700;
      line-height: 20px;
      border: 1px solid currentColor;
    }
    .mark {
      font-size: 0.65rem;
    }
    .badge.state-near {
      color: var(--mat-sys-on-tertiary-container);
      background: var(--mat-sys-tertiary-container);
    }
    .badge.state-breached {
      color: var(--mat-sys-on-error);
      background: var(--mat-sys-error);
      border-color: var(--mat-sys-error);
    }
    :host(.state-near) .text {
      color: var(--mat-sys-tertiary);
      font-weight: 600;
    }
    :host(.state-breached) .text {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
    :host(.state-none) .text {
      color: var(--mat-sys-on-surface-variant);
    }
    .detail {
      font-size: 0.8125rem;
    }
  `,
})
export class TimeLeftCell {
  readonly sla = input.required<Pick<CaseSla, 'state' | 'nextDueAt' | 'breached'>>();
  /** A ticking clock (ms since epoch) so the text stays current. */
  readonly now = input.required<number>();
  readonly calendar = input<HubCalendar>(DEFAULT_HUB_CALENDAR);
  readonly nearBreachMinutes = input(30);

  protected readonly timeLeft = computed(() => describeTimeLeft(this.sla(), this.now(), this.calendar(), this.nearBreachMinutes()));
}
