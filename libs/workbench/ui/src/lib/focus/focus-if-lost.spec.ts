import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { focusIfLost } from './focus-if-lost';

/** A page of the shape focusIfLost reads (this project's tests run without a DOM): a body, a target, and focus. */
function page(active: 'body' | 'elsewhere' | 'removed' | 'disabled') {
  const focused: string[] = [];
  const body = { name: 'body' };
  const target = { focus: () => focused.push('target') };
  const activeElement =
    active === 'body'
      ? body
      : { isConnected: active !== 'removed', disabled: active === 'disabled', focus: () => focused.push('elsewhere') };
  const root = { ownerDocument: { body, activeElement }, querySelector: (s: string) => (s === '.done' ? target : null) };
  return { root: root as unknown as HTMLElement, focused };
}

describe('focusIfLost', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it.each([
    ['fell to the page', 'body' as const],
    ['is on a button its own action removed', 'removed' as const],
    ['is on a button its own action disabled', 'disabled' as const],
  ])('puts focus on the target when focus %s', (_, active) => {
    const { root, focused } = page(active);
    focusIfLost(root, '.done');
    expect(focused).toEqual([]);
    vi.runAllTimers();
    expect(focused).toEqual(['target']);
  });

  it('leaves focus where the user has it', () => {
    const { root, focused } = page('elsewhere');
    focusIfLost(root, '.done');
    vi.runAllTimers();
    expect(focused).toEqual([]);
  });
});
