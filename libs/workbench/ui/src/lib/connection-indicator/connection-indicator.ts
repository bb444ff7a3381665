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
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      font-size: 0.875rem;
      font-weight: 600;
      padding: 2px 10px;
      border-radius: 999px;
      border: 1px solid currentColor;
    }
    .dot {
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: currentColor;
    }
    :host(.state-live) {
      color: var(--lantern-on-success-container);
      background: var(--lantern-success-container);
    }
    :host(.state-live) .dot {
      animation: pulse 2s ease-in-out infinite;
    }
    :host(.state-connecting),
    :host(.state-reconnecting) {
      color: var(--mat-sys-on-tertiary-container);
      background: var(--mat-sys-tertiary-container);
    }
    :host(.state-connecting) .dot,
    :host(.state-reconnecting) .dot {
      background: transparent;
      border: 2px solid currentColor;
      box-sizing: border-box;
    }
    :host(.state-offline) {
      color: var(--mat-sys-on-surface-variant);
      background: var(--mat-sys-surface-container);
    }
    @keyframes pulse {
      50% {
        opacity: 0.35;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      :host(.state-live) .dot {
        animation: none;
      }
    }
  `,
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
