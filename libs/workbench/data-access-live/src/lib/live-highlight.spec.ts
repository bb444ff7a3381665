import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { highlightsRunOut, LIVE_HIGHLIGHT_MS } from './live-highlight';

describe('highlightsRunOut', () => {
  let changes: Subject<string>;
  let out: Array<[string, number]>;
  let started: number;

  beforeEach(() => {
    vi.useFakeTimers();
    started = Date.now();
    changes = new Subject<string>();
    out = [];
    changes.pipe(highlightsRunOut<string>()).subscribe((id) => out.push([id, Date.now() - started]));
  });
  afterEach(() => vi.useRealTimers());

  it('lets an id go LIVE_HIGHLIGHT_MS after its change, once', () => {
    changes.next('a');
    vi.advanceTimersByTime(LIVE_HIGHLIGHT_MS - 1);
    expect(out).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(out).toEqual([['a', LIVE_HIGHLIGHT_MS]]);
    vi.advanceTimersByTime(10 * LIVE_HIGHLIGHT_MS);
    expect(out).toHaveLength(1);
  });

  it('keeps a row changed again while tinted tinted for the full time after its later change', () => {
    changes.next('a');
    vi.advanceTimersByTime(2_000);
    changes.next('a');
    vi.advanceTimersByTime(LIVE_HIGHLIGHT_MS - 1);
    expect(out).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(out).toEqual([['a', 2_000 + LIVE_HIGHLIGHT_MS]]);
  });

  it('times each id on its own, and an id changed after it ran out again', () => {
    changes.next('a');
    vi.advanceTimersByTime(1_000);
    changes.next('b');
    vi.advanceTimersByTime(LIVE_HIGHLIGHT_MS);
    expect(out).toEqual([
      ['a', LIVE_HIGHLIGHT_MS],
      ['b', 1_000 + LIVE_HIGHLIGHT_MS],
    ]);
    changes.next('a');
    vi.advanceTimersByTime(LIVE_HIGHLIGHT_MS);
    expect(out.at(-1)).toEqual(['a', 1_000 + 2 * LIVE_HIGHLIGHT_MS]);
    expect(out).toHaveLength(3);
  });
});
