import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { authFeature, ShellActions } from '@lantern/workbench/data-access-auth';
import { Store } from '@ngrx/store';

@Component({
  selector: 'lantern-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatButtonModule],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  private readonly store = inject(Store);
  private readonly document = inject(DOCUMENT);

  protected readonly user = this.store.selectSignal(authFeature.selectUser);

  protected signOut(): void {
    this.store.dispatch(ShellActions.signOutClicked());
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.document.getElementById('main')?.focus();
  }
}
