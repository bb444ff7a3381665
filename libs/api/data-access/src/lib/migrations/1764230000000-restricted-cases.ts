import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Restricted cases and break the glass (issue 13, part 2): a case may be restricted to an access list of hub users;
 * a user off the list may break the glass for a limited time, with a reason. Existing cases stay unrestricted.
 */
export class RestrictedCases1764230000000 implements MigrationInterface {
  name = 'RestrictedCases1764230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" ADD "restricted" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "cases" ADD "access_list" uuid array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "cases" ADD "restriction_source" text`);
    await q.query(`ALTER TABLE "cases" ADD "restriction_reason" text`);
    await q.query(`ALTER TABLE "cases" ADD "restricted_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cases" ADD "restricted_version" integer`);
    await q.query(
      `CREATE TABLE "break_glass_grants" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "user_id" uuid NOT NULL, "reason" text NOT NULL,
        "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_break_glass_grants" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "break_glass_grants_case_user_idx" ON "break_glass_grants" ("case_id", "user_id", "expires_at")`);
    await q.query(
      `ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT`,
    );
    await q.query(
      `ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "break_glass_grants"`);
    for (const c of ['restricted_version', 'restricted_at', 'restriction_reason', 'restriction_source', 'access_list', 'restricted']) {
      await q.query(`ALTER TABLE "cases" DROP COLUMN "${c}"`);
    }
  }
}
