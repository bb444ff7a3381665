import { describe, expect, it } from 'vitest';
import { reportRuleViolations, scanJsonStrings } from './report-rules';

const NOW = new Date('2026-11-23T12:00:00Z');

function body(over: { occurredAt?: string; reportedAt?: string; sentAt?: string; recordedAt?: string; vdob?: string; sdob?: string }) {
  return {
    source: { sentAt: over.sentAt ?? '2026-11-23T11:00:00Z' },
    incident: { occurredAt: over.occurredAt ?? '2026-11-23T09:00:00Z', reportedAt: over.reportedAt ?? '2026-11-23T10:00:00Z' },
    consent: over.recordedAt ? { recordedAt: over.recordedAt } : {},
    victim: over.vdob ? { dateOfBirth: over.vdob } : {},
    suspect: over.sdob ? { dateOfBirth: over.sdob } : {},
  };
}

describe('reportRuleViolations', () => {
  it.each([
    ['reported equal to occurred', { occurredAt: '2026-11-23T10:00:00Z', reportedAt: '2026-11-23T10:00:00Z' }, []],
    [
      'reported one second before occurred',
      { occurredAt: '2026-11-23T10:00:01Z', reportedAt: '2026-11-23T10:00:00Z' },
      ['/incident/reportedAt'],
    ],
    ['offsets compared as instants', { occurredAt: '2026-11-23T10:30:00+01:00', reportedAt: '2026-11-23T09:45:00Z' }, []],
    ['sentAt exactly 15 minutes ahead', { sentAt: '2026-11-23T12:15:00Z' }, []],
    ['sentAt 15 minutes and 1 second ahead', { sentAt: '2026-11-23T12:15:01Z' }, ['/source/sentAt']],
    ['consent recorded an hour ahead', { recordedAt: '2026-11-23T13:00:00Z' }, ['/consent/recordedAt']],
    ['victim born today', { vdob: '2026-11-23' }, ['/victim/dateOfBirth']],
    ['victim born yesterday', { vdob: '2026-11-22' }, []],
    ['victim born exactly 120 years ago', { vdob: '1906-11-23' }, []],
    ['victim born 120 years and a day ago', { vdob: '1906-11-22' }, ['/victim/dateOfBirth']],
    ['suspect born in the future', { sdob: '2030-01-01' }, ['/suspect/dateOfBirth']],
    // Born after the incident cannot be (it would read as "age unknown" and hide a child); the incident's London date.
    ['victim born the day after the incident', { occurredAt: '2026-11-20T09:00:00Z', vdob: '2026-11-21' }, ['/victim/dateOfBirth']],
    ['suspect born the day after the incident', { occurredAt: '2026-11-20T09:00:00Z', sdob: '2026-11-21' }, ['/suspect/dateOfBirth']],
    ['born on the incident date', { occurredAt: '2026-11-20T09:00:00Z', vdob: '2026-11-20' }, []],
    ['born on the London date of a summer incident just after midnight', { occurredAt: '2026-06-14T23:30:00Z', vdob: '2026-06-15' }, []],
    ['born the London day after a summer incident', { occurredAt: '2026-06-14T22:30:00Z', vdob: '2026-06-15' }, ['/victim/dateOfBirth']],
  ] as const)('%s', (_name, over, paths) => {
    expect(reportRuleViolations(body(over), NOW).map((e) => e.path)).toEqual(paths);
  });

  it('refuses a phone written with other digits than 0-9, or the letter O among them; reads the usual ways of writing one', () => {
    const phones = (victim: string, safe: string, suspect: string) =>
      reportRuleViolations({ ...body({}), victim: { phone: victim, safeContact: { phone: safe } }, suspect: { phone: suspect } }, NOW).map(
        (e) => e.path,
      );
    expect(phones('０７７００ ９００１２３', '07700 9OO123', '٠٧٧٠٠٩٠٠١٢٣')).toEqual([
      '/victim/phone',
      '/victim/safeContact/phone',
      '/suspect/phone',
    ]);
    expect(phones('07700 900123', '+44 (0)7700 900123 or 01632 960000', 'mob 07700-900-123 ext 2')).toEqual([]);
    expect(phones('07700 9OO 123', '07700-9OO-123', '0770O 900123')).toEqual([
      '/victim/phone',
      '/victim/safeContact/phone',
      '/suspect/phone',
    ]);
    expect(phones('07700 900123 or 07700 900456', '07700900123 (o/s)', '07700 900123')).toEqual([]);
  });

  it('ignores shapes the schema refuses rather than throwing', () => {
    expect(reportRuleViolations(null, NOW)).toEqual([]);
    expect(reportRuleViolations({ incident: 'x', victim: [1] }, NOW)).toEqual([]);
  });
});

describe('scanJsonStrings', () => {
  it.each([
    ['tab and newline are allowed', { a: 'x\ty\nz' }, []],
    ['carriage return is not', { a: 'x\r' }, ['/a']],
    ['NUL', { a: ['ok', 'x\u0000'] }, ['/a/1']],
    ['U+001F', { a: '\u001f' }, ['/a']],
    ['DEL', { a: 'x\u007f' }, ['/a']],
    ['U+0080 is not a C0 control', { a: '\u0080' }, []],
    ['unpaired high surrogate', { a: 'x\ud800' }, ['/a']],
    ['unpaired low surrogate', { a: '\udc00x' }, ['/a']],
    ['a paired surrogate (emoji) is fine', { a: '\ud83d\ude00' }, []],
    ['__proto__ key', JSON.parse('{"b":{"__proto__":1}}'), ['/b/__proto__']],
    ['constructor key', { constructor: 1 }, ['/constructor']],
    ['prototype key', { x: [{ prototype: 1 }] }, ['/x/0/prototype']],
    ['control character in a key', { 'a\u0001': 1 }, ['/a\u0001']],
    ['pointer escaping of / and ~', { 'a/b~': 'x\u0000' }, ['/a~1b~0']],
  ] as const)('%s', (_name, value, paths) => {
    expect(scanJsonStrings(value).map((e) => e.path)).toEqual(paths);
  });

  it('walks very deep nesting without overflowing the stack', () => {
    let v: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i++) v = [v];
    expect(scanJsonStrings(v)).toHaveLength(1);
  });
});
