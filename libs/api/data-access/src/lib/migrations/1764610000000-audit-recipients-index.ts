import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "What did this user see?": a live push (`case.pushed`) names the users it reached in `details.recipients`, not as
 * its actor (the system sends it), so the audit search by `userId` now also matches those entries, through this GIN
 * index as `details->'caseIds'` is searched by case (1764200000000-audit-trail).
 */
export class AuditRecipientsIndex1764610000000 implements MigrationInterface {
  name = 'AuditRecipientsIndex1764610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS "audit_entries_recipients_idx" ON "audit_entries" USING gin ((details->'recipients'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "audit_entries_recipients_idx"`);
  }
}
