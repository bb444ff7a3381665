import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  signal,
  untracked,
  viewChild,
  viewChildren,
  type Signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ConnectedPosition, OverlayModule } from '@angular/cdk/overlay';
import type { ListRange } from '@angular/cdk/collections';
import { CdkVirtualScrollViewport, ScrollingModule } from '@angular/cdk/scrolling';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatChipListboxChange, MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatMenuModule } from '@angular/material/menu';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTooltip, MatTooltipModule } from '@angular/material/tooltip';
import { BreakpointObserver } from '@angular/cdk/layout';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  CALLBACK_DUE_SOON_MS,
  isMissedCallback,
  isOutOfHours,
  QUEUE_COLUMNS,
  QUEUE_FIXED_COLUMNS,
  type CallbackRecord,
  type CaseCounts,
  type CaseSummary,
  type Preferences,
  type QueueColumn,
  type QueueDensity,
  unsafeRuleLabel,
} from '@lantern/shared/domain';
import { authFeature, PreferencesActions, preferencesFeature, selectCan } from '@lantern/workbench/auth/data-access';
import {
  ConfirmDialog,
  ConfirmDialogData,
  ConfirmDialogResult,
  ConnectionIndicator,
  FlagChip,
  FlagList,
  formatLondonDateTime,
  LiveText,
  LondonDateTimePipe,
  PresenceList,
  PriorityWhy,
  priorityLines,
  riskGradeLabel,
  RescheduleCallbackDialog,
  RescheduleCallbackDialogData,
  RiskGradeChip,
  TimeLeftCell,
  WaitingPipe,
} from '@lantern/workbench/ui';
import { QueueFlagsPipe } from '../queue-flags/queue-flags';
import { Store } from '@ngrx/store';
import { interval, map } from 'rxjs';
import {
  CallbackListActions,
  callbacksFeature,
  caseworkFeature,
  selectOthersByCase,
  triageConfigFeature,
} from '@lantern/workbench/case/data-access';
import { selectLiveConnection } from '@lantern/workbench/data-access-live';
import {
  AssigneeFilter,
  FILTER_GRADES,
  GradeFilter,
  filtersFromQueryParams,
  filtersToQueryParams,
  NO_FILTERS,
  QueueFilters,
  QueuePageActions,
  QueueTimerActions,
} from '@lantern/workbench/data-access-hub';
import {
  isUrgentArrival,
  QueueArrival,
  selectDisplayedRows,
  selectLastArrival,
  selectQueueCount,
  selectQueueCounts,
  selectQueueError,
  selectQueueFilters,
  selectQueueHasFilters,
  selectQueueHighlights,
  selectQueueLoading,
  selectQueueOrderChanged,
  selectQueueWindow,
} from '@lantern/workbench/queue/data-access';
import { QueueArrivals } from '../queue-arrivals/queue-arrivals';

/** Fixed row heights for the virtual viewport (comfortable, compact, and a card at narrow widths); the CSS sets the same. */
export const QUEUE_ROW_HEIGHT = 52;
export const QUEUE_ROW_HEIGHT_COMPACT = 48;
export const QUEUE_CARD_HEIGHT = 172;
/** At this width and below the rows are cards: no sideways scrolling on a phone (WCAG 1.4.10). */
export const QUEUE_NARROW_QUERY = '(max-width: 600px)';

/** The column headings, also the Columns menu's labels and the cards' field labels. */
export const QUEUE_COLUMN_LABELS: Record<QueueColumn, string> = {
  grade: 'Risk grade',
  victim: 'Victim',
  reference: 'Reference',
  assignee: 'Assignee',
  timeLeft: 'Time left',
  waiting: 'Waiting',
  flags: 'Flags',
  children: 'Children',
  area: 'Area',
  priority: 'Priority',
};
const HEADER_HEIGHT = 48;
const CLOCK_TICK_MS = 30_000;
/** Priorities and SLA clocks move with time: the rows held are re-scored this often (QueueTimerActions.refreshDue). */
export const QUEUE_REFRESH_MS = 60_000;
/** The next page is read when the rows drawn come within this many of the last row held. */
const LOAD_AHEAD_ROWS = 40;
/** Moving from a row to its "Why here?" panel crosses a gap; wait this long before hiding it. */
const WHY_HIDE_DELAY_MS = 200;

/** The "Why here?" panel sits under the row's priority cell, or above it near the bottom of the screen. */
const WHY_POSITIONS: ConnectedPosition[] = [
  {
    originX: 'end',
    originY: 'bottom',
    overlayX: 'end',
    overlayY: 'top',
    offsetY: 2,
  },
  {
    originX: 'end',
    originY: 'top',
    overlayX: 'end',
    overlayY: 'bottom',
    offsetY: -2,
  },
];

@Component({
  selector: 'lantern-queue-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ScrollingModule,
    OverlayModule,
    MatTableModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatChipsModule,
    MatFormFieldModule,
    MatSelectModule,
    MatProgressBarModule,
    MatMenuModule,
    MatSlideToggleModule,
    MatTooltipModule,
    QueueArrivals,
    LiveText,
    RouterLink,
    RiskGradeChip,
    FlagChip,
    FlagList,
    QueueFlagsPipe,
    ConnectionIndicator,
    PriorityWhy,
    PresenceList,
    TimeLeftCell,
    WaitingPipe,
    LondonDateTimePipe,
  ],
  templateUrl: './queue-page.html',
  styleUrl: './queue-page.scss',
  host: {
    '(document:keydown)': 'onDocumentKeydown($event)',
  },
})
export class QueuePage {
  private readonly store = inject(Store);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly viewport = viewChild.required(CdkVirtualScrollViewport);
  private readonly table = viewChild.required<unknown, ElementRef<HTMLElement>>('table', { read: ElementRef });

  // ---- columns and density: the user's preferences (GET/PUT /me/preferences), applied here ----
  protected readonly preferences = this.store.selectSignal(preferencesFeature.selectPreferences);
  protected readonly preferencesError = this.store.selectSignal(preferencesFeature.selectError);
  protected readonly density = computed(() => this.preferences().queue.density);
  protected readonly columns = computed(() => this.preferences().queue.columns);
  protected readonly allColumns = QUEUE_COLUMNS;
  protected readonly columnLabels = QUEUE_COLUMN_LABELS;
  /** Phone widths: each row a card (the same table, laid out by CSS; see the stylesheet). */
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe(QUEUE_NARROW_QUERY)
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );
  protected readonly rowHeight = computed(() =>
    this.narrow() ? QUEUE_CARD_HEIGHT : this.density() === 'compact' ? QUEUE_ROW_HEIGHT_COMPACT : QUEUE_ROW_HEIGHT,
  );
  /** The sticky header row's height (the cards have none). */
  private readonly headerHeight = computed(() => (this.narrow() ? 0 : HEADER_HEIGHT));
  protected readonly userId = this.store.selectSignal(authFeature.selectUserId);
  protected readonly grades = FILTER_GRADES;
  protected readonly whyPositions = WHY_POSITIONS;
  /** The overlay needs an origin even while closed. */
  protected readonly noOrigin = { x: 0, y: 0 };

  protected readonly rows = this.store.selectSignal(selectDisplayedRows);
  /**
   * The table's rows as a stream, not the signal: the table then takes each new list as it is stored (the row drawn
   * or moved at once, the viewport measuring its scroll offset while the page's layout is still clean), where each
   * new array bound in the template made it drop and take again its data source, and measure, in the middle of the
   * page's render (issue 16: a live arrival's main-thread cost).
   */
  protected readonly rows$ = this.store.select(selectDisplayedRows);
  protected readonly orderChanged = this.store.selectSignal(selectQueueOrderChanged);
  protected readonly loading = this.store.selectSignal(selectQueueLoading);
  protected readonly error = this.store.selectSignal(selectQueueError);
  protected readonly connection = this.store.selectSignal(selectLiveConnection);
  protected readonly highlights = this.store.selectSignal(selectQueueHighlights);
  protected readonly filters = this.store.selectSignal(selectQueueFilters);
  protected readonly filtered = this.store.selectSignal(selectQueueHasFilters);
  protected readonly counts = this.store.selectSignal(selectQueueCounts);
  /** How many cases the queue has (the API's count when only its first pages are held). */
  protected readonly count = this.store.selectSignal(selectQueueCount);
  protected readonly window = this.store.selectSignal(selectQueueWindow);
  /**
   * The rows in the page now: the viewport's rendered range, set a frame after it renders a new one (its rows are in
   * the DOM by then), a new value each time so what finds a row's element looks again. The viewport draws only a few
   * rows beyond those in sight, so Page Down or End lands on a row drawn only after the scroll.
   */
  private readonly drawnRange = signal<ListRange>({ start: 0, end: 0 });
  protected readonly config = this.store.selectSignal(triageConfigFeature.selectEffectiveConfig);
  /** The hub's triage rules as the API sent them (null until read). */
  private readonly hubRules = this.store.selectSignal(triageConfigFeature.selectConfig);
  /** Who else has each case open (a chip on the row). */
  protected readonly presence = this.store.selectSignal(selectOthersByCase);
  protected readonly nextCasePending = this.store.selectSignal(caseworkFeature.selectNextCasePending);
  /** Next case claims one: only for someone who works cases (an auditor or a force lead reads the queue only). */
  protected readonly worksCases = this.store.selectSignal(selectCan('case.work'));
  /** This user's call-backs of the next hours, as last read. */
  private readonly upcoming = this.store.selectSignal(callbacksFeature.selectDue);
  /** Cancelling or moving one of them from here. */
  protected readonly dueChange = this.store.selectSignal(callbacksFeature.selectCallbackChange);

  /**
   * Areas to filter by: those with open cases, plus the one in the URL even if it has none now. Only the names: the
   * list is the same while only counts change (every live arrival changes one), and each option's count is a
   * LiveText of its own (areaCount), so a new count re-renders that text, not this page and the rows it draws.
   */
  protected readonly areas = computed(
    () => {
      const names = Object.keys(this.counts()?.byArea ?? {});
      const current = this.filters().area;
      if (current && !names.includes(current)) names.push(current);
      return names.sort((a, b) => a.localeCompare(b, 'en-GB'));
    },
    { equal: (a, b) => a.length === b.length && a.every((name, i) => name === b[i]) },
  );

  /*
   * The counts the page shows, each as a signal its own LiveText reads (see LiveText: the page's template binds these
   * signals, never their values, so counts that move with every arrival do not re-render the page and its rows).
   */
  private readonly areaCounts = new Map<string, Signal<string>>();
  protected areaCount(name: string): Signal<string> {
    let count = this.areaCounts.get(name);
    if (!count) {
      count = computed(() => String(this.counts()?.byArea[name] ?? 0));
      this.areaCounts.set(name, count);
    }
    return count;
  }
  private readonly countOf = (pick: (c: CaseCounts) => number | undefined) =>
    computed(() => {
      const c = this.counts();
      const n = c ? pick(c) : undefined;
      return n === undefined ? '–' : String(n);
    });
  protected readonly gradeCounts = Object.fromEntries(FILTER_GRADES.map((g) => [g, this.countOf((c) => c.byGrade[g])])) as Record<
    GradeFilter,
    Signal<string>
  >;
  protected readonly maracCount = this.countOf((c) => c.marac);
  protected readonly breachedCount = this.countOf((c) => c.breached);
  protected readonly unassignedCount = this.countOf((c) => c.unassigned);
  protected readonly mineCount = this.countOf((c) => c.mine);
  protected readonly allAreasLabel = computed(() => {
    const total = this.counts()?.total;
    return total === undefined ? 'All areas' : `All areas (${total})`;
  });
  protected readonly countText = computed(() => String(this.count()));

  /**
   * A case that arrived live may land far below the rows in view: say so (politely, for screen readers too)
   * and offer to go to it. Never scroll the list under the user's feet.
   */
  private readonly lastArrival = this.store.selectSignal(selectLastArrival);
  private readonly seenArrival = signal<string | null>(null);
  protected readonly arrival = computed(() => {
    const arrival = this.lastArrival();
    return arrival && arrival.row.id !== this.seenArrival() && !isUrgentArrival(arrival.row) ? arrival : null;
  });
  protected readonly arrivalText = computed(() => {
    const a = this.arrival();
    if (!a) return '';
    const grade = a.row.risk.grade ? `${riskGradeLabel(a.row.risk.grade).toLowerCase()}-risk` : 'ungraded';
    return `New ${grade} case ${a.row.reference}, number ${a.index + 1} in the queue.`;
  });

  /** Ticks so "time waiting" and "time left" stay current without touching the store. */
  protected readonly now = toSignal(interval(CLOCK_TICK_MS).pipe(map(() => Date.now())), { initialValue: Date.now() });
  /** "Call-backs due": those due within 15 minutes or overdue, as the clock ticks (no request needed). */
  protected readonly due = computed(() => {
    const now = this.now();
    return this.upcoming()?.filter((c) => Date.parse(c.dueAt) <= now + CALLBACK_DUE_SOON_MS) ?? null;
  });

  protected readonly countLabel = computed(() => {
    const n = this.count();
    // While nothing is held there is no count to give: "0 cases waiting" would say the queue is empty (a first load,
    // a filter's first page, or one that failed: the error beside it says why).
    if (n === 0 && this.error()) return 'Cases not loaded';
    if (n === 0 && this.loading()) return 'Loading cases…';
    const cases = `${n} ${n === 1 ? 'case' : 'cases'}`;
    if (!this.filtered()) return `${cases} waiting`;
    const total = this.counts()?.total;
    return total === undefined ? `${cases} match the filters` : `${cases} of ${total} open match the filters`;
  });

  /** The keyboard's current row, by id so it survives live re-sorting. */
  protected readonly activeId = signal<string | null>(null);
  private readonly indexById = computed(() => new Map(this.rows().map((row, i) => [row.id, i])));
  protected readonly activeIndex = computed(() => {
    const id = this.activeId();
    return id === null ? -1 : (this.indexById().get(id) ?? -1);
  });
  protected readonly activeDomId = computed(() => {
    const id = this.activeId();
    const index = this.activeIndex();
    const { start, end } = this.drawnRange();
    // aria-activedescendant names only a row that is in the page: one not drawn yet is named once it is, a frame
    // later (a screen reader reads the row when the attribute changes, so it must not name a missing element).
    return id !== null && index >= start && index < end ? this.rowDomId(id) : null;
  });

  protected readonly trackById = (_: number, row: CaseSummary) => row.id;

  private readonly tableFocused = signal(false);
  private readonly pointerInTable = signal(false);
  /** Hold the order while the user is in the table, so rows never jump under the cursor or the keyboard. */
  private readonly holding = computed(() => this.tableFocused() || this.pointerInTable());

  /** "Why here?": the row under the pointer, else the keyboard's row while the table has focus. */
  private readonly hoveredId = signal<string | null>(null);
  private readonly pointerOnPanel = signal(false);
  private readonly whyDismissed = signal(false);
  protected readonly whyRow = computed(() => {
    const id = this.hoveredId() ?? (this.tableFocused() && !this.whyDismissed() ? this.activeId() : null);
    if (!id) return null;
    const i = this.indexById().get(id);
    return i === undefined ? null : this.rows()[i];
  });
  protected readonly whyOrigin = computed(() => {
    // Read again whenever the viewport has drawn other rows, so the panel finds its row's element.
    this.drawnRange();
    const row = this.whyRow();
    return row ? this.whyOriginElement(row.id) : null;
  });
  private hideWhyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    // The grid's row count (header included) set here, not bound in the template: the count moves with every live
    // arrival, and a binding would re-render the page and every row it draws for it (LiveText says more).
    effect(() => this.table().nativeElement.setAttribute('aria-rowcount', String(this.count() + 1)));
    // The URL holds the filters: the first value opens the page, later ones (chips, Back, a pasted link) change them.
    let opened = false;
    this.route.queryParamMap
      .pipe(
        map((params) => filtersFromQueryParams(Object.fromEntries(params.keys.map((k) => [k, params.getAll(k)] as const)))),
        takeUntilDestroyed(),
      )
      .subscribe((filters) => {
        if (!opened) {
          opened = true;
          this.store.dispatch(QueuePageActions.opened({ filters, userId: this.userId() }));
          this.rescore();
        } else {
          this.store.dispatch(QueuePageActions.filtersChanged({ filters }));
        }
      });
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const viewport = this.viewport();
      this.drawnRange.set(viewport.getRenderedRange());
      viewport.renderedRangeStream.pipe(takeUntilDestroyed(destroyRef)).subscribe((range) => {
        // After the rows for the new range are in the DOM.
        requestAnimationFrame(() => this.drawnRange.set({ ...range }));
      });
    });
    // The window grows as the user nears its last row (scrolling, End, the arrow keys); a failed read waits for Retry.
    effect(() => {
      const w = this.window();
      if (w.more && !w.loadingMore && !w.moreError && this.drawnRange().end >= w.held - LOAD_AHEAD_ROWS) {
        untracked(() => this.store.dispatch(QueuePageActions.moreRequested()));
      }
    });
    // Each minute the rows held are re-scored with the hub's rules; nothing is read again unless the queue is
    // longer than the rows held (queue.feature.ts).
    interval(QUEUE_REFRESH_MS)
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(() => this.rescore());
    destroyRef.onDestroy(() => {
      clearTimeout(this.hideWhyTimer);
      this.store.dispatch(QueuePageActions.closed());
    });

    effect(() => {
      const hold = this.holding();
      untracked(() => this.store.dispatch(hold ? QueuePageActions.orderHoldStarted() : QueuePageActions.orderHoldReleased()));
    });

    // The keyboard's row shows its whole area name when it is cut short.
    effect(() => {
      this.activeId();
      this.tableFocused();
      this.drawnRange();
      untracked(() => queueMicrotask(() => this.showActiveAreaTip()));
    });

    // Focus can reach the table before the first rows do: give it an active row as soon as there is one.
    effect(() => {
      const rows = this.rows();
      if (this.tableFocused() && rows.length && untracked(() => this.activeIndex()) < 0) {
        this.activeId.set(rows[0].id);
      }
    });
  }

  protected rowDomId(id: string): string {
    return `queue-row-${id}`;
  }

  protected whyTextId(id: string): string {
    return `queue-why-${id}`;
  }

  protected rowIndex(id: string): number {
    return this.indexById().get(id) ?? -1;
  }

  /** The factors as one sentence, for screen readers (the row's description). */
  protected whyText(row: CaseSummary): string {
    const lines = priorityLines(row.priority, row.risk.marac.reasons)
      .map((l) => `${l.label} +${l.points}`)
      .join('; ');
    return `Why here: priority ${row.priority.score}${lines ? ` from ${lines}` : ''}.`;
  }

  protected dueState(c: CallbackRecord, now: number): string {
    if (isMissedCallback(c, now)) return 'missed';
    return Date.parse(c.dueAt) <= now ? 'due now' : 'due soon';
  }

  protected dueChangeRules(): string {
    return this.dueChange()
      .rules.map((r) => (r === 'outside-staffed-hours' ? 'Outside staffed hours' : unsafeRuleLabel(r)))
      .join('; ');
  }

  protected cancelCallback(c: CallbackRecord): void {
    const data: ConfirmDialogData = {
      title: 'Cancel the call-back?',
      message: `${c.reference}: the call-back due ${formatLondonDateTime(c.dueAt)} will not be made. It stays on the case as cancelled.`,
      reasonLabel: 'Why (optional)',
      confirm: 'Cancel the call-back',
      dismiss: 'Keep it',
      danger: true,
    };
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, ConfirmDialogResult>(ConfirmDialog, { data, width: '520px' })
      .afterClosed()
      .subscribe((result) => {
        if (result) this.store.dispatch(CallbackListActions.cancelConfirmed({ callbackId: c.id, reason: result.reason }));
      });
  }

  /** The queue does not hold the victim's plan: the staffed hours are checked here, the safe times by the API. */
  protected rescheduleCallback(c: CallbackRecord): void {
    const calendar = this.config().calendar;
    const data: RescheduleCallbackDialogData = {
      reference: c.reference,
      dueAt: c.dueAt,
      problems: (due) => [
        ...(Date.parse(due) < Date.now() - 60_000 ? ['That time has passed.'] : []),
        ...(isOutOfHours(due, calendar) ? ['The hub is not staffed then.'] : []),
      ],
      note: 'The victim’s safe times are checked when you move it; the case’s Contact tab suggests times that fit them.',
    };
    this.dialog
      .open<RescheduleCallbackDialog, RescheduleCallbackDialogData, string>(RescheduleCallbackDialog, { data, width: '560px' })
      .afterClosed()
      .subscribe((dueAt) => {
        if (dueAt) this.store.dispatch(CallbackListActions.rescheduleConfirmed({ callbackId: c.id, dueAt }));
      });
  }

  // ---- columns, density and arrival alerts (saved in the user's preferences) ----

  protected isFixedColumn(column: QueueColumn): boolean {
    return QUEUE_FIXED_COLUMNS.includes(column);
  }

  protected isShown(column: QueueColumn): boolean {
    return this.columns().includes(column);
  }

  protected toggleColumn(column: QueueColumn, event: Event): void {
    // Keep the menu open: several columns are usually changed at once.
    event.stopPropagation();
    if (this.isFixedColumn(column)) return;
    const shown = this.columns();
    const next = shown.includes(column)
      ? shown.filter((c) => c !== column)
      : QUEUE_COLUMNS.filter((c) => c === column || shown.includes(c));
    this.savePreferences({ ...this.preferences(), queue: { ...this.preferences().queue, columns: next } });
  }

  protected setDensity(density: QueueDensity, event: Event): void {
    event.stopPropagation();
    if (density === this.density()) return;
    this.savePreferences({ ...this.preferences(), queue: { ...this.preferences().queue, density } });
  }

  /**
   * Sound and desktop notification for high-risk arrivals. The browser's permission is asked here, in the click that
   * turns them on, and only if it was never answered: the browser remembers the answer, so it is asked once.
   */
  protected setAlerts(alerts: boolean): void {
    if (alerts && typeof Notification !== 'undefined' && Notification.permission === 'default') {
      void Notification.requestPermission()
        .then((answer) => this.notificationsBlocked.set(answer === 'denied'))
        .catch(() => undefined);
    }
    this.savePreferences({ ...this.preferences(), arrivals: { alerts } });
  }

  protected readonly notificationsBlocked = signal(typeof Notification !== 'undefined' && Notification.permission === 'denied');

  private savePreferences(preferences: Preferences): void {
    this.store.dispatch(PreferencesActions.changed({ preferences }));
  }

  /** A reference may break only after a slash ("HC/2026/" then "400012"), never inside a number. */
  protected referenceParts(reference: string): string[] {
    return reference.split(/(?<=\/)/);
  }

  protected assigneeLabel(row: CaseSummary): string {
    if (!row.assignee) return 'Unassigned';
    return row.assignee.id === this.userId() ? 'You' : row.assignee.displayName;
  }

  // ---- long area names: clamped to two lines, the whole name in a tooltip (pointer, and the keyboard's row) ----

  private readonly areaTips = viewChildren('areaTip', { read: MatTooltip });
  private readonly areaEls = viewChildren('areaTip', { read: ElementRef });
  private shownAreaTip: MatTooltip | null = null;

  protected areaClamped(el: HTMLElement): boolean {
    return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
  }

  /** The keyboard's row gets its area's tooltip when the name is cut short (the table is one tab stop: no cell is focusable). */
  private showActiveAreaTip(): void {
    this.shownAreaTip?.hide(0);
    this.shownAreaTip = null;
    const id = this.activeId();
    if (!id || !this.tableFocused()) return;
    const els = this.areaEls();
    const i = els.findIndex((e) => (e.nativeElement as HTMLElement).closest('tr')?.id === this.rowDomId(id));
    if (i < 0 || !this.areaClamped(els[i].nativeElement as HTMLElement)) return;
    this.shownAreaTip = this.areaTips()[i] ?? null;
    this.shownAreaTip?.show(0);
  }

  protected nextCase(): void {
    this.store.dispatch(QueuePageActions.nextCaseClicked());
  }

  protected retry(): void {
    this.store.dispatch(QueuePageActions.retryClicked());
  }

  /**
   * The rows held, re-scored now with the hub's rules. Not before those rules have been read: re-scoring with the
   * built-in defaults could take a hub's own near-breach window or weights away from a row.
   */
  private rescore(): void {
    const rules = this.hubRules();
    if (rules) this.store.dispatch(QueueTimerActions.refreshDue({ at: Date.now(), rules }));
  }

  protected loadMore(): void {
    this.store.dispatch(QueuePageActions.moreRequested());
  }

  protected resort(): void {
    this.store.dispatch(QueuePageActions.resortRequested());
    const id = this.activeId();
    const index = id ? this.rowIndex(id) : -1;
    if (index >= 0) queueMicrotask(() => this.scrollIntoView(this.rowIndex(id as string)));
  }

  // ---- filters (the URL is their source; the store follows it) ----

  protected setFilters(next: QueueFilters): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filtersToQueryParams(next),
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected onGradesChange(event: MatChipListboxChange): void {
    const chosen = (event.value ?? []) as GradeFilter[];
    this.setFilters({
      ...this.filters(),
      grades: FILTER_GRADES.filter((g) => chosen.includes(g)),
    });
  }

  protected onOnlyChange(event: MatChipListboxChange): void {
    const chosen = (event.value ?? []) as string[];
    this.setFilters({
      ...this.filters(),
      marac: chosen.includes('marac'),
      breached: chosen.includes('breached'),
    });
  }

  protected onlyValue(): string[] {
    const f = this.filters();
    return [...(f.marac ? ['marac'] : []), ...(f.breached ? ['breached'] : [])];
  }

  protected onAreaChange(area: string | null): void {
    this.setFilters({ ...this.filters(), area: area || null });
  }

  protected onAssigneeChange(value: AssigneeFilter | 'all'): void {
    this.setFilters({
      ...this.filters(),
      assignee: value === 'all' ? null : value,
    });
  }

  protected clearFilters(): void {
    this.setFilters(NO_FILTERS);
  }

  protected gradeFilterLabel(grade: GradeFilter): string {
    return grade === 'ungraded' ? 'Not graded' : riskGradeLabel(grade);
  }

  // ---- "Why here?" ----

  protected onRowEnter(row: CaseSummary): void {
    clearTimeout(this.hideWhyTimer);
    this.hoveredId.set(row.id);
  }

  protected onRowLeave(): void {
    clearTimeout(this.hideWhyTimer);
    this.hideWhyTimer = setTimeout(() => {
      if (!this.pointerOnPanel()) this.hoveredId.set(null);
    }, WHY_HIDE_DELAY_MS);
  }

  protected onPanelEnter(): void {
    clearTimeout(this.hideWhyTimer);
    this.pointerOnPanel.set(true);
  }

  protected onPanelLeave(): void {
    this.pointerOnPanel.set(false);
    this.onRowLeave();
  }

  private whyOriginElement(id: string): Element | null {
    return this.table().nativeElement.querySelector(`#${CSS.escape(this.rowDomId(id))} .mat-column-priority`) ?? null;
  }

  // ---- holding the order ----

  protected onPointerEnter(): void {
    this.pointerInTable.set(true);
  }

  protected onPointerLeave(): void {
    this.pointerInTable.set(false);
  }

  protected showArrival(arrival: QueueArrival): void {
    this.seenArrival.set(arrival.row.id);
    this.activeId.set(arrival.row.id);
    const viewport = this.viewport();
    const visibleHeight = viewport.getViewportSize() - this.headerHeight();
    viewport.scrollToOffset(Math.max(0, arrival.index * this.rowHeight() - (visibleHeight - this.rowHeight()) / 2));
    this.table().nativeElement.focus({ preventScroll: true });
  }

  protected onBlur(): void {
    this.tableFocused.set(false);
  }

  protected onFocus(): void {
    this.tableFocused.set(true);
    this.whyDismissed.set(false);
    if (this.activeIndex() < 0 && this.rows().length) {
      const first = Math.floor(this.viewport().measureScrollOffset('top') / this.rowHeight());
      this.activeId.set(this.rows()[Math.min(first, this.rows().length - 1)].id);
    }
  }

  protected onRowClick(row: CaseSummary, event: MouseEvent): void {
    this.activeId.set(row.id);
    // The victim's name is a real link (new tab, copy link); let it do its own navigation.
    if ((event.target as HTMLElement | null)?.closest('a')) return;
    void this.router.navigate(['/cases', row.id]);
  }

  /** R re-sorts while the pointer holds the order (the table's own handler covers keyboard focus). */
  protected onDocumentKeydown(event: KeyboardEvent): void {
    if (!this.pointerInTable() || this.tableFocused()) return;
    if (!isResortKey(event)) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable], mat-select')) return;
    event.preventDefault();
    this.resort();
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (isResortKey(event)) {
      event.preventDefault();
      this.resort();
      return;
    }
    if (event.key === 'Escape' && this.whyRow()) {
      event.preventDefault();
      this.whyDismissed.set(true);
      this.hoveredId.set(null);
      return;
    }
    const rows = this.rows();
    if (!rows.length) return;
    const current = this.activeIndex();
    const page = Math.max(1, Math.floor((this.viewport().getViewportSize() - this.headerHeight()) / this.rowHeight()) - 1);
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = current < 0 ? 0 : Math.min(current + 1, rows.length - 1);
        break;
      case 'ArrowUp':
        next = current < 0 ? 0 : Math.max(current - 1, 0);
        break;
      case 'PageDown':
        next = Math.min(Math.max(current, 0) + page, rows.length - 1);
        break;
      case 'PageUp':
        next = Math.max(current - page, 0);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = rows.length - 1;
        break;
      case 'Enter':
        if (current >= 0) {
          event.preventDefault();
          void this.router.navigate(['/cases', rows[current].id]);
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    // The keyboard's row is the one to explain now, not the one the pointer last rested on.
    this.hoveredId.set(null);
    this.whyDismissed.set(false);
    this.activeId.set(rows[next].id);
    this.scrollIntoView(next);
  }

  /** Bring row `index` fully into view below the sticky header, scrolling as little as possible. */
  private scrollIntoView(index: number): void {
    if (index < 0) return;
    const viewport = this.viewport();
    const rowHeight = this.rowHeight();
    const rowTop = index * rowHeight;
    const visibleHeight = viewport.getViewportSize() - this.headerHeight();
    const scrollTop = viewport.measureScrollOffset('top');
    if (rowTop < scrollTop) {
      viewport.scrollToOffset(rowTop);
    } else if (rowTop + rowHeight > scrollTop + visibleHeight) {
      viewport.scrollToOffset(rowTop + rowHeight - visibleHeight);
    }
  }
}

function isResortKey(event: KeyboardEvent): boolean {
  return (event.key === 'r' || event.key === 'R') && !event.ctrlKey && !event.metaKey && !event.altKey;
}
