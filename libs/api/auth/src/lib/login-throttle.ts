import { Injectable } from '@nestjs/common';

export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

/**
 * Slows password guessing: after LOGIN_MAX_FAILURES failed sign-ins for one username from one address within
 * LOGIN_WINDOW_MS, further attempts are refused (429) until the window passes. Keyed by address and username
 * together, so nobody can lock a caseworker out from elsewhere. Per API instance.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  private key(ip: string, username: string): string {
    return `${ip}\u0000${username.toLowerCase()}`;
  }

  /** Milliseconds until another attempt is allowed; 0 when allowed now. */
  retryAfterMs(ip: string, username: string, now = Date.now()): number {
    const f = this.failures.get(this.key(ip, username));
    if (!f || now - f.since > LOGIN_WINDOW_MS) return 0;
    return f.count >= LOGIN_MAX_FAILURES ? f.since + LOGIN_WINDOW_MS - now : 0;
  }

  failed(ip: string, username: string, now = Date.now()): void {
    const key = this.key(ip, username);
    const f = this.failures.get(key);
    if (!f || now - f.since > LOGIN_WINDOW_MS) this.failures.set(key, { count: 1, since: now });
    else f.count++;
    if (this.failures.size > 10_000) {
      for (const [k, v] of this.failures) if (now - v.since > LOGIN_WINDOW_MS) this.failures.delete(k);
    }
  }

  succeeded(ip: string, username: string): void {
    this.failures.delete(this.key(ip, username));
  }
}
