import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import {
  channelsInWords,
  unsafeMessagesInWords,
  CHILDREN_AT_HOME_UNLISTED,
  childrenAtHomeUnlisted,
  maracReasonText,
  Referral,
  REFERRAL_ACTIONS,
  ReferralAction,
  type ReferralActionRequest,
  type ReferralDataset,
} from '@lantern/shared/domain';
import { genderLabel, relationshipLabel, riskGradeLabel, LondonDateTimePipe, ReasonDialog, ReasonDialogData } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { OutcomeDialog, OutcomeDialogData, OutcomeDialogResult } from './outcome-dialog';
import { PartnerPortalActions, partnerReferralsFeature } from '@lantern/workbench/partner-portal/data-access';
import { outcomeLabel, referralStatus } from '@lantern/workbench/referrals/data-access';

const ACTION_LABELS: Partial<Record<ReferralAction, string>> = {
  acknowledge: 'Acknowledge',
  accept: 'Accept',
  decline: 'Decline…',
  outcome: 'Record outcome…',
};

const DONE_LABELS: Partial<Record<ReferralAction, string>> = {
  acknowledge: 'Referral acknowledged.',
  accept: 'Referral accepted.',
  decline: 'Referral declined.',
  outcome: 'Outcome recorded.',
};

/** Steps the partner may take from a status (REFERRAL_ACTIONS is the one source). */
export function partnerActions(status: Referral['status']): ReferralAction[] {
  return (Object.keys(REFERRAL_ACTIONS) as ReferralAction[]).filter(
    (a) => REFERRAL_ACTIONS[a].by === 'partner' && REFERRAL_ACTIONS[a].from.includes(status),
  );
}

/** The partner portal: an agency's referrals from the hub, one open at a time, and what they can do with it. */
/** A police DASH answer in words (children's services' front-door view). */
const DASH_ANSWER_WORDS: Record<string, string> = {
  yes: 'Yes',
  no: 'No',
  'not-known': 'Not known',
  declined: 'Declined to answer',
  'not-asked': 'Not asked',
};

@Component({
  selector: 'lantern-partner-referrals-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink, LondonDateTimePipe],
  templateUrl: './partner-referrals-page.html',
  styleUrl: './partner-referrals-page.scss',
})
export class PartnerReferralsPage implements OnInit {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);

  /** From the route: /partner/referrals/:id (the link in the partner's email). */
  readonly id = input<string | undefined>(undefined);

  protected readonly state = this.store.selectSignal(partnerReferralsFeature.selectPartnerReferralsState);
  protected readonly referrals = computed(() => this.state().referrals);
  protected readonly agency = computed(() => this.referrals()[0]?.partnerName ?? 'your agency');
  protected readonly selected = computed(() => {
    const id = this.id();
    return id ? (this.referrals().find((r) => r.id === id) ?? null) : null;
  });
  protected readonly actions = computed(() => {
    const r = this.selected();
    return r ? partnerActions(r.status) : [];
  });

  protected readonly status = (r: Referral) => referralStatus(r.status);
  protected readonly outcome = outcomeLabel;
  protected readonly gender = (g: string | null) => genderLabel(g as Parameters<typeof genderLabel>[0]);
  protected readonly riskGrade = (g: string | null) => riskGradeLabel(g as Parameters<typeof riskGradeLabel>[0]);
  protected readonly relationship = (r: string | null) => relationshipLabel(r as Parameters<typeof relationshipLabel>[0]);
  protected readonly maracReasons = (reasons: readonly string[]) => reasons.map(maracReasonText).join('; ');
  protected readonly atHomeUnlisted = (d: ReferralDataset) => childrenAtHomeUnlisted(d);
  protected readonly atHomeUnlistedText = CHILDREN_AT_HOME_UNLISTED;
  protected readonly dashAnswer = (a: string) => DASH_ANSWER_WORDS[a] ?? a;
  protected readonly channels = channelsInWords;
  /** "Do not leave a voicemail." and the like: said outright beside the safe channels (unsafeMessagesInWords). */
  protected readonly unsafeMessages = unsafeMessagesInWords;
  protected readonly actionLabel = (a: ReferralAction) => ACTION_LABELS[a] ?? a;
  protected readonly doneLabel = (a: ReferralAction) => DONE_LABELS[a] ?? 'Done.';

  ngOnInit(): void {
    this.store.dispatch(PartnerPortalActions.opened());
  }

  protected retry(): void {
    this.store.dispatch(PartnerPortalActions.retryClicked());
  }

  protected documentUrl(r: Referral): string {
    return `/api/v1/referrals/${encodeURIComponent(r.id)}/document`;
  }

  protected act(r: Referral, action: ReferralAction): void {
    if (action === 'decline') {
      this.dialog
        .open<ReasonDialog, ReasonDialogData, string>(ReasonDialog, {
          width: '520px',
          data: {
            title: 'Decline referral',
            message: `Tell the hub why ${r.reference} is declined. They will look for another service.`,
            label: 'Reason for declining (required)',
            confirm: 'Decline referral',
            danger: true,
          },
        })
        .afterClosed()
        .subscribe((reason) => {
          if (reason) this.submit(r, 'decline', { reason });
        });
      return;
    }
    if (action === 'outcome') {
      this.dialog
        .open<OutcomeDialog, OutcomeDialogData, OutcomeDialogResult>(OutcomeDialog, { width: '520px', data: { reference: r.reference } })
        .afterClosed()
        .subscribe((result) => {
          if (result) this.submit(r, 'outcome', result);
        });
      return;
    }
    this.submit(r, action, {});
  }

  private submit(r: Referral, action: ReferralAction, body: ReferralActionRequest): void {
    this.store.dispatch(PartnerPortalActions.actionSubmitted({ referralId: r.id, action, body }));
  }
}
