import { ChangeDetectionStrategy, Component, input } from '@angular/core';

export type FlagTone = 'warn' | 'info' | 'neutral';

/** A short text flag ("Repeat", "Children in household"); the text carries the meaning, the colour only helps. */
@Component({
  selector: 'lantern-flag-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="mark" aria-hidden="true">{{ mark() }}</span
    >{{ label() }}`,
  host: {
    class: 'lantern-chip lantern-flag-chip',
    '[class]': "'tone-' + tone()",
    '[attr.title]': 'description() || null',
  },
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 1px 8px;
      border-radius: 6px;
      font-size: 0.75rem;
      font-weight: 600;
      line-height: 20px;
      white-space: nowrap;
      border: 1px solid currentColor;
    }
    .mark {
      font-size: 0.7rem;
    }
    .mark:empty {
      display: none;
    }
    :host(.tone-warn) {
      color: var(--mat-sys-on-tertiary-container);
      background: var(--mat-sys-tertiary-container);
    }
    :host(.tone-info) {
      color: var(--mat-sys-on-primary-container);
      background: var(--mat-sys-primary-container);
    }
    :host(.tone-neutral) {
      color: var(--mat-sys-on-surface-variant);
      background: var(--mat-sys-surface-container);
    }
  `,
})
export class FlagChip {
  readonly label = input.required<string>();
  readonly tone = input<FlagTone>('neutral');
  /** A decorative mark before the text (hidden from assistive technology). */
  readonly mark = input<string>('');
  /** Longer explanation, shown as a tooltip. */
  readonly description = input<string>('');
}
