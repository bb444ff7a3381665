import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { filter, fromEvent, map, Observable, share } from 'rxjs';
import { Shortcut, ShortcutReader } from './shortcuts';

/**
 * One listener for the whole workbench: pages subscribe to the shortcuts they handle. Quiet while typing, while
 * a dialog is open, and with modifier keys.
 */
@Injectable({ providedIn: 'root' })
export class ShortcutService {
  private readonly document = inject(DOCUMENT);
  private readonly dialog = inject(MatDialog);
  private readonly reader = new ShortcutReader();

  readonly pressed$: Observable<{ shortcut: Shortcut; event: KeyboardEvent }> = fromEvent<KeyboardEvent>(this.document, 'keydown').pipe(
    filter((event) => !event.defaultPrevented && !event.repeat),
    filter(() => this.dialog.openDialogs.length === 0),
    map((event) => ({
      shortcut: this.reader.read(event, Date.now()),
      event,
    })),
    filter((e): e is { shortcut: Shortcut; event: KeyboardEvent } => e.shortcut !== null),
    share(),
  );

  /** The presses of these shortcuts (the handler calls preventDefault when it acts). */
  on(...shortcuts: Shortcut[]): Observable<{ shortcut: Shortcut; event: KeyboardEvent }> {
    return this.pressed$.pipe(filter((e) => shortcuts.includes(e.shortcut)));
  }
}
