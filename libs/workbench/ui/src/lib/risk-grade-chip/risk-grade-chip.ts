import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { RiskGrade } from '@lantern/shared/domain';
import { riskGradeLabel } from '../format/labels';

/** The risk grade as a chip: colour, shape and text together, never colour alone. */
@Component({
  selector: 'lantern-risk-grade-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="shape" aria-hidden="true"></span><span class="text">{{ label() }}</span>`,
  host: {
    class: 'lantern-chip lantern-risk-grade-chip',
    '[class]': "'grade-' + (grade() ?? 'none')",
  },
  styleUrl: './risk-grade-chip.scss',
})
export class RiskGradeChip {
  readonly grade = input<RiskGrade | null | undefined>(null);
  protected readonly label = computed(() => riskGradeLabel(this.grade()));
}
