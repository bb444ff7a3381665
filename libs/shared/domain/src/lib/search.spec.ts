import { describe, expect, it } from 'vitest';
import { normalisePhone } from './safe-contact';
import { searchPhoneKey, searchQueryErrors } from './search';

describe('searchQueryErrors', () => {
  it.each([
    ['', 'must not be blank'],
    ['   ', 'must not be blank'],
    ['a', 'must have at least two letters or digits'],
    ["'-'", 'must have at least two letters or digits'],
    [' é ', 'must have at least two letters or digits'],
    ['x'.repeat(101), 'must be at most 100 characters'],
  ])('refuses %j', (q, message) => {
    expect(searchQueryErrors(q)).toEqual([{ path: '/q', message }]);
  });

  it.each(['li', 'Ng', '  Siobhán  ', '07', 'HC/2026/4', ` ${'x'.repeat(100)} `])('accepts %j', (q) => {
    expect(searchQueryErrors(q)).toEqual([]);
  });
});

describe('phone numbers as UK national digits', () => {
  it.each([
    ['07700 900123', '07700900123'],
    ['+44 7700 900123', '07700900123'],
    ['+44 (0) 7700 900123', '07700900123'],
    ['0044 7700 900123', '07700900123'],
    ['44 7700 900123', '07700900123'],
    ['7700 900 123', '07700900123'],
    ['(020) 7946-0123', '02079460123'],
    ['+1 202 555 0100', '0012025550100'],
  ])('%j → %j', (written, digits) => {
    expect(normalisePhone(written)).toBe(digits);
  });

  it('takes a query as a number only when it is written like one, with ten digits or more', () => {
    expect(searchPhoneKey('+44 7700 900123')).toBe('07700900123');
    expect(searchPhoneKey('900123')).toBeNull();
    expect(searchPhoneKey('HC/2026/400123')).toBeNull();
    expect(searchPhoneKey('Smith 07700900123')).toBeNull();
  });
});
