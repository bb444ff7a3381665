import { Injectable } from '@angular/core';
import type { OfficerDraft, OfficerReport } from './officer-draft';
import { IndexedDbKeyValue, MemoryKeyValue, SealedStore } from '@lantern/workbench/data-access-hub';

/** The officer app's IndexedDB database (sealed-store.ts in data-access-hub). */
export const OFFICER_DEVICE_DB = 'lantern-officer';

/** A prepared report waiting for a signal (or for the hub to answer), sealed like the draft. */
export interface PendingReport {
  reference: string;
  queuedAt: string;
  report: OfficerReport;
}

/** A draft nobody has touched for this long is deleted when the app starts (never a submitted one). */
export const DRAFT_EXPIRES_AFTER_MS = 24 * 60 * 60 * 1000;
/** A submitted report still not received after this long is kept, with a warning to call the hub. */
export const PENDING_WARNING_AFTER_MS = 24 * 60 * 60 * 1000;

/** The references submitted on this phone that have waited longer than PENDING_WARNING_AFTER_MS (oldest first). */
export function overdueReferences(pending: readonly string[], queuedAt: Readonly<Record<string, string>>, now: number): string[] {
  return pending.filter((r) => {
    const at = Date.parse(queuedAt[r] ?? '');
    return Number.isFinite(at) && now - at > PENDING_WARNING_AFTER_MS;
  });
}

/**
 * The officer's things on this phone, per signed-in user: their draft (`draft/<userId>`) and the reports they
 * submitted that have not yet been received by the hub (`outbox/<userId>/<reference>`). Another user signing in on
 * the same phone never sees them; sign-out wipes them all (provideOfficerDevice registers that with auth), and a
 * draft left untouched for a day is deleted when the app next starts (expireDrafts).
 */
@Injectable({ providedIn: 'root' })
export class OfficerDevice {
  readonly store = new SealedStore(
    typeof indexedDB === 'undefined' ? new MemoryKeyValue() : new IndexedDbKeyValue(indexedDB, OFFICER_DEVICE_DB),
  );
  private expiring: Promise<number> | null = null;

  draft(userId: string): Promise<OfficerDraft | undefined> {
    return this.store.get<OfficerDraft>(`draft/${userId}`);
  }

  /** Keeps the draft, stamped with when (`savedAt`): what its expiry counts from. */
  saveDraft(userId: string, draft: OfficerDraft, now = new Date()): Promise<void> {
    return this.store.put(`draft/${userId}`, { ...draft, savedAt: now.toISOString() } satisfies OfficerDraft);
  }

  clearDraft(userId: string): Promise<void> {
    return this.store.delete(`draft/${userId}`);
  }

  queue(userId: string, pending: PendingReport): Promise<void> {
    return this.store.put(`outbox/${userId}/${pending.reference}`, pending);
  }

  async pending(userId: string): Promise<PendingReport[]> {
    const names = await this.store.names(`outbox/${userId}/`);
    const all = await Promise.all(names.map((n) => this.store.get<PendingReport>(n)));
    return all.filter((p): p is PendingReport => !!p).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  }

  /** How many reports of other users (an officer signed in on this phone before) still wait here: a sign-out wipes them too. */
  async othersWaiting(userId: string): Promise<number> {
    return (await this.store.names('outbox/')).filter((n) => !n.startsWith(`outbox/${userId}/`)).length;
  }

  /**
   * What a sign-out on this device would delete before the hub received it, whoever signs out (the wipe is for every
   * sign-out): the user's own waiting references and how many other users left. A browser that never had the officer
   * database has none (and gets none created). Throws when the store cannot be read: the caller asks anyway.
   */
  async waitingAtSignOut(userId: string): Promise<{ mine: string[]; others: number }> {
    if (typeof indexedDB !== 'undefined' && typeof indexedDB.databases === 'function') {
      const names = (await indexedDB.databases()).map((d) => d.name);
      if (!names.includes(OFFICER_DEVICE_DB)) return { mine: [], others: 0 };
    }
    const [mine, others] = await Promise.all([this.pending(userId), this.othersWaiting(userId)]);
    return { mine: mine.map((p) => p.reference), others };
  }

  unqueue(userId: string, reference: string): Promise<void> {
    return this.store.delete(`outbox/${userId}/${reference}`);
  }

  /**
   * Deletes every user's draft on this phone last saved more than DRAFT_EXPIRES_AFTER_MS before `now` (a draft with
   * no readable time counts as expired). A draft that was submitted and still waits in the outbox is a queued
   * submission, not a draft: it is kept, whatever its age. Answers how many were deleted. One run at a time: a call
   * while one runs shares it (app start and the form opening at once).
   */
  expireDrafts(now = new Date()): Promise<number> {
    this.expiring ??= (async () => {
      let deleted = 0;
      for (const name of await this.store.names('draft/')) {
        const draft = await this.store.get<OfficerDraft>(name);
        if (!draft) continue;
        const touched = Date.parse(draft.savedAt ?? draft.startedAt);
        if (Number.isFinite(touched) && now.getTime() - touched <= DRAFT_EXPIRES_AFTER_MS) continue;
        const userId = name.slice('draft/'.length);
        if ((await this.store.names(`outbox/${userId}/`)).includes(`outbox/${userId}/${draft.reference}`)) continue;
        await this.store.delete(name);
        deleted++;
      }
      return deleted;
    })().finally(() => (this.expiring = null));
    return this.expiring;
  }

  /**
   * App start: expireDrafts, if this browser has the officer database at all (a hub desktop that never opened the
   * officer app gets none created). Without `indexedDB.databases()` it waits for the form to open, which runs it.
   */
  async expireDraftsAtStart(now = new Date()): Promise<number> {
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return 0;
    const names = (await indexedDB.databases()).map((d) => d.name);
    return names.includes(OFFICER_DEVICE_DB) ? this.expireDrafts(now) : 0;
  }

  /** Sign-out: every draft and waiting report on this phone, and the key that sealed them. */
  wipe(): Promise<void> {
    return this.store.destroy();
  }
}
