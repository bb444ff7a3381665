import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToAppRole } from './app-role-grant';

/**
 * Issue 16: the bulk-read alarm's count without re-reading the audit trail. Every list read (CaseReadAudit
 * .recordList) counted the user's case ids of the past hour by summing their list entries' details, so a read cost
 * more the more the user had read: a caseworker paging the queue for an hour made each page read hundreds of audit
 * entries (6 ms at 700). Now each list read adds its count to the user's tally for the current minute, and the
 * past hour is the sum of at most sixty rows. The audit entries stay the record; this table is only the counter
 * (ids and counts, no case data), and rows older than two hours are deleted as the user reads on.
 */
export class ListReadTally1764530000000 implements MigrationInterface {
  name = 'ListReadTally1764530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "list_read_tally" (
        "user_id" uuid NOT NULL,
        "minute" timestamptz NOT NULL,
        "case_ids" integer NOT NULL,
        PRIMARY KEY ("user_id", "minute")
      )`);
    // The past hour's list reads so far, so the alarm does not start from zero when this is deployed.
    await q.query(`
      INSERT INTO list_read_tally (user_id, minute, case_ids)
      SELECT actor_id::uuid, date_trunc('minute', at),
             SUM(COALESCE((details->>'count')::int,
                          jsonb_array_length(CASE WHEN jsonb_typeof(details->'caseIds') = 'array' THEN details->'caseIds' ELSE '[]'::jsonb END)))
        FROM audit_entries
       WHERE actor_type = 'user' AND at > now() - interval '1 hour'
         AND action IN ('case.list', 'case.sync', 'workload.unassigned-read', 'workload.suggestions-read', 'case.search')
       GROUP BY 1, 2`);
    await grantToAppRole(q, 'list_read_tally', 'SELECT, INSERT, UPDATE, DELETE');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "list_read_tally"`);
  }
}
