import { DestroyRef, Directive, inject, input, output } from '@angular/core';
import { ControlContainer, NgControl } from '@angular/forms';
import { MatDialogRef } from '@angular/material/dialog';
import { UnsavedChanges } from './unsaved-changes.service';
import type { UnsavedEntry } from './unsaved-registry';

/**
 * One attribute puts a form under the unsaved-changes guard: `<form [formGroup]="form" lanternUnsaved>` (or on
 * a single control). Dirty means the form's `dirty` flag — a form marks itself pristine when it saves. In a dialog
 * it also keeps the dialog open on Escape or a click outside while dirty, and asks instead.
 * `[lanternUnsaved]="false"` switches it off (a read-only view of the same form).
 */
@Directive({
  selector: '[lanternUnsaved]',
  host: { '(input)': 'edited()', '(change)': 'edited()' },
})
export class UnsavedDirective {
  readonly lanternUnsaved = input<boolean | ''>(true);
  /** The user chose "Discard changes" on leaving: the host resets the form (a dialog is closed anyway). */
  readonly discarded = output<void>();
  private readonly unsaved = inject(UnsavedChanges);
  private readonly container = inject(ControlContainer, { self: true, optional: true });
  private readonly control = inject(NgControl, { self: true, optional: true });
  private readonly dialogRef = inject(MatDialogRef, { optional: true });

  private readonly entry: UnsavedEntry = {
    isDirty: () => this.lanternUnsaved() !== false && !!(this.container?.dirty ?? this.control?.dirty),
    discard: () => this.discarded.emit(),
  };

  constructor() {
    const unregister = this.unsaved.register(this.entry);
    inject(DestroyRef).onDestroy(unregister);
    const ref = this.dialogRef;
    if (ref) {
      const wasDisabled = ref.disableClose;
      ref.disableClose = true;
      const ask = () => {
        if (!this.entry.isDirty()) return ref.close();
        void this.unsaved.confirmDiscard().then((discard) => discard && ref.close());
      };
      ref.backdropClick().subscribe(() => !wasDisabled && ask());
      ref.keydownEvents().subscribe((e) => {
        if (e.key === 'Escape' && !wasDisabled) {
          e.preventDefault();
          ask();
        }
      });
    }
  }

  protected edited(): void {
    this.unsaved.rearm(this.entry);
  }
}
