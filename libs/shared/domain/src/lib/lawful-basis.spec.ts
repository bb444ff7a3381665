import { describe, expect, it } from 'vitest';
import { checkLawfulBases, DEFAULT_LAWFUL_BASES } from './lawful-basis';

describe('lawful bases', () => {
  it('ship usable defaults, each with its legal reference', () => {
    expect(checkLawfulBases(DEFAULT_LAWFUL_BASES)).toEqual([]);
    expect(DEFAULT_LAWFUL_BASES.map((b) => b.code)).toEqual([
      'marac-protocol',
      'crime-prevention',
      'safeguarding-child-or-adult-at-risk',
      'vital-interests',
    ]);
    const byCode = Object.fromEntries(DEFAULT_LAWFUL_BASES.map((b) => [b.code, b]));
    expect(byCode['crime-prevention'].legalReference).toMatch(/Sch\. 1 para 10/);
    expect(byCode['vital-interests'].legalReference).toMatch(/Art\. 6\(1\)\(d\).*Art\. 9\(2\)\(c\)/);
    // Para 18 is for children and adults at risk as 18(3) defines them, and says so; "not reached" is not "cannot consent".
    const para18 = byCode['safeguarding-child-or-adult-at-risk'];
    expect(para18.title).toMatch(/child.*adult at risk.*para 18\(3\).*\(only\)/);
    expect(para18.description).toMatch(/not "could not be reached"/);
  });

  it.each([
    ['not an array', {}, ['lawfulBases must be a non-empty array']],
    ['empty', [], ['lawfulBases must be a non-empty array']],
    ['a bad code', [{ code: 'Para 18', title: 't', legalReference: 'r' }], ['lawfulBases[0].code must match ^[a-z0-9][a-z0-9-]{0,62}$']],
    [
      'a code twice',
      [
        { code: 'a', title: 't', legalReference: 'r' },
        { code: 'a', title: 't', legalReference: 'r' },
      ],
      ['lawfulBases[1].code a is given twice'],
    ],
    [
      'blank words and an unknown key',
      [{ code: 'a', title: ' ', legalReference: '', colour: 'red' }],
      [
        'lawfulBases[0].title must be a non-blank string of at most 300 characters',
        'lawfulBases[0].legalReference must be a non-blank string of at most 500 characters',
        'lawfulBases[0] has unknown keys: colour',
      ],
    ],
  ])('refuses %s', (_n, list, errors) => {
    expect(checkLawfulBases(list)).toEqual(errors);
  });
});
