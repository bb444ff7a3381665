import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { SHORTCUT_HELP } from './shortcuts';

/** "?": every shortcut, where it works. */
@Component({
  selector: 'lantern-shortcut-help-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>Keyboard shortcuts</h2>
    <!-- Focusable so the list can be scrolled with the keyboard when the window is short; named apart from the dialog
         (its title), which a screen reader has just read: the same name three times (dialog, region, table) said it
         three times over. -->
    <mat-dialog-content tabindex="0" role="region" aria-label="Shortcut list">
      <p class="lead" id="shortcuts-lead">Shortcuts work when you are not typing in a field. Press Escape to close.</p>
      <table class="shortcuts" aria-describedby="shortcuts-lead">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What it does</th>
            <th scope="col">Where</th>
          </tr>
        </thead>
        <tbody>
          @for (s of shortcuts; track s.description) {
            <tr>
              <td class="keys">
                @for (k of s.keys; track k) {
                  @if (!$first) {
                    <span class="then">{{ s.sequence ? 'then' : 'or' }}</span>
                  }
                  <kbd>{{ k }}</kbd>
                }
              </td>
              <td>{{ s.description }}</td>
              <td class="where">{{ s.where }}</td>
            </tr>
          }
        </tbody>
      </table>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close cdkFocusInitial>Close</button>
    </mat-dialog-actions>
  `,
  styleUrl: './shortcut-help-dialog.scss',
})
export class ShortcutHelpDialog {
  protected readonly shortcuts = SHORTCUT_HELP;
}
