import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import { weightsJson } from './case-queue';

/**
 * Writes the hub's priority weights to `queue_weights` at start, so case_queue's stored scores (migration
 * 1764520000000) are of the weights this API ranks with; when they changed, every open case is re-scored in the same
 * transaction (the BEFORE trigger recomputes a row on any update). A queue query reads the stored scores only while
 * the stored weights are its own (openQueuePageSql), so an instance started with other weights is slower, not wrong.
 */
@Injectable()
export class QueueWeights implements OnApplicationBootstrap {
  private readonly logger = new Logger('QueueWeights');

  constructor(
    private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const changed = await this.store();
    if (changed) this.logger.log(`priority weights stored; ${changed.rescored} open cases re-scored`);
  }

  /** Stores this API's weights; null when they were already stored, else how many open cases were re-scored. */
  async store(): Promise<{ rescored: number } | null> {
    return this.db.transaction(async (m) => {
      // No case may enter case_queue meanwhile: its trigger would score it with the weights still committed, after
      // the re-score below had passed it by, and the stored weights would then vouch for a stale score. The lock
      // waits for writers in flight and holds new ones back until this commits (at start only, for milliseconds).
      await m.query('LOCK TABLE case_queue IN SHARE ROW EXCLUSIVE MODE');
      const written: unknown[] = await m.query(
        `INSERT INTO queue_weights (id, weights, updated_at) VALUES (1, $1::jsonb, now())
         ON CONFLICT (id) DO UPDATE SET weights = EXCLUDED.weights, updated_at = EXCLUDED.updated_at
           WHERE queue_weights.weights IS DISTINCT FROM EXCLUDED.weights
         RETURNING id`,
        [weightsJson(this.config.triage.weights)],
      );
      if (!written.length) return null;
      const [{ n }]: Array<{ n: number }> = await m.query(
        'WITH rescored AS (UPDATE case_queue SET static_score = NULL RETURNING 1) SELECT count(*)::int AS n FROM rescored',
      );
      return { rescored: n };
    });
  }
}
