import { ChangeDetectionStrategy, Component, computed, effect, input, signal } from '@angular/core';
import type { MfaEnrolment } from '@lantern/shared/domain';

/** A base32 secret in groups of four, as people read and type it. */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * What an authenticator app needs: the otpauth:// URI as a QR code (drawn in the browser, so the secret goes nowhere
 * else), the key in groups of four to type, and a link for an authenticator on this device.
 */
@Component({
  selector: 'lantern-authenticator-setup',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (qr(); as src) {
      <img class="qr" [src]="src" width="200" height="200" alt="QR code of your authenticator key" />
    }
    <p class="secret-label" [id]="labelId()">Key (type it in groups of four)</p>
    <p class="secret" [attr.aria-labelledby]="labelId()">
      <code>{{ grouped() }}</code>
    </p>
    <p class="uri"><a [href]="enrolment().otpauthUri">Open in an authenticator app on this device</a></p>
  `,
  styles: `
    :host {
      display: block;
    }
    .qr {
      display: block;
      margin: 8px 0;
      image-rendering: pixelated;
    }
    .secret code {
      font-size: 1.1rem;
      letter-spacing: 0.05em;
      word-spacing: 0.4em;
    }
  `,
})
export class AuthenticatorSetup {
  readonly enrolment = input.required<MfaEnrolment>();
  readonly labelId = input('authenticator-key-label');
  protected readonly grouped = computed(() => groupSecret(this.enrolment().secret));
  protected readonly qr = signal<string | null>(null);

  constructor() {
    effect(() => {
      const uri = this.enrolment().otpauthUri;
      this.qr.set(null);
      // Loaded only when someone enrols; qrcode is CommonJS, so the bundler hands its exports over as `default`.
      void import('qrcode')
        .then((m) => m.default.toDataURL(uri, { margin: 1, width: 200, errorCorrectionLevel: 'M' }))
        .then((url) => this.qr.set(url));
    });
  }
}
