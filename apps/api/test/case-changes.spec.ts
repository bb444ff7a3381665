import { CaseChanges, type CaseUnitOfWork } from '@lantern/api/cases';
import { DomainEvents, type DomainEventName } from '@lantern/api/core';
import { Database, LockNamespace } from '@lantern/api/data-access';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { SocketEvents, type CaseChangedEvent, type ReadyEvent } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import type { Socket } from 'socket.io-client';
import type { QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, waitFor, type TestApp } from './harness';

function connected(s: Socket): Promise<ReadyEvent> {
  return new Promise((resolve, reject) => {
    s.once(SocketEvents.ready, resolve);
    s.once('connect_error', reject);
  });
}

/** The unit of work of "a case changed" (CaseChanges): what it writes in the transaction, and when it publishes. */
for (const database of testDatabases()) {
  describe(`one unit of work for a case change on ${database.name}`, () => {
    let t: TestApp;
    let changes: CaseChanges;
    let token: string;
    let cookie: string;
    let n = 0;
    /** Every domain event published in this process, with the state of the transaction that raised it, if known. */
    const published: Array<{
      name: DomainEventName;
      payload: unknown;
      transactionActive: boolean | null;
    }> = [];
    let runner: QueryRunner | undefined;

    async function newCase(): Promise<string> {
      const res = await t.postReport(createReport({}, 2600 + n++));
      expect(res.status).toBe(201);
      return ((await res.json()) as { caseId: string }).caseId;
    }

    async function outboxRows(caseId: string): Promise<Array<{ seq: number; version: number }>> {
      const rows = await t.db.query<{ seq: string; aggregate_version: number }>(
        "SELECT seq, aggregate_version FROM outbox WHERE topic = 'case.changed' AND aggregate_id = $1 ORDER BY seq",
        [caseId],
      );
      return rows.map((r) => ({
        seq: Number(r.seq),
        version: Number(r.aggregate_version),
      }));
    }

    beforeAll(async () => {
      t = await startTestApp(database);
      changes = t.app.get(CaseChanges);
      const emitter = t.app.get(EventEmitter2);
      for (const name of Object.values(DomainEvents)) {
        emitter.on(name, (payload: unknown) => {
          published.push({
            name,
            payload,
            transactionActive: runner ? runner.isTransactionActive || !runner.isReleased : null,
          });
        });
      }
      ({ token, cookie } = await t.login('caseworker'));
    });
    afterAll(async () => {
      await t?.close();
    });

    it('takes the outbox order lock under LockNamespace.outbox (the migration that made its trigger writes the key out)', async () => {
      const [{ src }] = await t.db.query<{ src: string }>(`SELECT prosrc AS src FROM pg_proc WHERE proname = 'outbox_order_lock'`);
      expect(src).toContain(`pg_advisory_xact_lock(${LockNamespace.outbox}, hashtext('case.changed'))`);
    });

    it('publishes nothing, and writes nothing, when the transaction rolls back', async () => {
      const caseId = await newCase();
      const s = t.socket(token);
      await connected(s);
      const live: CaseChangedEvent[] = [];
      s.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => live.push(e));
      const before = published.length;

      // The use case fails after recording its change …
      await expect(
        changes.run(new Date(), async (tx, m) => {
          await m.query('UPDATE cases SET version = 2 WHERE id = $1', [caseId]);
          const event = await tx.caseChanged(caseId, 2, {
            actor: { type: 'system' },
            action: 'test.rolled-back',
            entityType: 'case',
            entityId: caseId,
          });
          expect(event.seq).toBeGreaterThan(0);
          tx.publishAfterCommit(DomainEvents.PartnerReferralChanged, {
            partnerId: 'idva',
            referralId: caseId,
            status: 'sent',
          });
          throw new Error('the use case failed after its change');
        }),
      ).rejects.toThrow('the use case failed after its change');
      // … or the database refuses a later write of the same transaction.
      await expect(
        changes.run(new Date(), async (tx, m) => {
          await m.query('UPDATE cases SET version = 2 WHERE id = $1', [caseId]);
          await tx.caseChanged(caseId, 2, {
            actor: { type: 'system' },
            action: 'test.rolled-back',
            entityType: 'case',
            entityId: caseId,
          });
          await m.query('SELECT 1 / 0');
        }),
      ).rejects.toThrow(/division by zero/);

      expect(published.slice(before)).toEqual([]);
      await new Promise((r) => setTimeout(r, 300));
      expect(live).toEqual([]);
      expect(await outboxRows(caseId)).toEqual([{ seq: expect.any(Number), version: 1 }]);
      expect(await t.db.query("SELECT 1 FROM audit_entries WHERE action = 'test.rolled-back'")).toEqual([]);
      expect(await t.db.query('SELECT version FROM cases WHERE id = $1', [caseId])).toEqual([{ version: 1 }]);
    });

    it('publishes CaseChanged after commit, with the seq of the outbox row written in the transaction', async () => {
      const caseId = await newCase();
      const s = t.socket(token);
      await connected(s);
      const live: CaseChangedEvent[] = [];
      s.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => live.push(e));
      const before = published.length;

      let returned: CaseChangedEvent | undefined;
      try {
        returned = await changes.run(new Date(), async (tx, m) => {
          runner = m.queryRunner;
          await m.query('UPDATE cases SET version = 2 WHERE id = $1', [caseId]);
          const event = await tx.caseChanged(caseId, 2, {
            actor: { type: 'system' },
            action: 'test.committed',
            entityType: 'case',
            entityId: caseId,
          });
          // Inside the transaction nothing has been published yet.
          expect(published.length).toBe(before);
          return event;
        });
      } finally {
        runner = undefined;
      }

      const ours = published.slice(before);
      expect(ours).toHaveLength(1);
      expect(ours[0]).toMatchObject({
        name: DomainEvents.CaseChanged,
        transactionActive: false,
        payload: { caseId, version: 2, change: 'updated' },
      });
      const [created, changed] = await outboxRows(caseId);
      expect(changed).toEqual({
        seq: (returned as CaseChangedEvent).seq,
        version: 2,
      });
      expect(changed.seq).toBeGreaterThan(created.seq);

      const event = await waitFor(() => live.find((e) => e.caseId === caseId));
      expect(event).toMatchObject({
        seq: changed.seq,
        caseId,
        version: 2,
        change: 'updated',
      });
      expect(event.case).toMatchObject({ id: caseId, version: 2 });
      expect(await t.db.query("SELECT entity_id FROM audit_entries WHERE action = 'test.committed'")).toEqual([{ entity_id: caseId }]);
    });

    it('publishes a use case retried after a serialisation failure once, with the committed attempt’s seq', async () => {
      const caseId = await newCase();
      const before = published.length;
      let attempts = 0;
      await changes.run(new Date(), async (tx, m) => {
        attempts++;
        await m.query('UPDATE cases SET version = 2 WHERE id = $1', [caseId]);
        await tx.caseChanged(caseId, 2, {
          actor: { type: 'system' },
          action: 'test.retried',
          entityType: 'case',
          entityId: caseId,
        });
        if (attempts === 1)
          throw Object.assign(new Error('could not serialize access'), {
            driverError: { code: '40001' },
          });
      });
      expect(attempts).toBe(2);
      const [, committed] = await outboxRows(caseId);
      const ours = published.slice(before);
      expect(ours.map((e) => e.name)).toEqual([DomainEvents.CaseChanged]);
      expect(ours[0].payload).toMatchObject({
        caseId,
        version: 2,
        seq: committed.seq,
      });
      expect(await t.db.query("SELECT 1 FROM audit_entries WHERE action = 'test.retried'")).toHaveLength(1);
    });

    it('goes through the unit of work for a real use case: a claim is published after commit with its seq', async () => {
      const caseId = await newCase();
      const s = t.socket(token);
      await connected(s);
      const live: CaseChangedEvent[] = [];
      s.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => live.push(e));
      const res = await fetch(`${t.url}/api/v1/cases/${caseId}/claim`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(200);
      const [, claimed] = await outboxRows(caseId);
      const event = await waitFor(() => live.find((e) => e.caseId === caseId));
      expect(event).toMatchObject({
        seq: claimed.seq,
        version: 2,
        change: 'updated',
      });
      expect(event.case.assignee).not.toBeNull();
      // The gateway's delivery records (case.pushed) are its own, not the use case's.
      const audit = await t.db.query<{ action: string }>(
        "SELECT action FROM audit_entries WHERE entity_id = $1 AND action <> 'case.pushed' ORDER BY id",
        [caseId],
      );
      expect(audit.map((a) => a.action)).toEqual(['report.created', 'case.claimed']);
    });

    it('runs every transaction READ COMMITTED (the audit chain and the outbox order need it)', async () => {
      const [level, setting] = await t.app.get(Database).transaction(async (m) => [
        ((await m.query('SHOW transaction_isolation')) as Array<{ transaction_isolation: string }>)[0].transaction_isolation,
        (
          (await m.query(`SELECT setting, source FROM pg_settings WHERE name = 'default_transaction_isolation'`)) as Array<{
            setting: string;
            source: string;
          }>
        )[0],
      ]);
      expect(level).toBe('read committed');
      // On PostgreSQL the connection asked for it (connectionSettings), whatever the server's default.
      if (database.name === 'postgres') expect(setting).toEqual({ setting: 'read committed', source: 'client' });
    });

    it('refuses an audit entry written in REPEATABLE READ (its snapshot would predate the chain’s lock)', async () => {
      const runner = t.app.get(Database).dataSource.createQueryRunner();
      try {
        await runner.startTransaction('REPEATABLE READ');
        await expect(
          runner.query("INSERT INTO audit_entries (actor_type, action) VALUES ('system', 'test.repeatable-read')"),
        ).rejects.toMatchObject({ driverError: { code: '40001' } });
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    });

    // PGlite is one connection: only PostgreSQL has two writers to order.
    it.runIf(database.name === 'postgres')(
      'makes a second outbox insert wait for the first one’s commit (the table’s own lock), so seq order is commit order',
      async () => {
        const caseId = await newCase();
        const first = t.app.get(Database).dataSource.createQueryRunner();
        const second = t.app.get(Database).dataSource.createQueryRunner();
        const insert = (r: QueryRunner, version: number) =>
          r.query(
            `INSERT INTO outbox (topic, aggregate_id, aggregate_version, payload) VALUES ('case.changed', $1, $2, '{"change":"updated"}') RETURNING seq`,
            [caseId, version],
          ) as Promise<Array<{ seq: string }>>;
        try {
          await first.startTransaction();
          const [a] = await insert(first, 90);
          await second.startTransaction();
          await second.query("SET LOCAL lock_timeout = '300ms'");
          // Nothing but the insert itself takes the lock: the second writer cannot draw a seq until the first commits.
          await expect(insert(second, 91)).rejects.toMatchObject({ driverError: { code: '55P03' } });
          await second.rollbackTransaction();
          await second.startTransaction();
          const waiting = insert(second, 92);
          // Still waiting for the first writer a moment later: it has no seq yet.
          const state = await Promise.race([waiting.then(() => 'inserted'), new Promise((r) => setTimeout(() => r('waiting'), 300))]);
          expect(state).toBe('waiting');
          await first.commitTransaction();
          const [b] = await waiting;
          await second.commitTransaction();
          expect(Number(b.seq)).toBeGreaterThan(Number(a.seq));
        } finally {
          if (first.isTransactionActive) await first.rollbackTransaction();
          if (second.isTransactionActive) await second.rollbackTransaction();
          await first.release();
          await second.release();
        }
      },
    );

    it('refuses to record a change after its unit of work has ended', async () => {
      const caseId = await newCase();
      let leaked: CaseUnitOfWork | undefined;
      await changes.run(new Date(), async (tx) => {
        leaked = tx;
      });
      await expect((leaked as CaseUnitOfWork).caseChanged(caseId, 2, [])).rejects.toThrow(/unit of work has ended/);
    });
  });
}
