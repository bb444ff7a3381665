import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import { APP_CONFIG, errorForLog, repeatEvery, type AppConfig } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import nodemailer, { type Transporter } from 'nodemailer';
import type { EntityManager } from 'typeorm';

export const REFERRAL_NOTIFY_TOPIC = 'referral.notify';

/**
 * What a notification tells the agency: a referral is waiting (`sent`), or one they were sent has been withdrawn
 * (`withdrawn`: revoked by a team lead, or the victim's consent to share ended), so that nobody acts on a referral
 * the hub took back (a call she no longer wants is a risk to her) and any copy kept is deleted.
 */
/**
 * What the email says: a new referral, one withdrawn, (`victim-changed`) one that stays open while the police now
 * name another person as the victim of its incident (a statutory referral: its contact details are no longer shown),
 * or (`contact-changed`) one whose contact instructions changed: an agency that works from a printed or saved copy
 * would otherwise phone an old number, at an old time, or a victim who has since said no to contact.
 */
export type ReferralNotifyKind = 'sent' | 'withdrawn' | 'victim-changed' | 'contact-changed';

/** Written in the same transaction as a referral being sent, or a sent one being withdrawn. */
export async function appendReferralNotify(
  m: EntityManager,
  referralId: string,
  partnerId: string,
  kind: ReferralNotifyKind = 'sent',
): Promise<void> {
  await m.query(`INSERT INTO outbox (topic, aggregate_id, aggregate_version, payload) VALUES ($1, $2, 1, $3)`, [
    REFERRAL_NOTIFY_TOPIC,
    referralId,
    JSON.stringify({ partnerId, kind }),
  ]);
}

/** The email for each kind: no victim data, ever (not even the hub's reference): what happened, and a link. */
function notificationEmail(kind: ReferralNotifyKind, partnerName: string, link: string): { subject: string; text: string } {
  const footer = 'This email holds no personal details by design.';
  if (kind === 'victim-changed')
    return {
      subject: 'A referral in Lantern has changed: speak to the hub before any contact',
      text: `The police now name another person as the victim of the incident in a referral the hub sent to ${partnerName}. Speak to the hub before any contact: sign in to read it, and delete any copy of the contact details you kept.\n\n${link}\n\n${footer}`,
    };
  if (kind === 'contact-changed')
    return {
      subject: 'A referral in Lantern has new contact instructions: read them before any contact',
      text: `The hub has changed how or when the victim in a referral it sent to ${partnerName} may be contacted. Read the current instructions before any contact, and delete any copy of the earlier ones you kept.\n\n${link}\n\n${footer}`,
    };
  if (kind === 'withdrawn')
    return {
      subject: 'A referral in Lantern was withdrawn',
      text: `The hub has withdrawn a referral it sent to ${partnerName}. Do not act on it: sign in to read why, and delete any copy you kept.\n\n${link}\n\n${footer}`,
    };
  return {
    subject: 'New referral waiting in Lantern',
    text: `A new referral for ${partnerName} is waiting in the Lantern partner portal.\n\nSign in to read it: ${link}\n\n${footer}`,
  };
}

/**
 * Delivers referral notifications from the outbox: at least once, surviving restarts (the row is only marked
 * published in the same transaction that claimed it, after the SMTP server accepted the message), and
 * idempotently (each row is claimed with FOR UPDATE SKIP LOCKED by one worker, in any number of instances;
 * the Message-ID is derived from the row so a receiver can also drop a repeat). The email carries no victim
 * data: only that a referral is waiting, or was withdrawn, and a link to the partner portal.
 */
@Injectable()
export class ReferralDeliveryService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReferralDelivery');
  private stop: (() => void) | null = null;
  private transport: Transporter | null = null;
  private running = false;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.smtpUrl) {
      const u = new URL(this.config.smtpUrl);
      // Short timeouts: a claimed row holds its transaction (and, embedded, the one PGlite connection) while sending.
      this.transport = nodemailer.createTransport({
        host: u.hostname,
        port: Number(u.port) || (u.protocol === 'smtps:' ? 465 : 25),
        secure: u.protocol === 'smtps:',
        ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
        connectionTimeout: 5000,
        greetingTimeout: 5000,
        socketTimeout: 10000,
      });
    }
    this.stop = repeatEvery(1000, 'delivery', this.logger, () => this.deliverPending());
  }

  onModuleDestroy(): void {
    this.stop?.();
    this.transport?.close();
  }

  /** Delivers what is due; returns how many notifications were sent. */
  async deliverPending(now = new Date()): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let sent = 0;
    try {
      for (;;) {
        const done = await this.db.transaction(async (m) => {
          const rows: Array<{ seq: string; aggregate_id: string; payload: { partnerId: string; kind?: ReferralNotifyKind } }> =
            await m.query(
              `SELECT seq, aggregate_id, payload FROM outbox
              WHERE topic = $1 AND published_at IS NULL AND created_at <= $2
              ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED`,
              [REFERRAL_NOTIFY_TOPIC, new Date(now.getTime() - this.config.deliveryDelayMs)],
            );
          const row = rows[0];
          if (!row) return false;
          // The service's current directory entry: an admin's change of address applies to pending notifications.
          const [service]: Array<{ partnerName: string; notifyEmail: string; channel: string; withdrawn: boolean; ended: boolean }> =
            await m.query(
              `SELECT ps.partner_name AS "partnerName", ps.notify_email AS "notifyEmail", ps.channel,
                    (f.withdrawn_at IS NOT NULL OR f.revoked_at IS NOT NULL) AS withdrawn, f.status IN ('declined', 'closed') AS ended
               FROM referrals f JOIN partner_services ps ON ps.service = f.service WHERE f.id = $1`,
              [row.aggregate_id],
            );
          const kind = row.payload.kind ?? 'sent';
          // "New referral waiting" (or "new contact instructions") for one already taken back would send them to a
          // tombstone: its withdrawal says it all.
          // New contact instructions for a referral the agency declined or closed since: it has no plan to act on.
          const superseded =
            (kind === 'sent' || kind === 'contact-changed') && !!service?.withdrawn
              ? 'withdrawn'
              : kind === 'contact-changed' && service?.ended
                ? 'ended'
                : null;
          let email = !!this.transport && !!service && service.channel === 'portal-and-email' && !superseded;
          let refused: { responseCode: number } | null = null;
          if (this.transport && service && email) {
            const link = `${this.config.publicUrl}/partner/referrals/${row.aggregate_id}`;
            try {
              await this.transport.sendMail({
                from: this.config.mailFrom,
                to: service.notifyEmail,
                messageId: `<referral-${row.aggregate_id}-${row.seq}@lantern.invalid>`,
                ...notificationEmail(kind, service.partnerName, link),
              });
            } catch (err) {
              // A refusal for good (5xx: no such address, policy) would fail the same way every second and hold back
              // every notification queued after it: it is recorded and passed. Anything else (the server down, 4xx) is
              // rolled back and tried again. The referral itself is in the portal either way.
              const responseCode = (err as { responseCode?: unknown }).responseCode;
              if (typeof responseCode !== 'number' || responseCode < 500 || responseCode > 599) throw err;
              this.logger.warn(`referral notification refused by the mail server for good: ${errorForLog(err)}`);
              refused = { responseCode };
              email = false;
            }
          }
          await m.query('UPDATE outbox SET published_at = now() WHERE seq = $1', [row.seq]);
          await this.audit.record(m, {
            actor: { type: 'system' },
            action: 'referral.notified',
            entityType: 'referral',
            entityId: row.aggregate_id,
            details: {
              partnerId: row.payload.partnerId,
              kind,
              email,
              ...(refused ? { refused } : {}),
              ...(superseded ? { skipped: superseded } : {}),
            },
          });
          return true;
        });
        if (!done) break;
        sent++;
      }
    } finally {
      this.running = false;
    }
    return sent;
  }
}
