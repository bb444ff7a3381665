import { DateTime } from 'luxon';
import type { ServiceKind } from './eligibility';
import { HUB_TIME_ZONE } from './hub-time-zone';
import type { FieldError } from './problem';
import { resolvePeriod } from './reporting-period';
import { round, type FeltSafer } from './outcomes';
import type { SourceSystem } from './report';

/**
 * The force dashboard (issue 14, the WEPROTECT dashboard): for a force lead, what happened to the referrals their
 * own force's officers made. Aggregates only, and small numbers suppressed before they leave the API; every figure
 * is defined in docs/force-dashboard.md, with the same definitions as the hub's outcomes dashboard (outcomes.ts).
 */

/** A count 1–4, shown as "<5" (primary suppression). */
export const SMALL = '<5' as const;
/** A count of 5 or more hidden so that a "<5" cell cannot be worked out by subtraction (secondary suppression). */
export const CONCEALED = '[c]' as const;
/** Counts below this (and above 0) are never published. */
export const SUPPRESSION_THRESHOLD = 5;

/** A published count: 0, 5 or more, "<5" (1–4) or "[c]" (hidden to protect a "<5" cell). */
export type Count = number | typeof SMALL | typeof CONCEALED;
/**
 * A published share (0–1) or median: null when there is nothing to base it on (0), "<5" when fewer than 5, "[c]"
 * when its base is itself hidden.
 */
export type Measure = number | null | typeof SMALL | typeof CONCEALED;

export function isSuppressed(v: Count | Measure): v is typeof SMALL | typeof CONCEALED {
  return v === SMALL || v === CONCEALED;
}

/** How a cell of a partition is published: as it is (null), "<5" (primary) or "[c]" (secondary). */
export type CellMark = 'small' | 'concealed' | null;

/** What a reader knows of a hidden cell from its marker alone: "<5" is 1–4, "[c]" is at least 5. */
const MARKER_RANGE = { small: [1, SUPPRESSION_THRESHOLD - 1], concealed: [SUPPRESSION_THRESHOLD, Infinity] } as const;

/**
 * True when no hidden cell of a partition can be worked out exactly by someone who knows the published cells, the
 * markers' ranges ("<5" 1–4, "[c]" ≥ 5, and, because cells are hidden smallest first, "[c]" ≤ the smallest published
 * non-zero cell) and, when it is published, the total (so the hidden cells' sum).
 */
function partitionProtected(total: number, parts: readonly number[], marks: readonly CellMark[], totalPublished: boolean): boolean {
  const hidden = marks.flatMap((m, i) => (m ? [i] : []));
  if (!hidden.length) return true;
  const publishedNonZero = parts.filter((n, i) => !marks[i] && n > 0);
  const ceiling = publishedNonZero.length ? Math.min(...publishedNonZero) : Infinity;
  const ranges = hidden.map((i) => {
    const [lo, hi] = MARKER_RANGE[marks[i] as 'small' | 'concealed'];
    return [lo, marks[i] === 'concealed' ? Math.min(hi, ceiling) : hi] as const;
  });
  if (!totalPublished) return ranges.every(([lo, hi]) => lo < hi);
  const sum = hidden.reduce((a, i) => a + parts[i], 0);
  // The rule as ONS guidance puts it: at least two hidden cells, together at least 5 …
  if (hidden.length < 2 || sum < SUPPRESSION_THRESHOLD) return false;
  // … and no hidden cell pinned by the sum and the others' ranges (e.g. "<5", "<5", "[c]" adding up to 7 is 1, 1, 5).
  return ranges.every(([lo, hi], i) => {
    const others = ranges.filter((_, j) => j !== i);
    const othersLo = others.reduce((a, [l]) => a + l, 0);
    const othersHi = others.reduce((a, [, h]) => a + h, 0);
    return Math.max(lo, sum - othersHi) < Math.min(hi, sum - othersLo);
  });
}

/**
 * Small-number disclosure control over one set of cells that add up to a total (a "partition": the months of a
 * period, the teams, the areas, the answers to one question). ONS disclosure control guidance:
 *
 * 1. Primary: a cell of 1–4 is "<5". A 0 stays 0 (and is information: a reader knows it).
 * 2. Secondary: if any cell is hidden and the total is published, further cells are hidden ("[c]"), smallest non-zero
 *    first, until the hidden cells are at least two, add up to at least 5, and none of them can be pinned to one
 *    value from the total, the published cells and the markers' ranges. If hiding every non-zero cell is not enough,
 *    the total is hidden (`totalHidden`).
 * 3. With the total hidden (`totalPublished` false, because another partition of the same total needed it hidden),
 *    at least one non-zero cell is hidden, or the published cells would add up to the total.
 */
export function suppressPartition(
  total: number,
  parts: readonly number[],
  totalPublished = !(total > 0 && total < SUPPRESSION_THRESHOLD),
): { cells: CellMark[]; totalHidden: boolean } {
  const cells: CellMark[] = parts.map((n) => (n > 0 && n < SUPPRESSION_THRESHOLD ? 'small' : null));
  // A total of 1–4 is itself "<5", and then every non-zero part is 1–4 too and already hidden.
  if (total > 0 && total < SUPPRESSION_THRESHOLD) return { cells, totalHidden: true };
  const needsOne = !totalPublished && total > 0;
  while ((needsOne && !cells.some((m) => m)) || (cells.some((m) => m) && !partitionProtected(total, parts, cells, totalPublished))) {
    let next = -1;
    parts.forEach((n, i) => {
      if (cells[i] === null && n > 0 && (next < 0 || n < parts[next])) next = i;
    });
    if (next < 0) return { cells, totalHidden: true };
    cells[next] = 'concealed';
  }
  return { cells, totalHidden: !totalPublished };
}

/** A count as published on its own (no partition): 1–4 → "<5". */
export function publishCount(n: number): Count {
  return n > 0 && n < SUPPRESSION_THRESHOLD ? SMALL : n;
}

/**
 * A share, mean or median as published: null when its base is 0, "<5" when the base is 1–4, "[c]" when any count it
 * is computed from is hidden (the base, or a cell of the distribution it summarises: a mean of five scores with
 * three hidden cells and two published zeros gives the hidden cells back), else the value.
 */
export function publishMeasure(value: number | null, base: number, anyInputHidden = false): Measure {
  if (base <= 0 || value === null) return null;
  if (base < SUPPRESSION_THRESHOLD) return SMALL;
  if (anyInputHidden) return CONCEALED;
  return value;
}

const markCount = (n: number, m: CellMark): Count => (m === 'small' ? SMALL : m === 'concealed' ? CONCEALED : n);

/**
 * Several tables whose numeric columns are each a partition of the same published total (the months, the teams, the
 * areas and the channels all add up to the referrals): each column of each table suppressed by `suppressPartition`.
 * If any table needs a column's total hidden, it is hidden in all of them (and every table then hides at least one
 * cell of that column), since one fully published table would give it back. Returns the tables and the totals as
 * published.
 */
export function suppressTables<K extends string, R extends Record<K, number>>(
  tables: ReadonlyArray<readonly R[]>,
  columns: readonly K[],
  totals: Readonly<Record<K, number>>,
): { tables: Array<Array<Omit<R, K> & Record<K, Count>>>; totals: Record<K, Count> } {
  const out = tables.map((rows) => rows.map((r) => ({ ...r }) as Record<string, unknown>));
  const publishedTotals = {} as Record<K, Count>;
  for (const c of columns) {
    let marks = tables.map((rows) =>
      suppressPartition(
        totals[c],
        rows.map((r) => r[c]),
      ),
    );
    const hidden = marks.some((m) => m.totalHidden);
    if (hidden && !(totals[c] > 0 && totals[c] < SUPPRESSION_THRESHOLD))
      marks = tables.map((rows) =>
        suppressPartition(
          totals[c],
          rows.map((r) => r[c]),
          false,
        ),
      );
    publishedTotals[c] = hidden ? (totals[c] < SUPPRESSION_THRESHOLD ? SMALL : CONCEALED) : totals[c];
    tables.forEach((rows, t) => rows.forEach((r, i) => (out[t][i][c] = markCount(r[c], marks[t].cells[i]))));
  }
  return { tables: out as Array<Array<Omit<R, K> & Record<K, Count>>>, totals: publishedTotals };
}

/** One table whose numeric columns are each a partition of a total (`suppressTables` with one table). */
export function suppressTable<K extends string, R extends Record<K, number>>(
  rows: readonly R[],
  columns: readonly K[],
  totals: Readonly<Record<K, number>>,
): { rows: Array<Omit<R, K> & Record<K, Count>>; totals: Record<K, Count> } {
  const r = suppressTables([rows], columns, totals);
  return { rows: r.tables[0], totals: r.totals };
}

/** Referral channels, by the report's `source.system`. */
export const FORCE_CHANNELS: readonly SourceSystem[] = ['officer-app', 'records-feed', 'csv-import'];
export const FORCE_CHANNEL_LABELS: Readonly<Record<SourceSystem, string>> = {
  'officer-app': 'Officer app',
  'records-feed': 'Records feed',
  'csv-import': 'CSV import',
};

/** A row by month ("2026-11", London), team or area. */
export interface ForceCohortRow {
  /** Cases received from the force's reports (referrals). */
  referrals: Count;
  /** Of those, victims reached (a contact attempt `spoke-safe`) so far. */
  contacted: Count;
  /** Of those, reached within 24 hours of receipt. */
  contactedWithin24h: Count;
}

export interface ForceDashboard {
  /**
   * The period actually used: whole London calendar months, `from` the 1st of its month and `to` the last day of its
   * month, inclusive (`forceDashboardPeriod`). May be wider than the dates asked for (`requested`).
   */
  from: string;
  to: string;
  /** The dates the request asked for (or the defaults), before widening to whole months. */
  requested: { from: string; to: string };
  /**
   * The weekly snapshot: every figure is counted as the hub's records stood at this instant, 00:00 London on the most
   * recent Monday (ISO). Nothing received, recorded or sent after it counts, so a figure changes at most once a week.
   */
  snapshotAt: string;
  /** The last London date whose events are counted: `to`, or the Sunday before `snapshotAt` if that is earlier. */
  countedTo: string;
  /** The signed-in force lead's own force (never a parameter). */
  force: string;
  generatedAt: string;
  totals: {
    referrals: Count;
    contacted: Count;
    /** contacted ÷ referrals, 0–1. */
    contactRate: Measure;
    contactedWithin24h: Count;
    /** contactedWithin24h ÷ referrals, 0–1 (WEPROTECT: the legal advisor contacts the victim within 24 hours). */
    within24hRate: Measure;
    /** Median wall-clock hours from receipt to the first safe conversation, over the victims reached. */
    medianHoursToFirstContact: Measure;
    /** Referrals on to partner agencies sent in the period (for the force's cases). */
    referralsOn: Count;
    /** Of those, accepted by the agency so far. */
    referralsOnAccepted: Count;
  };
  byMonth: Array<{ month: string } & ForceCohortRow>;
  /**
   * The reporting officer's team (report `officer.team`; "Not recorded" when absent). Only teams with at least 5
   * referrals are named; the rest are one row `OTHER_TEAMS`, last.
   */
  byTeam: Array<{ team: string } & ForceCohortRow>;
  /** The incident area (the case's area). Only areas with at least 5 referrals are named; the rest are `OTHER_AREAS`. */
  byArea: Array<{ area: string } & ForceCohortRow>;
  /**
   * How the case's first report reached the hub, from how it arrived, not what its body says: a CSV import →
   * `csv-import`, an officer's submission → `officer-app`, a feed key → the body's `source.system` (`records-feed`
   * when it names a channel a feed cannot be).
   */
  byChannel: Array<{ channel: SourceSystem; referrals: Count }>;
  /** Referrals on, by agency (partner) and kind of service. */
  byAgency: Array<{ partnerName: string; kind: ServiceKind | 'unknown'; sent: Count; accepted: Count }>;
  /** Legal outcomes recorded by partners in the period. "Applied for" = decided applications (granted + refused). */
  legal: { ordersAppliedFor: Count; ordersGranted: Count; ordersRefused: Count };
  /** Satisfaction surveys recorded at closure in the period (outcomes.ts: score 1–5, felt safer). */
  satisfaction: {
    responses: Count;
    meanScore: Measure;
    byScore: Array<{ score: number; count: Count }>;
    feltSafer: Array<{ answer: FeltSafer; count: Count }>;
  };
}

/** The figures of a force dashboard: everything but its period and whom it is for. */
export type ForceFigures = Pick<
  ForceDashboard,
  'totals' | 'byMonth' | 'byTeam' | 'byArea' | 'byChannel' | 'byAgency' | 'legal' | 'satisfaction'
>;

/**
 * One calendar month's figures exactly as a dashboard of that month alone publishes them (suppressed by
 * `suppressTables` over the month's own partitions): nothing else about the month, so a period built from months can
 * only depend on what the months publish.
 */
export interface ForceMonth {
  /** The month's referrals, victims contacted and contacted within 24 hours: its one `byMonth` row. */
  row: { month: string } & ForceCohortRow;
  byTeam: ForceFigures['byTeam'];
  byArea: ForceFigures['byArea'];
  byChannel: ForceFigures['byChannel'];
  byAgency: ForceFigures['byAgency'];
  referralsOn: Count;
  referralsOnAccepted: Count;
  legal: ForceFigures['legal'];
  satisfaction: Omit<ForceFigures['satisfaction'], 'meanScore'>;
}

/**
 * A figure of several months from the months' published figures: their sum when every one is a number; the one
 * hidden figure's own marker when it is the only non-zero one (nothing is added to it); else "[c]". A sum is never
 * taken of a hidden figure, so nothing here can be worked out that the months do not already publish.
 */
export function combineCounts(values: readonly Count[]): Count {
  const hidden = values.filter((v) => isSuppressed(v));
  const sum = values.reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0);
  if (!hidden.length) return sum;
  return hidden.length === 1 && sum === 0 ? hidden[0] : CONCEALED;
}

/** A share of two published counts: null on a base of 0; a hidden base's or numerator's marker; else the share. */
function publishedShare(numerator: Count, base: Count): Measure {
  if (base === 0) return null;
  if (isSuppressed(base)) return base;
  if (isSuppressed(numerator)) return numerator;
  return round(numerator / base, 3);
}

/** Published rows sorted by their published figure (largest first, hidden ones after), then by name: no order of raw counts. */
function byPublished<R>(rows: R[], figure: (r: R) => Count, name: (r: R) => string): R[] {
  const rank = (v: Count) => (typeof v === 'number' ? v : -1);
  return rows.sort((a, b) => rank(figure(b)) - rank(figure(a)) || name(a).localeCompare(name(b)));
}

const COHORT_COLUMNS = ['referrals', 'contacted', 'contactedWithin24h'] as const;
type CohortColumn = (typeof COHORT_COLUMNS)[number];

/**
 * Named rows (teams or areas) of several months. A name is listed when some month names it (5 or more referrals that
 * month), and its figures add up **the months that name it**; in a month that does not, its referrals (if any) are in
 * that month's "Other" row, and the period's "Other" row adds up the months' "Other" rows. So each row is a sum of
 * published month rows and the rows still add up to the total. (Whether a month folded a name, rather than the name
 * having none there, is not published, so nothing here may depend on it: a review found that hiding a listed name's
 * figure where a month folded it told a reader exactly which teams had a referral in a "<5" month.)
 */
function combineNamed(
  months: readonly ForceMonth[],
  rowsOf: (m: ForceMonth) => ReadonlyArray<{ name: string } & ForceCohortRow>,
  other: string,
): Array<{ name: string } & ForceCohortRow> {
  const names = [...new Set(months.flatMap((m) => rowsOf(m).map((r) => r.name)))].filter((n) => n !== other);
  const combined = (name: string) => {
    const row = { name } as { name: string } & ForceCohortRow;
    for (const c of COHORT_COLUMNS) row[c] = combineCounts(months.map((m) => rowsOf(m).find((r) => r.name === name)?.[c] ?? 0));
    return row;
  };
  const out = byPublished(
    names.map(combined),
    (r) => r.referrals,
    (r) => r.name,
  );
  if (months.some((m) => rowsOf(m).some((r) => r.name === other))) out.push(combined(other));
  return out;
}

/** Rows with fixed keys (channels, agencies, answers) of several months, each figure combined over the months. */
function combineKeyed<R extends object, C extends keyof R & string>(
  lists: ReadonlyArray<readonly R[]>,
  key: (r: R) => string,
  columns: readonly C[],
): R[] {
  const keys = [...new Set(lists.flatMap((l) => l.map(key)))];
  return keys.map((k) => {
    const first = lists.flatMap((l) => l.filter((r) => key(r) === k))[0];
    const row = { ...first } as R;
    for (const c of columns)
      (row as Record<string, unknown>)[c] = combineCounts(lists.map((l) => (l.find((r) => key(r) === k)?.[c] as Count | undefined) ?? 0));
    return row;
  });
}

/**
 * A period's figures from its months' own figures (disclosure control against differencing overlapping periods,
 * docs/force-dashboard.md): every figure of the period is the sum of the same figure of its months **as each month
 * publishes it alone**, and hidden ("[c]", or the one month's marker) as soon as any month hides a part of it. So
 * whatever two periods a reader compares — January–March against February–March — the difference is a sum of figures
 * the months already publish, and no month's hidden figure comes back. A month with one month's data is that month.
 *
 * Shares and the mean score are computed from the published figures; the median hours to first contact, which no sum
 * of months gives, is `medianHours` (the period's own median) and published only when every month's count of victims
 * contacted is a published number (0 or at least 5), so two periods differ by at least 5 contacted victims.
 */
export function combineForceMonths(months: readonly ForceMonth[], medianHours: number | null): ForceFigures {
  const byMonth = months.map((m) => m.row);
  const total = (c: CohortColumn) => combineCounts(byMonth.map((r) => r[c]));
  const referrals = total('referrals');
  const contacted = total('contacted');
  const contactedWithin24h = total('contactedWithin24h');
  const byTeam = combineNamed(months, (m) => m.byTeam.map(({ team, ...r }) => ({ name: team, ...r })), OTHER_TEAMS).map(
    ({ name, ...r }) => ({ team: name, ...r }),
  );
  const byArea = combineNamed(months, (m) => m.byArea.map(({ area, ...r }) => ({ name: area, ...r })), OTHER_AREAS).map(
    ({ name, ...r }) => ({ area: name, ...r }),
  );
  const byChannel = combineKeyed(
    months.map((m) => m.byChannel),
    (r) => r.channel,
    ['referrals'],
  );
  const byAgency = byPublished(
    combineKeyed(
      months.map((m) => m.byAgency),
      (r) => `${r.partnerName}\u0000${r.kind}`,
      ['sent', 'accepted'],
    ),
    (r) => r.sent,
    (r) => `${r.partnerName} ${r.kind}`,
  );
  const legal = {
    ordersAppliedFor: combineCounts(months.map((m) => m.legal.ordersAppliedFor)),
    ordersGranted: combineCounts(months.map((m) => m.legal.ordersGranted)),
    ordersRefused: combineCounts(months.map((m) => m.legal.ordersRefused)),
  };
  const responses = combineCounts(months.map((m) => m.satisfaction.responses));
  const byScore = combineKeyed(
    months.map((m) => m.satisfaction.byScore),
    (r) => String(r.score),
    ['count'],
  );
  const feltSafer = combineKeyed(
    months.map((m) => m.satisfaction.feltSafer),
    (r) => r.answer,
    ['count'],
  );
  // The mean from the published score cells: with any of them hidden it would give them back.
  let meanScore: Measure;
  if (responses === 0) meanScore = null;
  else if (isSuppressed(responses)) meanScore = responses;
  else if (byScore.some((s) => isSuppressed(s.count))) meanScore = CONCEALED;
  else meanScore = round(byScore.reduce((a, s) => a + s.score * (s.count as number), 0) / responses, 2);
  let median: Measure;
  if (contacted === 0) median = null;
  else if (isSuppressed(contacted)) median = contacted;
  else if (byMonth.some((r) => isSuppressed(r.contacted))) median = CONCEALED;
  else median = round(medianHours);
  return {
    totals: {
      referrals,
      contacted,
      contactRate: publishedShare(contacted, referrals),
      contactedWithin24h,
      within24hRate: publishedShare(contactedWithin24h, referrals),
      medianHoursToFirstContact: median,
      referralsOn: combineCounts(months.map((m) => m.referralsOn)),
      referralsOnAccepted: combineCounts(months.map((m) => m.referralsOnAccepted)),
    },
    byMonth,
    byTeam,
    byArea,
    byChannel,
    byAgency,
    legal,
    satisfaction: { responses, meanScore, byScore, feltSafer },
  };
}

/** Longest period the dashboard answers for (as asked; widened to whole months it may touch one more month). */
export const FORCE_DASHBOARD_MAX_MONTHS = 24;

/** The row that stands for every team, or area, with fewer than 5 referrals: free text is never named for a few cases. */
export const OTHER_TEAMS = 'Other teams';
export const OTHER_AREAS = 'Other areas';

/** The force dashboard's period: whole London months, counted as at the weekly snapshot. */
export interface ForceDashboardPeriod {
  /** Whole months: the 1st of `from`'s month … the last day of `to`'s month (London dates, inclusive). */
  from: string;
  to: string;
  requested: { from: string; to: string };
  /** 00:00 London on the most recent Monday (today, if today is a Monday). */
  snapshotAt: Date;
  /** The instants counted: [start of `from`, min(end of `to`, snapshotAt)). `end` is never before `start`. */
  start: Date;
  end: Date;
  /** The last London date counted (the day before `end`); the day before `from` when nothing can be counted yet. */
  countedTo: string;
}

/**
 * Reads `?from=&to=` for the force dashboard (disclosure control against differencing, docs/force-dashboard.md):
 * the dates are checked as the outcomes dashboard checks them (malformed, `to` before `from`, more than 24 months →
 * field errors), then widened — never refused — to whole London calendar months, and everything is counted only up
 * to the weekly snapshot (00:00 London, most recent Monday). Two periods that differ by a day therefore give the
 * same figures, and re-reading one period the next day does too.
 */
export function forceDashboardPeriod(
  from: string | undefined,
  to: string | undefined,
  now = new Date(),
): { period: ForceDashboardPeriod; errors?: undefined } | { period?: undefined; errors: FieldError[] } {
  const asked = resolvePeriod(from, to, {
    now,
    max: { months: FORCE_DASHBOARD_MAX_MONTHS },
    maxText: `${FORCE_DASHBOARD_MAX_MONTHS} months`,
  });
  if (asked.errors) return { errors: asked.errors };
  const first = DateTime.fromISO(asked.period.from, { zone: HUB_TIME_ZONE }).startOf('month');
  const last = DateTime.fromISO(asked.period.to, { zone: HUB_TIME_ZONE }).endOf('month').startOf('day');
  const snapshot = DateTime.fromJSDate(now).setZone(HUB_TIME_ZONE).startOf('week').startOf('day');
  const monthsEnd = last.plus({ days: 1 });
  const end = DateTime.max(first, DateTime.min(monthsEnd, snapshot));
  return {
    period: {
      from: first.toISODate() as string,
      to: last.toISODate() as string,
      requested: { from: asked.period.from, to: asked.period.to },
      snapshotAt: snapshot.toJSDate(),
      start: first.toJSDate(),
      end: end.toJSDate(),
      countedTo: end.minus({ days: 1 }).toISODate() as string,
    },
  };
}
