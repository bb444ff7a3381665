import type { SealedStore } from './sealed-store';

/**
 * Drafts of workbench forms kept on this device across a reload (a half-done DASH, a case note): sealed like the
 * officer app's drafts (sealed-store.ts), one record per user + case + form, cleared when the form is saved or
 * left, on sign-out (the whole database), and after FORM_DRAFT_EXPIRES_AFTER_MS untouched. Pure, so unit-tested
 * on a Map; FormDrafts (form-drafts.ts) puts it on IndexedDB.
 */
export const FORM_DRAFTS_DB = 'lantern-drafts';
/** A draft nobody touched for a day is not offered, and is deleted (like the officer app's). */
export const FORM_DRAFT_EXPIRES_AFTER_MS = 24 * 60 * 60 * 1000;

export interface FormDraftKey {
  userId: string;
  caseId: string;
  /** Which form on the case, e.g. 'dash', 'note'. */
  form: string;
}

export interface FormDraft<T = unknown> {
  /** When it was last kept (RFC 3339). */
  savedAt: string;
  value: T;
}

const SAFE = /^[A-Za-z0-9_.:-]{1,100}$/;

export function formDraftName(key: FormDraftKey): string {
  for (const part of [key.userId, key.caseId, key.form])
    if (!SAFE.test(part)) throw new Error('A draft key part must be a plain identifier.');
  return `form/${key.userId}/${key.caseId}/${key.form}`;
}

export class FormDraftStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly sealed: SealedStore) {}

  /**
   * One operation at a time, in the order asked, for every form on the page: the draft a form clears as the user
   * leaves it (Discard) is gone before the form they come back to looks for it, however slow the device.
   */
  private serial<R>(op: () => Promise<R>): Promise<R> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  save<T>(key: FormDraftKey, value: T, now = new Date()): Promise<void> {
    return this.serial(() => this.sealed.put(formDraftName(key), { savedAt: now.toISOString(), value } satisfies FormDraft<T>));
  }

  /** The draft, unless there is none, it cannot be opened, or it has expired (then it is deleted). */
  load<T>(key: FormDraftKey, now = new Date()): Promise<FormDraft<T> | undefined> {
    return this.serial(() => this.loadNow<T>(key, now));
  }

  private async loadNow<T>(key: FormDraftKey, now: Date): Promise<FormDraft<T> | undefined> {
    const name = formDraftName(key);
    const draft = await this.sealed.get<FormDraft<T>>(name);
    if (!draft) return undefined;
    if (isExpired(draft, now)) {
      await this.sealed.delete(name);
      return undefined;
    }
    return draft;
  }

  clear(key: FormDraftKey): Promise<void> {
    return this.serial(() => this.sealed.delete(formDraftName(key)));
  }

  /** Deletes every expired draft on this device (any user's); answers how many. */
  expire(now = new Date()): Promise<number> {
    return this.serial(() => this.expireNow(now));
  }

  private async expireNow(now: Date): Promise<number> {
    let deleted = 0;
    for (const name of await this.sealed.names('form/')) {
      const draft = await this.sealed.get<FormDraft>(name);
      if (draft && !isExpired(draft, now)) continue;
      await this.sealed.delete(name);
      deleted++;
    }
    return deleted;
  }

  /** Sign-out: every draft and the key that sealed them. */
  wipe(): Promise<void> {
    return this.serial(() => this.sealed.destroy());
  }
}

function isExpired(draft: FormDraft, now: Date): boolean {
  const at = Date.parse(draft.savedAt);
  return !Number.isFinite(at) || now.getTime() - at > FORM_DRAFT_EXPIRES_AFTER_MS;
}
