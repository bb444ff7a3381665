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
  template: `
    <section class="panel" [attr.aria-labelledby]="panelId() + '-heading'">
      <div class="panel-head">
        <h2 [id]="panelId() + '-heading'">{{ heading() }}</h2>
        <ng-content select="[panelControls]" />
      </div>
      @if (description()) {
        <p class="description">{{ description() }}</p>
      }
      <figure class="figure">
        @if (model().empty) {
          <p class="empty">Nothing to show for this period.</p>
        } @else {
          <div class="chart" [style.height.px]="height()">
            <canvas
              baseChart
              role="img"
              [attr.aria-label]="model().summary"
              [type]="type()"
              [data]="$any(model().data)"
              [options]="$any(options())"
            ></canvas>
          </div>
        }
        <figcaption class="cdk-visually-hidden">{{ model().summary }}</figcaption>
      </figure>
      <div class="panel-actions">
        <button
          mat-button
          type="button"
          class="table-toggle"
          [attr.aria-expanded]="tableOpen()"
          [attr.aria-controls]="panelId() + '-table'"
          (click)="tableOpen.set(!tableOpen())"
        >
          {{ tableOpen() ? 'Hide the table' : 'Show the figures as a table' }}
        </button>
        <button
          mat-stroked-button
          type="button"
          class="download"
          [attr.aria-label]="'Download CSV: ' + model().table.caption"
          [disabled]="downloading()"
          (click)="download.emit(model().table.csv)"
        >
          Download CSV
        </button>
      </div>
      <div class="table-wrap" [id]="panelId() + '-table'" [class.open]="tableOpen()">
        <table class="figures">
          <caption>
            {{
              model().table.caption
            }}
          </caption>
          <thead>
            <tr>
              @for (c of model().table.columns; track $index) {
                <th scope="col">{{ c }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (row of rows(); track $index) {
              <tr>
                @for (cell of row; track $index; let first = $first) {
                  @if (first) {
                    <th scope="row">{{ cell }}</th>
                  } @else {
                    <td>{{ cell }}</td>
                  }
                }
              </tr>
            } @empty {
              <tr>
                <td [attr.colspan]="model().table.columns.length">No figures for this period.</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </section>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .panel {
      height: 100%;
      box-sizing: border-box;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface-container-lowest);
    }
    .panel-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      flex-wrap: wrap;
    }
    h2 {
      margin: 0;
      font-size: 1.125rem;
      font-weight: 600;
    }
    .description {
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .figure {
      margin: 12px 0 0;
    }
    .chart {
      position: relative;
      width: 100%;
    }
    .empty {
      margin: 24px 0;
      color: var(--mat-sys-on-surface-variant);
      font-style: italic;
    }
    .panel-actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
      justify-content: space-between;
      margin-top: 8px;
    }
    .table-wrap {
      display: none;
      overflow-x: auto;
      margin-top: 8px;
      &.open {
        display: block;
      }
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 0.875rem;
    }
    caption {
      text-align: left;
      font-weight: 600;
      padding: 4px 0;
    }
    th,
    td {
      padding: 4px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: right;
      white-space: nowrap;
    }
    th[scope='row'],
    thead th:first-child {
      text-align: left;
      white-space: normal;
    }
    @media print {
      .panel {
        border-color: var(--mat-sys-outline);
        break-inside: avoid;
      }
      .panel-actions {
        display: none;
      }
      .table-wrap {
        display: block;
        overflow: visible;
      }
    }
  `,
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
