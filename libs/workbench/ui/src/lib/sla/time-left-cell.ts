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
      <span class="text detail">{{ t.detail }}</span>
    }
  `,
  host: {
    class: 'lantern-time-left',
    '[class]': "'state-' + timeLeft().state",
    '[attr.title]': 'timeLeft().description',
  },
  styleUrl: './time-left-cell.scss',
})
export class TimeLeftCell {
  readonly sla = input.required<Pick<CaseSla, 'state' | 'nextDueAt' | 'breached'>>();
  /** A ticking clock (ms since epoch) so the text stays current. */
  readonly now = input.required<number>();
  readonly calendar = input<HubCalendar>(DEFAULT_HUB_CALENDAR);
  readonly nearBreachMinutes = input(30);

  protected readonly timeLeft = computed(() => describeTimeLeft(this.sla(), this.now(), this.calendar(), this.nearBreachMinutes()));
}
