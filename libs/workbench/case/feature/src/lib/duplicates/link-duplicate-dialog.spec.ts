import { describe, expect, it } from 'vitest';
import { caseIdIn } from './link-duplicate-dialog';

describe('caseIdIn', () => {
  it.each([
    ['http://localhost:3000/cases/0F8FAD5B-D9CB-469F-A165-70867728950E?tab=notes', '0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['0f8fad5b-d9cb-469f-a165-70867728950e', '0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['HC/2026/500001', null],
    ['', null],
  ])('reads %s as %s', (text, id) => {
    expect(caseIdIn(text)).toBe(id);
  });
});
