import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToAppRole } from './app-role-grant';

/**
 * Issue 16 (the queue page): how many open cases a user may see, without counting every open case on every read.
 *
 * The first page of the queue answers with the total of open cases the user may see. Counting it was a scan of
 * case_queue judging maySeeSql on each of 10,000 rows: 2.2–3.3 ms of a 5 ms statement at a million cases (EXPLAIN
 * ANALYZE, session 29), the largest part of the queue page in the database. An unrestricted open case is visible to
 * everyone who may read cases, so the total is (open cases not restricted) + (restricted open cases this user may
 * see); the second is a handful of rows found by a partial index, and the first is kept here:
 *
 *  - `case_queue_tally` holds one base row (`base`) and a row per change since the last fold: +1 when an unrestricted
 *    case joins case_queue (opened, reopened) or is unrestricted, −1 when one leaves it (closed, deleted) or is
 *    restricted. Row triggers on case_queue write them, in the transaction that changes the queue, so a statement
 *    reads the tally and case_queue in one snapshot and the two always agree. Each change inserts its own row (never
 *    an update of a shared counter, which would make every intake transaction wait for the one before it to commit).
 *  - `lantern_case_queue_tally_fold()` adds the change rows into the base row and deletes them, in one statement, so
 *    the sum stays a sum over a few rows. The API folds every minute (CaseQueueTally); a fold racing another waits
 *    for the rows the other deletes and skips them once gone (READ COMMITTED), so two instances may fold at once.
 *
 * case_queue.restricted copies cases.restricted (NOT NULL) and is made NOT NULL here too, so a row is either counted
 * here or judged by its access list. lantern_case_queue_refresh (which rebuilds case_queue by a DELETE and an INSERT)
 * needs no change: the row triggers count the rows it deletes and inserts. A TRUNCATE of case_queue (which fires no
 * row trigger) empties the tally with it. Writes made with triggers off (session_replication_role = replica, as the
 * bench's seed writes `cases`) do not reach case_queue either; the seed rebuilds it with triggers on.
 */
export class OpenCaseTally1764570000000 implements MigrationInterface {
  name = 'OpenCaseTally1764570000000';

  async up(q: QueryRunner): Promise<void> {
    // Every write to case_queue waits until this migration's transaction commits (an instance still running the
    // previous release during a rolling deploy writes it): a case opened between the count below and the triggers'
    // creation would otherwise never be counted, and nothing would correct the tally afterwards. The ALTER's own
    // lock (ACCESS EXCLUSIVE, held to commit) does it, taken first: taking a weaker lock first and the ALTER's after
    // could deadlock with a reader that then writes. Queue reads wait for the few milliseconds this takes.
    await q.query(`ALTER TABLE "case_queue" ALTER "restricted" SET NOT NULL`);
    await q.query(`
      CREATE TABLE "case_queue_tally" (
        "delta" bigint NOT NULL,
        "base" boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE UNIQUE INDEX "case_queue_tally_base_idx" ON "case_queue_tally" ("base") WHERE "base"`);
    await q.query(`INSERT INTO case_queue_tally (delta, base) SELECT count(*), true FROM case_queue WHERE NOT restricted`);
    await q.query(`
      CREATE FUNCTION lantern_case_queue_tally() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- The triggers' WHEN clauses call this only for a change of the unrestricted count.
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NOT NEW.restricted) THEN
          INSERT INTO case_queue_tally (delta) VALUES (1);
        ELSE
          INSERT INTO case_queue_tally (delta) VALUES (-1);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER "case_queue_tally_insert" AFTER INSERT ON "case_queue" FOR EACH ROW WHEN (NOT NEW.restricted) EXECUTE FUNCTION lantern_case_queue_tally()`,
    );
    await q.query(
      `CREATE TRIGGER "case_queue_tally_delete" AFTER DELETE ON "case_queue" FOR EACH ROW WHEN (NOT OLD.restricted) EXECUTE FUNCTION lantern_case_queue_tally()`,
    );
    await q.query(
      `CREATE TRIGGER "case_queue_tally_update" AFTER UPDATE OF restricted ON "case_queue" FOR EACH ROW
         WHEN (OLD.restricted IS DISTINCT FROM NEW.restricted) EXECUTE FUNCTION lantern_case_queue_tally()`,
    );
    await q.query(`
      CREATE FUNCTION lantern_case_queue_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM case_queue_tally WHERE NOT base;
        UPDATE case_queue_tally SET delta = 0 WHERE base;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER "case_queue_tally_truncate" AFTER TRUNCATE ON "case_queue" FOR EACH STATEMENT EXECUTE FUNCTION lantern_case_queue_tally_truncated()`,
    );
    // Without its base row a fold would delete the change rows and add them to nothing: refused, the rows kept.
    await q.query(`
      CREATE FUNCTION lantern_case_queue_tally_fold() RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE
        total bigint;
      BEGIN
        WITH folded AS (DELETE FROM case_queue_tally WHERE NOT base RETURNING delta)
        UPDATE case_queue_tally SET delta = delta + (SELECT coalesce(sum(delta), 0) FROM folded) WHERE base RETURNING delta INTO total;
        IF total IS NULL THEN
          RAISE EXCEPTION 'case_queue_tally has no base row';
        END IF;
        RETURN total;
      END $$`);
    // The restricted open cases, for the part of the total judged case by case (a thousandth of the open ones).
    await q.query(`CREATE INDEX "case_queue_restricted_idx" ON "case_queue" ("id") WHERE "restricted"`);
    await grantToAppRole(q, 'case_queue_tally', 'SELECT, INSERT, UPDATE, DELETE');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "case_queue_restricted_idx"`);
    await q.query(`DROP FUNCTION lantern_case_queue_tally_fold()`);
    await q.query(`DROP TRIGGER "case_queue_tally_truncate" ON "case_queue"`);
    await q.query(`DROP FUNCTION lantern_case_queue_tally_truncated()`);
    await q.query(`DROP TRIGGER "case_queue_tally_update" ON "case_queue"`);
    await q.query(`DROP TRIGGER "case_queue_tally_delete" ON "case_queue"`);
    await q.query(`DROP TRIGGER "case_queue_tally_insert" ON "case_queue"`);
    await q.query(`DROP FUNCTION lantern_case_queue_tally()`);
    await q.query(`DROP TABLE "case_queue_tally"`);
    await q.query(`ALTER TABLE "case_queue" ALTER "restricted" DROP NOT NULL`);
  }
}
