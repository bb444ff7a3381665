import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE_SETTING } from './1764200000000-audit-trail';

/**
 * The columns of an open case that the queue ranks, filters and counts by (libs/api/cases case-queue.ts: the
 * priority score, the SLA state, the filters, who may see it). A column the queue's SQL comes to read must be added
 * here, in a new migration that re-creates the function and the trigger.
 */
const CASE_QUEUE_COLUMNS: ReadonlyArray<[name: string, type: string]> = [
  ['id', 'uuid PRIMARY KEY'],
  ['status', 'text'],
  ['restricted', 'boolean'],
  ['assignee_id', 'uuid'],
  ['area', 'text'],
  ['risk_grade', 'text'],
  ['officer_grade', 'text'],
  ['marac_required', 'boolean'],
  ['marac_reasons', 'text[]'],
  ['strangulation', 'boolean'],
  ['weapon', 'boolean'],
  ['children_in_household', 'boolean'],
  ['children_present', 'boolean'],
  ['pregnant', 'boolean'],
  ['separation', 'boolean'],
  ['stalking', 'boolean'],
  ['threat_to_kill', 'boolean'],
  ['sexual_abuse', 'boolean'],
  ['repeat_victim', 'boolean'],
  ['victim_age', 'integer'],
  ['received_at', 'timestamptz(3)'],
  ['assigned_at', 'timestamptz(3)'],
  ['assign_due_at', 'timestamptz(3)'],
  ['first_contact_at', 'timestamptz(3)'],
  ['first_contact_due_at', 'timestamptz(3)'],
];

/** The open statuses (OPEN_STATUSES in libs/shared/domain) as they were when this migration was written. */
const OPEN = `('new', 'triage', 'contacting', 'assessment', 'support')`;

const names = CASE_QUEUE_COLUMNS.map(([c]) => c);
const cols = names.join(', ');
const fromNew = names.map((c) => `NEW.${c}`).join(', ');
const updates = names
  .filter((c) => c !== 'id')
  .map((c) => `${c} = EXCLUDED.${c}`)
  .join(', ');
const changed = names.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');

/**
 * Issue 16: `case_queue`, the open cases' queue columns in a narrow table of their own, kept by a trigger in the
 * same transaction as every write to `cases` (so never out of step), which the queue, its counts, Next case, the
 * workload board and SLA alerts rank and count.
 *
 * Why: at a million cases the 10,000 open ones lie one to a page of the wide `cases` table, so ranking them read
 * 10,000 pages (about 6 ms) before computing anything; here they fill about 200 pages. A closed case leaves the table.
 * `lantern_case_queue_refresh()` rebuilds it from `cases` (the bench's seed, which writes with triggers off, uses it).
 */
export class CaseQueue1764470000000 implements MigrationInterface {
  name = 'CaseQueue1764470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "case_queue" (${CASE_QUEUE_COLUMNS.map(([c, type]) => `"${c}" ${type}`).join(', ')})`);
    await q.query(`
      CREATE FUNCTION lantern_case_queue_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          DELETE FROM case_queue WHERE id = OLD.id;
          RETURN NULL;
        END IF;
        IF NEW.status NOT IN ${OPEN} THEN
          DELETE FROM case_queue WHERE id = NEW.id;
          RETURN NULL;
        END IF;
        INSERT INTO case_queue (${cols}) VALUES (${fromNew})
          ON CONFLICT (id) DO UPDATE SET ${updates};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION lantern_case_queue_refresh() RETURNS void LANGUAGE sql AS $$
        DELETE FROM case_queue;
        INSERT INTO case_queue (${cols}) SELECT ${cols} FROM cases WHERE status IN ${OPEN};
      $$`);
    await q.query(`CREATE TRIGGER "cases_queue_insert" AFTER INSERT ON "cases" FOR EACH ROW EXECUTE FUNCTION lantern_case_queue_sync()`);
    // Only when a queue column changed: most case writes (notes of progress, versions) leave the queue as it was.
    await q.query(
      `CREATE TRIGGER "cases_queue_update" AFTER UPDATE ON "cases" FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION lantern_case_queue_sync()`,
    );
    await q.query(`CREATE TRIGGER "cases_queue_delete" AFTER DELETE ON "cases" FOR EACH ROW EXECUTE FUNCTION lantern_case_queue_sync()`);
    await q.query(`SELECT lantern_case_queue_refresh()`);
    // The trigger writes with the rights of whoever writes to cases: the runtime role (DATABASE_APP_ROLE, when the
    // owner runs migrations) needs them on the new table, or every case write would fail. Granted like the audit trail's.
    const [setting]: Array<{ role: string | null }> = await q.query(`SELECT current_setting('${APP_ROLE_SETTING}', true) AS role`);
    const role = setting?.role || null;
    if (role) {
      const [exists]: Array<{ n: number }> = await q.query('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1', [role]);
      if (exists.n > 0) await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "case_queue" TO "${role.replace(/"/g, '""')}"`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "cases_queue_delete" ON "cases"`);
    await q.query(`DROP TRIGGER "cases_queue_update" ON "cases"`);
    await q.query(`DROP TRIGGER "cases_queue_insert" ON "cases"`);
    await q.query(`DROP FUNCTION lantern_case_queue_refresh()`);
    await q.query(`DROP FUNCTION lantern_case_queue_sync()`);
    await q.query(`DROP TABLE "case_queue"`);
  }
}
