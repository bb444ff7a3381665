import { DOCUMENT } from '@angular/common';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import type { OutcomeTable } from '@lantern/shared/domain';
import { provideCharts, withDefaultRegisterables } from 'ng2-charts';
import { barOptions, lineOptions } from '../chart-panel/chart-options';
import { ChartPanel } from '../chart-panel/chart-panel';
import { OutcomesApiService } from '../outcomes-api.service';
import {
  agencyChart,
  areaChart,
  closuresChart,
  headlineFigures,
  hoursChart,
  satisfactionChart,
  volumeChart,
  type Granularity,
} from '../outcomes-charts';
import {
  describePeriod,
  filenameFromContentDisposition,
  matchingPreset,
  PERIOD_PRESETS,
  periodFromQuery,
  presetPeriod,
  summaryMonth,
  type PeriodPreset,
} from '../outcomes-period';
import { describeHttpError, httpStatus } from '@lantern/workbench/auth/data-access';
import { saveBlob } from '@lantern/workbench/ui';

/**
 * The outcomes dashboard (/team/outcomes): what happened to the reports the hub received in a period. Aggregate
 * figures only. The period lives in the URL (?from=&to=&view=week) so a view can be bookmarked and shared.
 */
@Component({
  selector: 'lantern-outcomes-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatDatepickerModule,
    FormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ChartPanel,
  ],
  providers: [provideCharts(withDefaultRegisterables())],
  templateUrl: './outcomes-page.html',
  styleUrl: './outcomes-page.scss',
})
export class OutcomesPage {
  private readonly api = inject(OutcomesApiService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  /** `?from=` and `?to=`: London dates, `to` inclusive. */
  readonly from = input<string | undefined>(undefined);
  readonly to = input<string | undefined>(undefined);
  /** `?view=week` for weekly rows in the volume and contact-time charts. */
  readonly view = input<string | undefined>(undefined);

  protected readonly presets = PERIOD_PRESETS;
  private readonly resolved = computed(() => periodFromQuery(this.from(), this.to()));
  protected readonly period = computed(() => this.resolved().period, { equal: (a, b) => a.from === b.from && a.to === b.to });
  protected readonly periodError = computed(() => this.resolved().error);
  protected readonly periodText = computed(() => describePeriod(this.period()));
  protected readonly activePreset = computed(() => matchingPreset(this.period()));
  protected readonly granularity = computed<Granularity>(() => (this.view() === 'week' ? 'week' : 'month'));

  /** The date inputs: start from the period shown, edited freely until "Show". */
  protected readonly fromInput = linkedSignal(() => this.period().from);
  protected readonly toInput = linkedSignal(() => this.period().to);
  /** Why the dates typed cannot be shown; cleared when the period changes. */
  protected readonly formError = linkedSignal<unknown, string | null>({ source: () => this.period(), computation: () => null });
  /** The printable summary's month: the month the period ends in, unless chosen. */
  protected readonly summaryMonthInput = linkedSignal(() => summaryMonth(this.period()));
  protected readonly summaryUrl = computed(() =>
    /^\d{4}-\d{2}$/.test(this.summaryMonthInput()) ? this.api.summaryUrl(this.summaryMonthInput()) : null,
  );

  protected readonly report = rxResource({
    params: () => this.period(),
    stream: ({ params }) => this.api.report(params),
  });
  protected readonly loadError = computed(() => {
    const err = this.report.error();
    if (!err) return null;
    return httpStatus(err) === 403
      ? 'Only team leads, admins and auditors can see the outcomes dashboard.'
      : describeHttpError((err as { cause?: unknown }).cause ?? err, 'The outcomes report could not be loaded. Try again.');
  });
  private readonly data = computed(() => (this.report.hasValue() ? this.report.value() : null));

  protected readonly headline = computed(() => {
    const r = this.data();
    return r ? headlineFigures(r.totals) : [];
  });
  protected readonly volume = computed(() => {
    const r = this.data();
    return r ? volumeChart(this.granularity() === 'month' ? r.byMonth : r.byWeek, this.granularity()) : null;
  });
  protected readonly hours = computed(() => {
    const r = this.data();
    return r ? hoursChart(this.granularity() === 'month' ? r.byMonth : r.byWeek, this.granularity()) : null;
  });
  protected readonly agency = computed(() => {
    const r = this.data();
    return r ? agencyChart(r.byAgency) : null;
  });
  protected readonly area = computed(() => {
    const r = this.data();
    return r ? areaChart(r.byArea) : null;
  });
  protected readonly closures = computed(() => {
    const r = this.data();
    return r ? closuresChart(r.closuresByReason) : null;
  });
  protected readonly satisfaction = computed(() => {
    const r = this.data();
    return r ? satisfactionChart(r.satisfaction) : null;
  });
  /** Bars need room: 40px a row for the horizontal charts, so long area and agency names are not squeezed. */
  protected readonly agencyHeight = computed(() => Math.max(200, 90 + 40 * (this.data()?.byAgency.length ?? 0)));
  protected readonly areaHeight = computed(() => Math.max(200, 90 + 40 * (this.data()?.byArea.length ?? 0)));
  protected readonly closuresHeight = computed(() => Math.max(200, 70 + 40 * (this.data()?.closuresByReason.length ?? 0)));

  protected readonly axis = computed(() => (this.granularity() === 'month' ? 'Month' : 'Week starting (Monday)'));
  protected readonly volumeOptions = computed(() => barOptions({ x: this.axis(), y: 'Reports or victims' }));
  protected readonly hoursOptions = computed(() => lineOptions({ x: this.axis(), y: 'Median hours' }));
  protected readonly agencyOptions = barOptions({ x: 'Referrals sent', y: 'Agency', horizontal: true, stacked: true });
  protected readonly areaOptions = barOptions({ x: 'Reports received', y: 'Area', horizontal: true, stacked: true });
  protected readonly closuresOptions = barOptions({ x: 'Cases closed', y: 'Closure reason', horizontal: true, legend: false });
  protected readonly satisfactionOptions = barOptions({
    x: 'Score (1 very dissatisfied, 5 very satisfied)',
    y: 'Survey responses',
    legend: false,
  });

  /** The table being downloaded ('all' for every table), and what went wrong with the last download. */
  protected readonly downloading = signal<OutcomeTable | 'all' | null>(null);
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
    this.formError.set(null);
    this.navigate({ from, to });
  }

  protected choosePreset(preset: PeriodPreset): void {
    this.navigate(presetPeriod(preset));
  }

  protected chooseView(view: Granularity): void {
    void this.router.navigate([], {
      queryParams: { view: view === 'week' ? 'week' : null },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  private navigate(period: { from: string; to: string }): void {
    void this.router.navigate([], { queryParams: period, queryParamsHandling: 'merge' });
  }

  protected retry(): void {
    this.report.reload();
  }

  protected print(): void {
    this.document.defaultView?.print();
  }

  /** Fetches the CSV with `Accept: text/csv` and saves it under the name the API gives. */
  protected downloadCsv(table: OutcomeTable | null): void {
    if (this.downloading()) return;
    const period = this.period();
    this.downloading.set(table ?? 'all');
    this.downloadError.set(null);
    this.downloadDone.set('');
    this.api.csv(period, table).subscribe({
      next: (res) => {
        const name = filenameFromContentDisposition(
          res.headers.get('Content-Disposition'),
          `lantern-outcomes-${period.from}-to-${period.to}${table ? `-${table}` : ''}.csv`,
        );
        saveBlob(this.document, res.body ?? new Blob([], { type: 'text/csv' }), name);
        this.downloading.set(null);
        this.downloadDone.set(`Downloaded ${name}.`);
      },
      error: (err: unknown) => {
        this.downloading.set(null);
        this.downloadError.set(describeHttpError(err, 'The CSV could not be downloaded. Try again.'));
      },
    });
  }
}
