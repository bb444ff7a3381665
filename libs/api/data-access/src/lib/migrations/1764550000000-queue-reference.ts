import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: the suggested balance (GET /workload/suggestions) orders cases of equal priority by reference, and read
 * each open case's reference from `cases`: ~10,000 look-ups into a million rows, most of the read's 56 ms. case_queue
 * gains the case's reference, kept by the same trigger as its other columns (migrations 1764470000000, 1764540000000),
 * so the balance reads one narrow table. A reference never changes once a case exists (it is the report's idempotency
 * key); it is copied on every write all the same, as every other column is.
 *
 * A migration is frozen, so this one writes out the columns as they are from here on (those of 1764540000000 and
 * `reference`).
 */
const QUEUE_COLUMNS_BEFORE = [
  'id',
  'status',
  'restricted',
  'assignee_id',
  'area',
  'risk_grade',
  'officer_grade',
  'marac_required',
  'marac_reasons',
  'strangulation',
  'weapon',
  'children_in_household',
  'children_present',
  'pregnant',
  'separation',
  'stalking',
  'threat_to_kill',
  'sexual_abuse',
  'repeat_victim',
  'victim_age',
  'received_at',
  'assigned_at',
  'assign_due_at',
  'first_contact_at',
  'first_contact_due_at',
  'access_list',
];

/** The open statuses (OPEN_STATUSES in libs/shared/domain) as they were when this migration was written. */
const OPEN = `('new', 'triage', 'contacting', 'assessment', 'support')`;

/** The copy function, the rebuild function and the update trigger over `names` (as in 1764540000000). */
async function createSync(q: QueryRunner, names: readonly string[]): Promise<void> {
  const cols = names.join(', ');
  const fromNew = names.map((c) => `NEW.${c}`).join(', ');
  const updates = names
    .filter((c) => c !== 'id')
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  const changed = names.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
  await q.query(`
    CREATE OR REPLACE FUNCTION lantern_case_queue_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        DELETE FROM case_queue WHERE id = OLD.id;
        RETURN NULL;
      END IF;
      IF NEW.status NOT IN ${OPEN} THEN
        DELETE FROM case_queue WHERE id = NEW.id;
        RETURN NULL;
      END IF;
      INSERT INTO case_queue (${cols}) VALUES (${fromNew})
        ON CONFLICT (id) DO UPDATE SET ${updates};
      RETURN NULL;
    END $$`);
  await q.query(`
    CREATE OR REPLACE FUNCTION lantern_case_queue_refresh() RETURNS void LANGUAGE sql AS $$
      DELETE FROM case_queue;
      INSERT INTO case_queue (${cols}) SELECT ${cols} FROM cases WHERE status IN ${OPEN};
    $$`);
  await q.query(`DROP TRIGGER "cases_queue_update" ON "cases"`);
  // Only when a queue column changed: most case writes (notes of progress, versions) leave the queue as it was.
  await q.query(
    `CREATE TRIGGER "cases_queue_update" AFTER UPDATE ON "cases" FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION lantern_case_queue_sync()`,
  );
}

export class QueueReference1764550000000 implements MigrationInterface {
  name = 'QueueReference1764550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_queue" ADD "reference" text`);
    await q.query(`UPDATE case_queue q SET reference = c.reference FROM cases c WHERE c.id = q.id`);
    await q.query(`ALTER TABLE "case_queue" ALTER "reference" SET NOT NULL`);
    await createSync(q, [...QUEUE_COLUMNS_BEFORE, 'reference']);
  }

  async down(q: QueryRunner): Promise<void> {
    await createSync(q, QUEUE_COLUMNS_BEFORE);
    await q.query(`ALTER TABLE "case_queue" DROP COLUMN "reference"`);
  }
}
