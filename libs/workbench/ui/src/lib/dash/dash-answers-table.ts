import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { DashAnswer, DashAnswers } from '@lantern/shared/domain';
import { dashAnswerLabel } from '../format/labels';
import { DASH_QUESTIONS } from './dash-questions';

interface DashRow {
  number: number;
  text: string;
  answer: DashAnswer | null;
  label: string;
}

/** The officer's DASH answers against the 27 questions; a missing key reads "Not asked". */
@Component({
  selector: 'lantern-dash-answers-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="summary">
      <strong>{{ yesCount() }}</strong> of 27 answered “Yes” · {{ askedCount() }} asked
    </p>
    <div class="scroll">
      <table class="dash-table">
        <caption class="cdk-visually-hidden">
          {{
            caption()
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="num">No.</th>
            <th scope="col">Question</th>
            <th scope="col" class="answer">Answer</th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.number) {
            <tr [class]="'answer-' + (row.answer ?? 'not-asked')">
              <td class="num">{{ row.number }}</td>
              <td>{{ row.text }}</td>
              <td class="answer">
                @if (row.answer === 'yes') {
                  <span class="mark" aria-hidden="true">●</span>
                }
                {{ row.label }}
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .summary {
      margin: 0 0 8px;
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-size: 0.875rem;
    }
    th,
    td {
      text-align: left;
      vertical-align: top;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    th {
      font-weight: 600;
      background: var(--mat-sys-surface-container-low);
    }
    .num {
      width: 3em;
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .answer {
      width: 11em;
      white-space: nowrap;
    }
    tr.answer-yes td {
      background: var(--mat-sys-tertiary-container);
    }
    tr.answer-yes .answer {
      font-weight: 700;
      color: var(--mat-sys-tertiary);
    }
    tr.answer-not-asked .answer {
      color: var(--mat-sys-on-surface-variant);
      font-style: italic;
    }
    .mark {
      font-size: 0.7em;
      margin-right: 4px;
    }
  `,
})
export class DashAnswersTable {
  readonly answers = input<DashAnswers | null | undefined>(null);
  readonly caption = input('DASH risk identification checklist answers');

  protected readonly rows = computed<DashRow[]>(() => {
    const answers = this.answers() ?? {};
    return DASH_QUESTIONS.map((q) => {
      const answer = answers[q.key] ?? null;
      return {
        number: q.number,
        text: q.text,
        answer,
        label: dashAnswerLabel(answer),
      };
    });
  });
  protected readonly yesCount = computed(() => this.rows().filter((r) => r.answer === 'yes').length);
  protected readonly askedCount = computed(() => this.rows().filter((r) => r.answer !== null).length);
}
