import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export type LiveConnectionState = 'offline' | 'connecting' | 'live' | 'reconnecting';

const LABELS: Record<LiveConnectionState, string> = {
  offline: 'Offline',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

/** "Live" / "Reconnecting…", announced politely when it changes. */
@Component({
  selector: 'lantern-connection-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="dot" aria-hidden="true"></span><span class="text">{{ label() }}</span>`,
  host: {
    role: 'status',
    'aria-live': 'polite',
    class: 'lantern-connection-indicator',
    '[class]': "'state-' + state()",
    '[attr.title]': 'description()',
  },
  styleUrl: './connection-indicator.scss',
})
export class ConnectionIndicator {
  readonly state = input<LiveConnectionState>('offline');
  protected readonly label = computed(() => LABELS[this.state()]);
  protected readonly description = computed(() =>
    this.state() === 'live'
      ? 'Live: new and changed cases appear as they happen'
      : 'Not live: changes will appear once the connection is back',
  );
}
