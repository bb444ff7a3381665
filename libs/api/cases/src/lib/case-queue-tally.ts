import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { repeatEvery } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';

/** How often the tally's change rows are folded into its base row. */
export const TALLY_FOLD_MS = 60_000;

/**
 * Keeps case_queue_tally (migration 1764570000000: the unrestricted open cases, counted by row triggers) a sum over
 * a few rows: every minute its change rows are added into the base row. Nothing depends on when a fold runs — the
 * sum is the same before and after — only how many rows a queue page's total adds up (one per case opened, closed
 * or (un)restricted since the last fold). Several instances may fold at once (the function's comment says why).
 */
@Injectable()
export class CaseQueueTally implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CaseQueueTally');
  private stop: (() => void) | null = null;

  constructor(private readonly db: Database) {}

  onApplicationBootstrap(): void {
    this.stop = repeatEvery(TALLY_FOLD_MS, 'tally fold', this.logger, () => this.fold());
  }

  onModuleDestroy(): void {
    this.stop?.();
  }

  /** Folds the change rows into the base row (one statement); returns the unrestricted open cases. */
  async fold(): Promise<number> {
    const [row]: Array<{ open: string }> = await this.db.query('SELECT lantern_case_queue_tally_fold() AS open');
    return Number(row.open);
  }
}
