import { ChangeDetectionStrategy, Component, input, type Signal } from '@angular/core';

/**
 * A signal's current text, re-rendered on its own. The parent binds the signal itself, not its value, so a value that
 * changes often (a count that moves with every live arrival) re-renders this text alone: had the parent's template
 * read the value, every change would re-render the parent, and with it every row of a table it holds (a queue page
 * with ~30 rows drawn re-checked them all for each arrival's new counts: issue 16, docs/performance.md session 29).
 */
@Component({
  selector: 'lantern-live-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `{{ text()() }}`,
})
export class LiveText {
  readonly text = input.required<Signal<string>>();
}
