import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { OutcomeTable } from '@lantern/shared/domain';
import type { ChartOptions } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';
import type { ChartModel } from '../outcomes-charts';

/**
 * One dashboard chart: a heading, the chart (a canvas with its text alternative), the same figures as a table
 * behind a toggle (always printed), and a CSV download of that table. Inputs in, outputs out.
 */
@Component({
  selector: 'lantern-chart-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BaseChartDirective, MatButtonModule],
  templateUrl: './chart-panel.html',
  styleUrl: './chart-panel.scss',
})
export class ChartPanel {
  readonly panelId = input.required<string>();
  readonly heading = input.required<string>();
  readonly description = input<string>('');
  readonly model = input.required<ChartModel>();
  readonly type = input.required<'bar' | 'line'>();
  readonly options = input.required<ChartOptions<'bar'> | ChartOptions<'line'>>();
  readonly height = input(280);
  readonly downloading = input(false);
  readonly download = output<OutcomeTable>();

  protected readonly tableOpen = signal(false);
  protected readonly rows = computed(() => this.model().table.rows.map((r) => r.map((c) => (c === null ? '—' : c))));
}
