import { ChangeDetectionStrategy, Component, effect, inject, OnInit, untracked } from '@angular/core';
import { MatButtonToggleChange, MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Availability } from '@lantern/shared/domain';
import { Store } from '@ngrx/store';
import { AVAILABILITY_LABELS, AvailabilityControlActions, availabilityFeature } from '@lantern/workbench/team/data-access';

/** The header's "My status" control for caseworkers and team leads: Available, Busy or Away. */
@Component({
  selector: 'lantern-availability-control',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonToggleModule],
  template: `
    <!-- Below 1600 px for screen readers only (styles.scss, header-word-below-1600). -->
    <span id="my-status-label" class="label header-word-below-1600">My status</span>
    <mat-button-toggle-group
      class="toggles"
      aria-labelledby="my-status-label"
      [attr.aria-describedby]="mine()?.onShift === false ? 'my-status-shift' : null"
      hideSingleSelectionIndicator
      [value]="mine()?.availability ?? null"
      [disabled]="!mine()"
      (change)="changed($event)"
    >
      @for (a of options; track a) {
        <mat-button-toggle [value]="a" [class]="'opt-' + a">{{ labels[a] }}</mat-button-toggle>
      }
    </mat-button-toggle-group>
    @if (mine()?.onShift === false) {
      <span id="my-status-shift" class="off-shift">off shift</span>
    }
  `,
  styles: `
    /* One line, never wrapped: in a crowded header the search field gives way instead ("off shift" wrapped under the
       toggles, over the page's top edge, at 1440 px). */
    :host {
      display: inline-flex;
      flex: none;
      flex-wrap: nowrap;
      align-items: center;
      gap: 8px;
      font-size: 0.875rem;
    }
    .label {
      white-space: nowrap;
    }
    .toggles {
      --mat-button-toggle-height: 32px;
      --mat-button-toggle-shape: 16px;
      --mat-button-toggle-label-text-size: 0.8125rem;
      background: var(--mat-sys-surface-container-lowest);
    }
    .opt-available.mat-button-toggle-checked {
      --mat-button-toggle-selected-state-background-color: var(--lantern-success-container);
      --mat-button-toggle-selected-state-text-color: var(--lantern-on-success-container);
    }
    .opt-busy.mat-button-toggle-checked {
      --mat-button-toggle-selected-state-background-color: var(--mat-sys-tertiary-container);
      --mat-button-toggle-selected-state-text-color: var(--mat-sys-on-tertiary-container);
    }
    .opt-away.mat-button-toggle-checked {
      --mat-button-toggle-selected-state-background-color: var(--mat-sys-surface-container-highest);
      --mat-button-toggle-selected-state-text-color: var(--mat-sys-on-surface);
    }
    .off-shift {
      padding: 2px 8px;
      border-radius: 10px;
      border: 1px solid rgb(255 255 255 / 0.7);
      white-space: nowrap;
    }
  `,
})
export class AvailabilityControl implements OnInit {
  private readonly store = inject(Store);
  protected readonly mine = this.store.selectSignal(availabilityFeature.selectMine);
  private readonly error = this.store.selectSignal(availabilityFeature.selectError);
  protected readonly options: readonly Availability[] = ['available', 'busy', 'away'];
  protected readonly labels = AVAILABILITY_LABELS;

  constructor() {
    const snackBar = inject(MatSnackBar);
    effect(() => {
      const error = this.error();
      if (error) untracked(() => snackBar.open(error, 'Dismiss', { duration: 8000 }));
    });
  }

  ngOnInit(): void {
    this.store.dispatch(AvailabilityControlActions.opened());
  }

  protected changed(event: MatButtonToggleChange): void {
    const previous = this.mine()?.availability ?? 'available';
    const availability = event.value as Availability;
    if (availability !== previous) this.store.dispatch(AvailabilityControlActions.changed({ availability, previous }));
  }
}
