import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogModule } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import { LondonDateTimePipe } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { AlertTrayActions, alertsFeature, groupAlerts } from '@lantern/workbench/team/data-access';

/** The side sheet: alerts grouped, each linking to its case. */
@Component({
  selector: 'lantern-alert-tray-sheet',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, RouterLink, LondonDateTimePipe],
  template: `
    <div class="head">
      <h2 mat-dialog-title id="alert-tray-title">Alerts</h2>
      <button mat-button type="button" (click)="refresh()">Refresh</button>
      <button mat-stroked-button type="button" mat-dialog-close>Close</button>
    </div>
    <mat-dialog-content>
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      @for (g of groups(); track g.id) {
        <section [attr.aria-labelledby]="'alerts-' + g.id" [class]="'group group-' + g.id">
          <h3 [id]="'alerts-' + g.id">
            {{ g.title }} <span class="n">({{ g.items.length }})</span>
          </h3>
          <ul>
            @for (item of g.items; track item.key) {
              <li [class.hub-wide]="!item.caseId">
                @if (item.caseId) {
                  <a [routerLink]="['/cases', item.caseId]" mat-dialog-close>{{ item.reference }}</a>
                }
                <span class="text">{{ item.text }}</span>
                @if (item.at) {
                  <span class="at">{{ item.atLabel }} {{ item.at | londonDateTime }}</span>
                }
              </li>
            }
          </ul>
        </section>
      } @empty {
        <p class="empty">Nothing needs your attention.</p>
      }
    </mat-dialog-content>
  `,
  styleUrl: './alert-tray-sheet.scss',
})
export class AlertTraySheet {
  private readonly store = inject(Store);
  private readonly alerts = this.store.selectSignal(alertsFeature.selectAlerts);
  protected readonly error = this.store.selectSignal(alertsFeature.selectError);
  protected readonly groups = computed(() => groupAlerts(this.alerts()));

  protected refresh(): void {
    this.store.dispatch(AlertTrayActions.refreshRequested());
  }
}

/** The header's alert button for team leads: a badge with the count, opening the side sheet. */
@Component({
  selector: 'lantern-alert-tray',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatBadgeModule],
  template: `
    <button
      mat-button
      type="button"
      class="alerts"
      [matBadge]="count() || null"
      matBadgeColor="warn"
      matBadgeOverlap="false"
      [matBadgeDescription]="count() === 1 ? '1 alert' : count() + ' alerts'"
      (click)="open()"
    >
      Alerts
    </button>
  `,
  styles: `
    .alerts {
      margin-right: 12px;
      --mat-button-text-label-text-color: var(--mat-sys-on-primary);
      --mat-badge-background-color: var(--mat-sys-error-container);
      --mat-badge-text-color: var(--mat-sys-on-error-container);
    }
  `,
})
export class AlertTray implements OnInit {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);
  protected readonly count = this.store.selectSignal(alertsFeature.selectCount);

  ngOnInit(): void {
    this.store.dispatch(AlertTrayActions.started());
  }

  protected open(): void {
    if (this.dialog.getDialogById('alert-tray')) return;
    this.dialog.open(AlertTraySheet, {
      id: 'alert-tray',
      position: { top: '0', right: '0' },
      height: '100dvh',
      width: 'min(520px, 100vw)',
      maxHeight: '100dvh',
      panelClass: 'lantern-side-sheet',
      ariaLabelledBy: 'alert-tray-title',
      autoFocus: 'first-heading',
    });
  }
}
