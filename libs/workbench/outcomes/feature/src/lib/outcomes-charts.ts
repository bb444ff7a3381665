import {
  REFERRAL_OUTCOMES,
  SATISFACTION_SCORES,
  type AgencyRow,
  type AreaRow,
  type OutcomesReport,
  type OutcomeTable,
  type PeriodRow,
} from '@lantern/shared/domain';
import { closureReasonLabel, feltSaferLabel, themeColour } from '@lantern/workbench/ui';
import type { ChartData } from 'chart.js';

/**
 * OutcomesReport → what the dashboard draws: chart data, the same figures as a table (charts alone are not
 * accessible), and a one-sentence text alternative. Pure, so the numbers on screen are tested here.
 */

export type Granularity = 'month' | 'week';
export type Cell = string | number | null;

export interface TableModel {
  /** The CSV table (`?table=`) holding the same figures. */
  csv: OutcomeTable;
  caption: string;
  columns: string[];
  rows: Cell[][];
}

export interface ChartModel<T extends 'bar' | 'line' = 'bar' | 'line'> {
  data: ChartData<T, Array<number | null>, string>;
  /** The text alternative: what the chart shows, in a sentence or two. */
  summary: string;
  table: TableModel;
  empty: boolean;
}

// themeColour is shared with the force dashboard: @lantern/workbench/ui (format/theme-colour.ts).
export { themeColour };

const SERIES = [
  '--mat-sys-primary',
  '--lantern-success',
  '--mat-sys-tertiary',
  '--lantern-chart-purple',
  '--mat-sys-error',
  '--lantern-chart-teal',
  '--mat-sys-outline',
  '--lantern-chart-brown',
];

/**
 * Theme colours with at least 3:1 contrast against white and against each other's neighbours in a stack; getters,
 * so each chart reads the theme when it is built.
 */
export const COLOURS = {
  get reports() {
    return themeColour('--mat-sys-primary');
  },
  get reached() {
    return themeColour('--lantern-success');
  },
  get hours() {
    return themeColour('--lantern-chart-purple');
  },
  get high() {
    return themeColour('--mat-sys-error');
  },
  get medium() {
    return themeColour('--mat-sys-tertiary');
  },
  get standard() {
    return themeColour('--lantern-success');
  },
  get ungraded() {
    return themeColour('--mat-sys-outline');
  },
  /** A pale grey on purpose: "no outcome yet" is the absence of data, not another category. */
  get pending() {
    return themeColour('--mat-sys-outline-variant');
  },
  get series() {
    return SERIES.map(themeColour);
  },
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "Sep 2026" for a month, "w/c 31 Aug 2026" for a week (its Monday); the same on every ICU build. */
export function periodLabel(period: string, granularity: Granularity): string {
  const [y, m, d] = period.split('-').map(Number);
  const month = `${MONTHS[m - 1]} ${y}`;
  return granularity === 'month' ? month : `w/c ${d} ${month}`;
}

/** An outcome code ('refuge-place-found') as words ("Refuge place found"). */
export function referralOutcomeLabel(code: string): string {
  const words = code.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Hours to one decimal place, or a dash when nobody was reached. */
export function formatHours(h: number | null): string {
  return h === null ? '—' : `${Math.round(h * 10) / 10}`;
}

export function formatRate(r: number | null): string {
  return r === null ? '—' : `${Math.round(r * 1000) / 10}%`;
}

export interface HeadlineFigure {
  key: string;
  label: string;
  value: string;
  /** A second line: what the figure is out of, or how it is counted. */
  detail: string;
}

/** The cards at the top of the dashboard, from `totals`. */
export function headlineFigures(t: OutcomesReport['totals']): HeadlineFigure[] {
  const mean = t.satisfactionMean === null ? '—' : `${Math.round(t.satisfactionMean * 10) / 10}`;
  return [
    { key: 'reports', label: 'Reports received', value: `${t.reportsReceived}`, detail: 'from the police in the period' },
    { key: 'reached', label: 'Victims reached', value: `${t.contacted}`, detail: `contact rate ${formatRate(t.contactRate)}` },
    {
      key: 'hours',
      label: 'Median hours to first contact',
      value: formatHours(t.medianHoursToFirstContact),
      detail: `over ${plural(t.contacted, 'victim')} reached`,
    },
    { key: 'referrals', label: 'Referrals sent', value: `${t.referralsSent}`, detail: `${t.referralsAccepted} accepted so far` },
    { key: 'help', label: 'Victims accessing further help', value: `${t.victimsAccessingHelp}`, detail: 'with a referral accepted' },
    { key: 'orders', label: 'Orders secured', value: `${t.ordersSecured}`, detail: 'protective orders granted' },
    { key: 'closures', label: 'Closures', value: `${t.closures}`, detail: 'cases closed in the period' },
    {
      key: 'satisfaction',
      label: 'Mean satisfaction',
      value: t.satisfactionMean === null ? '—' : `${mean} / 5`,
      detail: `from ${plural(t.satisfactionResponses, 'survey')}; ${t.feltSaferYes} felt safer`,
    },
  ];
}

const unit = (g: Granularity) => (g === 'month' ? 'month' : 'week');

export function volumeChart(rows: PeriodRow[], g: Granularity): ChartModel<'bar'> {
  const labels = rows.map((r) => periodLabel(r.period, g));
  const received = sum(rows.map((r) => r.reportsReceived));
  const reached = sum(rows.map((r) => r.contacted));
  const busiest = rows.reduce<PeriodRow | null>((b, r) => (!b || r.reportsReceived > b.reportsReceived ? r : b), null);
  return {
    data: {
      labels,
      datasets: [
        { label: 'Reports received', data: rows.map((r) => r.reportsReceived), backgroundColor: COLOURS.reports },
        { label: 'Victims reached', data: rows.map((r) => r.contacted), backgroundColor: COLOURS.reached },
      ],
    },
    summary:
      `Bar chart of reports received and victims reached by ${unit(g)}, ${plural(rows.length, unit(g))}: ` +
      `${plural(received, 'report')} received and ${plural(reached, 'victim')} reached in all` +
      (busiest && busiest.reportsReceived ? `; the most reports (${busiest.reportsReceived}) in ${periodLabel(busiest.period, g)}.` : '.'),
    table: periodTable(rows, g, ['Reports received', 'Victims reached'], (r) => [r.reportsReceived, r.contacted]),
    empty: received === 0 && reached === 0,
  };
}

export function hoursChart(rows: PeriodRow[], g: Granularity): ChartModel<'line'> {
  const known = rows.filter((r) => r.medianHoursToFirstContact !== null);
  return {
    data: {
      labels: rows.map((r) => periodLabel(r.period, g)),
      datasets: [
        {
          label: 'Median hours to first contact',
          data: rows.map((r) => (r.medianHoursToFirstContact === null ? null : Math.round(r.medianHoursToFirstContact * 10) / 10)),
          borderColor: COLOURS.hours,
          backgroundColor: COLOURS.hours,
          pointRadius: 4,
          spanGaps: true,
        },
      ],
    },
    summary: known.length
      ? `Line chart of the median hours from receipt to first safe contact by ${unit(g)}: from ${formatHours(Math.min(...known.map((r) => r.medianHoursToFirstContact as number)))} to ${formatHours(Math.max(...known.map((r) => r.medianHoursToFirstContact as number)))} hours; ${unit(g)}s when nobody was reached are left blank.`
      : `Line chart of the median hours to first contact by ${unit(g)}: nobody was reached in the period.`,
    table: periodTable(rows, g, ['Median hours to first contact', 'Victims reached'], (r) => [
      r.medianHoursToFirstContact === null ? null : Math.round(r.medianHoursToFirstContact * 10) / 10,
      r.contacted,
    ]),
    empty: known.length === 0,
  };
}

function periodTable(rows: PeriodRow[], g: Granularity, columns: string[], cells: (r: PeriodRow) => Cell[]): TableModel {
  return {
    csv: g,
    caption: g === 'month' ? 'By month' : 'By week',
    columns: [g === 'month' ? 'Month' : 'Week starting', ...columns],
    rows: rows.map((r) => [periodLabel(r.period, g), ...cells(r)]),
  };
}

/** Referrals by agency, stacked by outcome; referrals with no outcome recorded yet make their own segment. */
export function agencyChart(rows: AgencyRow[]): ChartModel<'bar'> {
  const used = REFERRAL_OUTCOMES.filter((o) => rows.some((a) => (a.outcomes[o] ?? 0) > 0));
  const pending = rows.map((a) => Math.max(0, a.referralsSent - sum(Object.values(a.outcomes))));
  const datasets: Array<{ label: string; data: number[]; backgroundColor: string }> = used.map((o, i) => ({
    label: referralOutcomeLabel(o),
    data: rows.map((a) => a.outcomes[o] ?? 0),
    backgroundColor: COLOURS.series[i % COLOURS.series.length],
  }));
  if (pending.some((n) => n > 0)) datasets.push({ label: 'No outcome yet', data: pending, backgroundColor: COLOURS.pending });
  const sent = sum(rows.map((a) => a.referralsSent));
  return {
    data: { labels: rows.map((a) => a.partnerName), datasets },
    summary: rows.length
      ? `Horizontal stacked bar chart of ${plural(sent, 'referral')} sent to ${plural(rows.length, 'agency', 'agencies')}, each bar split by the outcome recorded: ` +
        rows.map((a) => `${a.partnerName} ${a.referralsSent} sent, ${a.accepted} accepted`).join('; ') +
        '.'
      : 'No referrals were sent in the period.',
    table: {
      csv: 'agency',
      caption: 'Referrals by agency',
      columns: [
        'Agency',
        'Referrals sent',
        'Acknowledged',
        'Accepted',
        'Declined',
        'Orders secured',
        ...used.map(referralOutcomeLabel),
        'No outcome yet',
      ],
      rows: rows.map((a, i) => [
        a.partnerName,
        a.referralsSent,
        a.acknowledged,
        a.accepted,
        a.declined,
        a.ordersSecured,
        ...used.map((o) => a.outcomes[o] ?? 0),
        pending[i],
      ]),
    },
    empty: sent === 0,
  };
}

export function areaChart(rows: AreaRow[]): ChartModel<'bar'> {
  const grades = [
    ['high', 'High risk', COLOURS.high],
    ['medium', 'Medium risk', COLOURS.medium],
    ['standard', 'Standard risk', COLOURS.standard],
    ['ungraded', 'Not graded', COLOURS.ungraded],
  ] as const;
  const total = sum(rows.map((a) => a.reportsReceived));
  return {
    data: {
      labels: rows.map((a) => a.area),
      datasets: grades.map(([k, label, colour]) => ({ label, data: rows.map((a) => a[k]), backgroundColor: colour })),
    },
    summary: rows.length
      ? `Horizontal stacked bar chart of ${plural(total, 'report')} received by area, split by risk grade: ` +
        rows.map((a) => `${a.area} ${a.reportsReceived} (${a.high} high, ${a.medium} medium, ${a.standard} standard)`).join('; ') +
        '.'
      : 'No reports were received in the period.',
    table: {
      csv: 'area',
      caption: 'Reports by area and risk grade',
      columns: ['Area', 'Reports received', 'High', 'Medium', 'Standard', 'Not graded', 'Victims reached', 'Referrals sent', 'Closures'],
      rows: rows.map((a) => [
        a.area,
        a.reportsReceived,
        a.high,
        a.medium,
        a.standard,
        a.ungraded,
        a.contacted,
        a.referralsSent,
        a.closures,
      ]),
    },
    empty: total === 0,
  };
}

export function closuresChart(rows: OutcomesReport['closuresByReason']): ChartModel<'bar'> {
  const total = sum(rows.map((c) => c.count));
  return {
    data: {
      labels: rows.map((c) => closureReasonLabel(c.reason)),
      datasets: [
        {
          label: 'Closures',
          data: rows.map((c) => c.count),
          backgroundColor: rows.map((_, i) => COLOURS.series[i % COLOURS.series.length]),
        },
      ],
    },
    summary: rows.length
      ? `Bar chart of ${plural(total, 'closure')} by reason: ${rows.map((c) => `${closureReasonLabel(c.reason)} ${c.count}`).join('; ')}.`
      : 'No cases were closed in the period.',
    table: {
      csv: 'closures',
      caption: 'Closures by reason',
      columns: ['Closure reason', 'Closures'],
      rows: rows.map((c) => [closureReasonLabel(c.reason), c.count]),
    },
    empty: total === 0,
  };
}

const SCORE_LABELS: Record<number, string> = { 1: '1 Very dissatisfied', 2: '2', 3: '3', 4: '4', 5: '5 Very satisfied' };

/** The score distribution always shows all five scores, so a missing bar reads as zero, not as absent. */
export function satisfactionChart(s: OutcomesReport['satisfaction']): ChartModel<'bar'> {
  const counts = SATISFACTION_SCORES.map((score) => s.byScore.find((b) => b.score === score)?.count ?? 0);
  const n = sum(counts);
  return {
    data: {
      labels: SATISFACTION_SCORES.map((score) => SCORE_LABELS[score]),
      datasets: [{ label: 'Responses', data: counts, backgroundColor: COLOURS.reports }],
    },
    summary: n
      ? `Bar chart of ${plural(n, 'survey response')} by satisfaction score from 1 (very dissatisfied) to 5 (very satisfied): ${SATISFACTION_SCORES.map((score, i) => `score ${score}: ${counts[i]}`).join(', ')}.`
      : 'No satisfaction surveys were recorded in the period.',
    table: {
      csv: 'satisfaction',
      caption: 'Victim satisfaction',
      columns: ['Question', 'Answer', 'Responses'],
      rows: [
        ...SATISFACTION_SCORES.map((score, i): Cell[] => ['Satisfaction (1 to 5)', SCORE_LABELS[score], counts[i]]),
        ...s.feltSafer.map((f): Cell[] => ['Felt safer', feltSaferLabel(f.answer), f.count]),
      ],
    },
    empty: n === 0,
  };
}
