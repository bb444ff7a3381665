import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToAppRole } from './app-role-grant';

/**
 * Issue 16, part 1: the queue page without scoring every open case per request.
 *
 * A case's priority changes with the clock only until it "settles": its waiting points reach their cap (20 hours at
 * the default weights) and its SLA state can no longer change (a clock done late, or a clock still running past its
 * due time, is breached for good; both clocks done on time is never breached nor near). From then on, until the case
 * itself changes, its score is a constant. Most of a large hub's open cases have settled, so case_queue keeps for each
 * row:
 *  - `static_score`: the points that do not depend on time (grade, MARAC, the DASH markers, age);
 *  - `settled_score`: the score the case has from `settles_at` on (static + the waiting cap + the final SLA points);
 *  - `settles_at`: the instant from which its score is `settled_score` (-infinity: always; infinity: unknown).
 * The queue reads the settled cases in index order and scores only the unsettled ones (libs/api/cases case-queue.ts);
 * queue-order.spec.ts keeps the result equal to the domain rule (casePriority, slaStatus) on random cases and times.
 *
 * The points come from the hub's priority weights (LANTERN_TRIAGE_CONFIG), which the API writes to `queue_weights`
 * at start; a change of weights re-scores every row. Every instance of one hub has the same configuration; should
 * one not, its queue does not read these columns at all (the weights it ranks with differ from the stored ones) and
 * scores every case as before: slower, never wrong.
 *
 * A BEFORE trigger on case_queue computes the three columns from the row being written, so the functions that copy
 * cases into case_queue (migration 1764470000000) stay as they are.
 */
export class QueueSettledScore1764520000000 implements MigrationInterface {
  name = 'QueueSettledScore1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "queue_weights" (
        "id" smallint PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
        "weights" jsonb NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `ALTER TABLE "case_queue" ADD "static_score" integer, ADD "settled_score" integer, ADD "settles_at" timestamptz(3) NOT NULL DEFAULT 'infinity'`,
    );
    // The same points as casePriority (libs/shared/domain priority.ts) and prioritySql (case-queue.ts): a flag that
    // is NULL counts as not set, an age under 18 (ADULT_AGE in libs/shared/domain, written out: a migration is frozen)
    // is a child.
    await q.query(`
      CREATE FUNCTION lantern_case_queue_rank() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        w jsonb;
        rate double precision;
        cap integer;
        final_wait integer := 0;
        wait_settles timestamptz := '-infinity';
        final_sla integer := 0;
        sla_settles timestamptz := '-infinity';
      BEGIN
        SELECT weights INTO w FROM queue_weights WHERE id = 1;
        IF w IS NULL THEN
          -- No weights stored yet: nothing is settled, every read scores the case itself.
          NEW.static_score := NULL;
          NEW.settled_score := NULL;
          NEW.settles_at := 'infinity';
          RETURN NEW;
        END IF;
        NEW.static_score :=
            CASE coalesce(NEW.risk_grade, NEW.officer_grade)
              WHEN 'high' THEN (w->'grade'->>'high')::int WHEN 'medium' THEN (w->'grade'->>'medium')::int
              WHEN 'standard' THEN (w->'grade'->>'standard')::int ELSE (w->'grade'->>'ungraded')::int END
          + CASE WHEN cardinality(NEW.marac_reasons) > 0 THEN (w->>'maracRequired')::int ELSE 0 END
          + CASE WHEN NEW.strangulation THEN (w->>'strangulation')::int ELSE 0 END
          + CASE WHEN NEW.weapon THEN (w->>'weapon')::int ELSE 0 END
          + CASE WHEN NEW.children_in_household THEN (w->>'childrenInHousehold')::int ELSE 0 END
          + CASE WHEN NEW.children_present THEN (w->>'childrenPresent')::int ELSE 0 END
          + CASE WHEN NEW.pregnant THEN (w->>'pregnancy')::int ELSE 0 END
          + CASE WHEN NEW.separation THEN (w->>'separation')::int ELSE 0 END
          + CASE WHEN NEW.stalking THEN (w->>'stalking')::int ELSE 0 END
          + CASE WHEN NEW.threat_to_kill THEN (w->>'threatToKill')::int ELSE 0 END
          + CASE WHEN NEW.sexual_abuse THEN (w->>'sexualAbuse')::int ELSE 0 END
          + CASE WHEN NEW.repeat_victim THEN (w->>'repeatVictim')::int ELSE 0 END
          + CASE WHEN NEW.victim_age IS NOT NULL AND NEW.victim_age < 18 THEN (w->>'victimUnder18')::int ELSE 0 END
          + CASE WHEN 'potential-escalation' = ANY(NEW.marac_reasons) THEN (w->>'potentialEscalation')::int ELSE 0 END;
        -- Waiting: min(cap, floor(ms waited × rate / 3,600,000)) is the cap from cap × 3,600,000 / rate ms on; a second
        -- later, so no rounding of the division can make a case settle a moment early.
        rate := (w->>'waitingPerHour')::double precision;
        cap := (w->>'waitingCap')::int;
        IF rate > 0 AND cap > 0 THEN
          final_wait := cap;
          -- A rate so small that the cap takes over a century: never settled (the time would overflow a timestamp).
          wait_settles := CASE WHEN cap::double precision * 3600000 / rate < 3.2e12 THEN
                            NEW.received_at + make_interval(secs => (ceil(cap::double precision * 3600000 / rate) + 1000) / 1000)
                          ELSE 'infinity' END;
        END IF;
        -- SLA (slaStatus): a clock done late is breached for good; a clock still running is breached from a
        -- millisecond after its due time (the clocks are stored to the millisecond); both done on time: never
        -- breached, and with no clock running, never near.
        IF (NEW.assigned_at IS NOT NULL AND NEW.assigned_at > NEW.assign_due_at)
           OR (NEW.first_contact_at IS NOT NULL AND NEW.first_contact_at > NEW.first_contact_due_at) THEN
          final_sla := (w->>'slaBreached')::int;
        ELSIF NEW.assigned_at IS NULL OR NEW.first_contact_at IS NULL THEN
          final_sla := (w->>'slaBreached')::int;
          sla_settles := coalesce(
            LEAST(CASE WHEN NEW.assigned_at IS NULL THEN NEW.assign_due_at END,
                  CASE WHEN NEW.first_contact_at IS NULL THEN NEW.first_contact_due_at END) + interval '1 millisecond',
            'infinity');
        END IF;
        NEW.settled_score := NEW.static_score + final_wait + final_sla;
        NEW.settles_at := GREATEST(wait_settles, sla_settles);
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER "case_queue_rank" BEFORE INSERT OR UPDATE ON "case_queue" FOR EACH ROW EXECUTE FUNCTION lantern_case_queue_rank()`,
    );
    // Triage order among settled cases: score descending, then received_at, then id (compareTriageOrder); the
    // negated score lets one ascending index serve the order and a keyset row comparison.
    await q.query(`CREATE INDEX "case_queue_settled_idx" ON "case_queue" ((-"settled_score"), "received_at", "id")`);
    await q.query(`CREATE INDEX "case_queue_settles_at_idx" ON "case_queue" ("settles_at")`);
    // The earliest due time of a clock still running (NEXT_DUE_SQL in case-queue.ts): the team lead's SLA alerts are
    // the cases due by the near-breach limit, read in due order from here rather than by testing every open case.
    await q.query(
      `CREATE INDEX "case_queue_next_due_idx" ON "case_queue" ((LEAST(CASE WHEN assigned_at IS NULL THEN assign_due_at END, CASE WHEN first_contact_at IS NULL THEN first_contact_due_at END)), "id")`,
    );
    // The API writes the hub's weights at start (and re-scores case_queue when they changed).
    await grantToAppRole(q, 'queue_weights', 'SELECT, INSERT, UPDATE');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "case_queue_next_due_idx"`);
    await q.query(`DROP INDEX "case_queue_settles_at_idx"`);
    await q.query(`DROP INDEX "case_queue_settled_idx"`);
    await q.query(`DROP TRIGGER "case_queue_rank" ON "case_queue"`);
    await q.query(`DROP FUNCTION lantern_case_queue_rank()`);
    await q.query(`ALTER TABLE "case_queue" DROP "settles_at", DROP "settled_score", DROP "static_score"`);
    await q.query(`DROP TABLE "queue_weights"`);
  }
}
