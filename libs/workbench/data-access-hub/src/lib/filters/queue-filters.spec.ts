import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '@lantern/shared/domain';
import {
  filtersFromQueryParams,
  filtersToApiParams,
  filtersToQueryParams,
  hasFilters,
  matchesFilters,
  NO_FILTERS,
  QueueFilters,
  sameFilters,
  toggleGrade,
} from './queue-filters';

describe('queue filters ↔ URL query parameters', () => {
  it('reads every filter from the URL', () => {
    expect(
      filtersFromQueryParams({
        grade: 'medium,high',
        area: 'St Albans and Dacorum',
        marac: 'true',
        assignee: 'me',
        breached: 'true',
      }),
    ).toEqual({
      grades: ['high', 'medium'],
      area: 'St Albans and Dacorum',
      marac: true,
      assignee: 'me',
      breached: true,
    });
  });

  it('ignores unknown or malformed values instead of refusing the link', () => {
    expect(
      filtersFromQueryParams({
        grade: 'HIGH,extreme,,ungraded',
        area: '  ',
        marac: 'maybe',
        assignee: 'someone-else',
        breached: undefined,
        other: 'x',
      }),
    ).toEqual({ ...NO_FILTERS, grades: ['high', 'ungraded'] });
    expect(filtersFromQueryParams({})).toEqual(NO_FILTERS);
  });

  it('accepts a repeated grade parameter', () => {
    expect(filtersFromQueryParams({ grade: ['standard', 'high'] }).grades).toEqual(['high', 'standard']);
  });

  it('round-trips through the URL, writing only what is set (null removes a parameter)', () => {
    const filters: QueueFilters = {
      grades: ['standard', 'high'],
      area: 'Watford and Three Rivers',
      marac: false,
      assignee: 'none',
      breached: true,
    };
    const params = filtersToQueryParams(filters);
    expect(params).toEqual({
      grade: 'high,standard',
      area: 'Watford and Three Rivers',
      marac: null,
      assignee: 'none',
      breached: 'true',
    });
    const back = filtersFromQueryParams(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null)) as Record<string, string>);
    expect(sameFilters(back, filters)).toBe(true);
    expect(filtersToQueryParams(NO_FILTERS)).toEqual({
      grade: null,
      area: null,
      marac: null,
      assignee: null,
      breached: null,
    });
  });

  it('maps to the API query with the same names, leaving out what is off', () => {
    expect(filtersToApiParams(NO_FILTERS)).toEqual({});
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(filtersToApiParams({ ...NO_FILTERS, grades: ['high', 'medium'], marac: true })).toEqual({ grade: 'high,medium', marac: 'true' });
  });

  it('compares filters by meaning, not by grade order', () => {
    expect(sameFilters({ ...NO_FILTERS, grades: ['medium', 'high'] }, { ...NO_FILTERS, grades: ['high', 'medium'] })).toBe(true);
    expect(sameFilters(NO_FILTERS, { ...NO_FILTERS, breached: true })).toBe(false);
  });

  it('toggles a grade, keeping grades in order', () => {
    let f = toggleGrade(NO_FILTERS, 'standard');
    f = toggleGrade(f, 'high');
    expect(f.grades).toEqual(['high', 'standard']);
    expect(toggleGrade(f, 'high').grades).toEqual(['standard']);
  });
});

describe('matchesFilters (for cases that arrive live)', () => {
  const base = {
    area: 'Watford and Three Rivers',
    assignee: null,
    risk: {
      grade: 'medium',
      score: null,
      source: 'officer',
      officerTool: 'dash',
      marac: { required: false, reasons: [] },
      policeGrade: null,
      policeScore: null,
      agreedWithPolice: null,
    },
    sla: {
      assignDueAt: null,
      firstContactDueAt: null,
      breached: false,
      state: 'ok',
      nextDueAt: null,
    },
  } as Pick<CaseSummary, 'risk' | 'area' | 'assignee' | 'sla'>;

  it('passes everything without filters', () => {
    expect(matchesFilters(base, NO_FILTERS, null)).toBe(true);
  });

  it('applies grade, area, MARAC, assignee and breach like the API', () => {
    expect(matchesFilters(base, { ...NO_FILTERS, grades: ['high'] }, null)).toBe(false);
    expect(matchesFilters(base, { ...NO_FILTERS, grades: ['medium'] }, null)).toBe(true);
    const ungraded = { ...base, risk: { ...base.risk, grade: null } };
    expect(matchesFilters(ungraded, { ...NO_FILTERS, grades: ['medium'] }, null)).toBe(false);
    expect(matchesFilters(ungraded, { ...NO_FILTERS, grades: ['ungraded'] }, null)).toBe(true);
    expect(matchesFilters(base, { ...NO_FILTERS, area: 'Watford' }, null)).toBe(false);
    expect(matchesFilters(base, { ...NO_FILTERS, marac: true }, null)).toBe(false);
    expect(matchesFilters(base, { ...NO_FILTERS, assignee: 'none' }, 'u1')).toBe(true);
    expect(matchesFilters(base, { ...NO_FILTERS, assignee: 'me' }, 'u1')).toBe(false);
    const mine = { ...base, assignee: { id: 'u1', displayName: 'Sam' } };
    expect(matchesFilters(mine, { ...NO_FILTERS, assignee: 'me' }, 'u1')).toBe(true);
    expect(matchesFilters(mine, { ...NO_FILTERS, assignee: 'me' }, 'u2')).toBe(false);
    expect(matchesFilters(mine, { ...NO_FILTERS, assignee: 'none' }, 'u1')).toBe(false);
    expect(matchesFilters(base, { ...NO_FILTERS, breached: true }, null)).toBe(false);
    expect(
      matchesFilters({ ...base, sla: { ...base.sla, state: 'breached', breached: true } }, { ...NO_FILTERS, breached: true }, null),
    ).toBe(true);
  });
});
