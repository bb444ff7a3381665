import { CasesService } from '@lantern/api/cases';
import { SlaWatchService } from '@lantern/api/triage';
import {
  countsWithChanges,
  SocketEvents,
  type CaseChangedEvent,
  type CaseCounts,
  type CaseCountsQuery,
  type CaseSummary,
  type Role,
} from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, waitFor, type TestApp } from './harness';
import { claim } from './support/claim';

/**
 * The workbench keeps its queue counts without reading them again after a new case or a recorded breach
 * (countsWithChanges, libs/shared/domain live-counts.ts): GET /cases/counts says the last seq it includes and the
 * instant it counted at, and the changes pushed live after it are added. Here, through the API, a real socket and the
 * SLA watch: the counts read, plus the changes the socket brought, equal the counts read afterwards.
 */
for (const database of testDatabases()) {
  describe(`queue counts kept from live changes, on ${database.name}`, () => {
    let t: TestApp;
    let cookie: string;
    let caseworker: { id: string; roles: Role[] };
    let n = 0;
    const grades = ['high', 'standard', 'medium', 'high', 'standard'] as const;
    const post = async () => {
      const i = n++;
      const res = await t.postReport(
        createReport({ officerRiskAssessment: { tool: 'judgement', riskLevel: grades[i % grades.length], dash: undefined } }, 700 + i),
      );
      expect(res.status).toBe(201);
      return ((await res.json()) as { caseId: string }).caseId;
    };
    const counts = async (q: Record<string, string>): Promise<CaseCounts> => {
      const res = await fetch(`${t.url}/api/v1/cases/counts?${new URLSearchParams(q)}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      return (await res.json()) as CaseCounts;
    };

    beforeAll(async () => {
      t = await startTestApp(database);
      cookie = (await t.login('caseworker')).cookie;
      [caseworker] = await t.db.query<{ id: string; roles: Role[] }>(`SELECT id, roles FROM users WHERE username = 'caseworker'`);
    });
    afterAll(async () => {
      await t?.close();
    });

    // The queue filters the counts were read with, as the workbench matches them (matchesFilters).
    const FILTERS: Array<[string, Record<string, string>, (c: CaseSummary) => boolean]> = [
      ['none', {}, () => true],
      ['breached', { breached: 'true' }, (c) => c.sla.breached],
      ['high and breached', { grade: 'high', breached: 'true' }, (c) => c.risk.grade === 'high' && c.sla.breached],
      ['mine', { assignee: 'me' }, (c) => c.assignee?.id === caseworker.id],
    ];

    it('gives the last seq and the instant it counted at, and the counts plus the changes since equal a later read', async () => {
      const first: string[] = [];
      for (let i = 0; i < 6; i++) first.push(await post());
      await claim(t, cookie, first[0]);
      await claim(t, cookie, first[1]);
      const socket = t.socket((await t.login('caseworker')).token);
      const events: CaseChangedEvent[] = [];
      socket.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => events.push(e));
      await new Promise((r) => socket.once(SocketEvents.ready, r));
      try {
        const before = Date.now();
        const read = await Promise.all(FILTERS.map(([, q]) => counts(q)));
        for (const c of read) {
          expect(Date.parse(c.asOf)).toBeGreaterThanOrEqual(before - 1);
          expect(c.asOf <= new Date().toISOString()).toBe(true);
          expect(c.seq).toBeGreaterThan(0);
          expect(c.total).toBe(6);
        }
        const [outbox] = await t.db.query<{ seq: string }>(`SELECT max(seq) AS seq FROM outbox WHERE topic = 'case.changed'`);
        expect(read[0].seq).toBe(Number(outbox.seq));

        // New cases, then every open clock run out: the SLA watch records each breach (change 'breached').
        const later: string[] = [];
        for (let i = 0; i < 5; i++) later.push(await post());
        const at = new Date(Date.now() + 10 * 24 * 3600_000);
        const breaches = await t.app.get(SlaWatchService).tick(at);
        expect(breaches).toBe(11);
        await waitFor(() => events.filter((e) => e.change === 'breached').length === 11 || undefined);
        await waitFor(() => later.every((id) => events.some((e) => e.caseId === id && e.change === 'created')) || undefined);
        expect(events.filter((e) => e.change === 'created' || e.change === 'breached').every((e) => e.case.sla.breachedFrom)).toBe(true);

        const service = t.app.get(CasesService);
        for (const [i, [name, q, matches]] of FILTERS.entries()) {
          const kept = countsWithChanges(read[i], events, { userId: caseworker.id, matches });
          const fresh = await service.counts(caseworker as never, q as CaseCountsQuery, at);
          expect({ ...kept, asOf: null, seq: null }, name).toEqual({ ...fresh, asOf: null, seq: null });
          expect(fresh.seq).toBeGreaterThan(read[i].seq);
          expect(fresh.asOf).toBe(at.toISOString());
        }
        // Not a sum that holds by chance: the later read differs from the first.
        const fresh = await service.counts(caseworker as never, { breached: 'true' }, at);
        expect(fresh.matching).toBe(11);
        expect(read[1].matching).toBe(0);
      } finally {
        socket.close();
      }
    });

    it('gives the seq with no open case to count', async () => {
      await t.db.query(`UPDATE cases SET status = 'closed', version = version + 1`);
      const c = await counts({});
      expect(c.total).toBe(0);
      expect(c.byArea).toEqual({});
      expect(c.seq).toBeGreaterThan(0);
    });
  });
}
