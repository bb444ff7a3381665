import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { officerFeature, OfficerReferralsPageActions } from '@lantern/workbench/officer/data-access';
import { formatLondonDateTime } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { STATUS_LABELS } from '../referral-form/labels';

/** /officer/referrals: the officer's own referrals and where each has got to in the hub (never case detail). */
@Component({
  selector: 'lantern-officer-my-referrals-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink],
  templateUrl: './my-referrals-page.html',
  styleUrl: './my-referrals-page.scss',
})
export class MyReferralsPage {
  private readonly store = inject(Store);
  protected readonly referrals = this.store.selectSignal(officerFeature.selectReferrals);
  protected readonly status = this.store.selectSignal(officerFeature.selectReferralsStatus);
  protected readonly error = this.store.selectSignal(officerFeature.selectReferralsError);
  /** Submitted on this phone, not yet received: listed first, so nothing looks lost. */
  protected readonly pending = this.store.selectSignal(officerFeature.selectPending);
  protected readonly labels = STATUS_LABELS;
  protected readonly when = formatLondonDateTime;

  constructor() {
    this.store.dispatch(OfficerReferralsPageActions.opened());
  }

  protected refresh(): void {
    this.store.dispatch(OfficerReferralsPageActions.refreshClicked());
  }
}
