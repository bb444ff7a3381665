import { DEMO_FORCE } from '@lantern/api/auth';
import {
  SocketEvents,
  type CaseChangedEvent,
  type CasePage,
  type CurrentUser,
  type OfficerReferralList,
  type OfficerReferralReceipt,
  type PoliceReport,
  type ProblemDetails,
  type ReadyEvent,
} from '@lantern/shared/domain';
import { createReport, merge } from '@lantern/shared/testing';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, waitFor, type TestApp } from './harness';
import { claim } from './support/claim';
import { decideChildrenWhenAsked } from './support/childrens-services';

const PATH = '/api/v1/officer/referrals';

/** What the officer app sends: a report without the officer and source blocks (the server fills them). */
function officerReport(i: number, overrides: Partial<Record<string, unknown>> = {}): Record<string, unknown> {
  const r = merge(createReport({ victim: { personId: `P0OFR${i}` } }, 7100 + i), {
    reference: `HC/OFR/${String(i).padStart(4, '0')}`,
    officerRiskAssessment: { tool: 'judgement', riskLevel: 'medium', dash: undefined },
    victim: { safeContact: { phone: `07700 900${String(600 + i)}`, safeTimes: 'any time' } },
    consent: { supportReferral: 'given', informationSharing: 'given' },
  }) as Partial<PoliceReport>;
  const body: Record<string, unknown> = { ...r };
  delete body['officer'];
  delete body['source'];
  return { ...body, ...overrides };
}

function connected(s: Socket): Promise<ReadyEvent> {
  return new Promise((resolve, reject) => {
    s.once(SocketEvents.ready, resolve);
    s.once('connect_error', reject);
  });
}

for (const database of testDatabases()) {
  describe(`officer referrals on ${database.name}`, () => {
    let t: TestApp;
    let officer: string;
    let officerToken: string;
    let officerId: string;
    let other: string;
    let cw: string;
    let cwToken: string;
    let admin: string;

    const call = (cookie: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${t.url}/api/v1${path}`, {
        method,
        headers: { cookie, 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
    const submit = (cookie: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${t.url}${PATH}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const list = async (cookie: string, q = ''): Promise<OfficerReferralList> => {
      const res = await fetch(`${t.url}${PATH}${q}`, { headers: { cookie } });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as OfficerReferralList;
    };
    const ok = async (res: Promise<Response>, status = 200) => {
      const r = await res;
      expect(r.status, await r.clone().text()).toBe(status);
      return r.json();
    };
    const stored = () => Promise.all(['reports', 'cases', 'outbox'].map((n) => t.count(n)));

    beforeAll(async () => {
      t = await startTestApp(database, { LANTERN_OFFICER_BURST: '40' });
      // A second officer of the same force, signed in with the demo password (the one-time password flow is admin.spec's).
      await t.db.query(
        `INSERT INTO users (id, username, display_name, password_hash, roles, force, collar_number, team)
         SELECT gen_random_uuid(), 'officer2', 'PC Robin Vale', password_hash, roles, force, 'HT5002', 'Response Team South'
           FROM users WHERE username = 'officer'`,
      );
      // An officer account an admin has not finished: no force, no collar number.
      await t.db.query(
        `INSERT INTO users (id, username, display_name, password_hash, roles)
         SELECT gen_random_uuid(), 'officer3', 'PC New Starter', password_hash, roles FROM users WHERE username = 'officer'`,
      );
      const o = await t.login('officer');
      officer = o.cookie;
      officerToken = o.token;
      [other, admin] = await Promise.all(['officer2', 'admin'].map(async (u) => (await t.login(u)).cookie));
      const c = await t.login('caseworker');
      cw = c.cookie;
      cwToken = c.token;
      officerId = ((await (await call(officer, 'GET', '/auth/me')).json()) as CurrentUser).id;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('says who the officer is on /auth/me: force, collar number, team (null for hub staff)', async () => {
      const me = (await ok(call(officer, 'GET', '/auth/me'))) as CurrentUser;
      expect(me).toMatchObject({ username: 'officer', force: DEMO_FORCE, collarNumber: 'HT4821', team: 'Response Team North' });
      const lead = (await ok(call((await t.login('force-lead')).cookie, 'GET', '/auth/me'))) as CurrentUser;
      expect(lead).toMatchObject({ force: DEMO_FORCE, collarNumber: null, team: null });
      const staff = (await ok(call(cw, 'GET', '/auth/me'))) as CurrentUser;
      expect(staff).toMatchObject({ force: null, collarNumber: null, team: null });
    });

    it('accepts a referral through the one intake, fills officer and source, shows it live in the queue; a retry is a duplicate', async () => {
      const caseworkerSocket = t.socket(cwToken);
      const officerSocket = t.socket(officerToken);
      await Promise.all([connected(caseworkerSocket), connected(officerSocket)]);
      const seen: CaseChangedEvent[] = [];
      const officerHeard: unknown[][] = [];
      caseworkerSocket.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => seen.push(e));
      officerSocket.onAny((name: string, ...args: unknown[]) => officerHeard.push([name, ...args]));

      const body = officerReport(1);
      const res = await submit(officer, body);
      expect(res.status, await res.clone().text()).toBe(201);
      const receipt = (await res.json()) as OfficerReferralReceipt;
      expect(receipt).toMatchObject({ status: 'created', reference: 'HC/OFR/0001' });
      expect(Date.parse(receipt.receivedAt)).toBeGreaterThan(Date.now() - 60_000);

      const [row] = await t.db.query<{ body: PoliceReport; submitted_by: string; feed_source_id: string | null }>(
        'SELECT body, submitted_by, feed_source_id FROM reports WHERE id = $1',
        [receipt.reportId],
      );
      expect(row.submitted_by).toBe(officerId);
      expect(row.feed_source_id).toBeNull();
      expect(row.body.source).toEqual({
        force: DEMO_FORCE,
        system: 'officer-app',
        sentAt: (body['incident'] as { reportedAt: string }).reportedAt,
      });
      expect(row.body.officer).toEqual({
        collarNumber: 'HT4821',
        name: 'PC Casey Lane',
        email: 'casey.lane@police.example',
        team: 'Response Team North',
      });

      // Live: the caseworker's socket gets case.changed; the officer's socket gets nothing about cases.
      await waitFor(() => seen.find((e) => e.case.id === receipt.caseId));
      // In the hub's queue.
      const queue = (await ok(call(cw, 'GET', '/cases?limit=500'))) as CasePage;
      expect(queue.items.map((c) => c.id)).toContain(receipt.caseId);

      // The retry (a lost answer on a phone signal): 200 duplicate, the same ids, nothing new stored.
      const before = await stored();
      const again = await submit(officer, body);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ ...receipt, status: 'duplicate' });
      expect(await stored()).toEqual(before);
      await new Promise((r) => setTimeout(r, 300));
      expect(officerHeard.filter(([name]) => name !== SocketEvents.ready)).toEqual([]);

      // Audited as the officer (a user), on the officer channel.
      const audit = await t.db.query<{ action: string; actor_type: string; actor_id: string; details: Record<string, unknown> }>(
        `SELECT action, actor_type, actor_id, details FROM audit_entries WHERE action IN ('report.created', 'report.duplicate')
           AND (entity_id = $1 OR entity_id = $2) ORDER BY id`,
        [receipt.caseId, receipt.reportId],
      );
      expect(audit.map((a) => [a.action, a.actor_type, a.actor_id, a.details['channel']])).toEqual([
        ['report.created', 'user', officerId, 'officer'],
        ['report.duplicate', 'user', officerId, 'officer'],
      ]);
    });

    it('takes an officer block with the officer’s own details (blank ones filled) and a source block that says officer-app', async () => {
      const sent = officerReport(2, {
        officer: { collarNumber: 'HT4821', team: 'Response Team North', email: 'Casey.Lane@police.example', name: '  ' },
        source: { force: DEMO_FORCE, system: 'officer-app', sentAt: new Date().toISOString() },
      });
      const receipt = (await ok(submit(officer, sent), 201)) as OfficerReferralReceipt;
      const [row] = await t.db.query<{ body: PoliceReport }>('SELECT body FROM reports WHERE id = $1', [receipt.reportId]);
      // Always the account's, exactly as the account has it.
      expect(row.body.officer).toEqual({
        collarNumber: 'HT4821',
        team: 'Response Team North',
        name: 'PC Casey Lane',
        email: 'casey.lane@police.example',
      });
      expect(row.body.source.system).toBe('officer-app');
    });

    it('refuses a referral under someone else’s name, email or team, naming each path, and stores nothing', async () => {
      const before = await stored();
      const impersonated = await submit(
        officer,
        officerReport(7, {
          officer: { collarNumber: 'HT4821', name: 'DC Someone Else', email: 'someone.else@police.example', team: 'CID' },
        }),
      );
      expect(impersonated.status, await impersonated.clone().text()).toBe(400);
      const problem = (await impersonated.json()) as ProblemDetails;
      expect(problem.errors).toEqual([
        { path: '/officer/name', message: 'must be your own name as on your account (or leave it out)' },
        { path: '/officer/email', message: 'must be your own email as on your account (or leave it out)' },
        { path: '/officer/team', message: 'must be your own team as on your account (or leave it out)' },
      ]);
      // One field is enough to be refused; another officer's collar number with the officer's own name too.
      for (const [officerBlock, path] of [
        [{ name: 'DC Someone Else' }, '/officer/name'],
        [{ collarNumber: 'HT4821', team: 'Public Protection' }, '/officer/team'],
        [{ collarNumber: 'HT9999', name: 'PC Casey Lane' }, '/officer/collarNumber'],
        [{ email: 7 }, '/officer/email'],
      ] as const) {
        const res = await submit(officer, officerReport(7, { officer: officerBlock }));
        expect(res.status).toBe(400);
        expect(((await res.json()) as ProblemDetails).errors?.map((e) => e.path)).toEqual([path]);
      }
      // The other officer (no email on the account) cannot send an email either.
      const noEmail = await submit(other, officerReport(7, { reference: 'HC/OFR/OTHR', officer: { email: 'casey.lane@police.example' } }));
      expect(noEmail.status).toBe(400);
      expect(((await noEmail.json()) as ProblemDetails).errors?.map((e) => e.path)).toEqual(['/officer/email']);
      expect(await stored()).toEqual(before);
    });

    it('refuses consent "not-asked" (or anything but given/refused) on the officer channel, naming each path', async () => {
      const before = await stored();
      const notAsked = await submit(
        officer,
        officerReport(8, { consent: { supportReferral: 'not-asked', informationSharing: 'not-asked' } }),
      );
      expect(notAsked.status, await notAsked.clone().text()).toBe(400);
      expect(((await notAsked.json()) as ProblemDetails).errors).toEqual([
        { path: '/consent/supportReferral', message: 'must be "given" or "refused": ask the victim at the scene and record their answer' },
        {
          path: '/consent/informationSharing',
          message: 'must be "given" or "refused": ask the victim at the scene and record their answer',
        },
      ]);
      const one = await submit(officer, officerReport(8, { consent: { supportReferral: 'given', informationSharing: 'not-asked' } }));
      expect(((await one.json()) as ProblemDetails).errors?.map((e) => e.path)).toEqual(['/consent/informationSharing']);
      // Missing: named once, by path, not twice.
      const missing = await submit(officer, officerReport(8, { consent: { informationSharing: 'refused' } }));
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as ProblemDetails).errors?.map((e) => e.path)).toEqual(['/consent/supportReferral']);
      // With another problem, both at once.
      const both = await submit(
        officer,
        officerReport(8, { consent: { supportReferral: 'refused', informationSharing: 'not-asked' }, revision: 0 }),
      );
      expect(((await both.json()) as ProblemDetails).errors?.map((e) => e.path).sort()).toEqual([
        '/consent/informationSharing',
        '/revision',
      ]);
      expect(await stored()).toEqual(before);
      // Refused is an answer: accepted (here as a revision of the officer's own referral, so the lists below stay as they are).
      const refused = (await ok(
        submit(officer, officerReport(2, { revision: 2, consent: { supportReferral: 'refused', informationSharing: 'refused' } })),
      )) as OfficerReferralReceipt;
      expect(refused.status).toBe('revised');
    });

    it('refuses another collar number, another force, another channel and a bad body, storing nothing', async () => {
      const before = await stored();
      const problem = async (res: Response, status: number) => {
        expect(res.status, await res.clone().text()).toBe(status);
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
        return (await res.json()) as ProblemDetails;
      };
      const collar = await problem(await submit(officer, officerReport(3, { officer: { collarNumber: 'HT9999' } })), 400);
      expect(collar.errors).toEqual([
        { path: '/officer/collarNumber', message: 'must be your own collar number as on your account (or leave it out)' },
      ]);

      // Another collar number and a bad field: both named at once.
      const both = await problem(await submit(officer, officerReport(3, { officer: { collarNumber: 'HT9999' }, revision: 0 })), 400);
      expect(both.errors?.map((e) => e.path).sort()).toEqual(['/officer/collarNumber', '/revision']);

      const force = await problem(
        await submit(
          officer,
          officerReport(3, { source: { force: 'Bedfordshire Police', system: 'officer-app', sentAt: new Date().toISOString() } }),
        ),
        403,
      );
      expect(force.code).toBe('forbidden');

      const channel = await problem(
        await submit(
          officer,
          officerReport(3, { source: { force: DEMO_FORCE, system: 'records-feed', sentAt: new Date().toISOString() } }),
        ),
        400,
      );
      expect(channel.errors?.map((e) => e.path)).toEqual(['/source/system']);

      // A bad body: every failing path of the body as sent, none of the filled blocks.
      const bad = officerReport(3);
      const incident = { ...(bad['incident'] as Record<string, unknown>) };
      delete incident['reportedAt'];
      const badBody = {
        ...bad,
        reference: 'lower/case',
        incident,
        victim: { ...(bad['victim'] as Record<string, unknown>), firstName: 7 },
        extra: true,
      };
      const invalid = await problem(await submit(officer, badBody), 400);
      const paths = (invalid.errors ?? []).map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['/reference', '/incident/reportedAt', '/victim/firstName', '/extra']));
      expect(paths.filter((p) => p.startsWith('/source') || p.startsWith('/officer'))).toEqual([]);

      for (const [raw, status] of [
        ['{"not json', 400],
        ['[]', 400],
        ['null', 400],
      ] as const) {
        const r = await problem(await submit(officer, raw), status);
        expect(r.errors?.map((e) => e.path)).toEqual(['/']);
      }
      expect((await submit(officer, JSON.stringify(officerReport(3)), { 'content-type': 'text/plain' })).status).toBe(415);
      const huge = await submit(officer, { ...officerReport(3), pad: 'x'.repeat(300 * 1024) });
      expect(huge.status).toBe(413);
      await huge.body?.cancel();

      // An officer account with no force or collar number: told to ask an admin, nothing stored.
      const starter = (await t.login('officer3')).cookie;
      const incomplete = await problem(await submit(starter, officerReport(4)), 403);
      expect(incomplete.code).toBe('profile-incomplete');
      expect(incomplete.detail).toMatch(/ask an admin to set your force and collar number/);

      expect(await stored()).toEqual(before);
    });

    it('keeps a reference to whoever sent it: another officer cannot revise it, and the feed’s references are not the officer’s', async () => {
      const theirs = officerReport(1, { revision: 2 });
      const taken = await submit(other, theirs);
      expect(taken.status).toBe(409);
      expect(((await taken.json()) as ProblemDetails).code).toBe('reference-taken');

      const feed = createReport({ reference: 'HC/OFR/FEED', victim: { personId: 'P0OFRF' } }, 7190);
      expect((await t.postReport(feed)).status).toBe(201);
      const over = await submit(officer, officerReport(5, { reference: 'HC/OFR/FEED', revision: 2 }));
      expect(over.status).toBe(409);
      expect(((await over.json()) as ProblemDetails).code).toBe('reference-taken');
      // The revision the hub holds, with another body: the same answer, saying nothing of which revisions the hub
      // holds for a reference that is not this officer's (it was revision-conflict).
      const probe = await submit(officer, officerReport(6, { reference: 'HC/OFR/FEED', revision: 1 }));
      expect(probe.status).toBe(409);
      expect(((await probe.json()) as ProblemDetails).code).toBe('reference-taken');

      // The officer's own revision is a revision (200), the same case.
      const mine = (await ok(submit(officer, officerReport(1, { revision: 2 })))) as OfficerReferralReceipt;
      expect(mine.status).toBe('revised');
      const [first] = await t.db.query<{ case_id: string }>("SELECT case_id FROM reports WHERE reference = 'HC/OFR/0001' AND revision = 1");
      expect(mine.caseId).toBe(first.case_id);
    });

    it('is for officers only, and an officer still cannot read the queue, a case or case events', async () => {
      expect((await submit(cw, officerReport(6))).status).toBe(403);
      expect((await fetch(`${t.url}${PATH}`, { headers: { cookie: cw } })).status).toBe(403);
      expect((await fetch(`${t.url}${PATH}`)).status).toBe(401);
      expect((await call(officer, 'GET', '/cases')).status).toBe(403);
      const [any] = await t.db.query<{ id: string }>('SELECT id FROM cases LIMIT 1');
      expect((await call(officer, 'GET', `/cases/${any.id}`)).status).toBe(403);
      // A referral from another origin with the officer's cookie (a cross-site form or fetch): refused before reading.
      expect((await submit(officer, officerReport(6), { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(
        403,
      );
    });

    it('lists the officer’s own referrals with a status that follows the hub: received → contacted → referred-on → closed', async () => {
      const mine = await list(officer);
      expect(mine.referrals.map((r) => r.reference)).toEqual(['HC/OFR/0002', 'HC/OFR/0001']);
      expect(mine.referrals.every((r) => r.status === 'received' && r.statusAt === r.receivedAt)).toBe(true);
      expect(mine.nextBefore).toBeNull();
      // Nothing but the four fields: no victim, no case id, no detail.
      for (const r of mine.referrals) expect(Object.keys(r).sort()).toEqual(['receivedAt', 'reference', 'status', 'statusAt']);
      expect(JSON.stringify(mine)).not.toMatch(/caseId|firstName|lastName|07700/);
      // The other officer sees none of them.
      expect((await list(other)).referrals).toEqual([]);

      const [{ case_id: caseId }] = await t.db.query<{ case_id: string }>(
        "SELECT case_id FROM reports WHERE reference = 'HC/OFR/0001' LIMIT 1",
      );
      const status = async () => (await list(officer)).referrals.find((r) => r.reference === 'HC/OFR/0001');
      await claim(t, cw, caseId);
      await ok(call(cw, 'POST', `/cases/${caseId}/safe-contact/times`, { timeRule: 'any' }));
      const attempt = (outcome: string) =>
        ok(call(cw, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: '07700 900601', outcome }), 201);
      await attempt('no-answer');
      expect((await status())?.status).toBe('received');
      await attempt('spoke-safe');
      const contacted = await status();
      expect(contacted?.status).toBe('contacted');
      expect(Date.parse(contacted?.statusAt ?? '')).toBeGreaterThanOrEqual(Date.parse(contacted?.receivedAt ?? ''));

      await ok(call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'legal', service: 'non-molestation-order' }), 201);
      expect((await status())?.status).toBe('referred-on');
      // Restricted (the victim or suspect is police or hub staff): the officer, maybe the suspect's colleague, sees
      // only that the hub received it; lifted, the progress shows again.
      const lead = (await t.login('team-lead')).cookie;
      const [{ id: cwId }] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'caseworker'");
      await ok(call(lead, 'POST', `/cases/${caseId}/restriction`, { restricted: true, accessList: [cwId], reason: 'colleague' }));
      const hidden = await status();
      expect(hidden).toMatchObject({ status: 'received', statusAt: hidden?.receivedAt });
      await ok(call(lead, 'POST', `/cases/${caseId}/restriction`, { restricted: false, reason: 'no longer needed' }));
      expect((await status())?.status).toBe('referred-on');

      await decideChildrenWhenAsked(t, cw, caseId);
      await ok(
        call(cw, 'POST', `/cases/${caseId}/status`, { status: 'closed', reason: 'Support in place', closureReason: 'support-completed' }),
      );
      const closed = await status();
      expect(closed?.status).toBe('closed');
      expect((await list(officer)).referrals.find((r) => r.reference === 'HC/OFR/0002')?.status).toBe('received');

      // Each read audited as the officer, with case ids only.
      const [entry] = await t.db.query<{ actor_type: string; actor_id: string; details: { caseIds: string[]; count: number } }>(
        "SELECT actor_type, actor_id, details FROM audit_entries WHERE action = 'officer-referral.list' AND actor_id = $1 ORDER BY id DESC LIMIT 1",
        [officerId],
      );
      expect(entry.actor_type).toBe('user');
      expect(entry.details.caseIds).toContain(caseId);
      expect(JSON.stringify(entry.details)).not.toMatch(/HC\/OFR|Casey|07700/);
    });

    it('shows "contacted" for the victim the case names: a conversation with an earlier person a revision replaced does not count', async () => {
      await ok(submit(officer, officerReport(3)), 201);
      const status = async () => (await list(officer)).referrals.find((r) => r.reference === 'HC/OFR/0003');
      const [sent] = await t.db.query<{ case_id: string; body: PoliceReport }>(
        "SELECT case_id, body FROM reports WHERE reference = 'HC/OFR/0003' ORDER BY revision LIMIT 1",
      );
      await claim(t, cw, sent.case_id);
      await ok(call(cw, 'POST', `/cases/${sent.case_id}/safe-contact/times`, { timeRule: 'any' }));
      await ok(
        call(cw, 'POST', `/cases/${sent.case_id}/contact-attempts`, { channel: 'call', to: '07700 900603', outcome: 'spoke-safe' }),
        201,
      );
      expect((await status())?.status).toBe('contacted');
      // The force's feed names another person as the victim: nobody has spoken to her yet.
      const revised = {
        ...sent.body,
        revision: 2,
        source: { ...sent.body.source, system: 'records-feed' },
        victim: { ...sent.body.victim, personId: 'P0OFR-OTHER', firstName: 'Robin', lastName: 'Hale', dateOfBirth: '1979-05-05' },
      };
      expect((await t.postReport(revised)).status).toBe(200);
      expect((await status())?.status).toBe('received');
    });

    it('pages back with ?before= and refuses a bad cursor', async () => {
      const all = await list(officer);
      const older = await list(officer, `?before=${encodeURIComponent(all.referrals[0].receivedAt)}`);
      expect(older.referrals.map((r) => r.reference)).toEqual(all.referrals.slice(1).map((r) => r.reference));
      const bad = await fetch(`${t.url}${PATH}?before=yesterday`, { headers: { cookie: officer } });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as ProblemDetails).errors?.map((e) => e.path)).toEqual(['/before']);
    });

    it("never lets an officer's person id rename the person the hub holds, nor join someone else's history", async () => {
      const feed = createReport(
        { reference: 'HC/OFR/PID1', victim: { personId: 'P0OFRPID', firstName: 'Philippa', lastName: 'Held', dateOfBirth: '1990-04-01' } },
        7195,
      );
      expect((await t.postReport(feed)).status).toBe(201);
      const victimOf = async (reference: string) =>
        (
          await t.db.query<{ victim_id: string; first_name: string; last_name: string; police_person_id: string | null }>(
            `SELECT c.victim_id, p.first_name, p.last_name, p.police_person_id FROM cases c JOIN reports r ON r.case_id = c.id
               JOIN persons p ON p.id = c.victim_id WHERE r.reference = $1 LIMIT 1`,
            [reference],
          )
        )[0];
      const held = await victimOf('HC/OFR/PID1');
      const referral = (i: number, reference: string, victim: Record<string, unknown>) => {
        const body = officerReport(i, { reference });
        Object.assign(body['victim'] as Record<string, unknown>, { personId: 'P0OFRPID', ...victim });
        return body;
      };
      const send = (i: number, reference: string, victim: Record<string, unknown>) => submit(officer, referral(i, reference, victim));
      // Someone else under the same id (neither name agrees: a typo, or a probe): its own unlinked person.
      const created = (await ok(send(20, 'HC/OFR/PID2', { firstName: 'Quentin', lastName: 'Other' }), 201)) as OfficerReferralReceipt;
      const other = await victimOf('HC/OFR/PID2');
      expect(other.victim_id).not.toBe(held.victim_id);
      expect(other).toMatchObject({ first_name: 'Quentin', police_person_id: null });
      expect(await victimOf('HC/OFR/PID1')).toEqual(held);
      const [entry] = await t.db.query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_entries WHERE action = 'report.created' AND entity_id = $1",
        [created.caseId],
      );
      expect(entry.details['personIdsNotLinked']).toEqual(['victim']);
      const [stored] = await t.db.query<{ body: PoliceReport }>("SELECT body FROM reports WHERE reference = 'HC/OFR/PID2'");
      expect(stored.body.victim.personId).toBe('P0OFRPID'); // the report, as the officer sent it
      // Another date of birth: someone else too.
      await ok(send(22, 'HC/OFR/PID4', { firstName: 'Philippa', lastName: 'Held', dateOfBirth: '1991-04-01' }), 201);
      expect((await victimOf('HC/OFR/PID4')).victim_id).not.toBe(held.victim_id);
      // The same person under a new surname (the first name and date of birth agree): linked, and not renamed.
      // Built once: the factory dates a report from the clock, so a second build a second later would be another body.
      const newSurname = referral(21, 'HC/OFR/PID3', { firstName: 'philippa ', lastName: 'Newname', dateOfBirth: '1990-04-01' });
      await ok(submit(officer, newSurname), 201);
      expect(await victimOf('HC/OFR/PID3')).toEqual(held);
      expect(await victimOf('HC/OFR/PID1')).toEqual(held);
      // The force's feed revises that referral; the officer's retry of what they sent is still a duplicate (200).
      const [sent] = await t.db.query<{ body: PoliceReport }>("SELECT body FROM reports WHERE reference = 'HC/OFR/PID3'");
      expect((await t.postReport({ ...sent.body, revision: 2, source: { ...sent.body.source, system: 'records-feed' } })).status).toBe(200);
      const retry = await submit(officer, newSurname);
      expect(retry.status).toBe(200);
      expect(((await retry.json()) as OfficerReferralReceipt).status).toBe('duplicate');
    });

    it('answers 429 with Retry-After when one officer sends too fast, and not for another officer', async () => {
      let limited: Response | undefined;
      for (let i = 0; i < 60 && !limited; i++) {
        const r = await submit(officer, '{"not json');
        if (r.status === 429) limited = r;
        else await r.body?.cancel();
      }
      expect(limited?.status).toBe(429);
      expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
      const res = await submit(other, officerReport(8));
      expect(res.status, await res.clone().text()).toBe(201);
    });

    it('lets an admin create and edit an officer or force lead with force, collar number, team and email', async () => {
      const create = (body: unknown) => call(admin, 'POST', '/users', body);
      const missing = await create({ username: 'pc-new', displayName: 'PC New', roles: ['officer'] });
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as ProblemDetails).errors?.map((e) => e.path)).toEqual(['/force', '/collarNumber']);
      const wrongRole = await create({ username: 'cw-new', displayName: 'Caseworker New', roles: ['caseworker'], force: DEMO_FORCE });
      expect(((await wrongRole.json()) as ProblemDetails).errors?.map((e) => e.path)).toEqual(['/force']);
      const badEmail = await create({
        username: 'pc-new',
        displayName: 'PC New',
        roles: ['officer'],
        force: DEMO_FORCE,
        collarNumber: 'HT1',
        email: 'nope',
      });
      expect(((await badEmail.json()) as ProblemDetails).errors?.map((e) => e.path)).toEqual(['/email']);
      expect(await t.count("users WHERE username IN ('pc-new', 'cw-new')")).toBe(0);

      const made = (await ok(
        create({
          username: 'pc-new',
          displayName: 'PC New',
          roles: ['officer'],
          force: DEMO_FORCE,
          collarNumber: 'HT1234',
          team: 'Response Team East',
          email: 'pc.new@police.example',
        }),
        201,
      )) as { id: string };
      const accounts = (await ok(call(admin, 'GET', '/users/accounts'))) as Array<Record<string, unknown>>;
      expect(accounts.find((a) => a['id'] === made.id)).toMatchObject({
        force: DEMO_FORCE,
        collarNumber: 'HT1234',
        team: 'Response Team East',
        email: 'pc.new@police.example',
      });
      const [audit] = await t.db.query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_entries WHERE action = 'user.created' AND entity_id = $1",
        [made.id],
      );
      expect(JSON.stringify(audit.details)).not.toMatch(/pc\.new@|HT1234/);

      // Edit: new collar number; then a force lead keeps the force and loses collar number and team; then a caseworker loses all.
      const roles = (body: unknown) => call(admin, 'PUT', `/users/${made.id}/roles`, body);
      expect((await roles({ roles: ['officer'], collarNumber: 'HT4321' })).status).toBe(204);
      expect((await roles({ roles: ['officer'], collarNumber: null })).status).toBe(400);
      expect((await roles({ roles: ['force-lead'] })).status).toBe(204);
      const [lead] = await t.db.query<{ force: string; collar_number: string | null; team: string | null; email: string | null }>(
        'SELECT force, collar_number, team, email FROM users WHERE id = $1',
        [made.id],
      );
      expect(lead).toEqual({ force: DEMO_FORCE, collar_number: null, team: null, email: 'pc.new@police.example' });
      expect((await roles({ roles: ['caseworker'] })).status).toBe(204);
      const [cwRow] = await t.db.query<Record<string, unknown>>('SELECT force, collar_number, team, email FROM users WHERE id = $1', [
        made.id,
      ]);
      expect(cwRow).toEqual({ force: null, collar_number: null, team: null, email: null });
      expect((await roles({ roles: ['officer'] })).status).toBe(400);
    });

    it('does not let a signed-out caller in', async () => {
      expect((await fetch(`${t.url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(
        401,
      );
    });
  });
}
