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
  template: `
    <div class="page">
      <div class="page-head">
        <div>
          <h1>Partner directory</h1>
          <p class="lede">
            The services caseworkers can refer to. Inactive services are never offered; referrals already made keep naming them.
          </p>
        </div>
        <button mat-flat-button type="button" (click)="add()">Add service</button>
      </div>

      @let st = state();
      @if (st.toggle.error) {
        <p class="problem" role="alert">{{ st.toggle.error }}</p>
      }
      <p class="cdk-visually-hidden" role="status">{{ toggleMessage() }}</p>

      @if (st.status === 'loading' && !st.services.length) {
        <p class="aside">Loading…</p>
      } @else if (st.status === 'error') {
        <div class="problem" role="alert">
          {{ st.error }}
          <button mat-button type="button" (click)="retry()">Try again</button>
        </div>
      } @else {
        <div class="table-wrap">
          <table mat-table [dataSource]="st.services" class="directory" aria-label="Partner services">
            <ng-container matColumnDef="partner">
              <th mat-header-cell *matHeaderCellDef scope="col">Partner</th>
              <td mat-cell *matCellDef="let s">{{ s.partnerName }}</td>
            </ng-container>
            <ng-container matColumnDef="service">
              <th mat-header-cell *matHeaderCellDef scope="col">Service</th>
              <td mat-cell *matCellDef="let s">
                <strong>{{ s.serviceName }}</strong
                ><br /><span class="key">{{ s.service }}</span>
              </td>
            </ng-container>
            <ng-container matColumnDef="kind">
              <th mat-header-cell *matHeaderCellDef scope="col">Kind</th>
              <td mat-cell *matCellDef="let s">{{ kindLabel(s) }}</td>
            </ng-container>
            <ng-container matColumnDef="areas">
              <th mat-header-cell *matHeaderCellDef scope="col">Areas</th>
              <td mat-cell *matCellDef="let s">{{ areas(s) }}</td>
            </ng-container>
            <ng-container matColumnDef="grades">
              <th mat-header-cell *matHeaderCellDef scope="col">Grades</th>
              <td mat-cell *matCellDef="let s">{{ grades(s) }}</td>
            </ng-container>
            <ng-container matColumnDef="ages">
              <th mat-header-cell *matHeaderCellDef scope="col">Ages</th>
              <td mat-cell *matCellDef="let s">{{ ages(s) }}</td>
            </ng-container>
            <ng-container matColumnDef="hours">
              <th mat-header-cell *matHeaderCellDef scope="col">Hours</th>
              <td mat-cell *matCellDef="let s">{{ hours(s) }}</td>
            </ng-container>
            <ng-container matColumnDef="ack">
              <th mat-header-cell *matHeaderCellDef scope="col">Acknowledge within</th>
              <td mat-cell *matCellDef="let s">{{ s.acknowledgeWithinHours }} h</td>
            </ng-container>
            <ng-container matColumnDef="channel">
              <th mat-header-cell *matHeaderCellDef scope="col">Channel</th>
              <td mat-cell *matCellDef="let s">{{ channel(s) }}</td>
            </ng-container>
            <ng-container matColumnDef="active">
              <th mat-header-cell *matHeaderCellDef scope="col">Active</th>
              <td mat-cell *matCellDef="let s">
                <span [class]="s.active ? 'chip on' : 'chip off'">{{ s.active ? 'Active' : 'Inactive' }}</span>
              </td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef scope="col"><span class="cdk-visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let s">
                <div class="actions">
                  <button mat-stroked-button type="button" [attr.aria-label]="'Edit ' + s.serviceName" (click)="edit(s)">Edit</button>
                  <button
                    mat-button
                    type="button"
                    [class.deactivate]="s.active"
                    [disabled]="st.toggle.pending"
                    [attr.aria-label]="(s.active ? 'Deactivate ' : 'Reactivate ') + s.serviceName"
                    (click)="toggle(s)"
                  >
                    {{ st.toggle.pending && st.toggle.service === s.service ? 'Saving…' : s.active ? 'Deactivate' : 'Reactivate' }}
                  </button>
                </div>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let s; columns: columns" [class.inactive]="!s.active"></tr>
          </table>
        </div>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .page {
      padding: 16px 24px 32px;
    }
    .page-head {
      display: flex;
      justify-content: space-between;
      align-items: flex-start;
      gap: 16px;
      margin-bottom: 12px;
    }
    h1 {
      margin: 0 0 4px;
      font-size: 1.5rem;
    }
    .lede,
    .aside {
      color: var(--mat-sys-on-surface-variant);
      margin: 0;
    }
    .table-wrap {
      overflow-x: auto;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 10px;
    }
    .directory {
      width: 100%;
    }
    .directory td,
    .directory th {
      padding: 8px 10px;
      vertical-align: top;
    }
    tr.inactive td {
      background: var(--mat-sys-surface-container);
      color: var(--mat-sys-on-surface-variant);
    }
    .key {
      font-family: monospace;
      font-size: 0.8rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .chip {
      display: inline-block;
      padding: 1px 8px;
      border-radius: 6px;
      border: 1px solid currentColor;
      font-size: 0.8rem;
      font-weight: 600;
      white-space: nowrap;
    }
    .chip.on {
      color: var(--lantern-on-success-container);
      background: var(--lantern-success-container);
    }
    .chip.off {
      color: var(--mat-sys-on-surface-variant);
      background: var(--mat-sys-surface-container-lowest);
    }
    .actions {
      display: flex;
      gap: 4px;
      flex-wrap: nowrap;
    }
    .deactivate {
      color: var(--mat-sys-error);
    }
    .problem {
      margin: 8px 0;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      border: 1px solid var(--mat-sys-error);
    }
  `,
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
