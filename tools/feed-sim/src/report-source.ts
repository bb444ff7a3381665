import { existsSync, readFileSync } from 'node:fs';
import type { PoliceReport, RiskGrade } from '../../../libs/shared/domain/src/index.ts';
import { generateReport } from './shared-libs.ts';

/**
 * Where the simulated feed's reports come from, rewritten so every one is new and current:
 * a fresh reference for this run, incident/consent times shifted so the report was made "now"
 * (keeping the gap between occurrence and report), source.sentAt = now.
 */
export type SourceKind = 'samples' | 'generated';

export interface NextReport {
  report: PoliceReport;
  /** A later revision of a reference this run already sent (wait for that one to be answered first). */
  isRevision: boolean;
}

/** ISO 8601 UTC to the second, as the police feeds send it. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A short tag unique to this run, usable in a reference (A-Z0-9). */
export function runTag(): string {
  return (
    (Date.now() % 36 ** 4).toString(36).padStart(4, '0').toUpperCase() +
    Math.floor(Math.random() * 36 ** 2)
      .toString(36)
      .padStart(2, '0')
      .toUpperCase()
  );
}

/** "HC/2026/010042" → "HC/2026/F<tag>-000042-ish": keeps the force's prefix, the number is this run's. */
export function freshReference(original: string, tag: string, n: number): string {
  const prefix = /^(.*?)[0-9]*$/.exec(original)?.[1] ?? '';
  return `${prefix}F${tag}-${String(n).padStart(5, '0')}`;
}

/** Shifts every instant in the report by `deltaMs`; source.sentAt becomes `nowMs`. Returns a copy. */
export function shiftTimes(report: PoliceReport, deltaMs: number, nowMs: number): PoliceReport {
  const r = structuredClone(report);
  const shift = (v: string) => isoSeconds(Date.parse(v) + deltaMs);
  r.incident.occurredAt = shift(r.incident.occurredAt);
  r.incident.reportedAt = shift(r.incident.reportedAt);
  if (r.consent?.recordedAt) r.consent.recordedAt = shift(r.consent.recordedAt);
  r.source.sentAt = isoSeconds(nowMs);
  return r;
}

const REGRADE: Record<RiskGrade, RiskGrade> = { standard: 'medium', medium: 'high', high: 'high' };

interface Sent {
  report: PoliceReport;
  /** The time shift applied to revision 1, reused for later revisions of the same reference. */
  deltaMs: number;
}

export class ReportSource {
  readonly kind: SourceKind;
  private readonly samples: PoliceReport[];
  private readonly tag = runTag();
  private n = 0;
  private cursor = 0;
  private cycle = 0;
  /** Sample reference (per pass over the file) → what this run sent for it. */
  private readonly sampleRefs = new Map<string, Sent>();
  /** Generated references recently sent, candidates for a synthetic revision. */
  private readonly recent: Sent[] = [];
  /** Generated reports: a per-run index base, so runs don't repeat the same people. */
  private readonly genBase = 1000 + Math.floor(Math.random() * 40_000);

  constructor(
    kind: SourceKind,
    samplesPath: string,
    private readonly revisions: boolean,
    private readonly random: () => number = Math.random,
  ) {
    this.kind = kind;
    this.samples = kind === 'samples' ? loadSamples(samplesPath) : [];
  }

  get runTag(): string {
    return this.tag;
  }

  next(now = Date.now()): NextReport {
    return this.kind === 'samples' ? this.nextSample(now) : this.nextGenerated(now);
  }

  /**
   * Walks the file in order (and round again when it ends). The file's own revision-2 rows follow their
   * revision 1 (about 6% of rows): they are sent as revisions of this run's copy, or skipped with --no-revisions.
   */
  private nextSample(now: number): NextReport {
    for (;;) {
      if (this.cursor >= this.samples.length) {
        this.cursor = 0;
        this.cycle++;
        this.sampleRefs.clear();
      }
      const sample = this.samples[this.cursor++];
      const earlier = this.sampleRefs.get(sample.reference);
      if (sample.revision > 1 && earlier) {
        if (!this.revisions) continue;
        const r = shiftTimes(sample, earlier.deltaMs, now);
        r.reference = earlier.report.reference;
        r.revision = earlier.report.revision + 1;
        earlier.report = r;
        return { report: r, isRevision: true };
      }
      const deltaMs = now - Date.parse(sample.incident.reportedAt);
      const r = shiftTimes(sample, deltaMs, now);
      r.reference = freshReference(sample.reference, this.tag, ++this.n);
      r.revision = 1;
      this.sampleRefs.set(sample.reference, { report: r, deltaMs });
      return { report: r, isRevision: false };
    }
  }

  /** generateReport(i, {now}); with --revisions about 5% are a re-graded revision of a recent report instead. */
  private nextGenerated(now: number): NextReport {
    if (this.revisions && this.recent.length && this.random() < 0.05) {
      const earlier = this.recent[Math.floor(this.random() * this.recent.length)];
      const r = structuredClone(earlier.report);
      r.revision += 1;
      r.source.sentAt = isoSeconds(now);
      const assessment = r.officerRiskAssessment;
      if (assessment) {
        assessment.riskLevel = REGRADE[assessment.riskLevel];
        assessment.rationale = 'Re-graded after supervisor review.';
      } else {
        r.incident.summary += ' Further information added by the officer.';
      }
      earlier.report = r;
      return { report: r, isRevision: true };
    }
    const i = this.genBase + this.n;
    const r = generateReport(i, { now: new Date(now) });
    r.reference = freshReference(r.reference, this.tag, ++this.n);
    this.recent.push({ report: r, deltaMs: 0 });
    if (this.recent.length > 50) this.recent.shift();
    return { report: r, isRevision: false };
  }
}

export function loadSamples(path: string): PoliceReport[] {
  if (!existsSync(path)) throw new Error(`sample reports not found: ${path}`);
  const reports = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as PoliceReport);
  if (!reports.length) throw new Error(`no reports in ${path}`);
  return reports;
}
