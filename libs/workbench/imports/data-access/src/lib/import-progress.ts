import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { LiveActions, LiveSocketActions } from '@lantern/workbench/data-access-live';
import type { ImportSummary } from '@lantern/shared/domain';
import { Actions, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { Subscription, interval, startWith, switchMap } from 'rxjs';
import { ImportsApiService } from './imports-api.service';

const POLL_MS = 1000;

/**
 * The import being watched on the imports page: the socket's `import.progress` events (LiveSocketActions) and a
 * GET every second as the fallback (a lost socket, another instance), whichever is further along. Page-scoped:
 * one page reads it, so it is a small signal store rather than a root NgRx feature (as the outcomes page does).
 */
@Injectable()
export class ImportProgressStore {
  private readonly api = inject(ImportsApiService);
  private readonly destroyRef = inject(DestroyRef);
  private poll: Subscription | null = null;
  readonly current = signal<ImportSummary | null>(null);
  readonly percent = computed(() => {
    const c = this.current();
    if (!c) return 0;
    if (c.status === 'done') return 100;
    return c.total ? Math.min(100, Math.floor((c.done / c.total) * 100)) : 0;
  });
  readonly finished = computed(() => {
    const s = this.current()?.status;
    return s === 'done' || s === 'failed' || s === 'interrupted';
  });

  constructor() {
    inject(Store).dispatch(LiveActions.connectRequested());
    inject(Actions)
      .pipe(ofType(LiveSocketActions.importProgress), takeUntilDestroyed())
      .subscribe(({ event }) => this.take(event));
  }

  /** Watch an import (just started, or opened from the list). */
  watch(summary: ImportSummary): void {
    this.current.set(summary);
    this.poll?.unsubscribe();
    this.poll = interval(POLL_MS)
      .pipe(
        startWith(0),
        switchMap(() => this.api.get(summary.id)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({ next: (s) => this.take(s, true), error: () => undefined });
  }

  clear(): void {
    this.poll?.unsubscribe();
    this.current.set(null);
  }

  private take(next: ImportSummary, full = false): void {
    const cur = this.current();
    if (!cur || cur.id !== next.id) return;
    const further = next.done > cur.done || next.status !== cur.status || full;
    if (further)
      this.current.set(
        full || next.status !== 'done'
          ? next
          : { ...cur, ...next, errors: cur.errors.length > next.errors.length ? cur.errors : next.errors },
      );
    if (full && this.finished()) this.poll?.unsubscribe();
  }
}
