import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 (a readable queue, arrivals): each user's workbench preferences, one JSON document per user (queue
 * columns and density, arrival alerts), checked against PREFERENCES_REQUEST before it is stored. Gone with the user.
 */
export class UserPreferences1764410000000 implements MigrationInterface {
  name = 'UserPreferences1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "user_preferences" ("user_id" uuid NOT NULL, "preferences" jsonb NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "user_preferences_pk" PRIMARY KEY ("user_id"))`,
    );
    await q.query(
      `ALTER TABLE "user_preferences" ADD CONSTRAINT "user_preferences_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "user_preferences" CASCADE`);
  }
}
