import { randomUUID } from 'node:crypto';
import { Controller, Get, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { ACTION_EXTENSION, ALLOW, AuthGuard, IS_PUBLIC, SessionsService } from '@lantern/api/auth';
import { ACTIONS, can, type Action, type Role } from '@lantern/shared/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';

/**
 * The permission table is the API's only word on who may call what: every route says @Allow(action) or
 * @Public(), and for every documented operation a demo user of each role is refused (403) exactly when the
 * table says that role lacks the operation's action.
 */

/** The demo users the harness seeds, one per role (apps/api: DEMO_USERS). */
const USERS: ReadonlyArray<[Role, string]> = [
  ['caseworker', 'caseworker'],
  ['team-lead', 'team-lead'],
  ['admin', 'admin'],
  ['auditor', 'auditor'],
  ['partner', 'partner-idva'],
  ['officer', 'officer'],
];
/** The routes that need no session, and why: signing in, the load balancer's probe, the police feed (feed key). */
const PUBLIC_ROUTES = ['POST /api/v1/auth/login', 'GET /api/health', 'POST /api/v1/intake/reports', 'POST /api/v1/intake/reports/batch'];

interface DocOperation {
  method: string;
  path: string;
  action: Action | undefined;
}

function documentedOperations(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): DocOperation[] {
  const ops: DocOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      ops.push({ method: method.toUpperCase(), path, action: op[ACTION_EXTENSION] as Action | undefined });
    }
  }
  // Signing out ends the caller's session: last.
  return ops.sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
}

/** Path parameters that pass the edge (a well-formed id nobody has, a known directory key, a real action). */
function fill(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'service' ? 'idva' : name === 'action' ? 'acknowledge' : randomUUID()));
}

@Controller('undecided')
class UndecidedController {
  @Get()
  undecided(): string {
    return 'should never be reached';
  }
}

for (const database of testDatabases()) {
  describe(`the permission table guards every route on ${database.name}`, () => {
    let t: TestApp;
    let ops: DocOperation[];
    const cookies = new Map<Role, string>();

    beforeAll(async () => {
      t = await startTestApp(database);
      for (const [role, username] of USERS) cookies.set(role, (await t.login(username)).cookie);
      const res = await fetch(`${t.url}/api/docs-json`);
      expect(res.status).toBe(200);
      ops = documentedOperations((await res.json()) as Parameters<typeof documentedOperations>[0]);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('marks every route of the running app with exactly one of @Allow(action) and @Public()', () => {
      const discovery = t.app.get(DiscoveryService, { strict: false });
      const scanner = new MetadataScanner();
      const reflector = new Reflector();
      const routes: string[] = [];
      const wrong: string[] = [];
      for (const wrapper of discovery.getControllers()) {
        const cls = wrapper.metatype as (new (...args: never[]) => object) | null;
        if (!cls || !wrapper.instance) continue;
        const prefix = String(Reflect.getMetadata(PATH_METADATA, cls) ?? '');
        for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(wrapper.instance) as object)) {
          const handler = (wrapper.instance as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
          const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
          if (path === undefined) continue;
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
          const route = `${method} /api/${[prefix, path].filter((p) => p && p !== '/').join('/')}`;
          routes.push(route);
          const isPublic = !!reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, cls]);
          const action = reflector.getAllAndOverride<Action | undefined>(ALLOW, [handler, cls]);
          if (isPublic === !!action) wrong.push(`${route} (${cls.name}.${name}): ${isPublic ? 'both' : 'neither'}`);
          else if (action && !ACTIONS.includes(action)) wrong.push(`${route}: unknown action ${action}`);
          else if (isPublic && !PUBLIC_ROUTES.includes(route)) wrong.push(`${route}: public, but not one of the known public routes`);
        }
      }
      expect(routes.length).toBeGreaterThan(40);
      expect(wrong).toEqual([]);
    });

    it('documents the action of every operation that needs a session', () => {
      expect(ops.length).toBeGreaterThan(40);
      const undocumented = ops.filter((op) => !op.action && !PUBLIC_ROUTES.includes(`${op.method} ${op.path}`));
      expect(undocumented.map((op) => `${op.method} ${op.path}`)).toEqual([]);
    });

    it('refuses a route with neither decorator to everyone, signed in or not (fail safe)', async () => {
      const guard = new AuthGuard(new Reflector(), t.app.get(SessionsService));
      const handler = Object.getOwnPropertyDescriptor(UndecidedController.prototype, 'undecided')?.value as () => string;
      const { cookie } = await t.login('team-lead');
      for (const headers of [{}, { cookie }]) {
        const context = new ExecutionContextHost([{ headers }, {}], UndecidedController, handler);
        context.setType('http');
        await expect(guard.canActivate(context)).rejects.toMatchObject({ status: 403 });
      }
    });

    it('answers each role 403 exactly when the table says it lacks the operation’s action, and 401 with no session', async () => {
      const mismatches: string[] = [];
      let checked = 0;
      for (const op of ops) {
        if (!op.action) continue;
        const action = op.action;
        const url = `${t.url}${fill(op.path)}`;
        const init = (cookie?: string): RequestInit => ({
          method: op.method,
          headers: { ...(cookie ? { cookie } : {}), ...(op.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
          // An empty body: a permitted caller then meets the contract (400) or the unknown id (404), never a write.
          ...(op.method === 'GET' ? {} : { body: '{}' }),
        });
        const anonymous = await fetch(url, init());
        await anonymous.body?.cancel();
        if (anonymous.status !== 401) mismatches.push(`${op.method} ${op.path} anonymous: ${anonymous.status}, expected 401`);
        for (const [role] of USERS) {
          const res = await fetch(url, init(cookies.get(role)));
          await res.body?.cancel();
          checked++;
          const allowed = can([role], action);
          if (allowed === (res.status === 403) || res.status === 401)
            mismatches.push(`${op.method} ${op.path} (${action}) as ${role}: ${res.status}, table says ${allowed ? 'allowed' : 'refused'}`);
        }
      }
      expect(checked).toBeGreaterThan(40 * USERS.length);
      expect(mismatches).toEqual([]);
    }, 120_000);
  });
}
