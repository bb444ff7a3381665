import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import {
  describeHours,
  isServiceOpen,
  REFERRAL_ACTIONS,
  type CaseConsent,
  type CreateReferralRequest,
  type EffectiveConsentValue,
  type LawfulBasis,
  type PartnerServiceRecord,
  type ReferralOption,
  type SafeguardingBasis,
} from '@lantern/shared/domain';
import { LondonDateTimePipe, ReasonDialog, ReasonDialogData } from '@lantern/workbench/ui';
import { ReferralDialog, ReferralDialogData, ReferralDialogResult } from './referral-dialog';
import { ConsentSummary } from '../consent/consent-summary';
import { basisTitle, basisView, consentSentence } from './safeguarding';
import { SafeguardingDialog, SafeguardingDialogData, SafeguardingDialogResult } from './safeguarding-dialog';
import { LoadStatus } from '@lantern/workbench/auth/data-access';
import {
  MARAC_FORM_NEEDS_CONSENT_OR_BASIS,
  optionKey,
  Referral,
  ReferralSaveState,
  ackOverdue,
  outcomeLabel,
  referralStatus,
} from '@lantern/workbench/referrals/data-access';

const OPEN: string[] = ['draft', 'sent', 'acknowledged', 'accepted'];

/** The Referrals tab: services suggested for the case (and why), the ones not suitable, and referrals made. */
@Component({
  selector: 'lantern-referrals-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatExpansionModule, LondonDateTimePipe, NgTemplateOutlet, ConsentSummary],
  templateUrl: './referrals-tab.html',
  styleUrl: './referrals-tab.scss',
})
export class ReferralsTab {
  private readonly dialog = inject(MatDialog);

  readonly eligible = input<ReferralOption[]>([]);
  readonly ineligible = input<ReferralOption[]>([]);
  readonly optionsStatus = input<LoadStatus>('idle');
  readonly optionsError = input<string | null>(null);
  readonly referrals = input<Referral[]>([]);
  readonly referralsStatus = input<LoadStatus>('idle');
  readonly referralsError = input<string | null>(null);
  readonly referralsUnavailable = input(false);
  readonly save = input.required<ReferralSaveState>();
  readonly canRefer = input(false);
  /** Team lead: may revoke a referral. */
  /** Record the legal basis for sharing without consent (the permission table: safeguarding-basis.record). */
  readonly canRecordBasis = input(false);
  /** Revoke a referral (REFERRAL_ACTIONS: a team lead's step). */
  readonly mayRevoke = input(false);
  readonly lifecycle = input<{ referralId: string | null; pending: boolean; error: string | null }>({
    referralId: null,
    pending: false,
    error: null,
  });
  /** Close (caseworker / team lead) or revoke (team lead, with a reason). */
  readonly lifecycleStep = output<{ referralId: string; action: 'close' | 'revoke'; reason?: string }>();
  readonly now = input(Date.now());
  /** The directory's entries by `partnerId/service` (for each option's hours). */
  readonly services = input<Record<string, PartnerServiceRecord>>({});
  /** The case's recorded safeguarding basis, if any. */
  readonly safeguardingBasis = input<SafeguardingBasis | null>(null);
  /** The consent in force (the latest hub record of each question, else the police report's). */
  readonly consent = input<CaseConsent | null>(null);
  /** Caseworkers and team leads record what the victim said (consent.record). */
  readonly canRecordConsent = input(false);
  readonly consentPending = input(false);
  readonly consentStatus = input('');
  /** The hub's lawful bases for sharing without consent (for the team lead's dialog). */
  readonly lawfulBases = input<readonly LawfulBasis[]>([]);
  readonly lawfulBasesError = input<string | null>(null);
  readonly basisSave = input<{ pending: boolean; error: string | null }>({ pending: false, error: null });
  readonly victimName = input('the victim');
  /** Hub staff: where the MARAC referral form (PDF) is; null hides it. */
  readonly maracUrl = input<string | null>(null);
  readonly maracRequired = input(false);
  /** The form is offered only when the case's details may go to MARAC (maracFormAllowed); otherwise why not. */
  readonly maracFormAllowed = input(true);
  protected readonly maracFormNeeds = MARAC_FORM_NEEDS_CONSENT_OR_BASIS;
  /** A team lead recorded a lawful basis in the dialog. */
  readonly recordBasis = output<SafeguardingDialogResult>();
  /** "Record consent…": the container opens the dialog. */
  readonly recordConsent = output<void>();

  /** The user confirmed a referral in the dialog. */
  readonly refer = output<CreateReferralRequest>();
  /** The dialog opened (earlier refusals are cleared). */
  readonly referOpened = output<void>();

  /** Referrals still open, by the option they were for (to say "Already referred"). */
  protected readonly openByOption = computed(() => {
    const out: Record<string, Referral> = {};
    for (const r of this.referrals())
      if (r.partnerId && r.service && OPEN.includes(r.status)) out[optionKey({ partnerId: r.partnerId, service: r.service })] ??= r;
    return out;
  });

  /** The consent to share in force. */
  protected readonly sharing = computed<EffectiveConsentValue | null>(() => this.consent()?.sharing.value ?? null);
  protected readonly basis = computed(() => basisView(this.safeguardingBasis(), this.sharing(), this.canRecordBasis()));
  protected title = basisTitle;
  protected sentence = consentSentence;

  protected serviceFor(o: ReferralOption): PartnerServiceRecord | null {
    return this.services()[optionKey(o)] ?? null;
  }
  protected hours(s: PartnerServiceRecord): string {
    return describeHours(s.hours);
  }
  protected openNow(s: PartnerServiceRecord): boolean {
    return isServiceOpen(s.hours, new Date(this.now()));
  }

  protected openBasis(consent: EffectiveConsentValue | null): void {
    this.dialog
      .open<SafeguardingDialog, SafeguardingDialogData, SafeguardingDialogResult>(SafeguardingDialog, {
        width: '720px',
        maxWidth: '95vw',
        data: {
          victimName: this.victimName(),
          consentSentence: consentSentence(consent),
          bases: this.lawfulBases(),
          basesError: this.lawfulBasesError(),
        },
      })
      .afterClosed()
      .subscribe((result) => {
        if (result) this.recordBasis.emit(result);
      });
  }

  protected key = optionKey;
  protected outcome = outcomeLabel;
  protected status = (r: Referral) => referralStatus(r.status);
  protected overdue(r: Referral): boolean {
    return ackOverdue(r, this.now());
  }

  protected canClose(r: Referral): boolean {
    return this.canRefer() && REFERRAL_ACTIONS.close.from.includes(r.status);
  }

  protected canRevoke(r: Referral): boolean {
    return this.mayRevoke() && REFERRAL_ACTIONS.revoke.from.includes(r.status);
  }

  protected close(r: Referral): void {
    this.lifecycleStep.emit({ referralId: r.id, action: 'close' });
  }

  protected revoke(r: Referral): void {
    this.dialog
      .open<ReasonDialog, ReasonDialogData, string>(ReasonDialog, {
        width: '520px',
        data: {
          title: 'Revoke referral',
          message: `Withdraw the referral to ${r.partnerName} (${r.serviceName}). The victim’s details and the document are erased from their portal; they keep only the reference, the status and your reason, so write nothing about the victim in it.`,
          label: 'Reason for revoking (required)',
          confirm: 'Revoke referral',
          danger: true,
        },
      })
      .afterClosed()
      .subscribe((reason) => {
        if (reason) this.lifecycleStep.emit({ referralId: r.id, action: 'revoke', reason });
      });
  }

  protected openRefer(o: ReferralOption): void {
    this.referOpened.emit();
    this.dialog
      .open<ReferralDialog, ReferralDialogData, ReferralDialogResult>(ReferralDialog, {
        data: {
          partnerName: o.partnerName,
          serviceName: o.serviceName,
          reasons: o.reasons,
          kind: o.kind,
        },
        width: '560px',
      })
      .afterClosed()
      .subscribe((result) => {
        if (!result) return;
        this.refer.emit({
          partnerId: o.partnerId,
          service: o.service,
          ...(result.notes ? { notes: result.notes } : {}),
          ...(result.victimInformed ? { victimInformed: result.victimInformed } : {}),
          ...(result.victimInformedReason ? { victimInformedReason: result.victimInformedReason } : {}),
        });
      });
  }
}
