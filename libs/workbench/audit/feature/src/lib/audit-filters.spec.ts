import { describe, expect, it } from 'vitest';
import { auditQueryOf, describeDetails, NO_FILTERS } from './audit-filters';

const CASE = '3f2a1c4e-9b7d-4e5f-8a6b-1c2d3e4f5a6b';

describe('auditQueryOf', () => {
  it('leaves out empty filters', () => {
    expect(auditQueryOf(NO_FILTERS)).toEqual({ query: {}, errors: {} });
  });

  it('passes ids (lower-cased) and actions, and turns days into an inclusive range of instants', () => {
    const { query, errors } = auditQueryOf({
      caseId: ` ${CASE.toUpperCase()} `,
      userId: '',
      action: 'case.*',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(errors).toEqual({});
    expect(query.caseId).toBe(CASE);
    expect(query.action).toBe('case.*');
    expect(query.from).toBe(new Date(2026, 10, 1).toISOString());
    // `to` is exclusive in the API: midnight after the last day.
    expect(query.to).toBe(new Date(2026, 11, 1).toISOString());
  });

  it.each([
    [{ caseId: 'nope' }, 'caseId'],
    [{ userId: '123' }, 'userId'],
    [{ action: 'DROP TABLE' }, 'action'],
    [{ from: '2026-11-05', to: '2026-11-01' }, 'to'],
  ])('names the field at fault: %o', (partial, field) => {
    expect(Object.keys(auditQueryOf({ ...NO_FILTERS, ...partial }).errors)).toEqual([field]);
  });
});

describe('describeDetails', () => {
  it('lists keys with values, counting lists', () => {
    expect(describeDetails({ route: '/api/v1/audit', status: 403, caseIds: ['a', 'b'] })).toBe(
      'route: /api/v1/audit, status: 403, caseIds: 2 items',
    );
    expect(describeDetails({})).toBe('');
  });
});
