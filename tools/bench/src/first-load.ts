/**
 * First-load transfer of a workbench page for a signed-in user (figures, not a test), measured in Debian's
 * Chromium against a running Lantern (npm start, or the built API serving the built workbench):
 *   npm run bench:first-load                                  http://localhost:3000, caseworker, /queue
 *   npm run bench:first-load -- --url http://127.0.0.1:3100 --page /team/workload --heading 'Team workload' --user team-lead
 * "Transferred" is what came over the wire (Chrome's encodedDataLength: compressed body + headers); "decoded"
 * is the size after decompression. The page is loaded twice: cold (empty cache, as a new shift's first visit)
 * and again (warm: immutable hashed files come from the cache, index.html is revalidated).
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from './chromium.ts';

const USAGE = `Usage: npm run bench:first-load -- [options]
  --url URL         the running Lantern (default http://localhost:3000)
  --page PATH       the page to load once signed in (default /queue)
  --heading TEXT    heading that shows the page has rendered (default "Triage queue" for /queue)
  --user NAME       account to sign in with (default caseworker)
  --password PW     its password (default $LANTERN_DEMO_PASSWORD or lantern-demo)
  --budget KB       exit 1 when the cold load transfers more than this many KB (1 KB = 1000 bytes)
  --list            print every request of the cold load
Chromium: $LANTERN_CHROMIUM or /usr/bin/chromium (Debian's; nothing is downloaded).`;

interface Loaded {
  url: string;
  type: string;
  status: number;
  encoding: string;
  cached: boolean;
  transferred: number;
  decoded: number;
}

/** Records every request the page makes through the DevTools protocol, which knows the bytes on the wire. */
function record(cdp: CDPSession): Map<string, Loaded> {
  const seen = new Map<string, Loaded>();
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    seen.set(e.requestId, {
      url: e.response.url,
      type: e.type,
      status: e.response.status,
      encoding: h['content-encoding'] ?? '-',
      cached: Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker),
      transferred: 0,
      decoded: 0,
    });
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.transferred = e.encodedDataLength;
  });
  return seen;
}

async function settle(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { name: heading }).first().waitFor({ timeout: 30_000 });
  // The live socket keeps one connection open: "idle" may never come, so wait for it a bounded time.
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
}

const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;

function summary(label: string, loads: Loaded[]): number {
  const transferred = loads.reduce((s, r) => s + r.transferred, 0);
  const decoded = loads.reduce((s, r) => s + r.decoded, 0);
  const byType = new Map<string, { n: number; transferred: number; decoded: number }>();
  for (const r of loads) {
    const t = byType.get(r.type) ?? { n: 0, transferred: 0, decoded: 0 };
    t.n++;
    t.transferred += r.transferred;
    t.decoded += r.decoded;
    byType.set(r.type, t);
  }
  console.log(`\n${label}: ${loads.length} requests, ${kb(transferred)} transferred (${kb(decoded)} decoded)`);
  for (const [type, t] of [...byType].sort((a, b) => b[1].transferred - a[1].transferred)) {
    console.log(`  ${type.padEnd(12)} ${String(t.n).padStart(3)}  ${kb(t.transferred).padStart(10)}  (${kb(t.decoded)} decoded)`);
  }
  return transferred;
}

async function main(): Promise<number> {
  const { values: o } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      page: { type: 'string', default: '/queue' },
      heading: { type: 'string' },
      user: { type: 'string', default: 'caseworker' },
      password: { type: 'string', default: process.env['LANTERN_DEMO_PASSWORD'] || 'lantern-demo' },
      budget: { type: 'string' },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (o.help) {
    console.log(USAGE);
    return 0;
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set LANTERN_CHROMIUM).`);
    return 1;
  }
  const heading = o.heading ?? (o.page === '/queue' ? 'Triage queue' : undefined);
  if (!heading) {
    console.error('--heading is needed for pages other than /queue.');
    return 1;
  }
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ baseURL: o.url, viewport: { width: 1440, height: 900 } });
    // Signed in through the API: the cookie lands in this profile, and no page asset is fetched (cache stays cold).
    const login = await context.request.post('/api/v1/auth/login', { data: { username: o.user, password: o.password } });
    if (!login.ok()) {
      console.error(`Sign-in as ${o.user} failed: ${login.status()}`);
      return 1;
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');

    const seen = record(cdp);
    const started = Date.now();
    await page.goto(o.page);
    await settle(page, heading);
    const cold = [...seen.values()];
    console.log(`${o.url}${o.page} as ${o.user}: rendered and settled in ${Date.now() - started} ms`);
    const total = summary('Cold load (empty cache)', cold);
    if (o.list) {
      for (const r of cold.sort((a, b) => b.transferred - a.transferred)) {
        console.log(
          `  ${kb(r.transferred).padStart(10)}  ${r.status} ${r.encoding.padEnd(5)} ${r.type.padEnd(10)} ${new URL(r.url).pathname}`,
        );
      }
    }
    const uncompressed = cold.filter(
      (r) => ['Script', 'Stylesheet', 'Document'].includes(r.type) && r.encoding === '-' && r.decoded > 1000,
    );
    if (uncompressed.length) console.log(`  not compressed: ${uncompressed.map((r) => new URL(r.url).pathname).join(', ')}`);

    seen.clear();
    await page.goto(o.page);
    await settle(page, heading);
    summary('Repeat load (warm cache)', [...seen.values()]);

    const budget = o.budget === undefined ? null : Number(o.budget) * 1000;
    if (budget !== null) {
      const ok = total <= budget;
      console.log(`\nBudget ${kb(budget)}: ${ok ? 'within' : 'OVER'} (${kb(total)})`);
      return ok ? 0 : 1;
    }
    return 0;
  } finally {
    await browser.close();
  }
}

process.exitCode = await main();
