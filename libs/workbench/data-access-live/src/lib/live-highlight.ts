import { debounceTime, groupBy, mergeMap, type OperatorFunction } from 'rxjs';

/**
 * How long a row that a live event created or changed stays highlighted: the queue's rows, the partner portal's
 * referrals. A tint that is on, then off, never an animation: any running CSS animation kept the browser drawing
 * main-thread frames for its whole length (docs/workbench.md, "Highlight"; docs/performance.md, session 31).
 */
export const LIVE_HIGHLIGHT_MS = 2_500;

/**
 * Each id once its highlight has run out: LIVE_HIGHLIGHT_MS after the *last* change of it. A row changed again while
 * still tinted stays tinted for the full time after the later change (one timer per change ended the tint early,
 * 2.5 s after the first). An id's group ends with its timer, so a page open all day holds none for quiet rows.
 */
export function highlightsRunOut<Id>(ms = LIVE_HIGHLIGHT_MS): OperatorFunction<Id, Id> {
  return (ids) =>
    ids.pipe(
      groupBy((id) => id, { duration: (changes) => changes.pipe(debounceTime(ms)) }),
      // When the group's duration ends it first, the debounce below still emits the id it holds as the group completes.
      mergeMap((changes) => changes.pipe(debounceTime(ms))),
    );
}
