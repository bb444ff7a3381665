import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { PresenceViewer } from '@lantern/shared/domain';
import { initials, presenceChipText, presenceSentence, presenceSummary } from './presence';

/**
 * Who else has a case open. `compact` (a queue row): one small chip, "Sam viewing", with everyone in a tooltip
 * and for screen readers. `full` (the case page): one line per person, "Alex Morgan is editing Safe contact".
 */
@Component({
  selector: 'lantern-presence-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTooltipModule],
  template: `
    @if (viewers().length) {
      @if (mode() === 'compact') {
        <span class="chip" [class.editing]="editing()" [matTooltip]="summary()" aria-hidden="true">
          <span class="avatars">
            @for (v of viewers().slice(0, 3); track v.userId) {
              <span class="avatar">{{ initialsOf(v.displayName) }}</span>
            }
          </span>
          {{ chipText() }}
        </span>
        <span class="cdk-visually-hidden">{{ summary() }}.</span>
      } @else {
        <ul class="people">
          @for (v of viewers(); track v.userId) {
            <li [class.editing]="!!v.editing">
              <span class="avatar" aria-hidden="true">{{ initialsOf(v.displayName) }}</span>
              <span class="text">{{ sentence(v) }}</span>
            </li>
          }
        </ul>
      }
    }
  `,
  styles: `
    :host {
      display: inline-block;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 0 8px 0 2px;
      border-radius: 999px;
      background: var(--lantern-success-container);
      color: var(--lantern-on-success-container);
      border: 1px solid var(--lantern-success);
      font-size: 0.75rem;
      font-weight: 600;
      line-height: 18px;
      white-space: nowrap;
    }
    .chip.editing {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      border-color: var(--mat-sys-tertiary);
    }
    .avatars {
      display: inline-flex;
    }
    .avatars .avatar {
      width: 18px;
      height: 18px;
      font-size: 0.5625rem;
    }
    .avatars .avatar + .avatar {
      margin-left: -6px;
    }
    .avatar {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 20px;
      height: 20px;
      border-radius: 50%;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      font-size: 0.625rem;
      font-weight: 700;
      letter-spacing: 0.02em;
      border: 1px solid var(--mat-sys-surface-container-lowest);
      box-sizing: border-box;
    }
    .people {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 6px 12px;
    }
    .people li {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 2px 10px 2px 2px;
      border-radius: 999px;
      background: var(--lantern-success-container);
      color: var(--lantern-on-success-container);
      font-size: 0.875rem;
      font-weight: 600;
    }
    .people li.editing {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .people .avatar {
      width: 24px;
      height: 24px;
      font-size: 0.6875rem;
    }
  `,
})
export class PresenceList {
  readonly viewers = input<readonly PresenceViewer[]>([]);
  readonly mode = input<'compact' | 'full'>('full');

  protected readonly chipText = computed(() => presenceChipText(this.viewers()));
  protected readonly summary = computed(() => presenceSummary(this.viewers()));
  protected readonly editing = computed(() => this.viewers().some((v) => !!v.editing));

  protected initialsOf(name: string): string {
    return initials(name);
  }

  protected sentence(v: PresenceViewer): string {
    return presenceSentence(v);
  }
}
