import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk import of police reports from CSV (issue 14, docs/imports.md): one row per import (its counters, heartbeat
 * and outcome), its bad rows (line, path, message and the row's original cells for the bad-rows CSV, capped per
 * import), saved header mappings, and which import a report came in with.
 */
export class Imports1764330000000 implements MigrationInterface {
  name = 'Imports1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "imports" (
      "id" uuid PRIMARY KEY,
      "created_by" uuid NOT NULL REFERENCES "users"("id") ON DELETE RESTRICT,
      "force" text,
      "mapping_id" uuid,
      "file_name" text,
      "sha256" text NOT NULL,
      "size_bytes" bigint NOT NULL,
      "headers" jsonb NOT NULL,
      "status" text NOT NULL CHECK ("status" IN ('queued', 'running', 'done', 'failed', 'interrupted')),
      "total" integer NOT NULL DEFAULT 0,
      "done" integer NOT NULL DEFAULT 0,
      "imported" integer NOT NULL DEFAULT 0,
      "duplicates" integer NOT NULL DEFAULT 0,
      "error_count" integer NOT NULL DEFAULT 0,
      "message" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "finished_at" timestamptz
    )`);
    await q.query(`CREATE INDEX "imports_created_at_idx" ON "imports" ("created_at" DESC)`);
    await q.query(`CREATE INDEX "imports_unfinished_idx" ON "imports" ("updated_at") WHERE "status" IN ('queued', 'running')`);
    await q.query(`CREATE TABLE "import_errors" (
      "import_id" uuid NOT NULL REFERENCES "imports"("id") ON DELETE CASCADE,
      "line" integer NOT NULL,
      "path" text NOT NULL,
      "message" text NOT NULL,
      "cells" jsonb NOT NULL,
      "seq" integer NOT NULL,
      PRIMARY KEY ("import_id", "seq")
    )`);
    await q.query(`CREATE TABLE "import_mappings" (
      "id" uuid PRIMARY KEY,
      "name" text NOT NULL,
      "columns" jsonb NOT NULL,
      "created_by" uuid NOT NULL REFERENCES "users"("id") ON DELETE RESTRICT,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `ALTER TABLE "imports" ADD CONSTRAINT "imports_mapping_fk" FOREIGN KEY ("mapping_id") REFERENCES "import_mappings"("id") ON DELETE SET NULL`,
    );
    await q.query(`ALTER TABLE "reports" ADD "import_id" uuid`);
    // No foreign key to imports: the import tables are reached with SQL only (no entities), and TypeORM would see a
    // key the entities do not declare as drift. Imports are never deleted, so the id always resolves.
    await q.query(`CREATE INDEX "reports_import_id_idx" ON "reports" ("import_id") WHERE "import_id" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "reports_import_id_idx"`);
    await q.query(`ALTER TABLE "reports" DROP COLUMN "import_id"`);
    await q.query(`DROP TABLE "import_errors"`);
    await q.query(`ALTER TABLE "imports" DROP CONSTRAINT "imports_mapping_fk"`);
    await q.query(`DROP TABLE "import_mappings"`);
    await q.query(`DROP TABLE "imports"`);
  }
}
