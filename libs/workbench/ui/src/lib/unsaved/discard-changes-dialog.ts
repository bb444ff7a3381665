import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { DIALOG_STYLES } from '../dialogs/dialog-styles';

/**
 * "Discard unsaved changes?" Keep editing has the focus, so Enter (or Escape, or a click outside) keeps the work:
 * only a deliberate click on Discard loses it. Closes with true for discard, false or nothing to keep editing.
 */
@Component({
  selector: 'lantern-discard-changes-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>Discard unsaved changes?</h2>
    <mat-dialog-content>
      <p>You have changes on this page that are not saved. If you leave now, they are lost.</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>Keep editing</button>
      <button mat-button type="button" class="discard" [mat-dialog-close]="true">Discard changes</button>
    </mat-dialog-actions>
  `,
  styles: DIALOG_STYLES + `.discard { color: var(--mat-sys-error); }`,
})
export class DiscardChangesDialog {}
