import {
  CONCEALED,
  FORCE_CHANNEL_LABELS,
  isSuppressed,
  SMALL,
  type Count,
  type ForceDashboard,
  type Measure,
} from '@lantern/shared/domain';
import { feltSaferLabel, themeColour } from '@lantern/workbench/ui';
import type { ChartData } from 'chart.js';

/**
 * The force dashboard as the page shows it: headline cards, tables (the figures themselves, for everyone and screen
 * readers) and one chart. Pure, so the page template only lays out what this returns.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "2026-09" → "Sep 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${MONTHS[m - 1]} ${y}`;
}

/** A count as shown: "<5" and "[c]" as they are, numbers with thousands separators. */
export function formatCount(c: Count): string {
  return typeof c === 'number' ? c.toLocaleString('en-GB') : c;
}

/** A share (0–1) as "42.9%"; "—" when there is nothing to base it on; "<5" / "[c]" as they are. */
export function formatShare(m: Measure): string {
  if (m === null) return '—';
  return typeof m === 'number' ? `${Math.round(m * 1000) / 10}%` : m;
}

/** Hours to one decimal place ("3.5 h"); "—" when nobody was reached. */
export function formatHours(m: Measure): string {
  if (m === null) return '—';
  return typeof m === 'number' ? `${Math.round(m * 10) / 10} h` : m;
}

/** "2026-09-01" → "1 Sep 2026" (a London date as written). */
export function dateLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * What period the figures are for, as the page says it: whole calendar months (and what was asked for, when that
 * differs), and the weekly snapshot they were counted at.
 */
export function periodNote(d: ForceDashboard): string {
  const months =
    d.from.slice(0, 7) === d.to.slice(0, 7)
      ? monthLabel(d.from.slice(0, 7))
      : `${monthLabel(d.from.slice(0, 7))} to ${monthLabel(d.to.slice(0, 7))}`;
  const asked =
    d.requested.from !== d.from || d.requested.to !== d.to
      ? ` (you asked for ${dateLabel(d.requested.from)} to ${dateLabel(d.requested.to)}; the dashboard shows whole calendar months only)`
      : '';
  const snapshot = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(d.snapshotAt),
  );
  const counted = d.countedTo < d.to ? `, so figures run to ${dateLabel(d.countedTo)}` : '';
  return (
    `Figures for ${months}${asked}. Counted as the records stood at 00:00 on Monday ${snapshot} (a weekly snapshot${counted}): ` +
    'they change once a week, so no single day can be worked out by comparing periods.'
  );
}

export const KIND_LABELS: Record<string, string> = {
  idva: 'IDVA',
  refuge: 'Refuge',
  'emotional-support': 'Emotional support',
  'male-victims': 'Male victims',
  'legal-advice': 'Legal advice',
  outreach: 'Outreach',
  'childrens-services': "Children's services",
  unknown: 'Other',
};

export interface HeadlineCard {
  key: string;
  label: string;
  value: string;
  detail: string;
}

/**
 * What a hidden period total is at least: the sum of the months that show a number (a period adds up its months as
 * each shows it alone, so one hiding "<5" or "[c]" hides the total; the months that show numbers are still known).
 */
function atLeast(total: Count, months: readonly Count[]): string {
  if (!isSuppressed(total)) return '';
  const sum = months.reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0);
  return sum > 0 ? `at least ${formatCount(sum)} (months showing <5 or [c] not added)` : '';
}

export function headlineCards(d: ForceDashboard): HeadlineCard[] {
  const t = d.totals;
  const referralsAtLeast = atLeast(
    t.referrals,
    d.byMonth.map((m) => m.referrals),
  );
  const contactedAtLeast = atLeast(
    t.contacted,
    d.byMonth.map((m) => m.contacted),
  );
  return [
    {
      key: 'referrals',
      label: 'Referrals',
      value: formatCount(t.referrals),
      detail: referralsAtLeast ? `Victims referred by your officers: ${referralsAtLeast}` : 'Victims referred to the hub by your officers',
    },
    {
      key: 'contacted',
      label: 'Victims contacted',
      value: formatShare(t.contactRate),
      detail: contactedAtLeast ? `Spoken to safely so far: ${contactedAtLeast}` : `${formatCount(t.contacted)} spoken to safely so far`,
    },
    {
      key: 'within24h',
      label: 'Contacted within 24 hours',
      value: formatShare(t.within24hRate),
      detail: `${formatCount(t.contactedWithin24h)} of the referrals`,
    },
    {
      key: 'median',
      label: 'Median time to first contact',
      value: formatHours(t.medianHoursToFirstContact),
      detail: 'From receipt to the first safe conversation',
    },
    {
      key: 'referrals-on',
      label: 'Referrals on to agencies',
      value: formatCount(t.referralsOn),
      detail: `${formatCount(t.referralsOnAccepted)} accepted so far`,
    },
    {
      key: 'orders',
      label: 'Protective orders granted',
      value: formatCount(d.legal.ordersGranted),
      detail: `of ${formatCount(d.legal.ordersAppliedFor)} decided applications`,
    },
    {
      key: 'satisfaction',
      label: 'Satisfaction (1–5)',
      value: typeof d.satisfaction.meanScore === 'number' ? d.satisfaction.meanScore.toFixed(1) : (d.satisfaction.meanScore ?? '—'),
      detail: `Mean score, ${formatCount(d.satisfaction.responses)} survey responses`,
    },
  ];
}

export interface FigureTable {
  id: string;
  caption: string;
  columns: string[];
  /** The first cell of each row is its row header. */
  rows: string[][];
  /** Shown under the table. */
  note?: string;
}

/** Short headers, so four columns fit a phone; the page's definitions box and docs/force-dashboard.md say what each means. */
const COHORT_COLUMNS = ['Referrals', 'Contacted', 'Within 24 h'];
const cohort = (r: { referrals: Count; contacted: Count; contactedWithin24h: Count }) => [
  formatCount(r.referrals),
  formatCount(r.contacted),
  formatCount(r.contactedWithin24h),
];

export function figureTables(d: ForceDashboard): FigureTable[] {
  return [
    {
      id: 'month',
      caption: 'Referrals by month',
      columns: ['Month', ...COHORT_COLUMNS],
      rows: d.byMonth.map((r) => [monthLabel(r.month), ...cohort(r)]),
    },
    {
      id: 'team',
      caption: 'Referrals by officer team',
      columns: ['Team', ...COHORT_COLUMNS],
      rows: d.byTeam.map((r) => [r.team, ...cohort(r)]),
    },
    {
      id: 'area',
      caption: 'Referrals by area',
      columns: ['Area', ...COHORT_COLUMNS],
      rows: d.byArea.map((r) => [r.area, ...cohort(r)]),
    },
    {
      id: 'channel',
      caption: 'Referrals by how they reached the hub',
      columns: ['Channel', 'Referrals'],
      rows: d.byChannel.map((r) => [FORCE_CHANNEL_LABELS[r.channel] ?? r.channel, formatCount(r.referrals)]),
    },
    {
      id: 'agency',
      caption: 'Referrals on to agencies',
      columns: ['Agency', 'Service', 'Sent', 'Accepted'],
      rows: d.byAgency.map((r) => [r.partnerName, KIND_LABELS[r.kind] ?? r.kind, formatCount(r.sent), formatCount(r.accepted)]),
    },
    {
      id: 'legal',
      caption: 'Legal outcomes: protective orders',
      columns: ['Outcome', 'Orders'],
      rows: [
        ['Applied for (decided)', formatCount(d.legal.ordersAppliedFor)],
        ['Granted', formatCount(d.legal.ordersGranted)],
        ['Refused', formatCount(d.legal.ordersRefused)],
      ],
      note: 'An application counts once the legal partner records it granted or refused; one still awaiting a hearing is not yet counted.',
    },
    {
      id: 'satisfaction',
      caption: 'Victim satisfaction at closure',
      columns: ['Answer', 'Responses'],
      rows: [
        ...d.satisfaction.byScore.map((s) => [`Satisfaction ${s.score} of 5`, formatCount(s.count)]),
        ...d.satisfaction.feltSafer.map((s) => [`Felt safer: ${feltSaferLabel(s.answer).toLowerCase()}`, formatCount(s.count)]),
      ],
      note: 'The survey asks whether the victim feels safer; it does not record whether the abuse has stopped, so that WEPROTECT figure is not shown.',
    },
  ];
}

/** True when any figure of the dashboard is suppressed (the page then explains "<5" and "[c]" next to it). */
export function hasSuppressed(d: ForceDashboard): boolean {
  return JSON.stringify(d).includes(`"${SMALL}"`) || JSON.stringify(d).includes(`"${CONCEALED}"`);
}

export interface MonthChart {
  data: ChartData<'bar', Array<number | null>, string>;
  /** The chart's text alternative. */
  summary: string;
  empty: boolean;
}

/** Referrals and victims contacted by month; a suppressed month is a gap (its table row says "<5" or "[c]"). */
export function monthChart(d: ForceDashboard): MonthChart {
  const n = (c: Count) => (typeof c === 'number' ? c : null);
  const hidden = d.byMonth.filter((r) => typeof r.referrals !== 'number').length;
  return {
    data: {
      labels: d.byMonth.map((r) => monthLabel(r.month)),
      datasets: [
        { label: 'Referrals', data: d.byMonth.map((r) => n(r.referrals)), backgroundColor: themeColour('--mat-sys-primary') },
        { label: 'Victims contacted', data: d.byMonth.map((r) => n(r.contacted)), backgroundColor: themeColour('--lantern-success') },
      ],
    },
    summary:
      `Bar chart of referrals and victims contacted for each of ${d.byMonth.length} months, ${monthLabel(d.byMonth[0]?.month ?? d.from.slice(0, 7))} ` +
      `to ${monthLabel(d.byMonth.at(-1)?.month ?? d.to.slice(0, 7))}; ${formatCount(d.totals.referrals)} referrals in all.` +
      (hidden ? ` ${hidden} month${hidden === 1 ? ' is' : 's are'} not drawn because the figure is suppressed.` : '') +
      ' The table "Referrals by month" has every figure.',
    empty: d.byMonth.every((r) => r.referrals === 0),
  };
}
