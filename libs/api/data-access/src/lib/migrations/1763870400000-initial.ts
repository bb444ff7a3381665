import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The walking skeleton's schema: feed sources, users and sessions, persons, cases, report revisions, audit, outbox. */
export class Initial1763870400000 implements MigrationInterface {
  name = 'Initial1763870400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_entries" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_type" text NOT NULL, "actor_id" text, "action" text NOT NULL, "entity_type" text, "entity_id" text, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "audit_entries_at_idx" ON "audit_entries"  ("at") `);
    await q.query(`CREATE INDEX "audit_entries_entity_idx" ON "audit_entries"  ("entity_type", "entity_id") `);
    await q.query(
      `CREATE TABLE "persons" ("id" uuid NOT NULL, "force" text NOT NULL, "role" text NOT NULL, "police_person_id" text, "first_name" text, "last_name" text, "date_of_birth" date, "gender" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_74278d8812a049233ce41440ac7" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "persons_police_id_uq" ON "persons"  ("force", "role", "police_person_id") WHERE police_person_id IS NOT NULL`,
    );
    await q.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL, "username" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "roles" text array NOT NULL, "partner_id" text, "demo" boolean NOT NULL DEFAULT false, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "cases" ("id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "status" text NOT NULL DEFAULT 'new', "force" text NOT NULL, "reference" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "current_revision" integer NOT NULL, "area" text NOT NULL, "victim_id" uuid NOT NULL, "suspect_id" uuid, "officer_grade" text, "officer_tool" text, "risk_grade" text, "risk_score" integer, "risk_source" text NOT NULL DEFAULT 'officer', "marac_required" boolean NOT NULL DEFAULT false, "marac_reasons" text array NOT NULL DEFAULT '{}', "children_count" integer NOT NULL DEFAULT '0', "children_in_household" boolean NOT NULL DEFAULT false, "repeat_victim" boolean NOT NULL DEFAULT false, "priority_score" integer NOT NULL DEFAULT '0', "priority_factors" jsonb NOT NULL DEFAULT '[]', "assignee_id" uuid, CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "cases_victim_id_idx" ON "cases"  ("victim_id") `);
    await q.query(`CREATE INDEX "cases_triage_order_idx" ON "cases"  ("priority_score", "received_at", "id") `);
    await q.query(`CREATE UNIQUE INDEX "cases_force_reference_uq" ON "cases"  ("force", "reference") `);
    await q.query(
      `CREATE TABLE "feed_sources" ("id" uuid NOT NULL, "name" text NOT NULL, "force" text NOT NULL, "key_hash" text NOT NULL, "demo" boolean NOT NULL DEFAULT false, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_ea7d896266a59649dd3d5224118" UNIQUE ("key_hash"), CONSTRAINT "PK_25b05eceabf666b3d833bfa54d5" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "outbox" ("seq" BIGSERIAL NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "topic" text NOT NULL, "aggregate_id" uuid NOT NULL, "aggregate_version" integer NOT NULL, "payload" jsonb NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_acf0725c6a7245b71c651964ee4" PRIMARY KEY ("seq"))`,
    );
    await q.query(`CREATE INDEX "outbox_unpublished_idx" ON "outbox"  ("published_at") WHERE published_at IS NULL`);
    await q.query(
      `CREATE TABLE "reports" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "feed_source_id" uuid NOT NULL, "force" text NOT NULL, "reference" text NOT NULL, "revision" integer NOT NULL, "body" jsonb NOT NULL, "body_hash" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "reports_case_id_idx" ON "reports"  ("case_id") `);
    await q.query(`CREATE UNIQUE INDEX "reports_force_reference_revision_uq" ON "reports"  ("force", "reference", "revision") `);
    await q.query(
      `CREATE TABLE "sessions" ("id" text NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "sessions_user_id_idx" ON "sessions"  ("user_id") `);
    await q.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "cases_victim_fk" FOREIGN KEY ("victim_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "cases_suspect_fk" FOREIGN KEY ("suspect_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_fk" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "reports" ADD CONSTRAINT "reports_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "reports" ADD CONSTRAINT "reports_feed_source_fk" FOREIGN KEY ("feed_source_id") REFERENCES "feed_sources"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "sessions" CASCADE`);
    await q.query(`DROP TABLE IF EXISTS "reports" CASCADE`);
    await q.query(`DROP TABLE IF EXISTS "cases" CASCADE`);
    await q.query(`DROP TABLE IF EXISTS "persons" CASCADE`);
    await q.query(`DROP TABLE IF EXISTS "outbox" CASCADE`);
    await q.query(`DROP TABLE IF EXISTS "feed_sources" CASCADE`);
    await q.query(`DROP TABLE IF EXISTS "audit_entries" CASCADE`);
    await q.query(`DROP TABLE IF EXISTS "users" CASCADE`);
  }
}
