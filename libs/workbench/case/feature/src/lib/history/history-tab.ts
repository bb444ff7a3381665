import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type { CaseHistoryEntry } from '@lantern/shared/domain';
import { historyByDay } from './history';
import type { LoadStatus } from '@lantern/workbench/auth/data-access';

/** The History tab: the case's audit trail as sentences, newest first by day; overrides stand out. */
@Component({
  selector: 'lantern-history-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCheckboxModule],
  template: `
    <div class="head">
      <h2 id="history-heading">History</h2>
      <mat-checkbox [checked]="includeReads()" (change)="includeReads.set($event.checked)">Show who read the case too</mat-checkbox>
      <button mat-stroked-button type="button" (click)="refresh.emit()">Refresh</button>
    </div>
    @if (status() === 'loading' && !entries()) {
      <p class="aside">Loading…</p>
    } @else if (status() === 'error' && !entries()) {
      <p class="problem" role="alert">{{ error() }}</p>
    } @else if (!days().length) {
      <p class="aside">Nothing recorded yet.</p>
    } @else {
      @for (d of days(); track d.day) {
        <h3 class="day">{{ d.day }}</h3>
        <ol class="entries" [attr.aria-label]="'History, ' + d.day">
          @for (l of d.lines; track l.id) {
            <li [class]="'kind-' + l.kind">
              <time class="time" [attr.datetime]="l.at">{{ l.time }}</time>
              <span class="text">
                @if (l.kind === 'override') {
                  <strong class="tag">Override</strong>
                } @else if (l.kind === 'alert') {
                  <strong class="tag">Alert</strong>
                }
                {{ l.text }}
              </span>
            </li>
          }
        </ol>
      }
    }
  `,
  styleUrl: './history-tab.scss',
})
export class HistoryTab {
  readonly entries = input<readonly CaseHistoryEntry[] | null>(null);
  readonly status = input<LoadStatus>('idle');
  readonly error = input<string | null>(null);
  /** Users the entries may refer to by id (e.g. the assignee). */
  readonly known = input<ReadonlyArray<{ id: string; displayName: string }>>([]);
  readonly refresh = output<void>();

  protected readonly includeReads = signal(false);
  protected readonly days = computed(() =>
    historyByDay(this.entries() ?? [], {
      includeReads: this.includeReads(),
      known: this.known(),
    }),
  );
}
