import { randomUUID } from 'node:crypto';
import { ROLES, SocketEvents, type OneTimePassword, type Role, type TeamLeadAlerts, type UserAccount } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import { generate } from 'otplib';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, testDatabases, type TestApp } from './harness';

interface Problem {
  code: string;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
}

const NEW_PASSWORD = 'a sensible passphrase of my own';

for (const database of testDatabases()) {
  describe(`administration on ${database.name}`, () => {
    let t: TestApp;
    let admin: string;
    let adminId: string;

    const call = (method: string, path: string, cookie: string, body?: unknown) =>
      fetch(`${t.url}/api/v1${path}`, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const signIn = (username: string, password: string, extra: Record<string, unknown> = {}) =>
      fetch(`${t.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password, ...extra }),
      });
    const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0];
    const accounts = async (): Promise<UserAccount[]> => (await (await call('GET', '/users/accounts', admin)).json()) as UserAccount[];
    const idOf = async (username: string) => (await accounts()).find((a) => a.username === username)?.id as string;
    const create = async (username: string, roles: Role[], partnerId?: string) => {
      const res = await call('POST', '/users', admin, {
        username,
        displayName: `Test ${username}`,
        roles,
        ...(partnerId ? { partnerId } : {}),
        // Police accounts belong to a force; an officer also has a collar number (policeProfileProblems).
        ...(roles.includes('officer') || roles.includes('force-lead') ? { force: 'Hertfordshire Constabulary' } : {}),
        ...(roles.includes('officer') ? { collarNumber: `HT${9000 + roles.length}` } : {}),
      });
      expect(res.status, username).toBe(201);
      return (await res.json()) as OneTimePassword;
    };
    /** First sign-in with a one-time password: asked to change it, then in with the new one. */
    const firstSignIn = async (username: string, oneTime: string) => {
      const asked = await signIn(username, oneTime);
      expect(asked.status).toBe(401);
      expect(((await asked.json()) as Problem).code).toBe('password-change-required');
      const res = await signIn(username, oneTime, { newPassword: NEW_PASSWORD });
      expect(res.status).toBe(200);
      return cookieOf(res);
    };
    const connected = (s: Socket) =>
      new Promise<void>((resolve, reject) => {
        s.once(SocketEvents.ready, () => resolve());
        s.once('connect_error', reject);
      });

    beforeAll(async () => {
      t = await startTestApp(database);
      admin = (await t.login('admin')).cookie;
      adminId = ((await (await call('GET', '/auth/me', admin)).json()) as { id: string }).id;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('refuses every administration endpoint to non-admins (403)', async () => {
      const id = randomUUID();
      const routes: Array<[string, string, unknown?]> = [
        ['GET', '/users/accounts'],
        ['POST', '/users', { username: 'x-user', displayName: 'X', roles: ['caseworker'] }],
        ['POST', `/users/${id}/deactivate`],
        ['POST', `/users/${id}/reactivate`],
        ['POST', `/users/${id}/password-reset`],
        ['POST', `/users/${id}/mfa-reset`],
        ['PUT', `/users/${id}/roles`, { roles: ['admin'] }],
        ['GET', '/feed-sources'],
        ['POST', '/feed-sources', { name: 'x', force: 'y' }],
        ['POST', `/feed-sources/${id}/revoke`],
      ];
      for (const username of ['caseworker', 'team-lead', 'auditor', 'partner-idva']) {
        const cookie = (await t.login(username)).cookie;
        for (const [method, path, body] of routes)
          expect((await call(method, path, cookie, body)).status, `${username} ${method} ${path}`).toBe(403);
      }
    });

    it('creates a user of each role with a one-time password that must be changed at first sign-in', async () => {
      for (const role of ROLES) {
        const username = `new-${role}`;
        const created = await create(username, [role], role === 'partner' ? 'idva' : undefined);
        expect(created.oneTimePassword.length).toBeGreaterThanOrEqual(15);
        const cookie = await firstSignIn(username, created.oneTimePassword);
        const me = (await (await call('GET', '/auth/me', cookie)).json()) as { roles: Role[] };
        expect(me.roles).toEqual([role]);
        // Once is enough to prove a used one-time password is dead: every refusal counts against this address in the
        // sign-in throttle, and seven roles' worth would throttle the tests after this one.
        if (role === ROLES[0]) expect((await signIn(username, created.oneTimePassword)).status).toBe(401);
      }
      const listed = await accounts();
      const partner = listed.find((a) => a.username === 'new-partner');
      expect(partner).toMatchObject({ partnerId: 'idva', roles: ['partner'], active: true, mfaEnrolled: false, mustChangePassword: false });
      expect(JSON.stringify(listed)).not.toMatch(/argon2|password_hash|mfa_secret/);
      const audit = await t.db.query<{ n: string }>(
        "SELECT count(*) AS n FROM audit_entries WHERE action = 'user.created' AND actor_id = $1",
        [adminId],
      );
      expect(Number(audit[0].n)).toBe(ROLES.length);
    });

    it('ties a partner user to an existing agency, with the partner role only; names every failing path', async () => {
      const post = (body: unknown) => call('POST', '/users', admin, body);
      const cases: Array<[unknown, string[]]> = [
        [{ username: 'p-none', displayName: 'P', roles: ['partner'] }, ['/partnerId']],
        [{ username: 'p-unknown', displayName: 'P', roles: ['partner'], partnerId: 'no-such-agency' }, ['/partnerId']],
        [{ username: 'p-mixed', displayName: 'P', roles: ['partner', 'caseworker'], partnerId: 'idva' }, ['/roles']],
        [{ username: 'staff-agency', displayName: 'S', roles: ['caseworker'], partnerId: 'idva' }, ['/partnerId']],
        [{ username: 'Bad Name!', displayName: '', roles: [], extra: 1 }, ['/displayName', '/extra', '/roles', '/username']],
      ];
      for (const [body, paths] of cases) {
        const res = await post(body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.headers.get('content-type')).toMatch(/problem\+json/);
        const problem = (await res.json()) as Problem;
        expect([...new Set(problem.errors?.map((e) => e.path))].sort(), JSON.stringify(body)).toEqual(paths);
      }
      const dup = await post({ username: 'caseworker', displayName: 'Again', roles: ['caseworker'] });
      expect(dup.status).toBe(409);
      expect(((await dup.json()) as Problem).code).toBe('username-taken');
    });

    it('deactivating a user ends their HTTP session and their open socket at once; reactivating lets them sign in again', async () => {
      const created = await create('leaving-caseworker', ['caseworker']);
      const cookie = await firstSignIn('leaving-caseworker', created.oneTimePassword);
      const socket = t.socket(null, { cookie });
      await connected(socket);
      const closed = new Promise<number>((resolve) => socket.once('disconnect', () => resolve(Date.now())));
      const before = Date.now();
      expect((await call('POST', `/users/${created.id}/deactivate`, admin)).status).toBe(204);
      expect(await closed).toBeLessThan(before + 2000);
      expect((await call('GET', '/auth/me', cookie)).status).toBe(401);
      expect((await signIn('leaving-caseworker', NEW_PASSWORD)).status).toBe(401);
      expect((await accounts()).find((a) => a.id === created.id)?.active).toBe(false);
      expect((await call('POST', `/users/${created.id}/reactivate`, admin)).status).toBe(204);
      expect((await signIn('leaving-caseworker', NEW_PASSWORD)).status).toBe(200);
      const audit = await t.db.query<{ action: string; details: { sessionsEnded: number } }>(
        "SELECT action, details FROM audit_entries WHERE entity_id = $1 AND action LIKE 'user.%' ORDER BY id",
        [created.id],
      );
      expect(audit.map((a) => a.action)).toEqual(['user.created', 'user.deactivated', 'user.reactivated']);
      expect(audit[1].details.sessionsEnded).toBe(1);
    });

    it('a role change ends the sessions: the user signs in again under the new roles', async () => {
      const created = await create('promoted', ['caseworker']);
      const cookie = await firstSignIn('promoted', created.oneTimePassword);
      const socket = t.socket(null, { cookie });
      await connected(socket);
      const closed = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
      expect((await call('PUT', `/users/${created.id}/roles`, admin, { roles: ['team-lead'] })).status).toBe(204);
      await closed;
      expect((await call('GET', '/auth/me', cookie)).status).toBe(401);
      const again = cookieOf(await signIn('promoted', NEW_PASSWORD));
      expect(((await (await call('GET', '/auth/me', again)).json()) as { roles: Role[] }).roles).toEqual(['team-lead']);
      // A staff member cannot be given the partner role without an agency.
      const bad = await call('PUT', `/users/${created.id}/roles`, admin, { roles: ['partner'] });
      expect(bad.status).toBe(400);
      expect((await call('PUT', `/users/${randomUUID()}/roles`, admin, { roles: ['caseworker'] })).status).toBe(404);
    });

    it('an admin may neither deactivate nor demote themself', async () => {
      const self = await call('POST', `/users/${adminId}/deactivate`, admin);
      expect(self.status).toBe(409);
      expect(((await self.json()) as Problem).code).toBe('self-deactivation');
      const demote = await call('PUT', `/users/${adminId}/roles`, admin, { roles: ['caseworker'] });
      expect(demote.status).toBe(409);
      expect(((await demote.json()) as Problem).code).toBe('self-demotion');
      expect((await call('GET', '/auth/me', admin)).status).toBe(200);
      // Nor give themself a role that sees case data: another admin grants it (four eyes).
      for (const extra of ['team-lead', 'caseworker', 'auditor'] as const) {
        const grant = await call('PUT', `/users/${adminId}/roles`, admin, { roles: ['admin', extra] });
        expect(grant.status, extra).toBe(403);
        expect(((await grant.json()) as Problem).detail, extra).toMatch(/another admin must grant it/);
      }
      const [row] = await t.db.query<{ roles: string[] }>('SELECT roles FROM users WHERE id = $1', [adminId]);
      expect(row.roles).toEqual(['admin']);
      expect((await call('GET', '/auth/me', admin)).status).toBe(200);
    });

    it('resets a password (one-time, sessions end) and a second factor (sessions end, sign-in without a code)', async () => {
      const created = await create('forgetful', ['caseworker']);
      const cookie = await firstSignIn('forgetful', created.oneTimePassword);
      const reset = await call('POST', `/users/${created.id}/password-reset`, admin);
      expect(reset.status).toBe(200);
      const { oneTimePassword } = (await reset.json()) as OneTimePassword;
      expect(oneTimePassword).not.toBe(created.oneTimePassword);
      expect((await call('GET', '/auth/me', cookie)).status).toBe(401);
      expect((await signIn('forgetful', NEW_PASSWORD)).status).toBe(401);
      const fresh = await firstSignIn('forgetful', oneTimePassword);

      // Enrol a second factor, then lose the phone.
      const setup = (await (await call('POST', '/auth/mfa/setup', fresh)).json()) as { secret: string; enrolmentToken: string };
      const otp = await generate({ secret: setup.secret });
      expect((await call('POST', '/auth/mfa/confirm', fresh, { otp, enrolmentToken: setup.enrolmentToken })).status).toBe(204);
      expect((await accounts()).find((a) => a.id === created.id)?.mfaEnrolled).toBe(true);
      expect(((await (await signIn('forgetful', NEW_PASSWORD)).json()) as Problem).code).toBe('mfa-required');
      expect((await call('POST', `/users/${created.id}/mfa-reset`, admin)).status).toBe(204);
      expect((await call('GET', '/auth/me', fresh)).status).toBe(401);
      expect((await accounts()).find((a) => a.id === created.id)?.mfaEnrolled).toBe(false);
      expect((await signIn('forgetful', NEW_PASSWORD)).status).toBe(200);

      // A one-time password not used within 72 hours has expired: an admin must reset it again.
      const again = (await (await call('POST', `/users/${created.id}/password-reset`, admin)).json()) as OneTimePassword;
      await t.db.query("UPDATE users SET password_changed_at = now() - interval '73 hours' WHERE id = $1", [created.id]);
      const expired = await signIn('forgetful', again.oneTimePassword, { newPassword: 'yet another fine passphrase' });
      expect(expired.status).toBe(401);
      expect(((await expired.json()) as Problem).code).toBe('one-time-password-expired');
      const audit = await t.db.query<{ action: string }>(
        'SELECT action FROM audit_entries WHERE entity_id = $1 AND actor_id = $2 ORDER BY id',
        [created.id, adminId],
      );
      expect(audit.map((a) => a.action)).toEqual(['user.created', 'user.password-reset', 'user.mfa-reset', 'user.password-reset']);

      // Every team lead is told: an admin, who reads no case, made an account that reads cases and reset its password
      // and second factor (the ways to make or take over one), with the admin named (who may not acknowledge it).
      const lead = (await t.login('team-lead')).cookie;
      const alertsOf = async (userId: string) =>
        (((await (await call('GET', '/alerts', lead)).json()) as TeamLeadAlerts).safety ?? []).filter(
          (s) => s.kind === 'account-change' && s.userId === userId,
        );
      const mine = await alertsOf(created.id);
      expect(mine.map((s) => s.change)).toEqual(['password-reset', 'mfa-reset', 'password-reset', 'created']);
      expect(mine[3]).toMatchObject({ user: 'Test forgetful', roles: ['caseworker'], by: expect.any(String), byId: adminId });
      // Deactivated and brought back: told too (the roles it had then).
      expect((await call('POST', `/users/${created.id}/deactivate`, admin)).status).toBe(204);
      expect((await call('POST', `/users/${created.id}/reactivate`, admin)).status).toBe(204);
      expect((await alertsOf(created.id))[0]).toMatchObject({ change: 'reactivated', roles: ['caseworker'] });
      // A partner user reads their agency's referrals: told. An officer reads no victim's data: nothing.
      const partner = await create('alert-partner', ['partner'], 'idva');
      expect(await alertsOf(partner.id)).toEqual([expect.objectContaining({ change: 'created', roles: ['partner'] })]);
      const officer = await create('no-alert-officer', ['officer']);
      expect(await alertsOf(officer.id)).toEqual([]);
    });

    it('creates a feed key the intake accepts (shown once, stored hashed), and revoking it stops it at once', async () => {
      const res = await call('POST', '/feed-sources', admin, { name: 'Test force records', force: 'Hertfordshire Constabulary' });
      expect(res.status).toBe(201);
      const feed = (await res.json()) as { id: string; key: string; revokedAt: string | null };
      // Every team lead is told (a key posts revisions, which can change a victim's safe number), the admin named.
      const lead = (await t.login('team-lead')).cookie;
      const [adminRow] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin'");
      const issued = (((await (await call('GET', '/alerts', lead)).json()) as TeamLeadAlerts).safety ?? []).filter(
        (s) => s.kind === 'account-change' && s.change === 'feed-key-issued' && s.user === 'Test force records',
      );
      expect(issued).toEqual([expect.objectContaining({ by: expect.any(String), byId: adminRow.id })]);
      expect(issued[0]).not.toHaveProperty('userId');
      expect(feed.key.length).toBeGreaterThanOrEqual(40);
      expect(feed.revokedAt).toBeNull();
      const stored = await t.db.query<{ key_hash: string }>('SELECT key_hash FROM feed_sources WHERE id = $1', [feed.id]);
      expect(stored[0].key_hash).not.toContain(feed.key);
      const listed = (await (await call('GET', '/feed-sources', admin)).json()) as Array<Record<string, unknown>>;
      expect(listed.find((f) => f['id'] === feed.id)).toBeDefined();
      expect(JSON.stringify(listed)).not.toContain(feed.key);

      expect((await t.postReport(createReport({}, 4100), { key: feed.key })).status).toBe(201);
      expect((await call('POST', `/feed-sources/${feed.id}/revoke`, admin)).status).toBe(204);
      expect((await t.postReport(createReport({}, 4101), { key: feed.key })).status).toBe(401);
      expect((await call('POST', `/feed-sources/${randomUUID()}/revoke`, admin)).status).toBe(404);
      const bad = await call('POST', '/feed-sources', admin, { name: '', force: 42 });
      expect(bad.status).toBe(400);
      const audit = await t.db.query<{ action: string }>('SELECT action FROM audit_entries WHERE entity_id = $1 ORDER BY id', [feed.id]);
      expect(audit.map((a) => a.action)).toEqual(['feed-source.created', 'feed-source.revoked']);
    });
  });
}
