/**
 * Lantern feed simulator: streams police reports into a running API's intake at a chosen rate.
 *   npm run feed -- --rate 2            (until Ctrl-C)
 *   npm run feed -- --rate 5 --count 20
 * See tools/feed-sim/README.md. Talks to the API over HTTP only.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ReportSource, type SourceKind } from './report-source.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SAMPLES = join(REPO_ROOT, '..', 'shared', 'data', 'sample-reports.jsonl');
const INTAKE = '/api/v1/intake/reports';
const DEMO_BURST = 36;
const MAX_IN_FLIGHT = 32;

const USAGE = `Usage: npm run feed -- [options]
  --rate N          reports per second, fractional allowed (default 1)
  --count N         stop after N reports (default: until Ctrl-C)
  --url URL         API base URL (default http://localhost:\${PORT:-3000})
  --key KEY         feed key (default $LANTERN_DEMO_FEED_KEY or demo-feed-key)
  --source S        samples | generated (default: samples when ../shared/data/sample-reports.jsonl exists)
  --demo            send ${DEMO_BURST} reports at once first, then continue at --rate
  --no-revisions    never send revisions (default: ~5% are revision 2+ of an earlier report)
  --quiet           print only the summary`;

interface Options {
  url: string;
  key: string;
  rate: number;
  count: number | null;
  source: SourceKind;
  demo: boolean;
  revisions: boolean;
  quiet: boolean;
}

function fail(message: string): never {
  console.error(`feed-sim: ${message}`);
  process.exit(2);
}

function parseOptions(argv: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowNegative: true,
      options: {
        url: { type: 'string' },
        key: { type: 'string' },
        rate: { type: 'string' },
        count: { type: 'string' },
        source: { type: 'string' },
        demo: { type: 'boolean', default: false },
        revisions: { type: 'boolean', default: true },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const rate = values.rate === undefined ? 1 : Number(values.rate);
  if (!Number.isFinite(rate) || rate <= 0 || rate > 10_000) fail('--rate must be a number above 0 (reports per second)');
  const count = values.count === undefined ? null : Number(values.count);
  if (count !== null && (!Number.isInteger(count) || count < 1)) fail('--count must be a whole number of at least 1');
  const source = (values.source ?? (existsSync(SAMPLES) ? 'samples' : 'generated')) as SourceKind;
  if (source !== 'samples' && source !== 'generated') fail('--source must be samples or generated');
  if (source === 'samples' && !existsSync(SAMPLES)) fail(`--source samples: ${SAMPLES} does not exist`);
  return {
    url: (values.url ?? `http://localhost:${process.env['PORT'] || 3000}`).replace(/\/+$/, ''),
    key: values.key ?? (process.env['LANTERN_DEMO_FEED_KEY'] || 'demo-feed-key'),
    rate,
    count,
    source,
    demo: values.demo,
    revisions: values.revisions,
    quiet: values.quiet,
  };
}

interface Summary {
  sent: number;
  created: number;
  revised: number;
  duplicate: number;
  skipped: number;
  abandoned: number;
  retries429: number;
  errors: Map<string, number>;
}

type Outcome = 'created' | 'revised' | 'duplicate' | 'error' | 'skipped' | 'abandoned';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/** Retry-After is seconds or an HTTP date. */
function retryAfterMs(header: string | null): number {
  if (!header) return 1000;
  const s = Number(header);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - Date.now());
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const source = new ReportSource(opts.source, SAMPLES, opts.revisions);
  const summary: Summary = {
    sent: 0,
    created: 0,
    revised: 0,
    duplicate: 0,
    skipped: 0,
    abandoned: 0,
    retries429: 0,
    errors: new Map(),
  };
  const log = (line: string) => {
    if (!opts.quiet) console.log(line);
  };
  const startedAt = performance.now();

  // Ctrl-C: stop sending, let requests in flight finish, print the summary. A second Ctrl-C quits at once.
  let stopping = false;
  let wake: () => void = () => undefined;
  const stopped = new Promise<void>((r) => (wake = r));
  const onSignal = () => {
    if (stopping) {
      printSummary(summary, startedAt);
      process.exit(130);
    }
    stopping = true;
    wake();
    if (!opts.quiet) console.log('\nstopping: waiting for requests in flight (Ctrl-C again to quit now)…');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const pause = (ms: number) => Promise.race([sleep(ms), stopped]);

  // Fail fast with a clear message when no API is listening.
  try {
    const res = await fetch(`${opts.url}/api/health`, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`GET /api/health answered ${res.status}`);
  } catch (err) {
    fail(
      `cannot reach the Lantern API at ${opts.url} (${(err as Error).cause ?? (err as Error).message}).\n` +
        'Start it (npm start, or node dist/apps/api/main.mjs) or pass --url.',
    );
  }

  log(
    `feed-sim → ${opts.url}${INTAKE}  source=${opts.source}  rate=${opts.rate}/s` +
      `${opts.count ? `  count=${opts.count}` : ''}${opts.demo ? `  demo burst=${DEMO_BURST}` : ''}` +
      `  revisions=${opts.revisions ? 'on' : 'off'}  run=${source.runTag}`,
  );

  let pausedUntil = 0; // set by a 429: nothing new is sent before then
  /** The last request per reference, so a revision goes only after the revision before it was answered. */
  const lastByReference = new Map<string, Promise<Outcome>>();
  const inFlight = new Set<Promise<Outcome>>();
  const countError = (key: string) => summary.errors.set(key, (summary.errors.get(key) ?? 0) + 1);

  async function send(
    seq: number,
    body: string,
    reference: string,
    revision: number,
    risk: string,
    after?: Promise<Outcome>,
  ): Promise<Outcome> {
    if (after) {
      const previous = await after;
      if (previous !== 'created' && previous !== 'revised' && previous !== 'duplicate') {
        summary.skipped++;
        log(`${label(seq)}  ---  skipped     ${reference} r${revision}  (revision ${revision - 1} was not accepted)`);
        return 'skipped';
      }
    }
    for (;;) {
      const wait = pausedUntil - Date.now();
      if (wait > 0) await pause(wait);
      if (stopping && pausedUntil > Date.now()) {
        summary.abandoned++;
        return 'abandoned';
      }
      const t0 = performance.now();
      let res: Response;
      let json: Record<string, unknown> = {};
      try {
        res = await fetch(`${opts.url}${INTAKE}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${opts.key}`, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(30_000),
        });
        json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      } catch (err) {
        summary.sent++;
        countError('network');
        log(`${label(seq)}  ERR  network     ${reference} r${revision}  ${String((err as Error).cause ?? (err as Error).message)}`);
        return 'error';
      }
      const ms = Math.round(performance.now() - t0);
      if (res.status === 429) {
        const waitMs = retryAfterMs(res.headers.get('retry-after'));
        pausedUntil = Math.max(pausedUntil, Date.now() + waitMs);
        summary.retries429++;
        log(`${label(seq)}  429  rate-limited ${reference} r${revision}  waiting ${(waitMs / 1000).toFixed(1)} s (Retry-After)`);
        if (stopping) {
          summary.abandoned++;
          return 'abandoned';
        }
        continue;
      }
      summary.sent++;
      const status = typeof json['status'] === 'string' ? (json['status'] as string) : '';
      const caseId = typeof json['caseId'] === 'string' ? (json['caseId'] as string).slice(0, 8) : '';
      if ((res.status === 201 || res.status === 200) && (status === 'created' || status === 'revised' || status === 'duplicate')) {
        summary[status]++;
        log(`${label(seq)}  ${res.status}  ${status.padEnd(11)} ${reference} r${revision}  ${risk.padEnd(8)} case ${caseId}  ${ms} ms`);
        return status;
      }
      countError(String(res.status));
      // Problem details name the rule and the field path; they never echo the report's values.
      const errors = Array.isArray(json['errors']) ? (json['errors'] as Array<{ path?: string; message?: string }>) : [];
      const why = [json['detail'] ?? json['title'] ?? '', ...errors.slice(0, 3).map((e) => `${e.path} ${e.message}`)]
        .filter(Boolean)
        .join('; ');
      log(`${label(seq)}  ${res.status}  error       ${reference} r${revision}  ${why}`);
      if (res.status === 401 && !stopping) {
        // Every later report would be refused the same way.
        console.error(`feed-sim: the API refused the feed key (${why}); stopping. Pass --key or set LANTERN_DEMO_FEED_KEY.`);
        stopping = true;
        wake();
      }
      return 'error';
    }
  }

  const intervalMs = 1000 / opts.rate;
  let nextAt = performance.now();
  for (let n = 0; !stopping && (opts.count === null || n < opts.count); n++) {
    const inBurst = opts.demo && n < DEMO_BURST;
    if (!inBurst) {
      if (opts.demo && n === DEMO_BURST) nextAt = performance.now() + intervalMs;
      // Paced on an absolute schedule (no drift); after a long stall, don't fire a catch-up burst.
      if (performance.now() - nextAt > 1000) nextAt = performance.now();
      await pause(nextAt - performance.now());
      nextAt += intervalMs;
    }
    if (stopping) break;
    while (inFlight.size >= MAX_IN_FLIGHT && !stopping) await Promise.race([...inFlight, stopped]);
    if (stopping) break;

    const { report, isRevision } = source.next();
    const after = isRevision ? lastByReference.get(report.reference) : undefined;
    const p = send(n + 1, JSON.stringify(report), report.reference, report.revision, report.officerRiskAssessment?.riskLevel ?? '-', after);
    lastByReference.set(report.reference, p);
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    if (lastByReference.size > 5000) lastByReference.delete(lastByReference.keys().next().value as string);
  }
  await Promise.allSettled([...inFlight]);
  printSummary(summary, startedAt);
  // Exit now rather than when idle keep-alive connections and pacing timers run out.
  process.exit(summary.errors.size ? 1 : 0);
}

function label(seq: number): string {
  return `#${String(seq).padStart(4)}`;
}

function printSummary(s: Summary, startedAt: number): void {
  const secs = (performance.now() - startedAt) / 1000;
  const errorCount = [...s.errors.values()].reduce((a, b) => a + b, 0);
  const errors = errorCount ? [...s.errors].map(([k, v]) => `${k}×${v}`).join(', ') : 'none';
  console.log(
    `\nfeed-sim: sent ${s.sent} in ${secs.toFixed(1)} s (${(s.sent / Math.max(secs, 0.001)).toFixed(2)}/s) — ` +
      `created ${s.created}, revised ${s.revised}, duplicate ${s.duplicate}, errors ${errorCount} (${errors})` +
      `${s.skipped ? `, skipped ${s.skipped}` : ''}${s.abandoned ? `, abandoned while rate-limited ${s.abandoned}` : ''}${s.retries429 ? `, 429 retries ${s.retries429}` : ''}`,
  );
}

main().catch((err: Error) => {
  console.error(`feed-sim failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
