import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, OnDestroy, OnInit, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule, MatMenuTrigger } from '@angular/material/menu';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { AGE_BUCKETS, type BalanceSuggestion, type RiskGrade, type WorkloadRow } from '@lantern/shared/domain';
import { RiskGradeChip, UndoSnackBar } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { RotaDialog, type RotaDialogData } from '../rota-dialog/rota-dialog';
import {
  AVAILABILITY_LABELS,
  GRADE_LABELS,
  loadBar,
  reassignTargets,
  unassignedGrid,
  WorkloadPageActions,
  workloadFeature,
  type ReassignTarget,
} from '@lantern/workbench/team/data-access';

/** A case the board can move: from the unassigned queue or someone's expanded list. */
export interface BoardCase {
  caseId: string;
  reference: string;
  grade: RiskGrade | null;
  version: number;
  assigneeId: string | null;
  slaState: 'ok' | 'near' | 'breached';
  /** Unassigned cases: how long they have waited (an age bucket). */
  age: string | null;
}

/** Team leads: who is at work and how loaded, the unassigned queue, and a suggested balance. Live. */
@Component({
  selector: 'lantern-workload-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatMenuModule, CdkDropListGroup, CdkDropList, CdkDrag, RiskGradeChip],
  templateUrl: './workload-page.html',
  styleUrl: './workload-page.scss',
})
export class WorkloadPage implements OnInit, OnDestroy {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly status = this.store.selectSignal(workloadFeature.selectStatus);
  protected readonly error = this.store.selectSignal(workloadFeature.selectError);
  protected readonly rows = this.store.selectSignal(workloadFeature.selectRows);
  protected readonly unassigned = this.store.selectSignal(workloadFeature.selectUnassigned);
  protected readonly suggestions = this.store.selectSignal(workloadFeature.selectSuggestions);
  private readonly expanded = this.store.selectSignal(workloadFeature.selectExpanded);
  private readonly personCases = this.store.selectSignal(workloadFeature.selectPersonCases);
  private readonly pending = this.store.selectSignal(workloadFeature.selectPending);
  protected readonly acceptingAll = this.store.selectSignal(workloadFeature.selectAcceptingAll);
  private readonly announcement = this.store.selectSignal(workloadFeature.selectAnnouncement);

  protected readonly ages = AGE_BUCKETS;
  protected readonly grid = computed(() => unassignedGrid(this.unassigned()));
  protected readonly availabilityLabels = AVAILABILITY_LABELS;
  protected readonly slaLabels = { ok: 'SLA on track', near: 'Near SLA breach', breached: 'SLA breached' } as const;
  /** Shown beside a case (the spoken label says "SLA" in full). */
  protected readonly slaShort = { ok: 'On track', near: 'Near breach', breached: 'Breached' } as const;
  protected readonly cap = computed(() => this.suggestions()?.cap ?? this.rows()[0]?.cap ?? null);
  protected readonly names = computed(() => new Map(this.rows().map((r) => [r.userId, r.displayName])));
  protected readonly unassignedCases = computed<BoardCase[]>(() =>
    (this.unassigned()?.cases ?? []).map((c) => ({
      caseId: c.caseId,
      reference: c.reference,
      grade: c.grade,
      version: c.version,
      assigneeId: null,
      slaState: c.slaState,
      age: c.age,
    })),
  );
  /** Where keyboard focus goes once the "Reassign to…" menu has closed. */
  private focusAfterMenu: string | null = null;

  constructor() {
    const snackBar = inject(MatSnackBar);
    const undoSnackBar = inject(UndoSnackBar);
    effect(() => {
      const a = this.announcement();
      if (!a) return;
      const undo = a.undo;
      untracked(() =>
        undo
          ? // "HC/… given to Sam Carter — Undo": back to whoever had it (or the queue), itself an audited assignment.
            undoSnackBar.open(a.text, () => this.store.dispatch(WorkloadPageActions.undoClicked({ request: undo })))
          : snackBar.open(a.text, 'Dismiss', { duration: 6000 }),
      );
    });
  }

  ngOnInit(): void {
    this.store.dispatch(WorkloadPageActions.opened());
  }

  ngOnDestroy(): void {
    this.store.dispatch(WorkloadPageActions.closed());
  }

  protected bar(row: WorkloadRow) {
    return loadBar(row.weightedLoad, row.cap);
  }

  protected isExpanded(userId: string): boolean {
    return this.expanded().includes(userId);
  }

  protected casesOf(userId: string): BoardCase[] | null {
    const cases = this.personCases()[userId];
    return cases
      ? cases.map((c) => ({
          caseId: c.id,
          reference: c.reference,
          grade: c.risk.grade,
          version: c.version,
          assigneeId: userId,
          slaState: c.sla.state,
          age: null,
        }))
      : null;
  }

  /** What a screen reader hears on a focused case. */
  protected caseLabel(c: BoardCase): string {
    const grade = c.grade ? `${GRADE_LABELS[c.grade]} risk` : 'not graded';
    const age = c.age ? `, waiting ${c.age}` : '';
    return `${c.reference}, ${grade}${age}, ${this.slaLabels[c.slaState]}. Press R to reassign.`;
  }

  protected isPending(caseId: string): boolean {
    return this.pending().includes(caseId);
  }

  protected targets(c: BoardCase): ReassignTarget[] {
    return reassignTargets(this.rows(), c.assigneeId);
  }

  protected toggle(userId: string): void {
    this.store.dispatch(
      this.isExpanded(userId) ? WorkloadPageActions.personCollapsed({ userId }) : WorkloadPageActions.personExpanded({ userId }),
    );
  }

  protected retry(): void {
    this.store.dispatch(WorkloadPageActions.retryClicked());
  }

  /** R on a focused case opens its "Reassign to…" menu (Enter on the Reassign button does too). */
  protected onCaseKey(event: KeyboardEvent, trigger: MatMenuTrigger): void {
    if ((event.key === 'r' || event.key === 'R') && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      trigger.openMenu();
    }
  }

  protected chooseTarget(c: BoardCase, t: ReassignTarget): void {
    this.focusAfterMenu = `person-${t.userId}`;
    this.reassign(c, t.userId, t.displayName);
  }

  protected menuClosed(): void {
    const id = this.focusAfterMenu;
    this.focusAfterMenu = null;
    // After MatMenu has put focus back on its trigger (which the move may take away), go to the receiver.
    if (id) setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>(`#${id}`)?.focus());
  }

  protected dropped(event: CdkDragDrop<string, string, BoardCase>): void {
    const toUserId = event.container.data;
    const c = event.item.data;
    if (!toUserId || toUserId === 'unassigned' || toUserId === c.assigneeId) return;
    this.reassign(c, toUserId, this.names().get(toUserId) ?? 'them');
  }

  /** Nothing can be dropped onto the unassigned queue (a team lead unassigns on the case page). */
  protected readonly noDrop = () => false;

  private reassign(c: BoardCase, toUserId: string, toName: string): void {
    this.store.dispatch(
      WorkloadPageActions.reassignChosen({
        request: {
          caseId: c.caseId,
          reference: c.reference,
          toUserId,
          toName,
          version: c.version,
          fromUserId: c.assigneeId,
          fromName: c.assigneeId ? (this.names().get(c.assigneeId) ?? null) : null,
        },
      }),
    );
  }

  protected accept(s: BalanceSuggestion): void {
    this.store.dispatch(WorkloadPageActions.suggestionAccepted({ suggestion: s, toName: this.names().get(s.toUserId) ?? 'them' }));
  }

  protected acceptAll(): void {
    this.store.dispatch(WorkloadPageActions.acceptAllClicked());
  }

  protected openRota(row: WorkloadRow): void {
    const data: RotaDialogData = { userId: row.userId, displayName: row.displayName, rota: row.rota };
    this.dialog
      .open(RotaDialog, { data, width: '560px' })
      .afterClosed()
      .subscribe((saved) => {
        if (saved) this.store.dispatch(WorkloadPageActions.rotaSaved({ displayName: row.displayName }));
      });
  }
}
