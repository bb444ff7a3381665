import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A saved safe-contact plan now keeps what the police said of the safe phone, texts and voicemail when its numbers
 * and channels were last reviewed (`policeContact`), so that a later police revision that withdraws a safe number or
 * channel holds it until the plan is saved again (`revisedSafeContact`, rule `police-revised-contact`;
 * docs/safe-contact.md). Plans saved before are given it from the audit trail, as the code now sets it:
 *
 * - last saved with `PUT …/safe-contact` (`case.safe-contact-updated`): the report revision in force then;
 * - else first saved by confirming the times (`case.safe-times-confirmed`), which reviews no number: everything the
 *   revisions received up to then said (policeSafeContactOfAll: every safe number, normalised; texts or voicemail safe
 *   when any said so), so a number withdrawn before or after is held;
 * - else (no audit of it) the revision in force when it was last edited, and the current one when none was.
 *
 * Not `safe_contact_plan_edited_at` alone: confirming the times changed it too, and a revision the numbers were never
 * reviewed against would have read as reviewed. policeSafeContact (libs/shared/domain) is the same reading of a
 * report: the phone trimmed (null when empty), a flag other than `true` not safe.
 */
export class PlanPoliceContact1764650000000 implements MigrationInterface {
  name = 'PlanPoliceContact1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      WITH saved AS (
        SELECT c.id, c.current_revision, c.safe_contact_plan_edited_at AS edited_at,
               (SELECT max(a.at) FROM audit_entries a
                 WHERE a.entity_type = 'case' AND a.entity_id = c.id::text AND a.action = 'case.safe-contact-updated') AS put_at,
               (SELECT min(a.at) FROM audit_entries a
                 WHERE a.entity_type = 'case' AND a.entity_id = c.id::text AND a.action = 'case.safe-times-confirmed') AS times_at
          FROM cases c
         WHERE c.safe_contact_plan_edited_at IS NOT NULL
           AND jsonb_typeof(c.safe_contact_plan->'numbers') = 'array'
           AND NOT c.safe_contact_plan ? 'policeContact'),
      reviewed AS (
        SELECT s.id, r.revision, r.body #> '{victim,safeContact}' AS sc
          FROM saved s JOIN reports r ON r.case_id = s.id
         WHERE CASE
                 WHEN s.put_at IS NOT NULL THEN r.revision = coalesce(
                   (SELECT max(x.revision) FROM reports x WHERE x.case_id = s.id AND x.received_at <= s.put_at), s.current_revision)
                 WHEN s.times_at IS NOT NULL THEN r.received_at <= s.times_at OR r.revision = 1
                 ELSE r.revision = coalesce(
                   (SELECT max(x.revision) FROM reports x WHERE x.case_id = s.id AND x.received_at <= s.edited_at), s.current_revision)
               END),
      -- One revision as it is (the phone trimmed); several as every safe number any gave, normalised and sorted
      -- (policeSafeContactOfAll: never the fields joined as written and read again).
      agreed AS (
        SELECT id,
               CASE WHEN count(*) = 1
                    THEN max(NULLIF(regexp_replace(coalesce(sc->>'phone', ''), '^\\s+|\\s+$', '', 'g'), ''))
                    ELSE (SELECT string_agg(k, ' / ' ORDER BY k COLLATE "C")
                            FROM (SELECT DISTINCT k FROM reviewed r2
                                    CROSS JOIN LATERAL lantern_phones_in(coalesce(r2.sc->>'phone', '')) AS k
                                   WHERE r2.id = reviewed.id) AS keys) END AS phone,
               coalesce(bool_or(sc->'smsSafe' = 'true'::jsonb), false) AS sms_safe,
               coalesce(bool_or(sc->'voicemailSafe' = 'true'::jsonb), false) AS voicemail_safe
          FROM reviewed GROUP BY id)
      UPDATE cases c
         SET safe_contact_plan = c.safe_contact_plan || jsonb_build_object('policeContact',
               jsonb_build_object('phone', agreed.phone, 'smsSafe', agreed.sms_safe, 'voicemailSafe', agreed.voicemail_safe))
        FROM agreed
       WHERE c.id = agreed.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE cases SET safe_contact_plan = safe_contact_plan - 'policeContact' WHERE safe_contact_plan ? 'policeContact'`);
  }
}
