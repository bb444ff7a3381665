import { Inject, Injectable } from '@nestjs/common';
import type { AuditRecord } from '@lantern/api/audit';
import {
  APP_CONFIG,
  DomainEventBus,
  DomainEvents,
  type AppConfig,
  type DomainEvent,
  type DomainEventName,
  type DomainEventPayloads,
} from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import type { CaseChange, CaseChangedEvent } from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';
import { loadSummaries } from './case-read';
import { appendCasesChanged } from './outbox';

/** One committed change of one case, as its service describes it. */
export interface CaseChangeRecord {
  caseId: string;
  /** The case's version after this change (the service has already written it). */
  version: number;
  /** What the change was, for the trail: ids and codes only, never names or narratives. */
  audit: AuditRecord | readonly AuditRecord[];
  /** 'created' and 'revised' are intake's, 'breached' the SLA watch's; every other change is 'updated' (CaseChange). */
  change?: CaseChange;
}

/**
 * The transaction of one use case that changes cases. `caseChanged` does what every case change needs: reads the
 * case summary, then writes the audit entries and appends the outbox row in one statement (it takes the audit chain's
 * and the outbox's locks, held to commit: make it the use case's last write) and collects the event. CaseChanges
 * publishes what was collected once the transaction has committed, and nothing if it rolled back.
 */
export class CaseUnitOfWork {
  private readonly pending: DomainEvent[] = [];
  private open = true;

  constructor(
    /** The transaction's manager, for the use case's own reads and writes. */
    readonly manager: EntityManager,
    /** The time of the change: summaries (waiting time, SLA state) are computed at it. */
    readonly now: Date,
    private readonly config: AppConfig,
  ) {}

  /**
   * Records one change of one case (the use case has already written the case at `version`) and returns the event
   * that will be published after commit: the case's summary and its outbox seq.
   */
  async caseChanged(
    caseId: string,
    version: number,
    audit: AuditRecord | readonly AuditRecord[],
    change: CaseChange = 'updated',
  ): Promise<CaseChangedEvent> {
    const [event] = await this.casesChanged([{ caseId, version, audit, change }]);
    // The use case has just written this case in this transaction, so its summary is there to read.
    if (!event) throw new Error(`case ${caseId} has no summary`);
    return event;
  }

  /**
   * Records several case changes at once (one audit insert, one summary query, one outbox insert). A case whose summary cannot be read has its outbox
   * row but no live event: the relay sends such rows later, or marks them done.
   */
  async casesChanged(records: readonly CaseChangeRecord[]): Promise<CaseChangedEvent[]> {
    this.assertOpen();
    if (!records.length) return [];
    // The summaries first: the audit and outbox rows then go in one statement, whose locks are held to commit.
    const summaries = new Map(
      (await loadSummaries(this.manager, [...new Set(records.map((r) => r.caseId))], this.config.triage, this.now)).map((c) => [c.id, c]),
    );
    const events: CaseChangedEvent[] = [];
    const seqs = await appendCasesChanged(
      this.manager,
      records.map((r) => ({ caseId: r.caseId, version: r.version, change: r.change ?? 'updated' })),
      records.flatMap((r) => ([] as AuditRecord[]).concat(r.audit)),
    );
    for (const [i, r] of records.entries()) {
      const change = r.change ?? 'updated';
      const seq = seqs[i];
      const summary = summaries.get(r.caseId);
      if (!summary) continue;
      // Whose action it was (the first user actor among its entries): their own screens need not announce it.
      const by = ([] as AuditRecord[]).concat(r.audit).find((a) => a.actor.type === 'user')?.actor.id;
      const event: CaseChangedEvent = {
        seq,
        caseId: r.caseId,
        version: r.version,
        change,
        case: summary,
        ...(by ? { by } : {}),
      };
      this.pending.push({ name: DomainEvents.CaseChanged, payload: event });
      events.push(event);
    }
    return events;
  }

  /** Another domain event of this use case, published after the case events once the transaction committed. */
  publishAfterCommit<K extends DomainEventName>(name: K, payload: DomainEventPayloads[K]): void {
    this.assertOpen();
    this.pending.push({ name, payload } as DomainEvent);
  }

  /** Ends the unit of work: what it collected, for publication. Writing to it afterwards is a programming error. */
  close(): DomainEvent[] {
    this.open = false;
    return this.pending.splice(0, this.pending.length);
  }

  private assertOpen(): void {
    if (!this.open) throw new Error('This unit of work has ended: record case changes inside CaseChanges.run.');
  }
}

/**
 * The one way to change a case: `run` opens the transaction, hands the use case a CaseUnitOfWork, commits, then
 * publishes the collected domain events (CaseChanged with the outbox seq, and any others the use case added).
 * Never before commit, never for a rolled-back transaction; a retried transaction (serialisation failure,
 * deadlock) publishes only what its committed attempt collected. Services never publish case events themselves.
 */
@Injectable()
export class CaseChanges {
  constructor(
    private readonly db: Database,
    private readonly bus: DomainEventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Runs `work` in one transaction; `now` is the time of the change. The manager is also `tx.manager`. */
  async run<T>(now: Date, work: (tx: CaseUnitOfWork, manager: EntityManager) => Promise<T>): Promise<T> {
    const { result, events } = await this.db.transaction(async (manager) => {
      // A fresh unit per attempt: Database.transaction re-runs the work after a serialisation failure.
      const tx = new CaseUnitOfWork(manager, now, this.config);
      try {
        const result = await work(tx, manager);
        return { result, events: tx.close() };
      } catch (err) {
        tx.close();
        throw err;
      }
    });
    this.bus.publishAll(events);
    return result;
  }
}
