import { ChangeDetectionStrategy, Component, effect, ElementRef, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import { filter, map } from 'rxjs';
import { Store } from '@ngrx/store';
import { SafetyNoticesActions, safetyNoticesFeature } from '@lantern/workbench/case/data-access';
import { focusIfLost } from '@lantern/workbench/ui/shell';

/**
 * Safety notices that stay until the user dismisses them (a police revision named another victim on a case they hold,
 * or raised its grade: safetyNoticesFeature), on every page, above the page's content. Not the snack bar: it shows one message at a time, so
 * the next casework notice or an undo offer would replace it while the caseworker is on a call. Said at once by screen
 * readers (role alert). A dismissal is recorded on the server; one that was not comes back, saying so. One missed while
 * signed out is read at the next sign-in (GET /me/safety-notices).
 */
@Component({
  selector: 'lantern-safety-notices',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink],
  template: `
    @if (loadError(); as e) {
      <div class="safety-notice" role="alert">
        <p id="safety-notices-unread">{{ e }} A safety notice about a case you hold may be waiting.</p>
        <button
          mat-stroked-button
          type="button"
          class="retry"
          aria-describedby="safety-notices-unread"
          [attr.aria-disabled]="reading()"
          (click)="retry()"
        >
          {{ reading() ? 'Trying again…' : 'Try again' }}
        </button>
      </div>
    }
    @for (n of notices(); track n.key) {
      <div class="safety-notice" role="alert">
        <p [id]="'safety-notice-' + $index">
          {{ n.text }}
          @if (n.error) {
            <span class="not-recorded">Not dismissed: {{ n.error }}</span>
          }
        </p>
        @if (!onCase(n.caseId)) {
          <a mat-button [routerLink]="['/cases', n.caseId]" [attr.aria-describedby]="'safety-notice-' + $index">Open the case</a>
        }
        <button
          mat-stroked-button
          type="button"
          class="dismiss"
          [attr.aria-describedby]="'safety-notice-' + $index"
          (click)="dismiss(n.key)"
        >
          Dismiss
        </button>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .safety-notice {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      margin: 8px 24px 0;
      padding: 8px 16px;
      border: 2px solid var(--mat-sys-error);
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .safety-notice p {
      flex: 1 1 320px;
      margin: 0;
      font-weight: 600;
    }
    .not-recorded {
      display: block;
      font-weight: 400;
    }
  `,
})
export class SafetyNotices {
  private readonly store = inject(Store);
  protected readonly notices = this.store.selectSignal(safetyNoticesFeature.selectShown);
  protected readonly loadError = this.store.selectSignal(safetyNoticesFeature.selectLoadError);
  protected readonly reading = this.store.selectSignal(safetyNoticesFeature.selectReading);
  private readonly router = inject(Router);
  /** The page's path, so "Open the case" is not offered on that case's own page. */
  private readonly path = toSignal(
    this.router.events.pipe(
      filter((e) => e instanceof NavigationEnd),
      map(() => this.router.url),
    ),
    { initialValue: this.router.url },
  );

  constructor() {
    // A bar that goes (dismissed, or the failed read answered) takes its focused button with it: focus goes to the
    // next bar's Dismiss, else to the page's content, not to the top of the page; unless the user is elsewhere.
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    let shown = 0;
    effect(() => {
      const now = this.notices().length + (this.loadError() ? 1 : 0);
      if (now < shown) focusIfLost(host.ownerDocument.body, 'lantern-safety-notices .dismiss, #main');
      shown = now;
    });
  }

  protected onCase(caseId: string): boolean {
    return this.path().split(/[?#]/)[0].startsWith(`/cases/${caseId}`);
  }

  protected retry(): void {
    if (this.reading()) return;
    this.store.dispatch(SafetyNoticesActions.retryClicked());
  }

  protected dismiss(key: string): void {
    this.store.dispatch(SafetyNoticesActions.dismissClicked({ key }));
  }
}
