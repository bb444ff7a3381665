import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CaseChanges } from '@lantern/api/cases';
import { repeatEvery } from '@lantern/api/core';
import { OPEN_STATUSES } from '@lantern/shared/domain';

/**
 * Records each SLA breach when it happens (sla_breached_at: the last recorded, a new case version, an audit entry, an
 * outbox row, change 'breached') so it is pushed live like any other change. The conditional UPDATE makes one
 * instance win per case and clock.
 */
@Injectable()
export class SlaWatchService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SlaWatch');
  private stop: (() => void) | null = null;

  constructor(private readonly changes: CaseChanges) {}

  onApplicationBootstrap(): void {
    this.stop = repeatEvery(30_000, 'breach check', this.logger, () => this.tick());
  }

  onModuleDestroy(): void {
    this.stop?.();
  }

  /** Marks newly breached cases; returns how many. */
  async tick(now = new Date()): Promise<number> {
    const events = await this.changes.run(now, async (tx, m) => {
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [rows]: [Array<{ id: string; version: number }>, number] = await m.query(
        // A running clock past due that no recorded breach covers: none recorded yet, or the last one recorded before
        // this clock was due (its due time moved later since, with a lower grade, and it ran out again). Each such
        // breach is pushed, so a browser adds it to the counts it holds (docs/workbench.md, "How many").
        `UPDATE cases SET sla_breached_at = $1, version = version + 1
          WHERE status = ANY($2::text[])
            AND ((assigned_at IS NULL AND assign_due_at < $1 AND (sla_breached_at IS NULL OR sla_breached_at < assign_due_at))
              OR (first_contact_at IS NULL AND first_contact_due_at < $1
                  AND (sla_breached_at IS NULL OR sla_breached_at < first_contact_due_at)))
          RETURNING id, version`,
        [now, [...OPEN_STATUSES]],
      );
      return tx.casesChanged(
        rows.map((r) => ({
          caseId: r.id,
          version: Number(r.version),
          // Only the breach: a browser adds it to the counts it holds instead of reading them again.
          change: 'breached' as const,
          audit: {
            actor: { type: 'system' as const },
            action: 'case.sla-breached',
            entityType: 'case',
            entityId: r.id,
          },
        })),
      );
    });
    return events.length;
  }
}
