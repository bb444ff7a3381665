import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';

/** How long "… — Undo" stays (WCAG 2.2.1: long enough to read and reach; the button takes focus at once). */
export const UNDO_SNACK_BAR_MS = 8_000;

/**
 * The snack bar after a step a team lead may regret (reassign, deactivate): "Case given to Sam Carter — Undo".
 * Announced assertively; the Undo button takes keyboard focus when it opens (Escape closes it) and focus goes back
 * where it was when it closes, so a keyboard or screen-reader user can undo as easily as a mouse user. The undo
 * itself is an ordinary API call, audited like any other.
 */
@Injectable({ providedIn: 'root' })
export class UndoSnackBar {
  private readonly snackBar = inject(MatSnackBar);
  private readonly document = inject(DOCUMENT);

  open(text: string, undo: () => void, durationMs = UNDO_SNACK_BAR_MS): void {
    const previous = this.document.activeElement as HTMLElement | null;
    const ref = this.snackBar.open(text, 'Undo', { duration: durationMs, politeness: 'assertive' });
    let button: HTMLButtonElement | null = null;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        ref.dismiss();
      }
    };
    ref.afterOpened().subscribe(() => {
      button = this.document.querySelector<HTMLButtonElement>('.mat-mdc-snack-bar-container .mat-mdc-snack-bar-action');
      button?.addEventListener('keydown', onKey);
      button?.focus();
    });
    ref.onAction().subscribe(() => undo());
    ref.afterDismissed().subscribe(() => {
      button?.removeEventListener('keydown', onKey);
      const active = this.document.activeElement;
      // Back where the person was, unless they have moved on meanwhile.
      if ((!active || active === this.document.body || active === button) && previous?.isConnected) previous.focus();
    });
  }
}
