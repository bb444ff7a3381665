import type { Logger } from '@nestjs/common';
import { errorForLog } from './log-safe';

/** A run still going after this many of its intervals is reported (once per run): it may be stuck. */
export const REPEAT_STUCK_INTERVALS = 5;

/**
 * Runs `work` every `ms` milliseconds until the returned function is called: the one way the API's background jobs
 * (the SLA watch and clock, the queue tally's fold, referral delivery, the outbox relay, the session sweep, the
 * imports' heartbeat and their cells' purge) repeat.
 *
 * - The timer never keeps the process alive (unref): shutdown waits for requests, not for the next tick.
 * - A run that fails (or throws at once) is logged as a warning naming the job, with the error's message only (the
 *   database's or the job's own words, never a case's data), and the next run goes ahead: one failed tick must not
 *   stop breach checks.
 * - A run still going when the next is due is not started again beside it: on a slow database the runs would
 *   otherwise pile up, each holding a connection. Every job here is idempotent and catches up on its next run. A run
 *   that has not settled after REPEAT_STUCK_INTERVALS intervals is reported once as a warning: the job does nothing
 *   until it settles, and an operator must hear of it (a query hanging on a half-open connection, say).
 */
export function repeatEvery(ms: number, job: string, logger: Pick<Logger, 'warn'>, work: () => Promise<unknown>): () => void {
  let running = false;
  let skipped = 0;
  const timer = setInterval(() => {
    if (running) {
      skipped++;
      if (skipped === REPEAT_STUCK_INTERVALS) logger.warn(`${job} still running after ${REPEAT_STUCK_INTERVALS} intervals of ${ms} ms`);
      return;
    }
    running = true;
    skipped = 0;
    Promise.resolve()
      .then(work)
      .catch((e: unknown) => logger.warn(`${job} failed: ${errorForLog(e)}`))
      .finally(() => {
        running = false;
      });
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}
