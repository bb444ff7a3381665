import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { PresenceViewer } from '@lantern/shared/domain';
import { initials, presenceChipParts, presenceSentence, presenceSummary } from './presence';

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
          <span class="chip-who">{{ chip().who }}</span
          >&ngsp;<span class="chip-verb">{{ chip().verb }}</span>
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
  styleUrl: './presence-list.scss',
})
export class PresenceList {
  readonly viewers = input<readonly PresenceViewer[]>([]);
  readonly mode = input<'compact' | 'full'>('full');

  protected readonly chip = computed(() => presenceChipParts(this.viewers()));
  protected readonly summary = computed(() => presenceSummary(this.viewers()));
  protected readonly editing = computed(() => this.viewers().some((v) => !!v.editing));

  protected initialsOf(name: string): string {
    return initials(name);
  }

  protected sentence(v: PresenceViewer): string {
    return presenceSentence(v);
  }
}
