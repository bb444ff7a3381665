import { DEFAULT_PARTNER_SERVICES, OUTREACH_AREAS, type PartnerServiceRecord } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import { controlForPointer, describeAges, describeAreas, describeGrades, mapFieldErrors, toFormValue, toServiceBody } from './partner-form';

const record = (i: number): PartnerServiceRecord => ({
  ...DEFAULT_PARTNER_SERVICES[i],
  active: true,
  version: 3,
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('controlForPointer', () => {
  it.each([
    ['/notifyEmail', 'notifyEmail'],
    ['/service', 'service'],
    ['/acknowledgeWithinHours', 'acknowledgeWithinHours'],
    ['/rule/minAge', 'rule.minAge'],
    ['/rule/maxAge', 'rule.maxAge'],
    ['/rule/grades/1', 'rule.grades'],
    ['/rule/areas', 'rule.areas'],
    ['/rule/statutory', 'rule.statutory'],
    ['/hours', 'hours.allDay'],
    ['/hours/mon/0', 'hours.mon.from'],
    ['/hours/sat/1', 'hours.sat.to'],
    ['/hours/sun', 'hours.sun.open'],
    ['/hours/someday/1', null],
    ['/rule/colour', null],
    ['/rule', null],
    ['/', null],
    ['', null],
    ['/unknown', null],
  ])('%s → %s', (pointer, control) => {
    expect(controlForPointer(pointer)).toBe(control);
  });
});

describe('mapFieldErrors', () => {
  it('puts each error on its control and keeps the rest general', () => {
    expect(
      mapFieldErrors([
        { path: '/notifyEmail', message: 'must match format "email"' },
        { path: '/rule/maxAge', message: 'must not be below minAge' },
        { path: '/hours/mon/1', message: 'closing time must be after opening time' },
        { path: '/rule/grades/0', message: 'must be one of: standard, medium, high' },
        { path: '/rule/grades/2', message: 'must be unique' },
        { path: '/', message: 'must be a JSON object' },
        { path: '/extra', message: 'is not allowed' },
      ]),
    ).toEqual({
      byControl: {
        notifyEmail: ['must match format "email"'],
        'rule.maxAge': ['must not be below minAge'],
        'hours.mon.to': ['closing time must be after opening time'],
        'rule.grades': ['must be one of: standard, medium, high', 'must be unique'],
      },
      general: ['must be a JSON object', '/extra: is not allowed'],
    });
  });
});

describe('form value ⇄ API body', () => {
  it('round-trips every seeded service', () => {
    DEFAULT_PARTNER_SERVICES.forEach((s, i) => {
      const r = record(i);
      expect(toServiceBody(toFormValue(r, OUTREACH_AREAS), OUTREACH_AREAS)).toEqual({ ...s, active: true });
    });
  });

  it('a new service: weekday office hours, any grade, 16+, active', () => {
    const v = toFormValue(null, OUTREACH_AREAS);
    expect(v.hours.allDay).toBe(false);
    expect(v.hours.mon).toEqual({ open: true, from: '09:00', to: '17:00' });
    expect(v.hours.sun.open).toBe(false);
    const body = toServiceBody({ ...v, kind: 'outreach', notifyEmail: ' a@b.example ' }, OUTREACH_AREAS);
    expect(body.hours).toEqual({
      mon: ['09:00', '17:00'],
      tue: ['09:00', '17:00'],
      wed: ['09:00', '17:00'],
      thu: ['09:00', '17:00'],
      fri: ['09:00', '17:00'],
      sat: null,
      sun: null,
    });
    expect(body.rule).toMatchObject({ grades: [], genders: [], areas: [], minAge: 16, maxAge: null });
    expect(body.notifyEmail).toBe('a@b.example');
    expect(body.active).toBe(true);
  });

  it('24 hours sends null hours; empty ages send null', () => {
    const v = toFormValue(null, OUTREACH_AREAS);
    const body = toServiceBody(
      { ...v, hours: { ...v.hours, allDay: true }, rule: { ...v.rule, minAge: null, maxAge: '' as unknown as null } },
      OUTREACH_AREAS,
    );
    expect(body.hours).toBeNull();
    expect(body.rule.minAge).toBeNull();
    expect(body.rule.maxAge).toBeNull();
  });

  it('sends ticked grades, genders and areas in their canonical order', () => {
    const v = toFormValue(null, OUTREACH_AREAS);
    const body = toServiceBody(
      {
        ...v,
        rule: {
          ...v.rule,
          grades: { high: true, standard: true, medium: false },
          genders: { male: true, female: true },
          areas: { [OUTREACH_AREAS[3]]: true, [OUTREACH_AREAS[0]]: true },
        },
      },
      OUTREACH_AREAS,
    );
    expect(body.rule.grades).toEqual(['standard', 'high']);
    expect(body.rule.genders).toEqual(['female', 'male']);
    expect(body.rule.areas).toEqual([OUTREACH_AREAS[0], OUTREACH_AREAS[3]]);
  });
});

describe('directory cells', () => {
  it.each([
    [[], 'Whole county'],
    [['Watford and Three Rivers'], 'Watford and Three Rivers'],
  ])('areas %j → %s', (areas, text) => expect(describeAreas(areas)).toBe(text));

  it.each([
    [[], false, 'Any'],
    [[], true, 'Any'],
    [['high'], true, 'High, or MARAC'],
    [['standard', 'medium'], false, 'Standard, Medium'],
  ] as const)('grades %j marac %s → %s', (grades, marac, text) => expect(describeGrades(grades, marac)).toBe(text));

  it.each([
    [null, null, 'Any'],
    [16, null, '16+'],
    [null, 17, 'Up to 17'],
    [12, 18, '12–18'],
  ])('ages %s–%s → %s', (min, max, text) => expect(describeAges(min, max)).toBe(text));
});
