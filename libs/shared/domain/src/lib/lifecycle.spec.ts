import { describe, expect, it } from 'vitest';
import {
  checkClosingRules,
  CLOSURE_REASONS_BY_STATUS,
  closingBlockers,
  DEFAULT_CLOSING_RULES,
  londonDaysCount,
  type ClosingFacts,
} from './lifecycle';

const HIGH: ClosingFacts = { grade: 'high', maracRequired: true, maracReferred: false, contactAttemptDays: 0 };

describe('closingBlockers: no quiet closing', () => {
  it.each([
    // name, to, facts, expected codes
    ['high risk, no referral, closed', 'closed', HIGH, ['marac-referral-required']],
    ['high risk, no referral, declined', 'declined', HIGH, ['marac-referral-required']],
    [
      'high risk, no referral, unable to contact, no attempts',
      'unable-to-contact',
      HIGH,
      ['marac-referral-required', 'contact-attempts-required'],
    ],
    ['high risk, referred, closed', 'closed', { ...HIGH, maracReferred: true }, []],
    [
      'high risk, referred, unable to contact on 2 days',
      'unable-to-contact',
      { ...HIGH, maracReferred: true, contactAttemptDays: 2 },
      ['contact-attempts-required'],
    ],
    ['high risk, referred, unable to contact on 3 days', 'unable-to-contact', { ...HIGH, maracReferred: true, contactAttemptDays: 3 }, []],
    ['graded high, no MARAC reason yet, closed', 'closed', { ...HIGH, maracRequired: false }, ['marac-referral-required']],
    ['medium but MARAC required (escalation)', 'closed', { ...HIGH, grade: 'medium' }, ['marac-referral-required']],
    ['medium, no MARAC criterion', 'closed', { ...HIGH, grade: 'medium', maracRequired: false }, []],
    ['ungraded, no MARAC criterion, unable to contact', 'unable-to-contact', { ...HIGH, grade: null, maracRequired: false }, []],
    [
      'standard, unable to contact, one day',
      'unable-to-contact',
      { ...HIGH, grade: 'standard', maracRequired: false, contactAttemptDays: 1 },
      [],
    ],
    // Child victims: the children's services referral for the victim first, whatever the grade.
    [
      "17, standard, no children's referral",
      'closed',
      { ...HIGH, grade: 'standard', maracRequired: false, victimUnder18: true },
      ['childrens-services-referral-required'],
    ],
    [
      "17, standard, children's referral sent",
      'closed',
      { ...HIGH, grade: 'standard', maracRequired: false, victimUnder18: true, childrensServicesReferred: true },
      [],
    ],
    [
      '17, high, neither referral',
      'closed',
      { ...HIGH, victimUnder18: true },
      ['childrens-services-referral-required', 'marac-referral-required'],
    ],
    ['17, high, both referrals', 'declined', { ...HIGH, victimUnder18: true, childrensServicesReferred: true, maracReferred: true }, []],
    // Under 16: MARAC is the adult route; child protection instead.
    [
      "15, high, children's referral sent, no MARAC",
      'closed',
      { ...HIGH, victimUnder18: true, victimUnder16: true, childrensServicesReferred: true },
      [],
    ],
    ['15, high, no referral', 'closed', { ...HIGH, victimUnder18: true, victimUnder16: true }, ['childrens-services-referral-required']],
    // Children in the household (or pregnancy): a referral sent, or a decision recorded, whatever the grade.
    [
      'children at home, standard, nothing recorded',
      'closed',
      { ...HIGH, grade: 'standard', maracRequired: false, childrenToSafeguard: true },
      ['childrens-services-decision-required'],
    ],
    [
      'children at home, declined, nothing recorded',
      'declined',
      { ...HIGH, grade: 'medium', maracRequired: false, childrenToSafeguard: true },
      ['childrens-services-decision-required'],
    ],
    [
      'children at home, decision recorded',
      'closed',
      { ...HIGH, grade: 'standard', maracRequired: false, childrenToSafeguard: true, childrensServicesDecided: true },
      [],
    ],
    [
      "children at home, children's referral sent",
      'unable-to-contact',
      { ...HIGH, grade: 'standard', maracRequired: false, childrenToSafeguard: true, childrensServicesReferred: true },
      [],
    ],
    [
      'children at home, high, neither',
      'closed',
      { ...HIGH, childrenToSafeguard: true },
      ['childrens-services-decision-required', 'marac-referral-required'],
    ],
    [
      "17 with children at home: the victim's own referral is the one rule said",
      'closed',
      { ...HIGH, grade: 'standard', maracRequired: false, victimUnder18: true, childrenToSafeguard: true, childrensServicesDecided: true },
      ['childrens-services-referral-required'],
    ],
    [
      'no children to safeguard: a decision is not asked for',
      'closed',
      { ...HIGH, grade: 'standard', maracRequired: false, childrenToSafeguard: false },
      [],
    ],
    ['children at home, not a closing status', 'support', { ...HIGH, childrenToSafeguard: true }, []],
    // Harm to the children (DASH q11/q12): a referral, not a decision.
    [
      'children hurt by the abuser, decision recorded',
      'closed',
      { ...HIGH, grade: 'standard', maracRequired: false, childrenToSafeguard: true, harmToChildren: true, childrensServicesDecided: true },
      ['childrens-services-referral-required'],
    ],
    [
      'children hurt by the abuser, referral sent',
      'closed',
      {
        ...HIGH,
        grade: 'standard',
        maracRequired: false,
        childrenToSafeguard: true,
        harmToChildren: true,
        childrensServicesReferred: true,
      },
      [],
    ],
    ['adult victim, standard: nothing new', 'closed', { ...HIGH, grade: 'standard', maracRequired: false, victimUnder18: false }, []],
    ['not a closing status', 'contacting', HIGH, []],
    ['reopening is not closing', 'triage', HIGH, []],
  ] as const)('%s → %j', (_name, to, facts, codes) => {
    expect(closingBlockers(to, facts).map((b) => b.code)).toEqual(codes);
  });

  it('says how many days so far, and follows the configured number of days', () => {
    const [b] = closingBlockers('unable-to-contact', { ...HIGH, maracReferred: true, contactAttemptDays: 1 });
    expect(b.message).toContain('3 different days');
    expect(b.message).toContain('(1 day so far)');
    expect(
      closingBlockers('unable-to-contact', { ...HIGH, maracReferred: true, contactAttemptDays: 2 }, { unableToContactAttemptDays: 2 }),
    ).toEqual([]);
    expect(
      closingBlockers('unable-to-contact', { ...HIGH, maracReferred: true, contactAttemptDays: 4 }, { unableToContactAttemptDays: 5 })[0]
        .message,
    ).toContain('(4 days so far)');
  });

  it('offers "return to referrer" when closing as unable to contact', () => {
    expect(CLOSURE_REASONS_BY_STATUS['unable-to-contact']).toEqual(['unable-to-contact', 'returned-to-referrer']);
  });

  it('validates the configuration', () => {
    expect(checkClosingRules(DEFAULT_CLOSING_RULES)).toEqual([]);
    expect(checkClosingRules({ unableToContactAttemptDays: 0 })).toEqual([
      'closing.unableToContactAttemptDays must be an integer from 1 to 14',
    ]);
    expect(checkClosingRules({ unableToContactAttemptDays: 3, x: 1 })).toEqual(['closing.x is not a closing rule']);
  });
});

describe('londonDaysCount', () => {
  it.each([
    [[], 0],
    [['2026-11-02T09:00:00Z', '2026-11-02T17:00:00Z'], 1],
    [['2026-11-02T09:00:00Z', '2026-11-03T09:00:00Z', '2026-11-05T09:00:00Z'], 3],
    // 23:30 UTC in summer is 00:30 the next day in London
    [['2026-06-01T22:00:00Z', '2026-06-01T23:30:00Z'], 2],
    // in winter London is UTC: the same day
    [['2026-12-01T00:10:00Z', '2026-12-01T23:50:00Z'], 1],
  ])('%j → %i', (instants, n) => {
    expect(londonDaysCount(instants)).toBe(n);
  });
});
