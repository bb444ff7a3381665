import { BACKGROUND_AFTER_MS } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import { isBackground } from './user-activity';

describe('isBackground', () => {
  const input = Date.UTC(2026, 0, 5, 9, 0, 0);
  it.each([
    [0, false],
    [30_000, false],
    [BACKGROUND_AFTER_MS, false],
    [BACKGROUND_AFTER_MS + 1, true],
    [31 * 60_000, true],
  ])('a request %i ms after the last input is background: %s', (after, expected) => {
    expect(isBackground(input, input + after)).toBe(expected);
  });
});
