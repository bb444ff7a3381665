import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  output,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import {
  CONTACT_OUTCOMES,
  bindingRules,
  isWithdrawnNumber,
  SAFE_TO_TALK_OUTCOMES,
  type CaseConsent,
  type ConsentMethod,
  type ContactChannel,
  type CallbackRecord,
  type ContactAttemptRecord,
  type ContactOutcome,
  type SafeContactView,
  unsafeRuleLabel,
} from '@lantern/shared/domain';
import {
  contactChannelLabel,
  contactOutcomeLabel,
  EditSection,
  formatLondonDateTime,
  focusIfLost,
  formatNextSafe,
  LondonDateTimePipe,
  ReasonDialog,
  ReasonDialogData,
} from '@lantern/workbench/ui';
import { map, startWith } from 'rxjs';
import { asksSafeToTalk, channelNeedsTo, channelOptions, contactViolations, defaultDraft, nextSafeTime, toOptions } from './contact-rules';
import type { ContactAttemptRequest } from '@lantern/shared/domain';
import type { ContactAttemptSaveState, ContactSummary } from '@lantern/workbench/case/data-access';
import type { LoadStatus } from '@lantern/workbench/auth/data-access';
import { ConsentSummary } from '../consent/consent-summary';
import { methodForChannel, spokeSafely } from '../consent/consent-rules';

/** The answer to "Is it safe to talk now?" as the form holds it; `no-answer`: nobody answered, so nothing was asked. */
export type SafeToTalkAnswer = 'yes' | 'no' | 'no-answer';

/**
 * The Contact tab: what to say before a call, the "Record a contact attempt" form (checked against the safe-contact
 * rules as the API will check it; a rule broken disables "Record attempt" and offers a written override), and
 * the timeline of attempts, newest first.
 */
@Component({
  selector: 'lantern-contact-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    EditSection,
    LondonDateTimePipe,
    ConsentSummary,
  ],
  templateUrl: './contact-tab.html',
  styleUrl: './contact-tab.scss',
})
export class ContactTab {
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly dialog = inject(MatDialog);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly view = input<SafeContactView | null>(null);
  readonly viewStatus = input<LoadStatus>('idle');
  readonly attempts = input<readonly ContactAttemptRecord[]>([]);
  readonly attemptsStatus = input<LoadStatus>('idle');
  readonly saveState = input.required<ContactAttemptSaveState>();
  /** Caseworkers and team leads record attempts. */
  readonly canRecord = input(false);
  /** A team lead may override a number known to be the suspect's (bindingRules); a caseworker may not. */
  readonly canOverrideSuspectNumber = input(false);
  /** Others editing the contact-attempt form now. */
  readonly othersEditing = input<readonly string[]>([]);
  readonly now = input(Date.now());
  /** The latest police report says the suspect lives with the victim: the form says so where calls are made. */
  readonly suspectLivesWithVictim = input(false);
  /** Pending call-backs of the case: an attempt may say which one it is. */
  readonly pendingCallbacks = input<readonly CallbackRecord[]>([]);
  /** Failed attempts so far; `suggest` when closing as unable-to-contact is due. */
  readonly contactSummary = input<ContactSummary | null>(null);
  /** The status may move to unable-to-contact now (and this user may move it). */
  readonly canCloseUnable = input(false);

  /** The consent in force, shown beside the form; "Record consent…" for those with consent.record. */
  readonly consent = input<CaseConsent | null>(null);
  readonly canRecordConsent = input(false);
  readonly consentPending = input(false);
  readonly consentStatus = input('');
  /** "Record consent…", with how the hub heard it (from the conversation's channel when there was one). */
  readonly recordConsent = output<ConsentMethod | null>();

  readonly closeUnable = output<void>();
  readonly submitted = output<ContactAttemptRequest>();
  readonly edited = output<void>();
  readonly editingChange = output<boolean>();
  /** "Safe contact" tab, to confirm the safe times or numbers. */
  readonly openPlan = output<void>();

  protected readonly form = this.fb.group({
    channel: this.fb.control<ContactChannel | null>(null),
    to: this.fb.control<string | null>(null),
    safeToTalk: this.fb.control<SafeToTalkAnswer | null>(null),
    outcome: this.fb.control<ContactOutcome | null>(null),
    notes: this.fb.control(''),
    callbackId: this.fb.control<string | null>(null),
  });
  private readonly value = toSignal(
    this.form.valueChanges.pipe(
      startWith(null),
      map(() => this.form.getRawValue()),
    ),
    { requireSync: true },
  );
  /** Unsaved changes (PristineChangeEvent comes through `events`, valueChanges alone would miss a reset). */
  protected readonly dirty = toSignal(this.form.events.pipe(map(() => this.form.dirty)), { initialValue: false });

  protected readonly plan = computed(() => this.view()?.plan ?? null);
  protected readonly channels = computed(() => {
    const plan = this.plan();
    return plan ? channelOptions(plan) : { allowed: [], others: [] };
  });
  protected readonly destinations = computed(() => {
    const plan = this.plan();
    const view = this.view();
    return plan ? toOptions(plan, this.value().channel, view?.suspectNumbers ?? [], view?.revisedSafeContact) : { safe: [], others: [] };
  });
  /** A call to a shared number: the suspect may answer, so "Is it safe to talk now?" comes first. */
  protected readonly asksSafe = computed(() => {
    const plan = this.plan();
    return !!plan && asksSafeToTalk(plan, this.value());
  });
  /** The shared numbers on the plan (for the guidance before a call). */
  protected readonly sharedNumbers = computed(() => (this.plan()?.numbers ?? []).filter((n) => n.owner === 'victim' && n.shared));
  /** What can have happened, given the answer to "Is it safe to talk now?". */
  protected readonly outcomes = computed(() => {
    const answer = this.asksSafe() ? this.value().safeToTalk : null;
    const list: readonly ContactOutcome[] =
      answer === 'yes'
        ? SAFE_TO_TALK_OUTCOMES.yes
        : answer === 'no'
          ? SAFE_TO_TALK_OUTCOMES.no
          : answer === 'no-answer'
            ? ['no-answer']
            : CONTACT_OUTCOMES;
    return list.map((o) => ({ value: o, label: contactOutcomeLabel(o) }));
  });
  protected readonly needsTo = computed(() => channelNeedsTo(this.value().channel));
  protected readonly isCall = computed(() => {
    const c = this.value().channel;
    return c === 'call' || c === 'in-person' || c === null;
  });

  /**
   * The rules the attempt would break if it were made now: the API checks the same. An unanswered "Is it safe to
   * talk now?" is not shown as one: the form asks the question instead (and cannot be sent without the answer).
   */
  protected readonly violations = computed(() => {
    const view = this.view();
    if (!view) return [];
    const { channel, to, outcome } = this.value();
    return contactViolations(view, { channel, to, safeToTalk: this.safeToTalk(), outcome }, this.now()).filter(
      (v) => v.rule !== 'shared-number-check',
    );
  });
  protected readonly nextSafe = computed(() => {
    const plan = this.plan();
    if (!plan || !this.violations().some((v) => v.rule === 'outside-safe-window')) return '';
    return formatNextSafe(nextSafeTime(plan, this.now()), this.now());
  });
  protected readonly timesUnknown = computed(() => this.plan()?.timeRule === 'unknown');
  /**
   * The number or channel chosen is one a police revision holds (an attempt by it is recorded only when it says the
   * contact was not safe, so the form says that rather than "The plan allows this now").
   */
  protected readonly heldByRevision = computed(() => {
    const { to, channel } = this.value();
    const revision = this.view()?.revisedSafeContact;
    return (!!to && isWithdrawnNumber(to, revision)) || (!!channel && !!revision?.heldChannels.includes(channel));
  });
  /** A police revision holds this channel until the plan is reviewed (the Safe contact tab). */
  protected readonly policeRevised = computed(() => this.violations().some((v) => v.rule === 'police-revised-contact'));
  protected readonly missing = computed(() => {
    const v = this.value();
    const out: string[] = [];
    if (!v.channel) out.push('Choose a channel.');
    if (this.needsTo() && !v.to) out.push(v.channel === 'email' ? 'Choose an email address.' : 'Choose a number.');
    if (this.asksSafe() && !v.safeToTalk) out.push('Answer “Is it safe to talk now?” first.');
    if (!v.outcome) out.push('Choose what happened.');
    return out;
  });
  protected readonly canSubmit = computed(() => !this.saveState().pending && this.violations().length === 0 && this.missing().length === 0);
  protected readonly canOverride = computed(
    () =>
      !this.saveState().pending &&
      this.violations().length > 0 &&
      bindingRules(this.violations(), this.canOverrideSuspectNumber()).length === 0 &&
      this.missing().length === 0,
  );
  protected readonly refusedRules = computed(() => this.saveState().rules.map(unsafeRuleLabel));
  /**
   * The attempt this user just recorded, when they spoke with the victim safely (a safe conversation, or "Is it safe
   * to talk now?" answered yes on a shared number): the moment to ask about consent.
   */
  protected readonly spokeSafe = computed(() => {
    const id = this.saveState().recordedId;
    return (id && this.attempts().find((a) => a.id === id && spokeSafely(a))) || null;
  });
  private readonly consentPrompt = viewChild('consentPrompt', { read: ElementRef<HTMLButtonElement> });

  private filledFor: string | null = null;
  private filling = false;

  constructor() {
    // Start from the plan's first safe channel and number; again when the plan changes while the form is untouched.
    effect(() => {
      const plan = this.plan();
      untracked(() => {
        if (!plan) return;
        const key = JSON.stringify([plan.channels, plan.numbers, plan.emails]);
        if (this.filledFor === key || this.form.dirty) return;
        this.filledFor = key;
        this.reset();
      });
    });

    // After this user's attempt is recorded: an empty form again.
    let recorded: string | null = null;
    effect(() => {
      const id = this.saveState().recordedId;
      if (!id || id === recorded) return;
      recorded = id;
      untracked(() => this.reset());
      // Its button is disabled again by the empty form: focus goes to "Attempt recorded." below it, not to the top of
      // the page (after a safe conversation the consent prompt takes it instead, below).
      focusIfLost(this.host.nativeElement, '.saved');
    });

    // After a safe conversation is recorded the form empties (its button is disabled): the next step is consent.
    let prompted: string | null = null;
    effect(() => {
      const a = this.spokeSafe();
      const button = this.consentPrompt();
      if (!a || !button || prompted === a.id) return;
      prompted = a.id;
      button.nativeElement.focus();
    });

    // A new channel: pick its first safe destination unless the current one still fits.
    this.form.controls.channel.valueChanges.subscribe((channel) => {
      const plan = untracked(() => this.plan());
      if (!plan) return;
      const view = untracked(() => this.view());
      const { safe, others } = toOptions(plan, channel, view?.suspectNumbers ?? [], view?.revisedSafeContact);
      const to = this.form.controls.to.value;
      if (![...safe, ...others].some((o) => o.value === to)) this.form.controls.to.setValue(safe[0]?.value ?? null);
    });

    // The answer to "Is it safe to talk now?" settles what happened (yes: a safe conversation; no: not safe, unless
    // someone else answered); a number that is not shared asks nothing.
    this.form.controls.safeToTalk.valueChanges.subscribe((answer) => {
      const outcome: ContactOutcome | null =
        answer === 'yes' ? 'spoke-safe' : answer === 'no' ? 'spoke-not-safe' : answer === 'no-answer' ? 'no-answer' : null;
      if (answer && this.form.controls.outcome.value !== outcome) this.form.controls.outcome.setValue(outcome);
    });
    this.form.controls.to.valueChanges.subscribe(() => {
      if (!untracked(() => this.asksSafe()) && this.form.controls.safeToTalk.value) this.form.controls.safeToTalk.setValue(null);
    });

    this.form.valueChanges.subscribe(() => {
      if (this.filling) return;
      const s = untracked(() => this.saveState());
      if (s.error || s.recordedId) this.edited.emit();
    });
  }

  /** An empty attempt from the plan's defaults: after a recorded attempt, and after "Discard changes". */
  protected reset(): void {
    const plan = this.plan();
    const draft = plan ? defaultDraft(plan, this.view()?.revisedSafeContact) : { channel: null, to: null };
    this.filling = true;
    try {
      this.form.reset({
        channel: draft.channel,
        to: draft.to,
        safeToTalk: null,
        outcome: null,
        notes: '',
        callbackId: null,
      });
    } finally {
      this.filling = false;
    }
  }

  protected askConsent(a: ContactAttemptRecord | null): void {
    this.recordConsent.emit(a ? methodForChannel(a.channel) : null);
  }

  protected channelLabel(c: string | null): string {
    return contactChannelLabel(c);
  }

  protected outcomeLabel(o: string | null): string {
    return contactOutcomeLabel(o);
  }

  protected ruleLabel(rule: string): string {
    return unsafeRuleLabel(rule);
  }

  protected overriddenRules(a: ContactAttemptRecord): string {
    return a.override?.rules.length ? a.override.rules.map(unsafeRuleLabel).join('; ') : 'none';
  }

  /** The answer as the API takes it (null: not asked, or nobody answered). */
  private safeToTalk(): boolean | null {
    const answer = this.asksSafe() ? this.value().safeToTalk : null;
    return answer === 'yes' ? true : answer === 'no' ? false : null;
  }

  private request(): ContactAttemptRequest {
    const v = this.form.getRawValue();
    const notes = v.notes.trim();
    const safeToTalk = this.safeToTalk();
    return {
      channel: v.channel as ContactChannel,
      ...(this.needsTo() && v.to ? { to: v.to } : {}),
      ...(safeToTalk !== null ? { safeToTalk } : {}),
      // No `at`: the attempt is made now, and "now" is the server's clock (the rules are checked there too).
      ...(v.outcome ? { outcome: v.outcome } : {}),
      ...(notes ? { notes } : {}),
      ...(v.callbackId ? { callbackId: v.callbackId } : {}),
    };
  }

  protected callbackLabel(c: CallbackRecord): string {
    return `Call-back due ${formatLondonDateTime(c.dueAt)}${c.missed ? ' (missed)' : ''}`;
  }

  protected record(): void {
    if (!this.canSubmit()) return;
    this.submitted.emit(this.request());
  }

  protected cancel(): void {
    this.reset();
  }

  /** The secondary path: record an attempt that breaks a rule, with a written reason team leads will see. */
  protected override(): void {
    if (!this.canOverride()) return;
    const data: ReasonDialogData = {
      title: 'Override the safe-contact rules?',
      message: 'This attempt breaks the safe-contact plan. Record it only if it was (or must be) made anyway, for example in an emergency:',
      points: this.violations().map((v) => v.message),
      warning: 'Your name, your reason and the rules overridden are recorded and shown to team leads.',
      label: 'Why the rules are overridden (required)',
      confirm: 'Override and record',
      danger: true,
    };
    this.dialog
      .open<ReasonDialog, ReasonDialogData, string>(ReasonDialog, {
        data,
        width: '560px',
      })
      .afterClosed()
      .subscribe((reason) => {
        if (reason) this.submitted.emit({ ...this.request(), override: { reason } });
      });
  }
}
