import { describe, expect, it } from 'vitest';
import {
  ageOn,
  checkEligibility,
  DEFAULT_PARTNER_SERVICES,
  describeHours,
  isServiceOpen,
  referralOptions,
  type EligibilityFacts,
} from './eligibility';
import { childrenUnknown } from './children';
import type { PoliceReport } from './report';

const BASE: EligibilityFacts = {
  grade: 'medium',
  maracRequired: false,
  gender: 'female',
  age: 34,
  area: 'Watford and Three Rivers',
  supportReferral: 'given',
  informationSharing: 'given',
  safeguardingBasis: false,
  childrenInHousehold: false,
  childrenPresent: false,
  suspectRelationship: 'partner',
};

const service = (id: string) => {
  const s = DEFAULT_PARTNER_SERVICES.find((x) => x.service === id);
  if (!s) throw new Error(id);
  return s;
};
const eligible = (over: Partial<EligibilityFacts>, id: string) => checkEligibility({ ...BASE, ...over }, service(id)).eligible;

describe('eligibility', () => {
  it('refuses a voluntary service until the victim is asked whether support services may contact her (and says so)', () => {
    const r = checkEligibility({ ...BASE, supportReferral: 'not-asked' }, service('emotional-support'));
    expect(r.eligible).toBe(false);
    expect(r.reasons[0]).toBe(
      'The victim has not been asked whether support services may contact her: ask her, and record her answer, before referring',
    );
    // Statutory children's services do not wait for it.
    expect(
      checkEligibility({ ...BASE, supportReferral: 'not-asked', childrenInHousehold: true }, service('safeguarding-referral')).eligible,
    ).toBe(true);
    expect(checkEligibility(BASE, service('emotional-support')).reasons.some((x) => x.includes('not been asked'))).toBe(false);
    // Not for the IDVA on a team lead's lawful basis (high risk): that route does not wait for her agreement.
    const idva = checkEligibility(
      { ...BASE, grade: 'high', supportReferral: 'not-asked', informationSharing: 'not-asked', safeguardingBasis: true },
      service('idva'),
    );
    expect(idva.eligible).toBe(true);
    expect(idva.reasons.some((x) => x.includes('not been asked'))).toBe(false);
  });

  it.each([
    ['IDVA: high risk', { grade: 'high' }, 'idva', true],
    ['IDVA: medium risk', {}, 'idva', false],
    ['IDVA: medium but MARAC (escalation)', { maracRequired: true }, 'idva', true],
    ['IDVA: ungraded', { grade: null }, 'idva', false],
    ['IDVA: aged 15', { grade: 'high', age: 15 }, 'idva', false],
    ['IDVA: aged 16', { grade: 'high', age: 16 }, 'idva', true],
    ['refuge: female', {}, 'refuge-place', true],
    ['refuge: male', { gender: 'male' }, 'refuge-place', false],
    ['refuge: gender not known (a person confirms it: eligible, with a check)', { gender: 'not-known' }, 'refuge-place', true],
    ['refuge: gender not recorded at all', { gender: null }, 'refuge-place', true],
    ['refuge: non-binary (the service decides: a check)', { gender: 'non-binary' }, 'refuge-place', true],
    ['Mankind: gender not known', { gender: 'not-known' }, 'male-victims', true],
    ['Mankind: male', { gender: 'male' }, 'male-victims', true],
    ['Mankind: female', {}, 'male-victims', false],
    ['emotional support: anyone 16+', { gender: 'non-binary', grade: 'high' }, 'emotional-support', true],
    ['legal advice: partner', {}, 'non-molestation-order', true],
    ['legal advice: family member', { suspectRelationship: 'family-member' }, 'non-molestation-order', true],
    [
      'legal advice: other relationship, same household',
      { suspectRelationship: 'other', suspectLivesWithVictim: true },
      'non-molestation-order',
      true,
    ],
    [
      'legal advice: relationship not known, same household',
      { suspectRelationship: 'not-known', suspectLivesWithVictim: true },
      'non-molestation-order',
      true,
    ],
    ['outreach: own area, medium', {}, 'outreach-watford-and-three-rivers', true],
    ['outreach: own area, standard', { grade: 'standard' }, 'outreach-watford-and-three-rivers', true],
    ['outreach: another area', {}, 'outreach-st-albans-and-dacorum', false],
    ['outreach: high risk goes to the IDVA', { grade: 'high' }, 'outreach-watford-and-three-rivers', false],
    ["children's services: children in the household", { childrenInHousehold: true }, 'safeguarding-referral', true],
    ["children's services: children present only", { childrenPresent: true }, 'safeguarding-referral', true],
    ["children's services: no children", {}, 'safeguarding-referral', false],
    [
      "children's services: statutory, consent refused",
      { childrenInHousehold: true, informationSharing: 'refused', supportReferral: 'refused' },
      'safeguarding-referral',
      true,
    ],
    ['consent to share refused', { informationSharing: 'refused' }, 'emotional-support', false],
    [
      'not asked, but a safeguarding basis recorded',
      { informationSharing: 'not-asked', safeguardingBasis: true, grade: 'high' },
      'idva',
      true,
    ],
    ['support referral refused', { supportReferral: 'refused' }, 'emotional-support', false],
    ['contact consent withdrawn (hub record)', { supportReferral: 'withdrawn' }, 'emotional-support', false],
    ['sharing consent withdrawn (hub record)', { informationSharing: 'withdrawn' }, 'emotional-support', false],
    ['refused at the scene, given on the phone (the effective value)', { informationSharing: 'given' }, 'emotional-support', true],
    ['basis without consent: IDVA, high risk', { informationSharing: 'refused', safeguardingBasis: true, grade: 'high' }, 'idva', true],
    [
      'basis without consent: IDVA, medium but MARAC',
      { informationSharing: 'withdrawn', safeguardingBasis: true, maracRequired: true },
      'idva',
      true,
    ],
    [
      'basis without consent: not the refuge',
      { informationSharing: 'refused', safeguardingBasis: true, grade: 'high' },
      'refuge-place',
      false,
    ],
    [
      'basis without consent: not emotional support',
      { informationSharing: 'not-asked', safeguardingBasis: true, grade: 'high' },
      'emotional-support',
      false,
    ],
    [
      'basis without consent: not outreach, whatever the grade',
      { informationSharing: 'refused', safeguardingBasis: true, maracRequired: true },
      'outreach-watford-and-three-rivers',
      false,
    ],
    ['age not recorded: eligible, with a check', { age: null }, 'emotional-support', true],
  ] as Array<[string, Partial<EligibilityFacts>, string, boolean]>)('%s', (_n, over, id, expected) => {
    expect(eligible(over, id)).toBe(expected);
  });

  it('names the lawful basis, and never calls it only para 18 or treats "not reached" as "cannot consent"', () => {
    const r = checkEligibility(
      { ...BASE, grade: 'high', informationSharing: 'refused', safeguardingBasis: true, lawfulBasisTitle: 'MARAC protocol' },
      service('idva'),
    );
    expect(r.eligible).toBe(true);
    expect(r.reasons).toContain('No consent to share, but a team lead recorded a lawful basis for sharing without it (MARAC protocol)');
    const all = DEFAULT_PARTNER_SERVICES.flatMap((s) =>
      (['refused', 'withdrawn', 'not-asked'] as const).flatMap((c) => checkEligibility({ ...BASE, informationSharing: c }, s).reasons),
    );
    expect(all.join(' ')).not.toMatch(/para(graph)? 18|cannot be reached|safeguarding basis/i);
  });

  it('says why a service needs consent, and what a team lead can and cannot do about it', () => {
    const refuge = checkEligibility({ ...BASE, informationSharing: 'withdrawn' }, service('refuge-place'));
    expect(refuge.reasons[0]).toBe(
      'Victim withdrew consent to share their details: get their consent (Refuge place (women) is only offered with consent)',
    );
    const idva = checkEligibility({ ...BASE, grade: 'high', informationSharing: 'not-asked' }, service('idva'));
    expect(idva.reasons[0]).toBe(
      'Victim was not asked about sharing their details: get their consent, or a team lead must record a lawful basis for sharing without it',
    );
    const idvaMedium = checkEligibility({ ...BASE, informationSharing: 'refused', safeguardingBasis: true }, service('idva'));
    expect(idvaMedium.reasons).toContain(
      'Victim refused sharing their details: get their consent (without it, the IDVA takes only high-risk or MARAC cases, on a lawful basis a team lead records)',
    );
  });

  it('explains every answer, the blocking reasons first', () => {
    const r = checkEligibility({ ...BASE, gender: 'male', informationSharing: 'refused' }, service('refuge-place'));
    expect(r.eligible).toBe(false);
    expect(r.reasons[0]).toMatch(/male/);
    expect(r.reasons.some((x) => /consent|sharing/.test(x))).toBe(true);
    expect(checkEligibility({ ...BASE, suspectRelationship: 'ex-partner' }, service('non-molestation-order')).reasons).toContain(
      'Suspect is an ex-partner: an associated person for a non-molestation order',
    );
    const ok = checkEligibility({ ...BASE, grade: 'high' }, service('idva'));
    expect(ok.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/Risk is high/), expect.stringMatching(/consented/)]));
  });

  it('asks the hub to check, not refuses, legal advice when the police recorded no associated relationship (FLA 1996 s.62(3))', () => {
    for (const suspectRelationship of ['other', 'not-known', null] as const) {
      const r = checkEligibility({ ...BASE, suspectRelationship, suspectLivesWithVictim: false }, service('non-molestation-order'));
      expect(r).toMatchObject({ eligible: true, check: true });
      expect(r.reasons[0]).toMatch(/^Check: .*shares a child.*s\.62\(3\)/);
    }
    expect(
      checkEligibility({ ...BASE, suspectRelationship: 'other', suspectLivesWithVictim: true }, service('non-molestation-order')),
    ).toEqual({
      eligible: true,
      check: true,
      reasons: expect.arrayContaining([expect.stringMatching(/^Check: the suspect lives with the victim.*unless only a tenant, lodger/)]),
    });
  });

  it('asks, never refuses, where the fact a gender-limited service needs was not recorded or lies outside its stated remit', () => {
    for (const gender of [null, 'not-known'] as const) {
      const r = checkEligibility({ ...BASE, gender }, service('refuge-place'));
      expect(r).toMatchObject({ eligible: true, check: true });
      expect(r.reasons[0]).toMatch(/^Check: the victim's gender is not recorded: .* supports female victims/);
    }
    const nb = checkEligibility({ ...BASE, gender: 'non-binary' }, service('male-victims'));
    expect(nb).toMatchObject({ eligible: true, check: true });
    expect(nb.reasons[0]).toMatch(/^Check: the victim is non-binary: .*supports male victims, so ask the service first/);
    // A stated gender the service does not take is still a refusal.
    expect(checkEligibility({ ...BASE, gender: 'female' }, service('male-victims'))).toMatchObject({ eligible: false });
    expect(checkEligibility({ ...BASE, gender: 'male' }, service('refuge-place')).check).toBeUndefined();
  });

  it('asks about a 16- or 17-year-old before a refuge or legal advice (a child: children’s services and a litigation friend)', () => {
    for (const age of [16, 17]) {
      const refuge = checkEligibility({ ...BASE, age }, service('refuge-place'));
      expect(refuge).toMatchObject({ eligible: true, check: true });
      expect(refuge.reasons[0]).toMatch(new RegExp(`^Check: the victim is ${age}, a child: .*Children Act 1989 s\\.20`));
      const legal = checkEligibility({ ...BASE, age }, service('non-molestation-order'));
      expect(legal).toMatchObject({ eligible: true, check: true });
      expect(legal.reasons[0]).toMatch(/litigation friend/);
    }
    // Only from the date of birth known at the incident: the same.
    expect(checkEligibility({ ...BASE, age: null, victimAgeAtIncident: 17 }, service('refuge-place')).reasons[0]).toMatch(/is 17, a child/);
    for (const age of [18, 34]) expect(checkEligibility({ ...BASE, age }, service('refuge-place')).check).toBeUndefined();
    expect(checkEligibility({ ...BASE, age: 17 }, service('emotional-support')).reasons.join(' ')).not.toMatch(/a child/);
  });

  it('children’s services: a child victim who is an adult now, and children listed who live elsewhere, are checks', () => {
    const grownUp = checkEligibility(
      { ...BASE, age: 18, victimAgeAtIncident: 17, victimUnder18: true, victimUnder16: false },
      service('safeguarding-referral'),
    );
    expect(grownUp).toMatchObject({ eligible: true, check: true });
    expect(grownUp.reasons.join(' ')).toMatch(/was 17 at the incident but is 18 now, an adult/);
    expect(grownUp.reasons.join(' ')).not.toMatch(/a child themself/);
    // Still a child: the victim's own ground, no check.
    const child = checkEligibility(
      { ...BASE, age: 17, victimAgeAtIncident: 17, victimUnder18: true, victimUnder16: false },
      service('safeguarding-referral'),
    );
    expect(child).toEqual(
      expect.objectContaining({ eligible: true, reasons: expect.arrayContaining([expect.stringMatching(/a child themself/)]) }),
    );
    expect(child.check).toBeUndefined();
    // Children the report lists who live elsewhere and were not there: not "no children", a question (DA Act 2021 s.3).
    const elsewhere = checkEligibility({ ...BASE, victimAgeAtIncident: 34, childrenListed: 2 }, service('safeguarding-referral'));
    expect(elsewhere).toMatchObject({ eligible: true, check: true });
    expect(elsewhere.reasons[0]).toMatch(/^Check: the report lists children who do not live with the victim.*DA Act 2021 s\.3/);
    expect(checkEligibility({ ...BASE, victimAgeAtIncident: 34, childrenListed: 0 }, service('safeguarding-referral'))).toMatchObject({
      eligible: false,
    });
  });

  it('children’s services: what the report leaves open about children is a check, never "no children"', () => {
    const report = (children: PoliceReport['children'], dash: Record<string, string> = {}) =>
      ({ children, officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash } }) as Pick<
        PoliceReport,
        'children' | 'officerRiskAssessment'
      >;
    const asked = (r: ReturnType<typeof report>) =>
      checkEligibility(
        { ...BASE, victimAgeAtIncident: 34, childrenListed: 0, childrenUnknown: childrenUnknown(r) },
        service('safeguarding-referral'),
      );
    // Police DASH q10-q12 "not known", no list: the officer did not find out.
    const notKnown = asked(report([], { q10: 'not-known', q11: 'not-known', q12: 'no' }));
    expect(notKnown).toMatchObject({ eligible: true, check: true });
    expect(notKnown.reasons[0]).toMatch(/^Check: Police DASH questions 10 .* and 11 .* answered "not known".*DA Act 2021 s\.3/);
    // "Declined" is as open as "not known" (session 40: it read as "no children", not eligible).
    const declined = asked(report([], { q10: 'declined', q11: 'no', q12: 'no' }));
    expect(declined).toMatchObject({ eligible: true, check: true });
    expect(declined.reasons[0]).toMatch(/^Check: Police DASH question 10 .* answered "declined"/);
    // A dispute over child contact is about a child.
    expect(asked(report([], { q7: 'yes', q10: 'no', q11: 'no', q12: 'no' })).reasons[0]).toMatch(
      /question 7 \(conflict over child contact\)/,
    );
    // No children list at all (a CSV without the columns, the officer app's "not known").
    expect(asked(report(undefined)).reasons[0]).toMatch(/does not say whether there are children/);
    // The report says there are none: refused, with the reason.
    expect(asked(report([], { q7: 'no', q10: 'no', q11: 'no', q12: 'no' }))).toMatchObject({ eligible: false });
    expect(asked(report([]))).toMatchObject({ eligible: false });
    // A child listed: the list decides (in the household: eligible, no question).
    expect(childrenUnknown(report([{ ageYears: 4 }], { q10: 'not-known' }))).toEqual([]);
  });

  it('outreach: an incident area matched however it is written; one the hub does not know is a check, not a refusal', () => {
    const written = checkEligibility(
      { ...BASE, area: 'watford & three-rivers', areaSource: 'incident-area', areaKnown: true },
      service('outreach-watford-and-three-rivers'),
    );
    expect(written).toMatchObject({ eligible: true });
    const unknown = { ...BASE, area: 'Hemel', areaSource: 'incident-area', areaKnown: false } as const;
    const r = checkEligibility(unknown, service('outreach-st-albans-and-dacorum'));
    expect(r).toMatchObject({ eligible: true, check: true });
    expect(r.reasons[0]).toMatch(/^Check: the incident area "Hemel" is not one of this hub's outreach areas/);
    // A known area another team covers is still a plain no; so is a victim's postcode area.
    expect(
      checkEligibility({ ...BASE, areaSource: 'incident-area', areaKnown: true }, service('outreach-st-albans-and-dacorum')).eligible,
    ).toBe(false);
    expect(checkEligibility({ ...BASE, area: 'Hemel', areaKnown: false }, service('outreach-st-albans-and-dacorum')).eligible).toBe(false);
  });

  it('ranks eligible services first, IDVA and children’s services ahead', () => {
    const options = referralOptions({ ...BASE, grade: 'high', childrenInHousehold: true }, DEFAULT_PARTNER_SERVICES);
    const firstIneligible = options.findIndex((o) => !o.eligible);
    expect(options.slice(0, firstIneligible).every((o) => o.eligible)).toBe(true);
    expect(options.slice(firstIneligible).every((o) => !o.eligible)).toBe(true);
    expect(options.slice(0, 2).map((o) => o.kind)).toEqual(['idva', 'childrens-services']);
    expect(options).toHaveLength(DEFAULT_PARTNER_SERVICES.length);
  });

  it.each([
    ['1990-11-23', '2026-11-23', 36],
    ['1990-11-24', '2026-11-23', 35],
    ['2008-02-29', '2026-02-28', 17],
    [null, '2026-11-23', null],
  ] as const)('age of %s on %s is %s', (dob, today, age) => {
    expect(ageOn(dob, today)).toBe(age);
  });
});

describe('service hours', () => {
  const catch22 = DEFAULT_PARTNER_SERVICES.find((s) => s.partnerId === 'catch22')?.hours ?? null;
  it('describes runs of days with the same hours', () => {
    expect(describeHours(catch22)).toBe('Mon–Fri 08:00–20:00, Sat 09:00–17:00');
    expect(describeHours(null)).toBe('24 hours, every day');
    expect(describeHours({ mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null })).toBe('Closed');
  });
  it.each([
    ['2026-11-23T07:59:00Z', false], // Monday 07:59 London (GMT)
    ['2026-11-23T08:00:00Z', true],
    ['2026-11-23T19:59:00Z', true],
    ['2026-11-23T20:00:00Z', false],
    ['2026-11-28T09:30:00Z', true], // Saturday
    ['2026-11-28T17:00:00Z', false],
    ['2026-11-29T12:00:00Z', false], // Sunday: closed
    ['2026-07-06T07:30:00Z', true], // Monday 08:30 BST
    ['2026-07-06T19:30:00Z', false], // Monday 20:30 BST
  ])('Catch22 at %s is open: %s (London wall-clock hours)', (at, open) => {
    expect(isServiceOpen(catch22, new Date(at))).toBe(open);
  });
});
