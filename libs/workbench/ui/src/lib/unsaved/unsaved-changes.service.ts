import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { DiscardChangesDialog } from './discard-changes-dialog';
import { UnsavedRegistry, type UnsavedEntry } from './unsaved-registry';

/**
 * The workbench's one guard against losing work (docs/workbench.md, "Nothing lost"). Forms register (EditSection,
 * the `lanternUnsaved` directive); whatever leaves a page asks `confirmDiscard()` first: the route guard
 * (unsavedChangesGuard), the case page's tabs, sign-out and the N shortcut. Reload and closing the tab get the
 * browser's own "Leave site?" (beforeunload) while anything is dirty.
 */
@Injectable({ providedIn: 'root' })
export class UnsavedChanges {
  private readonly registry = new UnsavedRegistry();
  private readonly dialog = inject(MatDialog);

  constructor() {
    inject(DOCUMENT).defaultView?.addEventListener('beforeunload', (event) => {
      if (!this.registry.hasUnsaved()) return;
      event.preventDefault();
      // Older browsers need returnValue set to show the prompt.
      event.returnValue = '';
    });
  }

  register(entry: UnsavedEntry): () => void {
    return this.registry.register(entry);
  }

  rearm(entry: UnsavedEntry): void {
    this.registry.rearm(entry);
  }

  hasUnsaved(): boolean {
    return this.registry.hasUnsaved();
  }

  /** True when the user may go on (nothing dirty, or they chose Discard); false to stay and keep editing. */
  confirmDiscard(): Promise<boolean> {
    return this.registry.confirmLeave(async () => {
      const ref = this.dialog.open<DiscardChangesDialog, void, boolean>(DiscardChangesDialog, {
        width: '440px',
        maxWidth: '95vw',
        role: 'alertdialog',
        autoFocus: '[cdkFocusInitial]',
        restoreFocus: true,
        // A route change must not close the question it asked.
        closeOnNavigation: false,
      });
      return (await firstValueFrom(ref.afterClosed(), { defaultValue: false })) === true;
    });
  }
}
