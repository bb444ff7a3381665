import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A saved safe-contact plan now keeps what the police said of the safe phone, texts and voicemail when it was saved
 * (`policeContact`), so that a later police revision that changes them holds those channels until the plan is saved
 * again (`revisedSafeContact`, rule `police-revised-contact`; docs/safe-contact.md). Plans saved before are given it
 * from the report revision in force when they were last saved (the latest received by then; the current one when
 * none was, which holds nothing): a revision that came after the save is then seen as one, as it would have been.
 * policeSafeContact (libs/shared/domain) is the same reading: the phone trimmed (null when empty), a flag not `true`
 * is not safe.
 */
export class PlanPoliceContact1764650000000 implements MigrationInterface {
  name = 'PlanPoliceContact1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE cases c
         SET safe_contact_plan = c.safe_contact_plan || jsonb_build_object('policeContact', jsonb_build_object(
               'phone', NULLIF(regexp_replace(coalesce(r.body #>> '{victim,safeContact,phone}', ''), '^\\s+|\\s+$', '', 'g'), ''),
               'smsSafe', coalesce(r.body #> '{victim,safeContact,smsSafe}' = 'true'::jsonb, false),
               'voicemailSafe', coalesce(r.body #> '{victim,safeContact,voicemailSafe}' = 'true'::jsonb, false)))
        FROM reports r
       WHERE c.safe_contact_plan_edited_at IS NOT NULL
         AND jsonb_typeof(c.safe_contact_plan->'numbers') = 'array'
         AND NOT c.safe_contact_plan ? 'policeContact'
         AND r.case_id = c.id
         AND r.revision = coalesce((SELECT max(x.revision) FROM reports x
                                     WHERE x.case_id = c.id AND x.received_at <= c.safe_contact_plan_edited_at), c.current_revision)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE cases SET safe_contact_plan = safe_contact_plan - 'policeContact' WHERE safe_contact_plan ? 'policeContact'`);
  }
}
