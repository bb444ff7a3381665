import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The case times the queue ranks by: when the report came in, and each SLA clock's due time and completion. */
const CLOCK_COLUMNS = ['received_at', 'assign_due_at', 'first_contact_due_at', 'assigned_at', 'first_contact_at'];

/** The search trigger names received_at in its WHEN clause, so it is dropped for the change and made again as it was. */
const SEARCH_TRIGGER = `CREATE TRIGGER "cases_search_update"
      AFTER UPDATE OF reference, received_at, victim_id, suspect_id, safe_contact_plan, restricted, access_list ON "cases"
      FOR EACH ROW WHEN (OLD.reference IS DISTINCT FROM NEW.reference OR OLD.received_at IS DISTINCT FROM NEW.received_at
        OR OLD.victim_id IS DISTINCT FROM NEW.victim_id OR OLD.suspect_id IS DISTINCT FROM NEW.suspect_id
        OR OLD.safe_contact_plan IS DISTINCT FROM NEW.safe_contact_plan OR OLD.restricted IS DISTINCT FROM NEW.restricted
        OR OLD.access_list IS DISTINCT FROM NEW.access_list)
      EXECUTE FUNCTION lantern_case_search_case_trigger()`;

/**
 * Issue 16: the case clocks are stored to the millisecond (`timestamptz(3)`), the precision of the API's Date.
 *
 * Why: the queue's order, its counts, the board and SLA alerts are computed in SQL from these columns and must equal
 * the domain rule, which sees them as JavaScript Dates (milliseconds). With microseconds stored (a time written by
 * SQL's now(), a test, a backfill), SQL had to truncate every value before comparing it, and those function calls were
 * most of the cost of ranking 10,000 open cases (docs/performance.md, "Reads at a million cases"). Stored to the
 * millisecond, SQL compares the columns as they are and sees exactly what the API sees. A value with microseconds is
 * rounded to the millisecond when written.
 *
 * The change rewrites the cases table (an exclusive lock while it runs: seconds at a county hub's 100,000 cases).
 */
export class CaseClocksMilliseconds1764450000000 implements MigrationInterface {
  name = 'CaseClocksMilliseconds1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "cases_search_update" ON "cases"`);
    await q.query(`ALTER TABLE "cases" ${CLOCK_COLUMNS.map((c) => `ALTER COLUMN "${c}" TYPE timestamptz(3)`).join(', ')}`);
    await q.query(SEARCH_TRIGGER);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "cases_search_update" ON "cases"`);
    await q.query(`ALTER TABLE "cases" ${CLOCK_COLUMNS.map((c) => `ALTER COLUMN "${c}" TYPE timestamptz`).join(', ')}`);
    await q.query(SEARCH_TRIGGER);
  }
}
