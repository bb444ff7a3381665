import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_CHAIN_LOCK } from './1764200000000-audit-trail';

/** The chain trigger as migration 1764200000000 wrote it, with `guard` as its first statement. */
function chainFunction(guard: string): string {
  return `
      CREATE OR REPLACE FUNCTION audit_entries_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last record;
      BEGIN
        ${guard}
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
      END $$`;
}

/**
 * The audit chain refuses an entry written outside READ COMMITTED. The chain trigger reads the last entry after
 * taking the chain's lock; in REPEATABLE READ or SERIALIZABLE its snapshot is older than the lock, so it could read a
 * row that is no longer the last and chain the new entry beside it (a fork no error would show). The API's
 * transactions are READ COMMITTED because every PostgreSQL connection starts so (data-source.ts
 * connectionSettings) rather than by a `SET TRANSACTION` in each: a pooler or a connection string that dropped that
 * setting on a server whose default is stricter now gets a clear refusal instead of a silently forked chain.
 */
export class AuditChainReadCommitted1764500000000 implements MigrationInterface {
  name = 'AuditChainReadCommitted1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      chainFunction(`IF current_setting('transaction_isolation') <> 'read committed' THEN
          RAISE EXCEPTION 'audit entries are written in READ COMMITTED only, not %', current_setting('transaction_isolation')
            USING ERRCODE = 'serialization_failure';
        END IF;`),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(chainFunction(''));
  }
}
