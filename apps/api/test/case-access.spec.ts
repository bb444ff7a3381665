import { randomUUID } from 'node:crypto';
import {
  PresenceEvents,
  SocketEvents,
  type CaseChangedEvent,
  type CaseDetail,
  type CaseRemovedEvent,
  type CasePage,
  type CaseCounts,
  type ProblemDetails,
  type SyncResponse,
  type TeamLeadAlerts,
  type CaseRestrictionResponse,
} from '@lantern/shared/domain';
import { CaseReadAudit } from '@lantern/api/cases';
import { createReport } from '@lantern/shared/testing';
import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_KEY, startTestApp, testDatabases, waitFor, type TestApp } from './harness';

type Problem = ProblemDetails & { errors?: Array<{ path: string; message: string }> };

/**
 * Case access (docs/casework.md, "Who may work on a case" and "Restricted cases"): non-assignee writes refused,
 * a restricted case invisible off its list over HTTP and socket.io, break the glass, the police-staff rule, list
 * reads audited with the bulk-read alarm.
 */
for (const database of testDatabases()) {
  describe(`case access on ${database.name}`, () => {
    let t: TestApp;
    const cookie: Record<string, string> = {};
    const id: Record<string, string> = {};
    let n = 0;
    const post = async (over: Parameters<typeof createReport>[0] = {}) => {
      const res = await t.postReport(createReport({ victim: { personId: `PACC${n}` }, ...over }, 4100 + n++));
      expect(res.status).toBe(201);
      return ((await res.json()) as { caseId: string }).caseId;
    };
    const call = (who: string, method: string, path: string, body?: unknown) =>
      fetch(`${t.url}/api/v1${path}`, {
        method,
        headers: { cookie: cookie[who], 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const connect = async (who: string): Promise<Socket> => {
      const s = t.socket(null, { cookie: cookie[who] });
      await new Promise((resolve, reject) => {
        s.once(SocketEvents.ready, resolve);
        s.once('connect_error', reject);
      });
      return s;
    };

    beforeAll(async () => {
      t = await startTestApp(database, { LANTERN_BULK_READ_ALERT_PER_HOUR: '40', LANTERN_POLICE_STAFF_PERSON_IDS: 'PSTAFF-1' });
      for (const who of ['caseworker', 'caseworker2', 'team-lead', 'auditor', 'admin', 'partner-idva']) {
        cookie[who] = (await t.login(who)).cookie;
        id[who] = ((await (await call(who, 'GET', '/auth/me')).json()) as { id: string }).id;
      }
    });
    afterAll(async () => {
      await t?.close();
    });
    const strip = (p: Problem) => ({ ...p, instance: undefined });
    const referable = {
      officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
      consent: { supportReferral: 'given', informationSharing: 'given' },
    } as const;
    const assigneeOf = async (caseId: string) =>
      (await t.db.query<{ assignee_id: string | null }>('SELECT assignee_id FROM cases WHERE id = $1', [caseId]))[0].assignee_id;
    /** PostgreSQL only: run `during` while another connection holds `hold` uncommitted, committing once a request waits on it. */
    const whileHeld = async <T>(hold: (c: Client) => Promise<unknown>, during: () => Promise<T>): Promise<T> => {
      const c = new Client({ connectionString: t.config.databaseUrl });
      await c.connect();
      try {
        await c.query('BEGIN');
        await hold(c);
        const pending = during();
        for (let i = 0; ; i++) {
          const [{ n }] = await t.db.query<{ n: string }>(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
          );
          if (Number(n) > 0) break;
          if (i > 200) throw new Error('the request never waited for the row lock');
          await new Promise((r) => setTimeout(r, 25));
        }
        await c.query('COMMIT');
        return await pending;
      } finally {
        await c.end();
      }
    };

    it('lets only the assignee or a team lead write; claim first, auditors read only', async () => {
      const caseId = await post();
      const needs = { needs: [] };
      const refused = await call('caseworker', 'PUT', `/cases/${caseId}/needs`, needs);
      expect(refused.status).toBe(403);
      const problem = (await refused.json()) as Problem;
      expect(problem.code).toBe('not-assignee');
      expect(problem.detail).toContain('Claim this case to work on it');
      expect((await call('caseworker', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
      expect((await call('caseworker2', 'POST', `/cases/${caseId}/status`, { status: 'triage' })).status).toBe(403);
      expect((await call('caseworker', 'POST', `/cases/${caseId}/status`, { status: 'triage' })).status).toBe(200);
      expect((await call('team-lead', 'POST', `/cases/${caseId}/status`, { status: 'contacting' })).status).toBe(200);
      expect((await call('auditor', 'GET', `/cases/${caseId}`)).status).toBe(200);
      expect((await call('auditor', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(403);
      const refusals = await t.db.query<{ details: { reason: string } }>(
        "SELECT details FROM audit_entries WHERE action = 'case.access-refused' AND entity_id = $1 AND actor_id = $2",
        [caseId, id['caseworker2']],
      );
      expect(refusals.map((r) => r.details.reason)).toEqual(['not-assignee']);
    });

    it('audits every list read with the case ids returned', async () => {
      const caseId = await post();
      const page = (await (await call('caseworker', 'GET', '/cases?limit=200')).json()) as CasePage;
      expect(page.items.map((c) => c.id)).toContain(caseId);
      const [row] = await t.db.query<{ details: { caseIds: string[] } }>(
        "SELECT details FROM audit_entries WHERE action = 'case.list' AND actor_id = $1 ORDER BY id DESC LIMIT 1",
        [id['caseworker']],
      );
      expect(row.details.caseIds).toEqual(page.items.map((c) => c.id));
    });

    it('audits a page of a longer list with exactly the ids it shows, page after page (the read and its audit are one statement)', async () => {
      await post();
      await post();
      await post();
      const audited = async () =>
        (
          await t.db.query<{ details: { caseIds: string[]; count: number } }>(
            "SELECT details FROM audit_entries WHERE action = 'case.list' AND actor_id = $1 ORDER BY id DESC LIMIT 1",
            [id['caseworker']],
          )
        )[0].details;
      const first = (await (await call('caseworker', 'GET', '/cases?limit=2')).json()) as CasePage;
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).not.toBeNull();
      // Not the row read beyond the page to know there is a next one.
      expect(await audited()).toEqual({ caseIds: first.items.map((c) => c.id), count: 2 });
      const second = (await (await call('caseworker', 'GET', `/cases?limit=2&cursor=${first.nextCursor}`)).json()) as CasePage;
      expect(second.items.length).toBeGreaterThan(0);
      // As a set: a later page is ranked at the first page's instant and its rows shown in the order of now.
      const secondAudit = await audited();
      expect([...secondAudit.caseIds].sort()).toEqual(second.items.map((c) => c.id).sort());
      expect(secondAudit.count).toBe(second.items.length);
      expect(second.items.map((c) => c.id)).not.toContain(first.items[0].id);
      // A list over closed statuses too (its own statement after the read, so the history's count may run in parallel).
      const mixed = (await (await call('caseworker', 'GET', '/cases?limit=2&status=new,closed')).json()) as CasePage;
      expect(mixed.items.length).toBeGreaterThan(0);
      expect(await audited()).toEqual({ caseIds: mixed.items.map((c) => c.id), count: mixed.items.length });
    });

    it('hides a restricted case off its list: 404 like a missing case, gone from lists, counts, workload and sockets', async () => {
      const caseId = await post();
      const outsider = await connect('caseworker2');
      const insider = await connect('caseworker');
      const outsiderEvents: string[] = [];
      const removed: CaseRemovedEvent[] = [];
      outsider.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => outsiderEvents.push(e.caseId));
      outsider.on(SocketEvents.caseRemoved, (e: CaseRemovedEvent) => removed.push(e));
      const insiderEvents: CaseChangedEvent[] = [];
      insider.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => insiderEvents.push(e));
      const { lastSeq } = await new Promise<SyncResponse>((resolve) => outsider.emit(SocketEvents.sync, { afterSeq: 0 }, resolve));

      // Only a team lead restricts; the list must name active hub users.
      expect(
        (await call('caseworker', 'POST', `/cases/${caseId}/restriction`, { restricted: true, accessList: [], reason: 'x' })).status,
      ).toBe(403);
      const bad = await call('team-lead', 'POST', `/cases/${caseId}/restriction`, {
        restricted: true,
        accessList: [id['admin'], randomUUID()],
        reason: 'victim is a colleague',
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as Problem).errors?.map((e) => e.path)).toEqual(['/accessList/0', '/accessList/1']);
      const ok = await call('team-lead', 'POST', `/cases/${caseId}/restriction`, {
        restricted: true,
        accessList: [id['caseworker']],
        reason: 'victim is a colleague',
      });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { restricted: boolean }).restricted).toBe(true);
      const [stored] = await t.db.query<{ access_list: string[] }>('SELECT access_list FROM cases WHERE id = $1', [caseId]);
      expect([...stored.access_list].sort()).toEqual([id['caseworker'], id['team-lead']].sort());

      await waitFor(() => (removed.some((r) => r.caseId === caseId) ? true : undefined));
      await waitFor(() => (insiderEvents.some((e) => e.caseId === caseId && e.case.restricted) ? true : undefined));

      // The same 404 as for a case that does not exist.
      const hidden = await call('caseworker2', 'GET', `/cases/${caseId}`);
      const missing = await call('caseworker2', 'GET', `/cases/${randomUUID()}`);
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(strip((await hidden.json()) as Problem)).toEqual(strip((await missing.json()) as Problem));
      // The id in capitals is the same case, refused the same way, and the refusal is in the trail under the id an
      // auditor searches for (before, it was kept as typed and the case's search never found it).
      const refusedReads = async () =>
        (
          await t.db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM audit_entries WHERE action = 'case.access-refused' AND entity_id = $1 AND actor_id = $2",
            [caseId, id['caseworker2']],
          )
        )[0].n;
      const before = await refusedReads();
      expect((await call('caseworker2', 'GET', `/cases/${caseId.toUpperCase()}`)).status).toBe(404);
      expect(await refusedReads()).toBe(before + 1);
      for (const path of ['needs', 'history', 'consent', 'referrals', 'safe-contact']) {
        expect((await call('caseworker2', 'GET', `/cases/${caseId}/${path}`)).status, path).toBe(404);
      }
      expect((await call('caseworker2', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(404);
      expect((await call('auditor', 'GET', `/cases/${caseId}`)).status).toBe(404);
      expect((await call('caseworker', 'GET', `/cases/${caseId}`)).status).toBe(200);

      const ids = async (who: string) => ((await (await call(who, 'GET', '/cases?limit=200')).json()) as CasePage).items.map((c) => c.id);
      expect(await ids('caseworker2')).not.toContain(caseId);
      expect(await ids('caseworker')).toContain(caseId);
      const counts = async (who: string) => ((await (await call(who, 'GET', '/cases/counts')).json()) as CaseCounts).total;
      expect((await counts('caseworker')) - (await counts('caseworker2'))).toBe(1);

      // Catch-up and later live events follow the same rule; presence too.
      const sync = await new Promise<SyncResponse>((resolve) => outsider.emit(SocketEvents.sync, { afterSeq: lastSeq }, resolve));
      expect(sync.events.map((e) => e.caseId)).not.toContain(caseId);
      const opened = await new Promise<{ error?: string }>((resolve) => outsider.emit(PresenceEvents.open, { caseId }, resolve));
      expect(opened.error).toBe('not-found');
      outsiderEvents.length = 0;
      expect((await call('team-lead', 'POST', `/cases/${caseId}/status`, { status: 'triage' })).status).toBe(200);
      await waitFor(() => (insiderEvents.some((e) => e.caseId === caseId && e.case.status === 'triage') ? true : undefined));
      expect(outsiderEvents).not.toContain(caseId);
      // Told once, when it went: later changes of the restricted case say nothing to those off the list.
      expect(removed.filter((r) => r.caseId === caseId)).toHaveLength(1);
      // The push is audited just after it is emitted: wait for the entry of this change (seq of the status move).
      const [moved] = await t.db.query<{ seq: string }>('SELECT max(seq) AS seq FROM outbox WHERE aggregate_id = $1', [caseId]);
      let pushed: { details: { recipients: string[] } } | undefined;
      for (let i = 0; i < 100 && !pushed; i++) {
        [pushed] = await t.db.query<{ details: { recipients: string[] } }>(
          "SELECT details FROM audit_entries WHERE action = 'case.pushed' AND entity_id = $1 AND (details->>'seq')::bigint = $2",
          [caseId, moved.seq],
        );
        if (!pushed) await new Promise((r) => setTimeout(r, 50));
      }
      if (!pushed) throw new Error('no case.pushed entry for the status move');
      expect(pushed.details.recipients).toContain(id['caseworker']);
      expect(pushed.details.recipients).not.toContain(id['caseworker2']);
      const refused = await t.db.query("SELECT 1 FROM audit_entries WHERE action = 'socket.refused' AND entity_id = $1", [caseId]);
      expect(refused.length).toBe(1);
    });

    it('lists the newest referrals a user may see: those of restricted cases off their list do not crowd them out', async () => {
      const consent = {
        officerRiskAssessment: { tool: 'judgement' as const, riskLevel: 'high' as const, dash: undefined },
        consent: { supportReferral: 'given' as const, informationSharing: 'given' as const },
      };
      const refer = async (caseId: string) => {
        const res = await call('team-lead', 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' });
        expect(res.status).toBe(201);
        return ((await res.json()) as { id: string }).id;
      };
      const visible = await refer(await post(consent));
      const hiddenCase = await post(consent);
      const hidden = await refer(hiddenCase);
      expect(
        (await call('team-lead', 'POST', `/cases/${hiddenCase}/restriction`, { restricted: true, accessList: [], reason: 'colleague' }))
          .status,
      ).toBe(200);
      // 500 newer referrals of the restricted case (copies, by SQL): the list's limit.
      await t.db.query(
        `INSERT INTO referrals
         SELECT (jsonb_populate_record(NULL::referrals,
                   to_jsonb(r) || jsonb_build_object('id', gen_random_uuid(), 'created_at', r.created_at + g * interval '1 second'))).*
           FROM referrals r, generate_series(1, 500) g WHERE r.id = $1`,
        [hidden],
      );
      const listed = ((await (await call('caseworker2', 'GET', '/referrals')).json()) as Array<{ id: string; caseId: string }>).map(
        (r) => r.id,
      );
      expect(listed).toContain(visible);
      expect(listed).not.toContain(hidden);
      const [{ n }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM referrals WHERE case_id = $1', [hiddenCase]);
      expect(n).toBe(501);
      // The team lead on the restricted case's list sees its newest 500 first.
      const lead = ((await (await call('team-lead', 'GET', '/referrals')).json()) as Array<{ id: string }>).map((r) => r.id);
      expect(lead).toHaveLength(500);
      expect(lead).not.toContain(visible);
    });

    it('breaks the glass for one user, for a limited time, audited and on the team leads’ tray', async () => {
      const caseId = await post({
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
        consent: { supportReferral: 'given', informationSharing: 'given' },
      });
      // A referral of the case: after the restriction it leaves the hub's referral list for those off the list.
      const referral = await call('team-lead', 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' });
      expect(referral.status).toBe(201);
      const referralIds = async (who: string) =>
        ((await (await call(who, 'GET', `/referrals?caseId=${caseId}`)).json()) as Array<{ id: string }>).map((r) => r.id);
      expect(await referralIds('caseworker2')).toHaveLength(1);
      expect(
        (await call('team-lead', 'POST', `/cases/${caseId}/restriction`, { restricted: true, accessList: [], reason: 'colleague' })).status,
      ).toBe(200);
      expect((await call('caseworker2', 'GET', `/cases/${caseId}`)).status).toBe(404);
      expect(await referralIds('caseworker2')).toEqual([]);
      expect(await referralIds('team-lead')).toHaveLength(1);
      expect((await call('caseworker2', 'POST', `/cases/${randomUUID()}/break-glass`, { reason: 'urgent safeguarding call' })).status).toBe(
        404,
      );
      expect((await call('auditor', 'POST', `/cases/${caseId}/break-glass`, { reason: 'urgent safeguarding call' })).status).toBe(403);
      const res = await call('caseworker2', 'POST', `/cases/${caseId}/break-glass`, { reason: 'victim on the phone now' });
      expect(res.status).toBe(201);
      const grant = (await res.json()) as { expiresAt: string };
      expect(Date.parse(grant.expiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);
      const seen = await call('caseworker2', 'GET', `/cases/${caseId}`);
      expect(seen.status).toBe(200);
      // The page learns what the rule needs: the access list and the caller's own grant (no one else's).
      const detail = (await seen.json()) as CaseDetail;
      expect(detail.access?.breakGlass).toEqual([{ userId: id['caseworker2'], expiresAt: grant.expiresAt }]);
      expect(detail.access?.accessList).not.toContain(id['caseworker2']);
      expect(detail.access?.accessList).toContain(id['team-lead']);
      const lead = (await (await call('team-lead', 'GET', `/cases/${caseId}`)).json()) as CaseDetail;
      expect(lead.access?.breakGlass).toEqual([]);
      expect((await call('caseworker', 'GET', `/cases/${caseId}`)).status).toBe(404);
      expect((await call('caseworker2', 'POST', `/cases/${caseId}/break-glass`, { reason: 'again' })).status).toBe(409);
      const alerts = (await (await call('team-lead', 'GET', '/alerts')).json()) as TeamLeadAlerts;
      expect(alerts.safety?.find((a) => a.kind === 'break-glass' && a.caseId === caseId)).toMatchObject({
        userId: id['caseworker2'],
        reason: 'victim on the phone now',
      });
      // The grant ends: the case is hidden again.
      await t.db.query("UPDATE break_glass_grants SET expires_at = now() - interval '1 second' WHERE case_id = $1", [caseId]);
      expect((await call('caseworker2', 'GET', `/cases/${caseId}`)).status).toBe(404);
    });

    it('sends no draft from a closed case (409 case-closed): the partner is given nothing', async () => {
      const caseId = await post(referable);
      expect((await call('caseworker', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
      const created = await call('caseworker', 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva', draft: true });
      expect(created.status).toBe(201);
      const referralId = ((await created.json()) as { id: string }).id;
      for (const status of ['closed', 'unable-to-contact', 'declined']) {
        await t.db.query('UPDATE cases SET status = $2 WHERE id = $1', [caseId, status]);
        const res = await call('caseworker', 'POST', `/referrals/${referralId}/send`, {});
        expect(res.status, status).toBe(409);
        expect(((await res.json()) as Problem).code, status).toBe('case-closed');
        const [row] = await t.db.query<{ status: string; sent_at: Date | null; dataset: unknown }>(
          'SELECT status, sent_at, dataset FROM referrals WHERE id = $1',
          [referralId],
        );
        expect(row, status).toEqual({ status: 'draft', sent_at: null, dataset: null });
      }
    });

    it('applies the case-access rule to referral actions: the assignee sends, a hidden case is an unknown referral', async () => {
      const caseId = await post(referable);
      expect((await call('caseworker', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
      const created = await call('caseworker', 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva', draft: true });
      expect(created.status).toBe(201);
      const referralId = ((await created.json()) as { id: string }).id;
      const statusOf = async () =>
        (await t.db.query<{ status: string }>('SELECT status FROM referrals WHERE id = $1', [referralId]))[0].status;

      // Not the assignee: no sending (or closing) someone else's draft.
      const bySomeoneElse = await call('caseworker2', 'POST', `/referrals/${referralId}/send`, {});
      expect(bySomeoneElse.status).toBe(403);
      expect(((await bySomeoneElse.json()) as Problem).code).toBe('not-assignee');
      expect(await statusOf()).toBe('draft');
      expect((await call('caseworker', 'POST', `/referrals/${referralId}/send`, {})).status).toBe(200);

      // Restricted to caseworker (and the restricting team lead): for caseworker2 the referral does not exist.
      expect(
        (
          await call('team-lead', 'POST', `/cases/${caseId}/restriction`, {
            restricted: true,
            accessList: [id['caseworker']],
            reason: 'colleague',
          })
        ).status,
      ).toBe(200);
      const unknown = strip((await (await call('caseworker2', 'POST', `/referrals/${randomUUID()}/close`, {})).json()) as Problem);
      expect(unknown.status).toBe(404);
      // Every step, whatever the referral's state (a wrong-state 409 would reveal the case), answers as for no referral.
      for (const [action, body] of [
        ['send', {}],
        ['close', {}],
        ['revoke', { reason: 'x' }],
        ['acknowledge', {}],
      ] as const) {
        const res = await call('caseworker2', 'POST', `/referrals/${referralId}/${action}`, body);
        expect(res.status, action).toBe(404);
        expect(strip((await res.json()) as Problem), action).toEqual(unknown);
      }
      // The single reads too.
      const missingRead = strip((await (await call('caseworker2', 'GET', `/referrals/${randomUUID()}`)).json()) as Problem);
      for (const path of [`/referrals/${referralId}`, `/referrals/${referralId}/document`]) {
        const hidden = await call('caseworker2', 'GET', path);
        expect(hidden.status, path).toBe(404);
        expect(strip((await hidden.json()) as Problem), path).toEqual(missingRead);
        const listed = await call('caseworker', 'GET', path);
        expect(listed.status, path).toBe(200);
        await listed.body?.cancel();
      }

      // A team lead off the list (another lead restricted it) may not revoke it either.
      await t.db.query('UPDATE cases SET access_list = $2::uuid[] WHERE id = $1', [caseId, [id['caseworker']]]);
      const revoke = await call('team-lead', 'POST', `/referrals/${referralId}/revoke`, { reason: 'sent in error' });
      expect(revoke.status).toBe(404);
      expect(strip((await revoke.json()) as Problem)).toEqual(unknown);
      expect(await statusOf()).toBe('sent');
      const refusals = await t.db.query<{ actor_id: string; details: { reason: string } }>(
        "SELECT actor_id, details FROM audit_entries WHERE action = 'case.access-refused' AND entity_id = $1 ORDER BY id",
        [caseId],
      );
      expect(refusals.map((r) => [r.actor_id, r.details.reason])).toEqual([
        [id['caseworker2'], 'not-assignee'],
        ...Array.from({ length: 4 }, () => [id['caseworker2'], 'restricted']),
        [id['team-lead'], 'restricted'],
      ]);
      // With a break-the-glass grant the lead sees the referral and may revoke it: taking the victim's details back
      // from a partner is the safe direction (break the glass is otherwise for reading).
      expect(
        (await call('team-lead', 'POST', `/cases/${caseId}/break-glass`, { reason: 'referral sent to the wrong agency' })).status,
      ).toBe(201);
      expect((await call('team-lead', 'GET', `/referrals/${referralId}`)).status).toBe(200);
      // The agency acts on its own referral whatever the hub's restriction.
      expect((await call('partner-idva', 'POST', `/referrals/${referralId}/acknowledge`, {})).status).toBe(200);
      expect(await statusOf()).toBe('acknowledged');
      // The lead's grant (above) lets them take it back.
      expect((await call('team-lead', 'POST', `/referrals/${referralId}/revoke`, { reason: 'sent to the wrong agency' })).status).toBe(200);
      expect(await statusOf()).toBe('revoked');
    });

    it('lets only a team lead on the access list lift or rewrite a restriction, not one who broke the glass', async () => {
      const caseId = await post();
      expect(
        (
          await call('team-lead', 'POST', `/cases/${caseId}/restriction`, {
            restricted: true,
            accessList: [id['caseworker']],
            reason: 'colleague',
          })
        ).status,
      ).toBe(200);
      // Another team lead restricted it to caseworker alone.
      await t.db.query('UPDATE cases SET access_list = $2::uuid[] WHERE id = $1', [caseId, [id['caseworker']]]);
      expect((await call('team-lead', 'GET', `/cases/${caseId}`)).status).toBe(404);
      expect((await call('team-lead', 'POST', `/cases/${caseId}/break-glass`, { reason: 'checking a complaint' })).status).toBe(201);
      expect((await call('team-lead', 'GET', `/cases/${caseId}`)).status).toBe(200);
      for (const body of [
        { restricted: false, reason: 'no longer needed' },
        { restricted: true, accessList: [id['caseworker2']], reason: 'widen it' },
      ]) {
        const res = await call('team-lead', 'POST', `/cases/${caseId}/restriction`, body);
        expect(res.status).toBe(403);
        expect(((await res.json()) as Problem).code).toBe('not-on-access-list');
      }
      const [stored] = await t.db.query<{ restricted: boolean; access_list: string[] }>(
        'SELECT restricted, access_list FROM cases WHERE id = $1',
        [caseId],
      );
      expect(stored).toEqual({ restricted: true, access_list: [id['caseworker']] });
      // Nor may they claim it; the listed caseworker may.
      expect((await call('team-lead', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(403);
      expect((await call('caseworker', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
      expect(await assigneeOf(caseId)).toBe(id['caseworker']);
    });

    it.runIf(database.name === 'postgres')('does not claim a case restricted while the claim waited for its row', async () => {
      const caseId = await post();
      const res = await whileHeld(
        (c) =>
          c.query(
            `UPDATE cases SET restricted = true, access_list = $2::uuid[], restriction_source = 'team-lead', restricted_at = now(),
                    restricted_version = version + 1, version = version + 1 WHERE id = $1`,
            [caseId, [id['team-lead']]],
          ),
        () => call('caseworker', 'POST', `/cases/${caseId}/claim`, {}),
      );
      expect(res.status).toBe(404);
      expect(await assigneeOf(caseId)).toBeNull();
    });

    it.runIf(database.name === 'postgres')(
      'refuses a restriction that would leave an assignee given the case meanwhile off the list',
      async () => {
        const caseId = await post();
        const res = await whileHeld(
          (c) => c.query('UPDATE cases SET assignee_id = $2, version = version + 1 WHERE id = $1', [caseId, id['caseworker2']]),
          () =>
            call('team-lead', 'POST', `/cases/${caseId}/restriction`, { restricted: true, accessList: [id['caseworker']], reason: 'race' }),
        );
        expect(res.status).toBe(400);
        expect(((await res.json()) as Problem).errors?.map((e) => e.path)).toEqual(['/accessList']);
        expect((await t.db.query<{ restricted: boolean }>('SELECT restricted FROM cases WHERE id = $1', [caseId]))[0].restricted).toBe(
          false,
        );
      },
    );

    /** A change the guard let through, made while another connection holds the case's row and commits `meanwhile`. */
    const changeWhileHeld = async (meanwhile: string, params: unknown[], change: () => Promise<Response>) => {
      const res = await whileHeld((c) => c.query(meanwhile, params), change);
      return { status: res.status, problem: res.status >= 400 ? ((await res.json()) as Problem) : null };
    };
    const needsOf = async (caseId: string) =>
      (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM case_documents WHERE case_id = $1 AND kind = 'needs'", [caseId]))[0]
        .n;
    const refusalsAtLock = async (caseId: string) =>
      t.db.query<{ actor_id: string; details: { reason: string | null; kind: string; atLock?: boolean } }>(
        "SELECT actor_id, details FROM audit_entries WHERE action = 'case.access-refused' AND entity_id = $1 ORDER BY id",
        [caseId],
      );
    const needs = { content: { housing: { need: true, urgency: 'high' } }, basedOnVersion: 0 };

    it.runIf(database.name === 'postgres')(
      'judges a change again at its row lock: restricted meanwhile, it is the 404 of a missing case',
      async () => {
        const caseId = await post();
        expect((await call('caseworker', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
        const { status, problem } = await changeWhileHeld(
          `UPDATE cases SET restricted = true, access_list = $2::uuid[], restriction_source = 'team-lead', restricted_at = now(),
                restricted_version = version + 1, version = version + 1 WHERE id = $1`,
          [caseId, [id['team-lead']]],
          () => call('caseworker', 'PUT', `/cases/${caseId}/needs`, needs),
        );
        expect(status).toBe(404);
        expect(problem?.detail).toBe('No such case.');
        expect(await needsOf(caseId)).toBe(0);
        await waitFor(async () => (await refusalsAtLock(caseId)).length === 1);
        expect((await refusalsAtLock(caseId)).map((r) => [r.actor_id, r.details.kind, r.details.reason, r.details.atLock])).toEqual([
          [id['caseworker'], 'write', 'restricted', true],
        ]);
      },
    );

    it.runIf(database.name === 'postgres')(
      'judges a change again at its row lock: given to a colleague meanwhile, 403 not-assignee',
      async () => {
        const caseId = await post();
        expect((await call('caseworker', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
        const { status, problem } = await changeWhileHeld(
          'UPDATE cases SET assignee_id = $2, version = version + 1 WHERE id = $1',
          [caseId, id['caseworker2']],
          () => call('caseworker', 'PUT', `/cases/${caseId}/needs`, needs),
        );
        expect(status).toBe(403);
        expect(problem?.code).toBe('not-assignee');
        expect(await needsOf(caseId)).toBe(0);
      },
    );

    it.runIf(database.name === 'postgres')('judges a change again at its row lock: closed meanwhile, 409 case-closed', async () => {
      const caseId = await post();
      expect((await call('caseworker', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
      const { status, problem } = await changeWhileHeld(
        "UPDATE cases SET status = 'closed', closed_at = now(), version = version + 1 WHERE id = $1",
        [caseId],
        () => call('caseworker', 'PUT', `/cases/${caseId}/needs`, needs),
      );
      expect(status).toBe(409);
      expect(problem?.code).toBe('case-closed');
      expect(await needsOf(caseId)).toBe(0);
    });

    it.runIf(database.name === 'postgres')(
      'judges a change again when its transaction is retried after a deadlock (restricted while the first attempt waited)',
      async () => {
        const caseId = await post();
        expect((await call('caseworker', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
        // Another connection holds the audit chain's lock: the change takes the case's row lock (judged: allowed), then
        // waits at its audit entry. That connection then restricts the case, waiting for the row: a deadlock, which
        // PostgreSQL breaks by failing the change (it waited first; the other connection waits 30 s before it looks).
        // Database.transaction retries the change, which must be judged again on the case as now restricted.
        const c = new Client({ connectionString: t.config.databaseUrl });
        await c.connect();
        try {
          await c.query("SET deadlock_timeout = '30s'");
          await c.query('BEGIN');
          await c.query('SELECT pg_advisory_xact_lock(3, 0)');
          const change = call('caseworker', 'PUT', `/cases/${caseId}/needs`, needs);
          for (let i = 0; ; i++) {
            const [{ n }] = await t.db.query<{ n: number }>(
              "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'",
            );
            if (n > 0) break;
            if (i > 200) throw new Error('the change never waited for the audit lock');
            await new Promise((r) => setTimeout(r, 25));
          }
          await c.query(
            `UPDATE cases SET restricted = true, access_list = $2::uuid[], restriction_source = 'team-lead', restricted_at = now(),
                    restricted_version = version + 1, version = version + 1 WHERE id = $1`,
            [caseId, [id['team-lead']]],
          );
          await c.query('COMMIT');
          const res = await change;
          expect(res.status).toBe(404);
        } finally {
          await c.end();
        }
        expect(await needsOf(caseId)).toBe(0);
        await waitFor(async () => ((await refusalsAtLock(caseId)).length === 1 ? true : undefined));
      },
    );

    it.runIf(database.name === 'postgres')('lets a change through its row lock when nothing about access moved meanwhile', async () => {
      const caseId = await post();
      expect((await call('caseworker', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
      const { status } = await changeWhileHeld('UPDATE cases SET version = version + 1 WHERE id = $1', [caseId], () =>
        call('caseworker', 'PUT', `/cases/${caseId}/needs`, needs),
      );
      expect(status).toBe(200);
      expect(await needsOf(caseId)).toBe(1);
      expect(await refusalsAtLock(caseId)).toEqual([]);
    });

    it('restricts a report about police staff on arrival to the active team leads, with an alert', async () => {
      const byEmail = await post({ victim: { personId: 'PACC-E', email: 'a.n.other@herts.police.uk' } });
      const byId = await post({ suspect: { personId: 'PSTAFF-1' } });
      for (const caseId of [byEmail, byId]) {
        expect((await call('caseworker', 'GET', `/cases/${caseId}`)).status).toBe(404);
        expect((await call('team-lead', 'GET', `/cases/${caseId}`)).status).toBe(200);
      }
      const alerts = (await (await call('team-lead', 'GET', '/alerts')).json()) as TeamLeadAlerts;
      const flagged = alerts.safety?.filter((a) => a.kind === 'restricted-on-arrival').map((a) => a.caseId);
      expect(flagged).toEqual(expect.arrayContaining([byEmail, byId]));
      const other = await post();
      expect((await call('caseworker', 'GET', `/cases/${other}`)).status).toBe(200);
    });

    /** A case's restriction as stored. */
    const restrictionOf = async (caseId: string) =>
      (
        await t.db.query<{ restricted: boolean; access_list: string[]; restriction_source: string | null }>(
          'SELECT restricted, access_list, restriction_source FROM cases WHERE id = $1',
          [caseId],
        )
      )[0];

    it('restricts the people’s other cases with a report the police-staff rule restricts on arrival', async () => {
      const rowOf = restrictionOf;
      // Her earlier case (held by caseworker2), the suspect's case with another victim, and a case of other people:
      // each open to every caseworker until a report names her with a police e-mail address.
      const earlier = await post({ victim: { personId: 'PACC-STAFF-REACH' }, suspect: { personId: 'SACC-STAFF-REACH' } });
      expect((await call('team-lead', 'POST', `/cases/${earlier}/assign`, { userId: id['caseworker2'] })).status).toBe(200);
      const his = await post({ victim: { personId: 'PACC-STAFF-REACH-2' }, suspect: { personId: 'SACC-STAFF-REACH' } });
      const unrelated = await post({ victim: { personId: 'PACC-STAFF-REACH-3' }, suspect: { personId: 'SACC-STAFF-REACH-3' } });
      for (const caseId of [earlier, his, unrelated]) expect((await call('caseworker', 'GET', `/cases/${caseId}`)).status).toBe(200);
      const latest = await post({
        victim: { personId: 'PACC-STAFF-REACH', email: 'v.staff@herts.police.uk' },
        suspect: { personId: 'SACC-STAFF-REACH' },
      });
      const leads = (await rowOf(latest)).access_list;
      expect(await rowOf(latest)).toMatchObject({ restricted: true, restriction_source: 'police-staff-rule' });
      expect(leads).toContain(id['team-lead']);
      expect(await rowOf(his)).toEqual({ restricted: true, access_list: leads, restriction_source: 'police-staff-rule' });
      // Its assignee stays on her earlier case (a restricted case never has an assignee who cannot see it).
      expect(await rowOf(earlier)).toEqual({
        restricted: true,
        access_list: [...leads, id['caseworker2']].sort(),
        restriction_source: 'police-staff-rule',
      });
      for (const caseId of [earlier, his, latest]) expect((await call('caseworker', 'GET', `/cases/${caseId}`)).status).toBe(404);
      expect((await call('caseworker2', 'GET', `/cases/${earlier}`)).status).toBe(200);
      expect((await call('caseworker', 'GET', `/cases/${unrelated}`)).status).toBe(200);
      expect((await rowOf(unrelated)).restricted).toBe(false);
      const entries = await t.db.query<{ entity_id: string; details: { follows?: string; source: string; signals?: unknown[] } }>(
        "SELECT entity_id, details FROM audit_entries WHERE action = 'case.restricted' AND entity_id = ANY($1::text[])",
        [[earlier, his]],
      );
      expect(entries).toHaveLength(2);
      for (const e of entries) expect(e.details).toMatchObject({ follows: latest, source: 'police-staff-rule' });
      // On the team leads' tray: the case that arrived, not the ones restricted with it.
      const alerts = (await (await call('team-lead', 'GET', '/alerts')).json()) as TeamLeadAlerts;
      const onArrival = alerts.safety?.filter((a) => a.kind === 'restricted-on-arrival').map((a) => a.caseId) ?? [];
      expect(onArrival).toContain(latest);
      expect(onArrival).not.toContain(earlier);
      expect(onArrival).not.toContain(his);

      // In one batch (one received time for every report): her case committed first, then the police-staff report. Hers
      // was seen by every caseworker, so it is restricted after it arrived, not on arrival (those who saw it are told).
      const batch = await fetch(`${t.url}/api/v1/intake/reports/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FEED_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          reports: [
            createReport({ victim: { personId: 'PACC-STAFF-BATCH' } }, 4290),
            createReport({ victim: { personId: 'PACC-STAFF-BATCH', email: 'b.staff@herts.police.uk' } }, 4291),
          ],
        }),
      });
      expect(batch.status).toBe(200);
      const { results } = (await batch.json()) as { results: Array<{ status: number; result?: { caseId: string } }> };
      expect(results.map((r) => r.status)).toEqual([201, 201]);
      const [first, second] = results.map((r) => r.result?.caseId as string);
      const arrival = async (caseId: string) =>
        (
          await t.db.query<{ restricted: boolean; on_arrival: boolean }>(
            'SELECT restricted, restricted_at = received_at AS on_arrival FROM cases WHERE id = $1',
            [caseId],
          )
        )[0];
      expect(await arrival(second)).toEqual({ restricted: true, on_arrival: true });
      expect(await arrival(first)).toEqual({ restricted: true, on_arrival: false });
    });

    it('restricts her next incident (or the suspect’s) on arrival to those trusted with her restricted case, one by one and in a batch', async () => {
      const first = await post({ victim: { personId: 'PACC-FOLLOW' }, suspect: { personId: 'SACC-FOLLOW' } });
      expect(
        (
          await call('team-lead', 'POST', `/cases/${first}/restriction`, {
            restricted: true,
            accessList: [id['caseworker']],
            reason: 'colleague',
          })
        ).status,
      ).toBe(200);
      const listOf = async (caseId: string) =>
        (
          await t.db.query<{ restricted: boolean; access_list: string[] }>('SELECT restricted, access_list FROM cases WHERE id = $1', [
            caseId,
          ])
        )[0];
      // A new reference, the same victim: restricted on arrival to the same people, and on the tray.
      const next = await post({ victim: { personId: 'PACC-FOLLOW' } });
      expect(await listOf(next)).toEqual({ restricted: true, access_list: [id['caseworker'], id['team-lead']].sort() });
      expect((await call('caseworker2', 'GET', `/cases/${next}`)).status).toBe(404);
      expect((await call('caseworker', 'GET', `/cases/${next}`)).status).toBe(200);
      const alerts = (await (await call('team-lead', 'GET', '/alerts')).json()) as TeamLeadAlerts;
      expect(alerts.safety?.find((a) => a.kind === 'restricted-on-arrival' && a.caseId === next)).toMatchObject({
        because: 'person-restricted',
      });
      const [entry] = await t.db.query<{ details: { source: string; restrictedCaseIds: string[] } }>(
        "SELECT details FROM audit_entries WHERE action = 'case.restricted' AND entity_id = $1",
        [next],
      );
      expect(entry.details).toMatchObject({ source: 'person-restricted', restrictedCaseIds: [first] });
      // The same suspect with another victim, through the feed's batch endpoint (the set-based writer): restricted too;
      // a report about nobody restricted in the same batch is not.
      const batch = await fetch(`${t.url}/api/v1/intake/reports/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FEED_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          reports: [
            createReport({ victim: { personId: 'PACC-FOLLOW-2' }, suspect: { personId: 'SACC-FOLLOW' } }, 4190),
            createReport({ victim: { personId: 'PACC-FOLLOW-3' }, suspect: { personId: 'SACC-OTHER' } }, 4191),
          ],
        }),
      });
      expect(batch.status).toBe(200);
      const { results } = (await batch.json()) as { results: Array<{ index: number; status: number; result?: { caseId: string } }> };
      expect(results.map((r) => r.status)).toEqual([201, 201]);
      const [bySuspect, unrelated] = results.map((r) => r.result?.caseId as string);
      expect(await listOf(bySuspect)).toEqual({ restricted: true, access_list: [id['caseworker'], id['team-lead']].sort() });
      expect((await listOf(unrelated)).restricted).toBe(false);

      // Two restricted cases trusting different people: only who both trust (a user one left out stays out).
      const other = await post({ victim: { personId: 'PACC-FOLLOW-4' }, suspect: { personId: 'SACC-FOLLOW-2' } });
      expect(
        (
          await call('team-lead', 'POST', `/cases/${other}/restriction`, {
            restricted: true,
            accessList: [id['caseworker2']],
            reason: 'knows him',
          })
        ).status,
      ).toBe(200);
      const both = await post({ victim: { personId: 'PACC-FOLLOW' }, suspect: { personId: 'SACC-FOLLOW-2' } });
      expect(await listOf(both)).toEqual({ restricted: true, access_list: [id['team-lead']] });

      // A team lead lifts it: the police's next revision does not restrict it again (the lead's decision stands).
      expect((await call('team-lead', 'POST', `/cases/${next}/restriction`, { restricted: false, reason: 'not needed' })).status).toBe(200);
      const [{ body }] = await t.db.query<{ body: Record<string, unknown> }>('SELECT body FROM reports WHERE case_id = $1', [next]);
      expect((await t.postReport({ ...body, revision: 2 })).status).toBe(200);
      expect((await listOf(next)).restricted).toBe(false);
    });

    it('restricts the victim’s and the suspect’s other cases with the one a team lead restricts (not a case a lead lifted)', async () => {
      const listOf = restrictionOf;
      // A case of hers a lead restricted then lifted (first: restricting it then would have reached the others), her
      // earlier case (given to caseworker2), his case with another victim, and a case of other people.
      const lifted = await post({ victim: { personId: 'PACC-REACH' } });
      for (const body of [
        { restricted: true, accessList: [], reason: 'check' },
        { restricted: false, reason: 'not needed' },
      ])
        expect((await call('team-lead', 'POST', `/cases/${lifted}/restriction`, body)).status).toBe(200);
      const earlier = await post({ victim: { personId: 'PACC-REACH' }, suspect: { personId: 'SACC-REACH' } });
      expect((await call('team-lead', 'POST', `/cases/${earlier}/assign`, { userId: id['caseworker2'] })).status).toBe(200);
      const his = await post({ victim: { personId: 'PACC-REACH-2' }, suspect: { personId: 'SACC-REACH' } });
      const unrelated = await post({ victim: { personId: 'PACC-REACH-3' }, suspect: { personId: 'SACC-REACH-3' } });
      const latest = await post({ victim: { personId: 'PACC-REACH' }, suspect: { personId: 'SACC-REACH' } });
      const restricted = await call('team-lead', 'POST', `/cases/${latest}/restriction`, {
        restricted: true,
        accessList: [id['caseworker']],
        reason: 'her partner is an officer',
      });
      expect(restricted.status).toBe(200);
      const answer = (await restricted.json()) as CaseRestrictionResponse;
      expect(answer.restricted).toBe(true);
      expect(answer.alsoRestricted.map((c) => c.id).sort()).toEqual([earlier, his].sort());
      expect(answer.alsoRestricted.every((c) => typeof c.reference === 'string' && c.reference.length > 0)).toBe(true);
      const trusted = [id['caseworker'], id['team-lead']].sort();
      expect(await listOf(his)).toEqual({ restricted: true, access_list: trusted, restriction_source: 'team-lead' });
      // Its assignee stays on her earlier case (a restricted case never has an assignee who cannot see it).
      expect(await listOf(earlier)).toEqual({
        restricted: true,
        access_list: [...trusted, id['caseworker2']].sort(),
        restriction_source: 'team-lead',
      });
      expect((await call('caseworker2', 'GET', `/cases/${his}`)).status).toBe(404);
      expect((await call('caseworker2', 'GET', `/cases/${latest}`)).status).toBe(404);
      expect((await listOf(lifted)).restricted).toBe(false);
      expect((await listOf(unrelated)).restricted).toBe(false);
      // Audited as the lead's, naming the case it follows; not a restricted-on-arrival alert.
      const [entry] = await t.db.query<{ actor_id: string; details: Record<string, unknown> }>(
        "SELECT actor_id, details FROM audit_entries WHERE action = 'case.restricted' AND entity_id = $1",
        [his],
      );
      expect(entry).toMatchObject({ actor_id: id['team-lead'], details: { follows: latest, source: 'team-lead' } });
      const alerts = (await (await call('team-lead', 'GET', '/alerts')).json()) as TeamLeadAlerts;
      expect(alerts.safety?.some((a) => a.kind === 'restricted-on-arrival' && (a.caseId === his || a.caseId === earlier))).toBe(false);
      // Another lead restricted a case of hers to the caseworker alone (set here directly): narrowing must not empty it
      // (nobody could lift it) nor widen it (to the lead doing it): it is left, and counted, unnamed.
      // Her next incident, restricted on arrival by the intake (one restricted-on-arrival alert).
      const arrival = await post({ victim: { personId: 'PACC-REACH' } });
      expect((await listOf(arrival)).restriction_source).toBe('person-restricted');
      const onlyTheirs = await post({ victim: { personId: 'PACC-REACH' } });
      await t.db.query(
        "UPDATE cases SET restricted = true, access_list = $2::uuid[], restriction_source = 'team-lead', restriction_reason = 'theirs' WHERE id = $1",
        [onlyTheirs, [id['caseworker']]],
      );
      // The lead learns the caseworker knows him and takes them off the list: off her other restricted cases too, but
      // where another keeps its assignee (caseworker2 on her earlier case); widening reaches no other case.
      const narrowed = await call('team-lead', 'POST', `/cases/${latest}/restriction`, {
        restricted: true,
        accessList: [],
        reason: 'the caseworker knows him',
      });
      expect(narrowed.status).toBe(200);
      const narrowedAnswer = (await narrowed.json()) as CaseRestrictionResponse;
      expect(narrowedAnswer.alsoRestricted.map((c) => c.id).sort()).toEqual([earlier, his, arrival].sort());
      // Narrowed by the lead, it keeps its source; that is not a second arrival on the tray.
      expect(await listOf(arrival)).toEqual({ restricted: true, access_list: [id['team-lead']], restriction_source: 'person-restricted' });
      const tray = (await (await call('team-lead', 'GET', '/alerts')).json()) as TeamLeadAlerts;
      expect(tray.safety?.filter((a) => a.kind === 'restricted-on-arrival' && a.caseId === arrival)).toHaveLength(1);
      expect(narrowedAnswer.notNarrowed).toBe(1);
      expect(JSON.stringify(narrowedAnswer)).not.toContain(onlyTheirs);
      expect(await listOf(onlyTheirs)).toEqual({ restricted: true, access_list: [id['caseworker']], restriction_source: 'team-lead' });
      // Each keeps its own reason.
      expect(
        (await t.db.query<{ restriction_reason: string }>('SELECT restriction_reason FROM cases WHERE id = $1', [earlier]))[0]
          .restriction_reason,
      ).toBe('her partner is an officer');
      expect(await listOf(his)).toEqual({ restricted: true, access_list: [id['team-lead']], restriction_source: 'team-lead' });
      expect((await listOf(earlier)).access_list).toEqual([id['caseworker2'], id['team-lead']].sort());
      expect((await call('caseworker', 'GET', `/cases/${his}`)).status).toBe(404);
      const [narrowEntry] = await t.db.query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_entries WHERE action = 'case.restricted' AND entity_id = $1 ORDER BY id DESC LIMIT 1",
        [his],
      );
      expect(narrowEntry.details).toMatchObject({ follows: latest, removed: [id['caseworker']] });
      expect(
        (
          await call('team-lead', 'POST', `/cases/${latest}/restriction`, {
            restricted: true,
            accessList: [id['caseworker'], id['auditor']],
            reason: 'widened',
          })
        ).status,
      ).toBe(200);
      expect((await listOf(his)).access_list).toEqual([id['team-lead']]);
      // Lifting answers with nothing else reached (each case's restriction is lifted on its own).
      const lift = await call('team-lead', 'POST', `/cases/${latest}/restriction`, { restricted: false, reason: 'wrong person' });
      expect(((await lift.json()) as CaseRestrictionResponse).alsoRestricted).toEqual([]);
      expect((await listOf(his)).restricted).toBe(true);
    });

    it('tells the lead where someone taken off her list stays on because they hold another case of hers', async () => {
      const list = async (caseId: string) =>
        (await t.db.query<{ access_list: string[] }>('SELECT access_list FROM cases WHERE id = $1', [caseId]))[0].access_list;
      const held = await post({ victim: { personId: 'PACC-KEPT' } });
      expect((await call('team-lead', 'POST', `/cases/${held}/assign`, { userId: id['caseworker2'] })).status).toBe(200);
      const latest = await post({ victim: { personId: 'PACC-KEPT' } });
      const first = await call('team-lead', 'POST', `/cases/${latest}/restriction`, {
        restricted: true,
        accessList: [id['caseworker2']],
        reason: 'her partner is an officer',
      });
      expect(first.status).toBe(200);
      expect(((await first.json()) as CaseRestrictionResponse).keptForAssignee).toBeUndefined();
      expect(await list(held)).toEqual([id['caseworker2'], id['team-lead']].sort());
      // The lead learns caseworker2 knows him and takes them off: they stay on the case they hold, and the lead is told.
      const narrowed = await call('team-lead', 'POST', `/cases/${latest}/restriction`, {
        restricted: true,
        accessList: [],
        reason: 'caseworker2 knows him',
      });
      expect(narrowed.status).toBe(200);
      const answer = (await narrowed.json()) as CaseRestrictionResponse;
      const [{ reference }] = await t.db.query<{ reference: string }>('SELECT reference FROM cases WHERE id = $1', [held]);
      expect(answer.keptForAssignee).toEqual({ cases: [{ id: held, reference }], unnamed: 0 });
      expect(await list(held)).toContain(id['caseworker2']);
      expect(await list(latest)).toEqual([id['team-lead']]);
      // Reassigned, the next narrowing takes them off it; nothing is kept for them any more.
      expect((await call('team-lead', 'POST', `/cases/${held}/assign`, { userId: id['team-lead'] })).status).toBe(200);
      const again = await call('team-lead', 'POST', `/cases/${latest}/restriction`, {
        restricted: true,
        accessList: [id['caseworker2']],
        reason: 'back on for a moment',
      });
      expect(again.status).toBe(200);
      const off = (await (
        await call('team-lead', 'POST', `/cases/${latest}/restriction`, { restricted: true, accessList: [], reason: 'off again' })
      ).json()) as CaseRestrictionResponse;
      expect(off.keptForAssignee).toBeUndefined();
      expect(await list(held)).not.toContain(id['caseworker2']);
    });

    it('alerts the team leads when one user reads more distinct cases in lists in an hour than configured, not when they reread a page', async () => {
      for (let i = 0; i < 3; i++) await post();
      const bulkReads = async () =>
        ((await (await call('team-lead', 'GET', '/alerts')).json()) as TeamLeadAlerts).safety?.filter(
          (a) => a.kind === 'bulk-read' && a.userId === id['auditor'],
        ) ?? [];
      // Eighty case ids, ten cases: going back to the queue is not reading eighty cases (the threshold is 40).
      for (let i = 0; i < 8; i++) await (await call('auditor', 'GET', '/cases?limit=10')).body?.cancel();
      expect(await bulkReads()).toHaveLength(0);
      const [{ sum }] = await t.db.query<{ sum: number }>(
        'SELECT COALESCE(SUM(case_ids), 0)::int AS sum FROM list_read_tally WHERE user_id = $1',
        [id['auditor']],
      );
      expect(sum).toBeGreaterThan(0);
      expect(sum).toBeLessThanOrEqual(10);
      // As many more cases the auditor had not read as reach the threshold (read twice: counted once): alerted once.
      const others = Array.from({ length: 40 - sum }, () => randomUUID());
      await t.app.get(CaseReadAudit).recordList(t.db.manager, id['auditor'], 'case.list', others);
      await t.app.get(CaseReadAudit).recordList(t.db.manager, id['auditor'], 'case.list', others);
      const raised = await bulkReads();
      expect(raised).toHaveLength(1);
      const [entry] = await t.db.query<{ last_hour: number }>(
        `SELECT (details->>'caseIdsLastHour')::int AS last_hour FROM audit_entries WHERE action = 'case.bulk-read' AND entity_id = $1`,
        [id['auditor']],
      );
      expect(entry.last_hour).toBe(40);
    });

    it('names every case of the team lead’s tray in the trail without counting it towards the bulk-read alarm; counts the call-backs due list', async () => {
      const lead = id['team-lead'];
      const tally = async () =>
        (
          await t.db.query<{ sum: number }>('SELECT COALESCE(SUM(case_ids), 0)::int AS sum FROM list_read_tally WHERE user_id = $1', [lead])
        )[0].sum;
      const flagged = await post({ victim: { personId: 'PACC-TALLY', email: 'tally.staff@herts.police.uk' } }); // restricted on arrival: on the tray
      await t.db.query('DELETE FROM list_read_tally WHERE user_id = $1', [lead]);
      const tray = (await (await call('team-lead', 'GET', '/alerts')).json()) as TeamLeadAlerts;
      expect(tray.safety?.map((a) => a.caseId)).toContain(flagged);
      const [entry] = await t.db.query<{ details: { caseIds: string[] } }>(
        "SELECT details FROM audit_entries WHERE action = 'alerts.read' AND actor_id = $1 ORDER BY id DESC LIMIT 1",
        [lead],
      );
      expect(entry.details.caseIds).toContain(flagged);
      expect(await tally()).toBe(0);
      expect(CaseReadAudit.LIST_ACTIONS).not.toContain('alerts.read');
      // The call-backs due list is counted like the queue (one case, however often it is read within the hour).
      await t.app.get(CaseReadAudit).recordList(t.db.manager, lead, 'callbacks.due-read', [flagged]);
      await t.app.get(CaseReadAudit).recordList(t.db.manager, lead, 'callbacks.due-read', [flagged]);
      expect(await tally()).toBe(1);
      await t.db.query('DELETE FROM list_read_tally WHERE user_id = $1', [lead]);
    });

    it('counts a case read in an earlier minute of the hour once, and again once the hour has passed', async () => {
      const reads = t.app.get(CaseReadAudit);
      const user = id['caseworker2'];
      const tally = async () =>
        (
          await t.db.query<{ sum: number }>('SELECT COALESCE(SUM(case_ids), 0)::int AS sum FROM list_read_tally WHERE user_id = $1', [user])
        )[0].sum;
      const [recent, old, fresh] = [randomUUID(), randomUUID(), randomUUID()];
      // Read twenty minutes ago (within the hour) and seventy minutes ago (outside it), as the tally would hold them.
      await t.db.query(
        `INSERT INTO list_read_tally (user_id, minute, case_ids, seen, added)
         VALUES ($1, date_trunc('minute', now() - interval '20 minutes'), 1, ARRAY[$2], 1),
                ($1, date_trunc('minute', now() - interval '70 minutes'), 1, ARRAY[$3], 1)`,
        [user, recent, old],
      );
      const start = await tally();
      await reads.recordList(t.db.manager, user, 'case.list', [recent, old, fresh, fresh]);
      expect(await tally()).toBe(start + 2); // old and fresh; recent was read within the hour, fresh twice in one read
      await reads.recordList(t.db.manager, user, 'case.list', [fresh, old, recent]);
      expect(await tally()).toBe(start + 2); // all three read within the hour now (this minute's row)
      await reads.recordList(t.db.manager, user, 'case.sync', [fresh]);
      expect(await tally()).toBe(start + 2);
      // The trail still names every id each read returned.
      const [entry] = await t.db.query<{ n: number }>(
        `SELECT jsonb_array_length(details->'caseIds')::int AS n FROM audit_entries
          WHERE action = 'case.list' AND actor_id = $1 ORDER BY id DESC LIMIT 1`,
        [user],
      );
      expect(entry.n).toBe(3);
      // Back to where the next test expects caseworker2 (under 33), whatever the minute now holds.
      await t.db.query('DELETE FROM list_read_tally WHERE user_id = $1', [user]);
    });

    it('raises the bulk-read alert once when two list reads at the same moment together reach the threshold', async () => {
      // The threshold is 40 case ids an hour; caseworker2 is taken to 33 (from what earlier tests had them read).
      const reads = t.app.get(CaseReadAudit);
      const ids = (n: number) => Array.from({ length: n }, () => randomUUID());
      const [{ sum }] = await t.db.query<{ sum: number }>(
        'SELECT COALESCE(SUM(case_ids), 0)::int AS sum FROM list_read_tally WHERE user_id = $1',
        [id['caseworker2']],
      );
      expect(sum).toBeLessThan(33);
      await reads.recordList(t.db.manager, id['caseworker2'], 'case.list', ids(33 - sum));
      // Each alone stays under 40 from 33; together they reach it. On PostgreSQL both run at once (two pooled
      // connections), held at the audit chain's lock until both have begun, so each started before the other committed.
      const blocker = database.name === 'postgres' ? new Client({ connectionString: t.config.databaseUrl }) : null;
      await blocker?.connect();
      await blocker?.query('BEGIN');
      await blocker?.query('SELECT pg_advisory_xact_lock(3, 0)');
      const both = Promise.all([
        reads.recordList(t.db.manager, id['caseworker2'], 'case.list', ids(6)),
        reads.recordList(t.db.manager, id['caseworker2'], 'case.list', ids(6)),
      ]);
      if (blocker) {
        for (let waiting = 0, tries = 0; waiting < 2; tries++) {
          expect(tries).toBeLessThan(250);
          if (tries) await new Promise((r) => setTimeout(r, 20));
          [{ waiting }] = await t.db.query<{ waiting: number }>(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%list_read_tally%'`,
          );
        }
        await blocker.query('COMMIT');
        await blocker.end();
      }
      await both;
      const raised = await t.db.query<{ n: number; last_hour: number }>(
        `SELECT count(*)::int AS n, max((details->>'caseIdsLastHour')::int) AS last_hour FROM audit_entries
          WHERE action = 'case.bulk-read' AND entity_id = $1`,
        [id['caseworker2']],
      );
      expect(raised[0]).toEqual({ n: 1, last_hour: 45 });
    });

    // Last: it takes every other waiting case off the queue, so that Next case has only the restricted one to offer.
    it('break the glass lets one look, never claim, take by Next case or be assigned a restricted case', async () => {
      const caseId = await post();
      expect(
        (await call('team-lead', 'POST', `/cases/${caseId}/restriction`, { restricted: true, accessList: [], reason: 'colleague' })).status,
      ).toBe(200);
      expect((await call('caseworker2', 'POST', `/cases/${caseId}/break-glass`, { reason: 'victim on the phone now' })).status).toBe(201);
      expect((await call('caseworker2', 'GET', `/cases/${caseId}`)).status).toBe(200);

      const claim = await call('caseworker2', 'POST', `/cases/${caseId}/claim`, {});
      expect(claim.status).toBe(403);
      expect(((await claim.json()) as Problem).code).toBe('not-on-access-list');
      const assign = await call('team-lead', 'POST', `/cases/${caseId}/assign`, { userId: id['caseworker2'] });
      expect(assign.status).toBe(400);
      expect(((await assign.json()) as Problem).errors?.map((e) => e.path)).toEqual(['/userId']);

      await t.db.query('UPDATE cases SET assignee_id = $2 WHERE assignee_id IS NULL AND id <> $1', [caseId, id['team-lead']]);
      const next = await call('caseworker2', 'POST', '/cases/next');
      expect(next.status).toBe(404);
      expect(await assigneeOf(caseId)).toBeNull();
      // Someone on the list takes it by Next case.
      const taken = await call('team-lead', 'POST', '/cases/next');
      expect(taken.status).toBe(200);
      expect(((await taken.json()) as { id: string }).id).toBe(caseId);
    });
  });
}
