import { DOCUMENT } from '@angular/common';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { describeHttpError, httpStatus } from '@lantern/workbench/auth/data-access';
import { ForceDashboardApiService } from '@lantern/workbench/force/data-access';
import {
  describePeriod,
  filenameFromContentDisposition,
  matchingPreset,
  PERIOD_PRESETS,
  periodFromQuery,
  presetPeriod,
  saveBlob,
  themeColour,
  type PeriodPreset,
} from '@lantern/workbench/ui';
import type { ChartOptions } from 'chart.js';
import { BaseChartDirective, provideCharts, withDefaultRegisterables } from 'ng2-charts';
import { figureTables, hasSuppressed, headlineCards, monthChart, periodNote } from '../force-dashboard-view';

/**
 * The force dashboard (/force): for a force lead, what happened to the referrals their own force's officers made.
 * Aggregate figures only, small numbers already suppressed by the API. The period lives in the URL (?from=&to=).
 * It reads nothing but its own endpoint: no store, no socket, no hub request.
 */
@Component({
  selector: 'lantern-force-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatDatepickerModule,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    BaseChartDirective,
  ],
  providers: [provideCharts(withDefaultRegisterables())],
  templateUrl: './force-dashboard-page.html',
  styleUrl: './force-dashboard-page.scss',
})
export class ForceDashboardPage {
  private readonly api = inject(ForceDashboardApiService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  /** `?from=` and `?to=`: London dates, `to` inclusive. */
  readonly from = input<string | undefined>(undefined);
  readonly to = input<string | undefined>(undefined);

  protected readonly presets = PERIOD_PRESETS;
  private readonly resolved = computed(() => periodFromQuery(this.from(), this.to()));
  protected readonly period = computed(() => this.resolved().period, { equal: (a, b) => a.from === b.from && a.to === b.to });
  protected readonly periodError = computed(() => this.resolved().error);
  protected readonly periodText = computed(() => describePeriod(this.period()));
  protected readonly activePreset = computed(() => matchingPreset(this.period()));
  protected readonly fromInput = linkedSignal(() => this.period().from);
  protected readonly toInput = linkedSignal(() => this.period().to);
  protected readonly formError = linkedSignal<unknown, string | null>({ source: () => this.period(), computation: () => null });

  protected readonly dashboard = rxResource({ params: () => this.period(), stream: ({ params }) => this.api.dashboard(params) });
  protected readonly loadError = computed(() => {
    const err = this.dashboard.error();
    if (!err) return null;
    const cause = (err as { cause?: unknown }).cause ?? err;
    return httpStatus(err) === 403
      ? describeHttpError(cause, 'Only force leads can see the force dashboard.')
      : describeHttpError(cause, 'The force dashboard could not be loaded. Try again.');
  });
  protected readonly data = computed(() => (this.dashboard.hasValue() ? this.dashboard.value() : null));
  protected readonly cards = computed(() => {
    const d = this.data();
    return d ? headlineCards(d) : [];
  });
  protected readonly tables = computed(() => {
    const d = this.data();
    return d ? figureTables(d) : [];
  });
  protected readonly chart = computed(() => {
    const d = this.data();
    return d ? monthChart(d) : null;
  });
  protected readonly note = computed(() => {
    const d = this.data();
    return d ? periodNote(d) : '';
  });
  protected readonly suppressed = computed(() => {
    const d = this.data();
    return d ? hasSuppressed(d) : false;
  });
  protected readonly chartOptions = computed((): ChartOptions<'bar'> => {
    const text = themeColour('--mat-sys-on-surface');
    const grid = themeColour('--mat-sys-outline-variant');
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      datasets: { bar: { maxBarThickness: 40 } },
      plugins: { legend: { position: 'bottom', labels: { color: text } } },
      scales: {
        x: { ticks: { color: text, autoSkip: true, maxRotation: 45 }, grid: { display: false } },
        y: {
          beginAtZero: true,
          ticks: { precision: 0, color: text },
          grid: { color: grid },
          title: { display: true, text: 'Referrals', color: text },
        },
      },
    };
  });

  protected readonly downloading = signal(false);
  protected readonly downloadError = signal<string | null>(null);
  protected readonly downloadDone = signal('');

  protected showPeriod(event?: Event): void {
    event?.preventDefault();
    const from = this.fromInput();
    const to = this.toInput();
    const { error } = periodFromQuery(from, to);
    if (error) {
      this.formError.set(error);
      return;
    }
    this.navigate({ from, to });
  }

  protected choosePreset(preset: PeriodPreset): void {
    this.navigate(presetPeriod(preset));
  }

  private navigate(period: { from: string; to: string }): void {
    void this.router.navigate([], { queryParams: period, queryParamsHandling: 'merge' });
  }

  protected retry(): void {
    this.dashboard.reload();
  }

  protected print(): void {
    this.document.defaultView?.print();
  }

  protected downloadCsv(): void {
    if (this.downloading()) return;
    const period = this.period();
    this.downloading.set(true);
    this.downloadError.set(null);
    this.downloadDone.set('');
    this.api.csv(period).subscribe({
      next: (res) => {
        const name = filenameFromContentDisposition(
          res.headers.get('Content-Disposition'),
          `lantern-force-dashboard-${period.from}-to-${period.to}.csv`,
        );
        saveBlob(this.document, res.body ?? new Blob([], { type: 'text/csv' }), name);
        this.downloading.set(false);
        this.downloadDone.set(`Downloaded ${name}.`);
      },
      error: (err: unknown) => {
        this.downloading.set(false);
        this.downloadError.set(describeHttpError(err, 'The CSV could not be downloaded. Try again.'));
      },
    });
  }
}
