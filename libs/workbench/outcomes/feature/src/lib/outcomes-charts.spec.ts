import type { OutcomesReport } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import {
  agencyChart,
  areaChart,
  closuresChart,
  headlineFigures,
  hoursChart,
  periodLabel,
  satisfactionChart,
  volumeChart,
} from './outcomes-charts';

const report: OutcomesReport = {
  from: '2026-09-01',
  to: '2026-10-31',
  generatedAt: '2026-11-23T10:00:00Z',
  totals: {
    reportsReceived: 6,
    contacted: 2,
    contactRate: 1 / 3,
    medianHoursToFirstContact: 3,
    contactAttempts: 4,
    successfulAttempts: 2,
    referralsSent: 2,
    referralsAccepted: 1,
    victimsAccessingHelp: 1,
    ordersSecured: 1,
    closures: 2,
    satisfactionResponses: 1,
    satisfactionMean: 4,
    feltSaferYes: 1,
  },
  byMonth: [
    {
      period: '2026-09',
      reportsReceived: 3,
      contacted: 2,
      medianHoursToFirstContact: 3,
      referralsSent: 2,
      ordersSecured: 0,
      closures: 0,
      satisfactionResponses: 0,
      satisfactionMean: null,
    },
    {
      period: '2026-10',
      reportsReceived: 3,
      contacted: 0,
      medianHoursToFirstContact: null,
      referralsSent: 0,
      ordersSecured: 1,
      closures: 2,
      satisfactionResponses: 1,
      satisfactionMean: 4,
    },
  ],
  byWeek: [
    {
      period: '2026-08-31',
      reportsReceived: 2,
      contacted: 1,
      medianHoursToFirstContact: 2.25,
      referralsSent: 1,
      ordersSecured: 0,
      closures: 0,
      satisfactionResponses: 0,
      satisfactionMean: null,
    },
  ],
  byArea: [
    {
      area: 'St Albans and Dacorum',
      reportsReceived: 3,
      high: 0,
      medium: 3,
      standard: 0,
      ungraded: 0,
      contacted: 0,
      referralsSent: 0,
      closures: 1,
    },
    {
      area: 'Watford and Three Rivers',
      reportsReceived: 2,
      high: 1,
      medium: 1,
      standard: 0,
      ungraded: 0,
      contacted: 2,
      referralsSent: 2,
      closures: 1,
    },
  ],
  byAgency: [
    {
      partnerId: 'legal',
      partnerName: 'DA Alliance Legal Advice',
      referralsSent: 1,
      acknowledged: 1,
      accepted: 1,
      declined: 0,
      outcomes: { 'order-granted': 1 },
      ordersSecured: 1,
    },
    {
      partnerId: 'catch22',
      partnerName: 'Catch22',
      referralsSent: 2,
      acknowledged: 0,
      accepted: 0,
      declined: 1,
      outcomes: {},
      ordersSecured: 0,
    },
  ],
  closuresByReason: [
    { reason: 'support-completed', count: 1 },
    { reason: 'unable-to-contact', count: 1 },
  ],
  satisfaction: { byScore: [{ score: 4, count: 1 }], feltSafer: [{ answer: 'yes', count: 1 }] },
};

describe('headlineFigures', () => {
  it('shows every headline figure from the totals, with the contact rate as a percentage', () => {
    const cards = Object.fromEntries(headlineFigures(report.totals).map((c) => [c.label, `${c.value} | ${c.detail}`]));
    expect(cards).toEqual({
      'Reports received': '6 | from the police in the period',
      'Victims reached': '2 | contact rate 33.3%',
      'Median hours to first contact': '3 | over 2 victims reached',
      'Referrals sent': '2 | 1 accepted so far',
      'Victims accessing further help': '1 | with a referral accepted',
      'Orders secured': '1 | protective orders granted',
      Closures: '2 | cases closed in the period',
      'Mean satisfaction': '4 / 5 | from 1 survey; 1 felt safer',
    });
  });
  it('shows a dash, not zero, when there is nothing to measure', () => {
    const cards = headlineFigures({ ...report.totals, contactRate: null, medianHoursToFirstContact: null, satisfactionMean: null });
    expect(cards.find((c) => c.key === 'hours')?.value).toBe('—');
    expect(cards.find((c) => c.key === 'satisfaction')?.value).toBe('—');
    expect(cards.find((c) => c.key === 'reached')?.detail).toBe('contact rate —');
  });
});

describe('charts', () => {
  it('labels months and weeks in words', () => {
    expect(periodLabel('2026-09', 'month')).toBe('Sep 2026');
    expect(periodLabel('2026-08-31', 'week')).toBe('w/c 31 Aug 2026');
  });

  it('volume: reports and victims reached per period, with a summary and the same figures as a table', () => {
    const c = volumeChart(report.byMonth, 'month');
    expect(c.data.labels).toEqual(['Sep 2026', 'Oct 2026']);
    expect(c.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Reports received', [3, 3]],
      ['Victims reached', [2, 0]],
    ]);
    expect(c.summary).toContain('6 reports received and 2 victims reached');
    expect(c.table).toMatchObject({
      csv: 'month',
      columns: ['Month', 'Reports received', 'Victims reached'],
      rows: [
        ['Sep 2026', 3, 2],
        ['Oct 2026', 3, 0],
      ],
    });
    expect(volumeChart(report.byWeek, 'week').table.csv).toBe('week');
  });

  it('median hours: a gap (null), not zero, in a period when nobody was reached', () => {
    const c = hoursChart(report.byMonth, 'month');
    expect(c.data.datasets[0].data).toEqual([3, null]);
    expect(c.table.rows).toEqual([
      ['Sep 2026', 3, 2],
      ['Oct 2026', null, 0],
    ]);
    expect(hoursChart(report.byWeek, 'week').data.datasets[0].data).toEqual([2.3]);
    expect(hoursChart([], 'month').empty).toBe(true);
  });

  it('agencies: stacked by the outcomes recorded, plus those with no outcome yet', () => {
    const c = agencyChart(report.byAgency);
    expect(c.data.labels).toEqual(['DA Alliance Legal Advice', 'Catch22']);
    expect(c.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Order granted', [1, 0]],
      ['No outcome yet', [0, 2]],
    ]);
    // Each bar adds up to the referrals sent.
    expect(c.data.datasets.reduce((s, d) => s + (d.data[1] ?? 0), 0)).toBe(2);
    expect(c.table.columns).toEqual([
      'Agency',
      'Referrals sent',
      'Acknowledged',
      'Accepted',
      'Declined',
      'Orders secured',
      'Order granted',
      'No outcome yet',
    ]);
  });

  it('areas: stacked by risk grade', () => {
    const c = areaChart(report.byArea);
    expect(c.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['High risk', [0, 1]],
      ['Medium risk', [3, 1]],
      ['Standard risk', [0, 0]],
      ['Not graded', [0, 0]],
    ]);
    expect(c.summary).toContain('Watford and Three Rivers 2 (1 high, 1 medium, 0 standard)');
    // Outside a browser the theme colour is the token itself: high risk is drawn in the theme's error colour.
    expect(c.data.datasets.map((d) => d.backgroundColor)).toEqual([
      'var(--mat-sys-error)',
      'var(--mat-sys-tertiary)',
      'var(--lantern-success)',
      'var(--mat-sys-outline)',
    ]);
  });

  it('closures: reasons in plain English', () => {
    const c = closuresChart(report.closuresByReason);
    expect(c.data.labels).toEqual(['Support completed', 'Unable to contact the victim']);
    expect(c.table.rows).toEqual([
      ['Support completed', 1],
      ['Unable to contact the victim', 1],
    ]);
    expect(closuresChart([]).empty).toBe(true);
  });

  it('satisfaction: all five scores, zeros included, and the felt-safer answers in the table', () => {
    const c = satisfactionChart(report.satisfaction);
    expect(c.data.datasets[0].data).toEqual([0, 0, 0, 1, 0]);
    expect(c.data.labels?.[0]).toBe('1 Very dissatisfied');
    expect(c.table.rows.at(-1)).toEqual(['Felt safer', 'Yes', 1]);
    expect(c.summary).toContain('score 4: 1');
  });
});
