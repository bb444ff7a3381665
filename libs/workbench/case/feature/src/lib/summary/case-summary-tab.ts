import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { isSuspectNumber, isWithdrawnNumber, OUTREACH_AREAS, outreachAreaChoices, revisionHolds } from '@lantern/shared/domain';
import {
  caseFeature,
  caseworkFeature,
  consentFeature,
  OutreachAreaActions,
  outreachAreaFeature,
  triageConfigFeature,
  selectMayWorkOnCase,
  selectMayRecordConsent,
} from '@lantern/workbench/case/data-access';
import {
  formatNextSafe,
  LabelPipe,
  LondonDateTimePipe,
  PriorityWhy,
  SafeContactPanel,
  TimeLeftCell,
  WaitingPipe,
} from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { CasePageContext, nowSignal } from '../case-page/case-page-context';
import { nextSafeTime } from '../contact/contact-rules';
import { ConsentDialogs } from '../consent/consent-dialogs';
import { ConsentSummary } from '../consent/consent-summary';
import { consentStatusFor } from '../consent/consent-rules';
import { OutreachAreaFact, type OutreachAreaCorrection } from './outreach-area-fact';

/** The Summary tab: the safe-contact essentials first, then the case's facts and why it has its priority. */
@Component({
  selector: 'lantern-case-summary-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    ConsentSummary,
    LabelPipe,
    LondonDateTimePipe,
    PriorityWhy,
    SafeContactPanel,
    TimeLeftCell,
    WaitingPipe,
    OutreachAreaFact,
  ],
  templateUrl: './case-summary-tab.html',
  styleUrl: './case-summary-tab.scss',
})
export class CaseSummaryTab {
  private readonly store = inject(Store);
  private readonly document = inject(DOCUMENT);
  private readonly context = inject(CasePageContext);

  protected readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  protected readonly config = this.store.selectSignal(triageConfigFeature.selectEffectiveConfig);
  private readonly safeContact = this.store.selectSignal(caseworkFeature.selectSafeContact);
  protected readonly now = nowSignal();
  private readonly consentDialogs = inject(ConsentDialogs);
  protected readonly canRecordConsent = this.store.selectSignal(selectMayRecordConsent);
  protected readonly consentSave = this.store.selectSignal(consentFeature.selectConsentState);
  protected readonly consentStatus = computed(() => consentStatusFor(this.consentSave(), 'summary'));

  protected readonly canWork = this.store.selectSignal(selectMayWorkOnCase);
  protected readonly areaSave = this.store.selectSignal(outreachAreaFeature.selectOutreachAreaState);
  /** The areas of the configured postcode table (the defaults until the rules arrive). */
  protected readonly areaChoices = computed(() => {
    const table = this.config().outreachAreas;
    return table ? outreachAreaChoices(table) : [...OUTREACH_AREAS];
  });

  protected readonly latest = computed(() => this.detail()?.reports[0] ?? null);
  protected readonly plan = computed(() => this.safeContact()?.plan ?? null);
  protected readonly nextSafe = computed(() => {
    const plan = this.plan();
    if (!plan || plan.timeRule !== 'windows') return '';
    return formatNextSafe(nextSafeTime(plan, this.now()), this.now());
  });
  /**
   * The victim's safe numbers (never one known as a suspect's, nor one a police revision withdrew until the plan is
   * reviewed); a shared one says so.
   */
  protected readonly safeNumbers = computed(() => {
    const view = this.safeContact();
    const suspects = view?.suspectNumbers ?? [];
    return (
      this.plan()
        ?.numbers.filter(
          (n) =>
            n.owner === 'victim' &&
            n.safe &&
            !isSuspectNumber(n.number, suspects) &&
            !isWithdrawnNumber(n.number, view?.revisedSafeContact),
        )
        .map((n) => ({ number: n.number, shared: !!n.shared })) ?? []
    );
  });
  /**
   * A caseworker saved the plan or confirmed its times: the hub's plan. Until then (a new case, or a revision naming
   * another victim reset it) its numbers are only the police report's, and the label says so. (Confirming the times
   * alone does not review the numbers, so the label claims no more than "the hub's plan".)
   */
  protected readonly planEdited = computed(() => !!this.safeContact()?.editedAt);
  /** A police revision holds a number or channel until the plan is reviewed (the Safe contact tab says what). */
  protected readonly policeRevised = computed(() => revisionHolds(this.safeContact()?.revisedSafeContact));

  /**
   * The hub edited the plan since the current police report arrived: the report's details are history. An unedited
   * plan is only the report copied (its safe phone marked safe), and a newer report is checked again.
   */
  protected readonly planInForce = computed(() => {
    const edited = this.safeContact()?.editedAt;
    const received = this.latest()?.receivedAt;
    return !!edited && (!received || Date.parse(edited) >= Date.parse(received));
  });

  protected recordConsent(): void {
    const d = this.detail();
    if (!d) return;
    this.consentDialogs.open('summary', {
      caseId: d.id,
      victimName: `${d.victim.firstName} ${d.victim.lastName}`,
      consent: d.consent,
      version: d.version,
    });
  }

  protected correctOutreachArea(c: OutreachAreaCorrection): void {
    const d = this.detail();
    if (!d) return;
    this.store.dispatch(OutreachAreaActions.correctionSubmitted({ caseId: d.id, area: c.area, reason: c.reason, version: d.version }));
  }

  protected showSafeContactPlan(): void {
    this.context.showTab('safe-contact');
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
}
