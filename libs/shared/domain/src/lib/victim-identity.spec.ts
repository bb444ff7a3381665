import { describe, expect, it } from 'vitest';
import { sameVictim, victimChangeEvidence, type VictimIdentity } from './victim-identity';

const who = (over: Partial<VictimIdentity>): VictimIdentity => ({
  personId: null,
  firstName: 'Alex',
  lastName: 'Morgan',
  dateOfBirth: '1990-04-01',
  ...over,
});

describe('sameVictim', () => {
  it('lets the police person id decide when both reports carry one (padding aside)', () => {
    expect(sameVictim(who({ personId: 'P1' }), who({ personId: ' P1 ', firstName: 'Alexandra', lastName: 'Smith' }))).toBe(true);
    expect(sameVictim(who({ personId: 'P1' }), who({ personId: 'P2', firstName: 'Jordan' }))).toBe(false);
    // An id stored before intake cleaned them, with an invisible character, is the same id.
    expect(sameVictim(who({ personId: 'P1\u200B' }), who({ personId: 'P1', firstName: 'Jordan' }))).toBe(true);
  });

  it('reads another id with the same names and date of birth as the force merging its records of her', () => {
    expect(sameVictim(who({ personId: 'P1' }), who({ personId: 'P9' }))).toBe(true);
    // Not when anything to compare is missing or differs.
    expect(sameVictim(who({ personId: 'P1', dateOfBirth: null }), who({ personId: 'P9' }))).toBe(false);
    expect(sameVictim(who({ personId: 'P1' }), who({ personId: 'P9', lastName: 'Morgan-Price' }))).toBe(false);
  });

  it('without ids on both sides, a different date of birth is another person', () => {
    expect(sameVictim(who({ personId: 'P1' }), who({ dateOfBirth: '1991-04-01' }))).toBe(false);
    expect(sameVictim(who({}), who({ dateOfBirth: '1990-04-01T00:00:00.000Z' }))).toBe(true);
  });

  it('with the date of birth agreeing, a corrected surname is still her; another first name is someone else (twins, sisters)', () => {
    expect(sameVictim(who({}), who({ lastName: 'Morgan-Price' }))).toBe(true);
    expect(sameVictim(who({}), who({ firstName: 'Jordan' }))).toBe(false);
    expect(sameVictim(who({}), who({ firstName: 'Jordan', lastName: 'Reid' }))).toBe(false);
  });

  it('without a date of birth on both sides, any name that differs is another person (fail safe)', () => {
    expect(sameVictim(who({ dateOfBirth: null }), who({ lastName: 'Reid' }))).toBe(false);
    expect(sameVictim(who({}), who({ dateOfBirth: null, firstName: 'Jordan' }))).toBe(false);
    // First name and surname swapped by a form: the names differ as written, so it is read as another person.
    expect(sameVictim(who({ dateOfBirth: null }), who({ dateOfBirth: null, firstName: 'Morgan', lastName: 'Alex' }))).toBe(false);
  });

  it('reads names as written by different systems alike: case, accents, hyphens, apostrophes and spaces', () => {
    expect(
      sameVictim(
        who({ firstName: 'Anne-Marie', lastName: "O'Brien", dateOfBirth: null }),
        who({ firstName: 'anne marie', lastName: 'OBRIEN', dateOfBirth: null }),
      ),
    ).toBe(true);
    expect(sameVictim(who({ firstName: 'Zoë', dateOfBirth: null }), who({ firstName: 'Zoe', dateOfBirth: null }))).toBe(true);
  });

  it('reads a name written another way as hers: a letter more, less or changed, a short form, a middle name added', () => {
    const plain = (firstName: string, lastName = 'Morgan') => who({ firstName, lastName, dateOfBirth: null });
    expect(sameVictim(plain('Sara'), plain('Sarah'))).toBe(true);
    expect(sameVictim(plain('Jon'), plain('John'))).toBe(true);
    expect(sameVictim(plain('Alex'), plain('Alix'))).toBe(true);
    expect(sameVictim(plain('Sam'), plain('Samantha'))).toBe(true);
    expect(sameVictim(plain('Mary'), plain('Mary Jane'))).toBe(true);
    expect(sameVictim(plain('Alex', 'Morgan'), plain('Alex', 'Morgan-Price'))).toBe(true);
    expect(sameVictim(plain('Alex', 'Morgen'), plain('Alex', 'Morgan'))).toBe(true);
    // Not two letters apart, nor a short form under three letters, nor another name.
    expect(sameVictim(plain('Sara'), plain('Sandra'))).toBe(false);
    expect(sameVictim(plain('Jo'), plain('Jordan'))).toBe(false);
    expect(sameVictim(plain('Kate'), plain('Katherine'))).toBe(false);
    expect(sameVictim(plain('Alex', 'Morgan'), plain('Alex', 'Reid'))).toBe(false);
    // Under two police ids, only identical names and date of birth read as a records merge.
    expect(sameVictim(who({ personId: 'P1', firstName: 'Sara' }), who({ personId: 'P2', firstName: 'Sarah' }))).toBe(false);
  });

  it('does not count what one side leaves out as a difference (an officer filling in what was missing)', () => {
    expect(sameVictim(who({ dateOfBirth: null }), who({ personId: 'P7' }))).toBe(true);
    expect(sameVictim(who({ firstName: null, lastName: null, dateOfBirth: null }), who({ firstName: 'Jordan' }))).toBe(true);
    // A name of punctuation only is no name to compare.
    expect(sameVictim(who({ firstName: '-', dateOfBirth: null }), who({ firstName: 'Jordan', dateOfBirth: null }))).toBe(true);
  });
});

describe('victimChangeEvidence', () => {
  it('is the police person id only when both sides carry one; otherwise the hub judged names and dates', () => {
    expect(victimChangeEvidence(who({ personId: 'P1' }), who({ personId: 'P2', firstName: 'Jordan' }))).toBe('police-person-id');
    expect(victimChangeEvidence(who({ personId: 'P1' }), who({ firstName: 'Jordan' }))).toBe('names-and-dates');
    expect(victimChangeEvidence(who({}), who({ personId: 'P2', firstName: 'Jordan' }))).toBe('names-and-dates');
    // A blank id is no id.
    expect(victimChangeEvidence(who({ personId: ' ' }), who({ personId: 'P2' }))).toBe('names-and-dates');
  });
});
