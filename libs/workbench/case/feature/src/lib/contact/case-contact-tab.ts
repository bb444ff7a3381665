import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import type { CallbackRequest, ContactAttemptRequest } from '@lantern/shared/domain';
import {
  CallbackFormActions,
  CallbackListActions,
  callbacksFeature,
  caseFeature,
  caseworkFeature,
  consentFeature,
  ContactAttemptFormActions,
  triageConfigFeature,
  selectMayWorkOnCase,
  selectMayRecordConsent,
} from '@lantern/workbench/case/data-access';
import type { ConsentMethod } from '@lantern/shared/domain';
import { Store } from '@ngrx/store';
import { selectCan } from '@lantern/workbench/auth/data-access';
import { CasePageContext, nowSignal } from '../case-page/case-page-context';
import { CaseStatusDialogs } from '../casework/case-status-dialogs';
import { statusOptions } from '../casework/casework-rules';
import { ConsentDialogs } from '../consent/consent-dialogs';
import { consentStatusFor } from '../consent/consent-rules';
import { CallbacksPanel } from './callbacks-panel';
import { ContactTab } from './contact-tab';

/** The Contact tab: record a contact attempt, and schedule call-backs. A container: it selects and dispatches. */
@Component({
  selector: 'lantern-case-contact-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ContactTab, CallbacksPanel],
  template: `
    @let cw = casework();
    @let cb = callbacks();
    <lantern-contact-tab
      [view]="cw.safeContact"
      [viewStatus]="cw.safeContactStatus"
      [attempts]="attempts()"
      [attemptsStatus]="cw.attemptsStatus"
      [saveState]="cw.attempt"
      [canRecord]="canWork()"
      [canOverrideSuspectNumber]="canOverrideSuspectNumber()"
      [othersEditing]="context.editorsOf('contact')"
      [now]="now()"
      [suspectLivesWithVictim]="suspectLivesWithVictim()"
      (submitted)="recordAttempt($event)"
      (edited)="attemptEdited()"
      (editingChange)="context.setEditing('contact', $event)"
      (openPlan)="context.requestTab('safe-contact')"
      [pendingCallbacks]="pendingCallbacks()"
      [contactSummary]="cb.contactSummary"
      [canCloseUnable]="!!unableOption()"
      (closeUnable)="closeUnable()"
      [consent]="detail()?.consent ?? null"
      [canRecordConsent]="canRecordConsent()"
      [consentPending]="consentSave().pending && consentSave().from === 'contact'"
      [consentStatus]="consentStatus()"
      (recordConsent)="recordConsent($event)"
    />
    <lantern-callbacks-panel
      class="callbacks"
      [callbacks]="cb.callbacks"
      [status]="cb.callbacksStatus"
      [plan]="cw.safeContact?.plan ?? null"
      [revision]="cw.safeContact?.revisedSafeContact ?? null"
      [blocks]="cw.safeContact ?? null"
      [calendar]="config().calendar"
      [saveState]="cb.callbackSave"
      [canSchedule]="canWork()"
      [changeState]="cb.callbackChange"
      [othersEditing]="context.editorsOf('callbacks')"
      [now]="now()"
      (scheduled)="scheduleCallback($event)"
      (cancelled)="cancelCallback($event)"
      (rescheduled)="rescheduleCallback($event)"
      (edited)="callbackEdited()"
      (editingChange)="context.setEditing('callbacks', $event)"
    />
  `,
  styles: `
    .callbacks {
      display: block;
      margin-top: 16px;
    }
  `,
})
export class CaseContactTab {
  private readonly store = inject(Store);
  private readonly dialogs = inject(CaseStatusDialogs);
  protected readonly context = inject(CasePageContext);

  protected readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  protected readonly suspectLivesWithVictim = computed(() => this.detail()?.reports[0]?.report?.suspect?.livesWithVictim === true);
  private readonly consentDialogs = inject(ConsentDialogs);
  protected readonly canRecordConsent = this.store.selectSignal(selectMayRecordConsent);
  protected readonly consentSave = this.store.selectSignal(consentFeature.selectConsentState);
  protected readonly consentStatus = computed(() => consentStatusFor(this.consentSave(), 'contact'));
  protected readonly casework = this.store.selectSignal(caseworkFeature.selectCaseworkState);
  protected readonly attempts = this.store.selectSignal(caseworkFeature.selectAttempts);
  protected readonly callbacks = this.store.selectSignal(callbacksFeature.selectCallbacksState);
  protected readonly pendingCallbacks = this.store.selectSignal(callbacksFeature.selectPendingCallbacks);
  protected readonly config = this.store.selectSignal(triageConfigFeature.selectEffectiveConfig);
  protected readonly canWork = this.store.selectSignal(selectMayWorkOnCase);
  protected readonly canOverrideSuspectNumber = this.store.selectSignal(selectCan('contact.resume'));
  protected readonly now = nowSignal();

  /** "Close as unable to contact" is a move the lifecycle allows from here. */
  protected readonly unableOption = computed(() => {
    const d = this.detail();
    return (d && this.canWork() && statusOptions(d.status).find((o) => o.status === 'unable-to-contact')) || null;
  });

  protected recordAttempt(request: ContactAttemptRequest): void {
    this.store.dispatch(ContactAttemptFormActions.submitted({ caseId: this.context.caseId(), request }));
  }

  protected attemptEdited(): void {
    this.store.dispatch(ContactAttemptFormActions.formEdited());
  }

  protected recordConsent(method: ConsentMethod | null): void {
    const d = this.detail();
    if (!d) return;
    this.consentDialogs.open(
      'contact',
      { caseId: d.id, victimName: `${d.victim.firstName} ${d.victim.lastName}`, consent: d.consent, version: d.version },
      method,
    );
  }

  protected closeUnable(): void {
    const option = this.unableOption();
    const d = this.detail();
    if (option && d) this.dialogs.choose(option, d);
  }

  protected scheduleCallback(request: CallbackRequest): void {
    this.store.dispatch(CallbackFormActions.submitted({ caseId: this.context.caseId(), request }));
  }

  protected cancelCallback(change: { callbackId: string; reason: string | null }): void {
    this.store.dispatch(CallbackListActions.cancelConfirmed(change));
  }

  protected rescheduleCallback(change: { callbackId: string; dueAt: string }): void {
    this.store.dispatch(CallbackListActions.rescheduleConfirmed(change));
  }

  protected callbackEdited(): void {
    this.store.dispatch(CallbackFormActions.formEdited());
  }
}
