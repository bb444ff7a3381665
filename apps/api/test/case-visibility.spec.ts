import { randomUUID } from 'node:crypto';
import {
  historyReasons,
  PresenceEvents,
  RiskEventsNames,
  SocketEvents,
  type CaseChangedEvent,
  type CaseDetail,
  type CaseHistoryEntry,
  type CaseRemovedEvent,
  type PresenceChangedEvent,
  type SyncResponse,
  type TeamLeadAlerts,
  type WorkloadRow,
} from '@lantern/shared/domain';
import { CaseVisibility } from '@lantern/api/cases';
import { createReport } from '@lantern/shared/testing';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, waitFor, type TestApp, type TestDatabase } from './harness';

/**
 * A restricted case stays invisible off its list everywhere (docs/casework.md, "Restricted cases"): case.removed only
 * to those who saw it, history details, due call-backs and the workload board, catch-up, the safety alerts (every
 * team lead, the case named only to those who may see it) and presence under any spelling of the id.
 */
for (const database of testDatabases()) {
  describe(`restricted case visibility on ${database.name}`, () => {
    let t: TestApp;
    const cookie: Record<string, string> = {};
    const id: Record<string, string> = {};
    let n = 0;
    const post = async (over: Parameters<typeof createReport>[0] = {}) => {
      const res = await t.postReport(createReport({ victim: { personId: `PVIS${n}` }, ...over }, 5200 + n++));
      expect(res.status).toBe(201);
      return ((await res.json()) as { caseId: string }).caseId;
    };
    const call = (who: string, method: string, path: string, body?: unknown) =>
      fetch(`${t.url}/api/v1${path}`, {
        method,
        headers: { cookie: cookie[who], 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const json = async <T>(who: string, path: string): Promise<T> => {
      const res = await call(who, 'GET', path);
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };
    const lift = async (caseId: string) =>
      expect((await call('team-lead', 'POST', `/cases/${caseId}/restriction`, { restricted: false, reason: 'not needed' })).status).toBe(
        200,
      );
    const restrict = async (caseId: string, accessList: string[], who = 'team-lead') =>
      expect((await call(who, 'POST', `/cases/${caseId}/restriction`, { restricted: true, accessList, reason: 'colleague' })).status).toBe(
        200,
      );
    const sockets: Socket[] = [];
    const connect = async (who: string): Promise<Socket> => {
      const s = t.socket(null, { cookie: cookie[who] });
      sockets.push(s);
      await new Promise((resolve, reject) => {
        s.once(SocketEvents.ready, resolve);
        s.once('connect_error', reject);
      });
      return s;
    };
    const ask = <T>(s: Socket, event: string, body?: unknown) =>
      new Promise<T>((resolve) => (body === undefined ? s.emit(event, resolve) : s.emit(event, body, resolve)));
    const head = async () => Number((await t.db.query<{ seq: string }>('SELECT max(seq) AS seq FROM outbox'))[0].seq);

    beforeAll(async () => {
      t = await startTestApp(database, { LANTERN_POLICE_STAFF_PERSON_IDS: 'PSTAFF-V1,PSTAFF-V2,PSTAFF-V3' });
      // A second team lead (the demo has one): break-glass alerts must reach team leads off a case's list too.
      await t.db.query(`UPDATE users SET roles = '{team-lead}' WHERE username = 'admin'`);
      for (const who of ['caseworker', 'caseworker2', 'team-lead', 'admin']) {
        cookie[who] = (await t.login(who)).cookie;
        id[who] = ((await (await call(who, 'GET', '/auth/me')).json()) as { id: string }).id;
      }
    });
    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await t?.close();
    });

    it('tells case.removed only to those who could see the case before: not on an edit of a list set on arrival', async () => {
      const outsider = await connect('caseworker2');
      const dropped = await connect('caseworker');
      const removed: Record<string, string[]> = { outsider: [], dropped: [] };
      const changed: string[] = [];
      outsider.on(SocketEvents.caseRemoved, (e: CaseRemovedEvent) => removed['outsider'].push(e.caseId));
      dropped.on(SocketEvents.caseRemoved, (e: CaseRemovedEvent) => removed['dropped'].push(e.caseId));
      dropped.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => changed.push(`${e.caseId}@${e.version}`));

      // Police staff: restricted on arrival to the team leads; then a team lead lets one caseworker in.
      const caseId = await post({ suspect: { personId: 'PSTAFF-V1' } });
      expect((await call('caseworker', 'GET', `/cases/${caseId}`)).status).toBe(404);
      await restrict(caseId, [id['caseworker']]);
      await waitFor(() => (changed.some((c) => c.startsWith(caseId)) ? true : undefined));
      // Then the list is cut back: only the caseworker dropped from it is told.
      await restrict(caseId, []);
      await waitFor(() => (removed['dropped'].includes(caseId) ? true : undefined));
      // Each push is audited after it is emitted, naming whom it told the case went: only the caseworker dropped.
      const pushes = async () =>
        t.db.query<{ details: { removedFrom: string[] } }>(
          "SELECT details FROM audit_entries WHERE action = 'case.pushed' AND entity_id = $1 ORDER BY id",
          [caseId],
        );
      for (let i = 0; i < 100 && !(await pushes()).some((p) => p.details.removedFrom.length); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect((await pushes()).flatMap((p) => p.details.removedFrom)).toEqual([id['caseworker']]);
      expect(removed['outsider']).not.toContain(caseId);

      // Unrestricted before: everyone off the new list saw it, everyone off it is told.
      const open = await post();
      await restrict(open, [id['caseworker']]);
      await waitFor(() => (removed['outsider'].includes(open) ? true : undefined));
      expect(removed['dropped']).not.toContain(open);
    });

    it('leaves restricted case ids out of another case’s history', async () => {
      const suspect = { personId: 'S0VISSER1', firstName: 'Connor', lastName: 'Hughes' };
      const seen = await post({ suspect, victim: { personId: 'PVISA' } });
      // Another victim of the same suspect, who is police staff: restricted on arrival; `seen` names it as linked. The
      // rule restricts the suspect's other cases with it (case-access.spec); a team lead lifts that from `seen`.
      const hidden = await post({ suspect, victim: { personId: 'PSTAFF-V2' } });
      await lift(seen);
      const history = async (who: string) => json<CaseHistoryEntry[]>(who, `/cases/${seen}/history`);
      const linked = (h: CaseHistoryEntry[]) =>
        h.filter((e) => e.action === 'case.serial-suspect-linked').map((e) => e.details['linkedCaseId']);
      expect(linked(await history('team-lead'))).toEqual([hidden]);
      const mine = await history('caseworker');
      expect(linked(mine)).toEqual([null]);
      expect(JSON.stringify(mine)).not.toContain(hidden);
    });

    it('counts a MARAC referral on a restricted case in another case’s MARAC history without naming the case or its suspect', async () => {
      // A case of hers everyone may see; then one whose suspect is police staff, restricted on arrival, which a team lead
      // refers to MARAC. (Her case arriving after a restricted one would be restricted too: a restriction follows the
      // person, case-access.spec.)
      const seen = await post({ victim: { personId: 'PVISMARAC' }, suspect: { personId: 'S0VISMARAC' } });
      const hidden = await post({ victim: { personId: 'PVISMARAC' }, suspect: { personId: 'PSTAFF-V2' } });
      await lift(seen); // restricted with `hidden` (her other case); a team lead's decision to open it again stands
      expect((await call('team-lead', 'POST', `/cases/${hidden}/marac-referrals`, { maracArea: 'Dacorum' })).status).toBe(201);
      const detail = async (who: string) => json<CaseDetail>(who, `/cases/${seen}`);
      const lead = await detail('team-lead');
      expect(lead.maracContext.maracReferrals).toEqual([expect.objectContaining({ caseId: hidden, perpetratorPersonId: 'PSTAFF-V2' })]);
      const mine = await detail('caseworker');
      expect(JSON.stringify(mine)).not.toContain(hidden);
      expect(JSON.stringify(mine)).not.toContain('PSTAFF-V2');
      // Still one referral for the criteria, by another perpetrator than this case's: not a repeat with this suspect.
      const [referral] = mine.maracContext.maracReferrals ?? [];
      expect(referral).toEqual({ referredAt: lead.maracContext.maracReferrals?.[0]?.referredAt, perpetratorPersonId: expect.any(String) });
      expect(referral.perpetratorPersonId).not.toBe('S0VISMARAC');
      expect(historyReasons(mine.maracContext)).not.toContain('repeat');

      // The same suspect on a case a team lead restricted (to caseworker2) after its MARAC referral: the referral still
      // makes the new case a repeat, in what the caseworker's screen computes from the history it is given.
      const restricted = await post({ victim: { personId: 'PVISMARAC2' }, suspect: { personId: 'S0VISSAME' } });
      expect(
        (
          await call('team-lead', 'POST', `/cases/${restricted}/marac-referrals`, {
            maracArea: 'Dacorum',
            note: 'Professional judgement: threats since.',
          })
        ).status,
      ).toBe(201);
      // Its incident after the referral (a repeat is a new incident after one). Restricting the first case restricts
      // this one with it (a restriction reaches her other cases): a team lead lifts it here, the first stays restricted.
      const after = (ms: number) => new Date(Date.now() + ms).toISOString();
      const again = await post({
        victim: { personId: 'PVISMARAC2' },
        suspect: { personId: 'S0VISSAME' },
        incident: { occurredAt: after(60_000), reportedAt: after(120_000) },
      });
      await restrict(restricted, [id['caseworker2']]);
      expect(
        (await call('team-lead', 'POST', `/cases/${again}/restriction`, { restricted: false, reason: 'not needed here' })).status,
      ).toBe(200);
      const seenAgain = await json<CaseDetail>('caseworker', `/cases/${again}`);
      expect(JSON.stringify(seenAgain)).not.toContain(restricted);
      expect(seenAgain.maracContext.maracReferrals).toEqual([{ referredAt: expect.any(String), perpetratorPersonId: 'S0VISSAME' }]);
      expect(historyReasons(seenAgain.maracContext)).toContain('repeat');
      expect(seenAgain.risk.marac.reasons).toContain('repeat');
    });

    it('judges only the cases it was given, under any spelling of their ids, and fails closed for the rest', async () => {
      // CaseVisibility reads the restrictions of the cases a list names, not every restricted case in the hub's history.
      const restricted = await post({ victim: { personId: 'PSTAFF-V3' } });
      const open = await post({ victim: { personId: 'PVISOPEN' } });
      const notGiven = await post({ victim: { personId: 'PVISNOTGIVEN' } });
      const who = (name: string) => ({ id: id[name], roles: name === 'team-lead' ? (['team-lead'] as const) : (['caseworker'] as const) });
      const v = await CaseVisibility.forCases(t.db.manager, [restricted.toUpperCase(), open, 'not-a-uuid']);
      // Restricted on arrival (police staff): only the team leads are on its list.
      expect(v.maySee(who('caseworker'), restricted)).toBe(false);
      expect(v.maySee(who('caseworker'), restricted.toUpperCase())).toBe(false);
      expect(v.maySee(who('team-lead'), restricted)).toBe(true);
      expect(v.isRestricted(restricted.toUpperCase())).toBe(true);
      expect(v.maySee(who('caseworker'), open.toUpperCase())).toBe(true);
      expect(v.isRestricted(open)).toBe(false);
      // Not given: never judged visible, though nothing restricts it.
      expect(v.maySee(who('team-lead'), notGiven)).toBe(false);
      expect(v.isRestricted(notGiven)).toBe(true);
      expect(v.maySee(who('team-lead'), 'not-a-uuid')).toBe(false);
      expect(() => v.factsOf(notGiven)).toThrow();
    });

    it('leaves call-backs of a restricted case out of due call-backs and the workload board', async () => {
      const caseId = await post();
      expect((await call('caseworker', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
      const callbackId = randomUUID();
      await t.db.query(
        `INSERT INTO callbacks (id, case_id, due_at, assigned_to, created_by, created_at, status)
         VALUES ($1, $2, now() - interval '5 minutes', $3, $3, now() - interval '1 day', 'pending')`,
        [callbackId, caseId, id['caseworker']],
      );
      const due = async (who: string, scope = '') => (await json<Array<{ id: string }>>(who, `/callbacks/due${scope}`)).map((c) => c.id);
      const board = async (who: string) =>
        (await json<WorkloadRow[]>(who, '/workload')).find((r) => r.userId === id['caseworker'])?.callbacksDue ?? -1;
      expect(await due('admin', '?scope=all')).toContain(callbackId);
      const before = await board('admin');
      await restrict(caseId, [id['caseworker']]);
      expect(await due('caseworker')).toContain(callbackId);
      expect(await due('team-lead', '?scope=all')).toContain(callbackId);
      expect(await due('admin', '?scope=all')).not.toContain(callbackId);
      expect(await board('team-lead')).toBe(before);
      expect(await board('admin')).toBe(before - 1);
    });

    it('answers catch-up with reset when a case the user held has been hidden since, and not for one they never saw', async () => {
      const held = await post();
      const neverSeen = await post({ suspect: { personId: 'PSTAFF-V3' } });
      const from = await head();
      const s = await connect('caseworker2');
      // A change of a case restricted before `from` (never theirs): nothing, not even a reset.
      expect((await call('team-lead', 'POST', `/cases/${neverSeen}/status`, { status: 'triage' })).status).toBe(200);
      const quiet = await ask<SyncResponse>(s, SocketEvents.sync, { afterSeq: from });
      expect(quiet.reset).toBe(false);
      expect(quiet.events.map((e) => e.caseId)).not.toContain(neverSeen);
      // A case restricted on arrival after `from` (created in the range): never held, no reset either.
      await post({ suspect: { personId: 'PSTAFF-V1' } });
      expect((await ask<SyncResponse>(s, SocketEvents.sync, { afterSeq: from })).reset).toBe(false);
      // The case they held at `from` is restricted off their list: the client must reload (and so drop it).
      await restrict(held, []);
      const reset = await ask<SyncResponse>(s, SocketEvents.sync, { afterSeq: from });
      expect(reset).toMatchObject({ events: [], reset: true });
      expect(JSON.stringify(reset)).not.toContain(held);
      // Someone on the list catches up as usual.
      const insider = await connect('team-lead');
      const synced = await ask<SyncResponse>(insider, SocketEvents.sync, { afterSeq: from });
      expect(synced.reset).toBe(false);
      expect(synced.events.map((e) => e.caseId)).toContain(held);
    });

    it('shows every team lead who broke the glass, when and why; the case only to those who may see it', async () => {
      const caseId = await post();
      await restrict(caseId, []); // the team lead only
      expect((await call('caseworker2', 'POST', `/cases/${caseId}/break-glass`, { reason: 'victim on the phone now' })).status).toBe(201);
      const [{ reference }] = await t.db.query<{ reference: string }>('SELECT reference FROM cases WHERE id = $1', [caseId]);
      const glass = (a: TeamLeadAlerts) => a.safety?.filter((x) => x.kind === 'break-glass' && x.userId === id['caseworker2']) ?? [];
      const listed = await json<TeamLeadAlerts>('team-lead', '/alerts');
      expect(glass(listed).find((x) => x.caseId === caseId)).toMatchObject({ reference, reason: 'victim on the phone now' });
      const other = await json<TeamLeadAlerts>('admin', '/alerts');
      const mine = glass(other).filter((x) => x.reason === 'victim on the phone now');
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ by: 'Alex Morgan', userId: id['caseworker2'] });
      expect(mine[0].until).toBeTruthy();
      expect(mine[0].caseId).toBeUndefined();
      expect(mine[0].reference).toBeUndefined();
      expect(JSON.stringify(other)).not.toContain(caseId);
      expect(JSON.stringify(other)).not.toContain(reference);

      // Restricted on arrival, then the second team lead taken off the list: the alert stays, the case unnamed.
      const staff = await post({ victim: { personId: 'PSTAFF-V3' } });
      await restrict(staff, []);
      const arrival = (await json<TeamLeadAlerts>('admin', '/alerts')).safety?.filter((x) => x.kind === 'restricted-on-arrival') ?? [];
      expect(arrival.length).toBeGreaterThan(0);
      expect(JSON.stringify(arrival)).not.toContain(staff);
      const named = (await json<TeamLeadAlerts>('team-lead', '/alerts')).safety?.filter((x) => x.kind === 'restricted-on-arrival');
      expect(named?.map((x) => x.caseId)).toContain(staff);
    });

    it('tells a socket that had the case open nothing more once it is restricted away: presence.editing is not-found', async () => {
      const caseId = await post();
      const insider = await connect('caseworker');
      const dropped = await connect('caseworker2');
      expect((await ask<PresenceChangedEvent>(dropped, PresenceEvents.open, { caseId })).caseId).toBe(caseId);
      await ask(insider, PresenceEvents.open, { caseId });
      await restrict(caseId, [id['caseworker']]);
      expect(await ask<{ error?: string }>(dropped, PresenceEvents.editing, { caseId, section: 'notes' })).toEqual({ error: 'not-found' });
      // It has left the case's viewers, and its try is in the trail.
      const [seen] = (await ask<PresenceChangedEvent[]>(insider, PresenceEvents.list)).filter((p) => p.caseId === caseId);
      expect(seen.viewers.map((v) => v.userId)).toEqual([id['caseworker']]);
      const refused = await t.db.query<{ actor_id: string; details: { event: string; reason: string } }>(
        "SELECT actor_id, details FROM audit_entries WHERE action = 'socket.refused' AND entity_id = $1",
        [caseId],
      );
      expect(refused.map((r) => [r.actor_id, r.details.event, r.details.reason])).toEqual([
        [id['caseworker2'], PresenceEvents.editing, 'restricted'],
      ]);
    });

    it('keeps the assignee on the list when a police revision makes the police-staff rule restrict their case', async () => {
      const report = createReport(
        { victim: { personId: `PVIS${n}` }, officerRiskAssessment: { tool: 'dara', riskLevel: 'medium', dash: undefined } },
        5200 + n++,
      );
      const created = await t.postReport(report);
      const caseId = ((await created.json()) as { caseId: string }).caseId;
      expect((await call('caseworker', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
      const assignee = await connect('caseworker');
      const raised: Array<{ caseId: string }> = [];
      assignee.on(RiskEventsNames.raisedByPolice, (e: { caseId: string }) => raised.push(e));
      // Revision 2: the suspect is police staff, and the officer now grades high.
      const revised = await t.postReport({
        ...report,
        revision: 2,
        suspect: { ...report.suspect, personId: 'PSTAFF-V2' },
        officerRiskAssessment: { tool: 'dara', riskLevel: 'high' },
      });
      expect(revised.status).toBe(200);
      const [row] = await t.db.query<{ restricted: boolean; access_list: string[]; assignee_id: string }>(
        'SELECT restricted, access_list, assignee_id FROM cases WHERE id = $1',
        [caseId],
      );
      expect(row.restricted).toBe(true);
      expect(row.assignee_id).toBe(id['caseworker']);
      expect(row.access_list).toEqual(expect.arrayContaining([id['caseworker'], id['team-lead']]));
      expect((await call('caseworker', 'GET', `/cases/${caseId}`)).status).toBe(200);
      expect((await call('caseworker2', 'GET', `/cases/${caseId}`)).status).toBe(404);
      await waitFor(() => raised.find((e) => e.caseId === caseId));
    });

    it('keeps a restricted case out of presence under an upper-case spelling of its id', async () => {
      const caseId = await post();
      await restrict(caseId, [id['caseworker']]);
      const upper = caseId.toUpperCase();
      const insider = await connect('caseworker');
      const outsider = await connect('caseworker2');
      const heard: PresenceChangedEvent[] = [];
      outsider.on(PresenceEvents.changed, (e: PresenceChangedEvent) => heard.push(e));
      expect(await ask<{ error?: string }>(outsider, PresenceEvents.open, { caseId: upper })).toEqual({ error: 'not-found' });
      const opened = await ask<PresenceChangedEvent>(insider, PresenceEvents.open, { caseId: upper });
      expect(opened.caseId).toBe(caseId);
      const seenByInsider = await ask<PresenceChangedEvent[]>(insider, PresenceEvents.list);
      expect(seenByInsider.map((p) => p.caseId)).toContain(caseId);
      const seenByOutsider = await ask<PresenceChangedEvent[]>(outsider, PresenceEvents.list);
      expect(JSON.stringify(seenByOutsider).toLowerCase()).not.toContain(caseId);
      await ask(insider, PresenceEvents.editing, { caseId: upper, section: 'needs' });
      expect(JSON.stringify(heard).toLowerCase()).not.toContain(caseId);
      // Over HTTP too: the upper-case id is the same hidden case.
      expect((await call('caseworker2', 'GET', `/cases/${upper}`)).status).toBe(404);
      expect((await call('caseworker', 'GET', `/cases/${upper}`)).status).toBe(200);
    });
  });
}

const redisUrl = process.env['REDIS_URL'];
const postgres = testDatabases().find((d) => d.name === 'postgres');

/** The same rules when the list edit and the sockets are on different API instances sharing Redis. */
describe.runIf(Boolean(redisUrl && postgres))('restricted case visibility across instances', () => {
  let a: TestApp;
  let b: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    a = await startTestApp(postgres as TestDatabase, { REDIS_URL: redisUrl as string, LANTERN_POLICE_STAFF_PERSON_IDS: 'PSTAFF-M1' });
    const url = new URL(a.config.databaseUrl as string);
    const shared: TestDatabase = { name: 'postgres', create: async () => url.toString(), drop: async () => undefined };
    b = await startTestApp(shared, { REDIS_URL: redisUrl as string, LANTERN_POLICE_STAFF_PERSON_IDS: 'PSTAFF-M1' });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await b?.close();
    await a?.close();
  });

  const connect = async (app: TestApp, who: string): Promise<Socket> => {
    const s = app.socket(null, { cookie: (await app.login(who)).cookie });
    sockets.push(s);
    await new Promise((resolve, reject) => {
      s.once(SocketEvents.ready, resolve);
      s.once('connect_error', reject);
    });
    return s;
  };

  it('tells case.removed on B only to the caseworker dropped from a list edited on A; presence keeps the id lower-case', async () => {
    const lead = (await a.login('team-lead')).cookie;
    const meOf = async (who: string) =>
      ((await (await fetch(`${a.url}/api/v1/auth/me`, { headers: { cookie: (await a.login(who)).cookie } })).json()) as { id: string }).id;
    const caseworker = await meOf('caseworker');
    const restrict = async (caseId: string, accessList: string[]) => {
      const res = await fetch(`${a.url}/api/v1/cases/${caseId}/restriction`, {
        method: 'POST',
        headers: { cookie: lead, 'content-type': 'application/json' },
        body: JSON.stringify({ restricted: true, accessList, reason: 'colleague' }),
      });
      expect(res.status).toBe(200);
    };
    const dropped = await connect(b, 'caseworker');
    const outsider = await connect(b, 'caseworker2');
    const removed = { dropped: [] as string[], outsider: [] as string[] };
    const changed: string[] = [];
    dropped.on(SocketEvents.caseRemoved, (e: CaseRemovedEvent) => removed.dropped.push(e.caseId));
    dropped.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => changed.push(e.caseId));
    outsider.on(SocketEvents.caseRemoved, (e: CaseRemovedEvent) => removed.outsider.push(e.caseId));

    const res = await a.postReport(createReport({ victim: { personId: 'PSTAFF-M1' } }, 5300));
    const { caseId } = (await res.json()) as { caseId: string };
    await restrict(caseId, [caseworker]);
    await waitFor(() => (changed.includes(caseId) ? true : undefined));
    // The caseworker on the list opens it on B under an upper-case id: B's outsider's presence list does not name it.
    const opened = await new Promise<PresenceChangedEvent>((resolve) =>
      dropped.emit(PresenceEvents.open, { caseId: caseId.toUpperCase() }, resolve),
    );
    expect(opened.caseId).toBe(caseId);
    const onA = await connect(a, 'caseworker2');
    const list = await new Promise<PresenceChangedEvent[]>((resolve) => onA.emit(PresenceEvents.list, resolve));
    expect(JSON.stringify(list).toLowerCase()).not.toContain(caseId);

    await restrict(caseId, []);
    await waitFor(() => (removed.dropped.includes(caseId) ? true : undefined));
    // A later unrestricted case reaches B after the edit: by then any removal for the outsider would have come.
    const marker = ((await (await a.postReport(createReport({ victim: { personId: 'PMULTI-V2' } }, 5301))).json()) as { caseId: string })
      .caseId;
    await waitFor(() => (changed.includes(marker) ? true : undefined));
    expect(removed.outsider).not.toContain(caseId);
  });
});
