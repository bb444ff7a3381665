import {
  RiskEventsNames,
  SocketEvents,
  type CaseChangedEvent,
  type CaseRemovedEvent,
  type RiskRaisedByPoliceEvent,
} from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, waitFor, type TestApp, type TestDatabase } from './harness';

const redisUrl = process.env['REDIS_URL'];
const postgres = testDatabases().find((d) => d.name === 'postgres');

/**
 * Two API instances sharing Redis: what crosses Redis between them names no victim (ids and versions only), and
 * each instance pushes a case only to its own sockets whose user may see it. A raw Redis client subscribed to every
 * channel records every message the socket.io adapter publishes while the test runs.
 */
describe.runIf(Boolean(redisUrl && postgres))('case events across instances carry no names', () => {
  let a: TestApp;
  let b: TestApp;
  let spy: Redis;
  const messages: Buffer[] = [];

  beforeAll(async () => {
    const db = postgres as TestDatabase;
    a = await startTestApp(db, { REDIS_URL: redisUrl as string });
    const url = new URL(a.config.databaseUrl as string);
    const shared: TestDatabase = { name: 'postgres', create: async () => url.toString(), drop: async () => undefined };
    b = await startTestApp(shared, { REDIS_URL: redisUrl as string });
    spy = new Redis(redisUrl as string);
    spy.on('pmessageBuffer', (_pattern: Buffer, _channel: Buffer, message: Buffer) => messages.push(message));
    await spy.psubscribe('*');
  });
  afterAll(async () => {
    await spy?.quit();
    await b?.close();
    await a?.close();
  });

  const connect = async (app: TestApp, who: string): Promise<Socket> => {
    const s = app.socket(null, { cookie: (await app.login(who)).cookie });
    await new Promise((resolve, reject) => {
      s.once(SocketEvents.ready, resolve);
      s.once('connect_error', reject);
    });
    return s;
  };

  it('delivers a case committed on A to a socket on B with the victim’s name, while Redis carries only ids', async () => {
    const firstName = `Zephyrine${Date.now().toString(36)}`;
    const lastName = 'Quillfeather';
    const s = await connect(b, 'caseworker');
    const events: CaseChangedEvent[] = [];
    s.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => events.push(e));
    const res = await a.postReport(createReport({ victim: { personId: 'PMULTI-1', firstName, lastName } }, 4900));
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    const e = await waitFor(() => events.find((x) => x.caseId === caseId));
    expect(e.case.victim.firstName).toBe(firstName);
    expect(messages.length).toBeGreaterThan(0);
    const leaking = messages.filter((m) => m.includes(firstName) || m.includes(lastName));
    expect(leaking).toEqual([]);
    // The inter-instance message for this change is there, by id.
    expect(messages.some((m) => m.includes(caseId))).toBe(true);
  });

  it('pushes a restricted case on B only to users on its list, and tells the others it went', async () => {
    const res = await a.postReport(createReport({ victim: { personId: 'PMULTI-2' } }, 4901));
    const { caseId } = (await res.json()) as { caseId: string };
    const insider = await connect(b, 'caseworker');
    const outsider = await connect(b, 'caseworker2');
    const seen = { insider: [] as CaseChangedEvent[], outsider: [] as CaseChangedEvent[], removed: [] as CaseRemovedEvent[] };
    insider.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => seen.insider.push(e));
    outsider.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => seen.outsider.push(e));
    outsider.on(SocketEvents.caseRemoved, (e: CaseRemovedEvent) => seen.removed.push(e));
    const lead = await a.login('team-lead');
    const me = (await (await fetch(`${a.url}/api/v1/auth/me`, { headers: { cookie: (await a.login('caseworker')).cookie } })).json()) as {
      id: string;
    };
    const restrict = await fetch(`${a.url}/api/v1/cases/${caseId}/restriction`, {
      method: 'POST',
      headers: { cookie: lead.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ restricted: true, accessList: [me.id], reason: 'colleague' }),
    });
    expect(restrict.status).toBe(200);
    await waitFor(() => seen.removed.find((r) => r.caseId === caseId));
    const restricted = await waitFor(() => seen.insider.find((x) => x.caseId === caseId && x.case.restricted));
    expect(restricted.case.restricted).toBe(true);
    expect(seen.outsider.filter((x) => x.caseId === caseId && x.case.restricted)).toEqual([]);
  });

  it('tells the assignee on B that a revision committed on A raised the grade, while Redis carries no reference or grade', async () => {
    const reference = `MULTI-RAISE-${Date.now().toString(36).toUpperCase()}`;
    const body = (revision: number, riskLevel: 'medium' | 'high') => {
      const r = createReport({ victim: { personId: 'PMULTI-3' } }, 4902);
      return { ...r, reference, revision, officerRiskAssessment: { tool: 'dara', riskLevel } };
    };
    const res = await a.postReport(body(1, 'medium'));
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    const cw = await a.login('caseworker');
    expect((await fetch(`${a.url}/api/v1/cases/${caseId}/claim`, { method: 'POST', headers: { cookie: cw.cookie } })).status).toBe(200);
    const s = await connect(b, 'caseworker');
    const heard: RiskRaisedByPoliceEvent[] = [];
    s.on(RiskEventsNames.raisedByPolice, (e: RiskRaisedByPoliceEvent) => heard.push(e));
    const from = messages.length;
    expect((await a.postReport(body(2, 'high'))).status).toBe(200);
    const e = await waitFor(() => heard.find((x) => x.caseId === caseId));
    expect(e).toEqual({ caseId, reference, from: 'medium', to: 'high', revision: 2 });
    const crossed = messages.slice(from);
    expect(crossed.some((m) => m.includes(caseId))).toBe(true);
    expect(crossed.filter((m) => m.includes(reference))).toEqual([]);
  });
});
