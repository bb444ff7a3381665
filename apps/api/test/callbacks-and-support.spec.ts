import { HUB_TIME_ZONE, type ProblemDetails, type SafeContactView, type VersionedDocument } from '@lantern/shared/domain';
import { createReport, merge, reportMadeAt } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';
import { recordAnyTimeWhenUntimed } from './support/any-time';
import { claim } from './support/claim';

type Problem = ProblemDetails & { rule?: string; rules?: string[] };

/** The next weekday (hub time) at hh:mm hub time, as UTC ISO, at least a day ahead. */
function nextLondon(day: number, hh: number, mm = 0): string {
  const d = new Date();
  for (let i = 1; i <= 8; i++) {
    const c = new Date(d.getTime() + i * 86400_000);
    const wd = new Intl.DateTimeFormat('en-GB', { timeZone: HUB_TIME_ZONE, weekday: 'short' }).format(c);
    if (['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(wd) === day) {
      const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: HUB_TIME_ZONE }).format(c);
      // London offset that day: compare wall clock at noon UTC.
      const noon = new Date(`${ymd}T12:00:00Z`);
      const londonHour = Number(
        new Intl.DateTimeFormat('en-GB', { timeZone: HUB_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' }).format(noon),
      );
      const offset = londonHour - 12;
      return new Date(
        Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10)), hh - offset, mm),
      ).toISOString();
    }
  }
  throw new Error('no day');
}

for (const database of testDatabases()) {
  describe(`call-backs, needs and safety plan on ${database.name}`, () => {
    let t: TestApp;
    let cw: string;
    let lead: string;
    let n = 0;
    const post = async (over: Parameters<typeof createReport>[0] = {}) => {
      const i = 1900 + n++;
      const base = createReport({ victim: { personId: `P0F${i}` }, consent: { supportReferral: 'given' } }, i);
      const report = merge(base, over);
      const res = await t.postReport(report);
      const caseId = ((await res.json()) as { caseId: string }).caseId;
      await claim(t, cw, caseId);
      // The tests that send no safe times stand for a victim who said any time (recorded, as a caseworker would).
      await recordAnyTimeWhenUntimed(t, cw, caseId, report);
      return caseId;
    };
    const call = (cookie: string, method: string, path: string, body?: unknown) => t.call(cookie, method, path, body);

    beforeAll(async () => {
      t = await startTestApp(database);
      cw = (await t.login('caseworker')).cookie;
      lead = (await t.login('team-lead')).cookie;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('schedules call-backs only inside safe windows and staffed hours', async () => {
      const caseId = await post({ victim: { safeContact: { phone: '07700 900401', safeTimes: 'Tuesdays and Thursdays 10:00-12:00' } } });
      const schedule = (dueAt: string) => call(cw, 'POST', `/cases/${caseId}/callbacks`, { dueAt });
      // The officer's words are not a rule: until the times are confirmed no call-back time is safe.
      const unconfirmed = await schedule(nextLondon(2, 10, 30));
      expect(unconfirmed.status).toBe(422);
      expect(((await unconfirmed.json()) as Problem).rules).toEqual(['safe-times-unconfirmed']);
      const windows = [{ days: ['tue', 'thu'], from: '10:00', to: '12:00' }];
      expect((await call(cw, 'POST', `/cases/${caseId}/safe-contact/times`, { timeRule: 'windows', windows })).status).toBe(200);
      const ok = await schedule(nextLondon(2, 10, 30));
      expect(ok.status).toBe(201);
      const wed = await schedule(nextLondon(3, 10, 30));
      expect(wed.status).toBe(422);
      expect(((await wed.json()) as Problem).rule).toBe('outside-safe-window');

      const anyTime = await post({ victim: { safeContact: { phone: '07700 900402', safeTimes: undefined } } });
      const night = await call(cw, 'POST', `/cases/${anyTime}/callbacks`, { dueAt: nextLondon(3, 22, 0) });
      expect(night.status).toBe(422);
      expect(((await night.json()) as Problem).rules).toEqual(['outside-staffed-hours']);
      expect((await call(cw, 'POST', `/cases/${anyTime}/callbacks`, { dueAt: 'tomorrow' })).status).toBe(400);

      const list = (await (await call(cw, 'GET', `/cases/${caseId}/callbacks`)).json()) as Array<{ status: string }>;
      expect(list.map((c) => c.status)).toEqual(['pending']);
    });

    it('cancels the call-backs ahead that the plan’s new times rule out, audited; those still inside stay', async () => {
      const caseId = await post({ victim: { safeContact: { phone: '07700 900404', safeTimes: 'Tuesdays and Thursdays 10:00-12:00' } } });
      const times = (windows: unknown[]) => call(cw, 'POST', `/cases/${caseId}/safe-contact/times`, { timeRule: 'windows', windows });
      expect((await times([{ days: ['tue', 'thu'], from: '10:00', to: '12:00' }])).status).toBe(200);
      const schedule = async (dueAt: string) => {
        const res = await call(cw, 'POST', `/cases/${caseId}/callbacks`, { dueAt });
        expect(res.status).toBe(201);
        return ((await res.json()) as { id: string }).id;
      };
      const tuesday = await schedule(nextLondon(2, 10, 30));
      const thursday = await schedule(nextLondon(4, 11, 0));
      // She tells the hub Tuesdays are no longer safe: confirmed again, Thursdays only. The answer says one went.
      const thursdaysOnly = await times([{ days: ['thu'], from: '10:00', to: '12:00' }]);
      expect(thursdaysOnly.status).toBe(200);
      expect(((await thursdaysOnly.json()) as SafeContactView).cancelledCallbacks).toBe(1);
      // Confirming the same times again cancels nothing, and says nothing.
      const same = await times([{ days: ['thu'], from: '10:00', to: '12:00' }]);
      expect(((await same.json()) as SafeContactView).cancelledCallbacks).toBeUndefined();
      const list = (await (await call(cw, 'GET', `/cases/${caseId}/callbacks`)).json()) as Array<{ id: string; status: string }>;
      expect(Object.fromEntries(list.map((c) => [c.id, c.status]))).toEqual({ [tuesday]: 'cancelled', [thursday]: 'pending' });
      const [row] = await t.db.query<{ cancel_reason: string }>('SELECT cancel_reason FROM callbacks WHERE id = $1', [tuesday]);
      expect(row.cancel_reason).toBe('No longer inside the victim’s safe times: the plan’s times changed.');
      const audit = await t.db.query<{ details: { callbackIds: string[]; because: string } }>(
        "SELECT details FROM audit_entries WHERE action = 'callback.cancelled' AND entity_id = $1",
        [caseId],
      );
      expect(audit.map((a) => a.details)).toEqual([{ callbackIds: [tuesday], because: 'safe-times-changed' }]);
      // The plan editor changing the times does the same.
      const plan = { numbers: [{ number: '07700 900404', owner: 'victim', safe: true }], emails: [], channels: ['call'] };
      const put = await call(cw, 'PUT', `/cases/${caseId}/safe-contact`, {
        plan: { ...plan, timeRule: 'windows', windows: [{ days: ['fri'], from: '10:00', to: '12:00' }] },
      });
      expect(put.status).toBe(200);
      expect(((await put.json()) as SafeContactView).cancelledCallbacks).toBe(1);
      const after = (await (await call(cw, 'GET', `/cases/${caseId}/callbacks`)).json()) as Array<{ id: string; status: string }>;
      expect(after.find((c) => c.id === thursday)?.status).toBe('cancelled');
    });

    it('lists call-backs due now per caseworker, missed ones for team leads, and closes one with an attempt', async () => {
      const caseId = await post({ victim: { safeContact: { phone: '07700 900403', safeTimes: undefined } } });
      // A call-back that has fallen due: written straight in, as if scheduled yesterday.
      const me = (await (await call(cw, 'GET', '/auth/me')).json()) as { id: string };
      const id = '11111111-1111-4111-8111-' + String(Date.now()).slice(-12).padStart(12, '0');
      await t.db.query(
        `INSERT INTO callbacks (id, case_id, due_at, assigned_to, created_by, created_at, status) VALUES ($1, $2, now() - interval '2 hours', $3, $3, now() - interval '1 day', 'pending')`,
        [id, caseId, me.id],
      );
      const mine = (await (await call(cw, 'GET', '/callbacks/due')).json()) as Array<{ id: string; missed: boolean }>;
      expect(mine.find((c) => c.id === id)?.missed).toBe(true);
      expect((await call(cw, 'GET', '/callbacks/due?scope=all')).status).toBe(403);
      const all = (await (await call(lead, 'GET', '/callbacks/due?scope=all')).json()) as Array<{ id: string }>;
      expect(all.map((c) => c.id)).toContain(id);
      const attempt = await call(cw, 'POST', `/cases/${caseId}/contact-attempts`, {
        channel: 'call',
        to: '07700 900403',
        outcome: 'spoke-safe',
        callbackId: id,
      });
      expect(attempt.status).toBe(201);
      const after = (await (await call(cw, 'GET', '/callbacks/due')).json()) as Array<{ id: string }>;
      expect(after.map((c) => c.id)).not.toContain(id);
    });

    it('lists the call-backs of the next hours when asked (within), so the queue shows each as it falls due', async () => {
      const caseId = await post({ victim: { safeContact: { phone: '07700 900405', safeTimes: undefined } } });
      const me = (await (await call(cw, 'GET', '/auth/me')).json()) as { id: string };
      const at = (minutes: number, n: number) => ({
        id: `22222222-2222-4222-8222-${String(Date.now() + n)
          .slice(-12)
          .padStart(12, '0')}`,
        minutes,
      });
      const soon = at(10, 1);
      const later = at(5 * 60, 2);
      const tomorrow = at(30 * 60, 3);
      for (const cb of [soon, later, tomorrow]) {
        await t.db.query(
          `INSERT INTO callbacks (id, case_id, due_at, assigned_to, created_by, created_at, status)
             VALUES ($1, $2, now() + make_interval(mins => $3), $4, $4, now(), 'pending')`,
          [cb.id, caseId, cb.minutes, me.id],
        );
      }
      const ids = async (q: string) =>
        ((await (await call(cw, 'GET', `/callbacks/due${q}`)).json()) as Array<{ id: string }>).map((c) => c.id);
      const ours = (list: string[]) => list.filter((id) => [soon.id, later.id, tomorrow.id].includes(id));
      expect(ours(await ids(''))).toEqual([soon.id]);
      expect(ours(await ids('?within=720'))).toEqual([soon.id, later.id]);
      expect(ours(await ids('?within=1440'))).toEqual([soon.id, later.id]);
      for (const q of ['0', '1441', '-5', '12h', '']) expect((await call(cw, 'GET', `/callbacks/due?within=${q}`)).status, q).toBe(400);
    });

    it('suggests unable-to-contact after three failed attempts on two days', async () => {
      const day = 86400_000;
      const caseId = await post({
        ...reportMadeAt(new Date(Date.now() - 3 * day)),
        victim: { safeContact: { phone: '07700 900404', safeTimes: undefined } },
      });
      const attempt = (at: string) =>
        call(cw, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: '07700 900404', outcome: 'no-answer', at });
      await attempt(new Date(Date.now() - 2 * day).toISOString());
      await attempt(new Date(Date.now() - 2 * day + 3600_000).toISOString());
      let s = (await (await call(cw, 'GET', `/cases/${caseId}/contact-summary`)).json()) as { suggest: boolean };
      expect(s.suggest).toBe(false);
      await attempt(new Date(Date.now() - day).toISOString());
      s = (await (await call(cw, 'GET', `/cases/${caseId}/contact-summary`)).json()) as { suggest: boolean; failed: number };
      expect(s).toMatchObject({ suggest: true, failed: 3 });
    });

    it('keeps every version of the needs assessment and safety plan, refusing a stale save', async () => {
      const caseId = await post();
      const v1 = await call(cw, 'PUT', `/cases/${caseId}/needs`, {
        content: { housing: { need: true, urgency: 'high', notes: 'Needs refuge space' }, finances: { need: false } },
        basedOnVersion: 0,
      });
      expect(v1.status).toBe(200);
      const v2 = await call(lead, 'PUT', `/cases/${caseId}/needs`, {
        content: { housing: { need: true, urgency: 'immediate' } },
        basedOnVersion: 1,
      });
      expect(v2.status).toBe(200);
      const stale = await call(cw, 'PUT', `/cases/${caseId}/needs`, { content: { housing: { need: false } }, basedOnVersion: 1 });
      expect(stale.status).toBe(409);
      const doc = (await (await call(cw, 'GET', `/cases/${caseId}/needs`)).json()) as VersionedDocument<
        Record<string, { urgency: string }>
      >;
      expect(doc.current?.version).toBe(2);
      expect(doc.current?.content['housing'].urgency).toBe('immediate');
      expect(doc.current?.savedBy.displayName).toBe('Jordan Ellis');
      expect(doc.history.map((h) => h.version)).toEqual([1]);
      const bad = await call(cw, 'PUT', `/cases/${caseId}/needs`, { content: { spaceship: { need: true }, housing: { need: true } } });
      expect(((await bad.json()) as Problem).errors?.map((e) => e.path)).toEqual(['/content/spaceship', '/content/housing/urgency']);

      const plan = await call(cw, 'PUT', `/cases/${caseId}/safety-plan`, {
        content: {
          actions: [
            { action: 'Keep phone charged and hidden', owner: 'victim', agreed: true },
            { action: 'Apply for a non-molestation order', owner: 'caseworker', agreed: true, due: '2026-12-01' },
          ],
        },
      });
      expect(plan.status).toBe(200);
      const sp = (await plan.json()) as VersionedDocument<{ actions: Array<{ id: string; owner: string }> }>;
      expect(sp.current?.content.actions.map((a) => a.owner)).toEqual(['victim', 'caseworker']);
      expect(sp.current?.content.actions[0].id).toMatch(/^[0-9a-f-]{36}$/);
      const history = await t.db.query<{ action: string }>(
        "SELECT action FROM audit_entries WHERE entity_id = $1 AND action LIKE 'case.%-saved' ORDER BY id",
        [caseId],
      );
      expect(history.map((h) => h.action)).toEqual(['case.needs-saved', 'case.needs-saved', 'case.safety-plan-saved']);
      const auditor = (await t.login('auditor')).cookie;
      expect((await call(auditor, 'PUT', `/cases/${caseId}/safety-plan`, { content: { actions: [] } })).status).toBe(403);
      expect((await call(auditor, 'GET', `/cases/${caseId}/safety-plan`)).status).toBe(200);
    });
  });
}
