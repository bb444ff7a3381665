import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { arrivalsFeature } from '@lantern/workbench/queue/data-access';

/**
 * The header's link to the queue's Arrivals list while high-risk or MARAC arrivals wait to be acknowledged
 * (arrivalsFeature), on every page. It reads the store itself, not through the shell: an arrival then re-renders this
 * link only, not the whole header with its nav (issue 16: a live arrival's main-thread cost).
 */
@Component({
  selector: 'lantern-arrivals-link',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink],
  template: `
    @if (count()) {
      <a mat-button class="arrivals-link" routerLink="/queue" [attr.aria-label]="'Arrivals: ' + count() + ' high-risk to acknowledge'"
        >Arrivals <span class="arrivals-count" aria-hidden="true">{{ count() }}</span></a
      >
    }
  `,
  styles: `
    :host {
      /* Not a box of its own in the toolbar's row: nothing at all when no arrival waits. */
      display: contents;
    }
    .arrivals-link {
      font-weight: 600;
    }
    /* The toolbar's focus ring (app.scss: the shell's own styles do not reach into this component's template). */
    .arrivals-link:focus-visible {
      outline: 3px solid var(--lantern-lamp);
      outline-offset: 2px;
    }
    .arrivals-count {
      display: inline-block;
      min-width: 1.4em;
      margin-left: 4px;
      padding: 0 6px;
      border-radius: 999px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      text-align: center;
    }
  `,
})
export class ArrivalsLink {
  protected readonly count = inject(Store).selectSignal(arrivalsFeature.selectArrivalCount);
}

/**
 * A high-risk or MARAC arrival said at once by screen readers (an assertive live region, on every page): it must not
 * wait for a pause. Its own component for the same reason as ArrivalsLink.
 */
@Component({
  selector: 'lantern-urgent-announcement',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="cdk-visually-hidden" aria-live="assertive" aria-atomic="true">{{ text() }}</div>`,
})
export class UrgentAnnouncement {
  private readonly store = inject(Store);
  private readonly count = this.store.selectSignal(arrivalsFeature.selectArrivalCount);
  private readonly entities = this.store.selectSignal(arrivalsFeature.selectEntities);
  private readonly latestUrgent = this.store.selectSignal(arrivalsFeature.selectLatestUrgent);
  protected readonly text = computed(() => {
    const id = this.latestUrgent();
    const a = id ? this.entities()[id] : undefined;
    if (!a) return '';
    const kind = a.grade === 'high' ? 'high-risk' : 'MARAC';
    const n = this.count();
    return `New ${kind} case ${a.reference} in the queue. ${n} ${n === 1 ? 'arrival' : 'arrivals'} to acknowledge.`;
  });
}
