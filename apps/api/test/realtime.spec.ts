import { RealtimeGateway } from '@lantern/api/realtime';
import { SocketEvents, type CaseChangedEvent, type ReadyEvent, type SyncResponse } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, waitFor, type TestApp } from './harness';

function connected(s: Socket): Promise<ReadyEvent> {
  return new Promise((resolve, reject) => {
    s.once(SocketEvents.ready, resolve);
    s.once('connect_error', reject);
  });
}

function refused(s: Socket): Promise<Error> {
  return new Promise((resolve, reject) => {
    s.once('connect_error', resolve);
    s.once('connect', () => reject(new Error('an unauthenticated socket connected')));
  });
}

function collect(s: Socket): CaseChangedEvent[] {
  const events: CaseChangedEvent[] = [];
  s.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => events.push(e));
  return events;
}

for (const database of testDatabases()) {
  describe(`realtime on ${database.name}`, () => {
    let t: TestApp;
    let token: string;
    let cookie: string;
    let n = 0;
    const nextReport = () => createReport({}, 300 + n++);

    beforeAll(async () => {
      t = await startTestApp(database);
      ({ token, cookie } = await t.login('caseworker'));
    });
    afterAll(async () => {
      await t?.close();
    });

    it('refuses a socket without a session, or with a forged one, and sends it nothing', async () => {
      const anonymous = t.socket(null);
      const forged = t.socket('forged-token');
      const received: unknown[] = [];
      anonymous.onAny((...args) => received.push(args));
      forged.onAny((...args) => received.push(args));
      const errors = await Promise.all([refused(anonymous), refused(forged)]);
      expect(errors.map((e) => e.message)).toEqual(['unauthenticated', 'unauthenticated']);
      expect((await t.postReport(nextReport())).status).toBe(201);
      await new Promise((r) => setTimeout(r, 300));
      expect(received).toEqual([]);
    });

    it('delivers case.changed after commit to a caseworker (session cookie on the handshake), not to an officer', async () => {
      const officerToken = (await t.login('officer')).token;
      const byToken = t.socket(token);
      const byCookie = t.socket(null, { cookie });
      const officer = t.socket(officerToken);
      const ready = await Promise.all([connected(byToken), connected(byCookie), connected(officer)]);
      expect(ready[0].lastSeq).toBeGreaterThan(0);
      const a = collect(byToken);
      const b = collect(byCookie);
      const o = collect(officer);
      // When the event arrives the change must already be visible to a read: it was sent after commit.
      const visibleAtArrival: boolean[] = [];
      byToken.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => {
        void t.db.query('SELECT version FROM cases WHERE id = $1', [e.caseId]).then((rows) => visibleAtArrival.push(rows.length === 1));
      });
      const report = nextReport();
      const res = await t.postReport(report);
      const { caseId } = (await res.json()) as { caseId: string };
      const event = await waitFor(() => a.find((e) => e.caseId === caseId));
      expect(event).toMatchObject({ caseId, version: 1, change: 'created' });
      // The feed's change names no member of staff (`by` is for a user's own screens to stay quiet about their change).
      expect(event.by).toBeUndefined();
      expect(event.seq).toBeGreaterThan(ready[0].lastSeq);
      expect(event.case.reference).toBe(report.reference);
      await waitFor(() => b.find((e) => e.caseId === caseId));
      await waitFor(() => (visibleAtArrival.length ? true : undefined));
      expect(visibleAtArrival).toEqual([true]);

      const revised = await t.postReport({ ...report, revision: 2, incident: { ...report.incident, summary: 'Updated narrative.' } });
      expect(revised.status).toBe(200);
      const second = await waitFor(() => a.find((e) => e.caseId === caseId && e.version === 2));
      expect(second.change).toBe('revised');
      expect(second.seq).toBeGreaterThan(event.seq);

      // A caseworker's claim names them as its author.
      const me = (await (await t.call(cookie, 'GET', '/auth/me')).json()) as { id: string };
      expect((await t.call(cookie, 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
      expect(await waitFor(() => a.find((e) => e.caseId === caseId && e.version === 3))).toMatchObject({ change: 'updated', by: me.id });

      // A duplicate changes nothing, so it sends nothing.
      const before = a.length;
      expect((await t.postReport(report)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      expect(a.length).toBe(before);
      expect(o).toEqual([]);
    });

    it('catches a reconnecting client up on exactly what it missed, once', async () => {
      const s = t.socket(token);
      const ready = await connected(s);
      const live = collect(s);
      const first = (await (await t.postReport(nextReport())).json()) as { caseId: string };
      const seen = await waitFor(() => live.find((e) => e.caseId === first.caseId));
      s.disconnect();

      const missed: string[] = [];
      for (let i = 0; i < 3; i++) {
        missed.push(((await (await t.postReport(nextReport())).json()) as { caseId: string }).caseId);
      }

      const again = t.socket(token);
      await connected(again);
      const sync = (await again.emitWithAck(SocketEvents.sync, { afterSeq: seen.seq })) as SyncResponse;
      expect(sync.reset).toBe(false);
      expect(sync.events.map((e) => e.caseId)).toEqual(missed);
      expect(new Set(sync.events.map((e) => e.seq)).size).toBe(3);
      expect(sync.events.every((e) => e.seq > seen.seq)).toBe(true);
      expect(sync.lastSeq).toBeGreaterThanOrEqual(Math.max(...sync.events.map((e) => e.seq)));

      // Asking again from the new high-water mark returns nothing: nothing is applied twice.
      const none = (await again.emitWithAck(SocketEvents.sync, { afterSeq: sync.lastSeq })) as SyncResponse;
      expect(none).toMatchObject({ events: [], reset: false });
      // From before the first connection, it still lists each case once, at its latest seq.
      const all = (await again.emitWithAck(SocketEvents.sync, { afterSeq: ready.lastSeq })) as SyncResponse;
      expect(all.events.map((e) => e.caseId)).toEqual([first.caseId, ...missed]);

      const audit = await t.db.query("SELECT 1 FROM audit_entries WHERE action = 'case.sync'");
      expect(audit.length).toBeGreaterThan(0);
    });

    it('tells a client to reload the snapshot when its seq is not one this server issued', async () => {
      const s = t.socket(token);
      await connected(s);
      for (const afterSeq of [-1, 1e12, 'x']) {
        const res = (await s.emitWithAck(SocketEvents.sync, { afterSeq })) as SyncResponse;
        expect(res).toMatchObject({ events: [], reset: true });
      }
    });

    it('closes the live connection of a session that signs out', async () => {
      const session = await t.login('caseworker');
      const s = t.socket(session.token);
      await connected(s);
      const gone = new Promise<string>((resolve) => s.once('disconnect', resolve));
      await fetch(`${t.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie: session.cookie } });
      expect(await gone).toBe('io server disconnect');
    });

    it('closes the live connection of a session that expired or whose user was deactivated, and keeps the rest', async () => {
      const [expiring, deactivated, keeper] = await Promise.all([t.login('caseworker'), t.login('caseworker2'), t.login('team-lead')]);
      const sockets = [t.socket(expiring.token), t.socket(deactivated.token), t.socket(keeper.token)];
      await Promise.all(sockets.map(connected));
      const gone = sockets.map((s) => new Promise<string>((resolve) => s.once('disconnect', resolve)));
      await t.db.query(
        "UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE id = encode(sha256(convert_to($1, 'UTF8')), 'hex')",
        [expiring.token],
      );
      await t.db.query("UPDATE users SET active = false WHERE username = 'caseworker2'");
      try {
        const closed = await t.app.get(RealtimeGateway).sweepSessions();
        expect(closed).toBe(2);
        expect(await gone[0]).toBe('io server disconnect');
        expect(await gone[1]).toBe('io server disconnect');
        expect(sockets[2].connected).toBe(true);
      } finally {
        await t.db.query("UPDATE users SET active = true WHERE username = 'caseworker2'");
      }
    });
  });
}
