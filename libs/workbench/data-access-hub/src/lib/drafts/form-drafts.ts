import {
  DestroyRef,
  effect,
  EnvironmentProviders,
  inject,
  Injectable,
  makeEnvironmentProviders,
  provideEnvironmentInitializer,
  signal,
  untracked,
  type Signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { AbstractControl } from '@angular/forms';
import { authFeature, SIGN_OUT_CLEANUP } from '@lantern/workbench/auth/data-access';
import { Store } from '@ngrx/store';
import { debounceTime, distinctUntilChanged, map, pairwise, startWith } from 'rxjs';
import { FORM_DRAFTS_DB, FormDraftStore, type FormDraftKey } from './form-draft-store';
import { IndexedDbKeyValue, MemoryKeyValue, SealedStore } from './sealed-store';

/** This browser's form drafts (IndexedDB, sealed; a Map where there is no IndexedDB: nothing then survives a reload). */
@Injectable({ providedIn: 'root' })
export class FormDrafts {
  readonly store = new FormDraftStore(
    new SealedStore(typeof indexedDB === 'undefined' ? new MemoryKeyValue() : new IndexedDbKeyValue(indexedDB, FORM_DRAFTS_DB)),
  );
}

/**
 * App-wide (app.config.ts): sign-out deletes every form draft on this device with the key that sealed them, and
 * drafts untouched for a day are deleted when the app starts.
 */
export function provideFormDrafts(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideEnvironmentInitializer(() => {
      const drafts = inject(FormDrafts);
      if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
      // Only where the database exists: a browser that never kept a draft gets none created.
      void indexedDB
        .databases()
        .then((dbs) => (dbs.some((d) => d.name === FORM_DRAFTS_DB) ? drafts.store.expire() : 0))
        .catch(() => undefined);
    }),
    {
      provide: SIGN_OUT_CLEANUP,
      multi: true,
      useFactory: () => {
        const drafts = inject(FormDrafts);
        return () => drafts.store.wipe();
      },
    },
  ]);
}

/** What a form shows and does with its kept draft (keepFormDraft). */
export interface FormDraftHandle<T> {
  /** A draft from an earlier visit, waiting for Restore or Discard (show <lantern-draft-offer>), or null. */
  readonly offer: Signal<{ savedAt: string; value: T } | null>;
  /** Puts the draft's values into the form (dirty, so the guard and the draft keep them) and keeps the draft. */
  restore(): void;
  /** Deletes the draft without restoring it. */
  discard(): void;
}

/** How long typing pauses before the draft is kept. */
export const FORM_DRAFT_DEBOUNCE_MS = 400;

/**
 * The one line a form needs to survive a reload: `readonly draft = keepFormDraft(this.form, () => ({ caseId, form: 'dash' }))`
 * in a component's constructor or field. While the form is dirty its raw value is kept (sealed, per user + case +
 * form); when the form is pristine again (saved, or reset) or the component goes away (the user left and chose
 * Discard) the draft is deleted. On the next visit a draft found is offered (`offer`), never applied unasked.
 * `key` answers null while the case is not known yet.
 */
export function keepFormDraft<T>(
  form: AbstractControl<unknown, T>,
  key: () => { caseId: string; form: string } | null,
  options: { restore?: (value: T) => void } = {},
): FormDraftHandle<T> {
  const drafts = inject(FormDrafts).store;
  const user = inject(Store).selectSignal(authFeature.selectUser);
  const offer = signal<{ savedAt: string; value: T } | null>(null);
  let current: FormDraftKey | null = null;
  // The store runs its operations one at a time in the order asked (a late save never lands after the clear that
  // followed it); a draft that cannot be kept is not an error the user can act on.
  const run = (op: () => Promise<unknown>) => op().catch(() => undefined);

  effect(() => {
    const userId = user()?.id;
    const k = key();
    untracked(() => {
      const next = userId && k?.caseId ? { userId, caseId: k.caseId, form: k.form } : null;
      if (next && current && next.userId === current.userId && next.caseId === current.caseId && next.form === current.form) return;
      current = next;
      offer.set(null);
      if (!next) return;
      void run(async () => {
        const found = await drafts.load<T>(next);
        if (found && current === next) offer.set(found);
      });
    });
  });

  form.valueChanges.pipe(debounceTime(FORM_DRAFT_DEBOUNCE_MS), takeUntilDestroyed()).subscribe(() => {
    const k = current;
    if (!k || !form.dirty) return;
    const value = form.getRawValue() as T;
    void run(() => drafts.save(k, value));
  });

  // Pristine again (saved, or reset to what is saved): nothing left to keep.
  form.events
    .pipe(
      map(() => form.dirty),
      startWith(form.dirty),
      distinctUntilChanged(),
      pairwise(),
      takeUntilDestroyed(),
    )
    .subscribe(([was, now]) => {
      const k = current;
      if (was && !now && k) void run(() => drafts.clear(k));
    });

  // Left (after "Discard unsaved changes?"): the draft goes too. A reload never gets here, so its draft stays.
  inject(DestroyRef).onDestroy(() => {
    const k = current;
    if (k && form.dirty) void run(() => drafts.clear(k));
  });

  return {
    offer,
    restore() {
      const found = offer();
      if (!found) return;
      offer.set(null);
      if (options.restore) options.restore(found.value);
      else form.patchValue(found.value);
      form.markAsDirty();
    },
    discard() {
      const k = current;
      offer.set(null);
      if (k) void run(() => drafts.clear(k));
    },
  };
}
