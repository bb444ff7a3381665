import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatTableModule } from '@angular/material/table';
import { describeHours, type PartnerServiceRecord } from '@lantern/shared/domain';
import { Store } from '@ngrx/store';
import { CHANNEL_LABELS, describeAges, describeAreas, describeGrades, SERVICE_KIND_LABELS } from './partner-form';
import { ServiceDialog, ServiceDialogData } from './service-dialog';
import { PartnerDirectoryPageActions, partnerDirectoryFeature } from '@lantern/workbench/partner-directory/data-access';

/** The partner directory (admins): every service, inactive ones too; add, edit, deactivate and reactivate. */
@Component({
  selector: 'lantern-partner-directory-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatTableModule],
  templateUrl: './partner-directory-page.html',
  styleUrl: './partner-directory-page.scss',
})
export class PartnerDirectoryPage {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);

  protected readonly state = this.store.selectSignal(partnerDirectoryFeature.selectPartnerDirectoryState);
  protected readonly columns = ['partner', 'service', 'kind', 'areas', 'grades', 'ages', 'hours', 'ack', 'channel', 'active', 'actions'];

  constructor() {
    this.store.dispatch(PartnerDirectoryPageActions.opened());
  }

  protected toggleMessage(): string {
    const st = this.state();
    if (st.toggle.pending || st.toggle.error || !st.toggle.service) return '';
    const s = st.services.find((x) => x.service === st.toggle.service);
    return s ? `${s.serviceName} is now ${s.active ? 'active' : 'inactive'}.` : '';
  }

  protected kindLabel(s: PartnerServiceRecord): string {
    return SERVICE_KIND_LABELS[s.kind] ?? s.kind;
  }
  protected areas(s: PartnerServiceRecord): string {
    return describeAreas(s.rule.areas);
  }
  protected grades(s: PartnerServiceRecord): string {
    return describeGrades(s.rule.grades, s.rule.acceptsMarac);
  }
  protected ages(s: PartnerServiceRecord): string {
    return describeAges(s.rule.minAge, s.rule.maxAge);
  }
  protected hours(s: PartnerServiceRecord): string {
    return describeHours(s.hours);
  }
  protected channel(s: PartnerServiceRecord): string {
    return CHANNEL_LABELS[s.channel] ?? s.channel;
  }

  protected retry(): void {
    this.store.dispatch(PartnerDirectoryPageActions.retryClicked());
  }

  protected add(): void {
    this.open(null);
  }

  protected edit(s: PartnerServiceRecord): void {
    this.open(s);
  }

  protected toggle(s: PartnerServiceRecord): void {
    this.store.dispatch(PartnerDirectoryPageActions.activeToggled({ record: s, active: !s.active }));
  }

  private open(record: PartnerServiceRecord | null): void {
    this.dialog.open<ServiceDialog, ServiceDialogData, string>(ServiceDialog, {
      data: { record },
      width: '820px',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    });
  }
}
