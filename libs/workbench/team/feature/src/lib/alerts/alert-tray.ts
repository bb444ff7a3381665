import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, OnInit, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogModule } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import { LondonDateTimePipe } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { AlertTrayActions, alertsFeature, groupAlerts, type AlertGroup } from '@lantern/workbench/team/data-access';
import { authFeature } from '@lantern/workbench/auth/data-access';

/**
 * The side sheet: alerts grouped by kind, the safety ones first (open) and the rest after (closed, each with its
 * count); each links to its case and can be acknowledged with a note, which takes it out of every team lead's tray.
 */
@Component({
  selector: 'lantern-alert-tray-sheet',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule, RouterLink, LondonDateTimePipe],
  template: `
    <div class="head">
      <h2 mat-dialog-title id="alert-tray-title">Alerts</h2>
      <button mat-button type="button" (click)="refresh()">Refresh</button>
      <button mat-stroked-button type="button" mat-dialog-close>Close</button>
    </div>
    <mat-dialog-content>
      <p class="cdk-visually-hidden" aria-live="polite">{{ announcement() }}</p>
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      @for (g of groups(); track g.id) {
        <section [attr.aria-labelledby]="'alerts-' + g.id" [class]="'group group-' + g.id" [class.safety]="g.safety">
          <h3 [id]="'alerts-' + g.id">
            <button
              type="button"
              class="toggle"
              [id]="'alerts-toggle-' + g.id"
              [attr.aria-expanded]="isOpen(g)"
              [attr.aria-controls]="'alerts-list-' + g.id"
              (click)="toggle(g)"
            >
              <span class="chevron" aria-hidden="true">{{ isOpen(g) ? '▾' : '▸' }}</span>
              {{ g.title }} <span class="n">({{ g.items.length }})</span>
            </button>
          </h3>
          @if (isOpen(g)) {
            <ul [id]="'alerts-list-' + g.id">
              @for (item of g.items; track item.key) {
                <li [class.hub-wide]="!item.caseId">
                  @if (item.caseId) {
                    <a [routerLink]="['/cases', item.caseId]" mat-dialog-close>{{ item.reference }}</a>
                  }
                  <span class="text">{{ item.text }}</span>
                  @if (item.at) {
                    <span class="at">{{ item.atLabel }} {{ item.at | londonDateTime }}</span>
                  }
                  @if (item.alertKey; as key) {
                    @if (item.own) {
                      <span class="own">About you: another team lead acknowledges it.</span>
                    } @else if (acking() === key) {
                      <form class="ack" [formGroup]="form" (ngSubmit)="submit(g, key)">
                        <mat-form-field appearance="outline" subscriptSizing="dynamic">
                          <mat-label>What was done (note)</mat-label>
                          <textarea matInput formControlName="note" rows="2" [id]="'ack-note-' + g.id" maxlength="1000"></textarea>
                          @if (form.controls.note.touched && form.controls.note.invalid) {
                            <mat-error>Write a short note to acknowledge the alert.</mat-error>
                          }
                        </mat-form-field>
                        @if (ackError(); as err) {
                          @if (err.alertKey === key) {
                            <p class="error" role="alert">{{ err.error }}</p>
                          }
                        }
                        <div class="ack-actions">
                          <button mat-button type="button" (click)="cancel(g)">Cancel</button>
                          <button mat-flat-button type="submit" [disabled]="acknowledging() === key">Acknowledge</button>
                        </div>
                      </form>
                    } @else {
                      <button
                        mat-button
                        type="button"
                        class="ack-open"
                        [id]="'ack-' + item.key"
                        [attr.aria-label]="'Acknowledge: ' + (item.reference ? item.reference + ', ' : '') + item.text"
                        (click)="start(g, key)"
                      >
                        Acknowledge…
                      </button>
                    }
                  }
                </li>
              }
            </ul>
          }
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
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly alerts = this.store.selectSignal(alertsFeature.selectAlerts);
  protected readonly error = this.store.selectSignal(alertsFeature.selectError);
  protected readonly acknowledging = this.store.selectSignal(alertsFeature.selectAcknowledging);
  protected readonly ackError = this.store.selectSignal(alertsFeature.selectAcknowledgeError);
  private readonly acknowledged = this.store.selectSignal(alertsFeature.selectAcknowledged);
  private readonly me = this.store.selectSignal(authFeature.selectUser);
  protected readonly groups = computed(() => groupAlerts(this.alerts(), this.me()?.id ?? null));
  /** Groups opened or closed by hand; otherwise the safety groups are open and the rest closed. */
  private readonly toggled = signal<Record<string, boolean>>({});
  /** The alert whose acknowledgement form is shown. */
  protected readonly acking = signal<string | null>(null);
  protected readonly announcement = signal('');
  /** The acknowledgement note: a plain form (one field, 1–1000 characters, not blank). */
  readonly form = new FormGroup({
    note: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(1000), Validators.pattern(/\S/)],
    }),
  });
  private ackGroup: string | null = null;

  constructor() {
    let seen = this.acknowledged()?.id ?? 0;
    effect(() => {
      const done = this.acknowledged();
      if (!done || done.id === seen) return;
      seen = done.id;
      untracked(() => {
        this.acking.set(null);
        this.form.reset();
        this.announcement.set('Alert acknowledged. It has left the tray for every team lead.');
        const group = this.ackGroup;
        this.ackGroup = null;
        // The item has gone: focus its group's heading button (or the tray's title when the group emptied).
        setTimeout(() =>
          (
            this.host.nativeElement.querySelector<HTMLElement>(`#alerts-toggle-${group}`) ??
            this.host.nativeElement.querySelector<HTMLElement>('#alert-tray-title')
          )?.focus(),
        );
      });
    });
  }

  protected isOpen(g: AlertGroup): boolean {
    return this.toggled()[g.id] ?? g.safety;
  }

  protected toggle(g: AlertGroup): void {
    const open = this.isOpen(g);
    this.toggled.update((t) => ({ ...t, [g.id]: !open }));
  }

  protected start(g: AlertGroup, alertKey: string): void {
    this.form.reset();
    this.acking.set(alertKey);
    setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>(`#ack-note-${g.id}`)?.focus());
  }

  protected cancel(g: AlertGroup): void {
    this.acking.set(null);
    setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>(`#alerts-toggle-${g.id}`)?.focus());
  }

  protected submit(g: AlertGroup, alertKey: string): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.ackGroup = g.id;
    this.store.dispatch(AlertTrayActions.acknowledgeSubmitted({ alertKey, note: this.form.getRawValue().note.trim() }));
  }

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
