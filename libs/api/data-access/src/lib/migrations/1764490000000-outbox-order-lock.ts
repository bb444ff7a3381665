import type { MigrationInterface, QueryRunner } from 'typeorm';

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
 */
export class OutboxOrderLock1764490000000 implements MigrationInterface {
  name = 'OutboxOrderLock1764490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION outbox_order_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
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
