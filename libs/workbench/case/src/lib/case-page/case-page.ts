import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { authFeature } from '@lantern/workbench/data-access-auth';
import {
  caseFeature,
  CasePageActions,
  selectQueueConnection,
  triageConfigFeature,
} from '@lantern/workbench/data-access-queue';
import {
  ConnectionIndicator,
  FlagChip,
  LabelPipe,
  LondonDateTimePipe,
  PriorityWhy,
  RiskGradeChip,
  SafeContactPanel,
  TimeLeftCell,
  WaitingPipe,
} from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { interval, map } from 'rxjs';
import { CaseReport } from '../case-report/case-report';
import { canAssessRisk } from '../risk-assessment/dash-form';
import { RiskAssessment } from '../risk-assessment/risk-assessment';

@Component({
  selector: 'lantern-case-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    CaseReport,
    ConnectionIndicator,
    FlagChip,
    LabelPipe,
    LondonDateTimePipe,
    RiskGradeChip,
    SafeContactPanel,
    WaitingPipe,
    RiskAssessment,
    PriorityWhy,
    TimeLeftCell,
  ],
  templateUrl: './case-page.html',
  styleUrl: './case-page.scss',
})
export class CasePage {
  private readonly store = inject(Store);
  private readonly title = inject(Title);
  private readonly document = inject(DOCUMENT);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  protected readonly status = this.store.selectSignal(caseFeature.selectStatus);
  protected readonly error = this.store.selectSignal(caseFeature.selectError);
  protected readonly notFound = this.store.selectSignal(
    caseFeature.selectNotFound,
  );
  protected readonly shown = this.store.selectSignal(
    caseFeature.selectShownRevision,
  );
  protected readonly refreshedToVersion = this.store.selectSignal(
    caseFeature.selectRefreshedToVersion,
  );
  protected readonly connection = this.store.selectSignal(
    selectQueueConnection,
  );
  protected readonly config = this.store.selectSignal(
    triageConfigFeature.selectEffectiveConfig,
  );
  protected readonly assessmentSave = this.store.selectSignal(
    caseFeature.selectAssessment,
  );
  private readonly user = this.store.selectSignal(authFeature.selectUser);
  protected readonly canAssess = computed(() =>
    canAssessRisk(this.user()?.roles),
  );

  protected readonly now = toSignal(
    interval(30_000).pipe(map(() => Date.now())),
    { initialValue: Date.now() },
  );

  protected readonly latest = computed(() => this.detail()?.reports[0] ?? null);
  protected readonly viewingLatest = computed(() => {
    const shown = this.shown();
    return !shown || shown.revision === this.latest()?.revision;
  });
  /** An older revision gets its own safe-contact section only when it differs from the latest one at the top. */
  protected readonly showRevisionSafeContact = computed(() => {
    const shown = this.shown();
    if (!shown || this.viewingLatest()) return false;
    return (
      JSON.stringify(shown.report.victim.safeContact ?? null) !==
      JSON.stringify(this.latest()?.report.victim.safeContact ?? null)
    );
  });
  protected readonly victimName = computed(() => {
    const v = this.detail()?.victim;
    return v ? `${v.firstName} ${v.lastName}` : '';
  });
  protected readonly liveMessage = computed(() =>
    this.refreshedToVersion()
      ? `This case was updated at ${this.timeNow()}.`
      : '',
  );

  constructor() {
    effect(() => {
      const caseId = this.id();
      untracked(() => this.store.dispatch(CasePageActions.opened({ caseId })));
    });
    effect(() => {
      const d = this.detail();
      this.title.setTitle(
        d
          ? `${d.reference} · ${d.victim.firstName} ${d.victim.lastName} · Lantern`
          : 'Case · Lantern',
      );
    });
  }

  /** In-page links that also move focus, so the next Tab continues from there. */
  protected jumpTo(event: Event, id: string): void {
    event.preventDefault();
    const target = this.document.getElementById(id);
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }

  protected selectRevision(revision: number): void {
    this.store.dispatch(CasePageActions.revisionSelected({ revision }));
  }

  private timeNow(): string {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date());
  }
}
