import type { QueryRunner } from 'typeorm';
import { APP_ROLE_SETTING } from './1764200000000-audit-trail';

/**
 * Grants the runtime role (DATABASE_APP_ROLE, named in `lantern.app_role` when the owner runs the migrations) the
 * given privileges on a table a migration creates; nothing when migrations run as the runtime role itself. Migrations
 * from 1764520000000 on use this; the earlier ones keep their own copy of the same steps (a landed migration is never
 * edited). Landed migrations call it, so its behaviour must never change: write a new helper instead.
 */
export async function grantToAppRole(q: QueryRunner, table: string, privileges: string): Promise<void> {
  const [setting]: Array<{ role: string | null }> = await q.query(`SELECT current_setting('${APP_ROLE_SETTING}', true) AS role`);
  const role = setting?.role || null;
  if (!role) return;
  const [exists]: Array<{ n: number }> = await q.query('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1', [role]);
  if (exists.n > 0) await q.query(`GRANT ${privileges} ON "${table}" TO "${role.replace(/"/g, '""')}"`);
}
