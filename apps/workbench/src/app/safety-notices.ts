import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import { filter, map } from 'rxjs';
import { Store } from '@ngrx/store';
import { caseworkFeature, type Notice } from '@lantern/workbench/case/data-access';

/**
 * Safety notices that stay until the user dismisses them (a Notice with `persistent`: a police revision named another
 * victim on a case of theirs), on every page, above the page's content. Not the snack bar: it shows one message at a
 * time, so the next casework notice or an undo offer would replace it while the caseworker is on a call. Said at once
 * by screen readers (role alert). Kept for this page load only: the case page's banner and History keep the fact.
 */
@Component({
  selector: 'lantern-safety-notices',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink],
  template: `
    @for (n of notices(); track n.id) {
      <div class="safety-notice" role="alert">
        <p>{{ n.text }}</p>
        @if (n.caseId && !onCase(n.caseId)) {
          <a mat-button [routerLink]="['/cases', n.caseId]">Open the case</a>
        }
        <button mat-stroked-button type="button" (click)="dismiss(n.id)">Dismiss</button>
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
  `,
})
export class SafetyNotices {
  protected readonly notices = signal<Notice[]>([]);
  private readonly notice = inject(Store).selectSignal(caseworkFeature.selectNotice);
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
    effect(() => {
      const n = this.notice();
      // One bar per case: a later notice about the same case replaces the earlier one.
      if (n?.persistent)
        untracked(() =>
          this.notices.update((all) =>
            all.some((x) => x.id === n.id) ? all : [...all.filter((x) => !n.caseId || x.caseId !== n.caseId), n],
          ),
        );
    });
  }

  protected onCase(caseId: string): boolean {
    return this.path().split(/[?#]/)[0].startsWith(`/cases/${caseId}`);
  }

  protected dismiss(id: number): void {
    this.notices.update((all) => all.filter((n) => n.id !== id));
    // The button it was on is gone: focus goes to the next bar's Dismiss, else to the page's content (not the top).
    setTimeout(() => {
      const next = document.querySelector<HTMLElement>('lantern-safety-notices .safety-notice button');
      (next ?? document.getElementById('main'))?.focus();
    });
  }
}
