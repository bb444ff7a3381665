import { computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { editorsBySection, selectOthersByCase } from '@lantern/workbench/case/data-access';
import { CasePageActions } from '@lantern/workbench/data-access-hub';
import { UnsavedChanges } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { interval, map } from 'rxjs';

/** The case page's tabs, in order (1–9 on the keyboard), by their key in the URL (?tab=contact). */
export const CASE_TABS = [
  { key: 'summary', label: 'Summary' },
  { key: 'risk', label: 'Risk' },
  { key: 'contact', label: 'Contact' },
  { key: 'safe-contact', label: 'Safe contact' },
  { key: 'report', label: 'Report' },
  { key: 'history', label: 'History' },
  { key: 'support', label: 'Needs & safety plan' },
  { key: 'referrals', label: 'Referrals' },
  { key: 'notes', label: 'Notes' },
] as const;
export type CaseTabKey = (typeof CASE_TABS)[number]['key'];

/** The tab a `?tab=` value names; anything else is the summary. */
export function tabIndex(key: string | null | undefined): number {
  const i = CASE_TABS.findIndex((t) => t.key === key);
  return i < 0 ? 0 : i;
}

/** "Now" for times shown as relative (waiting, next safe time): ticks every 30 seconds. */
export function nowSignal() {
  return toSignal(interval(30_000).pipe(map(() => Date.now())), { initialValue: Date.now() });
}

/**
 * What only the page knows and every tab needs: which case is open, moving to another tab, and which sections this
 * user is editing (sent as presence). Provided by the case page, so each tab container injects it instead of the
 * page relaying inputs and outputs. Case state itself is never here: each tab selects it from the store.
 */
@Injectable()
export class CasePageContext {
  private readonly store = inject(Store);
  private readonly router = inject(Router);
  private readonly unsaved = inject(UnsavedChanges);

  /** The open case (the `:id` route parameter), set by the page. */
  readonly caseId = signal<string>('');

  /** Everyone else with this case open, and what they are editing. */
  private readonly othersByCase = this.store.selectSignal(selectOthersByCase);
  readonly others = computed(() => this.othersByCase()[this.caseId()] ?? []);
  readonly editors = computed(() => editorsBySection(this.others()));

  /** Sections this user is editing now (the latest one is what presence says). */
  private readonly editingSections = signal<string[]>([]);

  constructor() {
    // Presence: which section this user is editing (the most recent still open), or none.
    let sent: string | null = null;
    effect(() => {
      const sections = this.editingSections();
      const section = sections[sections.length - 1] ?? null;
      if (section === sent) return;
      sent = section;
      untracked(() => this.store.dispatch(CasePageActions.sectionEditingChanged({ caseId: this.caseId(), section })));
    });
  }

  editorsOf(section: string): string[] {
    return this.editors()[section] ?? [];
  }

  setEditing(section: string, editing: boolean): void {
    this.editingSections.update((list) => {
      const rest = list.filter((s) => s !== section);
      return editing ? [...rest, section] : rest;
    });
  }

  /** Another case opened in the same page: nothing is being edited on it yet. */
  resetEditing(): void {
    this.editingSections.set([]);
  }

  /**
   * Another tab, asked for from inside one (the Contact tab's "Review the plan"): once any unsaved work is kept or
   * discarded, as the tabs themselves ask. Left without asking, the attempt form's draft stayed armed, and the next
   * tab change asked to discard it even while going back to it.
   */
  async requestTab(key: CaseTabKey): Promise<void> {
    if (await this.unsaved.confirmDiscard()) this.showTab(key);
  }

  showTab(key: CaseTabKey): void {
    void this.router.navigate([], {
      queryParams: { tab: key === 'summary' ? null : key },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }
}
