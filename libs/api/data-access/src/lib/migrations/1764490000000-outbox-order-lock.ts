import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_CHAIN_LOCK } from './1764200000000-audit-trail';

/** pg_advisory_xact_lock key of the outbox order (LockNamespace.outbox in database.ts, topic case.changed). */
const OUTBOX_LOCK = `1, hashtext('case.changed')`;

/**
 * Issue 16, part 3: the outbox's order lock taken by the table itself, as the audit chain's is (migration
 * 1764200000000): a BEFORE INSERT statement trigger takes the transaction-level advisory lock before the rows' seqs
 * are drawn from the sequence (column defaults are evaluated after statement triggers fire), and the lock is held to
 * commit, so seq order is commit order and a client catching up "after seq N" cannot miss a row committed later with
 * a smaller seq. The API took the same lock in a statement of its own before each outbox insert: one round trip to
 * the database per case change, gone. The key is the one the API used, so instances of either version exclude
 * each other during a rolling deploy.
 *
 * The trigger takes the audit chain's lock first (re-entrant when the transaction already holds it). Every writer then
 * takes the two in one order, chain then outbox, even when one statement writes both (libs/api/cases outbox.ts: the
 * audit rows are a CTE of the outbox insert, and the order in which a statement's parts fire their triggers is the
 * planner's), so two writers cannot deadlock on them. Every case change writes audit rows anyway.
 */
export class OutboxOrderLock1764490000000 implements MigrationInterface {
  name = 'OutboxOrderLock1764490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION outbox_order_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}, 0);
        PERFORM pg_advisory_xact_lock(${OUTBOX_LOCK});
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER outbox_order_lock BEFORE INSERT ON "outbox" FOR EACH STATEMENT EXECUTE FUNCTION outbox_order_lock()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER outbox_order_lock ON "outbox"`);
    await q.query(`DROP FUNCTION outbox_order_lock()`);
  }
}
