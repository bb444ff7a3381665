import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Call-backs, and versioned case documents (needs assessment, safety plan). */
export class CallbacksAndDocuments1763913600000 implements MigrationInterface {
  name = 'CallbacksAndDocuments1763913600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "callbacks" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "assigned_to" uuid NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'pending', "done_attempt_id" uuid, "notes" text, CONSTRAINT "PK_8090fb14d5629af03bc043429d0" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "callbacks_case_id_idx" ON "callbacks"  ("case_id") `);
    await q.query(`CREATE INDEX "callbacks_due_idx" ON "callbacks"  ("status", "due_at") `);
    await q.query(
      `CREATE TABLE "case_documents" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "kind" text NOT NULL, "version" integer NOT NULL, "content" jsonb NOT NULL, "saved_at" TIMESTAMP WITH TIME ZONE NOT NULL, "saved_by" uuid NOT NULL, CONSTRAINT "PK_9a2d2ceeefa232f683c414986ad" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "case_documents_version_uq" ON "case_documents"  ("case_id", "kind", "version") `);
    await q.query(
      `ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_assignee_fk" FOREIGN KEY ("assigned_to") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_user_fk" FOREIGN KEY ("saved_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "case_documents"`);
    await q.query(`DROP TABLE "callbacks"`);
  }
}
