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
    <!-- Focusable so the list can be scrolled with the keyboard when the window is short. -->
    <mat-dialog-content tabindex="0" role="region" aria-label="Keyboard shortcuts">
      <p class="lead">Shortcuts work when you are not typing in a field. Press Escape to close.</p>
      <table class="shortcuts">
        <caption class="cdk-visually-hidden">
          Keyboard shortcuts
        </caption>
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
  styles: `
    .lead {
      margin-top: 0;
    }
    .shortcuts {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      text-align: left;
      padding: 6px 12px 6px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      vertical-align: top;
    }
    th {
      font-size: 0.8125rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .keys {
      white-space: nowrap;
    }
    kbd {
      display: inline-block;
      min-width: 1.4em;
      padding: 1px 6px;
      border: 1px solid var(--mat-sys-outline);
      border-bottom-width: 2px;
      border-radius: 4px;
      background: var(--mat-sys-surface-container-low);
      font:
        600 0.8125rem ui-monospace,
        monospace;
      text-align: center;
    }
    .then {
      margin: 0 4px;
      font-size: 0.8125rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .where {
      color: var(--mat-sys-on-surface-variant);
      white-space: nowrap;
    }
  `,
})
export class ShortcutHelpDialog {
  protected readonly shortcuts = SHORTCUT_HELP;
}
