import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@lantern/api/core';

/** A bucket's refill rate (tokens per second) and size. */
export interface RateLimit {
  ratePerSecond: number;
  burst: number;
}

/**
 * A token bucket per key (per API instance): a feed source's id at the feed's limit (LANTERN_INTAKE_RATE/BURST), or
 * another channel's key with its own `limit` (the officer app: `officer:<user id>`). Returns 0 when a request may
 * proceed, otherwise the milliseconds until the next token.
 */
@Injectable()
export class IntakeRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Takes `count` tokens at once (a batch of reports counts each report), or none. */
  take(key: string, now = Date.now(), limit?: RateLimit, count = 1): number {
    const rate = limit?.ratePerSecond ?? this.config.intakeRatePerSecond;
    const burst = limit?.burst ?? this.config.intakeBurst;
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= count) {
      b.tokens -= count;
      return 0;
    }
    return Math.max(1, Math.ceil(((count - b.tokens) / rate) * 1000));
  }

  /** Gives back tokens taken for a request that was then refused (a batch's first, taken by the guard). */
  refund(key: string, count = 1, limit?: RateLimit): void {
    const b = this.buckets.get(key);
    if (b) b.tokens = Math.min(limit?.burst ?? this.config.intakeBurst, b.tokens + count);
  }

  /** The most tokens one request may take for a feed (its bucket's size): a larger batch could never pass. */
  burstOf(limit?: RateLimit): number {
    return limit?.burst ?? this.config.intakeBurst;
  }
}
