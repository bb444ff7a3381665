import { CasesService, maySeeSql } from '@lantern/api/cases';
import { maySeeCase, OPEN_STATUSES, type CaseAccessFacts, type Role } from '@lantern/shared/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';
import { seededRandom } from './support/random';

/**
 * Which cases a user may see is decided in SQL, in the statement that reads the list (maySeeSql in case-queue.ts:
 * the queue, its counts, Next case, the board, SLA alerts, search), and must stay the one rule of libs/shared/domain
 * (maySeeCase): random restrictions, access lists and break-glass grants (expired, live, to the user or another),
 * judged by PostgreSQL and by the domain at instants around the grants' expiry.
 */

const NOW = Date.parse('2026-12-03T12:00:00.000Z');

for (const database of testDatabases()) {
  describe(`case visibility in SQL = the domain rule, on ${database.name}`, () => {
    let t: TestApp;
    let users: Array<{ id: string; username: string; roles: Role[] }>;
    const facts = new Map<string, CaseAccessFacts & { status: string }>();
    const rand = seededRandom(20261203);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

    beforeAll(async () => {
      t = await startTestApp(database);
      users = await t.db.query(`SELECT id, username, roles FROM users WHERE username IN ('caseworker', 'caseworker2', 'team-lead')`);
      expect(users).toHaveLength(3);
      const [victim] = await t.db.query<{ id: string }>(
        `INSERT INTO persons (id, force, role, first_name, last_name, version)
         VALUES (gen_random_uuid(), 'Test Constabulary', 'victim', 'Sam', 'Example', 1) RETURNING id`,
      );
      // 150 cases, two in three restricted; a restricted one's list names none, some or all of the users; grants
      // expire a millisecond, a minute or an hour either side of NOW, to one of the users.
      const rows = Array.from({ length: 150 }, (_, i) => {
        const restricted = rand() < 0.67;
        const accessList = restricted ? users.filter(() => rand() < 0.3).map((u) => u.id) : [];
        const grants = Array.from({ length: Math.floor(rand() * 3) }, () => ({
          userId: pick(users).id,
          expiresAt: new Date(NOW + pick([-3_600_000, -60_000, -1, 0, 1, 60_000, 3_600_000])).toISOString(),
        }));
        return {
          id: crypto.randomUUID(),
          status: rand() < 0.8 ? pick(OPEN_STATUSES) : 'closed',
          reference: `VS/${String(i).padStart(5, '0')}/${database.name}`,
          restricted,
          accessList,
          grants,
        };
      });
      const received = new Date(NOW - 3_600_000).toISOString();
      await t.db.query(
        `INSERT INTO cases (id, version, status, force, reference, received_at, updated_at, current_revision, area, victim_id,
                            incident_at, assign_due_at, first_contact_due_at, restricted, access_list)
         SELECT x.id, 1, x.status, 'Test Constabulary', x.reference, $3::timestamptz, $3::timestamptz, 1, 'Dacorum', $2::uuid,
                $3::timestamptz, $3::timestamptz + interval '1 hour', $3::timestamptz + interval '1 day', x.restricted,
                ARRAY(SELECT jsonb_array_elements_text(x."accessList"))::uuid[]
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, status text, reference text, restricted boolean, "accessList" jsonb)`,
        [JSON.stringify(rows), victim.id, received],
      );
      const grants = rows.flatMap((r) => r.grants.map((g) => ({ ...g, caseId: r.id })));
      await t.db.query(
        `INSERT INTO break_glass_grants (id, case_id, user_id, reason, granted_at, expires_at)
         SELECT gen_random_uuid(), x."caseId", x."userId", 'test', $2::timestamptz, x."expiresAt"
           FROM jsonb_to_recordset($1::jsonb) AS x("caseId" uuid, "userId" uuid, "expiresAt" timestamptz)`,
        [JSON.stringify(grants), received],
      );
      for (const r of rows)
        facts.set(r.id, { status: r.status, restricted: r.restricted, accessList: r.accessList, breakGlass: r.grants, assigneeId: null });
      expect(grants.length).toBeGreaterThan(20);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('keeps exactly the cases maySeeCase allows, over case_queue and over cases, at instants around the expiries', async () => {
      expect(await agree()).toBeGreaterThan(50);
      // Lists changed after arrival reach case_queue (its trigger copies the access list): every restricted case's
      // list is rotated to the next user, and the two judge alike again.
      const restricted = [...facts].filter(([, f]) => f.restricted);
      for (const [i, [id, f]] of restricted.entries()) {
        const list = i % 3 === 0 ? [] : [users[i % users.length].id];
        await t.db.query(`UPDATE cases SET access_list = $2::uuid[] WHERE id = $1`, [id, list]);
        facts.set(id, { ...f, accessList: list });
      }
      expect(await agree()).toBeGreaterThan(30);
    });

    /** Compares PostgreSQL and the domain for every user at instants around the grants' expiry; restricted cases seen. */
    async function agree(): Promise<number> {
      let restrictedSeen = 0;
      for (const offset of [-3_600_001, -60_000, -1, 0, 1, 59_999, 3_600_000]) {
        const now = new Date(NOW + offset);
        for (const user of users) {
          const expected = (open: boolean) =>
            [...facts]
              .filter(([, f]) => (!open || (OPEN_STATUSES as readonly string[]).includes(f.status)) && maySeeCase(user, f, now))
              .map(([id]) => id)
              .sort();
          const mine = `c.reference LIKE 'VS/%/${database.name}'`;
          const queue = await t.db.query<{ id: string }>(
            `SELECT c.id FROM case_queue c JOIN cases x ON x.id = c.id AND ${mine.replace('c.', 'x.')} WHERE ${maySeeSql('$1', '$2')} ORDER BY c.id`,
            [user.id, now],
          );
          expect(
            queue.map((r) => r.id),
            `case_queue, ${user.username} at ${offset} ms`,
          ).toEqual(expected(true));
          const all = await t.db.query<{ id: string }>(
            `SELECT c.id FROM cases c WHERE ${mine} AND ${maySeeSql('$1', '$2')} ORDER BY c.id`,
            [user.id, now],
          );
          expect(
            all.map((r) => r.id),
            `cases, ${user.username} at ${offset} ms`,
          ).toEqual(expected(false));
          restrictedSeen += all.filter((r) => facts.get(r.id)?.restricted).length;
        }
      }
      // Not a vacuous pass: the callers require restricted cases to have been seen, through lists and grants.
      return restrictedSeen;
    }

    /** Open cases not made here (the demo's, if any): open and unrestricted, so everyone sees them. */
    async function others(): Promise<number> {
      const [row] = await t.db.query<{ n: number; restricted: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE restricted)::int AS restricted
           FROM cases WHERE status = ANY($1::text[]) AND reference NOT LIKE 'VS/%'`,
        [[...OPEN_STATUSES]],
      );
      expect(row.restricted).toBe(0);
      return row.n;
    }
    const openVisible = (user: (typeof users)[number], at: Date) =>
      [...facts].filter(([, f]) => (OPEN_STATUSES as readonly string[]).includes(f.status) && maySeeCase(user, f, at)).map(([id]) => id);

    it('lists and counts only those cases, decided in the statement that reads them; nothing without case.read', async () => {
      const service = t.app.get(CasesService);
      const rest = await others();
      for (const at of [new Date(NOW), new Date(NOW + 3_600_000)]) {
        for (const user of users) {
          const visible = openVisible(user, at);
          const page = await service.queue(user, { limit: '200' }, at);
          expect(page.total, user.username).toBe(visible.length + rest);
          expect(page.total).toBeLessThanOrEqual(200);
          expect(
            page.items
              .filter((c) => facts.has(c.id))
              .map((c) => c.id)
              .sort(),
            user.username,
          ).toEqual(visible.sort());
          expect((await service.counts(user, {}, at)).total).toBe(visible.length + rest);
        }
      }
      const noCaseRead = { id: users[0].id, roles: ['officer'] as Role[] };
      expect((await service.counts(noCaseRead, {}, new Date(NOW))).total).toBe(0);
      expect((await service.queue(noCaseRead, { limit: '200' }, new Date(NOW))).items).toEqual([]);
    });

    it('judges access at each read’s own time: a later page does not carry a grant past its expiry', async () => {
      const service = t.app.get(CasesService);
      const rest = await others();
      // Every grant here has expired an hour later; a cursor's pages are still ranked at the first page's instant.
      const later = new Date(NOW + 3_600_001);
      let lost = 0;
      for (const user of users) {
        const first = await service.queue(user, { limit: '1' }, new Date(NOW));
        const seenLater: string[] = [];
        let cursor = first.nextCursor;
        for (let guard = 0; cursor && guard < 100; guard++) {
          const page = await service.queue(user, { limit: '50', cursor }, later);
          expect(page.total).toBe(openVisible(user, later).length + rest);
          seenLater.push(...page.items.map((c) => c.id).filter((id) => facts.has(id)));
          cursor = page.nextCursor;
        }
        for (const id of seenLater) {
          const f = facts.get(id);
          expect(f !== undefined && maySeeCase(user, f, later), `${user.username} ${id}`).toBe(true);
        }
        lost += openVisible(user, new Date(NOW)).filter((id) => !openVisible(user, later).includes(id)).length;
      }
      // Not a vacuous pass: some cases were visible at the first page's instant only.
      expect(lost).toBeGreaterThan(0);
    });
  });
}
