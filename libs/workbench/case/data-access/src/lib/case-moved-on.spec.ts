import { describe, expect, it } from 'vitest';
import { caseMovedOn } from './case-moved-on';

describe('caseMovedOn', () => {
  it.each([
    ['stale-version', true],
    ['already-claimed', true],
    ['illegal-transition', true],
    ['case-closed', true],
    ['not-paused', true],
    ['validation-failed', false],
    ['forbidden', false],
    [null, false],
    [undefined, false],
  ] as const)('%s → %s', (code, movedOn) => {
    expect(caseMovedOn(code)).toBe(movedOn);
  });
});
