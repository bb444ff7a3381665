import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@lantern/api/core';
import { Database, FeedSourceEntity, UserEntity } from '@lantern/api/data-access';
import type { Role } from '@lantern/shared/domain';
import { hashPassword, sha256 } from './auth.service';

export const DEMO_FORCE = 'Hertfordshire Constabulary';

interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  partnerId?: string;
  /** Officers and force leads: their force; officers also a collar number, team and email (synthetic). */
  force?: string;
  collarNumber?: string;
  team?: string;
  email?: string;
}

export const DEMO_USERS: ReadonlyArray<DemoUser> = [
  { username: 'caseworker', displayName: 'Sam Carter', roles: ['caseworker'] },
  { username: 'caseworker2', displayName: 'Alex Morgan', roles: ['caseworker'] },
  { username: 'team-lead', displayName: 'Jordan Ellis', roles: ['team-lead'] },
  { username: 'admin', displayName: 'Robin Hale', roles: ['admin'] },
  {
    username: 'officer',
    displayName: 'PC Casey Lane',
    roles: ['officer'],
    force: DEMO_FORCE,
    collarNumber: 'HT4821',
    team: 'Response Team North',
    email: 'casey.lane@police.example',
  },
  { username: 'auditor', displayName: 'Morgan Price', roles: ['auditor'] },
  { username: 'partner-idva', displayName: 'Taylor Reed (IDVA service)', roles: ['partner'], partnerId: 'idva' },
  { username: 'partner-outreach', displayName: 'Jamie Fox (Outreach)', roles: ['partner'], partnerId: 'outreach' },
  { username: 'force-lead', displayName: 'Supt Drew Palmer', roles: ['force-lead'], force: DEMO_FORCE },
];

/**
 * Demo mode only: the demo accounts and feed key of contracts/API.md. Idempotent, so a restart with another
 * LANTERN_DEMO_PASSWORD updates the passwords — of the accounts it created (`users.demo`) and no others: a real
 * account that happens to share a demo username keeps its password, roles and name. Production refuses demo mode
 * at config load, and demo accounts or keys in the database at boot.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async seed(): Promise<{ feedSourceId: string }> {
    const passwordHash = await hashPassword(this.config.demoPassword);
    return this.db.transaction(async (m) => {
      for (const u of DEMO_USERS) {
        const profile = { force: u.force ?? null, collarNumber: u.collarNumber ?? null, team: u.team ?? null, email: u.email ?? null };
        const existing = await m.findOne(UserEntity, { where: { username: u.username } });
        if (existing && !existing.demo) {
          this.logger.warn(`demo account ${u.username} skipped: a real account has that username`);
        } else if (existing) {
          await m.update(
            UserEntity,
            { id: existing.id },
            { passwordHash, roles: u.roles, displayName: u.displayName, active: true, ...profile },
          );
        } else {
          await m.insert(UserEntity, {
            id: randomUUID(),
            username: u.username,
            displayName: u.displayName,
            passwordHash,
            roles: u.roles,
            partnerId: u.partnerId ?? null,
            ...profile,
            demo: true,
            active: true,
          });
        }
      }
      const keyHash = sha256(this.config.demoFeedKey);
      const existing = await m.findOne(FeedSourceEntity, { where: { keyHash } });
      if (existing) return { feedSourceId: existing.id };
      const id = randomUUID();
      await m.insert(FeedSourceEntity, { id, name: 'Demo feed', force: DEMO_FORCE, keyHash, demo: true, revokedAt: null });
      return { feedSourceId: id };
    });
  }

  /** Production must never run with demo accounts or keys left in the database. */
  async assertNoDemoData(): Promise<void> {
    const rows = await this.db.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM users WHERE demo AND active) + (SELECT count(*) FROM feed_sources WHERE demo AND revoked_at IS NULL) AS n`,
    );
    if (Number(rows[0]?.n ?? 0) > 0) {
      throw new Error('NODE_ENV=production refuses to start: demo accounts or demo feed keys are present');
    }
  }
}
