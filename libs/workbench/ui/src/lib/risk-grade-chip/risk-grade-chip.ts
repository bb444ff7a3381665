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
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 2px 10px 2px 8px;
      border-radius: 999px;
      font-size: 0.8125rem;
      font-weight: 600;
      line-height: 20px;
      white-space: nowrap;
      border: 1px solid transparent;
    }
    .shape {
      display: inline-block;
      width: 10px;
      height: 10px;
      flex: none;
    }
    :host(.grade-high) {
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
    :host(.grade-high) .shape {
      background: currentColor;
      clip-path: polygon(50% 0, 100% 100%, 0 100%);
    }
    :host(.grade-medium) {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      border-color: var(--mat-sys-tertiary);
    }
    :host(.grade-medium) .shape {
      background: currentColor;
      transform: rotate(45deg) scale(0.85);
    }
    :host(.grade-standard) {
      background: var(--lantern-success-container);
      color: var(--lantern-on-success-container);
      border-color: var(--lantern-success);
    }
    :host(.grade-standard) .shape {
      background: currentColor;
      border-radius: 50%;
    }
    :host(.grade-none) {
      background: transparent;
      color: var(--mat-sys-on-surface-variant);
      border-color: var(--mat-sys-outline);
      border-style: dashed;
    }
    :host(.grade-none) .shape {
      border: 2px solid currentColor;
      border-radius: 50%;
      box-sizing: border-box;
    }
  `,
})
export class RiskGradeChip {
  readonly grade = input<RiskGrade | null | undefined>(null);
  protected readonly label = computed(() => riskGradeLabel(this.grade()));
}
