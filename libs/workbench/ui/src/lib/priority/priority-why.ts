import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { CasePriority, MaracReason } from '@lantern/shared/domain';
import { maracReasonShortLabel } from '../format/labels';

export interface PriorityLine {
  label: string;
  points: number;
}

/** The factors of a priority score as lines a person reads; MARAC reasons in words rather than codes. */
export function priorityLines(priority: CasePriority, maracReasons: readonly MaracReason[] = []): PriorityLine[] {
  return [...priority.factors]
    .sort((a, b) => b.points - a.points)
    .map((f) => ({
      label:
        f.factor === 'marac' && maracReasons.length
          ? `MARAC referral: ${maracReasons.map((r) => maracReasonShortLabel(r)).join(', ')}`
          : f.label,
      points: f.points,
    }));
}

/** "Why here?": each factor of the priority with its points, and the total. */
@Component({
  selector: 'lantern-priority-why',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (heading()) {
      <p class="title">{{ heading() }}</p>
    }
    <table class="factors">
      <caption class="cdk-visually-hidden">
        Priority factors
      </caption>
      <tbody>
        @for (line of lines(); track $index) {
          <tr>
            <th scope="row">{{ line.label }}</th>
            <td>+{{ line.points }}</td>
          </tr>
        } @empty {
          <tr>
            <th scope="row">No factors</th>
            <td>0</td>
          </tr>
        }
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Priority score</th>
          <td>{{ priority().score }}</td>
        </tr>
      </tfoot>
    </table>
  `,
  host: { class: 'lantern-priority-why' },
  styles: `
    :host {
      display: block;
      font-size: 0.875rem;
    }
    .title {
      margin: 0 0 6px;
      font-weight: 700;
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th {
      text-align: left;
      font-weight: 400;
      padding: 2px 16px 2px 0;
    }
    td {
      text-align: right;
      font-variant-numeric: tabular-nums;
      padding: 2px 0;
      white-space: nowrap;
    }
    tfoot th,
    tfoot td {
      font-weight: 700;
      border-top: 1px solid currentColor;
      padding-top: 4px;
    }
  `,
})
export class PriorityWhy {
  readonly priority = input.required<CasePriority>();
  readonly maracReasons = input<readonly MaracReason[]>([]);
  readonly heading = input('Why here?');
  protected readonly lines = computed(() => priorityLines(this.priority(), this.maracReasons()));
}
