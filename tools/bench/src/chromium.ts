/** Debian's Chromium for the benchmark's browser figures (first-load.ts, queue-browser.ts); nothing is downloaded. */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env['LANTERN_CHROMIUM'] || '/usr/bin/chromium';

/** Headless, with the flags the project uses for every browser it drives (no sandbox, GPU, sync or first-run work). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
