/**
 * How long a row that a live event created or changed stays highlighted: the queue's rows, the partner portal's
 * referrals. A tint that is on, then off, never an animation: any running CSS animation kept the browser drawing
 * main-thread frames for its whole length (docs/workbench.md, "Highlight"; docs/performance.md, session 31).
 */
export const LIVE_HIGHLIGHT_MS = 2_500;
