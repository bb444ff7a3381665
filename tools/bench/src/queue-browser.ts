/**
 * The triage queue in Debian's Chromium against a seeded hub (issue 16, part 4; figures, not a test): how soon the
 * first row shows (on a first visit, and on later ones with the page's scripts cached), what an idle queue asks the
 * API, and the main-thread work each live arrival costs. Run by
 * `npm run bench -- --scale …` when the workbench is built (dist/apps/workbench/browser) and Chromium is installed.
 */
import { existsSync, writeFileSync } from 'node:fs';
import type { BrowserContext, CDPSession, Page, Request } from 'playwright-core';
import { CHROMIUM, launchChromium } from './chromium.ts';

export interface QueueBrowserRun {
  /** The page's clock (ms from navigation start): the end of the frame that draws the first row. */
  firstRowMs: number;
  /** The page's clock when the first row entered the DOM (a MutationObserver's callback). */
  firstRowInDomMs: number;
  /** After the rest: the first row (as firstRowMs) and DOM ready when /queue is loaded again in the same tab (F5). */
  reloads: Array<{ drawn: number; domReady: number }>;
  /** Then the same in new tabs of the same browser, one after another. */
  newTabs: Array<{ drawn: number; domReady: number }>;
  /** The page's timeline up to the first row (ms from navigation start): the HTML, the scripts, each API read. */
  firstRowTimeline: string[];
  /** The window's status line ("Showing the first 200 of 10000; …"), or null when the queue fits in one page. */
  windowStatus: string | null;
  countLabel: string;
  idleSeconds: number;
  /** HTTP requests the idle page made (the socket's frames are not requests). */
  idleRequests: string[];
  /** What the socket brought meanwhile: case.changed by kind of change (a breach the SLA watch records is 'breached'). */
  idleEvents: Record<string, number>;
  /**
   * The queue's count as the page shows it and as GET /cases/counts gives it (`matching`), at the end of the idle
   * time and after the arrivals: the page keeps it from the socket (new cases, breaches), so the two must agree.
   */
  countAfterIdle: { shown: number | null; api: number };
  countAfterArrivals: { shown: number | null; api: number };
  inserts: number;
  /** Chrome's TaskDuration (main-thread busy time) over the arrivals, divided by their number. */
  mainThreadMsPerInsert: number;
  /** How many of the arrivals have a row in the page (ranked among the rows the virtual viewport draws) at the end. */
  arrivedInWindow: number;
  /** With a trace: the arrivals' main-thread self time by trace event, ms per arrival, largest first. */
  traceSelfMs: Array<[string, number]> | null;
  /** The page's CPU profile was recorded over the arrivals (--profile): the sampling adds to the figure. */
  profiled: boolean;
}

/** The count in the queue's header ("9994 cases waiting") beside the API's count of the same queue, read now. */
async function compareCount(page: Page, context: BrowserContext): Promise<{ shown: number | null; api: number }> {
  const label = ((await page.locator('#queue-count').textContent()) ?? '').replace(/[,\s]/g, '');
  const shown = /^(\d+)/.exec(label);
  const res = await context.request.get('/api/v1/cases/counts');
  if (!res.ok()) throw new Error(`GET /cases/counts: ${res.status()}`);
  return { shown: shown ? Number(shown[1]) : null, api: ((await res.json()) as { matching: number }).matching };
}

export function canRunBrowser(staticDir: string): boolean {
  return existsSync(CHROMIUM) && existsSync(`${staticDir}/index.html`);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Loads of /queue after the rest, timed like the first: reloads of its tab, then new tabs. */
const REPEAT_VISITS = 2;

/** Run in the page before its scripts: performance marks for the first queue row (a string: see firstRowTimeline). */
const FIRST_ROW_MARKS = `(() => {
  const seen = new MutationObserver(() => {
    if (!document.querySelector('tr[id^="queue-row-"]')) return;
    seen.disconnect();
    performance.mark('bench:first-row-in-dom');
    // An animation frame's callbacks run before its style, layout and paint; a task queued from one runs after them.
    requestAnimationFrame(() => setTimeout(() => performance.mark('bench:first-row')));
  });
  seen.observe(document, { childList: true, subtree: true });
})();`;

/**
 * Polls the page through CDP (Runtime.evaluate every 50 ms: no script of Playwright's in the page; the polls and the
 * marks' observer cost its main thread little) until both first-row marks are there; their times.
 */
async function firstRowMarks(cdp: CDPSession, timeoutMs: number): Promise<{ inDom: number; drawn: number; domReady: number }> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    await sleep(50);
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: `JSON.stringify([
        ...['bench:first-row-in-dom', 'bench:first-row'].map((n) => performance.getEntriesByName(n)[0]?.startTime ?? null),
        performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
      ])`,
      returnByValue: true,
    });
    const [inDom, drawn, domReady] = JSON.parse(String(result.value ?? '[null,null,null]')) as Array<number | null>;
    if (inDom !== null && drawn !== null) return { inDom, drawn, domReady: domReady ?? NaN };
  }
  throw new Error(`no queue row within ${timeoutMs / 1000} s of navigating to /queue`);
}

/** Navigates `page` to /queue and returns its first-row marks (FIRST_ROW_MARKS, added to the context). */
async function openQueue(page: Page, cdp: CDPSession): Promise<{ inDom: number; drawn: number; domReady: number }> {
  await page.goto('/queue', { waitUntil: 'commit' });
  return firstRowMarks(cdp, 60_000);
}

/**
 * Signs in as a caseworker, opens /queue and times the first row; then leaves the page alone for `idleSeconds`
 * (past the minute tick that re-scores the rows held) and records every request; then posts `inserts` reports
 * through `post` a quarter of a second apart and reads Chrome's main-thread busy time across them; last, loads /queue
 * again REPEAT_VISITS times in its tab, then in as many new tabs, and times their first rows.
 */
export async function queueBrowserRun(
  url: string,
  credentials: { username: string; password: string },
  post: () => Promise<{ status: number; caseId: string | null }>,
  opts: { idleSeconds: number; inserts: number; trace?: string; profile?: string },
): Promise<QueueBrowserRun> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ baseURL: url, viewport: { width: 1440, height: 900 } });
    const login = await context.request.post('/api/v1/auth/login', { data: credentials });
    if (!login.ok()) throw new Error(`sign-in as ${credentials.username}: ${login.status()}`);
    const page = await context.newPage();
    // The socket's frames, counted while the page is left alone (the socket opens with the page: listen first).
    const idleEvents: Record<string, number> = {};
    let counting = false;
    page.on('websocket', (ws) =>
      ws.on('framereceived', (f) => {
        const m = /^\d+\["([^"]+)"(?:,\{.*?"change":"(\w+)")?/.exec(String(f.payload));
        if (!counting || !m) return;
        const kind = m[2] ? `${m[1]} ${m[2]}` : m[1];
        idleEvents[kind] = (idleEvents[kind] ?? 0) + 1;
      }),
    );
    // The first row, timed by the page itself: marked when it enters the DOM, and again once the next animation frame
    // (which draws it) is done. Watched through CDP rather than Playwright's locator, whose script is injected into the
    // page and polls there, on the main thread the first row waits for (~30 ms of it in one load's CPU profile).
    await context.addInitScript(FIRST_ROW_MARKS);
    const cdp = await context.newCDPSession(page);
    const marks = await openQueue(page, cdp);
    const firstRowMs = marks.drawn;
    const firstRowInDomMs = marks.inDom;
    // What the first row waited for: the page's own timeline (ms from navigation start), what started before it.
    // A string, not a function: the bench runs through tsx, whose helpers (__name) the page does not have.
    const firstRowTimeline = (await page.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const entries = performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime <= ${firstRowMs} && /\\/api\\/|\\.js$/.test(new URL(e.name).pathname))
        .map((e) => {
          const u = new URL(e.name);
          const what = u.pathname.startsWith('/api/') ? u.pathname.replace('/api/v1', '') + u.search : 'js';
          return what + ' ' + Math.round(e.startTime) + '–' + Math.round(e.responseEnd);
        });
      return [
        ...(nav ? ['html ' + Math.round(nav.responseEnd), 'DOM ready ' + Math.round(nav.domContentLoadedEventEnd)] : []),
        ...entries,
      ];
    })()`)) as string[];
    // Let the first reads (counts, call-backs, the socket's ready and its re-read of the head) settle.
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    await sleep(3_000);
    const status = page.locator('.window-status');
    const windowStatus = (await status.count()) ? ((await status.textContent()) ?? '').trim().replace(/\s+/g, ' ') : null;
    const countLabel = ((await page.locator('#queue-count').textContent()) ?? '').trim();

    const idleRequests: string[] = [];
    const onRequest = (r: Request) => idleRequests.push(`${r.method()} ${new URL(r.url()).pathname}${new URL(r.url()).search}`);
    page.on('request', onRequest);
    counting = true;
    await sleep(opts.idleSeconds * 1000);
    counting = false;
    page.off('request', onRequest);
    const countAfterIdle = await compareCount(page, context);

    await cdp.send('Performance.enable');
    const busy = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    if (opts.trace) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    if (opts.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const before = await busy();
    const ids: string[] = [];
    for (let i = 0; i < opts.inserts; i++) {
      const posted = await post();
      if (posted.caseId) ids.push(posted.caseId);
      await sleep(250);
    }
    // The last arrival's highlight and the counts read a second after the burst.
    await sleep(3_000);
    const mainThreadMsPerInsert = ((await busy()) - before) / Math.max(1, opts.inserts);
    if (opts.profile) writeFileSync(opts.profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const countAfterArrivals = await compareCount(page, context);
    let traceSelfMs: QueueBrowserRun['traceSelfMs'] = null;
    if (opts.trace) {
      const trace = await browser.stopTracing();
      writeFileSync(opts.trace, trace);
      traceSelfMs = mainThreadSelfTime(JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }, opts.inserts);
    }
    const arrivedInWindow = await page.evaluate(
      (list) => list.filter((id) => document.getElementById(`queue-row-${id}`) !== null).length,
      ids,
    );
    // /queue loaded again: reloaded in its tab (F5), then opened in new tabs of the same browser, one after another.
    // The hashed bundles come from the HTTP cache (kept a year, immutable) either way; the session check, the reads and
    // everything the page builds are as on a first visit. What else a reload keeps (its renderer process, and with it
    // compiled code) a new tab may not: the figures say. A browser restarted with a persistent profile (a caseworker's
    // next morning) is not measured here.
    const reloads: QueueBrowserRun['reloads'] = [];
    for (let visit = 0; visit < REPEAT_VISITS; visit++) {
      reloads.push(await openQueue(page, cdp));
      await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    }
    await page.close();
    const newTabs: QueueBrowserRun['newTabs'] = [];
    for (let visit = 0; visit < REPEAT_VISITS; visit++) {
      const again = await context.newPage();
      newTabs.push(await openQueue(again, await context.newCDPSession(again)));
      await again.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
      await again.close();
    }
    return {
      firstRowMs,
      firstRowInDomMs,
      reloads,
      newTabs,
      firstRowTimeline,
      windowStatus,
      countLabel,
      idleSeconds: opts.idleSeconds,
      idleRequests,
      idleEvents,
      countAfterIdle,
      countAfterArrivals,
      inserts: opts.inserts,
      mainThreadMsPerInsert,
      arrivedInWindow,
      traceSelfMs,
      profiled: opts.profile !== undefined,
    };
  } finally {
    await browser.close();
  }
}

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
  'v8.execute',
  'blink',
  'toplevel',
];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/**
 * Where the page's main thread spent its time: self time (an event's duration less its children's) of every complete
 * event on the renderer's main thread, summed by name and divided by the arrivals. Script shows as FunctionCall and
 * v8 events, rendering as UpdateLayoutTree (style), Layout, PrePaint, Paint, Layerize and the like.
 */
function mainThreadSelfTime(trace: { traceEvents: TraceEvent[] }, arrivals: number): Array<[string, number]> {
  // A trace may name several renderer main threads (a spare renderer, about:blank): the page's is the busiest one.
  const busiest = new Map<string, number>();
  const mains = new Set(
    trace.traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  for (const e of trace.traceEvents) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && mains.has(key)) busiest.set(key, (busiest.get(key) ?? 0) + (e.dur ?? 0));
  }
  const main = [...busiest.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) return [];
  // Complete events only (ph X): Chrome writes one when it ends, so of two with the same start and length the later
  // one written is the outer one, and comes first here.
  const events = trace.traceEvents
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.dur !== undefined)
    .sort((a, b) => a.e.ts - b.e.ts || (b.e.dur ?? 0) - (a.e.dur ?? 0) || b.i - a.i)
    .map(({ e }) => e);
  const self = new Map<string, number>();
  const stack: Array<{ name: string; end: number }> = [];
  for (const e of events) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    const dur = e.dur ?? 0;
    self.set(e.name, (self.get(e.name) ?? 0) + dur);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - dur);
    stack.push({ name: e.name, end: e.ts + dur });
  }
  return [...self.entries()]
    .map(([name, us]): [string, number] => [name, us / 1000 / Math.max(1, arrivals)])
    .filter(([, ms]) => ms >= 0.05)
    .sort((a, b) => b[1] - a[1]);
}

const count = (c: QueueBrowserRun['countAfterIdle']) => `${c.shown ?? '?'} (the API's: ${c.api}${c.shown === c.api ? '' : ', DIFFERENT'})`;

const visits = (list: QueueBrowserRun['reloads']) => list.map((v) => `${v.drawn.toFixed(0)} ms (${v.domReady.toFixed(0)})`).join(', ');

export function queueBrowserText(run: QueueBrowserRun, open: number): string {
  return (
    `\nh) The queue in Chromium (1440×900, caseworker) at ${open} open cases\n` +
    `  first row drawn ${run.firstRowMs.toFixed(0)} ms after navigating to /queue (the page's clock: in the DOM at ${run.firstRowInDomMs.toFixed(0)} ms, then the frame that draws it); "${run.countLabel}"` +
    (run.windowStatus ? `; "${run.windowStatus}"` : '; the whole queue held') +
    `\n  until then (ms from navigation): ${run.firstRowTimeline.join(', ')}` +
    `\n  loaded again after the rest (its scripts from the HTTP cache), first row drawn (DOM ready): reloaded in its tab ${visits(run.reloads)}; opened in a new tab ${visits(run.newTabs)}` +
    `\n  idle ${run.idleSeconds} s (past the minute re-scoring): ${run.idleRequests.length} HTTP requests` +
    (run.idleRequests.length ? ` (${run.idleRequests.join(', ')})` : '') +
    `; the socket brought ${
      Object.entries(run.idleEvents)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ') || 'nothing'
    }; the queue's count shown then ${count(run.countAfterIdle)}, and after the arrivals ${count(run.countAfterArrivals)}` +
    `\n  ${run.inserts} live arrivals, ¼ s apart: ${run.mainThreadMsPerInsert.toFixed(1)} ms of main-thread work each (Chrome TaskDuration,` +
    (run.traceSelfMs ? ' traced: the tracing adds to it, so compare it with traced runs only,' : '') +
    (run.profiled ? ' profiled: the sampling adds to it, so compare it with profiled runs only,' : '') +
    ` rendering included); ${run.arrivedInWindow} of them drawn (ranked among the rows on screen or in the viewport's buffer)` +
    (run.traceSelfMs
      ? `\n  where it went (trace, self time per arrival, the 14 largest): ${run.traceSelfMs
          .slice(0, 14)
          .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
          .join(', ')}`
      : '') +
    `\n  targets (issue 16, at 10,000 open): first row ≤ 1.0 s (on a first visit; later visits are printed beside it); ≤ 16 ms per live insert; an idle queue makes no requests`
  );
}
