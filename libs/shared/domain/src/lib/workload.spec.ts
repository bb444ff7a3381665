import { describe, expect, it } from 'vitest';
import { DEFAULT_HUB_CALENDAR } from './hub-calendar';
import type { RiskGrade } from './report';
import {
  caseWeight,
  DEFAULT_WORKLOAD_RULES,
  isOnShift,
  MAX_UNPLACED,
  suggestBalance,
  type Availability,
  type BalanceCase,
  type BalanceWorker,
  type Rota,
} from './workload';

const rules = { ...DEFAULT_WORKLOAD_RULES, cap: 12 };
let n = 0;
const c = (grade: RiskGrade | null, priority = 50, movable = true): BalanceCase => ({
  caseId: `c${++n}`,
  reference: `HC/2026/${String(n).padStart(6, '0')}`,
  grade,
  priority,
  movable,
});
const worker = (name: string, cases: BalanceCase[], onShift = true, availability: Availability = 'available'): BalanceWorker => ({
  userId: name.toLowerCase(),
  displayName: name,
  onShift,
  availability,
  cases,
});

describe('isOnShift', () => {
  const earlies: Rota = {
    mon: { open: '08:00', close: '14:00' },
    tue: { open: '08:00', close: '14:00' },
    wed: null,
    thu: null,
    fri: null,
    sat: null,
    sun: null,
  };
  it.each([
    ['no rota: any staffed time', null, '2026-11-23T10:00:00Z', true],
    ['no rota: not before the hub opens', null, '2026-11-23T07:59:00Z', false],
    ['no rota: not after it closes', null, '2026-11-23T20:00:00Z', false],
    ['no rota: not on a bank holiday', null, '2026-12-25T12:00:00Z', false],
    ['rota: Monday morning', earlies, '2026-11-23T09:00:00Z', true],
    ['rota: Monday after the shift', earlies, '2026-11-23T14:00:00Z', false],
    ['rota: a day off', earlies, '2026-11-25T09:00:00Z', false],
    ['rota: London time in summer (08:30 BST = 07:30Z)', earlies, '2026-07-06T07:30:00Z', true],
    ['rota: 07:30 BST is before the shift', earlies, '2026-07-06T06:30:00Z', false],
  ])('%s', (_name, rota, at, expected) => {
    expect(isOnShift(rota as Rota | null, DEFAULT_HUB_CALENDAR, new Date(at))).toBe(expected);
  });
});

describe('suggestBalance', () => {
  it('gives the most urgent unassigned case to the least-loaded available caseworker and explains the load change', () => {
    const sam = worker('Sam', [c('high'), c('high')]); // load 6
    const alex = worker('Alex', [c('standard')]); // load 1
    const urgent = c('high', 90);
    const routine = c('standard', 10);
    const { suggestions } = suggestBalance([sam, alex], [routine, urgent], rules);
    expect(suggestions[0]).toMatchObject({ caseId: urgent.caseId, toUserId: 'alex', fromUserId: null });
    expect(suggestions[0].reason).toContain('Alex: load 1 → 4');
    expect(suggestions[1]).toMatchObject({ caseId: routine.caseId, toUserId: 'alex' }); // Alex 4 < Sam 6
  });

  it('never assigns to someone off shift, away or busy', () => {
    const { suggestions, unplaced } = suggestBalance(
      [worker('Off', [], false), worker('Away', [], true, 'away'), worker('Busy', [], true, 'busy')],
      [c('medium')],
      rules,
    );
    expect(suggestions).toEqual([]);
    expect(unplaced[0].reason).toMatch(/No caseworker is on shift and available/);
  });

  it('never takes anyone over the cap, and says so', () => {
    const full = worker('Full', [c('high'), c('high'), c('high'), c('standard'), c('standard')]); // 11
    const { suggestions, unplaced } = suggestBalance([full], [c('medium'), c('standard')], rules);
    expect(suggestions.map((s) => s.toUserId)).toEqual(['full']); // the standard case fits (12), the medium would not
    expect(unplaced[0].reason).toMatch(/over the cap of 12/);
  });

  it('lists the most urgent cases it could not place, and counts them all', () => {
    // Nobody free at a hub with a long queue: every case is unplaced, and the list is the most urgent few.
    const queue = Array.from({ length: MAX_UNPLACED * 3 }, (_, i) => c('standard', (i * 37) % 101));
    const { suggestions, unplaced, unplacedTotal } = suggestBalance([worker('Off', [], false)], queue, rules);
    expect(suggestions).toEqual([]);
    expect(unplacedTotal).toBe(queue.length);
    const urgent = [...queue].sort((a, b) => b.priority - a.priority || a.reference.localeCompare(b.reference)).slice(0, MAX_UNPLACED);
    expect(unplaced.map((u) => u.caseId)).toEqual(urgent.map((x) => x.caseId));
  });

  it('moves uncontacted cases from someone off shift, never contacted ones', () => {
    const moving = c('high', 80, true);
    const staying = c('high', 90, false);
    const gone = worker('Gone', [moving, staying], false);
    const { suggestions } = suggestBalance([gone, worker('Here', [])], [], rules);
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toMatchObject({ caseId: moving.caseId, fromUserId: 'gone', toUserId: 'here' });
    expect(suggestions[0].reason).toMatch(/Gone is off shift/);
  });

  it('relieves an overloaded caseworker only while the move helps ("Sam: load 14 → 11")', () => {
    const sam = worker('Sam', [c('high', 70), c('high', 60), c('high', 50), c('high', 40, false), c('medium', 30, false)]); // 14
    const alex = worker('Alex', [c('standard'), c('standard'), c('standard'), c('standard')]); // 4
    const { suggestions } = suggestBalance([sam, alex], [], rules);
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0].reason).toContain('Sam: load 14 → 11');
    expect(suggestions[0].reason).toContain('Alex: load 4 → 7');
    expect(suggestions[0].caseId).toBe(sam.cases[0].caseId); // the most urgent movable one
  });

  it('holds its rules on 500 random hubs', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const grades = ['high', 'medium', 'standard', null] as const;
    for (let run = 0; run < 500; run++) {
      const cap = 3 + Math.floor(rnd() * 20);
      const r = { ...DEFAULT_WORKLOAD_RULES, cap };
      const workers = Array.from({ length: 1 + Math.floor(rnd() * 6) }, (_, i) =>
        worker(
          `W${i}`,
          Array.from({ length: Math.floor(rnd() * 8) }, () => c(pick(grades), Math.floor(rnd() * 100), rnd() < 0.5)),
          rnd() < 0.7,
          pick(['available', 'available', 'busy', 'away'] as const),
        ),
      );
      const queue = Array.from({ length: Math.floor(rnd() * 10) }, () => c(pick(grades), Math.floor(rnd() * 100)));
      const { suggestions, unplaced, unplacedTotal } = suggestBalance(workers, queue, r);
      expect(unplaced.length).toBe(Math.min(unplacedTotal, MAX_UNPLACED));
      const byId = new Map(workers.map((w) => [w.userId, w]));
      const loads = new Map(workers.map((w) => [w.userId, w.cases.reduce((s, x) => s + caseWeight(x.grade, r), 0)]));
      const ids = new Set<string>();
      for (const s of suggestions) {
        const to = byId.get(s.toUserId) as BalanceWorker;
        expect(to.onShift && to.availability === 'available').toBe(true);
        expect(ids.has(s.caseId)).toBe(false);
        ids.add(s.caseId);
        const from = s.fromUserId ? byId.get(s.fromUserId) : null;
        const moved = from ? from.cases.find((x) => x.caseId === s.caseId) : queue.find((x) => x.caseId === s.caseId);
        expect(moved?.movable ?? true).toBe(true);
        const w = caseWeight((moved as BalanceCase).grade, r);
        if (from) loads.set(from.userId, (loads.get(from.userId) ?? 0) - w);
        loads.set(to.userId, (loads.get(to.userId) ?? 0) + w);
        expect(loads.get(to.userId)).toBeLessThanOrEqual(cap);
      }
      for (const u of unplaced) expect(ids.has(u.caseId)).toBe(false);
      // Every unassigned case is either suggested or explained.
      for (const q of queue) expect(ids.has(q.caseId) || unplaced.some((u) => u.caseId === q.caseId)).toBe(true);
    }
  });
});
