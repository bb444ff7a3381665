import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { RiskGrade } from '@lantern/shared/domain';
import { FlagChip } from '../flag-chip/flag-chip';
import { LondonDateTimePipe } from '../format/pipes';
import { RiskGradeChip } from '../risk-grade-chip/risk-grade-chip';

/** One arrival as the list shows it: no victim detail. */
export interface ArrivalItem {
  caseId: string;
  reference: string;
  grade: RiskGrade | null;
  marac: boolean;
  receivedAt: string;
  assignee: { id: string; displayName: string } | null;
}

/**
 * High-risk and MARAC arrivals not yet acknowledged, most urgent first (the caller sorts), each with Open and
 * Acknowledge, and Acknowledge all. Presentational: inputs in, outputs out.
 */
@Component({
  selector: 'lantern-arrivals-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RiskGradeChip, FlagChip, LondonDateTimePipe],
  template: `
    <div class="head">
      <h2 [id]="headingId()">
        Arrivals to acknowledge <span class="count">{{ arrivals().length }}</span>
      </h2>
      <p class="help">High-risk and MARAC cases that arrived live. Each stays here until you acknowledge it.</p>
      <!-- Hidden, not left out, while there is one: its place is kept, so the second arrival moves nothing. -->
      <button mat-stroked-button type="button" class="all" [class.unneeded]="arrivals().length < 2" (click)="acknowledgeAll.emit()">
        Acknowledge all
      </button>
    </div>
    <ul>
      @for (a of arrivals(); track a.caseId) {
        <li>
          <lantern-risk-grade-chip [grade]="a.grade" />
          @if (a.marac) {
            <lantern-flag-chip label="MARAC" tone="warn" mark="!" description="MARAC referral required" />
          }
          <span class="reference">{{ a.reference }}</span>
          <span class="when">arrived {{ a.receivedAt | londonDateTime }}</span>
          <span class="assignee">{{ assigneeLabel(a) }}</span>
          <span class="actions">
            <button mat-flat-button type="button" (click)="open.emit(a.caseId)" [attr.aria-label]="'Open ' + a.reference">Open</button>
            <button mat-stroked-button type="button" (click)="acknowledge.emit(a.caseId)" [attr.aria-label]="'Acknowledge ' + a.reference">
              Acknowledge
            </button>
          </span>
        </li>
      }
    </ul>
  `,
  styles: `
    :host {
      display: block;
      padding: 8px 12px;
      border-radius: 8px;
      border: 2px solid var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 16px;
    }
    h2 {
      margin: 0;
      font-size: 1rem;
      font-weight: 600;
    }
    .count {
      display: inline-block;
      min-width: 1.4em;
      padding: 0 6px;
      border-radius: 999px;
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
      text-align: center;
      font-variant-numeric: tabular-nums;
    }
    .help {
      margin: 0;
      font-size: 0.8125rem;
      flex: 1 1 240px;
    }
    ul {
      list-style: none;
      margin: 6px 0 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 4px;
      /*
       * At desktop widths (where an arrival takes one line) two arrivals high from the first, then scrolling (the count
       * beside the heading says how many): a second or later arrival listed never moves the queue's table under the
       * caseworker's pointer, where a click meant for one case would land on another, and the page below the list is
       * not laid out and painted again for it (issue 16). Two, not four: the room kept while one arrival is listed is
       * taken from the queue's rows. 5em with larger text, where a line is taller. Narrower, an arrival wraps to more
       * lines: the list grows to four lines' height as it did, so no arrival is hidden behind the scroll.
       */
      max-height: 168px;
      overflow-y: auto;
    }
    @media (min-width: 1100px) {
      ul {
        height: max(calc(2 * 32px + 4px), 5em);
        max-height: none;
      }
    }
    .all.unneeded {
      visibility: hidden;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 10px;
    }
    .reference {
      font-weight: 600;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .when,
    .assignee {
      font-size: 0.875rem;
      white-space: nowrap;
    }
    .actions {
      display: inline-flex;
      gap: 8px;
      margin-left: auto;
      --mat-button-filled-container-height: 32px;
      --mat-button-outlined-container-height: 32px;
    }
  `,
  host: { role: 'region', '[attr.aria-labelledby]': 'headingId()' },
})
export class ArrivalsList {
  readonly arrivals = input.required<readonly ArrivalItem[]>();
  /** The signed-in user's id: their own claim reads "You". */
  readonly userId = input<string | null>(null);
  readonly headingId = input('arrivals-heading');
  readonly open = output<string>();
  readonly acknowledge = output<string>();
  readonly acknowledgeAll = output<void>();

  protected assigneeLabel(a: ArrivalItem): string {
    if (!a.assignee) return 'Unassigned';
    return a.assignee.id === this.userId() ? 'Claimed by you' : `Claimed by ${a.assignee.displayName}`;
  }
}
