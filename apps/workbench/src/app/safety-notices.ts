import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import { filter, map } from 'rxjs';
import { Store } from '@ngrx/store';
import { SafetyNoticesActions, safetyNoticesFeature } from '@lantern/workbench/case/data-access';

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
        <p>{{ e }} A safety notice about a case you hold may be waiting.</p>
        <button mat-stroked-button type="button" (click)="retry()">Try again</button>
      </div>
    }
    @for (n of notices(); track n.key) {
      <div class="safety-notice" role="alert">
        <p>
          {{ n.text }}
          @if (n.error) {
            <span class="not-recorded">Not dismissed: {{ n.error }}</span>
          }
        </p>
        @if (!onCase(n.caseId)) {
          <a mat-button [routerLink]="['/cases', n.caseId]">Open the case</a>
        }
        <button mat-stroked-button type="button" (click)="dismiss(n.key)">Dismiss</button>
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
  private readonly router = inject(Router);
  /** The page's path, so "Open the case" is not offered on that case's own page. */
  private readonly path = toSignal(
    this.router.events.pipe(
      filter((e) => e instanceof NavigationEnd),
      map(() => this.router.url),
    ),
    { initialValue: this.router.url },
  );

  protected onCase(caseId: string): boolean {
    return this.path().split(/[?#]/)[0].startsWith(`/cases/${caseId}`);
  }

  protected retry(): void {
    this.store.dispatch(SafetyNoticesActions.retryClicked());
  }

  protected dismiss(key: string): void {
    this.store.dispatch(SafetyNoticesActions.dismissClicked({ key }));
    // The button it was on is gone: focus goes to the next bar's Dismiss, else to the page's content (not the top).
    setTimeout(() => {
      const next = document.querySelector<HTMLElement>('lantern-safety-notices .safety-notice button');
      (next ?? document.getElementById('main'))?.focus();
    });
  }
}
