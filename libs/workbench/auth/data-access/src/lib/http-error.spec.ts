import { describe, expect, it } from 'vitest';
import { describeHttpError } from './http-error';

describe('describeHttpError', () => {
  it('says which field failed validation and why, not "see errors"', () => {
    const err = {
      status: 400,
      error: {
        title: 'Bad Request',
        detail: 'The request failed validation; see errors.',
        errors: [
          { path: '/accessList', message: 'must include the case’s assignee (reassign the case first)' },
          { path: '/accessList/2', message: 'must be an active hub user (caseworker, team lead or auditor)' },
        ],
      },
    };
    expect(describeHttpError(err)).toBe(
      'Refused: access list must include the case’s assignee (reassign the case first); access list must be an active hub user (caseworker, team lead or auditor).',
    );
    expect(describeHttpError({ status: 400, error: { title: 'Bad Request', errors: [{ path: '', message: 'must be an object' }] } })).toBe(
      'Refused: must be an object.',
    );
  });

  it('keeps a detail of its own (how to fix it) over the field list', () => {
    const csv = {
      status: 400,
      error: {
        title: 'Bad Request',
        detail: 'Save it as CSV (comma delimited) UTF-8. Nothing was imported.',
        errors: [{ path: '', message: 'x' }],
      },
    };
    expect(describeHttpError(csv)).toBe('Save it as CSV (comma delimited) UTF-8. Nothing was imported.');
  });

  it('gives the detail of any other problem, and plain words without one', () => {
    expect(describeHttpError({ status: 409, error: { title: 'Conflict', detail: 'Someone else claimed it.' } })).toBe(
      'Someone else claimed it.',
    );
    expect(describeHttpError({ status: 0 })).toBe('Cannot reach Lantern. Check your connection and try again.');
    expect(describeHttpError({ status: 500 }, 'Try again.')).toBe('Try again.');
  });
});
