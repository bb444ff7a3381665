import { PresenceEvents, SocketEvents, type PresenceChangedEvent } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, waitFor, type TestApp } from './harness';

function ready(s: Socket): Promise<unknown> {
  return new Promise((resolve, reject) => {
    s.once(SocketEvents.ready, resolve);
    s.once('connect_error', reject);
  });
}

for (const database of testDatabases()) {
  describe(`presence on ${database.name}`, () => {
    let t: TestApp;
    let caseId: string;
    beforeAll(async () => {
      t = await startTestApp(database);
      const res = await t.postReport(createReport({}, 1700));
      caseId = ((await res.json()) as { caseId: string }).caseId;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('shows who has a case open and what they edit, live, and clears it on leave and disconnect', async () => {
      const [ta, tb, to] = await Promise.all([t.login('caseworker'), t.login('caseworker2'), t.login('officer')]);
      const a = t.socket(ta.token);
      const b = t.socket(tb.token);
      const officer = t.socket(to.token);
      await Promise.all([ready(a), ready(b), ready(officer)]);
      const seenByB: PresenceChangedEvent[] = [];
      b.on(PresenceEvents.changed, (e: PresenceChangedEvent) => seenByB.push(e));
      const seenByOfficer: unknown[] = [];
      officer.on(PresenceEvents.changed, (e: unknown) => seenByOfficer.push(e));

      const opened = (await a.emitWithAck(PresenceEvents.open, { caseId })) as PresenceChangedEvent;
      expect(opened.viewers.map((v) => v.displayName)).toEqual(['Sam Carter']);
      await waitFor(() => seenByB.find((e) => e.caseId === caseId && e.viewers.length === 1));

      // An auditor opening it is not shown (an investigation of a caseworker must not show to them), and sees the rest.
      const auditor = t.socket((await t.login('auditor')).token);
      await ready(auditor);
      const heardBefore = seenByB.length;
      const looked = (await auditor.emitWithAck(PresenceEvents.open, { caseId })) as PresenceChangedEvent;
      expect(looked.viewers.map((v) => v.displayName)).toEqual(['Sam Carter']);
      // Nor is the moment they open it announced to the others.
      await new Promise((r) => setTimeout(r, 300));
      expect(seenByB.length).toBe(heardBefore);

      const both = (await b.emitWithAck(PresenceEvents.open, { caseId })) as PresenceChangedEvent;
      expect(both.viewers.map((v) => v.displayName)).toEqual(['Alex Morgan', 'Sam Carter']);
      auditor.disconnect();
      // A queue opened now gets the whole picture at once.
      const snapshot = (await b.emitWithAck(PresenceEvents.list)) as PresenceChangedEvent[];
      expect(snapshot.find((e) => e.caseId === caseId)?.viewers.map((v) => v.displayName)).toEqual(['Alex Morgan', 'Sam Carter']);
      expect(await officer.emitWithAck(PresenceEvents.list)).toEqual({ error: 'forbidden' });

      await a.emitWithAck(PresenceEvents.editing, { caseId, section: 'risk' });
      const editing = await waitFor(() =>
        seenByB.find((e) => e.viewers.some((v) => v.displayName === 'Sam Carter' && v.editing === 'risk')),
      );
      expect(editing.caseId).toBe(caseId);

      a.disconnect();
      await waitFor(() => {
        const last = seenByB[seenByB.length - 1];
        return last && last.viewers.length === 1 && last.viewers[0].displayName === 'Alex Morgan' ? last : undefined;
      });

      b.emit(PresenceEvents.leave, { caseId });
      await waitFor(() => {
        const last = seenByB[seenByB.length - 1];
        return last && last.viewers.length === 0 ? last : undefined;
      });

      expect(await officer.emitWithAck(PresenceEvents.open, { caseId })).toEqual({ error: 'forbidden' });
      expect(seenByOfficer).toEqual([]);
      expect(await b.emitWithAck(PresenceEvents.open, { caseId: 'not-a-case' })).toEqual({ error: 'invalid' });
      expect(await b.emitWithAck(PresenceEvents.editing, { caseId, section: 'risk' })).toEqual({ error: 'open the case first' });
    });
  });
}
