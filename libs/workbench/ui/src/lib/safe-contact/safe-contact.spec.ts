import { describe, expect, it } from 'vitest';
import { safeContactWarning } from './safe-contact';

describe('safeContactWarning', () => {
  it('warns when nothing is recorded', () => {
    expect(safeContactWarning(undefined)).toBe('none-recorded');
    expect(safeContactWarning({})).toBe('none-recorded');
    expect(safeContactWarning({ phone: '  ', notes: '' })).toBe('none-recorded');
  });
  it('warns when there are details but no safe phone', () => {
    expect(safeContactWarning({ safeTimes: 'Weekdays 10-12', voicemailSafe: false })).toBe('no-safe-phone');
  });
  it('does not warn when a safe phone is recorded', () => {
    expect(safeContactWarning({ phone: '07700 900123' })).toBeNull();
  });
});
