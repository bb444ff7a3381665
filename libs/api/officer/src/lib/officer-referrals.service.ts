import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import { sinceVictimChange } from '@lantern/api/cases';
import { APP_CONFIG, ProblemException, Problems, type AppConfig } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import { IntakeRateLimiter, IntakeService, ReportValidator } from '@lantern/api/intake';
import { officerReferralStatus, type OfficerReferral, type OfficerReferralList, type OfficerReferralReceipt } from '@lantern/shared/domain';
import { errorsOfSentBody, fillOfficerReport, officerProfile, type OfficerProfileRow } from './officer-report';

/** The most referrals one list answer carries; older ones by `?before=`. */
export const OFFICER_REFERRALS_PAGE = 100;

interface ReferralRow {
  case_id: string;
  reference: string;
  received_at: Date | string;
  status: string;
  closed_at: Date | string | null;
  contacted_at: Date | string | null;
  referred_at: Date | string | null;
  restricted: boolean;
}

const iso = (v: Date | string) => new Date(v).toISOString();

/**
 * The officer at the scene (docs/officer-app.md): a referral goes through the one intake (IntakeService.receive,
 * channel `officer`) after the server fills what the officer's account already says; the officer's list shows
 * where each of their own referrals has got to in the hub, never the case.
 */
@Injectable()
export class OfficerReferralsService {
  constructor(
    private readonly db: Database,
    private readonly intake: IntakeService,
    private readonly validator: ReportValidator,
    private readonly limiter: IntakeRateLimiter,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 429 when this officer has sent too many too fast (a bucket per officer, LANTERN_OFFICER_RATE/BURST). */
  throttle(user: AuthUser, now = Date.now()): void {
    const wait = this.limiter.take(`officer:${user.id}`, now, {
      ratePerSecond: this.config.officerRatePerMinute / 60,
      burst: this.config.officerBurst,
    });
    if (wait > 0) throw Problems.rateLimited(Math.ceil(wait / 1000));
  }

  async submit(user: AuthUser, body: unknown, now = new Date()): Promise<{ httpStatus: 201 | 200; receipt: OfficerReferralReceipt }> {
    const rows = await this.db.query<OfficerProfileRow>(
      'SELECT force, collar_number, display_name, email, team FROM users WHERE id = $1 AND active',
      [user.id],
    );
    const profile = officerProfile(rows[0]);
    if (!profile) {
      throw new ProblemException(
        403,
        'profile-incomplete',
        'Profile incomplete',
        'Your account has no force or collar number yet: ask an admin to set your force and collar number. Nothing was sent.',
      );
    }
    const filled = fillOfficerReport(body, profile);
    if (filled.errors.length) {
      // Name everything wrong with the body at once, not the officer block or consent first and the rest on the next try.
      const v = this.validator.validate(filled.body, now);
      const rest = v.ok ? [] : errorsOfSentBody(v.errors, filled.filled);
      throw Problems.validation([...filled.errors, ...rest.filter((e) => !filled.errors.some((f) => f.path === e.path))]);
    }
    let outcome;
    try {
      outcome = await this.intake.receive({ channel: 'officer', userId: user.id, force: profile.force }, filled.body, now);
    } catch (err) {
      if (err instanceof ProblemException && err.problemType === 'validation' && err.errors) {
        throw Problems.validation(errorsOfSentBody(err.errors, filled.filled));
      }
      throw err;
    }
    const { result } = outcome;
    const reference = (filled.body as { reference: string }).reference;
    // A duplicate was received when the first copy was: that is the time the officer is shown.
    const received =
      result.status === 'duplicate'
        ? await this.db.query<{ received_at: Date | string }>('SELECT received_at FROM reports WHERE id = $1', [result.reportId])
        : [];
    return {
      httpStatus: outcome.httpStatus,
      receipt: { ...result, reference, receivedAt: received[0] ? iso(received[0].received_at) : now.toISOString() },
    };
  }

  /**
   * The officer's own referrals (reports they submitted), one per reference, newest first, with the status the hub's
   * record gives each; audited with the case ids only.
   */
  async list(user: AuthUser, before: string | undefined): Promise<OfficerReferralList> {
    return this.db.transaction(async (m) => {
      const rows: ReferralRow[] = await m.query(
        `WITH mine AS (
           SELECT case_id, min(reference) AS reference, min(received_at) AS received_at
             FROM reports WHERE submitted_by = $1 GROUP BY case_id
         )
         SELECT mine.case_id, mine.reference, mine.received_at, c.status, c.closed_at, c.restricted,
                (SELECT min(a.attempted_at) FROM contact_attempts a
                  WHERE a.case_id = c.id AND a.outcome = 'spoke-safe' AND ${sinceVictimChange('a.attempted_at')}) AS contacted_at,
                (SELECT min(f.sent_at) FROM referrals f
                  WHERE f.case_id = c.id AND f.sent_at IS NOT NULL
                    AND f.revoked_at IS NULL AND f.withdrawn_at IS NULL AND f.declined_at IS NULL) AS referred_at
           FROM mine JOIN cases c ON c.id = mine.case_id
          WHERE $2::timestamptz IS NULL OR mine.received_at < $2::timestamptz
          ORDER BY mine.received_at DESC, mine.case_id
          LIMIT $3`,
        [user.id, before ?? null, OFFICER_REFERRALS_PAGE + 1],
      );
      const page = rows.slice(0, OFFICER_REFERRALS_PAGE);
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'officer-referral.list',
        entityType: 'user',
        entityId: user.id,
        details: { count: page.length, caseIds: page.map((r) => r.case_id), ...(before ? { before } : {}) },
      });
      const referrals: OfficerReferral[] = page.map((r) => ({
        reference: r.reference,
        receivedAt: iso(r.received_at),
        // A restricted case (the victim or suspect is police or hub staff) shows no progress to the officer who sent
        // it, who may be the suspect's colleague: only that the hub received it (docs/security.md).
        ...(r.restricted
          ? { status: 'received' as const, statusAt: iso(r.received_at) }
          : officerReferralStatus({
              receivedAt: r.received_at,
              caseStatus: r.status,
              closedAt: r.closed_at,
              contactedAt: r.contacted_at,
              referredAt: r.referred_at,
            })),
      }));
      const last = page[page.length - 1];
      return { referrals, nextBefore: rows.length > OFFICER_REFERRALS_PAGE && last ? iso(last.received_at) : null };
    });
  }
}
