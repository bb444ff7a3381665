import { ChangeDetectionStrategy, Component, ElementRef, input, output, viewChild } from '@angular/core';

/**
 * The header's search box (docs/search.md): a labelled search landmark; Enter emits the trimmed text. The page
 * decides what to do with it (the shell opens /search?q=). `focus()` is for the "/" shortcut.
 */
@Component({
  selector: 'lantern-search-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form role="search" class="search-form" aria-label="Cases" (submit)="submit($event)">
      <label class="cdk-visually-hidden" for="lantern-header-search">Search cases by name, reference or phone number</label>
      <input
        #box
        id="lantern-header-search"
        class="search-input"
        type="search"
        name="q"
        autocomplete="off"
        spellcheck="false"
        maxlength="100"
        placeholder="Search cases"
        aria-keyshortcuts="/"
        [value]="value()"
      />
      <kbd class="hint" aria-hidden="true">/</kbd>
    </form>
  `,
  styleUrl: './search-field.scss',
})
export class SearchField {
  /** The text to show (the current search, on its results page). */
  readonly value = input('');
  /** The trimmed text, when the user presses Enter with something typed. */
  readonly searched = output<string>();
  private readonly box = viewChild.required<ElementRef<HTMLInputElement>>('box');

  focus(): void {
    const el = this.box().nativeElement;
    el.focus();
    el.select();
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const q = this.box().nativeElement.value.trim();
    if (q) this.searched.emit(q);
  }
}
