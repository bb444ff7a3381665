import { DOCUMENT, Injectable, inject } from '@angular/core';
import { BACKGROUND_AFTER_MS } from '@lantern/shared/domain';

/** What counts as someone at the screen. Mouse movement alone does not: a cursor resting on the page is not use. */
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** Whether a request made at `now` is the workbench's own doing rather than the person's (see BACKGROUND_REQUEST_HEADER). */
export function isBackground(lastInputAt: number, now: number): boolean {
  return now - lastInputAt > BACKGROUND_AFTER_MS;
}

/**
 * When the person at this screen last pressed a key, clicked, scrolled or touched. The API's idle timeout counts
 * only requests made within a minute of that, so the queue's timed re-reads do not keep an unattended session open.
 */
@Injectable({ providedIn: 'root' })
export class UserActivity {
  private lastInputAt = Date.now();

  constructor() {
    const doc = inject(DOCUMENT);
    const seen = () => (this.lastInputAt = Date.now());
    for (const type of INPUT_EVENTS) doc.addEventListener(type, seen, { capture: true, passive: true });
  }

  /** True when nobody has touched the screen for a minute. */
  idle(now = Date.now()): boolean {
    return isBackground(this.lastInputAt, now);
  }
}
