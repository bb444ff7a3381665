import '@angular/compiler';
import { Injector, runInInjectionContext } from '@angular/core';
import { MAT_LUXON_DATE_ADAPTER_OPTIONS } from '@angular/material-luxon-adapter';
import { MAT_DATE_LOCALE } from '@angular/material/core';
import { describe, expect, it } from 'vitest';
import { EN_GB_DATE_FORMATS, IsoDateAdapter } from './iso-date-adapter';

function adapter(locale = 'en-GB'): IsoDateAdapter {
  const injector = Injector.create({
    providers: [
      { provide: MAT_DATE_LOCALE, useValue: locale },
      { provide: MAT_LUXON_DATE_ADAPTER_OPTIONS, useValue: { useUtc: false, firstDayOfWeek: 1, defaultOutputCalendar: 'gregory' } },
    ],
  });
  return runInInjectionContext(injector, () => {
    const a = new IsoDateAdapter();
    a.setLocale(locale);
    return a;
  });
}

const parse = EN_GB_DATE_FORMATS.parse.dateInput;
const show = EN_GB_DATE_FORMATS.display.dateInput;

describe('IsoDateAdapter (en-GB, Luxon underneath, ISO dates outside)', () => {
  it('shows 8 December 2026 as 08/12/2026 and reads 08/12/2026 as 8 December, never 12 August', () => {
    const a = adapter();
    expect(a.format('2026-12-08', show)).toBe('08/12/2026');
    expect(a.parse('08/12/2026', parse)).toBe('2026-12-08');
    expect(a.parse('8/12/2026', parse)).toBe('2026-12-08');
    expect(a.parse('2026-12-08', parse)).toBe('2026-12-08');
  });

  it('keeps the value the API takes: a calendar date string', () => {
    const a = adapter();
    expect(a.createDate(2026, 11, 8)).toBe('2026-12-08');
    expect(a.addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(a.addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(a.getMonth('2026-12-08')).toBe(11);
    expect(a.getDayOfWeek('2026-12-08')).toBe(2);
    // Around the clock change the day does not move (Europe/London).
    expect(a.addCalendarDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(a.addCalendarDays('2026-10-24', 1)).toBe('2026-10-25');
  });

  it('treats empty as no date and nonsense as invalid', () => {
    const a = adapter();
    expect(a.deserialize('')).toBeNull();
    expect(a.deserialize(null)).toBeNull();
    expect(a.deserialize('2026-12-08')).toBe('2026-12-08');
    expect(a.isValid(a.deserialize('tomorrow') as string)).toBe(false);
    expect(a.parse('', parse)).toBeNull();
    expect(a.isValid(a.parse('31/02/2026', parse) as string)).toBe(false);
    expect(a.isValid(a.parse('12/31/2026', parse) as string)).toBe(false);
  });

  it('starts weeks on Monday and names months in English', () => {
    const a = adapter();
    expect(a.getFirstDayOfWeek()).toBe(1);
    expect(a.getMonthNames('long')[11]).toBe('December');
    expect(a.format('2026-12-08', EN_GB_DATE_FORMATS.display.dateA11yLabel)).toBe('8 December 2026');
  });
});
