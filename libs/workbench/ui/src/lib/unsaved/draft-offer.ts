import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, Injector, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { formatLondonDateTime, formatLondonTime } from '../format/time';

/**
 * "Restore your unsaved draft from 14:05?" with Restore and Discard, above a form whose unsaved work was kept
 * across a reload (FormDrafts in data-access-hub). Takes the focus when it appears, so a keyboard or screen-reader
 * user hears the offer; Restore is the default (restoring loses nothing: the draft stays until saved or discarded).
 */
@Component({
  selector: 'lantern-draft-offer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  template: `
    <div class="offer" role="region" aria-label="Unsaved draft" tabindex="-1">
      <p class="text">Restore your unsaved draft from {{ time() }}?</p>
      <button mat-flat-button type="button" (click)="restore.emit()">Restore</button>
      <button mat-button type="button" (click)="discard.emit()">Discard</button>
    </div>
  `,
  styles: `
    .offer {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      margin: 0 0 12px;
      padding: 8px 12px;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-primary);
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .text {
      flex: 1 1 240px;
      margin: 0;
      font-weight: 600;
    }
  `,
})
export class DraftOffer {
  /** When the draft was last kept (RFC 3339). */
  readonly savedAt = input.required<string>();
  readonly restore = output<void>();
  readonly discard = output<void>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected time(): string {
    const saved = this.savedAt();
    const today = formatLondonDateTime(saved).slice(0, -7) === formatLondonDateTime(new Date().toISOString()).slice(0, -7);
    return today ? formatLondonTime(saved) : formatLondonDateTime(saved);
  }

  constructor() {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('.offer')?.focus(), { injector: inject(Injector) });
  }
}
