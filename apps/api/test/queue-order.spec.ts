import { APP_CONFIG, type AppConfig } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import { CaseQueueTally, CasesService, loadSummariesByStatus, prioritySql, QueueWeights } from '@lantern/api/cases';
import { WorkloadService } from '@lantern/api/workload';
import { TeamLeadAlertsService } from '@lantern/api/casework';
import {
  ageBucket,
  compareTriageOrder,
  isOnShift,
  OPEN_STATUSES,
  suggestBalance,
  type Availability,
  type CaseSummary,
  type PriorityWeights,
  type Role,
  type Rota,
} from '@lantern/shared/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';
import { seededRandom } from './support/random';

/**
 * The queue is ranked in SQL (libs/api/cases case-queue.ts) and must keep the one rule of libs/shared/domain
 * (casePriority, slaStatus, compareTriageOrder): random cases, ranked by PostgreSQL at random times, against the
 * domain's order of the same cases at the same time. The times cluster around the hub's opening and closing
 * (08:00 and 20:00 London), a weekend and the end of British Summer Time, where "near breach" in staffed time turns.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const REASONS = ['visible-high-risk', 'professional-judgement', 'potential-escalation', 'repeat', 'police-high-risk'];
/** London instants the hub's calendar turns at: Friday to Monday around opening and closing, and BST's end (25 Oct 2026). */
const ANCHORS = ['2026-11-27T07:50:00Z', '2026-11-27T19:40:00Z', '2026-11-28T12:00:00Z', '2026-11-30T07:59:00Z', '2026-10-25T00:30:00Z'];

for (const database of testDatabases()) {
  describe(`queue order in SQL = the domain rule, on ${database.name}`, () => {
    let t: TestApp;
    let rules: AppConfig['triage'];
    let caseworker: { id: string; roles: Role[] };
    const rand = seededRandom(20261202);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

    beforeAll(async () => {
      t = await startTestApp(database);
      rules = t.app.get<AppConfig>(APP_CONFIG).triage;
      const [u] = await t.db.query<{ id: string; roles: Role[] }>(`SELECT id, roles FROM users WHERE username = 'caseworker'`);
      caseworker = u;
      const [victim] = await t.db.query<{ id: string }>(
        `INSERT INTO persons (id, force, role, first_name, last_name, version)
         VALUES (gen_random_uuid(), 'Test Constabulary', 'victim', 'Alex', 'Example', 1) RETURNING id`,
      );
      // 400 cases around the anchors: arrivals up to 30 h before one, clocks due 0–30 h after arrival, some at the
      // turn of a minute, some done (on time or late).
      const rows = Array.from({ length: 400 }, (_, i) => {
        const anchor = Date.parse(pick(ANCHORS));
        const received = anchor - Math.floor(rand() * 30 * HOUR) + (rand() < 0.2 ? 0 : Math.floor(rand() * 1000));
        const due = (max: number) => received + (rand() < 0.3 ? Math.round((rand() * max) / MIN) * MIN : Math.floor(rand() * max));
        const assignDue = due(4 * HOUR);
        const contactDue = due(30 * HOUR);
        const done = (dueAt: number) => (rand() < 0.5 ? null : dueAt + Math.floor((rand() - 0.5) * 4 * HOUR));
        const reasons = REASONS.filter(() => rand() < 0.15);
        return {
          id: crypto.randomUUID(),
          status: rand() < 0.9 ? pick(OPEN_STATUSES) : 'closed',
          reference: `QO/${String(i).padStart(5, '0')}/${database.name}`,
          received: new Date(received).toISOString(),
          assignDue: new Date(assignDue).toISOString(),
          contactDue: new Date(contactDue).toISOString(),
          assignedAt: ((d) => (d === null ? null : new Date(d).toISOString()))(done(assignDue)),
          contactAt: ((d) => (d === null ? null : new Date(d).toISOString()))(done(contactDue)),
          riskGrade: pick([null, 'standard', 'medium', 'high']),
          officerGrade: pick([null, 'standard', 'medium', 'high']),
          assignee: rand() < 0.4 ? caseworker.id : null,
          reasons,
          flags: Array.from({ length: 10 }, () => rand() < 0.25),
          victimAge: pick([null, 14, 17, 18, 35]),
          area: pick(['Dacorum', 'Watford', 'Stevenage']),
        };
      });
      await t.db.query(
        `INSERT INTO cases (id, version, status, force, reference, received_at, updated_at, current_revision, area, victim_id,
                            incident_at, assign_due_at, first_contact_due_at, risk_grade, officer_grade, assignee_id,
                            assigned_at, first_contact_at, marac_reasons, marac_required, strangulation, weapon,
                            children_in_household, children_present, pregnant, separation, stalking, threat_to_kill,
                            sexual_abuse, repeat_victim, victim_age)
         SELECT x.id, 1, x.status, 'Test Constabulary', x.reference, x.received, x.received, 1, x.area, $2::uuid,
                x.received, x."assignDue", x."contactDue", x."riskGrade", x."officerGrade", x.assignee,
                x."assignedAt", x."contactAt", ARRAY(SELECT jsonb_array_elements_text(x.reasons)), jsonb_array_length(x.reasons) > 0,
                (x.flags->>0)::boolean, (x.flags->>1)::boolean, (x.flags->>2)::boolean, (x.flags->>3)::boolean,
                (x.flags->>4)::boolean, (x.flags->>5)::boolean, (x.flags->>6)::boolean, (x.flags->>7)::boolean,
                (x.flags->>8)::boolean, (x.flags->>9)::boolean, x."victimAge"
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, status text, reference text, received timestamptz, area text,
                "assignDue" timestamptz, "contactDue" timestamptz, "riskGrade" text, "officerGrade" text, assignee uuid,
                "assignedAt" timestamptz, "contactAt" timestamptz, reasons jsonb, flags jsonb, "victimAge" int)`,
        [JSON.stringify(rows), victim.id],
      );
    });
    afterAll(async () => {
      await t?.close();
    });

    it('plans the open queue once per connection on PostgreSQL: its own connections plan generically, the others as usual', async () => {
      const db = t.app.get(Database);
      const mode = async (genericPlan: boolean) =>
        (await db.prepared<{ m: string }>(`SELECT current_setting('plan_cache_mode') AS m`, [], { genericPlan }))[0].m;
      // PGlite has no pool: a prepared read there is a plain query on its one connection.
      expect(await mode(true)).toBe(database.name === 'postgres' ? 'force_generic_plan' : 'auto');
      expect(await mode(false)).toBe('auto');
      expect((await db.query<{ m: string }>(`SELECT current_setting('plan_cache_mode') AS m`))[0].m).toBe('auto');
    });

    /** Every open case at `now`, ordered by the domain rule (what the queue was before it moved into SQL). */
    async function domainOrder(now: Date): Promise<CaseSummary[]> {
      return (await loadSummariesByStatus(t.db, OPEN_STATUSES, rules, now)).sort(compareTriageOrder);
    }

    /** The queue as the service pages it at `now`, `limit` at a time, following its cursors to the end. */
    async function sqlOrder(
      now: Date,
      limit: number,
      query: Record<string, string> = {},
    ): Promise<{ items: CaseSummary[]; total: number }> {
      const service = t.app.get(CasesService);
      const items: CaseSummary[] = [];
      let cursor: string | null = null;
      let total = 0;
      for (let guard = 0; guard < 1000; guard++) {
        const page = await service.queue(caseworker, { ...query, limit: String(limit), ...(cursor ? { cursor } : {}) }, now);
        items.push(...page.items);
        total = page.total;
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return { items, total };
    }

    it('ranks every open case in the domain order, with the same score and SLA state, at times around the calendar turns', async () => {
      const times = ANCHORS.flatMap((a) => [0, 7 * MIN, 10 * MIN + 1, 31 * MIN, 3 * HOUR].map((d) => new Date(Date.parse(a) + d)));
      let near = 0;
      let breached = 0;
      for (const now of times) {
        const expected = await domainOrder(now);
        const { items, total } = await sqlOrder(now, 500);
        expect(total, now.toISOString()).toBe(expected.length);
        expect(
          items.map((c) => `${c.id} ${c.priority.score}`),
          now.toISOString(),
        ).toEqual(expected.map((c) => `${c.id} ${c.priority.score}`));
        near += expected.filter((c) => c.sla.state === 'near').length;
        breached += expected.filter((c) => c.sla.state === 'breached').length;
      }
      // The times were chosen so both states occur: the comparison covered them.
      expect(near).toBeGreaterThan(10);
      expect(breached).toBeGreaterThan(10);
    });

    it('pages with its keyset cursor to exactly the whole order, and filters as the domain does', async () => {
      const now = new Date(Date.parse(ANCHORS[1]) + 13 * MIN);
      const expected = await domainOrder(now);
      const paged = await sqlOrder(now, 7);
      expect(paged.items.map((c) => c.id)).toEqual(expected.map((c) => c.id));
      const mine = await sqlOrder(now, 11, { assignee: 'me' });
      expect(mine.items.map((c) => c.id)).toEqual(expected.filter((c) => c.assignee?.id === caseworker.id).map((c) => c.id));
      const late = await sqlOrder(now, 50, { breached: 'true' });
      expect(late.items.map((c) => c.id)).toEqual(expected.filter((c) => c.sla.breached).map((c) => c.id));
      const high = await sqlOrder(now, 50, { grade: 'high,ungraded', area: 'Watford' });
      expect(high.items.map((c) => c.id)).toEqual(
        expected.filter((c) => (c.risk.grade === 'high' || c.risk.grade === null) && c.area === 'Watford').map((c) => c.id),
      );
    });

    it('ranks each later page at the first page’s instant, so no case falls between pages as time passes', async () => {
      const t0 = new Date(Date.parse(ANCHORS[1]) + 13 * MIN);
      const expected = (await domainOrder(t0)).map((c) => c.id);
      const service = t.app.get(CasesService);
      const ids: string[] = [];
      let cursor: string | null = null;
      let now = t0;
      for (let guard = 0; guard < 100; guard++) {
        const page = await service.queue(caseworker, { limit: '25', ...(cursor ? { cursor } : {}) }, now);
        ids.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
        if (!cursor) break;
        // The user scrolls to the next page an hour later: waiting points have grown for every case under the cap.
        now = new Date(now.getTime() + HOUR);
      }
      expect(expected.length).toBeGreaterThan(10);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual([...expected].sort());
    });

    it('counts as the domain does', async () => {
      const now = new Date(Date.parse(ANCHORS[3]) + 5 * MIN);
      const expected = await domainOrder(now);
      const counts = await t.app.get(CasesService).counts(caseworker, {}, now);
      expect(counts.total).toBe(expected.length);
      expect(counts.breached).toBe(expected.filter((c) => c.sla.breached).length);
      expect(counts.mine).toBe(expected.filter((c) => c.assignee?.id === caseworker.id).length);
      expect(counts.unassigned).toBe(expected.filter((c) => !c.assignee).length);
      expect(counts.marac).toBe(expected.filter((c) => c.risk.marac.required).length);
      expect(counts.byGrade.ungraded).toBe(expected.filter((c) => c.risk.grade === null).length);
      expect(counts.byArea['Watford']).toBe(expected.filter((c) => c.area === 'Watford').length);
    });

    it("puts the caseworker's open cases, breaches and near breaches on the workload board as the domain counts them", async () => {
      const [lead] = await t.db.query<{ id: string; roles: Role[] }>(`SELECT id, roles FROM users WHERE username = 'team-lead'`);
      for (const at of [ANCHORS[0], ANCHORS[1], ANCHORS[4]]) {
        const now = new Date(Date.parse(at) + 9 * MIN);
        const mine = (await domainOrder(now)).filter((c) => c.assignee?.id === caseworker.id);
        const board = await t.app.get(WorkloadService).board(lead as never, now);
        const row = board.find((r) => r.userId === caseworker.id);
        expect(row, at).toMatchObject({
          openCases: mine.length,
          breaches: mine.filter((c) => c.sla.state === 'breached').length,
          nearBreaches: mine.filter((c) => c.sla.state === 'near').length,
          byGrade: {
            high: mine.filter((c) => c.risk.grade === 'high').length,
            medium: mine.filter((c) => c.risk.grade === 'medium').length,
            standard: mine.filter((c) => c.risk.grade === 'standard').length,
            ungraded: mine.filter((c) => c.risk.grade === null).length,
          },
        });
      }
    });

    it('gives the team lead the unassigned queue and the suggested balance as the domain does, from SQL', async () => {
      const [lead] = await t.db.query<{ id: string; roles: Role[] }>(`SELECT id, roles FROM users WHERE username = 'team-lead'`);
      const staff = await t.db.query<{ id: string; display_name: string; roles: string[]; availability: Availability; rota: Rota | null }>(
        `SELECT id, display_name, roles, availability, rota FROM users WHERE active AND 'caseworker' = ANY(roles) ORDER BY display_name`,
      );
      const service = t.app.get(WorkloadService);
      /** The team lead's view by the domain: the open cases they may see (no break-glass grants here), in order. */
      const leadSees = async (now: Date) => {
        const hidden = await t.db.query<{ id: string }>(`SELECT id FROM cases WHERE restricted AND NOT ($1::uuid = ANY(access_list))`, [
          lead.id,
        ]);
        const off = new Set(hidden.map((h) => h.id));
        return (await domainOrder(now)).filter((c) => !off.has(c.id));
      };
      const toBalance = (c: CaseSummary) => ({
        caseId: c.id,
        reference: c.reference,
        grade: c.risk.grade,
        priority: c.priority.score,
        movable: !c.assignee || c.firstContactAt === null,
      });
      /** Both answers at `now` against the domain; the number of grid cells with cases in them. */
      const compare = async (now: Date, label: string): Promise<number> => {
        const open = await leadSees(now);
        const waiting = open.filter((c) => !c.assignee);
        const unassigned = await service.unassigned(lead as never, now);
        expect(unassigned.total, label).toBe(waiting.length);
        let filled = 0;
        for (const cell of unassigned.grid) {
          const n = waiting.filter((c) => (c.risk.grade ?? 'ungraded') === cell.grade && ageBucket(c.receivedAt, now) === cell.age).length;
          expect(cell.count, `${label} ${cell.grade} ${cell.age}`).toBe(n);
          if (n) filled++;
        }
        expect(
          unassigned.cases.map((c) => `${c.caseId} ${c.priority} ${c.age} ${c.slaState}`),
          label,
        ).toEqual(waiting.slice(0, 100).map((c) => `${c.id} ${c.priority.score} ${ageBucket(c.receivedAt, now)} ${c.sla.state}`));
        const workers = staff.map((u) => ({
          userId: u.id,
          displayName: u.display_name,
          onShift: isOnShift(u.rota, rules.calendar, now),
          availability: u.availability,
          cases: open.filter((c) => c.assignee?.id === u.id).map(toBalance),
        }));
        const { cap, ...suggested } = await service.suggestions(lead as never, now);
        expect(cap).toBe(rules.workload.cap);
        expect(suggested, label).toEqual(suggestBalance(workers, waiting.map(toBalance), rules.workload));
        return filled;
      };
      let buckets = 0;
      for (const at of [ANCHORS[0], ANCHORS[2], ANCHORS[4]]) buckets += await compare(new Date(Date.parse(at) + 17 * MIN), at);
      // Every age bucket and grade the seed makes was compared, not just empty cells.
      expect(buckets).toBeGreaterThan(8);

      // The most urgent waiting case, restricted to a caseworker's list: not the team lead's to see or to move (the
      // SQL's visibility, compared with the domain's view above), until the lead is on its list.
      const now = new Date(Date.parse(ANCHORS[2]) + 17 * MIN);
      const [first] = (await leadSees(now)).filter((c) => !c.assignee);
      const ids = async () => {
        const u = await service.unassigned(lead as never, now);
        const b = await service.suggestions(lead as never, now);
        return [...u.cases.map((c) => c.caseId), ...b.suggestions.map((x) => x.caseId), ...b.unplaced.map((x) => x.caseId)];
      };
      expect(await ids()).toContain(first.id);
      try {
        await t.db.query(`UPDATE cases SET restricted = true, access_list = ARRAY[$2::uuid] WHERE id = $1`, [first.id, caseworker.id]);
        expect(await ids()).not.toContain(first.id);
        await compare(now, 'restricted off the lead’s list');
        await t.db.query(`UPDATE cases SET access_list = ARRAY[$2::uuid, $3::uuid] WHERE id = $1`, [first.id, caseworker.id, lead.id]);
        expect(await ids()).toContain(first.id);
        await compare(now, 'restricted, the lead on its list');
      } finally {
        await t.db.query(`UPDATE cases SET restricted = false, access_list = '{}' WHERE id = $1`, [first.id]);
      }
    });

    /**
     * Each open case's stored settled score against the score the rule gives it at instants from its settles_at on:
     * at settles_at itself, a millisecond, a second, an hour and three days after, and at each anchor already past it.
     * The near-breach limit is set far ahead, so any running clock would count as near: a case that could still turn
     * near is caught here, not hidden by the calendar.
     */
    async function settledAgainstRule(w: PriorityWeights): Promise<{ checked: number; settled: number; wrong: string[] }> {
      const rows = await t.db.query<{ id: string; now: Date; settled_score: number; live: number }>(
        `SELECT c.id, k.now, c.settled_score, ${prioritySql(w, 'k.now', 'k.near_limit')} AS live
           FROM case_queue c
           CROSS JOIN LATERAL (
             SELECT at AS now, timestamptz '9999-01-01' AS near_limit
               FROM unnest(ARRAY[c.settles_at, c.settles_at + interval '1 millisecond', c.settles_at + interval '1 second',
                                 c.settles_at + interval '1 hour', c.settles_at + interval '3 days'] || $1::timestamptz[]) at
              WHERE isfinite(at) AND at >= c.settles_at) k`,
        [ANCHORS.map((a) => new Date(a))],
      );
      const settled = new Set(rows.map((r) => r.id)).size;
      const wrong = rows
        .filter((r) => Number(r.live) !== Number(r.settled_score))
        .map((r) => `${r.id} at ${new Date(r.now).toISOString()}: stored ${r.settled_score}, rule ${r.live}`);
      return { checked: rows.length, settled, wrong };
    }

    it('stores the score each open case keeps from its settles_at on, equal to the rule at any later instant', async () => {
      const { checked, settled, wrong } = await settledAgainstRule(rules.weights);
      expect(wrong).toEqual([]);
      // Most cases settle (waited 20 h, clocks breached or done on time): the comparison covered them.
      const [{ open }] = await t.db.query<{ open: number }>('SELECT count(*)::int AS open FROM case_queue');
      expect(settled).toBeGreaterThan(open / 3);
      expect(checked).toBeGreaterThan(settled * 3);
      // And some cases had not settled at the anchors: the queue scored those at read time.
      const [{ unsettled }] = await t.db.query<{ unsettled: number }>(
        'SELECT count(*)::int AS unsettled FROM case_queue WHERE settles_at > $1',
        [new Date(ANCHORS[1])],
      );
      expect(unsettled).toBeGreaterThan(10);
    });

    it('ranks by the rule while the stored scores are of other weights, and re-scores when the API stores its own', async () => {
      // Another instance of the hub started with other weights (a fractional rate, a small cap, no breach points).
      const other: PriorityWeights = {
        ...rules.weights,
        grade: { high: 500, medium: 20, standard: 10, ungraded: 400 },
        weapon: 7,
        waitingPerHour: 7.5,
        waitingCap: 37,
        slaNear: 90,
        slaBreached: 0,
      };
      await t.db.query(`UPDATE queue_weights SET weights = $1::jsonb`, [JSON.stringify(other)]);
      await t.db.query('UPDATE case_queue SET static_score = NULL');
      // The stored scores are now those weights' (equal to that rule at every later instant) and not this API's …
      expect((await settledAgainstRule(other)).wrong).toEqual([]);
      expect((await settledAgainstRule(rules.weights)).wrong.length).toBeGreaterThan(10);
      // … so this API scores every case itself, still in the domain order.
      const now = new Date(Date.parse(ANCHORS[2]) + 31 * MIN);
      const expected = await domainOrder(now);
      expect((await sqlOrder(now, 60)).items.map((c) => `${c.id} ${c.priority.score}`)).toEqual(
        expected.map((c) => `${c.id} ${c.priority.score}`),
      );
      // At start the API stores its weights, and every open case is re-scored with them.
      const weights = t.app.get(QueueWeights);
      const stored = await weights.store();
      expect(stored?.rescored).toBe(expected.length);
      expect(await weights.store()).toBeNull();
      expect((await settledAgainstRule(rules.weights)).wrong).toEqual([]);
      expect((await sqlOrder(now, 60)).items.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    });

    it("lists the team lead's actionable SLA alerts as the domain finds them, in the tray's order", async () => {
      const [lead] = await t.db.query<{ id: string; roles: Role[]; display_name: string }>(
        `SELECT id, roles, display_name FROM users WHERE username = 'team-lead'`,
      );
      let compared = 0;
      for (const at of ANCHORS) {
        for (const d of [0, 10 * MIN + 1, 3 * HOUR]) {
          const now = new Date(Date.parse(at) + d);
          // Actionable: near a running clock, or a running clock past its due time (a breach by a clock done late,
          // with nothing running, needs nobody now).
          const expected = (await domainOrder(now))
            .filter(
              (c) =>
                c.sla.nextDueAt !== null &&
                (c.sla.state === 'breached' ? Date.parse(c.sla.nextDueAt) <= now.getTime() : c.sla.state === 'near'),
            )
            .sort(
              (a, b) =>
                Number(b.sla.state === 'breached') - Number(a.sla.state === 'breached') ||
                Date.parse(a.sla.nextDueAt as string) - Date.parse(b.sla.nextDueAt as string) ||
                (a.id < b.id ? -1 : 1),
            )
            .slice(0, 200);
          const alerts = await t.app.get(TeamLeadAlertsService).teamLeadAlerts({ ...lead, displayName: lead.display_name } as never, now);
          expect(
            alerts.sla.map((a) => `${a.caseId} ${a.state} ${a.dueAt}`),
            now.toISOString(),
          ).toEqual(expected.map((c) => `${c.id} ${c.sla.state} ${c.sla.nextDueAt}`));
          compared += expected.length;
        }
      }
      expect(compared).toBeGreaterThan(20);
    });

    it("answers the unfiltered queue's total from the tally of unrestricted open cases, a filtered one by counting", async () => {
      const service = t.app.get(CasesService);
      const now = new Date(Date.parse(ANCHORS[1]) + 13 * MIN);
      const total = async (q: Record<string, string>) => (await service.queue(caseworker, { limit: '1', ...q }, now)).total;
      // Every filter GET /cases takes (a filter counted from the tally would be given the whole queue's total).
      const filtered: Array<Record<string, string>> = [
        { area: 'Watford' },
        { grade: 'high' },
        { assignee: 'none' },
        { assignee: 'me' },
        { marac: 'true' },
        { breached: 'true' },
        { status: 'new,triage,contacting,assessment,support' },
      ];
      const all = await total({});
      const each = await Promise.all(filtered.map((q) => total(q)));
      expect(Math.min(...each)).toBeLessThan(all);
      // A change row no case stands behind: only a total read from the tally moves with it.
      await t.db.query('INSERT INTO case_queue_tally (delta) VALUES (7)');
      try {
        expect(await total({})).toBe(all + 7);
        for (const [i, q] of filtered.entries()) expect(await total(q), JSON.stringify(q)).toBe(each[i]);
      } finally {
        await t.db.query('DELETE FROM case_queue_tally WHERE NOT base AND delta = 7');
      }
      expect(await total({})).toBe(all);
    });

    it('keeps case_queue (what the queue ranks) equal to the open cases through every kind of write', async () => {
      // The columns the trigger copies, read from both sides in one shape.
      const columns = `id, status, restricted, assignee_id, area, risk_grade, officer_grade, marac_required, marac_reasons,
        strangulation, weapon, children_in_household, children_present, pregnant, separation, stalking, threat_to_kill,
        sexual_abuse, repeat_victim, victim_age, received_at, assigned_at, assign_due_at, first_contact_at, first_contact_due_at,
        access_list, reference`;
      const same = async (when: string) => {
        const queued = await t.db.query(`SELECT ${columns} FROM case_queue ORDER BY id`);
        const open = await t.db.query(`SELECT ${columns} FROM cases WHERE status = ANY($1::text[]) ORDER BY id`, [[...OPEN_STATUSES]]);
        expect(queued.length, when).toBeGreaterThan(0);
        expect(JSON.stringify(queued), when).toBe(JSON.stringify(open));
        // The tally of unrestricted open cases (the queue's total) follows every write too, and folding keeps its sum.
        const unrestricted = open.filter((c) => !(c as { restricted: boolean }).restricted).length;
        const tallied = async () => Number((await t.db.query<{ n: string }>('SELECT sum(delta)::text AS n FROM case_queue_tally'))[0].n);
        expect(await tallied(), when).toBe(unrestricted);
        expect(await t.app.get(CaseQueueTally).fold(), when).toBe(unrestricted);
        expect(await t.db.query('SELECT delta::text AS delta, base FROM case_queue_tally'), when).toEqual([
          { delta: String(unrestricted), base: true },
        ]);
      };
      await same('after the inserts');
      const ids = (await t.db.query<{ id: string }>(`SELECT id FROM cases WHERE reference LIKE 'QO/%' ORDER BY reference`)).map(
        (r) => r.id,
      );
      const some = (from: number, n: number) => ids.slice(from, from + n);
      // Closed, reopened, regraded, reassigned, restricted (a list given), a clock done: each must follow (or leave) the table.
      await t.db.query(`UPDATE cases SET status = 'closed' WHERE id = ANY($1::uuid[])`, [some(0, 30)]);
      await t.db.query(`UPDATE cases SET status = 'triage' WHERE id = ANY($1::uuid[])`, [some(10, 10)]);
      await t.db.query(
        `UPDATE cases SET risk_grade = 'high', marac_reasons = '{repeat}', marac_required = true WHERE id = ANY($1::uuid[])`,
        [some(40, 20)],
      );
      await t.db.query(`UPDATE cases SET assignee_id = NULL, restricted = NOT restricted WHERE id = ANY($1::uuid[])`, [some(60, 20)]);
      await t.db.query(`UPDATE cases SET access_list = ARRAY[$2::uuid] WHERE id = ANY($1::uuid[])`, [some(60, 10), caseworker.id]);
      // Restricted, then the restriction lifted from some: the tally must follow both ways.
      await t.db.query(`UPDATE cases SET restricted = true WHERE id = ANY($1::uuid[])`, [some(60, 20)]);
      await t.db.query(`UPDATE cases SET restricted = false WHERE id = ANY($1::uuid[])`, [some(60, 5)]);
      await t.db.query(`UPDATE cases SET first_contact_at = received_at + interval '1 hour' WHERE id = ANY($1::uuid[])`, [some(80, 20)]);
      // A write the queue does not read (no copy needed, and none must be lost).
      await t.db.query(`UPDATE cases SET updated_at = updated_at + interval '1 second' WHERE id = ANY($1::uuid[])`, [ids]);
      await same('after closing, reopening, regrading, reassigning, restricting and contact');
      await t.db.query(`DELETE FROM cases WHERE id = ANY($1::uuid[])`, [some(100, 5)]);
      await same('after deleting');
      // Emptied at once (no row trigger fires), then rebuilt from cases (what the bench's seed does): the same again.
      await t.db.query('TRUNCATE case_queue');
      expect(Number((await t.db.query<{ n: string }>('SELECT sum(delta)::text AS n FROM case_queue_tally'))[0].n)).toBe(0);
      await t.db.query(`SELECT lantern_case_queue_refresh()`);
      await same('after a rebuild');
      // A fold without the base row would lose the change rows: it is refused and they are kept.
      const refused = new Error('rolled back on purpose');
      await expect(
        t.db.transaction(async (m) => {
          await m.query('INSERT INTO case_queue_tally (delta) VALUES (1)');
          await m.query('DELETE FROM case_queue_tally WHERE base');
          await expect(m.query('SELECT lantern_case_queue_tally_fold()')).rejects.toThrow(/no base row/);
          throw refused;
        }),
      ).rejects.toBe(refused);
      // The trigger's open statuses (fixed in its migration) are the domain's: a status added to OPEN_STATUSES without
      // a migration would drop its cases from the queue.
      const open = `(${OPEN_STATUSES.map((x) => `'${x}'`).join(', ')})`;
      for (const fn of ['lantern_case_queue_sync', 'lantern_case_queue_refresh']) {
        const [{ src }] = await t.db.query<{ src: string }>(`SELECT prosrc AS src FROM pg_proc WHERE proname = $1`, [fn]);
        expect(src, fn).toContain(`IN ${open}`);
      }
    });
  });
}
