import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router } from '@angular/router';
import { Store } from '@ngrx/store';
import { authFeature } from '@lantern/workbench/auth/data-access';
import { ArrivalsPanelActions, arrivalsFeature } from '@lantern/workbench/queue/data-access';
import { ArrivalsList } from '@lantern/workbench/ui';

/**
 * The high-risk and MARAC arrivals listed above the queue until acknowledged (arrivalsFeature). It reads the store
 * itself, not through the queue page: an arrival added or acknowledged then re-renders this list only, not the
 * page and every row of its table (issue 16: a live arrival's main-thread cost).
 */
@Component({
  selector: 'lantern-queue-arrivals',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ArrivalsList],
  template: `
    @if (arrivals().length) {
      <lantern-arrivals-list
        class="arrivals-list"
        [arrivals]="arrivals()"
        [userId]="userId()"
        (open)="open($event)"
        (acknowledge)="acknowledge($event)"
        (acknowledgeAll)="acknowledgeAll()"
      />
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .arrivals-list {
      margin-top: 8px;
    }
  `,
})
export class QueueArrivals {
  private readonly store = inject(Store);
  private readonly router = inject(Router);
  protected readonly arrivals = this.store.selectSignal(arrivalsFeature.selectArrivals);
  protected readonly userId = this.store.selectSignal(authFeature.selectUserId);

  protected open(caseId: string): void {
    this.store.dispatch(ArrivalsPanelActions.opened({ caseId }));
    void this.router.navigate(['/cases', caseId]);
  }

  protected acknowledge(caseId: string): void {
    this.store.dispatch(ArrivalsPanelActions.acknowledged({ caseId }));
  }

  protected acknowledgeAll(): void {
    this.store.dispatch(ArrivalsPanelActions.allAcknowledged());
  }
}
