import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { NEXT_DUE_SQL, OPEN_QUEUE_SQL, slaBreachedSql } from '@lantern/api/cases';
import { APP_CONFIG, repeatEvery, type AppConfig } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import { nearBreachLimit } from '@lantern/shared/domain';
import { RealtimeGateway } from './realtime.gateway';

/** A clock stopped for longer than this (the hub's API was down) announces only the last day's transitions. */
const LONGEST_CATCH_UP_MS = 24 * 3_600_000;

/**
 * The SLA clock: every few seconds, the open cases whose SLA came near breach since the last tick are announced to the
 * browsers (`case.changed`, change 'clock', RealtimeGateway.publishClock). A browser re-scores the queue rows it holds
 * by itself each minute (summaryAt); what it cannot know is a case below the rows it holds that has risen into them as
 * its clock ran. A breach is recorded as a change of the case by SlaWatchService (libs/api/triage: sla_breached_at, a
 * new version, the outbox), so it reaches the browsers as an ordinary `case.changed`; coming near breach changes
 * nothing recorded, so it is announced here.
 *
 * The ticks are kept in `sla_clock` (one row, taken for update): with several API instances each transition is
 * announced once, by whichever instance ticks first, and after a restart the clock carries on where it stopped.
 * A case is near once its next due time `d` (of its open clocks) is within the near-breach limit and it is not
 * breached: it came near between two ticks when `d` is in (limit at the previous tick, limit now] and it was not
 * breached at the previous tick. The same comparisons as slaStatus and the queue's SQL (case-queue.ts).
 */
@Injectable()
export class SlaClock implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SlaClock');
  private stop: (() => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly gateway: RealtimeGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.slaClockMs) return;
    this.stop = repeatEvery(this.config.slaClockMs, 'SLA clock tick', this.logger, () => this.tick());
  }

  onModuleDestroy(): void {
    this.stop?.();
    this.stop = null;
  }

  /** Moves the clock on to `now` and announces the cases that came near breach since the last tick; returns them. */
  async tick(now = new Date()): Promise<Array<{ caseId: string; version: number }>> {
    const { slaTargets, calendar } = this.config.triage;
    const moved = await this.db.transaction(async (m) => {
      const ticked: Array<{ prev: Date | string }> = await m.query(
        // A SELECT around the UPDATE, so the driver returns the rows (an UPDATE's result is [rows, count]).
        `WITH p AS (SELECT ticked_at FROM sla_clock WHERE id = 1 FOR UPDATE),
              u AS (UPDATE sla_clock s SET ticked_at = $1 FROM p WHERE s.id = 1 AND p.ticked_at < $1 RETURNING p.ticked_at AS prev)
         SELECT prev FROM u`,
        [now],
      );
      if (!ticked.length) return [];
      const prev = new Date(Math.max(new Date(ticked[0].prev).getTime(), now.getTime() - LONGEST_CATCH_UP_MS));
      const rows: Array<{ id: string; version: number }> = await m.query(
        `SELECT c.id, x.version FROM ${OPEN_QUEUE_SQL} JOIN cases x ON x.id = c.id
          WHERE NOT ${slaBreachedSql('$1::timestamptz')} AND ${NEXT_DUE_SQL} > $2 AND ${NEXT_DUE_SQL} <= $3`,
        [prev, nearBreachLimit(prev, slaTargets, calendar), nearBreachLimit(now, slaTargets, calendar)],
      );
      return rows.map((r) => ({ caseId: r.id, version: Number(r.version) }));
    });
    if (moved.length) this.gateway.publishClock(moved);
    return moved;
  }
}
