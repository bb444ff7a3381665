import {
  DEFAULT_HUB_CALENDAR,
  HUB_TIME_ZONE,
  isOutOfHours,
  normalisePhone,
  phonesIn,
  SocketEvents,
  type CallbackRecord,
  type CaseChangedEvent,
  type CaseSummary,
  type ContactAttemptRecord,
  type PoliceReport,
  type ProblemDetails,
  type ReadyEvent,
  type SafeContactUpdateRequest,
  type SafeContactView,
} from '@lantern/shared/domain';
import { createReport, merge } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations, startTestApp, testDatabases, waitFor, type TestApp } from './harness';
import { recordAnyTimeWhenUntimed } from './support/any-time';
import { claim } from './support/claim';

type Problem = ProblemDetails & { rule?: string; rules?: string[]; notOverridable?: string[] };
type Plan = SafeContactUpdateRequest['plan'];

/** hh:mm London on the first staffed day at least `daysAhead` days from now, as UTC ISO. */
function londonAt(hh: number, mm = 0, daysAhead = 1): string {
  for (let i = daysAhead; i < daysAhead + 14; i++) {
    const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: HUB_TIME_ZONE }).format(new Date(Date.now() + i * 86400_000));
    const noon = new Date(`${ymd}T12:00:00Z`);
    const offset =
      Number(new Intl.DateTimeFormat('en-GB', { timeZone: HUB_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' }).format(noon)) - 12;
    const at = new Date(Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10)), hh - offset, mm));
    if (!isOutOfHours(at.toISOString(), DEFAULT_HUB_CALENDAR)) return at.toISOString();
  }
  throw new Error('no staffed day');
}

for (const database of testDatabases()) {
  describe(`numbers and call-backs on ${database.name}`, () => {
    let t: TestApp;
    let cw1: string;
    let cw2: string;
    let lead: string;
    let auditor: string;
    let token1: string;
    let n = 0;
    /** A report (revision 1 unless given) with no officer safe times, so no time rule stands in the way. */
    const report = (over: Parameters<typeof createReport>[0] = {}) => {
      const i = 7100 + n++;
      const base = createReport(
        { incident: { previousIncidents12Months: 0 }, consent: { supportReferral: 'given' }, suspect: { phone: undefined } },
        i,
      );
      return merge(merge(base, { victim: { personId: `P0N${i}`, safeContact: { safeTimes: undefined } } }), over);
    };
    const post = async (body: unknown, claimFor: 'cw1' | null = 'cw1') => {
      const res = await t.postReport(body);
      expect(res.status).toBe(201);
      const caseId = ((await res.json()) as { caseId: string }).caseId;
      if (claimFor) await claim(t, cw1, caseId);
      // The reports here send no safe times: a victim who said any time (recorded, as a caseworker would).
      if (claimFor) await recordAnyTimeWhenUntimed(t, cw1, caseId, body as PoliceReport);
      return caseId;
    };
    const call = (cookie: string, method: string, path: string, body?: unknown) => t.call(cookie, method, path, body);
    const view = async (caseId: string) => (await (await call(cw1, 'GET', `/cases/${caseId}/safe-contact`)).json()) as SafeContactView;
    const savePlan = (caseId: string, over: Partial<Plan>) =>
      call(cw1, 'PUT', `/cases/${caseId}/safe-contact`, {
        plan: { numbers: [], windows: [], channels: ['call', 'sms', 'voicemail'], timeRule: 'any', ...over },
      });
    const attempt = (caseId: string, body: Record<string, unknown>, who = cw1) =>
      call(who, 'POST', `/cases/${caseId}/contact-attempts`, body);

    beforeAll(async () => {
      t = await startTestApp(database);
      ({ cookie: cw1, token: token1 } = await t.login('caseworker'));
      cw2 = (await t.login('caseworker2')).cookie;
      lead = (await t.login('team-lead')).cookie;
      auditor = (await t.login('auditor')).cookie;
    });
    afterAll(async () => {
      await t?.close();
    });

    describe('suspect numbers', () => {
      it('refuses a number the police gave as the suspect’s in another case of the same victim', async () => {
        const personId = 'P0NV001';
        await post(report({ victim: { personId }, suspect: { phone: '+44 7700 900701' } }));
        // A later case of the same victim: the officer took the same number as the victim's safe one.
        const later = await post(report({ victim: { personId, safeContact: { phone: '07700 900701' } } }));
        expect((await view(later)).suspectNumbers).toEqual(['07700900701']);
        const refused = await attempt(later, { channel: 'call', to: '07700 900701', outcome: 'no-answer' });
        expect(refused.status).toBe(422);
        expect(((await refused.json()) as Problem).rule).toBe('suspect-number');
        // Nor can a caseworker mark it the victim's safe number.
        const marked = await savePlan(later, { numbers: [{ number: '07700900701', owner: 'victim', safe: true }] });
        expect(marked.status).toBe(400);
        expect(((await marked.json()) as Problem).errors?.map((e) => e.path)).toEqual(['/plan/numbers/0/safe']);

        // A different victim with the same number in her own plan is not affected.
        const other = await post(report({ victim: { safeContact: { phone: '07700 900701' } } }));
        expect((await view(other)).suspectNumbers).toEqual([]);
        expect((await attempt(other, { channel: 'call', to: '07700 900701', outcome: 'no-answer' })).status).toBe(201);
      });

      it('refuses the suspect.phone of a later revision even after a caseworker edited the plan', async () => {
        const first = report({ victim: { safeContact: { phone: '07700 900711' } } });
        const caseId = await post(first);
        expect((await savePlan(caseId, { numbers: [{ number: '07700 900712', owner: 'victim', safe: true }] })).status).toBe(200);
        expect((await attempt(caseId, { channel: 'call', to: '07700 900712', outcome: 'no-answer' })).status).toBe(201);
        const revised = merge(first, { revision: 2, source: { sentAt: new Date().toISOString() }, suspect: { phone: '07700 900712' } });
        expect((await t.postReport(revised)).status).toBe(200);
        const v = await view(caseId);
        expect(v.editedAt).not.toBeNull();
        expect(v.suspectNumbers).toEqual(['07700900712']);
        const refused = await attempt(caseId, { channel: 'sms', to: '+447700900712' });
        expect(((await refused.json()) as Problem).rules).toContain('suspect-number');
      });

      it('refuses a number the hub marked as the suspect’s on another plan of the victim, until the hub corrects it', async () => {
        const personId = 'P0NV002';
        const a = await post(report({ victim: { personId } }));
        const b = await post(report({ victim: { personId, safeContact: { phone: '07700 900721' } } }));
        expect(
          (await savePlan(a, { numbers: [{ number: '07700 900721', owner: 'suspect', safe: false, label: 'His work phone' }] })).status,
        ).toBe(200);
        const refused = await attempt(b, { channel: 'call', to: '07700 900721', outcome: 'no-answer' });
        expect(((await refused.json()) as Problem).rule).toBe('suspect-number');
        const rows = await t.db.query<{ number: string; source: string }>('SELECT number, source FROM suspect_numbers WHERE case_id = $1', [
          a,
        ]);
        expect(rows).toEqual([{ number: '07700900721', source: 'hub' }]);

        // The caseworker corrects case A: the number was never his.
        expect((await savePlan(a, { numbers: [] })).status).toBe(200);
        expect((await view(b)).suspectNumbers).toEqual([]);
        expect((await attempt(b, { channel: 'call', to: '07700 900721', outcome: 'no-answer' })).status).toBe(201);
      });

      it('knows the suspect’s number however it is written: "+44 (0)…", without its 0', async () => {
        const caseId = await post(report({ suspect: { phone: '+44 (0)7700 900781' } }));
        expect((await view(caseId)).suspectNumbers).toEqual(['07700900781']);
        for (const to of ['07700 900781', '7700900781', '0044 (0) 7700 900781']) {
          const refused = await attempt(caseId, { channel: 'call', to, outcome: 'no-answer' });
          expect(((await refused.json()) as Problem).rule, to).toBe('suspect-number');
        }
        // The hub's entry of his number the same way: still his.
        expect((await savePlan(caseId, { numbers: [{ number: '44 7700 900782', owner: 'suspect', safe: false }] })).status).toBe(200);
        const refused = await attempt(caseId, { channel: 'sms', to: '+44 (0)7700 900782' });
        expect(((await refused.json()) as Problem).rules).toContain('suspect-number');
        // Another country's number, "00" or "+": one number (a Polish number written 0048 blocked nothing dialled +48).
        const abroad = await post(report({ suspect: { phone: '0048 512 345 678' } }));
        expect((await view(abroad)).suspectNumbers).toEqual(['0048512345678']);
        const dialled = await attempt(abroad, { channel: 'call', to: '+48 512 345 678', outcome: 'no-answer' });
        expect(((await dialled.json()) as Problem).rule).toBe('suspect-number');
      });

      it('knows each of two numbers the police put in one suspect.phone, as the database reads them too', async () => {
        const caseId = await post(report({ suspect: { phone: '07700 900801 / 01632 960801' } }));
        expect((await view(caseId)).suspectNumbers).toEqual(['01632960801', '07700900801']);
        for (const to of ['07700 900801', '01632 960801']) {
          const refused = await attempt(caseId, { channel: 'call', to, outcome: 'no-answer' });
          expect(((await refused.json()) as Problem).rule, to).toBe('suspect-number');
        }
        const written = [
          '07700 900801 / 01632 960801',
          '07700 900801 or 07700 900802',
          '07700900801, 07700900802; +44 (0)7700 900803 & 7700900804',
          '07700/900801',
          '01632 960801 ext 12',
          '01632 960801 Ext. 1234',
          '07700 900801 / 01632 960801 x12',
          '00353 87 123 4567 or +353 87 765 4321',
          'N/A',
          '',
          'mobile 07700 900801 and landline 01632 960801',
          // Whole numbers one after another with spaces between: cut where every cut gives the same numbers.
          '07700 900801 07700 900802',
          '07700 900 801 01632 960 801',
          '+44 7700 900801 +44 7700 900802 / 01632 960801',
          '07700 900801 (mobile) 01632 960801 (home)',
          '+353 87 123 4567 07700 900801',
          '07700 900 801',
          '07700 9008011 07700 900802',
          '0163296000 0 1632960000',
          '+1 5551234567 +1 5559876543',
          '07700900801 - 07700900802',
          '07700900801 mob 07700900802',
          '07700 900801\u00a007700 900802',
          '\u00a007700 900801 07700 900802\t',
          Array.from({ length: 17 }, () => '07700').join(' '),
        ];
        for (const w of written) {
          const rows = await t.db.query<{ n: string }>('SELECT lantern_phones_in($1) AS n', [w]);
          expect(rows.map((r) => r.n).sort(), w).toEqual([...new Set(phonesIn(w).map(normalisePhone))].sort());
        }
      });

      it('knows each of two numbers the police wrote one after another with spaces between', async () => {
        const caseId = await post(report({ suspect: { phone: '07700 900811 07700 900812' } }));
        expect((await view(caseId)).suspectNumbers).toEqual(['07700900811', '07700900812']);
        for (const to of ['07700 900811', '07700 900812']) {
          const refused = await attempt(caseId, { channel: 'call', to, outcome: 'no-answer' });
          expect(((await refused.json()) as Problem).rule, to).toBe('suspect-number');
        }
      });

      it('knows the same suspect’s number across victims when police link the suspect', async () => {
        await post(report({ suspect: { personId: 'S0NS001', phone: '07700 900731' } }));
        const caseId = await post(report({ suspect: { personId: 'S0NS001' }, victim: { safeContact: { phone: '07700 900731' } } }));
        expect((await view(caseId)).suspectNumbers).toEqual(['07700900731']);
        const refused = await attempt(caseId, { channel: 'call', to: '07700 900731' });
        expect(((await refused.json()) as Problem).rule).toBe('suspect-number');
      });

      it('never lets a suspect’s number be marked safe or shared, nor share anyone else’s', async () => {
        const caseId = await post(report());
        const res = await savePlan(caseId, {
          numbers: [
            { number: '07700 900741', owner: 'suspect', safe: false, shared: true },
            { number: '07700 900742', owner: 'other', safe: false, shared: true },
            { number: '07700 900743', owner: 'suspect', safe: false },
            { number: '+44 7700 900743', owner: 'victim', safe: true },
          ],
        });
        expect(res.status).toBe(400);
        expect(((await res.json()) as Problem).errors?.map((e) => e.path)).toEqual([
          '/plan/numbers/0/shared',
          '/plan/numbers/1/shared',
          '/plan/numbers/3/safe',
        ]);
      });
    });

    describe('shared numbers', () => {
      let caseId: string;
      const SHARED = '07700 900751';
      beforeAll(async () => {
        caseId = await post(report());
        const saved = await savePlan(caseId, {
          numbers: [
            { number: SHARED, owner: 'victim', safe: true, shared: true, label: 'Family landline' },
            { number: '07700 900752', owner: 'victim', safe: true },
          ],
        });
        expect(saved.status).toBe(200);
        expect(((await saved.json()) as SafeContactView).plan.numbers.map((x) => x.shared ?? false)).toEqual([true, false]);
      });

      it('refuses a call that does not record “Is it safe to talk now?”, even with an override', async () => {
        const bare = await attempt(caseId, { channel: 'call', to: SHARED, outcome: 'spoke-safe' });
        expect(bare.status).toBe(422);
        const p = (await bare.json()) as Problem;
        expect(p).toMatchObject({ code: 'unsafe-contact', rule: 'shared-number-check' });
        expect(p.errors?.map((e) => e.path)).toEqual(['/safeToTalk']);
        const overridden = await attempt(caseId, {
          channel: 'call',
          to: SHARED,
          outcome: 'spoke-safe',
          override: { reason: 'She asked me to' },
        });
        expect(overridden.status).toBe(422);
        expect(((await overridden.json()) as Problem).notOverridable).toEqual(['shared-number-check']);
        // A call nobody answered has nothing to ask.
        expect((await attempt(caseId, { channel: 'call', to: SHARED, outcome: 'no-answer' })).status).toBe(201);
        // An unshared safe number needs no answer.
        expect((await attempt(caseId, { channel: 'call', to: '07700 900752', outcome: 'spoke-safe' })).status).toBe(201);
      });

      it('records the answer: yes is a safe conversation, no is not safe', async () => {
        const yes = await attempt(caseId, { channel: 'call', to: SHARED, safeToTalk: true });
        expect(yes.status).toBe(201);
        expect((await yes.json()) as ContactAttemptRecord).toMatchObject({ safeToTalk: true, outcome: 'spoke-safe' });
        const no = await attempt(caseId, { channel: 'call', to: SHARED, safeToTalk: false });
        expect((await no.json()) as ContactAttemptRecord).toMatchObject({ safeToTalk: false, outcome: 'spoke-not-safe' });
        const mismatch = await attempt(caseId, { channel: 'call', to: SHARED, safeToTalk: true, outcome: 'spoke-not-safe' });
        expect(mismatch.status).toBe(400);
        expect(((await mismatch.json()) as Problem).errors?.map((e) => e.path)).toEqual(['/outcome']);
        const list = (await (await call(cw1, 'GET', `/cases/${caseId}/contact-attempts`)).json()) as ContactAttemptRecord[];
        expect(list.filter((a) => a.safeToTalk !== null).map((a) => a.safeToTalk)).toEqual(expect.arrayContaining([true, false]));
        const audit = await t.db.query<{ details: { safeToTalk?: boolean } }>(
          "SELECT details FROM audit_entries WHERE action = 'contact.attempted' AND entity_id = $1 AND details ? 'safeToTalk'",
          [caseId],
        );
        expect(audit.length).toBe(2);
      });

      it('refuses SMS and voicemail to a shared number: the suspect may read or hear them', async () => {
        const sms = await attempt(caseId, { channel: 'sms', to: SHARED });
        expect(((await sms.json()) as Problem).rule).toBe('shared-number-channel');
        const vm = await attempt(caseId, { channel: 'voicemail', to: '+447700900751' });
        expect(((await vm.json()) as Problem).rule).toBe('shared-number-channel');
        expect((await attempt(caseId, { channel: 'sms', to: '07700 900752' })).status).toBe(201);
      });

      it('follows the someone-else-answered path when the answer is no because someone else answered', async () => {
        const other = await post(report());
        await savePlan(other, { numbers: [{ number: '07700 900753', owner: 'victim', safe: true, shared: true }] });
        const res = await attempt(other, { channel: 'call', to: '07700 900753', safeToTalk: false, outcome: 'someone-else-answered' });
        expect(res.status).toBe(201);
        expect((await view(other)).contactPaused).toBe(true);
        // No call-back is promised while contact is paused: the prompt would come before a team lead decided it is safe.
        const cb = await call(cw1, 'POST', `/cases/${other}/callbacks`, { dueAt: londonAt(10, 30, 2), notes: 'Try again' });
        expect(cb.status).toBe(422);
        expect(((await cb.json()) as { rules: string[] }).rules).toContain('contact-paused');
      });
    });

    describe('call-backs', () => {
      const schedule = async (caseId: string, dueAt = londonAt(10, 30, 2)) => {
        const res = await call(cw1, 'POST', `/cases/${caseId}/callbacks`, { dueAt, notes: 'Promised a call back' });
        expect(res.status).toBe(201);
        return (await res.json()) as CallbackRecord;
      };
      const windowed = async () => {
        const caseId = await post(report());
        // Every day 10:00–12:00 only.
        await savePlan(caseId, {
          windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '10:00', to: '12:00' }],
          timeRule: 'windows',
        });
        return caseId;
      };

      it('cancels a pending call-back with a reason, once', async () => {
        const caseId = await windowed();
        const cb = await schedule(caseId);
        // Only the assignee (or a team lead) works on the case: caseworker2 takes it over first.
        expect((await call(cw2, 'POST', `/callbacks/${cb.id}/cancel`, { reason: 'Victim asked not to be called' })).status).toBe(403);
        expect((await call(cw1, 'POST', `/cases/${caseId}/release`, {})).status).toBe(200);
        expect((await call(cw2, 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
        const res = await call(cw2, 'POST', `/callbacks/${cb.id}/cancel`, { reason: 'Victim asked not to be called' });
        expect(res.status).toBe(200);
        const cancelled = (await res.json()) as CallbackRecord;
        expect(cancelled).toMatchObject({
          status: 'cancelled',
          cancelled: { by: { displayName: 'Alex Morgan' }, reason: 'Victim asked not to be called' },
        });
        expect((await call(cw2, 'POST', `/callbacks/${cb.id}/cancel`, {})).status).toBe(409);
        expect((await call(cw1, 'POST', `/callbacks/${crypto.randomUUID()}/cancel`, {})).status).toBe(404);
        expect((await call(auditor, 'POST', `/callbacks/${cb.id}/cancel`, {})).status).toBe(403);
        const audit = await t.db.query<{ details: Record<string, unknown> }>(
          "SELECT details FROM audit_entries WHERE action = 'callback.cancelled' AND entity_id = $1",
          [caseId],
        );
        expect(audit.map((a) => a.details)).toEqual([{ callbackIds: [cb.id], because: 'cancelled', reason: true }]);
      });

      it('reschedules inside the safe window and staffed hours, never into the past or outside them', async () => {
        const caseId = await windowed();
        const cb = await schedule(caseId);
        const to = londonAt(11, 15, 3);
        const res = await call(cw1, 'POST', `/callbacks/${cb.id}/reschedule`, { dueAt: to });
        expect(res.status).toBe(200);
        expect(((await res.json()) as CallbackRecord).dueAt).toBe(to);
        const outside = await call(cw1, 'POST', `/callbacks/${cb.id}/reschedule`, { dueAt: londonAt(15, 0, 3) });
        expect(outside.status).toBe(422);
        expect((await outside.json()) as Problem).toMatchObject({ code: 'unsafe-callback', rules: ['outside-safe-window'] });
        const past = await call(cw1, 'POST', `/callbacks/${cb.id}/reschedule`, { dueAt: new Date(Date.now() - 86400_000).toISOString() });
        expect(past.status).toBe(400);
        expect((await call(cw1, 'POST', `/callbacks/${cb.id}/reschedule`, {})).status).toBe(400);
        const audit = await t.db.query<{ details: { from: string; to: string } }>(
          "SELECT details FROM audit_entries WHERE action = 'callback.rescheduled' AND entity_id = $1",
          [caseId],
        );
        expect(audit.map((a) => a.details)).toEqual([{ callbackId: cb.id, from: cb.dueAt, to }]);
        await call(cw1, 'POST', `/callbacks/${cb.id}/cancel`, {});
        expect((await call(cw1, 'POST', `/callbacks/${cb.id}/reschedule`, { dueAt: to })).status).toBe(409);
      });

      it('refuses to move a call-back while the victim’s safe times are not confirmed, as scheduling does', async () => {
        // The officer wrote safe times and nobody has confirmed them: the time rule is unknown (docs/safe-contact.md).
        const caseId = await post(report({ victim: { safeContact: { safeTimes: 'any time after 10am' } } }));
        expect((await view(caseId)).plan.timeRule).toBe('unknown');
        const due = londonAt(11, 0, 3);
        const scheduled = await call(cw1, 'POST', `/cases/${caseId}/callbacks`, { dueAt: due });
        expect(scheduled.status).toBe(422);
        expect(await scheduled.json()).toMatchObject({ code: 'unsafe-callback', rule: 'safe-times-unconfirmed' });
        // A call-back promised before the officer's words stopped being a rule (scheduled under the old reader).
        const id = crypto.randomUUID();
        await t.db.query(
          `INSERT INTO callbacks (id, case_id, due_at, assigned_to, created_by, created_at, status)
           SELECT $1, $2, $3, id, id, now(), 'pending' FROM users WHERE username = 'caseworker'`,
          [id, caseId, due],
        );
        const moved = await call(cw1, 'POST', `/callbacks/${id}/reschedule`, { dueAt: londonAt(11, 30, 3) });
        expect(moved.status).toBe(422);
        const problem = (await moved.json()) as Problem;
        expect(problem).toMatchObject({ code: 'unsafe-callback', rule: 'safe-times-unconfirmed', rules: ['safe-times-unconfirmed'] });
        expect(problem.detail).toMatch(/safe times are not confirmed/);
        expect(problem.errors?.map((e) => e.path)).toEqual(['/dueAt']);
        // Cancelling it needs no safe time; once the times are confirmed it can be moved.
        expect((await call(cw1, 'POST', `/cases/${caseId}/safe-contact/times`, { timeRule: 'any' })).status).toBe(200);
        const ok = await call(cw1, 'POST', `/callbacks/${id}/reschedule`, { dueAt: londonAt(11, 30, 3) });
        expect(ok.status).toBe(200);
      });

      it('cancels the pending call-backs of a case that closes, in the same change', async () => {
        const caseId = await windowed();
        const a = await schedule(caseId);
        const b = await schedule(caseId, londonAt(11, 0, 4));
        const done = await schedule(caseId, londonAt(11, 30, 4));
        await call(cw1, 'POST', `/callbacks/${done.id}/cancel`, { reason: 'Spoke already' });
        const closed = await call(cw1, 'POST', `/cases/${caseId}/status`, { status: 'closed', reason: 'Victim moved out of the area' });
        expect(closed.status).toBe(200);
        const list = (await (await call(cw1, 'GET', `/cases/${caseId}/callbacks`)).json()) as CallbackRecord[];
        expect(Object.fromEntries(list.map((c) => [c.id, [c.status, c.cancelled?.reason]]))).toEqual({
          [a.id]: ['cancelled', 'The case was closed.'],
          [b.id]: ['cancelled', 'The case was closed.'],
          [done.id]: ['cancelled', 'Spoke already'],
        });
        const audit = await t.db.query<{ details: { callbackIds: string[]; because: string } }>(
          "SELECT details FROM audit_entries WHERE action = 'callback.cancelled' AND entity_id = $1 AND details->>'because' = 'case-closed'",
          [caseId],
        );
        expect(audit.map((x) => [...x.details.callbackIds].sort())).toEqual([[a.id, b.id].sort()]);
        // Not in anyone's "Due now" any more, nor a missed call-back for the team lead.
        const due = (await (await call(lead, 'GET', '/callbacks/due?scope=all')).json()) as CallbackRecord[];
        expect(due.map((c) => c.caseId)).not.toContain(caseId);
      });
      it('cancels the pending call-backs when the victim refuses or withdraws consent to contact', async () => {
        const caseId = await windowed();
        const a = await schedule(caseId);
        const b = await schedule(caseId, londonAt(11, 0, 4));
        const given = await call(cw1, 'POST', `/cases/${caseId}/consent`, { contact: 'given', method: 'phone' });
        expect(given.status).toBe(201);
        let list = (await (await call(cw1, 'GET', `/cases/${caseId}/callbacks`)).json()) as CallbackRecord[];
        expect(list.map((c) => c.status)).toEqual(['pending', 'pending']);
        const withdrawn = await call(cw1, 'POST', `/cases/${caseId}/consent`, { contact: 'withdrawn', method: 'phone' });
        expect(withdrawn.status).toBe(201);
        list = (await (await call(cw1, 'GET', `/cases/${caseId}/callbacks`)).json()) as CallbackRecord[];
        expect(Object.fromEntries(list.map((c) => [c.id, [c.status, c.cancelled?.reason]]))).toEqual({
          [a.id]: ['cancelled', 'The victim refused or withdrew consent to contact.'],
          [b.id]: ['cancelled', 'The victim refused or withdrew consent to contact.'],
        });
        const audit = await t.db.query<{ details: { callbackIds: string[]; because: string } }>(
          "SELECT details FROM audit_entries WHERE action = 'callback.cancelled' AND entity_id = $1 AND details->>'because' = 'contact-consent'",
          [caseId],
        );
        expect(audit.map((x) => [...x.details.callbackIds].sort())).toEqual([[a.id, b.id].sort()]);
      });
    });

    describe('giving a case back', () => {
      it('lets the assignee give a claimed case back to the queue, live', async () => {
        const caseId = await post(report(), null);
        expect((await call(cw1, 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
        const socket = t.socket(token1);
        await new Promise<ReadyEvent>((resolve) => socket.once(SocketEvents.ready, resolve));
        const events: CaseChangedEvent[] = [];
        socket.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => events.push(e));
        const res = await call(cw1, 'POST', `/cases/${caseId}/release`, {});
        expect(res.status).toBe(200);
        const summary = (await res.json()) as CaseSummary;
        expect(summary.assignee).toBeNull();
        const live = await waitFor(() => events.find((e) => e.caseId === caseId));
        expect(live.case.assignee).toBeNull();
        expect(live.version).toBe(summary.version);
        const audit = await t.db.query("SELECT 1 FROM audit_entries WHERE action = 'case.released' AND entity_id = $1", [caseId]);
        expect(audit).toHaveLength(1);
        // Back in the queue: anyone may claim it again.
        expect((await call(cw2, 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
      });

      it('refuses another caseworker (409), an unclaimed case (409), a stale version (409) and a role without casework (403)', async () => {
        const caseId = await post(report(), null);
        expect((await call(cw1, 'POST', `/cases/${caseId}/release`, {})).status).toBe(409);
        const claimed = (await (await call(cw1, 'POST', `/cases/${caseId}/claim`, {})).json()) as CaseSummary;
        const other = await call(cw2, 'POST', `/cases/${caseId}/release`, {});
        expect(other.status).toBe(409);
        expect((await other.json()) as Problem).toMatchObject({ code: 'not-assignee', detail: expect.stringContaining('Sam Carter') });
        expect((await call(auditor, 'POST', `/cases/${caseId}/release`, {})).status).toBe(403);
        const stale = await call(cw1, 'POST', `/cases/${caseId}/release`, { version: claimed.version - 1 });
        expect(((await stale.json()) as Problem).code).toBe('stale-version');
        const none = await call(cw2, 'POST', `/cases/${crypto.randomUUID()}/release`, {});
        expect(none.status).toBe(404);
      });

      it('lets a team lead give back anyone’s case', async () => {
        const caseId = await post(report(), null);
        await call(cw1, 'POST', `/cases/${caseId}/claim`, {});
        const res = await call(lead, 'POST', `/cases/${caseId}/release`, {});
        expect(res.status).toBe(200);
        expect(((await res.json()) as CaseSummary).assignee).toBeNull();
        const [entry] = await t.db.query<{ details: { from: string } }>(
          "SELECT details FROM audit_entries WHERE action = 'case.released' AND entity_id = $1",
          [caseId],
        );
        const me = (await (await call(cw1, 'GET', '/auth/me')).json()) as { id: string };
        expect(entry.details.from).toBe(me.id);
      });
    });

    describe('the migration', () => {
      it('finds, from the stored reports and plans, the suspect numbers the live code recorded', async () => {
        const rows = () =>
          t.db.query<{ case_id: string; source: string; number: string; revision: number | null }>(
            'SELECT case_id, source, number, revision FROM suspect_numbers ORDER BY case_id, source, number',
          );
        const caseId = await post(report({ suspect: { phone: '(07700) 900-761' } }));
        await savePlan(caseId, { numbers: [{ number: '0044 7700 900762', owner: 'suspect', safe: false }] });
        const live = await rows();
        expect(live.filter((r) => r.case_id === caseId)).toEqual([
          { case_id: caseId, source: 'hub', number: '07700900762', revision: null },
          { case_id: caseId, source: 'police-report', number: '07700900761', revision: 1 },
        ]);
        // The chain a database upgraded from before the table goes through: its backfill, then the rule of today.
        await runMigrations(t, [
          ['SuspectNumbersCallbacks1764020000000', 'down'],
          ['SuspectNumbersCallbacks1764020000000', 'up'],
          ['SuspectNumbersRenormalised1764600000000', 'up'],
          ['PhonesInternationalPrefix1764620000000', 'up'],
          ['PhonesSpacedPair1764640000000', 'up'],
        ]);
        expect(await rows()).toEqual(live);
      });

      it('cuts the suspect numbers stored as one string of two numbers, from their reports and plans', async () => {
        const rows = (caseId: string) =>
          t.db.query<{ source: string; number: string }>('SELECT source, number FROM suspect_numbers WHERE case_id = $1 ORDER BY 1, 2', [
            caseId,
          ]);
        const caseId = await post(report({ suspect: { phone: '07700 900821 07700 900822' } }));
        expect((await savePlan(caseId, { numbers: [{ number: '01632 960821 01632 960822', owner: 'suspect', safe: false }] })).status).toBe(
          200,
        );
        const live = await rows(caseId);
        expect(live).toEqual([
          { source: 'hub', number: '01632960821' },
          { source: 'hub', number: '01632960822' },
          { source: 'police-report', number: '07700900821' },
          { source: 'police-report', number: '07700900822' },
        ]);
        // What the rule before it stored: each field as one string of digits.
        await t.db.query('DELETE FROM suspect_numbers WHERE case_id = $1', [caseId]);
        await t.db.query(
          `INSERT INTO suspect_numbers (case_id, source, number, revision, recorded_at)
           VALUES ($1, 'police-report', '0770090082107700900822', 1, now()), ($1, 'hub', '0163296082101632960822', NULL, now())`,
          [caseId],
        );
        await runMigrations(t, [['PhonesSpacedPair1764640000000', 'up']]);
        expect(await rows(caseId)).toEqual(live);
        expect((await attempt(caseId, { channel: 'call', to: '07700 900822', outcome: 'no-answer' })).status).toBe(422);
      });

      it('writes again the suspect numbers stored under the old spelling, from their reports and plans', async () => {
        const rows = (caseId: string) =>
          t.db.query<{ source: string; number: string }>('SELECT source, number FROM suspect_numbers WHERE case_id = $1 ORDER BY 1, 2', [
            caseId,
          ]);
        const caseId = await post(report({ suspect: { phone: '+44 (0)7700 900791' } }));
        expect((await savePlan(caseId, { numbers: [{ number: '7700 900792', owner: 'suspect', safe: false }] })).status).toBe(200);
        const live = await rows(caseId);
        expect(live).toEqual([
          { source: 'hub', number: '07700900792' },
          { source: 'police-report', number: '07700900791' },
        ]);
        // What the rule before it stored: "(0)" kept after the prefix, ten digits without their 0.
        await t.db.query(`UPDATE suspect_numbers SET number = '007700900791' WHERE case_id = $1 AND source = 'police-report'`, [caseId]);
        await t.db.query(`UPDATE suspect_numbers SET number = '7700900792' WHERE case_id = $1 AND source = 'hub'`, [caseId]);
        await runMigrations(t, [['SuspectNumbersRenormalised1764600000000', 'up']]);
        expect(await rows(caseId)).toEqual(live);
        expect((await attempt(caseId, { channel: 'call', to: '07700 900791', outcome: 'no-answer' })).status).toBe(422);
      });
    });
  });
}
