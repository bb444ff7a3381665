import { renderPdf, type DocumentSection } from '@lantern/api/referrals';
import { HUB_TIME_ZONE, REFERRAL_OUTCOMES, type OutcomesReport, type OutcomeTable, type PeriodRow } from '@lantern/shared/domain';
import { spreadsheetCsv, type CsvCell } from '@lantern/api/core';

type Cell = CsvCell;
type Column<T> = [header: string, value: (row: T) => Cell];

const PERIOD: Array<Column<PeriodRow>> = [
  ['Reports received', (r) => r.reportsReceived],
  ['Victims reached', (r) => r.contacted],
  ['Median hours to first contact', (r) => r.medianHoursToFirstContact],
  ['Referrals sent', (r) => r.referralsSent],
  ['Orders secured', (r) => r.ordersSecured],
  ['Closures', (r) => r.closures],
  ['Satisfaction responses', (r) => r.satisfactionResponses],
  ['Mean satisfaction (1-5)', (r) => r.satisfactionMean],
];

const TOTALS: Array<[string, (t: OutcomesReport['totals']) => Cell]> = [
  ['Reports received', (t) => t.reportsReceived],
  ['Victims reached', (t) => t.contacted],
  ['Contact rate', (t) => t.contactRate],
  ['Median hours to first contact', (t) => t.medianHoursToFirstContact],
  ['Contact attempts', (t) => t.contactAttempts],
  ['Successful attempts', (t) => t.successfulAttempts],
  ['Referrals sent', (t) => t.referralsSent],
  ['Referrals accepted', (t) => t.referralsAccepted],
  ['Victims accessing further help', (t) => t.victimsAccessingHelp],
  ['Orders secured', (t) => t.ordersSecured],
  ['Closures', (t) => t.closures],
  ['Satisfaction responses', (t) => t.satisfactionResponses],
  ['Mean satisfaction (1-5)', (t) => t.satisfactionMean],
  ['Felt safer: yes', (t) => t.feltSaferYes],
];

/** One table of the report as rows: a header row, then data. */
export function table(report: OutcomesReport, name: OutcomeTable): Cell[][] {
  switch (name) {
    case 'totals':
      return [['Measure', 'Value'], ...TOTALS.map(([h, f]): Cell[] => [h, f(report.totals)])];
    case 'month':
    case 'week':
      return [
        [name === 'month' ? 'Month' : 'Week starting', ...PERIOD.map(([h]) => h)],
        ...(name === 'month' ? report.byMonth : report.byWeek).map((r): Cell[] => [r.period, ...PERIOD.map(([, f]) => f(r))]),
      ];
    case 'area':
      return [
        ['Area', 'Reports received', 'High', 'Medium', 'Standard', 'Not graded', 'Victims reached', 'Referrals sent', 'Closures'],
        ...report.byArea.map((a): Cell[] => [
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
      ];
    case 'agency':
      return [
        [
          'Partner',
          'Partner id',
          'Referrals sent',
          'Acknowledged',
          'Accepted',
          'Declined',
          'Orders secured',
          ...REFERRAL_OUTCOMES.map((o) => `Outcome: ${o}`),
        ],
        ...report.byAgency.map((a): Cell[] => [
          a.partnerName,
          a.partnerId,
          a.referralsSent,
          a.acknowledged,
          a.accepted,
          a.declined,
          a.ordersSecured,
          ...REFERRAL_OUTCOMES.map((o) => a.outcomes[o] ?? 0),
        ]),
      ];
    case 'closures':
      return [['Closure reason', 'Closures'], ...report.closuresByReason.map((c): Cell[] => [c.reason, c.count])];
    case 'satisfaction':
      return [
        ['Question', 'Answer', 'Responses'],
        ...report.satisfaction.byScore.map((s): Cell[] => ['Satisfaction (1-5)', s.score, s.count]),
        ...report.satisfaction.feltSafer.map((s): Cell[] => ['Felt safer', s.answer, s.count]),
      ];
  }
}

const ALL: OutcomeTable[] = ['totals', 'month', 'week', 'area', 'agency', 'closures', 'satisfaction'];

/**
 * CSV with a UTF-8 byte-order mark: Excel on Windows reads BOM-less UTF-8 as the local code page and garbles
 * accented names; LibreOffice, Numbers, Google Sheets and csv readers all accept the BOM. One table with
 * `table`, or every table one after another (a title row, the table, a blank row) for a single download.
 */
export function toCsv(report: OutcomesReport, name: OutcomeTable | null): string {
  const rows: Cell[][] = name
    ? table(report, name)
    : ALL.flatMap((t, i): Cell[][] => [...(i ? [[]] : []), [`# ${t} (${report.from} to ${report.to})`], ...table(report, t)]);
  return spreadsheetCsv(rows);
}

/** The printable monthly (or any period's) summary: every table, as a PDF. */
export function summaryPdf(report: OutcomesReport): Promise<Buffer> {
  const section = (title: string, rows: Cell[][], labelWidth?: number): DocumentSection => ({
    title,
    labelWidth,
    // Outcome columns that are all zero are left out of the printout (they stay in the CSV).
    rows: rows.slice(1).map((r): [string, string] => [
      String(r[0] ?? ''),
      r
        .slice(1)
        .map((c, i) => [String(rows[0][i + 1]), c] as const)
        .filter(([h, c]) => !(h.startsWith('Outcome:') && c === 0))
        .map(([h, c]) => `${h}: ${c ?? '—'}`)
        .join(' · '),
    ]),
  });
  const totals = table(report, 'totals');
  return renderPdf({
    title: 'Hub outcomes summary',
    subtitle: `${report.from} to ${report.to} · generated ${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: HUB_TIME_ZONE }).format(new Date(report.generatedAt))}`,
    sections: [
      { title: 'Totals', rows: totals.slice(1).map((r): [string, string] => [String(r[0]), r[1] === null ? '—' : String(r[1])]) },
      section('By month', table(report, 'month'), 80),
      section('By area', table(report, 'area')),
      section(
        'By agency',
        table(report, 'agency').map((r) => r.filter((_, i) => i !== 1)),
      ),
      section('Closures by reason', table(report, 'closures')),
      section(
        'Satisfaction',
        table(report, 'satisfaction').map((r) => [`${r[0]} ${r[1]}`, r[2]]),
      ),
    ],
    footer: 'Aggregate figures only: no personal data. Definitions: docs/outcomes.md. Generated by Lantern.',
    banner: 'OFFICIAL: aggregate figures, no personal data.',
  });
}
