import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '@lantern/api/auth';
import { CaseworkService, ChildrensServicesDecisionService } from '@lantern/api/casework';
import { Database } from '@lantern/api/data-access';
import { feedSubmitter, IntakeService, type FeedSourcePrincipal } from '@lantern/api/intake';
import { OutcomesService } from '@lantern/api/outcomes';
import { MaracReferralsService, ReferralsService } from '@lantern/api/referrals';
import type { ContactOutcome, Role } from '@lantern/shared/domain';
import { generateReport } from '@lantern/shared/testing';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A small deterministic generator, so every fresh demo hub has the same history. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Demo mode with LANTERN_DEMO_HISTORY > 0 (npm start sets 120): when the hub has no cases yet, six months of
 * worked cases go through the real services with back-dated clocks — intake, claim, contact attempts on the
 * safe plan, referrals to the IDVA and outreach services (the agencies with demo partner users) answered by
 * those partners, closures with reasons and satisfaction surveys — so the outcomes dashboard and the partner
 * portal have something to show. Every step is the real, audited code path; nothing is written around it.
 */
@Injectable()
export class DemoHistoryService {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly db: Database,
    private readonly intake: IntakeService,
    private readonly casework: CaseworkService,
    private readonly referrals: ReferralsService,
    private readonly outcomes: OutcomesService,
    private readonly marac: MaracReferralsService,
    private readonly childrensServices: ChildrensServicesDecisionService,
  ) {}

  /** A demo account (one demo seeding created): the history never acts as a real user who shares a demo username. */
  private async user(username: string): Promise<AuthUser | null> {
    const [u] = await this.db.query<{ id: string; display_name: string; roles: Role[]; partner_id: string | null }>(
      'SELECT id, display_name, roles, partner_id FROM users WHERE username = $1 AND demo',
      [username],
    );
    return u
      ? { id: u.id, username, displayName: u.display_name, roles: u.roles, partnerId: u.partner_id, sessionId: 'demo-history' }
      : null;
  }

  async seed(feed: FeedSourcePrincipal, count: number, now = new Date()): Promise<number> {
    if (count <= 0) return 0;
    // Once: a hub that already has cases older than a week has its history.
    const [{ n }] = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM cases WHERE received_at < $1', [
      new Date(now.getTime() - 7 * DAY),
    ]);
    if (Number(n) > 0) return 0;
    const rand = prng(20261123);
    const [cw1, cw2, idva, outreach] = await Promise.all(
      ['caseworker', 'caseworker2', 'partner-idva', 'partner-outreach'].map((u) => this.user(u)),
    );
    if (!cw1 || !cw2 || !idva || !outreach) {
      this.logger.warn('demo history skipped: a demo account it works as is missing (a real account has its username)');
      return 0;
    }
    const workers = [cw1, cw2];
    const partners: Record<string, AuthUser> = { idva, outreach };
    const quiet = <T>(p: Promise<T>) => p.catch(() => null);
    let done = 0;
    for (let i = 0; i < count; i++) {
      // Spread over the last 26 weeks, at hub hours (09:00–18:00 UTC is inside 08:00–20:00 London all year).
      const day = Math.floor(((count - i) * 182) / count) + 14;
      const receivedAt = new Date(Math.floor((now.getTime() - day * DAY) / DAY) * DAY + (9 + Math.floor(rand() * 9)) * HOUR);
      const report = generateReport(i, { now: receivedAt, referenceBase: 400000 });
      const outcome = await quiet(this.intake.receive(feedSubmitter(feed), report, receivedAt));
      const caseId = outcome?.result.caseId;
      if (!caseId) continue;
      done++;
      const cw = workers[i % 2];
      const at = (h: number) => new Date(receivedAt.getTime() + h * HOUR);
      const claimed = await quiet(this.casework.claim(cw, caseId, {}, at(0.5 + rand())));
      // A high-risk or MARAC case is referred to MARAC the day it is picked up (and cannot close without it).
      if (claimed && (claimed.risk.grade === 'high' || claimed.risk.marac.required))
        await quiet(this.marac.record(cw, caseId, { maracArea: `${claimed.area} MARAC` }, at(3)));
      // Children to safeguard: the referral where only a referral answers, else the hub's decision (the closing rule).
      const kids = claimed ? await quiet(this.childrensServices.state(caseId)) : null;
      if (kids?.childrenToSafeguard && kids.referralRequired)
        await quiet(
          this.referrals.create(
            cw,
            caseId,
            { partnerId: 'childrens-services', service: 'safeguarding-referral', victimInformed: 'yes' },
            at(4),
          ),
        );
      else if (kids?.childrenToSafeguard)
        await quiet(
          this.childrensServices.record(
            cw,
            caseId,
            { decision: 'police-notified', reason: 'The police notified children’s services of the incident (demo history).' },
            at(4),
          ),
        );
      // Call only on the safe number and inside its safe window, as a caseworker would: the officer's times are
      // confirmed first when Lantern could read them ("Use these times"); times still unconfirmed: no call.
      const phone = report.victim.safeContact?.phone;
      const read = phone ? await quiet(this.casework.safeContact(cw, caseId, at(1))) : null;
      const view =
        read?.plan.timeRule === 'unknown' && read.suggestion
          ? ((await quiet(this.casework.confirmSafeTimes(cw, caseId, { useSuggestion: true }, at(1)))) ?? read)
          : read;
      const windowAt =
        !view || view.plan.timeRule === 'unknown'
          ? null
          : view.plan.timeRule === 'any'
            ? at(2)
            : view.nextSafeWindowAt
              ? new Date(Date.parse(view.nextSafeWindowAt) + 10 * 60_000)
              : null;
      let reached = false;
      let tried = false;
      if (phone && windowAt) {
        const call = (when: Date, outcome: ContactOutcome) =>
          quiet(
            this.casework.attempt(
              cw,
              caseId,
              { channel: 'call', to: phone, at: when.toISOString(), outcome },
              new Date(when.getTime() + 5 * 60_000),
            ),
          );
        const answers = rand() < 0.75;
        if (!answers || rand() < 0.3) tried = !!(await call(windowAt, 'no-answer')) || tried;
        if (answers) {
          const later = new Date(windowAt.getTime() + 30 * 60_000);
          reached = !!(await call(later, 'spoke-safe'));
          tried = tried || reached;
        }
      }
      let referred = false;
      if (reached) {
        const options = await quiet(this.referrals.options(cw.id, caseId, at(5)));
        const option = options?.find((o) => o.eligible && (o.partnerId === 'idva' || o.partnerId === 'outreach'));
        if (option) {
          const r = await quiet(this.referrals.create(cw, caseId, { partnerId: option.partnerId, service: option.service }, at(5)));
          const partner = partners[option.partnerId];
          if (r) {
            await quiet(this.referrals.act(partner, r.id, 'acknowledge', {}, at(20)));
            if (rand() < 0.8) {
              await quiet(this.referrals.act(partner, r.id, 'accept', {}, at(26)));
              const o = rand() < 0.7 ? 'engaged-with-support' : rand() < 0.5 ? 'victim-declined' : 'unable-to-contact';
              await quiet(this.referrals.act(partner, r.id, 'outcome', { outcome: o }, at(24 * 9)));
              referred = o === 'engaged-with-support';
            } else {
              await quiet(
                this.referrals.act(
                  partner,
                  r.id,
                  'decline',
                  { reason: 'Outside our current capacity: please refer again next week' },
                  at(26),
                ),
              );
            }
          }
        }
      }
      // Cases never contacted are closed; of the rest most are closed by now and a few stay open in support.
      if (!tried || rand() < 0.9) {
        const closeAt = at(24 * (10 + Math.floor(rand() * 20)));
        if (!reached && tried) {
          await quiet(
            this.casework.setStatus(
              cw,
              caseId,
              { status: 'unable-to-contact', reason: 'No answer on the safe number over several days' },
              closeAt,
            ),
          );
        } else {
          const closureReason = referred ? 'referred-on' : reached ? 'support-completed' : 'no-further-action';
          const closed = await quiet(
            this.casework.setStatus(cw, caseId, { status: 'closed', reason: 'Demo history', closureReason }, closeAt),
          );
          if (closed && reached && rand() < 0.6) {
            const score = ([3, 4, 4, 5, 5] as const)[Math.floor(rand() * 5)];
            await quiet(
              this.outcomes.recordSurvey(
                cw,
                caseId,
                { score, feltSafer: score >= 4 ? 'yes' : 'unsure', wouldRecommend: score >= 4 },
                closeAt,
              ),
            );
          }
        }
      }
    }
    this.logger.log(`seeded ${done} worked demo cases over the last six months`);
    return done;
  }
}
