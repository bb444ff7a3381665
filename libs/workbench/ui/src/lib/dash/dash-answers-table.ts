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
  styleUrl: './dash-answers-table.scss',
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
