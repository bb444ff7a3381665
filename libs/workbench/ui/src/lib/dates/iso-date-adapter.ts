import { EnvironmentProviders, Injectable, makeEnvironmentProviders, provideEnvironmentInitializer } from '@angular/core';
import { LuxonDateAdapter, MAT_LUXON_DATE_ADAPTER_OPTIONS, type MatLuxonDateAdapterOptions } from '@angular/material-luxon-adapter';
import { DateAdapter, MAT_DATE_FORMATS, MAT_DATE_LOCALE, type MatDateFormats } from '@angular/material/core';
import { HUB_TIME_ZONE } from '@lantern/shared/domain';
import { DateTime, Settings } from 'luxon';

/**
 * en-GB dates in every picker, whatever the browser's language (issue 15): Material's Luxon adapter, locale en-GB,
 * in the hub's zone (HUB_TIME_ZONE), shown and typed as dd/mm/yyyy — while the form's value stays the calendar
 * date the API takes, "2026-12-08". This adapter is Luxon underneath with ISO date strings on the outside, so a
 * form that held `<input type="date">`'s value holds the same string with a mat-datepicker, and nothing sent to
 * the API changes. Empty is null; something typed that is not a date is an invalid value (matDatepickerParse).
 */
@Injectable()
export class IsoDateAdapter extends DateAdapter<string> {
  private readonly luxon = new LuxonDateAdapter();
  private static readonly INVALID = 'invalid-date';

  private dt(date: string): DateTime {
    return DateTime.fromISO(date.slice(0, 10), { zone: HUB_TIME_ZONE, locale: this.locale as string });
  }
  private iso(dt: DateTime | null): string | null {
    if (!dt) return null;
    return dt.isValid ? (dt.toISODate() ?? IsoDateAdapter.INVALID) : IsoDateAdapter.INVALID;
  }

  override setLocale(locale: unknown): void {
    super.setLocale(locale);
    this.luxon.setLocale(locale);
  }

  getYear(date: string): number {
    return this.luxon.getYear(this.dt(date));
  }
  getMonth(date: string): number {
    return this.luxon.getMonth(this.dt(date));
  }
  getDate(date: string): number {
    return this.luxon.getDate(this.dt(date));
  }
  getDayOfWeek(date: string): number {
    return this.luxon.getDayOfWeek(this.dt(date));
  }
  getMonthNames(style: 'long' | 'short' | 'narrow'): string[] {
    return this.luxon.getMonthNames(style);
  }
  getDateNames(): string[] {
    return this.luxon.getDateNames();
  }
  getDayOfWeekNames(style: 'long' | 'short' | 'narrow'): string[] {
    return this.luxon.getDayOfWeekNames(style);
  }
  getYearName(date: string): string {
    return this.luxon.getYearName(this.dt(date));
  }
  getFirstDayOfWeek(): number {
    return this.luxon.getFirstDayOfWeek();
  }
  getNumDaysInMonth(date: string): number {
    return this.luxon.getNumDaysInMonth(this.dt(date));
  }
  clone(date: string): string {
    return date;
  }
  createDate(year: number, month: number, date: number): string {
    return this.iso(this.luxon.createDate(year, month, date)) as string;
  }
  today(): string {
    return DateTime.now().setZone(HUB_TIME_ZONE).toISODate() as string;
  }
  parse(value: unknown, parseFormat: string | string[]): string | null {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return this.iso(this.dt(value.trim()));
    return this.iso(this.luxon.parse(typeof value === 'string' ? value.trim() : value, parseFormat));
  }
  format(date: string, displayFormat: string): string {
    if (!this.isValid(date)) throw Error('IsoDateAdapter: Cannot format invalid date.');
    return this.luxon.format(this.dt(date), displayFormat);
  }
  addCalendarYears(date: string, years: number): string {
    return this.iso(this.luxon.addCalendarYears(this.dt(date), years)) as string;
  }
  addCalendarMonths(date: string, months: number): string {
    return this.iso(this.luxon.addCalendarMonths(this.dt(date), months)) as string;
  }
  addCalendarDays(date: string, days: number): string {
    return this.iso(this.luxon.addCalendarDays(this.dt(date), days)) as string;
  }
  toIso8601(date: string): string {
    return date;
  }
  /** '' and null are no date; an ISO date (or date-time: its day) is itself; anything else is invalid. */
  override deserialize(value: unknown): string | null {
    if (value === null || value === undefined || value === '') return null;
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return this.iso(this.dt(value));
    return this.invalid();
  }
  isDateInstance(obj: unknown): obj is string {
    return typeof obj === 'string';
  }
  isValid(date: string): boolean {
    return /^\d{4}-\d{2}-\d{2}$/.test(date) && this.dt(date).isValid;
  }
  invalid(): string {
    return IsoDateAdapter.INVALID;
  }
}

/** dd/mm/yyyy shown and typed (d/m/yyyy and yyyy-mm-dd typed are understood too); Luxon tokens. */
export const EN_GB_DATE_FORMATS: MatDateFormats = {
  parse: { dateInput: ['d/M/yyyy', 'dd/MM/yyyy', 'd/M/yy', 'd.M.yyyy', 'd MMM yyyy', 'd MMMM yyyy'], timeInput: 'HH:mm' },
  display: {
    dateInput: 'dd/MM/yyyy',
    timeInput: 'HH:mm',
    monthLabel: 'LLL',
    monthYearLabel: 'LLL yyyy',
    dateA11yLabel: 'd MMMM yyyy',
    monthYearA11yLabel: 'LLLL yyyy',
    timeOptionLabel: 'HH:mm',
  },
};

/** App-wide (app.config.ts): every mat-datepicker in en-GB, Europe/London, dd/mm/yyyy, weeks from Monday. */
export function provideEnGbDates(): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: MAT_DATE_LOCALE, useValue: 'en-GB' },
    {
      provide: MAT_LUXON_DATE_ADAPTER_OPTIONS,
      useValue: { useUtc: false, firstDayOfWeek: 1, defaultOutputCalendar: 'gregory' } satisfies MatLuxonDateAdapterOptions,
    },
    { provide: MAT_DATE_FORMATS, useValue: EN_GB_DATE_FORMATS },
    { provide: DateAdapter, useClass: IsoDateAdapter },
    provideEnvironmentInitializer(() => {
      Settings.defaultZone = HUB_TIME_ZONE;
      Settings.defaultLocale = 'en-GB';
    }),
  ]);
}
