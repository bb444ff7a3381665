import { describe, expect, it } from 'vitest';
import {
  ageFacts,
  ageOnDate,
  childrenFacts,
  childrenToSafeguardReasons,
  harmToChildren,
  hubDate,
  officerAppAgeLine,
  officerAppVictimAge,
  offersYoungPeoplesDash,
  OUTSIDE_DA_ACT_REASON,
  reportAgeFacts,
} from './children';
import { checkEligibility, DEFAULT_PARTNER_SERVICES, referralOptions, type EligibilityFacts } from './eligibility';
import { casePriority, DEFAULT_PRIORITY_WEIGHTS } from './priority';
import type { DashAnswers, PoliceReport, ReportChild } from './report';
import { reportFacts } from './triage-order';

describe('ageOnDate: whole years on a date', () => {
  it.each([
    ['the day before the 16th birthday', '2010-06-15', '2026-06-14', 15],
    ['the 16th birthday itself', '2010-06-15', '2026-06-15', 16],
    ['the day before the 18th birthday', '2008-06-15', '2026-06-14', 17],
    ['the 18th birthday itself', '2008-06-15', '2026-06-15', 18],
    ['born 29 Feb, 28 Feb of a common year: not yet', '2008-02-29', '2026-02-28', 17],
    ['born 29 Feb, 1 Mar of a common year: the birthday', '2008-02-29', '2026-03-01', 18],
    ['born 29 Feb, 29 Feb of a leap year', '2012-02-29', '2028-02-29', 16],
    ['born 29 Feb, 28 Feb of a leap year: not yet', '2012-02-29', '2028-02-28', 15],
    ['month earlier, day later', '1990-03-31', '2026-04-01', 36],
    ['no date of birth', undefined, '2026-06-15', null],
    ['not a date', '15/06/2010', '2026-06-15', null],
    ['born after the date', '2027-01-01', '2026-06-15', null],
  ] as const)('%s', (_n, dob, on, age) => {
    expect(ageOnDate(dob, on)).toBe(age);
  });
});

describe('hubDate: the incident date in Europe/London', () => {
  it.each([
    ['winter: UTC is London', '2026-01-10T23:30:00Z', '2026-01-10'],
    ['summer: 23:30 UTC is the next day in London', '2026-06-14T23:30:00Z', '2026-06-15'],
    ['summer: 22:59 UTC is still the same day', '2026-06-14T22:59:00Z', '2026-06-14'],
  ])('%s', (_n, at, date) => expect(hubDate(at)).toBe(date));
});

const report = (over: {
  victimDob?: string;
  suspectDob?: string;
  occurredAt?: string;
  children?: ReportChild[];
  dash?: DashAnswers;
  pregnant?: boolean;
}): PoliceReport =>
  ({
    incident: { area: 'Watford and Three Rivers', occurredAt: over.occurredAt ?? '2026-06-15T10:00:00Z', summary: 'x' },
    victim: { firstName: 'A', lastName: 'B', dateOfBirth: over.victimDob, pregnant: over.pregnant },
    suspect: { firstName: 'C', dateOfBirth: over.suspectDob },
    children: over.children,
    officerRiskAssessment: over.dash ? { tool: 'dash', riskLevel: 'medium', dash: over.dash } : { tool: 'dara', riskLevel: 'medium' },
  }) as unknown as PoliceReport;

describe('age flags on the incident date', () => {
  it.each([
    [
      'victim 15 (the day before the 16th birthday)',
      { victimDob: '2010-06-16' },
      { victimAge: 15, victimUnder16: true, victimUnder18: true },
    ],
    ['victim 16 on the birthday', { victimDob: '2010-06-15' }, { victimAge: 16, victimUnder16: false, victimUnder18: true }],
    ['victim 17', { victimDob: '2009-01-01' }, { victimAge: 17, victimUnder16: false, victimUnder18: true }],
    ['victim 18 on the birthday', { victimDob: '2008-06-15' }, { victimAge: 18, victimUnder16: false, victimUnder18: false }],
    ['victim 17 the day before', { victimDob: '2008-06-16' }, { victimAge: 17, victimUnder18: true }],
    [
      'unknown date of birth: every flag false',
      {},
      { victimAge: null, suspectAge: null, victimUnder16: false, victimUnder18: false, suspectUnder18: false },
    ],
    ['suspect 16', { victimDob: '1990-01-01', suspectDob: '2010-01-01' }, { suspectAge: 16, suspectUnder18: true, victimUnder18: false }],
    ['suspect 18 on the birthday', { suspectDob: '2008-06-15' }, { suspectAge: 18, suspectUnder18: false }],
    [
      'an incident at 23:30 UTC in summer falls on the London date (the 18th birthday)',
      { victimDob: '2008-06-15', occurredAt: '2026-06-14T23:30:00Z' },
      { victimAge: 18, victimUnder18: false },
    ],
    [
      'leap-day birthday: 28 Feb of a common year is still 17',
      { victimDob: '2008-02-29', occurredAt: '2026-02-28T12:00:00Z' },
      { victimAge: 17, victimUnder18: true },
    ],
    [
      'leap-day birthday: 1 Mar of a common year is 18',
      { victimDob: '2008-02-29', occurredAt: '2026-03-01T12:00:00Z' },
      { victimAge: 18, victimUnder18: false },
    ],
  ] as const)('%s', (_n, over, expected) => {
    expect(reportAgeFacts(report(over))).toMatchObject(expected);
  });

  it.each([
    [15, false],
    [16, true],
    [17, true],
    [18, false],
    [null, false],
  ])("young people's DASH offered at %s: %s", (age, offered) => {
    expect(offersYoungPeoplesDash(ageFacts(age, null))).toBe(offered);
  });
});

describe('children in the household: the list and the police DASH', () => {
  it.each([
    ['no list, no DASH', {}, { childrenInHousehold: false, childrenConflict: false }],
    [
      'DASH q10 yes, empty list: in the household, and a conflict',
      { children: [], dash: { q10: 'yes' } },
      { childrenInHousehold: true, childrenConflict: true },
    ],
    ['DASH q10 yes, no list at all', { dash: { q10: 'yes' } }, { childrenInHousehold: true, childrenConflict: true }],
    [
      'DASH q11 yes only (has hurt the children)',
      { children: [], dash: { q10: 'no', q11: 'yes' } },
      { childrenInHousehold: true, childrenConflict: true },
    ],
    ['DASH q12 yes only (threatened the children)', { dash: { q12: 'yes' } }, { childrenInHousehold: true, childrenConflict: true }],
    [
      'DASH q10 yes and a child at home: agree',
      { children: [{ ageYears: 3 }], dash: { q10: 'yes' } },
      { childrenInHousehold: true, childrenConflict: false },
    ],
    [
      'DASH q10 yes, the only child lives elsewhere: conflict',
      { children: [{ ageYears: 3, livesWithVictim: false }], dash: { q10: 'yes' } },
      { childrenInHousehold: true, childrenConflict: true },
    ],
    [
      'list says a child at home, DASH q10 no: conflict',
      { children: [{ ageYears: 6, livesWithVictim: true }], dash: { q10: 'no' } },
      { childrenInHousehold: true, childrenConflict: true },
    ],
    [
      'list says a child lives elsewhere, DASH q10 no: agree',
      { children: [{ ageYears: 6, livesWithVictim: false }], dash: { q10: 'no' } },
      { childrenInHousehold: false, childrenConflict: false },
    ],
    [
      'DASH q10 not known, empty list',
      { children: [], dash: { q10: 'not-known' } },
      { childrenInHousehold: false, childrenConflict: false },
    ],
    [
      'DASH q10 declined, a child at home',
      { children: [{ ageYears: 6 }], dash: { q10: 'declined' } },
      { childrenInHousehold: true, childrenConflict: false },
    ],
  ] as const)('%s', (_n, over, expected) => {
    const f = childrenFacts(report(over as Parameters<typeof report>[0]));
    expect(f).toMatchObject(expected);
    expect(f.childrenNote === null).toBe(!expected.childrenConflict);
    expect(reportFacts(report(over as Parameters<typeof report>[0]))).toMatchObject(expected);
  });

  it('says what disagrees, in words', () => {
    expect(childrenFacts(report({ children: [], dash: { q10: 'yes', q12: 'yes' } })).childrenNote).toMatch(
      /Police DASH questions 10 \(children in the household who are not the abuser’s\) and 12 \(the abuser has threatened to hurt or kill the children\) answered "yes" but the report lists no children/,
    );
    expect(childrenFacts(report({ children: [{ ageYears: 6 }], dash: { q10: 'no' } })).childrenNote).toMatch(
      /lists a child living with the victim but police DASH question 10 \(children in the household who are not the abuser’s\) answered "no".*suspect’s own/,
    );
  });

  it.each([
    ['victim.pregnant', { pregnant: true }, true],
    ['DASH q9 yes', { dash: { q9: 'yes' } }, true],
    ['DASH q9 no', { dash: { q9: 'no' } }, false],
    ['neither', {}, false],
  ] as const)('pregnancy counts: %s', (_n, over, pregnant) => {
    expect(childrenFacts(report(over as Parameters<typeof report>[0])).pregnant).toBe(pregnant);
  });
});

const BASE: EligibilityFacts = {
  grade: 'high',
  maracRequired: false,
  gender: 'female',
  age: 30,
  area: 'Watford and Three Rivers',
  supportReferral: 'given',
  informationSharing: 'given',
  safeguardingBasis: false,
  childrenInHousehold: false,
  childrenPresent: false,
  suspectRelationship: 'partner',
};
const withAges = (victim: number | null, suspect: number | null = null): EligibilityFacts => {
  const a = ageFacts(victim, suspect);
  return {
    ...BASE,
    age: victim,
    victimAgeAtIncident: a.victimAge,
    suspectAge: a.suspectAge,
    victimUnder18: a.victimUnder18,
    victimUnder16: a.victimUnder16,
    suspectUnder18: a.suspectUnder18,
  };
};
const eligibleKinds = (f: EligibilityFacts) =>
  [
    ...new Set(
      referralOptions(f, DEFAULT_PARTNER_SERVICES)
        .filter((o) => o.eligible)
        .map((o) => o.service),
    ),
  ].sort();
const option = (f: EligibilityFacts, service: string) => {
  const s = DEFAULT_PARTNER_SERVICES.find((x) => x.service === service);
  if (!s) throw new Error(service);
  return checkEligibility(f, s);
};

describe('under-18s: the route', () => {
  it('victim of 15: only children’s services, every adult service says why', () => {
    const f = withAges(15);
    expect(eligibleKinds(f)).toEqual(['safeguarding-referral']);
    for (const s of DEFAULT_PARTNER_SERVICES.filter((x) => x.kind !== 'childrens-services'))
      expect(checkEligibility(f, s).reasons[0]).toBe(OUTSIDE_DA_ACT_REASON);
    expect(option(f, 'safeguarding-referral').reasons.join(' ')).toMatch(/Victim is 15: a child themself/);
  });

  it('victim of 15 is outside the DA Act even for Catch22 (emotional support is 16+)', () => {
    expect(option(withAges(15), 'emotional-support')).toMatchObject({ eligible: false });
    expect(option({ ...withAges(15), victimUnder16: false }, 'emotional-support').reasons.join(' ')).toMatch(/ages 16 or over/);
  });

  it('victim of 17: the adult route (IDVA when high) and children’s services for themself', () => {
    const f = withAges(17);
    expect(eligibleKinds(f)).toEqual(expect.arrayContaining(['idva', 'safeguarding-referral', 'refuge-place', 'emotional-support']));
    expect(option(f, 'safeguarding-referral').reasons.join(' ')).toMatch(/Victim is 17: a child themself/);
    expect(option(f, 'idva').reasons).not.toContain(OUTSIDE_DA_ACT_REASON);
  });

  it('victim of 16 on the birthday: the adult route', () => {
    expect(eligibleKinds(withAges(16))).toContain('idva');
  });

  it('adult victim, no children: children’s services not eligible', () => {
    expect(option(withAges(30), 'safeguarding-referral').eligible).toBe(false);
  });

  it('unknown age: children’s services are not refused but a check (the victim may be a child), and an age range is a check', () => {
    const f = withAges(null);
    const childrens = option(f, 'safeguarding-referral');
    expect(childrens).toMatchObject({ eligible: true, check: true });
    expect(childrens.reasons[0]).toMatch(/^Check: the victim's age is not recorded: if they are under 18/);
    const idva = option(f, 'idva');
    expect(idva.check).toBe(true);
    expect(idva.reasons.join(' ')).toMatch(/Check: the victim's age is not recorded: confirm they are/);
    // A known adult with no child to safeguard: still refused.
    expect(option(withAges(30), 'safeguarding-referral').eligible).toBe(false);
  });

  it('suspect of 16: children’s services eligible, legal advice is a check, not a silent yes', () => {
    const f = withAges(30, 16);
    expect(option(f, 'safeguarding-referral')).toMatchObject({ eligible: true });
    expect(option(f, 'safeguarding-referral').reasons.join(' ')).toMatch(/Suspect is 16: a child/);
    const legal = option(f, 'non-molestation-order');
    expect(legal).toMatchObject({ eligible: true, check: true });
    expect(legal.reasons[0]).toMatch(/^Check: the suspect is 16/);
    expect(option(withAges(30, 18), 'non-molestation-order').check).toBeUndefined();
  });

  it('pregnancy alone makes children’s services eligible', () => {
    expect(option({ ...BASE, pregnant: true }, 'safeguarding-referral')).toMatchObject({ eligible: true });
  });
});

describe('priority: victim under 18', () => {
  const facts = {
    grade: 'medium' as const,
    maracReasons: [],
    strangulation: false,
    weapon: false,
    childrenInHousehold: false,
    childrenPresent: false,
    pregnant: false,
    repeatVictim: false,
    receivedAt: '2026-06-15T10:00:00Z',
    slaState: 'ok' as const,
  };
  it('adds the configured points with the label "Victim under 18"', () => {
    const p = casePriority({ ...facts, victimUnder18: true }, new Date('2026-06-15T10:00:00Z'));
    expect(p.factors).toContainEqual({
      factor: 'victim-under-18',
      points: DEFAULT_PRIORITY_WEIGHTS.victimUnder18,
      label: 'Victim under 18',
    });
    expect(casePriority(facts, new Date('2026-06-15T10:00:00Z')).factors.map((f) => f.factor)).not.toContain('victim-under-18');
  });
});

describe('officerAppVictimAge (an age given at the scene instead of a date of birth)', () => {
  const report = (summary: string, over: { system?: string; dateOfBirth?: string } = {}) => ({
    source: { system: over.system ?? 'officer-app' },
    incident: { occurredAt: '2026-11-30T21:00:00Z', summary },
    victim: { ...(over.dateOfBirth ? { dateOfBirth: over.dateOfBirth } : {}) },
  });
  it('reads back the line the officer app writes, and gives the routes', () => {
    const r = report(`Argument at home.${officerAppAgeLine(17)}`);
    expect(officerAppVictimAge(r as never)).toBe(17);
    expect(reportAgeFacts(r as never)).toMatchObject({ victimAge: 17, victimUnder18: true, victimUnder16: false });
  });
  it('reads nothing from another system, a date of birth wins, and only the exact line at the end counts', () => {
    expect(officerAppVictimAge(report(`x${officerAppAgeLine(17)}`, { system: 'niche' }) as never)).toBeNull();
    expect(reportAgeFacts(report(`x${officerAppAgeLine(17)}`, { dateOfBirth: '1990-01-01' }) as never).victimAge).toBe(36);
    expect(officerAppVictimAge(report(`x${officerAppAgeLine(17)} She later said 19.`) as never)).toBeNull();
    expect(officerAppVictimAge(report("Victim's age as given at the scene: 17 (date of birth not given).") as never)).toBeNull();
    expect(officerAppVictimAge(report('No age given.') as never)).toBeNull();
  });
});

describe("childrenToSafeguardReasons and harmToChildren: what the closing rule asks about children's services", () => {
  const none = { childrenInHousehold: false, pregnant: false };
  const base = { victim: { pregnant: false }, children: [], officerRiskAssessment: { tool: 'dara', riskLevel: 'medium' } } as never;
  const reasons = (over: Record<string, unknown>, hub: Record<string, 'yes' | 'no'> | null = null, flags = none) =>
    childrenToSafeguardReasons({ ...(base as object), ...over } as never, hub, flags);

  it('asks nothing of a report that says there are no children', () => {
    expect(reasons({})).toEqual([]);
  });
  it.each([
    ['children at home (the case flag)', {}, null, { ...none, childrenInHousehold: true }, 'children live in the household'],
    [
      'a child present who lives elsewhere',
      { children: [{ ageYears: 3, livesWithVictim: false, presentAtIncident: true }] },
      null,
      none,
      'a child was present at the incident',
    ],
    [
      'a child who lives elsewhere, not present',
      { children: [{ ageYears: 9, livesWithVictim: false }] },
      null,
      none,
      'the report lists children who live elsewhere',
    ],
    ['a pregnancy (the case flag)', {}, null, { ...none, pregnant: true }, 'she is pregnant or has a baby under 18 months'],
    ['a baby the hub heard of (its q9)', {}, { q9: 'yes' }, none, 'she is pregnant or has a baby under 18 months'],
    ['no children list at all', { children: undefined }, null, none, 'the report does not say whether there are children'],
  ] as const)('%s', (_n, over, hub, flags, reason) => {
    expect(reasons(over, hub, flags)).toContain(reason);
  });
  it("the hub's own checklist leaving question 10, 11 or 12 open leaves them unclear too", () => {
    expect(reasons({}, { q11: 'declined' } as never).join(' ')).toMatch(
      /^the hub's checklist left DASH question 11 \(the abuser has hurt the children\) open$/,
    );
  });
  it('"not known" to a DASH children question leaves them unclear', () => {
    expect(reasons({ officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash: { q10: 'not-known' } } }).join(' ')).toMatch(
      /answered "not known"/,
    );
  });
  it('harm to the children is police or hub DASH question 11 or 12 "yes", and nothing else', () => {
    const dash = (d: Record<string, string>) => ({ officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash: d } }) as never;
    expect(harmToChildren(dash({ q11: 'yes' }), null)).toBe(true);
    expect(harmToChildren(dash({ q12: 'yes' }), null)).toBe(true);
    expect(harmToChildren(dash({ q10: 'yes', q11: 'no' }), null)).toBe(false);
    expect(harmToChildren(dash({}), { q12: 'yes' })).toBe(true);
    expect(harmToChildren(dash({ q11: 'not-known' }), { q11: 'no' })).toBe(false);
  });
});
