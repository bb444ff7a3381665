import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, QUEUE_COLUMNS, resolvePreferences } from './preferences.contracts';

describe('resolvePreferences', () => {
  it.each<[string, unknown]>([
    ['nothing stored', undefined],
    ['an empty document', {}],
    ['not an object', 'compact'],
    ['an array', []],
  ])('answers the defaults for %s', (_label, stored) => {
    expect(resolvePreferences(stored)).toEqual(DEFAULT_PREFERENCES);
  });

  it('keeps the fixed columns, puts columns in the queue order, drops unknown ones and bad values', () => {
    expect(
      resolvePreferences({ queue: { columns: ['priority', 'retired-column', 'area'], density: 'tiny' }, arrivals: { alerts: 'yes' } }),
    ).toEqual({
      queue: { columns: ['grade', 'victim', 'reference', 'area', 'priority'], density: 'comfortable' },
      arrivals: { alerts: false },
    });
  });

  it('keeps what is valid', () => {
    expect(resolvePreferences({ queue: { columns: [...QUEUE_COLUMNS], density: 'compact' }, arrivals: { alerts: true } })).toEqual({
      queue: { columns: [...QUEUE_COLUMNS], density: 'compact' },
      arrivals: { alerts: true },
    });
  });
});
