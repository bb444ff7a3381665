import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import {
  NavigationEnd,
  Router,
  RouterLink,
  RouterLinkActive,
  RouterOutlet,
} from '@angular/router';
import { authFeature, ShellActions } from '@lantern/workbench/data-access-auth';
import { Store } from '@ngrx/store';
import { filter, skip } from 'rxjs';

@Component({
  selector: 'lantern-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatButtonModule,
  ],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  private readonly store = inject(Store);
  private readonly document = inject(DOCUMENT);

  protected readonly user = this.store.selectSignal(authFeature.selectUser);

  constructor() {
    // After each in-app navigation, start the new page at its top and move focus there, so keyboard and
    // screen-reader users are not left on an element that no longer exists.
    inject(Router)
      .events.pipe(
        filter((e) => e instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        const main = this.document.getElementById('main');
        main?.scrollTo(0, 0);
        main?.focus({ preventScroll: true });
      });
  }

  protected signOut(): void {
    this.store.dispatch(ShellActions.signOutClicked());
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.document.getElementById('main')?.focus();
  }
}
