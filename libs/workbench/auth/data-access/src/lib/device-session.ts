import { Injectable, InjectionToken } from '@angular/core';
import type { CurrentUser } from '@lantern/shared/domain';
import { homeFor } from './auth.guard';
import { OFFICER_HOME } from './return-url';

/**
 * Work to finish before this browser is signed out (Sign out pressed): each function is awaited, at most
 * SIGN_OUT_CLEANUP_TIMEOUT_MS in all, before the page reloads at /sign-in. The officer app wipes the drafts and
 * waiting reports it keeps on the device (provideOfficerDevice). Not run when a session merely expires: the officer
 * signs in again and finds the draft.
 */
export const SIGN_OUT_CLEANUP = new InjectionToken<ReadonlyArray<() => Promise<void>>>('SIGN_OUT_CLEANUP');
export const SIGN_OUT_CLEANUP_TIMEOUT_MS = 3_000;

/** localStorage key of the officer whose session this device last confirmed. */
export const DEVICE_SESSION_KEY = 'lantern.officer-session';
/** How long after the last confirmation the officer app still opens offline: the default session lifetime. */
export const DEVICE_SESSION_MAX_MS = 12 * 60 * 60_000;

interface RememberedSession {
  user: CurrentUser;
  at: string;
}

/**
 * The officer app opens offline (no signal at the scene) for the officer whose session this device last confirmed
 * with the API, within DEVICE_SESSION_MAX_MS. Only officers (whose home is the officer app), never hub staff or
 * partners: their pages need the API anyway. What is remembered is the officer's own profile (name, force, collar
 * number, team; no victim data). It is forgotten on sign-out, when the session expires, and when the API says 401.
 * Fail-safe: nothing is sent on the strength of it — the API checks the session cookie on every request, and a
 * 401 then asks the officer to sign in again.
 */
@Injectable({ providedIn: 'root' })
export class DeviceSession {
  private get storage(): Storage | null {
    try {
      return typeof localStorage === 'undefined' ? null : localStorage;
    } catch {
      return null;
    }
  }

  remember(user: CurrentUser, now = new Date()): void {
    if (homeFor(user.roles) !== OFFICER_HOME) return this.forget();
    const { id, username, displayName, roles, force, collarNumber, team } = user;
    const value: RememberedSession = { user: { id, username, displayName, roles, force, collarNumber, team }, at: now.toISOString() };
    this.storage?.setItem(DEVICE_SESSION_KEY, JSON.stringify(value));
  }

  recall(now = new Date()): CurrentUser | null {
    try {
      const raw = this.storage?.getItem(DEVICE_SESSION_KEY);
      if (!raw) return null;
      const { user, at } = JSON.parse(raw) as RememberedSession;
      const age = now.getTime() - new Date(at).getTime();
      if (!(age >= 0 && age <= DEVICE_SESSION_MAX_MS) || homeFor(user?.roles) !== OFFICER_HOME) return null;
      return user;
    } catch {
      return null;
    }
  }

  forget(): void {
    this.storage?.removeItem(DEVICE_SESSION_KEY);
  }
}
