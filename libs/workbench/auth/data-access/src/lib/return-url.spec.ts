import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_SIGN_IN, safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it.each([
    ['/cases/abc', '/cases/abc'],
    ['/queue?x=1', '/queue?x=1'],
    [null, DEFAULT_AFTER_SIGN_IN],
    ['', DEFAULT_AFTER_SIGN_IN],
    ['https://evil.example/', DEFAULT_AFTER_SIGN_IN],
    ['//evil.example/', DEFAULT_AFTER_SIGN_IN],
    ['/\\evil.example/', DEFAULT_AFTER_SIGN_IN],
    ['/sign-in?returnUrl=%2Fqueue', DEFAULT_AFTER_SIGN_IN],
  ])('%s → %s', (input, expected) => {
    expect(safeReturnUrl(input)).toBe(expected);
  });
});
