import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { PoliceReport } from '@lantern/shared/domain';
import {
  ageInYears,
  CalendarDatePipe,
  DashAnswersTable,
  FlagChip,
  LabelPipe,
  LondonDateTimePipe,
  RiskGradeChip,
  SafeContactPanel,
} from '@lantern/workbench/ui';

/** One police report revision, section by section. Presentational: the report in, nothing out. */
@Component({
  selector: 'lantern-case-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CalendarDatePipe, DashAnswersTable, FlagChip, LabelPipe, LondonDateTimePipe, RiskGradeChip, SafeContactPanel],
  templateUrl: './case-report.html',
  styleUrl: './case-report.scss',
})
export class CaseReport {
  readonly report = input.required<PoliceReport>();
  /** Show this revision's own safe-contact section (when it is not the one already shown at the top). */
  readonly showSafeContact = input(false);
  readonly now = input(Date.now());

  protected readonly victimAge = computed(() => ageInYears(this.report().victim.dateOfBirth, this.now()));
  protected readonly suspectAge = computed(() => ageInYears(this.report().suspect?.dateOfBirth, this.now()));
  protected readonly suspectName = computed(() => {
    const s = this.report().suspect;
    return [s?.firstName, s?.lastName].filter(Boolean).join(' ') || 'Not recorded';
  });
  protected readonly address = computed(() => {
    const a = this.report().victim.address;
    return a ? [a.line1, a.line2, a.town, a.postcode].filter(Boolean).join(', ') : '';
  });
}
