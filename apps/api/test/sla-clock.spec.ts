import { SlaClock } from '@lantern/api/realtime';
import {
  nearBreachLimit,
  SocketEvents,
  type CaseChangedEvent,
  type CasePage,
  type CaseSummary,
  type ReadyEvent,
} from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, waitFor, type TestApp } from './harness';

/** The case as the queue shows it (its SLA's next due time, its version). */
async function summaryOf(cookie: string, caseId: string): Promise<CaseSummary> {
  const page = (await (await fetch(`${t.url}/api/v1/cases?limit=500`, { headers: { cookie } })).json()) as CasePage;
  const found = page.items.find((c) => c.id === caseId);
  if (!found) throw new Error(`case ${caseId} is not in the queue`);
  return found;
}

let t: TestApp;

/** A report the officer graded high (assignment due within the hour of staffed time). */
function highRisk(i: number) {
  const report = createReport({}, i);
  return { ...report, officerRiskAssessment: { ...report.officerRiskAssessment, riskLevel: 'high' as const } };
}

function connected(s: Socket): Promise<ReadyEvent> {
  return new Promise((resolve, reject) => {
    s.once(SocketEvents.ready, resolve);
    s.once('connect_error', reject);
  });
}

/**
 * The SLA clock (libs/api/realtime sla-clock.ts) tells browsers of open cases whose SLA came near breach as time
 * passed (a breach is recorded as a change by SlaWatchService and pushed like one), so a browser holding only the first pages of the queue hears of one that rose into them.
 */
for (const database of testDatabases()) {
  describe(`SLA clock on ${database.name}`, () => {
    let clock: SlaClock;

    beforeAll(async () => {
      t = await startTestApp(database);
      clock = t.app.get(SlaClock);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('announces a case once as it comes near breach, to those who may see it, and not again as it breaches', async () => {
      const { cookie } = await t.login('caseworker');
      const officerToken = (await t.login('officer')).token;
      const caseworker = t.socket(null, { cookie });
      const officer = t.socket(officerToken);
      await Promise.all([connected(caseworker), connected(officer)]);
      const heard: CaseChangedEvent[] = [];
      const officerHeard: unknown[] = [];
      caseworker.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => heard.push(e));
      officer.on(SocketEvents.caseChanged, (e: unknown) => officerHeard.push(e));

      const res = await t.postReport(highRisk(901));
      const { caseId } = (await res.json()) as { caseId: string };
      const detail = await summaryOf(cookie, caseId);
      const due = Date.parse(detail.sla.nextDueAt as string);
      const { slaTargets, calendar } = t.config.triage;
      const announced = async (at: number) => (await clock.tick(new Date(at))).filter((c) => c.caseId === caseId);

      // Received just now: its clock starts (at the next opening, out of hours) and runs; nothing to say yet.
      const start = Date.now();
      expect(nearBreachLimit(new Date(start), slaTargets, calendar).getTime()).toBeLessThan(due);
      expect(await announced(start)).toEqual([]);
      // The first instant it is near (its due time within the near-breach limit), announced once.
      let near = start;
      for (let step = 2 ** 40; step >= 1; step /= 2) {
        if (near + step < due && nearBreachLimit(new Date(near + step), slaTargets, calendar).getTime() < due) near += step;
      }
      near += 1;
      expect(await announced(near - 1)).toEqual([]);
      expect(await announced(near)).toEqual([{ caseId, version: detail.version }]);
      expect(await announced(near + 60_000)).toEqual([]);
      // Breached once the due time has passed (now > due): SlaWatchService records that as a change; the clock is silent.
      expect(await announced(due)).toEqual([]);
      expect(await announced(due + 1)).toEqual([]);
      expect(await announced(due + 120_000)).toEqual([]);
      // A clock never goes back: an earlier instant announces nothing.
      expect(await clock.tick(new Date(near))).toEqual([]);

      const clockEvents = await waitFor(() => {
        const mine = heard.filter((e) => e.caseId === caseId && e.change === 'clock');
        return mine.length ? mine : undefined;
      });
      await new Promise((r) => setTimeout(r, 300));
      // Once: the summary is read when delivered (the real time now, so its state is the API's at that moment).
      expect(heard.filter((e) => e.caseId === caseId && e.change === 'clock').map((e) => [e.seq, e.version])).toEqual([
        [0, detail.version],
      ]);
      expect(clockEvents[0].case.id).toBe(caseId);
      expect(officerHeard).toEqual([]);

      // Each push is audited as a read of the case by those it reached.
      const pushed: Array<{ details: { recipients: string[] } }> = await t.db.query(
        `SELECT details FROM audit_entries WHERE action = 'case.pushed' AND entity_id = $1 AND (details->>'seq')::bigint = 0`,
        [caseId],
      );
      expect(pushed.length).toBe(1);
    });

    it('announces nothing for a case closed, and moves on only once with two instants racing', async () => {
      const { cookie } = await t.login('caseworker');
      const res = await t.postReport(highRisk(902));
      const { caseId } = (await res.json()) as { caseId: string };
      const detail = await summaryOf(cookie, caseId);
      const due = Date.parse(detail.sla.nextDueAt as string);
      const { slaTargets, calendar } = t.config.triage;
      let near = Date.now();
      for (let step = 2 ** 40; step >= 1; step /= 2) {
        if (near + step < due && nearBreachLimit(new Date(near + step), slaTargets, calendar).getTime() < due) near += step;
      }
      near += 1;
      // The first test moved the clock past this instant (both arrived in the same hour): set it back.
      await t.db.query(`UPDATE sla_clock SET ticked_at = $1`, [new Date(near - 1)]);
      // Two ticks for the same instant (two API instances): the row lock lets one announce it.
      const [a, b] = await Promise.all([clock.tick(new Date(near)), clock.tick(new Date(near))]);
      expect([...a, ...b].filter((c) => c.caseId === caseId)).toHaveLength(1);
      // Closed cases leave case_queue: nothing to announce however the clock moves.
      await t.db.query(`UPDATE cases SET status = 'closed' WHERE id = $1`, [caseId]);
      await t.db.query(`UPDATE sla_clock SET ticked_at = $1`, [new Date(near - 1)]);
      expect((await clock.tick(new Date(near))).filter((c) => c.caseId === caseId)).toEqual([]);
    });
  });
}
