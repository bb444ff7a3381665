import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { UnsavedChanges } from '../unsaved/unsaved-changes.service';
import type { UnsavedEntry } from '../unsaved/unsaved-registry';

/**
 * A section of a case that one person should edit at a time (DASH, safe-contact plan, contact attempt).
 *
 * - Says when this user is editing it (`editingChange`): from focus inside it or unsaved changes, until saved,
 *   cancelled (the form is pristine again) or left.
 * - Puts its form under the unsaved-changes guard (UnsavedChanges): while `dirty`, leaving the page, the tab or
 *   the case asks "Discard unsaved changes?" first; Discard emits `discarded`, for the host to reset its form.
 * - When someone else is editing it, warns before this user starts: the section is inert behind "Alex Morgan is
 *   editing this section — edit anyway?" until they choose to. Work already in progress here is never locked.
 */
@Component({
  selector: 'lantern-edit-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  template: `
    @if (others().length) {
      <div class="others" role="status">
        <span class="mark" aria-hidden="true">✎</span>
        <span class="text">{{ message() }}</span>
        @if (locked()) {
          <button mat-stroked-button type="button" (click)="editAnyway()">Edit anyway</button>
        }
      </div>
    }
    <div class="content" [attr.inert]="locked() ? '' : null" [class.locked]="locked()">
      <ng-content />
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .others {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px 12px;
      margin: 0 0 12px;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      border: 1px solid var(--mat-sys-tertiary);
      font-weight: 600;
    }
    .mark {
      font-size: 1.1rem;
    }
    .text {
      flex: 1 1 240px;
    }
    .content.locked {
      opacity: 0.6;
    }
  `,
  host: {
    '(focusin)': 'onFocusIn()',
    '(focusout)': 'onFocusOut($event)',
    '(input)': 'edited()',
    '(change)': 'edited()',
  },
})
export class EditSection {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** Names of the others editing this section now. */
  readonly others = input<readonly string[]>([]);
  /** The section's form has unsaved changes (or, without focus tracking, an editor is open). */
  readonly dirty = input(false);
  /** Count focus inside the section as editing (a form that is always there); off for a view with an editor. */
  readonly trackFocus = input(true);
  /** Whether this user is editing the section (for presence). */
  readonly editingChange = output<boolean>();
  /**
   * The user answered "Discard changes" on leaving (another tab, the case, the page): the host puts its form back to
   * what is saved. The case page's tabs stay alive while hidden, so without it the discarded values were still there
   * on coming back, no longer asked about, one click from being recorded.
   */
  readonly discarded = output<void>();

  private readonly unsaved = inject(UnsavedChanges);
  private readonly unsavedEntry: UnsavedEntry = { isDirty: () => this.dirty(), discard: () => this.discarded.emit() };

  private readonly confirmed = signal(false);
  private readonly focusedWithin = signal(false);

  protected readonly locked = computed(() => this.others().length > 0 && !this.confirmed() && !this.dirty());
  protected readonly othersText = computed(() => {
    const names = this.others();
    const who = names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    return `${who} ${names.length === 1 ? 'is' : 'are'} editing this section`;
  });
  protected readonly message = computed(
    () =>
      `${this.othersText()} — ${
        this.locked() ? 'edit anyway?' : this.dirty() ? 'they may be changing the same things.' : 'you chose to edit anyway.'
      }`,
  );
  readonly editing = computed(() => !this.locked() && (this.focusedWithin() || this.dirty()));

  constructor() {
    inject(DestroyRef).onDestroy(this.unsaved.register(this.unsavedEntry));
    let last = false;
    effect(() => {
      const editing = this.editing();
      if (editing === last) return;
      last = editing;
      untracked(() => this.editingChange.emit(editing));
      // Finished (saved or cancelled, or left untouched): warn again next time.
      if (!editing) untracked(() => this.confirmed.set(false));
    });
    // Saved or cancelled: the form is pristine again, so this user is no longer editing (until they start again).
    let wasDirty = false;
    effect(() => {
      const dirty = this.dirty();
      if (wasDirty && !dirty) untracked(() => this.focusedWithin.set(false));
      // Clean again (saved or cancelled): the next change is asked about, even after an earlier "Discard".
      if (!dirty) this.unsaved.rearm(this.unsavedEntry);
      wasDirty = dirty;
    });
  }

  protected editAnyway(): void {
    this.confirmed.set(true);
    // Into the section, where the user meant to go, once it is no longer inert.
    afterNextRender(
      () =>
        this.host.nativeElement
          .querySelector<HTMLElement>(
            '.content input:not([type=hidden]), .content textarea, .content button, .content [tabindex="0"], .content mat-select',
          )
          ?.focus(),
      { injector: this.injector },
    );
  }

  /** Typed or chose something again after a "Discard": this section's changes count again. */
  protected edited(): void {
    this.unsaved.rearm(this.unsavedEntry);
  }

  protected onFocusIn(): void {
    if (this.trackFocus() && !this.locked()) this.focusedWithin.set(true);
  }

  protected onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (next && this.host.nativeElement.contains(next)) return;
    // Focus into an overlay this section opened (a select's panel, a dialog) is still working in it.
    if (next instanceof Element && next.closest('.cdk-overlay-container')) return;
    this.focusedWithin.set(false);
  }
}
