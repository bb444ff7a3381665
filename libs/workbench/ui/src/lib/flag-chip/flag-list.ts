import { afterRenderEffect, ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, input } from '@angular/core';
import { FlagChip, type FlagTone } from './flag-chip';

/** One flag as a list shows it. */
export interface FlagItem {
  label: string;
  tone: FlagTone;
  /** A decorative mark before the text (hidden from assistive technology). */
  mark: string;
  /** Longer explanation, shown as a tooltip and read by screen readers. */
  description: string;
}

/**
 * Flags in a box of fixed height (a queue row's cell): the chips wrap, and those that do not fit are replaced by one
 * "+N" chip whose tooltip names them. Put the most important flag first: the list keeps the first ones.
 *
 * Why measured in the browser rather than counted: whether three chips fit two lines depends on their words, the
 * font, the density, the user's text size and spacing (WCAG 1.4.4, 1.4.12). A count that fits in one of those cut the
 * chip under it in another (a MARAC + "Arrived overnight" + "Serial suspect" row needed three lines in the 52 px row).
 *
 * A chip that does not fit is hidden visually only: a screen reader still reads every flag, and the "+N" chip, which
 * repeats them, is hidden from it. The host's own CSS (a max-height) sets the box; the list never grows past it.
 */
@Component({
  selector: 'lantern-flag-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FlagChip],
  template: `
    @for (flag of flags(); track flag.label) {
      <lantern-flag-chip [label]="flag.label" [tone]="flag.tone" [mark]="flag.mark" [description]="flag.description" />
    } @empty {
      <span class="cdk-visually-hidden">None</span>
    }
    <!-- Written by fit(), not by a binding: it is measured and changed in the same pass. -->
    <span class="more" aria-hidden="true" hidden></span>
  `,
  host: { class: 'lantern-flag-list' },
  styles: `
    :host {
      position: relative;
      display: inline-flex;
      flex-wrap: wrap;
      gap: 2px 4px;
      overflow: hidden;
      vertical-align: middle;
    }
    /* Compact chips; a dense table sets --lantern-flag-line (18 px by default). */
    :host > lantern-flag-chip,
    .more {
      line-height: var(--lantern-flag-line, 18px);
      padding: 0 6px;
    }
    :host > lantern-flag-chip.overflowed {
      /* Out of sight, still read: the same rules as cdk-visually-hidden. */
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
      padding: 0;
      border: 0;
      margin: -1px;
    }
    /* Looks like a neutral chip; its text and tooltip name what it stands for. */
    .more {
      display: inline-flex;
      align-items: center;
      border-radius: 6px;
      font-size: 0.75rem;
      font-weight: 600;
      white-space: nowrap;
      border: 1px solid currentColor;
      color: var(--mat-sys-on-surface-variant);
      background: var(--mat-sys-surface-container);
    }
    .more[hidden] {
      display: none;
    }
  `,
})
export class FlagList {
  readonly flags = input.required<readonly FlagItem[]>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  /** The flags last rendered: what a resize measures again (the input itself is not read outside a render). */
  private rendered: readonly FlagItem[] | null = null;
  /** The box's width when the chips were last fitted: a resize to another width fits them again. */
  private fittedWidth = -1;

  constructor() {
    // Again when the box's width changes (a column's width, the text size). Not on a change of its height alone,
    // which fit() itself causes (fewer lines after folding), nor on the observer's first report of the width just
    // fitted at: that would only measure the same again, one forced layout per row. The observer may report before
    // the first render has given the list its flags: then there is nothing to measure yet.
    const resize =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            if (this.rendered && this.host.clientWidth !== this.fittedWidth) this.fit(this.rendered);
          });
    resize?.observe(this.host);
    inject(DestroyRef).onDestroy(() => resize?.disconnect());
    // Every list on the page shows all its chips first (write), and only then does each measure (mixedReadWrite):
    // the lists' measures then share one layout of the page, the one the table's own measures already forced, not
    // one each (a page of rows drawn at once, or a row drawn live, paid a layout of the whole page per list). So the
    // write phase writes only where a chip is folded now — a new list's chips are all shown already — and a list
    // that must fold measures once, then tries the count that measure says fits (docs/performance.md, session 30).
    afterRenderEffect({
      write: () => {
        const flags = this.flags();
        this.rendered = flags;
        if (this.folded) this.show(flags, Number.MAX_SAFE_INTEGER);
        return flags;
      },
      mixedReadWrite: (flags) => this.fit(flags()),
    });
  }

  /** Whether a chip is hidden and "+N" shown now (what show() last wrote). */
  private folded = false;

  /** Shows the first `count` chips and "+N" for the rest; writes only what changes. */
  private show(flags: readonly FlagItem[], count: number): void {
    const chips = this.host.querySelectorAll<HTMLElement>(':scope > lantern-flag-chip');
    const more = this.host.querySelector<HTMLElement>(':scope > .more');
    if (!more) return;
    chips.forEach((chip, i) => {
      if (chip.classList.contains('overflowed') !== i >= count) chip.classList.toggle('overflowed', i >= count);
    });
    const hidden = count >= chips.length;
    if (more.hidden !== hidden) more.hidden = hidden;
    this.folded = !hidden;
    if (!hidden) {
      const rest = flags.slice(count).map((f) => f.label);
      more.textContent = `+${rest.length}`;
      more.title = `Also: ${rest.join(', ')}`;
    }
  }

  /**
   * Shows as many chips as fit, first ones first, and "+N" for the rest (the "+N" chip must fit too). Measures every
   * chip once with all of them shown; the chips after a shown one never move it (they come after it in the flow), so
   * only "+N" is measured again for each count tried, from the most that fit down.
   */
  private fit(flags: readonly FlagItem[]): void {
    const chips = Array.from(this.host.querySelectorAll<HTMLElement>(':scope > lantern-flag-chip'));
    const more = this.host.querySelector<HTMLElement>(':scope > .more');
    if (!more) return;
    if (this.folded) this.show(flags, chips.length);
    // Inside the box both ways: a chip wider than the cell (a narrow column, large text) is folded, not cut.
    const fits = (el: HTMLElement) =>
      el.offsetTop + el.offsetHeight <= this.host.clientHeight + 0.5 && el.offsetLeft + el.offsetWidth <= this.host.clientWidth + 0.5;
    this.fittedWidth = this.host.clientWidth;
    const fitting = chips.findIndex((chip) => !fits(chip));
    if (fitting < 0) return;
    for (let count = Math.min(fitting, chips.length - 1); count >= 0; count--) {
      this.show(flags, count);
      if (fits(more)) return;
    }
  }
}
