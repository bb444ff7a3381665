import type { ForceDashboard } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import {
  figureTables,
  formatCount,
  formatHours,
  formatShare,
  hasSuppressed,
  headlineCards,
  monthChart,
  monthLabel,
  periodNote,
} from './force-dashboard-view';

const dashboard = (over: Partial<ForceDashboard> = {}): ForceDashboard => ({
  from: '2026-09-01',
  to: '2026-10-31',
  requested: { from: '2026-09-01', to: '2026-10-31' },
  snapshotAt: '2026-11-09T00:00:00.000Z',
  countedTo: '2026-10-31',
  force: 'Hertfordshire Constabulary',
  generatedAt: '2026-11-01T10:00:00.000Z',
  totals: {
    referrals: 9,
    contacted: 6,
    contactRate: 0.667,
    contactedWithin24h: 5,
    within24hRate: 0.556,
    medianHoursToFirstContact: 3,
    referralsOn: 7,
    referralsOnAccepted: '<5',
  },
  byMonth: [
    { month: '2026-09', referrals: '[c]', contacted: 6, contactedWithin24h: 5 },
    { month: '2026-10', referrals: '<5', contacted: 0, contactedWithin24h: 0 },
  ],
  byTeam: [{ team: 'Response Team North', referrals: 9, contacted: 6, contactedWithin24h: 5 }],
  byArea: [{ area: 'Watford and Three Rivers', referrals: 9, contacted: 6, contactedWithin24h: 5 }],
  byChannel: [
    { channel: 'officer-app', referrals: '<5' },
    { channel: 'records-feed', referrals: '[c]' },
    { channel: 'csv-import', referrals: 0 },
  ],
  byAgency: [{ partnerName: 'DA Alliance Legal Advice', kind: 'legal-advice', sent: 7, accepted: '<5' }],
  legal: { ordersAppliedFor: '<5', ordersGranted: '<5', ordersRefused: 0 },
  satisfaction: {
    responses: 5,
    meanScore: 4.2,
    byScore: [1, 2, 3, 4, 5].map((score) => ({ score, count: score > 2 ? ('<5' as const) : 0 })),
    feltSafer: [
      { answer: 'yes', count: '<5' },
      { answer: 'no', count: 0 },
      { answer: 'unsure', count: '<5' },
    ],
  },
  ...over,
});

describe('force dashboard view', () => {
  it.each([
    [0, '0'],
    [1234, '1,234'],
    ['<5', '<5'],
    ['[c]', '[c]'],
  ] as const)('shows the count %s as %s', (c, out) => expect(formatCount(c)).toBe(out));

  it('shows shares and hours, with a dash for nothing and the markers as they are', () => {
    expect(formatShare(0.667)).toBe('66.7%');
    expect(formatShare(null)).toBe('—');
    expect(formatShare('<5')).toBe('<5');
    expect(formatHours(3.25)).toBe('3.3 h');
    expect(formatHours(null)).toBe('—');
  });

  it('headline cards carry the suppressed figures as "<5"', () => {
    const cards = Object.fromEntries(headlineCards(dashboard()).map((c) => [c.key, c]));
    expect(cards['referrals'].value).toBe('9');
    expect(cards['contacted'].value).toBe('66.7%');
    expect(cards['referrals-on'].detail).toBe('<5 accepted so far');
    expect(cards['orders']).toMatchObject({ value: '<5', detail: 'of <5 decided applications' });
    expect(cards['satisfaction'].value).toBe('4.2');
  });

  it('a hidden period total says what the months that show numbers add up to', () => {
    const d = dashboard({
      totals: { ...dashboard().totals, referrals: '[c]', contacted: '[c]', contactRate: '[c]' },
      byMonth: [
        { month: '2026-09', referrals: 1240, contacted: 600, contactedWithin24h: 500 },
        { month: '2026-10', referrals: '<5', contacted: '<5', contactedWithin24h: 0 },
      ],
    });
    const cards = Object.fromEntries(headlineCards(d).map((c) => [c.key, c]));
    expect(cards['referrals']).toMatchObject({
      value: '[c]',
      detail: 'Victims referred by your officers: at least 1,240 (months showing <5 or [c] not added)',
    });
    expect(cards['contacted'].detail).toBe('Spoken to safely so far: at least 600 (months showing <5 or [c] not added)');
    // Nothing to add up: no bound is claimed.
    const none = dashboard({
      totals: { ...dashboard().totals, referrals: '[c]' },
      byMonth: [{ month: '2026-09', referrals: '<5', contacted: 0, contactedWithin24h: 0 }],
    });
    expect(headlineCards(none)[0].detail).toBe('Victims referred to the hub by your officers');
  });

  it('every table has a header row and its rows, markers untouched', () => {
    const tables = Object.fromEntries(figureTables(dashboard()).map((t) => [t.id, t]));
    expect(tables['month'].rows).toEqual([
      ['Sep 2026', '[c]', '6', '5'],
      ['Oct 2026', '<5', '0', '0'],
    ]);
    expect(tables['channel'].rows[0]).toEqual(['Officer app', '<5']);
    expect(tables['agency'].rows[0]).toEqual(['DA Alliance Legal Advice', 'Legal advice', '7', '<5']);
    expect(tables['satisfaction'].rows.at(-1)).toEqual(['Felt safer: not sure', '<5']);
    for (const t of Object.values(tables)) for (const r of t.rows) expect(r).toHaveLength(t.columns.length);
  });

  it('the chart leaves suppressed months undrawn and says so', () => {
    const m = monthChart(dashboard());
    expect(m.data.datasets[0].data).toEqual([null, null]);
    expect(m.summary).toContain('2 months are not drawn');
    expect(m.empty).toBe(false);
    expect(monthLabel('2026-01')).toBe('Jan 2026');
  });

  it('knows when anything is suppressed', () => {
    expect(hasSuppressed(dashboard())).toBe(true);
    const clean = dashboard({
      totals: { ...dashboard().totals, referralsOnAccepted: 0 },
      byMonth: [],
      byChannel: [],
      byAgency: [],
      legal: { ordersAppliedFor: 0, ordersGranted: 0, ordersRefused: 0 },
      satisfaction: { responses: 0, meanScore: null, byScore: [], feltSafer: [] },
    });
    expect(hasSuppressed(clean)).toBe(false);
  });

  it.each<[string, Partial<ForceDashboard>, string[]]>([
    ['whole months as asked', {}, ['Figures for Sep 2026 to Oct 2026.', 'Monday 9 Nov 2026', 'weekly snapshot)']],
    [
      'widened from arbitrary days',
      { requested: { from: '2026-09-17', to: '2026-10-03' } },
      ['you asked for 17 Sep 2026 to 3 Oct 2026; the dashboard shows whole calendar months only'],
    ],
    [
      'the current month, counted to the snapshot',
      { from: '2026-11-01', to: '2026-11-30', requested: { from: '2026-11-01', to: '2026-11-11' }, countedTo: '2026-11-08' },
      ['Figures for Nov 2026 (you asked', 'so figures run to 8 Nov 2026'],
    ],
  ])('says what period the figures are for: %s', (_, over, parts) => {
    const note = periodNote(dashboard(over));
    for (const p of parts) expect(note).toContain(p);
  });
});
