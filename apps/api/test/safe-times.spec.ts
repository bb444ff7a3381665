import { suggestSafeTimes, type PoliceReport, type ProblemDetails, type SafeContactView } from '@lantern/shared/domain';
import { createReport, merge, reportMadeAt } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations, startTestApp, testDatabases, type TestApp } from './harness';
import { claim } from './support/claim';

type Problem = ProblemDetails & { rule?: string; rules?: string[] };

/** A phrasing the finished parser must read (Mon–Fri 10:00–12:00): the tests that use its suggestion need the parser. */
const CLEAR_TEXT = 'Weekdays 10am-12pm';
/** Words no reader can turn into times with certainty. */
const UNCLEAR_TEXT = 'only when he is at the pub';
const UNCONFIRMED = 'The victim’s safe times are not confirmed yet: confirm the suggested times or record them.';

// January: London is on GMT, so these instants are also London wall-clock times. Fri 9 Jan 2026 and Sat 10 Jan.
const FRI_2130 = '2026-01-09T21:30:00Z';
const FRI_2330 = '2026-01-09T23:30:00Z';
const SAT_0130 = '2026-01-10T01:30:00Z';
const SAT_0230 = '2026-01-10T02:30:00Z';
const SAT_2330 = '2026-01-10T23:30:00Z';
const THU_2330 = '2026-01-08T23:30:00Z';
const MON_1100 = '2026-01-12T11:00:00Z';
const MON_1300 = '2026-01-12T13:00:00Z';

for (const database of testDatabases()) {
  describe(`safe times are suggestions, confirmed by a caseworker, on ${database.name}`, () => {
    let t: TestApp;
    let cw: string;
    let n = 0;
    const report = (safeTimes: string | undefined, phone: string) => {
      const i = 2600 + n++;
      const base = createReport(
        { victim: { personId: `P0T${i}` }, incident: { previousIncidents12Months: 0 }, consent: { supportReferral: 'given' } },
        i,
      );
      // Made on New Year's Day: the attempts below are at fixed times from January on.
      return merge(merge(base, reportMadeAt('2026-01-01T00:00:00Z')), {
        victim: { safeContact: { phone, smsSafe: true, voicemailSafe: true, safeTimes } },
      });
    };
    const post = async (safeTimes: string | undefined, phone: string) => {
      const body = report(safeTimes, phone);
      const res = await t.postReport(body);
      expect(res.status).toBe(201);
      const caseId = ((await res.json()) as { caseId: string }).caseId;
      await claim(t, cw, caseId);
      return { caseId, body };
    };
    const call = (cookie: string, method: string, path: string, body?: unknown) => t.call(cookie, method, path, body);
    const view = async (caseId: string) => (await (await call(cw, 'GET', `/cases/${caseId}/safe-contact`)).json()) as SafeContactView;
    const confirm = (caseId: string, body: unknown) => call(cw, 'POST', `/cases/${caseId}/safe-contact/times`, body);
    const attempt = (caseId: string, to: string, at: string, extra: Record<string, unknown> = {}) =>
      call(cw, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to, at, outcome: 'no-answer', ...extra });
    const audit = (caseId: string, action: string) =>
      t.db.query<{ details: Record<string, unknown> }>(
        'SELECT details FROM audit_entries WHERE action = $1 AND entity_id = $2 ORDER BY id',
        [action, caseId],
      );

    beforeAll(async () => {
      t = await startTestApp(database);
      cw = (await t.login('caseworker')).cookie;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('adds the suggestion to GET …/safe-contact: null without words, what the reader says otherwise, never a rule', async () => {
      const noneId = (await post(undefined, '07700 900601')).caseId;
      const none = await view(noneId);
      // No words is not "any time": nobody said so, so nothing is safe until a caseworker records the times.
      expect(none.plan.timeRule).toBe('unknown');
      const call = await t.call(cw, 'POST', `/cases/${noneId}/contact-attempts`, { channel: 'call', to: '07700 900601' });
      expect(call.status).toBe(422);
      expect(((await call.json()) as { rules: string[] }).rules).toContain('safe-times-unconfirmed');
      expect(none.suggestion).toBeNull();
      expect(none.revisedSafeTimes).toBeNull();

      for (const text of [UNCLEAR_TEXT, CLEAR_TEXT]) {
        const v = await view((await post(text, '07700 900602')).caseId);
        expect(v.plan).toMatchObject({ timeRule: 'unknown', windows: [], safeTimesText: text });
        expect(v.suggestion).toEqual(suggestSafeTimes(text));
        expect(v.nextSafeWindowAt).toBeNull();
      }
    });

    it('refuses every call, SMS and voicemail while the times are unconfirmed; an override with a reason is audited', async () => {
      const { caseId } = await post(UNCLEAR_TEXT, '07700 900603');
      for (const channel of ['call', 'sms', 'voicemail']) {
        const res = await call(cw, 'POST', `/cases/${caseId}/contact-attempts`, { channel, to: '07700 900603', at: MON_1100 });
        expect(res.status).toBe(422);
        const p = (await res.json()) as Problem;
        expect(p).toMatchObject({ code: 'unsafe-contact', rule: 'safe-times-unconfirmed', rules: ['safe-times-unconfirmed'] });
        expect(p.detail).toBe(UNCONFIRMED);
        expect(p.errors).toEqual([{ path: '/at', message: UNCONFIRMED }]);
      }
      const over = await attempt(caseId, '07700 900603', MON_1100, { override: { reason: 'Police asked for an urgent welfare call now' } });
      expect(over.status).toBe(201);
      expect(((await over.json()) as { override: { rules: string[] } }).override.rules).toEqual(['safe-times-unconfirmed']);
      expect((await audit(caseId, 'contact.override')).map((a) => a.details['rules'])).toEqual([['safe-times-unconfirmed']]);
      // The override was for that attempt only: the times are still unconfirmed.
      expect((await view(caseId)).plan.timeRule).toBe('unknown');
    });

    it('confirms windows, one crossing midnight: calls inside go through, outside are refused; audited', async () => {
      const { caseId } = await post('Fridays late, after her night shift, until 2', '07700 900604');
      const windows = [
        { days: ['fri'], from: '22:00', to: '02:00' },
        { days: ['mon'], from: '10:00', to: '12:00' },
      ];
      const res = await confirm(caseId, { timeRule: 'windows', windows });
      expect(res.status).toBe(200);
      const v = (await res.json()) as SafeContactView;
      expect(v.plan).toMatchObject({ timeRule: 'windows', windows, safeTimesText: 'Fridays late, after her night shift, until 2' });
      expect(v.nextSafeWindowAt).toEqual(expect.any(String));
      expect(v.editedAt).toEqual(expect.any(String));

      for (const at of [FRI_2330, SAT_0130, MON_1100]) expect((await attempt(caseId, '07700 900604', at)).status, at).toBe(201);
      for (const at of [FRI_2130, SAT_0230, SAT_2330, THU_2330, MON_1300]) {
        const refused = await attempt(caseId, '07700 900604', at);
        expect(refused.status, at).toBe(422);
        expect(((await refused.json()) as Problem).rules, at).toEqual(['outside-safe-window']);
      }
      expect((await audit(caseId, 'case.safe-times-confirmed')).map((a) => a.details)).toEqual([
        { timeRule: 'windows', windows: 2, fromSuggestion: false },
      ]);
    });

    it('records "any time" explicitly', async () => {
      const { caseId } = await post(UNCLEAR_TEXT, '07700 900605');
      const res = await confirm(caseId, { timeRule: 'any' });
      expect(res.status).toBe(200);
      expect(((await res.json()) as SafeContactView).plan).toMatchObject({ timeRule: 'any', windows: [], safeTimesText: UNCLEAR_TEXT });
      expect((await attempt(caseId, '07700 900605', SAT_0230)).status).toBe(201);
      expect((await audit(caseId, 'case.safe-times-confirmed')).map((a) => a.details)).toEqual([
        { timeRule: 'any', windows: 0, fromSuggestion: false },
      ]);
    });

    it('refuses to use a suggestion there is none of (409 no-suggestion), leaving the times unconfirmed', async () => {
      const { caseId } = await post(undefined, '07700 900606');
      const res = await confirm(caseId, { useSuggestion: true });
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(((await res.json()) as Problem).code).toBe('no-suggestion');

      const unclear = (await post(UNCLEAR_TEXT, '07700 900607')).caseId;
      const use = await confirm(unclear, { useSuggestion: true });
      if (suggestSafeTimes(UNCLEAR_TEXT) === null) {
        expect(use.status).toBe(409);
        expect(((await use.json()) as Problem).detail).toMatch(/could not read the officer’s safe times with certainty/);
        expect((await view(unclear)).plan.timeRule).toBe('unknown');
        expect(await audit(unclear, 'case.safe-times-confirmed')).toEqual([]);
      } else {
        expect(use.status).toBe(200);
      }
    });

    it('uses the suggestion in one action, "Use these times" (needs the parser: "Weekdays 10am-12pm")', async () => {
      const expected = suggestSafeTimes(CLEAR_TEXT);
      expect(expected, `suggestSafeTimes(${JSON.stringify(CLEAR_TEXT)}) must read Mon–Fri 10:00–12:00`).not.toBeNull();
      const { caseId } = await post(CLEAR_TEXT, '07700 900608');
      const res = await confirm(caseId, { useSuggestion: true, version: 2 });
      expect(res.status).toBe(200);
      const v = (await res.json()) as SafeContactView;
      expect(v.plan).toMatchObject({ timeRule: 'windows', windows: expected?.windows, safeTimesText: CLEAR_TEXT });
      expect((await attempt(caseId, '07700 900608', MON_1100)).status).toBe(201);
      expect(((await (await attempt(caseId, '07700 900608', MON_1300)).json()) as Problem).rule).toBe('outside-safe-window');
      expect((await audit(caseId, 'case.safe-times-confirmed')).map((a) => a.details)).toEqual([
        { timeRule: 'windows', windows: expected?.windows.length, fromSuggestion: true },
      ]);
    });

    it('takes exactly one way of confirming (400 naming the field), a current version (409) and a caseworker (403)', async () => {
      const { caseId } = await post(UNCLEAR_TEXT, '07700 900609');
      const paths = async (body: unknown) => {
        const res = await confirm(caseId, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        return ((await res.json()) as Problem).errors?.map((e) => e.path);
      };
      expect(await paths({})).toEqual(['/timeRule']);
      expect(await paths({ timeRule: 'windows' })).toEqual(['/windows']);
      expect(await paths({ timeRule: 'windows', windows: [] })).toEqual(['/windows']);
      expect(await paths({ timeRule: 'any', windows: [{ days: ['mon'], from: '09:00', to: '10:00' }] })).toEqual(['/windows']);
      expect(await paths({ useSuggestion: true, timeRule: 'any' })).toEqual(['/timeRule']);
      expect((await paths({ useSuggestion: false }))?.sort()).toEqual(['/timeRule', '/useSuggestion']);
      expect(await paths({ timeRule: 'unknown' })).toEqual(['/timeRule']);
      expect(await paths({ timeRule: 'windows', windows: [{ days: ['mon'], from: '09:00', to: '09:00' }] })).toEqual(['/windows/0']);
      expect(await paths({ timeRule: 'windows', windows: [{ days: ['mon'], from: '25:00', to: '09:00' }] })).toEqual(['/windows/0/from']);

      const stale = await confirm(caseId, { timeRule: 'any', version: 0 });
      expect(stale.status).toBe(409);
      expect(((await stale.json()) as Problem).code).toBe('stale-version');
      const auditor = (await t.login('auditor')).cookie;
      expect((await call(auditor, 'POST', `/cases/${caseId}/safe-contact/times`, { timeRule: 'any' })).status).toBe(403);
      expect((await view(caseId)).plan.timeRule).toBe('unknown');
    });

    it('never turns unconfirmed times into "any" on a PUT without timeRule', async () => {
      const { caseId } = await post(UNCLEAR_TEXT, '07700 900610');
      const plan = { numbers: [{ number: '07700 900610', owner: 'victim', safe: true }], emails: [], windows: [], channels: ['call'] };
      const saved = await call(cw, 'PUT', `/cases/${caseId}/safe-contact`, { plan });
      expect(saved.status).toBe(200);
      expect(((await saved.json()) as SafeContactView).plan).toMatchObject({ timeRule: 'unknown', safeTimesText: UNCLEAR_TEXT });
      expect(((await (await attempt(caseId, '07700 900610', MON_1100)).json()) as Problem).rule).toBe('safe-times-unconfirmed');
      expect(await audit(caseId, 'case.safe-times-confirmed')).toEqual([]);

      // Windows without a time rule are neither applied nor dropped silently.
      const windows = [{ days: ['sat'], from: '23:00', to: '01:00' }];
      const ambiguous = await call(cw, 'PUT', `/cases/${caseId}/safe-contact`, { plan: { ...plan, windows } });
      expect(ambiguous.status).toBe(400);
      expect(((await ambiguous.json()) as Problem).errors?.map((e) => e.path)).toEqual(['/plan/timeRule']);

      // An explicit time rule confirms (a window past midnight too), and says so in the audit.
      const explicit = await call(cw, 'PUT', `/cases/${caseId}/safe-contact`, { plan: { ...plan, windows, timeRule: 'windows' } });
      expect(explicit.status).toBe(200);
      expect(((await explicit.json()) as SafeContactView).plan).toMatchObject({ timeRule: 'windows', windows });
      expect((await audit(caseId, 'case.safe-times-confirmed')).map((a) => a.details)).toEqual([
        { timeRule: 'windows', windows: 1, fromSuggestion: false },
      ]);
      // Later edits without a time rule keep the confirmed one.
      const kept = await call(cw, 'PUT', `/cases/${caseId}/safe-contact`, { plan: { ...plan, windows, channels: ['call', 'sms'] } });
      expect(((await kept.json()) as SafeContactView).plan).toMatchObject({ timeRule: 'windows', windows, channels: ['call', 'sms'] });
      // The officer's words are the police's: a PUT does not rewrite them.
      const rewritten = await call(cw, 'PUT', `/cases/${caseId}/safe-contact`, { plan: { ...plan, windows, safeTimesText: 'any time' } });
      expect(((await rewritten.json()) as SafeContactView).plan.safeTimesText).toBe(UNCLEAR_TEXT);
    });

    it('keeps confirmed times when a police revision changes the words, and shows the new words until someone confirms again', async () => {
      const { caseId, body } = await post(UNCLEAR_TEXT, '07700 900611');
      const windows = [{ days: ['mon'], from: '10:00', to: '12:00' }];
      expect((await confirm(caseId, { timeRule: 'windows', windows })).status).toBe(200);

      const revisedText = 'Only Saturdays now, 9-11, he works weekdays from home';
      const revision = merge(body, { revision: 2, victim: { safeContact: { safeTimes: revisedText } } });
      expect((await t.postReport(revision)).status).toBe(200);
      const v = await view(caseId);
      expect(v.plan).toMatchObject({ timeRule: 'windows', windows, safeTimesText: UNCLEAR_TEXT });
      expect(v.revisedSafeTimes).toEqual({ text: revisedText, suggestion: suggestSafeTimes(revisedText) });
      // The confirmed times still apply.
      expect((await attempt(caseId, '07700 900611', MON_1100)).status).toBe(201);

      // Confirming again adopts the new words.
      const again = await confirm(caseId, { timeRule: 'windows', windows: [{ days: ['sat'], from: '09:00', to: '11:00' }] });
      const after = (await again.json()) as SafeContactView;
      expect(after.plan).toMatchObject({ timeRule: 'windows', safeTimesText: revisedText });
      expect(after.revisedSafeTimes).toBeNull();
      expect(after.suggestion).toEqual(suggestSafeTimes(revisedText));

      // Unconfirmed times simply follow the police's latest words.
      const open = await post(UNCLEAR_TEXT, '07700 900612');
      const plan = { numbers: [{ number: '07700 900612', owner: 'victim', safe: true }], emails: [], windows: [], channels: ['call'] };
      expect((await call(cw, 'PUT', `/cases/${open.caseId}/safe-contact`, { plan })).status).toBe(200);
      expect((await t.postReport(merge(open.body, { revision: 2, victim: { safeContact: { safeTimes: revisedText } } }))).status).toBe(200);
      const followed = await view(open.caseId);
      expect(followed.plan).toMatchObject({ timeRule: 'unknown', safeTimesText: revisedText, channels: ['call'] });
      expect(followed.revisedSafeTimes).toBeNull();
    });

    describe('a police revision of the safe phone, texts or voicemail since the plan was reviewed', () => {
      const windows = [{ days: ['mon'], from: '10:00', to: '12:00' }];
      const savedPlan = (phone: string) => ({
        numbers: [{ number: phone, owner: 'victim', safe: true }],
        emails: ['safe@example.org'],
        windows,
        channels: ['call', 'sms', 'voicemail', 'email'],
      });
      const refusal = async (res: Response) => {
        expect(res.status).toBe(422);
        return (await res.json()) as Problem & { rules: string[]; notOverridable?: string[] };
      };
      const revise = async (body: PoliceReport, revision: number, safeContact: Record<string, unknown>) =>
        expect((await t.postReport(merge(body, { revision, victim: { safeContact } }))).status).toBe(200);
      const saved = async (phone: string) => {
        const posted = await post(UNCLEAR_TEXT, phone);
        expect((await confirm(posted.caseId, { timeRule: 'windows', windows })).status).toBe(200);
        expect((await call(cw, 'PUT', `/cases/${posted.caseId}/safe-contact`, { plan: savedPlan(phone) })).status).toBe(200);
        return posted;
      };

      it('holds the number the police withdrew, with no override, until the plan is saved again', async () => {
        const { caseId, body } = await saved('07700 900621');
        expect((await view(caseId)).revisedSafeContact).toBeNull();
        expect((await attempt(caseId, '07700 900621', MON_1100)).status).toBe(201);
        // The officer learns the suspect has that phone now: the police revise the safe number.
        await revise(body, 2, { phone: '07700 900622' });
        const v = await view(caseId);
        expect(v.revisedSafeContact).toEqual({
          was: { phone: '07700 900621', smsSafe: true, voicemailSafe: true },
          now: { phone: '07700 900622', smsSafe: true, voicemailSafe: true },
          withdrawnNumbers: ['07700900621'],
          heldChannels: [],
        });
        // The saved plan is not rewritten: the old number is still on it, and refused for every phone channel.
        expect(v.plan.numbers.map((n) => n.number)).toEqual(['07700 900621']);
        for (const channel of ['call', 'sms', 'voicemail']) {
          const p = await refusal(await attempt(caseId, '07700 900621', MON_1100, { channel }));
          expect(p.rules).toEqual(['police-revised-contact']);
          expect(p.errors).toEqual([{ path: '/channel', message: expect.stringContaining('review the plan') }]);
        }
        const over = await refusal(await attempt(caseId, '07700 900621', MON_1100, { override: { reason: 'She asked us to call today' } }));
        expect(over.notOverridable).toEqual(['police-revised-contact']);
        // A call that already happened and was not safe is always recorded (someone else answering pauses contact).
        const answered = await attempt(caseId, '07700 900621', MON_1100, { outcome: 'someone-else-answered', safeToTalk: false });
        expect(answered.status).toBe(201);
        await t.db.query('UPDATE cases SET contact_paused = false WHERE id = $1', [caseId]);
        // No call-back can be scheduled to make that call.
        const callback = await call(cw, 'POST', `/cases/${caseId}/callbacks`, { dueAt: new Date(Date.now() + 3_600_000).toISOString() });
        expect(((await refusal(callback)) as Problem).rules).toContain('police-revised-contact');
        // Email is not a phone channel: not held. The new number is not on the plan yet (a caseworker's to add).
        expect((await attempt(caseId, 'safe@example.org', MON_1100, { channel: 'email' })).status).toBe(201);
        expect((await refusal(await attempt(caseId, '07700 900622', MON_1100))).rules).toEqual(['number-not-on-plan']);
        // Confirming the times again is not a review of the numbers.
        expect((await confirm(caseId, { timeRule: 'windows', windows })).status).toBe(200);
        expect((await view(caseId)).revisedSafeContact?.withdrawnNumbers).toEqual(['07700900621']);
        // Saving the plan is: the new number goes on it, the hold ends.
        const review = await call(cw, 'PUT', `/cases/${caseId}/safe-contact`, { plan: savedPlan('07700 900622') });
        const reviewed = (await review.json()) as SafeContactView;
        expect(reviewed.revisedSafeContact).toBeNull();
        expect(reviewed.plan.policeContact).toEqual({ phone: '07700 900622', smsSafe: true, voicemailSafe: true });
        expect((await attempt(caseId, '07700 900622', MON_1100)).status).toBe(201);
      });

      it('holds only texts when the police now say texts are not safe; a change that allows more holds nothing', async () => {
        const { caseId, body } = await saved('07700 900623');
        await revise(body, 2, { smsSafe: false });
        expect((await view(caseId)).revisedSafeContact).toMatchObject({ withdrawnNumbers: [], heldChannels: ['sms'] });
        expect((await refusal(await attempt(caseId, '07700 900623', MON_1100, { channel: 'sms' }))).rules).toEqual([
          'police-revised-contact',
        ]);
        expect((await attempt(caseId, '07700 900623', MON_1100)).status).toBe(201);

        // Saved while the police said texts were not safe; then they say texts are, and give a second number.
        const other = await saved('07700 900624');
        await revise(other.body, 2, { smsSafe: false });
        expect((await call(cw, 'PUT', `/cases/${other.caseId}/safe-contact`, { plan: savedPlan('07700 900624') })).status).toBe(200);
        await revise(other.body, 3, { smsSafe: true, phone: '07700 900624 / 01632 960624' });
        expect((await view(other.caseId)).revisedSafeContact).toEqual({
          was: { phone: '07700 900624', smsSafe: false, voicemailSafe: true },
          now: { phone: '07700 900624 / 01632 960624', smsSafe: true, voicemailSafe: true },
          withdrawnNumbers: [],
          heldChannels: [],
        });
        expect((await attempt(other.caseId, '07700 900624', MON_1100, { channel: 'sms' })).status).toBe(201);
      });

      it('holds a number withdrawn on a plan no caseworker has saved (it follows the report), until one is', async () => {
        const { caseId, body } = await post(UNCLEAR_TEXT, '07700 900628');
        await revise(body, 2, { phone: '07700 900629' });
        const v = await view(caseId);
        expect(v.editedAt).toBeNull();
        expect(v.revisedSafeContact).toMatchObject({ withdrawnNumbers: ['07700900628'], heldChannels: [] });
        // Not only "not on the plan" (a caseworker may override that): withdrawn by the police, no override.
        const p = await refusal(await attempt(caseId, '07700 900628', MON_1100, { override: { reason: 'Called her there yesterday' } }));
        expect(p.notOverridable).toEqual(['police-revised-contact']);
        // Confirming the times saves the plan without reviewing the numbers: still held.
        expect((await confirm(caseId, { timeRule: 'windows', windows })).status).toBe(200);
        expect((await view(caseId)).revisedSafeContact?.withdrawnNumbers).toEqual(['07700900628']);
        expect((await call(cw, 'PUT', `/cases/${caseId}/safe-contact`, { plan: savedPlan('07700 900629') })).status).toBe(200);
        expect((await view(caseId)).revisedSafeContact).toBeNull();

        // A number added, the times confirmed (the plan now lists both, neither reviewed), then one withdrawn: held.
        const added = await post(UNCLEAR_TEXT, '07700 900634');
        await revise(added.body, 2, { phone: '07700 900634 / 07700 900635' });
        expect((await view(added.caseId)).revisedSafeContact).toMatchObject({ withdrawnNumbers: [], heldChannels: [] });
        expect((await confirm(added.caseId, { timeRule: 'windows', windows })).status).toBe(200);
        await revise(added.body, 3, { phone: '07700 900634' });
        expect((await view(added.caseId)).revisedSafeContact?.withdrawnNumbers).toEqual(['07700900635']);
        expect((await refusal(await attempt(added.caseId, '07700 900635', MON_1100))).notOverridable).toEqual(['police-revised-contact']);
        expect((await attempt(added.caseId, '07700 900634', MON_1100)).status).toBe(201);
      });

      it('gives the plans saved before the police details were kept what their numbers were last reviewed against (migration)', async () => {
        const strip = (id: string) =>
          t.db.query(`UPDATE cases SET safe_contact_plan = safe_contact_plan - 'policeContact' WHERE id = $1`, [id]);
        const kept = (id: string) =>
          t.db.query<{ p: unknown }>(`SELECT safe_contact_plan->'policeContact' AS p FROM cases WHERE id = $1`, [id]).then((r) => r[0].p);
        // Saved, then revised by the police: the revision came after the save, so it is one to review.
        const before = await saved('07700 900625');
        await revise(before.body, 2, { voicemailSafe: false });
        // Revised by the police, then saved: reviewed.
        const after = await saved('07700 900626');
        await revise(after.body, 2, { phone: ' 07700 900627 ' });
        expect((await call(cw, 'PUT', `/cases/${after.caseId}/safe-contact`, { plan: savedPlan('07700 900627') })).status).toBe(200);
        // Saved, revised (the number and the times' words), then only the times confirmed: the numbers not reviewed.
        const times = await saved('07700 900630');
        await revise(times.body, 2, { phone: '07700 900631', safeTimes: 'Mondays 10am-12pm' });
        expect((await confirm(times.caseId, { timeRule: 'windows', windows })).status).toBe(200);
        // Never saved but by confirming the times, then revised.
        const timesOnly = await post(UNCLEAR_TEXT, '07700 900632');
        expect((await confirm(timesOnly.caseId, { timeRule: 'windows', windows })).status).toBe(200);
        await revise(timesOnly.body, 2, { phone: '07700 900633' });
        // Revised before anyone saved it, then only the times confirmed: what both revisions said.
        const twice = await post(UNCLEAR_TEXT, '07700/900636');
        await revise(twice.body, 2, { phone: '07700 900637 ext 12', smsSafe: false });
        expect((await confirm(twice.caseId, { timeRule: 'windows', windows })).status).toBe(200);
        const cases = [before, after, times, timesOnly, twice].map((c) => c.caseId);
        const live = await Promise.all(cases.map(kept));
        const views = await Promise.all(cases.map(async (id) => (await view(id)).revisedSafeContact));
        expect(views.map((r) => r?.withdrawnNumbers ?? null)).toEqual([[], null, ['07700900630'], ['07700900632'], ['07700900636']]);
        expect(views[4]?.heldChannels).toEqual(['sms']);
        expect(live[4]).toEqual({ phone: '07700900636 / 07700900637', smsSafe: true, voicemailSafe: true });
        expect(views[0]?.heldChannels).toEqual(['voicemail']);
        for (const id of cases) await strip(id);
        await runMigrations(t, [['PlanPoliceContact1764650000000', 'up']]);
        expect(await Promise.all(cases.map(kept))).toEqual(live);
        expect(await Promise.all(cases.map(async (id) => (await view(id)).revisedSafeContact))).toEqual(views);
      });
    });
  });
}
