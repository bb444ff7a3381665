import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MESSAGE_MAPPING_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ALLOW, IS_PUBLIC } from '@lantern/api/auth';
import { CASE_ACCESS, CASE_ACCESS_EXEMPT, CASE_ACCESS_EXTENSION, type CaseAccessMetadata } from '@lantern/api/cases';
import { RealtimeGateway } from '@lantern/api/realtime';
import {
  can,
  caseAccess,
  maySeeCase,
  PresenceEvents,
  SocketEvents,
  type Action,
  type CaseAccessFacts,
  type Role,
  type SyncResponse,
} from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, waitFor, type TestApp } from './harness';

/**
 * The role × route matrix, generated from the route table: every route the running app registered, with its
 * @Allow action (permission table) and, for a route about one case, its @CaseAccess kind (case-access.ts). Every
 * cell — demo user × case route × case state (assigned to `caseworker`; restricted to `caseworker2` as assignee)
 * — plus an unassigned restricted case where `caseworker` broke the glass — is asserted over HTTP, and every socket event the gateway subscribes to is asserted per role. A route about a
 * case without a decision, or a socket event without one, fails the test.
 *
 * Cells: anonymous → 401; a role the table refuses → 403; a case the user may not see → the 404 of a missing case;
 * a write by neither the assignee nor a team lead → 403 not-assignee; a claim of a restricted case seen only through
 * break the glass → 403 not-on-access-list; otherwise the request passes the access
 * checks (bodies are deliberately invalid, so a permitted write meets its contract's 400 and changes nothing).
 */

const USERS: ReadonlyArray<{ username: string; role: Role | null }> = [
  { username: 'caseworker', role: 'caseworker' },
  { username: 'caseworker2', role: 'caseworker' },
  { username: 'team-lead', role: 'team-lead' },
  { username: 'admin', role: 'admin' },
  { username: 'officer', role: 'officer' },
  { username: 'auditor', role: 'auditor' },
  { username: 'partner-idva', role: 'partner' },
  { username: 'anonymous', role: null },
];

/** What each client → server socket event needs (the gateway reads the same table). A new event must be added here. */
const SOCKET_DECISIONS: Record<string, { action: Action; caseScoped: boolean }> = {
  [SocketEvents.sync]: { action: 'case.read', caseScoped: false },
  [PresenceEvents.open]: { action: 'case.read', caseScoped: true },
  [PresenceEvents.list]: { action: 'case.read', caseScoped: false },
  [PresenceEvents.leave]: { action: 'case.read', caseScoped: true },
  [PresenceEvents.editing]: { action: 'case.read', caseScoped: true },
};

interface RouteInfo {
  route: string;
  method: string;
  path: string;
  action: Action | undefined;
  isPublic: boolean;
  access: CaseAccessMetadata | undefined;
  exempt: string | undefined;
}

/** A route about one case: its path names a case id (cases/:id…) or a call-back of one (callbacks/:id…). */
const isCaseRoute = (path: string) => /(^|\/)cases\/:id(\/|$)/.test(path) || /(^|\/)callbacks\/:id(\/|$)/.test(path);

for (const database of testDatabases()) {
  describe(`the role × route matrix on ${database.name}`, () => {
    let t: TestApp;
    let routes: RouteInfo[];
    const cookies = new Map<string, string>();
    const ids = new Map<string, string>();
    const states: Array<{ name: string; caseId: string; facts: CaseAccessFacts }> = [];

    const call = (username: string, method: string, path: string, body?: string) =>
      fetch(`${t.url}${path}`, {
        method,
        headers: { ...(cookies.has(username) ? { cookie: cookies.get(username) as string } : {}), 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body }),
      });

    beforeAll(async () => {
      t = await startTestApp(database);
      for (const u of USERS) {
        if (!u.role) continue;
        cookies.set(u.username, (await t.login(u.username)).cookie);
        ids.set(u.username, ((await (await call(u.username, 'GET', '/api/v1/auth/me')).json()) as { id: string }).id);
      }
      const discovery = t.app.get(DiscoveryService, { strict: false });
      const scanner = new MetadataScanner();
      const reflector = new Reflector();
      routes = [];
      for (const wrapper of discovery.getControllers()) {
        const cls = wrapper.metatype as (new (...args: never[]) => object) | null;
        if (!cls || !wrapper.instance) continue;
        const prefix = String(Reflect.getMetadata(PATH_METADATA, cls) ?? '');
        for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(wrapper.instance) as object)) {
          const handler = (wrapper.instance as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
          const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
          if (sub === undefined) continue;
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
          const path = `/api/${[prefix, sub].filter((p) => p && p !== '/').join('/')}`;
          routes.push({
            route: `${method} ${path}`,
            method,
            path,
            action: reflector.getAllAndOverride<Action | undefined>(ALLOW, [handler, cls]),
            isPublic: !!reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, cls]),
            access: reflector.get<CaseAccessMetadata | undefined>(CASE_ACCESS, handler),
            exempt: reflector.get<string | undefined>(CASE_ACCESS_EXEMPT, handler),
          });
        }
      }

      // State 1: a case claimed by `caseworker`.
      const post = async (i: number) => {
        const res = await t.postReport(createReport({ victim: { personId: `PMATRIX${i}` } }, 5200 + i));
        return ((await res.json()) as { caseId: string }).caseId;
      };
      const assigned = await post(1);
      expect((await call('caseworker', 'POST', `/api/v1/cases/${assigned}/claim`, '{}')).status).toBe(200);
      states.push({
        name: 'assigned to caseworker',
        caseId: assigned,
        facts: { assigneeId: ids.get('caseworker') as string, restricted: false, accessList: [], breakGlass: [] },
      });
      // State 2: a case claimed by `caseworker2`, then restricted to them (the restricting team lead is added).
      const restricted = await post(2);
      expect((await call('caseworker2', 'POST', `/api/v1/cases/${restricted}/claim`, '{}')).status).toBe(200);
      const r = await call(
        'team-lead',
        'POST',
        `/api/v1/cases/${restricted}/restriction`,
        JSON.stringify({ restricted: true, accessList: [ids.get('caseworker2')], reason: 'matrix' }),
      );
      expect(r.status).toBe(200);
      states.push({
        name: 'restricted to caseworker2 (assignee)',
        caseId: restricted,
        facts: {
          assigneeId: ids.get('caseworker2') as string,
          restricted: true,
          accessList: [ids.get('caseworker2') as string, ids.get('team-lead') as string],
          breakGlass: [],
        },
      });
      // State 3: an unassigned case restricted to the team lead alone, where caseworker broke the glass.
      const glass = await post(3);
      expect(
        (
          await call(
            'team-lead',
            'POST',
            `/api/v1/cases/${glass}/restriction`,
            JSON.stringify({ restricted: true, accessList: [], reason: 'matrix' }),
          )
        ).status,
      ).toBe(200);
      const grant = await call(
        'caseworker',
        'POST',
        `/api/v1/cases/${glass}/break-glass`,
        JSON.stringify({ reason: 'matrix: on the phone' }),
      );
      expect(grant.status).toBe(201);
      const { expiresAt } = (await grant.json()) as { expiresAt: string };
      states.push({
        name: 'restricted to team-lead, caseworker broke the glass',
        caseId: glass,
        facts: {
          assigneeId: null,
          restricted: true,
          accessList: [ids.get('team-lead') as string],
          breakGlass: [{ userId: ids.get('caseworker') as string, expiresAt }],
        },
      });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('has a case-access decision for every route about one case, and documents it in OpenAPI', async () => {
      const caseRoutes = routes.filter((r) => isCaseRoute(r.path));
      expect(caseRoutes.length).toBeGreaterThan(35);
      const undecided = caseRoutes.filter((r) => !r.access && !r.exempt).map((r) => r.route);
      expect(undecided).toEqual([]);
      // A decision only where it means something: no @CaseAccess on a route with no case id.
      expect(routes.filter((r) => r.access && !isCaseRoute(r.path)).map((r) => r.route)).toEqual([]);
      const doc = (await (await fetch(`${t.url}/api/docs-json`)).json()) as {
        paths: Record<string, Record<string, Record<string, unknown>>>;
      };
      const missing = caseRoutes
        .filter((r) => r.access)
        .filter((r) => {
          const op = doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
          return op?.[CASE_ACCESS_EXTENSION] !== r.access?.kind;
        })
        .map((r) => r.route);
      expect(missing).toEqual([]);
    });

    it('answers every user × case route × case state as the permission table and the case-access rule say', async () => {
      const mismatches: string[] = [];
      let cells = 0;
      const now = new Date();
      for (const r of routes.filter((x) => isCaseRoute(x.path) && x.access && x.action)) {
        const access = r.access as CaseAccessMetadata;
        const action = r.action as Action;
        for (const state of states) {
          // Call-back routes name a call-back, not the case: a well-formed unknown id tests the permission cells.
          const url = r.path.replace(':id', access.via === 'callback' ? randomUUID() : state.caseId).replace(/:(\w+)/g, () => randomUUID());
          for (const u of USERS) {
            // Invalid bodies: a permitted write meets its contract (400) and changes nothing.
            const res = await call(u.username, r.method, url, r.method === 'GET' ? undefined : '{"matrixProbe":true}');
            const body =
              res.status >= 400
                ? ((await res.json().catch(() => ({}))) as { code?: string; detail?: string })
                : (await res.body?.cancel(), {});
            cells++;
            const got =
              res.status === 404 && body.detail === 'No such case.'
                ? 'hidden'
                : res.status === 403
                  ? `403 ${body.code}`
                  : res.status === 401
                    ? '401'
                    : 'passes';
            let expected: string;
            if (!u.role) expected = '401';
            else if (!can([u.role], action)) expected = '403 forbidden';
            else if (access.via === 'callback') expected = 'passes';
            else {
              const user = { id: ids.get(u.username) as string, roles: [u.role] };
              const decision = caseAccess(user, state.facts, access.kind, now);
              expected =
                decision.decision === 'hidden'
                  ? 'hidden'
                  : decision.decision === 'forbidden'
                    ? `403 ${decision.reason === 'not-assignee' || decision.reason === 'not-on-access-list' ? decision.reason : 'forbidden'}`
                    : 'passes';
            }
            if (got !== expected)
              mismatches.push(
                `${r.route} [${state.name}] as ${u.username}: ${res.status} ${body.code ?? ''} (${got}), expected ${expected}`,
              );
          }
        }
      }
      expect(cells).toBeGreaterThan(35 * USERS.length * states.length);
      expect(mismatches).toEqual([]);
    }, 180_000);

    it('has a decision for every socket event the gateway subscribes to, and applies it per role and case', async () => {
      const gateway = t.app.get(RealtimeGateway);
      const proto = Object.getPrototypeOf(gateway) as Record<string, unknown>;
      const subscribed = new MetadataScanner()
        .getAllMethodNames(proto)
        .filter((name) => Reflect.getMetadata(MESSAGE_MAPPING_METADATA, proto[name] as object))
        .map((name) => Reflect.getMetadata(MESSAGE_METADATA, proto[name] as object) as string);
      expect(subscribed.sort()).toEqual(Object.keys(SOCKET_DECISIONS).sort());

      const [visible, restricted, glass] = states;
      const mismatches: string[] = [];
      for (const u of USERS) {
        if (!u.role) {
          const s = t.socket(null);
          const err = await new Promise<Error>((resolve) => s.once('connect_error', resolve));
          if (err.message !== 'unauthenticated') mismatches.push(`anonymous connect: ${err.message}`);
          continue;
        }
        const user = { id: ids.get(u.username) as string, roles: [u.role] };
        const s: Socket = t.socket(null, { cookie: cookies.get(u.username) });
        await new Promise((resolve, reject) => {
          s.once(SocketEvents.ready, resolve);
          s.once('connect_error', reject);
        });
        const reads = can([u.role], SOCKET_DECISIONS[PresenceEvents.open].action);
        for (const state of [visible, restricted, glass]) {
          const ack = (await s.emitWithAck(PresenceEvents.open, { caseId: state.caseId })) as { error?: string; viewers?: unknown[] };
          const expected = !reads ? 'forbidden' : maySeeCase(user, state.facts, new Date()) ? 'ok' : 'not-found';
          const got = ack.error ?? 'ok';
          if (got !== expected) mismatches.push(`${PresenceEvents.open} [${state.name}] as ${u.username}: ${got}, expected ${expected}`);
          if (got === 'ok') await s.emitWithAck(PresenceEvents.editing, { caseId: state.caseId, section: null });
          s.emit(PresenceEvents.leave, { caseId: state.caseId });
        }
        const list = (await s.emitWithAck(PresenceEvents.list)) as { error?: string } | unknown[];
        if (Array.isArray(list) !== reads) mismatches.push(`${PresenceEvents.list} as ${u.username}: ${JSON.stringify(list)}`);
        const sync = (await s.emitWithAck(SocketEvents.sync, { afterSeq: 0 })) as SyncResponse;
        const synced = sync.events.map((e) => e.caseId);
        for (const state of [visible, restricted, glass]) {
          const expected = reads && maySeeCase(user, state.facts, new Date());
          if (synced.includes(state.caseId) !== expected)
            mismatches.push(`${SocketEvents.sync} [${state.name}] as ${u.username}: ${!expected ? 'leaked' : 'missing'}`);
        }
        s.disconnect();
      }
      expect(mismatches).toEqual([]);
    });

    it('pushes case.changed to exactly the users who may see the case', async () => {
      const sockets = new Map<string, { socket: Socket; seen: string[] }>();
      for (const u of USERS.filter((x) => x.role)) {
        const socket = t.socket(null, { cookie: cookies.get(u.username) });
        await new Promise((resolve) => socket.once(SocketEvents.ready, resolve));
        const seen: string[] = [];
        socket.on(SocketEvents.caseChanged, (e: { caseId: string }) => seen.push(e.caseId));
        sockets.set(u.username, { socket, seen });
      }
      for (const state of states) {
        // The team lead is on both cases' lists and may write to both: a harmless change (new → triage).
        const res = await call('team-lead', 'POST', `/api/v1/cases/${state.caseId}/status`, JSON.stringify({ status: 'triage' }));
        expect(res.status).toBe(200);
      }
      await waitFor(() => ((sockets.get('team-lead')?.seen.length ?? 0) >= 2 ? true : undefined));
      await new Promise((r) => setTimeout(r, 300));
      const mismatches: string[] = [];
      for (const u of USERS.filter((x) => x.role)) {
        const user = { id: ids.get(u.username) as string, roles: [u.role as Role] };
        for (const state of states) {
          const expected = maySeeCase(user, state.facts, new Date());
          const got = sockets.get(u.username)?.seen.includes(state.caseId) ?? false;
          if (got !== expected) mismatches.push(`case.changed [${state.name}] to ${u.username}: ${got}, expected ${expected}`);
        }
      }
      for (const { socket } of sockets.values()) socket.disconnect();
      expect(mismatches).toEqual([]);
    });
  });
}
