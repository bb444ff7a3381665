import { spreadsheetCsv, type CsvCell } from '@lantern/api/core';
import { FORCE_CHANNEL_LABELS, type Count, type ForceDashboard, type Measure } from '@lantern/shared/domain';

/** A count or measure as a CSV cell: "<5" and "[c]" stay as they are (never a number), nothing is "". */
const cell = (v: Count | Measure): CsvCell => (v === null ? '' : v);

/** Shares as percentages with one decimal place ("42.9"), as the page shows them. */
const percent = (v: Measure): CsvCell => (typeof v === 'number' ? Math.round(v * 1000) / 10 : cell(v));

/** Every table of the dashboard, as the CSV's sections (title row, header row, rows). Same suppression as the JSON. */
export function forceDashboardTables(d: ForceDashboard): Array<{ title: string; rows: CsvCell[][] }> {
  const cohort = ['Referrals', 'Victims contacted', 'Contacted within 24 hours'];
  return [
    {
      title: 'Summary',
      rows: [
        ['Measure', 'Value'],
        ['Referrals', cell(d.totals.referrals)],
        ['Victims contacted', cell(d.totals.contacted)],
        ['Victims contacted (%)', percent(d.totals.contactRate)],
        ['Contacted within 24 hours', cell(d.totals.contactedWithin24h)],
        ['Contacted within 24 hours (%)', percent(d.totals.within24hRate)],
        ['Median hours to first contact', cell(d.totals.medianHoursToFirstContact)],
        ['Referrals on to agencies', cell(d.totals.referralsOn)],
        ['Referrals on accepted', cell(d.totals.referralsOnAccepted)],
        ['Orders applied for (decided)', cell(d.legal.ordersAppliedFor)],
        ['Orders granted', cell(d.legal.ordersGranted)],
        ['Orders refused', cell(d.legal.ordersRefused)],
        ['Satisfaction responses', cell(d.satisfaction.responses)],
        ['Mean satisfaction (1-5)', cell(d.satisfaction.meanScore)],
      ],
    },
    {
      title: 'By month',
      rows: [['Month', ...cohort], ...d.byMonth.map((r) => [r.month, cell(r.referrals), cell(r.contacted), cell(r.contactedWithin24h)])],
    },
    {
      title: 'By officer team',
      rows: [['Team', ...cohort], ...d.byTeam.map((r) => [r.team, cell(r.referrals), cell(r.contacted), cell(r.contactedWithin24h)])],
    },
    {
      title: 'By area',
      rows: [['Area', ...cohort], ...d.byArea.map((r) => [r.area, cell(r.referrals), cell(r.contacted), cell(r.contactedWithin24h)])],
    },
    {
      title: 'By channel',
      rows: [['Channel', 'Referrals'], ...d.byChannel.map((r) => [FORCE_CHANNEL_LABELS[r.channel] ?? r.channel, cell(r.referrals)])],
    },
    {
      title: 'Referrals on by agency',
      rows: [
        ['Agency', 'Kind of service', 'Sent', 'Accepted'],
        ...d.byAgency.map((r) => [r.partnerName, r.kind, cell(r.sent), cell(r.accepted)]),
      ],
    },
    {
      title: 'Satisfaction',
      rows: [
        ['Question', 'Answer', 'Responses'],
        ...d.satisfaction.byScore.map((s) => ['Satisfaction (1-5)', s.score, cell(s.count)]),
        ...d.satisfaction.feltSafer.map((s) => ['Felt safer', s.answer, cell(s.count)]),
      ],
    },
  ];
}

/**
 * The dashboard as one CSV (a BOM, CRLF, formula-like text defused: @lantern/api/core spreadsheetCsv): a heading
 * that says what "<5" and "[c]" mean, then each table after a `# title` row and a blank row between.
 */
export function forceDashboardCsv(d: ForceDashboard): string {
  const rows: CsvCell[][] = [
    [`# Force dashboard: ${d.force}, ${d.from} to ${d.to}. Aggregate figures only, no personal data.`],
    [
      `# Periods are whole calendar months (asked for ${d.requested.from} to ${d.requested.to}); counted as at the weekly snapshot ${d.snapshotAt} (00:00 London, Monday), to ${d.countedTo}.`,
    ],
    [
      '# Teams and areas with fewer than 5 referrals in a month are counted under "Other teams" / "Other areas" for it, never named; over several months a listed team or area counts the months it is named in.',
    ],
    [
      '# "<5" = 1 to 4; "[c]" = hidden so that no hidden figure can be worked out from a total. Several months add up each month as it is published alone; "[c]" where any month hides a part. Definitions: docs/force-dashboard.md',
    ],
  ];
  for (const t of forceDashboardTables(d)) rows.push([], [`# ${t.title}`], ...t.rows);
  return spreadsheetCsv(rows);
}
