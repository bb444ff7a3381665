import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE_SETTING } from './1764200000000-audit-trail';

/**
 * Issue 16, part 4: `sla_clock`, one row: the instant up to which the SLA clock has told the browsers which open cases
 * came near breach (libs/api/realtime sla-clock.ts). Each tick takes the row for update and moves it on,
 * so with several API instances each transition is announced once, and after a restart the ticks carry on from where
 * they stopped.
 */
export class SlaClock1764480000000 implements MigrationInterface {
  name = 'SlaClock1764480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "sla_clock" (
      "id" smallint PRIMARY KEY CHECK ("id" = 1),
      "ticked_at" timestamp(3) with time zone NOT NULL
    )`);
    await q.query(`INSERT INTO "sla_clock" ("id", "ticked_at") VALUES (1, now())`);
    // The runtime role (DATABASE_APP_ROLE, when the owner runs migrations) moves the clock on: granted like the audit trail's.
    const [setting]: Array<{ role: string | null }> = await q.query(`SELECT current_setting('${APP_ROLE_SETTING}', true) AS role`);
    const role = setting?.role || null;
    if (role) {
      const [exists]: Array<{ n: number }> = await q.query('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1', [role]);
      if (exists.n > 0) await q.query(`GRANT SELECT, UPDATE ON "sla_clock" TO "${role.replace(/"/g, '""')}"`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sla_clock"`);
  }
}
