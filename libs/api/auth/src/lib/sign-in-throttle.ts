import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, errorForLog, redisClientOptions, type AppConfig } from '@lantern/api/core';
import { Redis } from 'ioredis';

/**
 * Progressive delay, not lockout (NIST SP 800-63B §3.2.2 "Rate limiting (throttling)"; OWASP Authentication Cheat
 * Sheet, "Account lockout"): every sign-in attempt counts as a failure until it succeeds; past a number of free
 * failures the next attempt must wait a delay that doubles with each further failure, up to a cap. Two counters:
 *
 * - per client address (all usernames: password spraying from one place): 20 free failures, so a hub office behind
 *   one NAT address survives its typos; then 1 s, 2 s, 4 s … capped at 60 s. Everyone behind the same address (an
 *   office NAT, or every client when a reverse proxy is not listed in LANTERN_TRUSTED_PROXIES) shares this counter,
 *   so the cap is also what an attacker there can cost colleagues: a minute's wait, never a lock-out. At the cap one
 *   address gets one guess a minute across all accounts, each also held by the account counter below.
 * - per account (all addresses: a distributed guess at one account): 5 free failures, then 1 s, 2 s … capped at
 *   30 s. Anyone can push an account to its cap, so the cap is what an attacker can cost the real user: at most
 *   30 s of waiting, never a lock-out. At the cap an attacker gets 2 guesses a minute at one account, ~2,900 a day;
 *   with passwords of 15+ characters outside the breached list, and a second factor required in production (whose
 *   wrong codes count here too), that is far below what a guess needs. It is the trade 800-63B §3.2.2 allows
 *   ("increasingly long wait times") instead of a hard limit of 100 that an attacker could use to lock staff out.
 *
 * A successful sign-in clears the account's counter and takes one failure off the address's. Failures are forgotten
 * 30 minutes after the last one. With REDIS_URL the counters live in Redis, checked and counted in one Lua script,
 * so every API instance shares them and parallel attempts cannot slip between check and count; otherwise in memory.
 */
export const SIGN_IN_LIMITS = {
  address: { freeFailures: 20, capMs: 60_000 },
  account: { freeFailures: 5, capMs: 30_000 },
  baseDelayMs: 1000,
  forgetAfterMs: 30 * 60_000,
} as const;

export interface Counter {
  failures: number;
  /** When the last attempt counted. */
  last: number;
}

/** How long after `c.last` the next attempt must wait, for a counter with these limits. */
export function delayAfter(
  c: Counter | undefined,
  limits: { freeFailures: number; capMs: number },
  baseMs = SIGN_IN_LIMITS.baseDelayMs,
): number {
  if (!c || c.failures < limits.freeFailures) return 0;
  return Math.min(baseMs * 2 ** (c.failures - limits.freeFailures), limits.capMs);
}

// KEYS: address counter, account counter. ARGV: now, address free, address cap, account free, account cap, base, ttl.
// Returns the wait in ms (nothing counted), or 0 (this attempt counted on both).
const ATTEMPT_SCRIPT = `
local now = tonumber(ARGV[1])
local base = tonumber(ARGV[6])
local function wait(key, free, cap)
  local v = redis.call('HMGET', key, 'n', 'last')
  local n = tonumber(v[1]) or 0
  local last = tonumber(v[2]) or 0
  if n < free then return 0 end
  local d = math.min(base * 2 ^ (n - free), cap)
  return math.max(0, last + d - now)
end
local w = math.max(wait(KEYS[1], tonumber(ARGV[2]), tonumber(ARGV[3])), wait(KEYS[2], tonumber(ARGV[4]), tonumber(ARGV[5])))
if w > 0 then return math.ceil(w) end
for i = 1, 2 do
  redis.call('HINCRBY', KEYS[i], 'n', 1)
  redis.call('HSET', KEYS[i], 'last', ARGV[1])
  redis.call('PEXPIRE', KEYS[i], ARGV[7])
end
return 0
`;

const SUCCESS_SCRIPT = `
redis.call('DEL', KEYS[2])
local n = redis.call('HINCRBY', KEYS[1], 'n', -1)
if n <= 0 then redis.call('DEL', KEYS[1]) end
return 0
`;

@Injectable()
export class SignInThrottle implements OnModuleDestroy {
  private readonly logger = new Logger('SignInThrottle');
  private readonly memory = new Map<string, Counter>();
  private readonly redis: Redis | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // No offline queue: while Redis is away a call fails at once and sign-in falls back to memory (see shared()).
    this.redis = config.redisUrl
      ? new Redis(config.redisUrl, {
          maxRetriesPerRequest: 2,
          enableOfflineQueue: false,
          keyPrefix: 'lantern:sign-in:',
          ...redisClientOptions(config.redisTls),
        })
      : null;
    this.redis?.on('error', (err: Error) => this.logger.warn(`redis: ${errorForLog(err)}`));
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  private keys(address: string, username: string): [string, string] {
    return [`address:${address}`, `account:${username.trim().toLowerCase()}`];
  }

  /**
   * Counts one attempt for this address and account, or, when either must still wait, returns how many
   * milliseconds (and counts nothing: a refused attempt does not lengthen the delay, so waiting it out works).
   */
  async attempt(address: string, username: string, now = Date.now()): Promise<number> {
    const [addressKey, accountKey] = this.keys(address, username);
    const { address: a, account: u, baseDelayMs, forgetAfterMs } = SIGN_IN_LIMITS;
    const redis = this.redis;
    if (redis) {
      const args = [now, a.freeFailures, a.capMs, u.freeFailures, u.capMs, baseDelayMs, forgetAfterMs];
      const wait = await this.shared(() => redis.eval(ATTEMPT_SCRIPT, 2, addressKey, accountKey, ...args));
      if (wait !== null) return Number(wait);
    }
    const counters = [this.current(addressKey, now), this.current(accountKey, now)];
    const wait = Math.max(
      ...[delayAfter(counters[0], a), delayAfter(counters[1], u)].map((d, i) => (d ? Math.max(0, (counters[i]?.last ?? 0) + d - now) : 0)),
    );
    if (wait > 0) return Math.ceil(wait);
    for (const [i, key] of [addressKey, accountKey].entries())
      this.memory.set(key, { failures: (counters[i]?.failures ?? 0) + 1, last: now });
    this.sweep(now);
    return 0;
  }

  /** The credentials were right: the account's failures are cleared, the address's reduced by this attempt. */
  async succeeded(address: string, username: string): Promise<void> {
    const [addressKey, accountKey] = this.keys(address, username);
    const redis = this.redis;
    if (redis && (await this.shared(() => redis.eval(SUCCESS_SCRIPT, 2, addressKey, accountKey))) !== null) return;
    this.memory.delete(accountKey);
    const c = this.memory.get(addressKey);
    if (c && --c.failures <= 0) this.memory.delete(addressKey);
  }

  /**
   * A Redis call, or null when Redis cannot answer: sign-in then goes on with this instance's own counters (still
   * throttled, per instance) rather than failing everyone's sign-in with a 500 while Redis is away.
   */
  private async shared<T>(call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (err) {
      this.logger.warn(`redis unavailable, throttling in memory on this instance: ${errorForLog(err)}`);
      return null;
    }
  }

  private current(key: string, now: number): Counter | undefined {
    const c = this.memory.get(key);
    return c && now - c.last <= SIGN_IN_LIMITS.forgetAfterMs ? c : undefined;
  }

  private sweep(now: number): void {
    if (this.memory.size <= 10_000) return;
    for (const [k, v] of this.memory) if (now - v.last > SIGN_IN_LIMITS.forgetAfterMs) this.memory.delete(k);
  }
}
