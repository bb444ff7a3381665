import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The runtime role named by DATABASE_APP_ROLE reaches the migration as this setting (see createDataSource). */
export const APP_ROLE_SETTING = 'lantern.app_role';

/** pg_advisory_xact_lock namespace of the audit chain (LockNamespace in database.ts lists the others). */
export const AUDIT_CHAIN_LOCK = 3;

/**
 * An audit trail that can be proved (issue 13, part 6). Each row stores `prev_hash` (the previous row's `hash`, 64
 * zeros for the first) and `hash` = sha256(prev_hash || canonical form of the row). The canonical form is the jsonb
 * array [id, at as epoch microseconds, actor_type, actor_id, action, entity_type, entity_id, details]: jsonb prints
 * keys sorted and spaced one way, so the same row always gives the same text on PostgreSQL and on PGlite.
 *
 * The chain is computed in the database, where the application cannot skip or forge it: a BEFORE INSERT statement
 * trigger takes a transaction-level advisory lock before the rows' ids are drawn from the sequence (defaults are
 * evaluated after statement triggers fire), so id order is chain order even with concurrent transactions; the row
 * trigger reads the last hash and sets both columns. UPDATE and DELETE are refused by a row trigger and TRUNCATE by
 * a statement trigger, for every role including the owner (only ALTER TABLE … DISABLE TRIGGER, an owner's DDL,
 * gets past them, and the chain then shows what changed). The runtime role (DATABASE_APP_ROLE) may only INSERT and
 * SELECT. docs/audit.md describes the design and how production runs migrations as the owner.
 */
export class AuditTrail1764200000000 implements MigrationInterface {
  name = 'AuditTrail1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_entries" ADD "prev_hash" text`);
    await q.query(`ALTER TABLE "audit_entries" ADD "hash" text`);

    // One definition of the hash, used by the trigger, the backfill below and GET /audit/verify.
    await q.query(`
      CREATE FUNCTION audit_entry_hash(prev_hash text, id bigint, at timestamptz, actor_type text, actor_id text,
                                       action text, entity_type text, entity_id text, details jsonb)
      RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT encode(sha256(convert_to(prev_hash || jsonb_build_array(
          id, (extract(epoch FROM at) * 1000000)::bigint, actor_type, actor_id, action, entity_type, entity_id, details
        )::text, 'UTF8')), 'hex')
      $$`);

    // Existing rows, chained in id order before the refusing trigger exists.
    await q.query(`
      DO $$
      DECLARE
        r record;
        prev text := repeat('0', 64);
      BEGIN
        FOR r IN SELECT * FROM audit_entries ORDER BY id LOOP
          UPDATE audit_entries SET prev_hash = prev,
                 hash = audit_entry_hash(prev, r.id, r.at, r.actor_type, r.actor_id, r.action, r.entity_type, r.entity_id, r.details)
           WHERE id = r.id
          RETURNING hash INTO prev;
        END LOOP;
      END $$`);
    await q.query(`ALTER TABLE "audit_entries" ALTER COLUMN "prev_hash" SET NOT NULL`);
    await q.query(`ALTER TABLE "audit_entries" ALTER COLUMN "hash" SET NOT NULL`);

    await q.query(`
      CREATE FUNCTION audit_entries_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}, 0);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION audit_entries_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last record;
      BEGIN
        -- Held already by the statement trigger (re-entrant); taken again so no insert path can skip it.
        PERFORM pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}, 0);
        -- A fresh snapshot (READ COMMITTED, a volatile function): sees the row the lock's last holder committed.
        SELECT e.id, e.hash INTO last FROM audit_entries e ORDER BY e.id DESC LIMIT 1;
        IF last.id IS NOT NULL AND NEW.id <= last.id THEN
          RAISE EXCEPTION 'audit entry % would break the chain after %', NEW.id, last.id
            USING ERRCODE = 'serialization_failure', HINT = 'Audit entries take their id from the sequence and are written in READ COMMITTED.';
        END IF;
        NEW.prev_hash := COALESCE(last.hash, repeat('0', 64));
        NEW.hash := audit_entry_hash(NEW.prev_hash, NEW.id, NEW.at, NEW.actor_type, NEW.actor_id, NEW.action,
                                     NEW.entity_type, NEW.entity_id, NEW.details);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE FUNCTION audit_entries_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_entries_lock BEFORE INSERT ON "audit_entries" FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_lock()`,
    );
    await q.query(
      `CREATE TRIGGER audit_entries_chain BEFORE INSERT ON "audit_entries" FOR EACH ROW EXECUTE FUNCTION audit_entries_chain()`,
    );
    await q.query(
      `CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON "audit_entries" FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse()`,
    );
    await q.query(
      `CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "audit_entries" FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse()`,
    );

    // The auditor's filters: a case's rows (the entity, details.caseId, or a list read's details.caseIds), one
    // user's rows, one action over time.
    await q.query(`CREATE INDEX "audit_entries_case_idx" ON "audit_entries" ((details->>'caseId'), "id")`);
    await q.query(`CREATE INDEX "audit_entries_case_ids_idx" ON "audit_entries" USING gin ((details->'caseIds'))`);
    await q.query(`CREATE INDEX "audit_entries_actor_idx" ON "audit_entries" ("actor_id", "id")`);
    await q.query(`CREATE INDEX "audit_entries_action_at_idx" ON "audit_entries" ("action", "at")`);

    // Least privilege for the runtime role, when one is named and exists (production; the owner runs this).
    const [setting]: Array<{ role: string | null }> = await q.query(`SELECT current_setting('${APP_ROLE_SETTING}', true) AS role`);
    const role = setting?.role || null;
    if (role) {
      const [exists]: Array<{ n: number }> = await q.query('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1', [role]);
      if (exists.n > 0) {
        const quoted = `"${role.replace(/"/g, '""')}"`;
        await q.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_entries" FROM ${quoted}`);
        await q.query(`GRANT INSERT, SELECT ON "audit_entries" TO ${quoted}`);
        await q.query(`GRANT USAGE ON SEQUENCE "audit_entries_id_seq" TO ${quoted}`);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "audit_entries_action_at_idx"`);
    await q.query(`DROP INDEX "audit_entries_actor_idx"`);
    await q.query(`DROP INDEX "audit_entries_case_ids_idx"`);
    await q.query(`DROP INDEX "audit_entries_case_idx"`);
    for (const t of ['audit_entries_no_truncate', 'audit_entries_append_only', 'audit_entries_chain', 'audit_entries_lock']) {
      await q.query(`DROP TRIGGER "${t}" ON "audit_entries"`);
    }
    await q.query(`DROP FUNCTION audit_entries_refuse()`);
    await q.query(`DROP FUNCTION audit_entries_chain()`);
    await q.query(`DROP FUNCTION audit_entries_lock()`);
    await q.query(`DROP FUNCTION audit_entry_hash(text, bigint, timestamptz, text, text, text, text, text, jsonb)`);
    await q.query(`ALTER TABLE "audit_entries" DROP COLUMN "hash"`);
    await q.query(`ALTER TABLE "audit_entries" DROP COLUMN "prev_hash"`);
  }
}
