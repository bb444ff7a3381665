import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HUB_TIME_ZONE,
  SocketEvents,
  StaffEvents,
  WEEKDAYS,
  type StaffChangedEvent,
  type TeamLeadAlerts,
  type UnassignedQueue,
  type WorkloadRow,
} from '@lantern/shared/domain';
import { createReport, merge } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, waitFor, type TestApp } from './harness';

interface Suggestions {
  cap: number;
  suggestions: Array<{ caseId: string; fromUserId: string | null; toUserId: string; reason: string }>;
  unplaced: Array<{ caseId: string; reason: string }>;
}

/** A hub staffed around the clock (so the tests do not depend on the time they run) with a small cap. */
function rulesFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-workload-'));
  const file = join(dir, 'rules.json');
  const allDay = { open: '00:00', close: '24:00' };
  writeFileSync(
    file,
    JSON.stringify({ calendar: { week: Object.fromEntries(WEEKDAYS.map((d) => [d, allDay])), closures: [] }, workload: { cap: 8 } }),
  );
  return file;
}

for (const database of testDatabases()) {
  describe(`workload board on ${database.name}`, () => {
    let t: TestApp;
    let lead: string;
    let cw: string;
    let cw2: string;
    let ids: Record<string, string>;
    let n = 0;
    const call = (cookie: string, method: string, path: string, body?: unknown) => t.call(cookie, method, path, body);
    const json = async <T>(cookie: string, path: string) => (await (await call(cookie, 'GET', path)).json()) as T;
    const newCase = async (grade: 'high' | 'medium' | 'standard') => {
      const i = 2800 + n++;
      const res = await t.postReport(
        merge(createReport({ victim: { personId: `P0W${i}` }, incident: { previousIncidents12Months: 0 } }, i), {
          officerRiskAssessment: { tool: 'judgement', riskLevel: grade, dash: undefined },
        }),
      );
      expect(res.status).toBe(201);
      return ((await res.json()) as { caseId: string }).caseId;
    };
    const assign = async (caseId: string, userId: string) =>
      expect((await call(lead, 'POST', `/cases/${caseId}/assign`, { userId })).status).toBe(200);
    const row = async (userId: string) => (await json<WorkloadRow[]>(lead, '/workload')).find((r) => r.userId === userId) as WorkloadRow;

    beforeAll(async () => {
      t = await startTestApp(database, { LANTERN_TRIAGE_CONFIG: rulesFile() });
      [lead, cw, cw2] = await Promise.all(['team-lead', 'caseworker', 'caseworker2'].map(async (u) => (await t.login(u)).cookie));
      const users = await json<Array<{ id: string; displayName: string }>>(lead, '/users');
      ids = Object.fromEntries(users.map((u) => [u.displayName, u.id]));
    });
    afterAll(async () => {
      await t?.close();
    });

    it('counts each caseworker’s open cases by grade with the configured weights, for team leads only', async () => {
      const sam = ids['Sam Carter'];
      await assign(await newCase('high'), sam);
      await assign(await newCase('medium'), sam);
      await assign(await newCase('standard'), sam);
      const r = await row(sam);
      expect(r).toMatchObject({
        userId: sam,
        onShift: true,
        openCases: 3,
        weightedLoad: 6,
        breaches: 0,
        availability: 'available',
        cap: 8,
      });
      expect(r.byGrade).toEqual({ high: 1, medium: 1, standard: 1, ungraded: 0 });
      const [count] = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM cases WHERE assignee_id = $1 AND status IN ('new','triage','contacting','assessment','support')",
        [sam],
      );
      expect(r.openCases).toBe(count.n);
      expect((await call(cw, 'GET', '/workload')).status).toBe(403);
      expect((await fetch(`${t.url}/api/v1/workload`)).status).toBe(401);
    });

    it('shows the unassigned queue by grade and age, most urgent first', async () => {
      await newCase('high');
      await newCase('standard');
      const q = await json<UnassignedQueue>(lead, '/workload/unassigned');
      const [count] = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM cases WHERE assignee_id IS NULL AND status IN ('new','triage','contacting','assessment','support')",
      );
      expect(q.total).toBe(count.n);
      expect(q.byGrade.high + q.byGrade.medium + q.byGrade.standard + q.byGrade.ungraded).toBe(q.total);
      expect(q.grid.reduce((s, g) => s + g.count, 0)).toBe(q.total);
      expect(q.cases[0].priority).toBeGreaterThanOrEqual(q.cases[q.cases.length - 1].priority);
    });

    it('lets caseworkers set their own status, tells team leads live, and keeps Away caseworkers out of Next case and suggestions', async () => {
      const tl = await t.login('team-lead');
      const s = t.socket(tl.token);
      await new Promise((resolve) => s.once(SocketEvents.ready, resolve));
      const seen: StaffChangedEvent[] = [];
      s.on(StaffEvents.changed, (e: StaffChangedEvent) => seen.push(e));
      expect((await call(cw2, 'PUT', '/users/me/availability', { availability: 'asleep' })).status).toBe(400);
      const res = await call(cw2, 'PUT', '/users/me/availability', { availability: 'away' });
      expect(res.status).toBe(200);
      await waitFor(() => seen.some((e) => e.userId === ids['Alex Morgan'] && e.availability === 'away'));
      expect((await row(ids['Alex Morgan'])).availability).toBe('away');
      const next = await call(cw2, 'POST', '/cases/next');
      expect(next.status).toBe(409);
      expect(((await next.json()) as { code: string }).code).toBe('not-available');
      const sugg = await json<Suggestions>(lead, '/workload/suggestions');
      expect(sugg.suggestions.some((x) => x.toUserId === ids['Alex Morgan'])).toBe(false);
      expect((await call(cw2, 'PUT', '/users/me/availability', { availability: 'available' })).status).toBe(200);
      expect((await json<{ availability: string }>(cw2, '/users/me/availability')).availability).toBe('available');
    });

    it('takes a rota within the hub’s hours; someone off shift gets no suggestion and their uncontacted cases are offered to others', async () => {
      const alex = ids['Alex Morgan'];
      const bad = await call(lead, 'PUT', `/users/${alex}/rota`, {
        rota: { mon: { open: '09:00', close: '08:00' }, tue: { open: '7am', close: '15:00' } },
      });
      expect(bad.status).toBe(400);
      const paths = ((await bad.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
      expect(paths).toContain('/rota/wed');
      expect(paths).toContain('/rota/tue/open');
      expect((await call(cw, 'PUT', `/users/${alex}/rota`, { rota: null })).status).toBe(403);
      // Alex works only on a day that is not today (London), so is off shift now.
      const today = WEEKDAYS[(new Date(new Date().toLocaleString('en-US', { timeZone: HUB_TIME_ZONE })).getDay() + 6) % 7];
      const other = WEEKDAYS[(WEEKDAYS.indexOf(today) + 3) % 7];
      const rota = Object.fromEntries(WEEKDAYS.map((d) => [d, d === other ? { open: '08:00', close: '16:00' } : null]));
      expect((await call(lead, 'PUT', `/users/${alex}/rota`, { rota })).status).toBe(200);
      const offShiftCase = await newCase('standard');
      await assign(offShiftCase, alex);
      expect((await row(alex)).onShift).toBe(false);
      const sugg = await json<Suggestions>(lead, '/workload/suggestions');
      expect(sugg.cap).toBe(8);
      expect(sugg.suggestions.some((x) => x.toUserId === alex)).toBe(false);
      expect(sugg.suggestions.find((x) => x.caseId === offShiftCase)).toMatchObject({ fromUserId: alex, toUserId: ids['Sam Carter'] });
      // The cap holds: Sam (6 of 8) can take at most 2 more points, so not both a high and a medium case.
      const loads = new Map((await json<WorkloadRow[]>(lead, '/workload')).map((r) => [r.userId, r.weightedLoad]));
      const gained = sugg.suggestions.filter((x) => x.toUserId === ids['Sam Carter']).length;
      expect(gained).toBeGreaterThan(0);
      expect(sugg.unplaced.length).toBeGreaterThan(0);
      expect(sugg.unplaced[0].reason).toMatch(/cap of 8/);
      // Accepting a suggestion is an ordinary audited assignment; the board follows.
      await assign(offShiftCase, ids['Sam Carter']);
      expect((await row(ids['Sam Carter'])).weightedLoad).toBe((loads.get(ids['Sam Carter']) ?? 0) + 1);
      expect((await call(lead, 'PUT', `/users/${alex}/rota`, { rota: null })).status).toBe(200);
      expect((await row(alex)).onShift).toBe(true);
    });

    it('alerts team leads to breached and near-breach SLA clocks', async () => {
      const late = await newCase('high');
      await t.db.query(
        "UPDATE cases SET assign_due_at = now() - interval '10 minutes', received_at = now() - interval '2 hours' WHERE id = $1",
        [late],
      );
      const alerts = await json<TeamLeadAlerts>(lead, '/alerts');
      expect(alerts.sla.find((a) => a.caseId === late)).toMatchObject({ state: 'breached', grade: 'high' });
      expect(alerts.sla[0].state).toBe('breached');
      const [breached] = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM cases WHERE status IN ('new','triage','contacting','assessment','support') AND ((assigned_at IS NULL AND assign_due_at < now()) OR (first_contact_at IS NULL AND first_contact_due_at < now()))",
      );
      expect(alerts.sla.filter((a) => a.state === 'breached').length).toBe(breached.n);
      // Breached first, then the earliest due (PostgreSQL orders them and keeps the first 200).
      const order = alerts.sla.map((a) => `${a.state === 'breached' ? 0 : 1} ${a.dueAt}`);
      expect(order).toEqual([...order].sort());
      // Acknowledged, it leaves the tray; a second acknowledgement is a conflict, not "no such alert".
      const key = alerts.sla.find((a) => a.caseId === late)?.alertKey as string;
      expect(key).toMatch(new RegExp(`^sla\\|${late}\\|breached\\|`));
      const ack = (note: string) => call(lead, 'POST', '/alerts/acknowledgements', { alertKey: key, note });
      expect((await ack('Assigned to Sam by phone')).status).toBe(201);
      expect((await json<TeamLeadAlerts>(lead, '/alerts')).sla.some((a) => a.caseId === late)).toBe(false);
      expect((await ack('again')).status).toBe(409);
      // A later clock is a new occurrence: the alert shows again.
      await t.db.query("UPDATE cases SET assign_due_at = now() - interval '5 minutes' WHERE id = $1", [late]);
      expect((await json<TeamLeadAlerts>(lead, '/alerts')).sla.find((a) => a.caseId === late)?.alertKey).not.toBe(key);
    });
  });
}
