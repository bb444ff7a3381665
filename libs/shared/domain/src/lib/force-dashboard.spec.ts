import { describe, expect, it } from 'vitest';
import {
  combineCounts,
  combineForceMonths,
  CONCEALED,
  FORCE_CHANNELS,
  forceDashboardPeriod,
  OTHER_TEAMS,
  publishCount,
  publishMeasure,
  SMALL,
  suppressPartition,
  suppressTable,
  suppressTables,
  type CellMark,
  type Count,
  type ForceFigures,
  type ForceMonth,
} from './force-dashboard';

/**
 * Every vector of hidden values a reader could hold true, knowing the published cells, the markers ("<5" is 1–4, "[c]"
 * is 5 up to the smallest published non-zero cell, since cells are hidden smallest first) and, when published, the
 * total. Returns, per hidden cell, the set of values it could take.
 */
function possibleValues(total: number, parts: number[], cells: CellMark[], totalPublished: boolean): Map<number, Set<number>> {
  const hidden = cells.flatMap((m, i) => (m ? [i] : []));
  const publishedNonZero = parts.filter((n, i) => !cells[i] && n > 0);
  const ceiling = publishedNonZero.length ? Math.min(...publishedNonZero) : total;
  const ranges = hidden.map((i) => (cells[i] === 'small' ? [1, 4] : [5, Math.min(ceiling, total)]));
  const rest = total - parts.reduce((a, n, i) => a + (cells[i] ? 0 : n), 0);
  const out = new Map(hidden.map((i) => [i, new Set<number>()]));
  const walk = (k: number, acc: number[]) => {
    if (k === hidden.length) {
      if (!totalPublished || acc.reduce((a, b) => a + b, 0) === rest) acc.forEach((v, j) => out.get(hidden[j])?.add(v));
      return;
    }
    for (let v = ranges[k][0]; v <= ranges[k][1]; v++) walk(k + 1, [...acc, v]);
  };
  walk(0, []);
  return out;
}

describe('small-number suppression', () => {
  it.each([
    [0, 0],
    [1, SMALL],
    [4, SMALL],
    [5, 5],
    [120, 120],
  ])('publishes the count %s as %s', (n, out) => expect(publishCount(n)).toBe(out));

  it.each<[string, number, number[], CellMark[], boolean]>([
    ['nothing small', 30, [10, 20, 0], [null, null, null], false],
    ['zero stays published', 10, [10, 0], [null, null], false],
    ['one small cell: the next smallest non-zero is concealed', 30, [3, 20, 7], ['small', null, 'concealed'], false],
    ['one small cell, zeros skipped', 28, [3, 0, 25, 0], ['small', null, 'concealed', null], false],
    // The review's case: two hidden 1s beside 268 published of 270 were both recovered as exactly 1.
    ['two small cells adding up to less than 5: a third is hidden', 270, [1, 1, 100, 168], ['small', 'small', 'concealed', null], false],
    ['two small cells adding up to 5 or more, neither pinned', 26, [3, 2, 21], ['small', 'small', null], false],
    ['4 and 4 beside a total would be pinned (at most 4 each): one more hidden', 38, [4, 4, 30], ['small', 'small', 'concealed'], false],
    ['a small cell and a "[c]" with room either way', 57, [3, 9, 45], ['small', 'concealed', null], false],
    ['"<5", "<5", "[c]" adding up to 7 could only be 1, 1, 5: the total is hidden', 7, [1, 1, 5], ['small', 'small', 'concealed'], true],
    ['a small total: every non-zero part is small anyway, the total is "<5"', 4, [3, 1, 0], ['small', 'small', null], true],
    [
      'ties: a "[c]" of 5 beside a published 5 is pinned, so another goes',
      18,
      [1, 6, 6, 5],
      ['small', 'concealed', null, 'concealed'],
      false,
    ],
    ['nothing at all', 0, [0, 0], [null, null], false],
  ])('%s', (_, total, parts, cells, totalHidden) => expect(suppressPartition(total, parts)).toEqual({ cells, totalHidden }));

  it.each<[string, number, number[], CellMark[]]>([
    ['with the total hidden elsewhere, one cell is hidden here', 12, [12], ['concealed']],
    ['… the smallest non-zero one', 20, [8, 0, 12], ['concealed', null, null]],
    ['… and a "[c]" pinned at 5 by a published 5 is not enough', 15, [5, 5, 5], ['concealed', 'concealed', 'concealed']],
    ['… while a "<5" already hidden is enough', 12, [2, 10], ['small', null]],
  ])('%s', (_, total, parts, cells) => expect(suppressPartition(total, parts, false)).toEqual({ cells, totalHidden: true }));

  it('no hidden cell can ever be worked out exactly (every partition of up to 4 cells of 0–9)', () => {
    let checked = 0;
    const each = (n: number, acc: number[]) => {
      if (acc.length === n) {
        const total = acc.reduce((a, b) => a + b, 0);
        const { cells, totalHidden } = suppressPartition(total, acc);
        const hidden = cells.filter((m) => m).length;
        if (!totalHidden && hidden) {
          expect(hidden, `${acc}`).toBeGreaterThanOrEqual(2);
          expect(
            acc.reduce((a, v, i) => a + (cells[i] ? v : 0), 0),
            `${acc}`,
          ).toBeGreaterThanOrEqual(5);
        }
        for (const [i, values] of possibleValues(total, acc, cells, !totalHidden))
          expect(values.size, `${acc} cell ${i}`).toBeGreaterThan(1);
        checked++;
        return;
      }
      for (let v = 0; v <= 9; v++) each(n, [...acc, v]);
    };
    for (const n of [1, 2, 3, 4]) each(n, []);
    expect(checked).toBe(10 + 100 + 1000 + 10000);
  });

  it('suppresses each column of a table against its own total', () => {
    const rows = [
      { month: '2026-10', referrals: 12, contacted: 2 },
      { month: '2026-11', referrals: 8, contacted: 6 },
    ];
    expect(suppressTable(rows, ['referrals', 'contacted'], { referrals: 20, contacted: 8 })).toEqual({
      rows: [
        { month: '2026-10', referrals: 12, contacted: SMALL },
        { month: '2026-11', referrals: 8, contacted: CONCEALED },
      ],
      totals: { referrals: 20, contacted: 8 },
    });
  });

  it('hides a total in every table of it when one table needs it hidden', () => {
    // Channels 1, 1, 5 of 7 cannot be protected with 7 published (only 1, 1, 5 fits); the months (7 in one) would then
    // give 7 back, so the month is hidden too. With the total hidden, the channels' two "<5" are enough (7 to 13).
    const r = suppressTables(
      [
        [{ n: 7 }, { n: 0 }],
        [{ n: 1 }, { n: 1 }, { n: 5 }],
      ],
      ['n'],
      { n: 7 },
    );
    expect(r.totals).toEqual({ n: CONCEALED });
    expect(r.tables).toEqual([
      [{ n: CONCEALED }, { n: 0 }],
      [{ n: SMALL }, { n: SMALL }, { n: 5 }],
    ]);
  });

  it.each([
    ['nothing to base it on', 0.5, 0, false, null],
    ['a base of 1–4', 0.5, 3, false, SMALL],
    ['an input cell hidden (e.g. a score count)', 0.5, 5, true, CONCEALED],
    ['everything published', 0.5, 5, false, 0.5],
    ['no value', null, 9, false, null],
  ] as const)('a measure with %s', (_, value, base, hidden, out) => expect(publishMeasure(value, base, hidden)).toBe(out));
});

describe('the period: whole London months, counted as at the weekly snapshot', () => {
  // Wednesday 11 November 2026, 12:00 GMT: the snapshot is 00:00 on Monday 9 November.
  const now = new Date('2026-11-11T12:00:00Z');
  it.each<[string, string | undefined, string | undefined, Record<string, unknown>]>([
    [
      'arbitrary days widen to whole months (BST start)',
      '2026-09-15',
      '2026-10-03',
      { from: '2026-09-01', to: '2026-10-31', start: '2026-08-31T23:00:00.000Z', end: '2026-11-01T00:00:00.000Z', countedTo: '2026-10-31' },
    ],
    [
      'a day earlier gives the same period',
      '2026-09-14',
      '2026-10-02',
      { from: '2026-09-01', to: '2026-10-31', end: '2026-11-01T00:00:00.000Z', countedTo: '2026-10-31' },
    ],
    [
      'the current month is counted to the snapshot',
      '2026-11-01',
      '2026-11-11',
      { from: '2026-11-01', to: '2026-11-30', end: '2026-11-09T00:00:00.000Z', countedTo: '2026-11-08' },
    ],
    [
      'yesterday as the end gives the same',
      '2026-11-03',
      '2026-11-10',
      { from: '2026-11-01', to: '2026-11-30', end: '2026-11-09T00:00:00.000Z', countedTo: '2026-11-08' },
    ],
    [
      'a future month counts nothing beyond the snapshot',
      '2026-10-20',
      '2026-12-05',
      { from: '2026-10-01', to: '2026-12-31', end: '2026-11-09T00:00:00.000Z', countedTo: '2026-11-08' },
    ],
    [
      'a period wholly after the snapshot is empty',
      '2026-12-01',
      '2026-12-02',
      { from: '2026-12-01', to: '2026-12-31', start: '2026-12-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z', countedTo: '2026-11-30' },
    ],
    [
      'the default: this month and the eleven before',
      undefined,
      undefined,
      { from: '2025-12-01', to: '2026-11-30', countedTo: '2026-11-08' },
    ],
  ])('%s', (_, from, to, expected) => {
    const r = forceDashboardPeriod(from, to, now);
    expect(r.errors).toBeUndefined();
    const p = r.period;
    expect(p?.snapshotAt.toISOString()).toBe('2026-11-09T00:00:00.000Z');
    expect(p?.requested).toEqual({ from: from ?? '2025-12-01', to: to ?? '2026-11-11' });
    expect({ ...p, start: p?.start.toISOString(), end: p?.end.toISOString() }).toMatchObject(expected);
  });

  it('on a Monday the snapshot is that midnight (BST)', () => {
    const p = forceDashboardPeriod('2026-06-01', '2026-06-30', new Date('2026-06-29T10:00:00Z')).period;
    expect(p?.snapshotAt.toISOString()).toBe('2026-06-28T23:00:00.000Z');
    expect(p?.countedTo).toBe('2026-06-28');
  });

  it.each([
    ['2026-13-01', 'yesterday', ['/from', '/to']],
    ['2026-10-02', '2026-10-01', ['/to']],
    ['2024-01-01', '2026-01-02', ['/to']],
  ])('still refuses malformed or impossible periods (%s, %s)', (from, to, paths) =>
    expect(forceDashboardPeriod(from, to, now).errors?.map((e) => e.path)).toEqual(paths),
  );
});

describe('a period from its months (no differencing of overlapping periods)', () => {
  const cohort = (referrals: Count, contacted: Count = 0, contactedWithin24h: Count = 0) => ({ referrals, contacted, contactedWithin24h });
  const month = (key: string, m: Omit<Partial<ForceMonth>, 'row'> & { row: ReturnType<typeof cohort> }): ForceMonth => ({
    byTeam: [],
    byArea: [],
    byChannel: [],
    byAgency: [],
    referralsOn: 0,
    referralsOnAccepted: 0,
    legal: { ordersAppliedFor: 0, ordersGranted: 0, ordersRefused: 0 },
    satisfaction: { responses: 0, byScore: [], feltSafer: [] },
    ...m,
    row: { month: key, ...m.row },
  });

  it.each<[Count[], Count]>([
    [[6, 5, 0], 11],
    [[6, SMALL], CONCEALED],
    [[0, SMALL, 0], SMALL],
    [[0, CONCEALED], CONCEALED],
    [[SMALL, SMALL], CONCEALED],
    [[], 0],
  ])('adds up %j as %j: never a sum with a hidden part', (values, out) => expect(combineCounts(values)).toBe(out));

  it('publishes one month with its shares and mean computed from its published figures', () => {
    const one = month('2026-09', {
      row: cohort(20, 10, 5),
      byTeam: [
        { team: 'North', ...cohort(15, 10, 5) },
        { team: OTHER_TEAMS, ...cohort(5) },
      ],
      satisfaction: {
        responses: 10,
        byScore: [1, 2, 3, 4, 5].map((score) => ({ score, count: score === 5 ? 5 : score === 4 ? 5 : 0 })),
        feltSafer: [],
      },
    });
    const f = combineForceMonths([one], 2.5);
    expect(f.totals).toMatchObject({ referrals: 20, contacted: 10, contactRate: 0.5, within24hRate: 0.25, medianHoursToFirstContact: 2.5 });
    expect(f.byMonth).toEqual([one.row]);
    expect(f.byTeam).toEqual(one.byTeam);
    expect(f.satisfaction.meanScore).toBe(4.5);
    // A hidden count of victims contacted in any month hides the median; none contacted gives none.
    const hidden = month('2026-10', { row: cohort(8, SMALL, 0) });
    expect(combineForceMonths([one, hidden], 3).totals.medianHoursToFirstContact).toBe(CONCEALED);
    expect(combineForceMonths([month('2026-10', { row: cohort(8) })], null).totals.medianHoursToFirstContact).toBeNull();
  });

  it('a team counts the months that name it; its other months are in Other teams, whatever was folded there', () => {
    const sep = month('2026-09', { row: cohort(6, 6, 5), byTeam: [{ team: 'North', ...cohort(6, 6, 5) }] });
    // October names no team: whether North had one of its five is not published, so it cannot change the period.
    const oct = month('2026-10', { row: cohort(5), byTeam: [{ team: OTHER_TEAMS, ...cohort(5) }] });
    const f = combineForceMonths([sep, oct], 3);
    expect(f.byTeam).toEqual([
      { team: 'North', referrals: 6, contacted: 6, contactedWithin24h: 5 },
      { team: OTHER_TEAMS, referrals: 5, contacted: 0, contactedWithin24h: 0 },
    ]);
    expect(f.totals.referrals).toBe(11);
    // The review's case: four teams named in September, a "<5" October with only "Other teams": the period names the
    // four with September's figures, and October's "<5" stays in Other teams, as it is published.
    const four = ['A', 'B', 'C', 'D'];
    const sep4 = month('2026-09', { row: cohort(24), byTeam: four.map((team) => ({ team, ...cohort(6) })) });
    const oct4 = month('2026-10', { row: cohort(SMALL), byTeam: [{ team: OTHER_TEAMS, ...cohort(SMALL) }] });
    expect(combineForceMonths([sep4, oct4], null).byTeam.map((r) => [r.team, r.referrals])).toEqual([
      ['A', 6],
      ['B', 6],
      ['C', 6],
      ['D', 6],
      [OTHER_TEAMS, SMALL],
    ]);
  });

  it('what two overlapping periods publish differs only by what their other months publish alone (random months)', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const count = (): Count => [0, 0, 5, 7, 12, SMALL, CONCEALED][rnd(7)];
    const teams = ['North', 'South', 'East'];
    // Every figure a dashboard publishes (counts), keyed by where it is; a name a month does not list is absent.
    const figures = (f: ForceFigures) => {
      const out = new Map<string, Count>();
      for (const k of ['referrals', 'contacted', 'contactedWithin24h', 'referralsOn', 'referralsOnAccepted'] as const)
        out.set(`totals.${k}`, f.totals[k]);
      for (const r of f.byTeam)
        for (const k of ['referrals', 'contacted', 'contactedWithin24h'] as const) out.set(`team.${r.team}.${k}`, r[k]);
      for (const r of f.byChannel) out.set(`channel.${r.channel}`, r.referrals);
      for (const r of f.byAgency) for (const k of ['sent', 'accepted'] as const) out.set(`agency.${r.partnerName}.${k}`, r[k]);
      for (const [k, v] of Object.entries(f.legal)) out.set(`legal.${k}`, v);
      out.set('responses', f.satisfaction.responses);
      for (const r of f.satisfaction.byScore) out.set(`score.${r.score}`, r.count);
      return out;
    };
    for (let trial = 0; trial < 200; trial++) {
      const months = Array.from({ length: 6 }, (_, i) =>
        month(`2026-0${i + 1}`, {
          row: cohort(count(), count(), count()),
          byTeam: [
            ...teams.filter(() => rnd(2)).map((team) => ({ team, ...cohort(count(), count(), count()) })),
            ...(rnd(2) ? [{ team: OTHER_TEAMS, ...cohort(count(), count(), count()) }] : []),
          ],
          byChannel: FORCE_CHANNELS.map((channel) => ({ channel, referrals: count() })),
          byAgency: rnd(2) ? [{ partnerName: 'Legal', kind: 'legal-advice', sent: count(), accepted: count() }] : [],
          referralsOn: count(),
          referralsOnAccepted: count(),
          legal: { ordersAppliedFor: count(), ordersGranted: count(), ordersRefused: count() },
          satisfaction: { responses: count(), byScore: [1, 5].map((score) => ({ score, count: count() })), feltSafer: [] },
        }),
      );
      const alone = months.map((m) => figures(combineForceMonths([m], null)));
      for (let a = 0; a < months.length; a++)
        for (let b = a; b < months.length; b++) {
          const period = figures(combineForceMonths(months.slice(a, b + 1), 1));
          for (const [key, v] of period) {
            // What the months publish alone, for this figure (a name a month does not list counts nothing there).
            const parts = alone.slice(a, b + 1).map((f) => f.get(key) ?? 0);
            const where = `${trial} ${a}-${b} ${key}`;
            if (parts.every((p) => typeof p === 'number')) expect(v, where).toBe(parts.reduce<number>((s, p) => s + (p as number), 0));
            // A hidden part: the period hides it too (its own marker only when it is the one non-zero part).
            else expect(typeof v, where).toBe('string');
          }
        }
    }
  });
});
