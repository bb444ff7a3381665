import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  CdkVirtualScrollViewport,
  ScrollingModule,
} from '@angular/cdk/scrolling';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { CaseSummary } from '@lantern/shared/domain';
import {
  QueueArrival,
  QueuePageActions,
  selectLastArrival,
  selectQueueConnection,
  selectQueueError,
  selectQueueHighlights,
  selectQueueLoading,
  selectQueueRows,
} from '@lantern/workbench/data-access-queue';
import {
  ConnectionIndicator,
  FlagChip,
  LondonDateTimePipe,
  riskGradeLabel,
  RiskGradeChip,
  WaitingPipe,
} from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { interval, map } from 'rxjs';

/** Fixed row height for the virtual viewport; the CSS sets the same. */
export const QUEUE_ROW_HEIGHT = 52;
const HEADER_HEIGHT = 48;
const WAITING_TICK_MS = 30_000;

@Component({
  selector: 'lantern-queue-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ScrollingModule,
    MatTableModule,
    MatButtonModule,
    MatProgressBarModule,
    RouterLink,
    RiskGradeChip,
    FlagChip,
    ConnectionIndicator,
    WaitingPipe,
    LondonDateTimePipe,
  ],
  templateUrl: './queue-page.html',
  styleUrl: './queue-page.scss',
})
export class QueuePage {
  private readonly store = inject(Store);
  private readonly router = inject(Router);
  private readonly viewport = viewChild.required(CdkVirtualScrollViewport);
  private readonly table = viewChild.required<unknown, ElementRef<HTMLElement>>(
    'table',
    { read: ElementRef },
  );

  protected readonly rowHeight = QUEUE_ROW_HEIGHT;
  protected readonly columns = [
    'grade',
    'victim',
    'area',
    'waiting',
    'children',
    'repeat',
    'reference',
  ];

  protected readonly rows = this.store.selectSignal(selectQueueRows);
  protected readonly loading = this.store.selectSignal(selectQueueLoading);
  protected readonly error = this.store.selectSignal(selectQueueError);
  protected readonly connection = this.store.selectSignal(
    selectQueueConnection,
  );
  protected readonly highlights = this.store.selectSignal(
    selectQueueHighlights,
  );

  /**
   * A case that arrived live may land far below the rows in view: say so (politely, for screen readers too)
   * and offer to go to it. Never scroll the list under the user's feet.
   */
  private readonly lastArrival = this.store.selectSignal(selectLastArrival);
  private readonly seenArrival = signal<string | null>(null);
  protected readonly arrival = computed(() => {
    const arrival = this.lastArrival();
    return arrival && arrival.row.id !== this.seenArrival() ? arrival : null;
  });
  protected readonly arrivalText = computed(() => {
    const a = this.arrival();
    if (!a) return '';
    const grade = a.row.risk.grade
      ? `${riskGradeLabel(a.row.risk.grade).toLowerCase()}-risk`
      : 'ungraded';
    return `New ${grade} case ${a.row.reference}, number ${a.index + 1} in the queue.`;
  });

  /** Ticks every 30 s so "time waiting" stays current without touching the store. */
  protected readonly now = toSignal(
    interval(WAITING_TICK_MS).pipe(map(() => Date.now())),
    {
      initialValue: Date.now(),
    },
  );

  protected readonly countLabel = computed(() => {
    const n = this.rows().length;
    return `${n} ${n === 1 ? 'case' : 'cases'} waiting`;
  });

  /** The keyboard's current row, by id so it survives live re-sorting. */
  protected readonly activeId = signal<string | null>(null);
  private readonly indexById = computed(
    () => new Map(this.rows().map((row, i) => [row.id, i])),
  );
  protected readonly activeIndex = computed(() => {
    const id = this.activeId();
    return id === null ? -1 : (this.indexById().get(id) ?? -1);
  });
  protected readonly activeDomId = computed(() => {
    const id = this.activeId();
    return id !== null && this.activeIndex() >= 0 ? this.rowDomId(id) : null;
  });

  protected readonly trackById = (_: number, row: CaseSummary) => row.id;

  private readonly tableFocused = signal(false);

  constructor() {
    this.store.dispatch(QueuePageActions.opened());
    // Focus can reach the table before the first rows do: give it an active row as soon as there is one.
    effect(() => {
      const rows = this.rows();
      if (
        this.tableFocused() &&
        rows.length &&
        untracked(() => this.activeIndex()) < 0
      ) {
        this.activeId.set(rows[0].id);
      }
    });
  }

  protected rowDomId(id: string): string {
    return `queue-row-${id}`;
  }

  protected rowIndex(id: string): number {
    return this.indexById().get(id) ?? -1;
  }

  protected retry(): void {
    this.store.dispatch(QueuePageActions.retryClicked());
  }

  protected showArrival(arrival: QueueArrival): void {
    this.seenArrival.set(arrival.row.id);
    this.activeId.set(arrival.row.id);
    const viewport = this.viewport();
    const visibleHeight = viewport.getViewportSize() - HEADER_HEIGHT;
    viewport.scrollToOffset(
      Math.max(
        0,
        arrival.index * QUEUE_ROW_HEIGHT -
          (visibleHeight - QUEUE_ROW_HEIGHT) / 2,
      ),
    );
    this.table().nativeElement.focus({ preventScroll: true });
  }

  protected onBlur(): void {
    this.tableFocused.set(false);
  }

  protected onFocus(): void {
    this.tableFocused.set(true);
    if (this.activeIndex() < 0 && this.rows().length) {
      const first = Math.floor(
        this.viewport().measureScrollOffset('top') / QUEUE_ROW_HEIGHT,
      );
      this.activeId.set(
        this.rows()[Math.min(first, this.rows().length - 1)].id,
      );
    }
  }

  protected onRowClick(row: CaseSummary, event: MouseEvent): void {
    this.activeId.set(row.id);
    // The victim's name is a real link (new tab, copy link); let it do its own navigation.
    if ((event.target as HTMLElement | null)?.closest('a')) return;
    void this.router.navigate(['/cases', row.id]);
  }

  protected onKeydown(event: KeyboardEvent): void {
    const rows = this.rows();
    if (!rows.length) return;
    const current = this.activeIndex();
    const page = Math.max(
      1,
      Math.floor(
        (this.viewport().getViewportSize() - HEADER_HEIGHT) / QUEUE_ROW_HEIGHT,
      ) - 1,
    );
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
    this.activeId.set(rows[next].id);
    this.scrollIntoView(next);
  }

  /** Bring row `index` fully into view below the sticky header, scrolling as little as possible. */
  private scrollIntoView(index: number): void {
    const viewport = this.viewport();
    const rowTop = index * QUEUE_ROW_HEIGHT;
    const visibleHeight = viewport.getViewportSize() - HEADER_HEIGHT;
    const scrollTop = viewport.measureScrollOffset('top');
    if (rowTop < scrollTop) {
      viewport.scrollToOffset(rowTop);
    } else if (rowTop + QUEUE_ROW_HEIGHT > scrollTop + visibleHeight) {
      viewport.scrollToOffset(rowTop + QUEUE_ROW_HEIGHT - visibleHeight);
    }
  }
}
