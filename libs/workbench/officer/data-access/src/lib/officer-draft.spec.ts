import { childrenFacts, POLICE_REPORT_SCHEMA, reportAgeFacts, reportRuleViolations, type PoliceReport } from '@lantern/shared/domain';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  buildReport,
  clockTime,
  childrenOf,
  DraftIncompleteError,
  draftErrors,
  emptyDraftValues,
  fieldOfPath,
  newDraft,
  OFFICER_STEPS,
  parseChildrenAges,
  stepErrors,
  stepOfField,
  type OfficerDraft,
  type OfficerDraftValues,
} from './officer-draft';

const NOW = new Date('2026-12-02T10:00:00Z');
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(POLICE_REPORT_SCHEMA as object);

function filled(change: (v: OfficerDraftValues) => void = () => undefined): OfficerDraftValues {
  const v = emptyDraftValues();
  v.victim = {
    ...v.victim,
    firstName: 'Alex',
    lastName: 'Example',
    dateOfBirth: '1990-04-01',
    phone: '07700 900111',
    postcode: 'sg1 1aa',
    town: 'Stevenage',
    addressLine1: '1 Example Road',
  };
  v.safeContact = { phone: '07700 900222', safeTimes: 'weekdays 10:00-14:00 only', voicemailSafe: 'no', smsSafe: 'yes', notes: '' };
  v.suspect = { ...v.suspect, relationship: 'ex-partner', livesWithVictim: 'no' };
  v.incident = {
    occurredDate: '2026-12-02',
    occurredTime: '08:30',
    area: 'Stevenage',
    postcode: '',
    summary: 'Synthetic incident summary.',
    childrenPresent: 'no',
    childrenAges: '',
    childrenLiveWithVictim: 'no',
    householdChildrenAges: '',
  };
  v.risk = { ...v.risk, tool: 'dara', riskLevel: 'medium' };
  v.consent = { supportReferral: 'given', informationSharing: 'refused', recordedAt: '2026-12-02T09:55:00.000Z' };
  change(v);
  return v;
}

function draftOf(values: OfficerDraftValues): OfficerDraft {
  return { ...newDraft('OA-ABCDEFGHJKLM', NOW), values };
}

/** What the server would do: the officer block it fills from the profile, then schema and rules. */
function serverErrors(report: object): string[] {
  const body = { ...report, officer: { collarNumber: 'HT4821' } };
  const schema = validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  return [...schema, ...reportRuleViolations(body, NOW).map((e) => `${e.path} ${e.message}`)];
}

describe('buildReport', () => {
  it('turns a complete draft into a report the contract and the intake rules accept', () => {
    const report = buildReport(draftOf(filled()), { force: 'Hertfordshire Constabulary' }, NOW.toISOString());
    expect(serverErrors(report)).toEqual([]);
    expect(report).toMatchObject({
      reference: 'OA-ABCDEFGHJKLM',
      revision: 1,
      source: { force: 'Hertfordshire Constabulary', system: 'officer-app', sentAt: NOW.toISOString() },
      incident: { reportedAt: NOW.toISOString(), area: 'Stevenage' },
      victim: { address: { postcode: 'SG1 1AA', town: 'Stevenage' }, safeContact: { voicemailSafe: false, smsSafe: true } },
      consent: { supportReferral: 'given', informationSharing: 'refused' },
      officerRiskAssessment: { tool: 'dara', riskLevel: 'medium' },
      suspect: { relationshipToVictim: 'ex-partner', livesWithVictim: false },
    });
    expect(report).not.toHaveProperty('officer');
    expect(report.officerRiskAssessment).not.toHaveProperty('dash');
  });

  it.each<[string, (v: OfficerDraftValues) => void, (r: ReturnType<typeof buildReport>) => void]>([
    [
      'a DASH with all 27 answers',
      (v) => {
        v.risk.tool = 'dash';
        v.risk.riskLevel = 'high';
        for (const k of Object.keys(v.risk.dash)) v.risk.dash[k] = 'yes';
        v.risk.dash['q4'] = 'not-known';
      },
      (r) => {
        expect(Object.keys(r.officerRiskAssessment?.dash ?? {})).toHaveLength(27);
        expect(r.officerRiskAssessment?.dash?.['q4']).toBe('not-known');
      },
    ],
    [
      'no children at home and none present: an empty list (the hub reads "none")',
      (v) => {
        v.incident.childrenPresent = 'no';
        v.incident.childrenLiveWithVictim = 'no';
      },
      (r) => expect(r.children).toEqual([]),
    ],
    [
      'not known whether children live with her, none present: no list (the hub asks before ruling children out)',
      (v) => {
        v.incident.childrenPresent = 'no';
        v.incident.childrenLiveWithVictim = 'not-known';
      },
      (r) => expect(r).not.toHaveProperty('children'),
    ],
    [
      'children present, ages given',
      (v) => {
        v.incident.childrenPresent = 'yes';
        v.incident.childrenAges = '3, 7';
      },
      (r) =>
        expect(r.children).toEqual([
          { ageYears: 3, presentAtIncident: true, livesWithVictim: false },
          { ageYears: 7, presentAtIncident: true, livesWithVictim: false },
        ]),
    ],
    [
      'children who live with the victim, none present',
      (v) => {
        v.incident.childrenLiveWithVictim = 'yes';
        v.incident.householdChildrenAges = '1, 6';
      },
      (r) =>
        expect(r.children).toEqual([
          { ageYears: 1, presentAtIncident: false, livesWithVictim: true },
          { ageYears: 6, presentAtIncident: false, livesWithVictim: true },
        ]),
    ],
    [
      'an age instead of a date of birth (said in the summary: the contract has no age)',
      (v) => {
        v.victim.dobOrAge = 'age';
        v.victim.ageYears = '34';
      },
      (r) => {
        expect(r.victim.dateOfBirth).toBeUndefined();
        expect(r.incident.summary).toContain("Victim's age as given at the scene: 34");
        // The hub reads it back as her age (its under-18 and under-16 routes).
        expect(reportAgeFacts(r as PoliceReport)).toMatchObject({ victimAge: 34, victimUnder18: false });
      },
    ],
    [
      'an age under 16 is taken (the hub routes a child to children’s services) and read back by the hub',
      (v) => {
        v.victim.dobOrAge = 'age';
        v.victim.ageYears = '15';
      },
      (r) => expect(reportAgeFacts(r as PoliceReport)).toMatchObject({ victimAge: 15, victimUnder16: true, victimUnder18: true }),
    ],
    [
      'optional parts left empty are absent, not empty strings',
      (v) => {
        v.victim.phone = '';
        v.victim.addressLine1 = '';
        v.victim.town = '';
        v.victim.postcode = '';
        v.safeContact = { phone: '07700 900222', safeTimes: '', voicemailSafe: '', smsSafe: '', notes: '' };
      },
      (r) => {
        expect(r.victim.address).toBeUndefined();
        expect(r.victim.phone).toBeUndefined();
        expect(r.victim.safeContact).toEqual({ phone: '07700 900222' });
      },
    ],
    [
      'the suspect in full: their phone goes as the suspect’s (never contacted), the victim’s gender as given',
      (v) => {
        v.victim.gender = 'male';
        v.suspect = {
          relationship: 'partner',
          livesWithVictim: 'yes',
          firstName: ' Jordan ',
          lastName: 'Example',
          dateOfBirth: '1988-02-03',
          phone: '07700 900999',
          arrested: 'yes',
          personId: 'HC-P-1234',
        };
      },
      (r) => {
        expect(r.victim.gender).toBe('male');
        expect(r.suspect).toEqual({
          personId: 'HC-P-1234',
          firstName: 'Jordan',
          lastName: 'Example',
          dateOfBirth: '1988-02-03',
          phone: '07700 900999',
          relationshipToVictim: 'partner',
          livesWithVictim: true,
          arrested: true,
        });
      },
    ],
    [
      'a suspect the victim would not name: "not known" is an answer; whether they live with her is left to the hub',
      (v) => (v.suspect = { ...emptyDraftValues().suspect, relationship: 'not-known', livesWithVictim: 'not-known' }),
      (r) => expect(r.suspect).toEqual({ relationshipToVictim: 'not-known' }),
    ],
  ])('%s', (_name, change, check) => {
    const report = buildReport(draftOf(filled(change)), { force: 'Hertfordshire Constabulary' }, NOW.toISOString());
    expect(serverErrors(report)).toEqual([]);
    check(report);
  });

  it('never sends consent it was not given: without both answers there is no report (never "not-asked")', () => {
    for (const change of [
      (v: OfficerDraftValues) => (v.consent.supportReferral = ''),
      (v: OfficerDraftValues) => (v.consent.informationSharing = ''),
      (v: OfficerDraftValues) => ((v.consent.supportReferral = ''), (v.consent.informationSharing = '')),
      (v: OfficerDraftValues) => ((v.consent as { supportReferral: string }).supportReferral = 'not-asked'),
    ]) {
      expect(() => buildReport(draftOf(filled(change)), { force: 'F' }, NOW.toISOString())).toThrow(DraftIncompleteError);
    }
    expect(() => buildReport(draftOf(emptyDraftValues()), { force: 'F' }, NOW.toISOString())).toThrow(/consent/);
    const refused = buildReport(
      draftOf(filled((v) => ((v.consent.supportReferral = 'refused'), (v.consent.informationSharing = 'refused')))),
      { force: 'F' },
      NOW.toISOString(),
    );
    expect(refused.consent).toEqual({ supportReferral: 'refused', informationSharing: 'refused', recordedAt: '2026-12-02T09:55:00.000Z' });
  });

  it('gives the same body for the same draft and sentAt (a retry is a duplicate, never a conflict)', () => {
    const d = draftOf(filled());
    const a = buildReport(d, { force: 'F' }, NOW.toISOString());
    const b = buildReport(structuredClone(d), { force: 'F' }, NOW.toISOString());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('stepErrors', () => {
  it('passes a complete draft', () => {
    expect(draftErrors(filled(), NOW)).toEqual([]);
  });

  it.each<[string, (v: OfficerDraftValues) => void, string]>([
    ['no first name', (v) => (v.victim.firstName = '  '), '/victim/firstName'],
    ['no last name', (v) => (v.victim.lastName = ''), '/victim/lastName'],
    ['a date of birth in the future', (v) => (v.victim.dateOfBirth = '2027-01-01'), '/victim/dateOfBirth'],
    ['a date of birth over 120 years ago', (v) => (v.victim.dateOfBirth = '1900-01-01'), '/victim/dateOfBirth'],
    ['an impossible date', (v) => (v.victim.dateOfBirth = '1990-02-30'), '/victim/dateOfBirth'],
    ['an age that is not one', (v) => ((v.victim.dobOrAge = 'age'), (v.victim.ageYears = '4x')), '/victim/ageYears'],
    ['an age over 120', (v) => ((v.victim.dobOrAge = 'age'), (v.victim.ageYears = '121')), '/victim/ageYears'],
    ['a phone that is not one', (v) => (v.victim.phone = 'call me'), '/victim/phone'],
    ['a postcode that is not one', (v) => (v.victim.postcode = 'XX1 1XX'), '/victim/address/postcode'],
    ['no safe number', (v) => (v.safeContact.phone = ''), '/victim/safeContact/phone'],
    ['safe times too long', (v) => (v.safeContact.safeTimes = 'x'.repeat(201)), '/victim/safeContact/safeTimes'],
    ['the suspect’s relationship unanswered', (v) => (v.suspect.relationship = ''), '/suspect/relationshipToVictim'],
    ['whether the suspect lives with the victim unanswered', (v) => (v.suspect.livesWithVictim = ''), '/suspect/livesWithVictim'],
    ['a suspect’s date of birth in the future', (v) => (v.suspect.dateOfBirth = '2027-01-01'), '/suspect/dateOfBirth'],
    ['a suspect’s phone that is not one', (v) => (v.suspect.phone = '999'), '/suspect/phone'],
    ['the suspect’s phone is the safe number', (v) => (v.suspect.phone = '07700900222'), '/suspect/phone'],
    ['the suspect’s phone is the safe number, written +44', (v) => (v.suspect.phone = '+44 7700 900222'), '/suspect/phone'],
    ['a person ID too long', (v) => (v.suspect.personId = 'x'.repeat(41)), '/suspect/personId'],
    ['no date of the incident', (v) => (v.incident.occurredDate = ''), '/incident/occurredAt'],
    ['an impossible date of the incident', (v) => (v.incident.occurredDate = '2026-02-30'), '/incident/occurredAt'],
    ['no time of the incident', (v) => (v.incident.occurredTime = ''), '/incident/occurredTime'],
    ['a time that is not on the 24-hour clock', (v) => (v.incident.occurredTime = '9:30pm'), '/incident/occurredTime'],
    ['an incident in the future', (v) => (v.incident.occurredDate = '2026-12-03'), '/incident/occurredAt'],
    ['no area', (v) => (v.incident.area = ''), '/incident/area'],
    ['a one-letter area', (v) => (v.incident.area = 'W'), '/incident/area'],
    ['no summary', (v) => (v.incident.summary = ' '), '/incident/summary'],
    ['a control character in the summary', (v) => (v.incident.summary = 'a\u0007b'), '/incident/summary'],
    ['children present unanswered', (v) => (v.incident.childrenPresent = ''), '/children'],
    ['children present without ages', (v) => ((v.incident.childrenPresent = 'yes'), (v.incident.childrenAges = '')), '/children'],
    ['a child aged 18', (v) => ((v.incident.childrenPresent = 'yes'), (v.incident.childrenAges = '3 18')), '/children'],
    ['children at home unanswered', (v) => (v.incident.childrenLiveWithVictim = ''), '/children/household'],
    [
      'children at home without ages',
      (v) => ((v.incident.childrenLiveWithVictim = 'yes'), (v.incident.householdChildrenAges = '')),
      '/children/household',
    ],
    [
      'a child at home aged 19',
      (v) => ((v.incident.childrenLiveWithVictim = 'yes'), (v.incident.householdChildrenAges = '2 19')),
      '/children/household',
    ],
    [
      'more children than the contract takes',
      (v) => {
        v.incident.childrenPresent = 'yes';
        v.incident.childrenAges = Array.from({ length: 12 }, (_, i) => i).join(' ');
        v.incident.childrenLiveWithVictim = 'yes';
        v.incident.householdChildrenAges = Array.from({ length: 12 }, (_, i) => 12 + (i % 6)).join(' ');
      },
      '/children',
    ],
    ['no risk tool', (v) => (v.risk.tool = ''), '/officerRiskAssessment/tool'],
    ['no grade', (v) => (v.risk.riskLevel = ''), '/officerRiskAssessment/riskLevel'],
    ['a DASH question unanswered', (v) => (v.risk.tool = 'dash'), '/officerRiskAssessment/dash/q1'],
    ['judgement without a rationale', (v) => (v.risk.tool = 'judgement'), '/officerRiskAssessment/rationale'],
    ['contact consent not recorded', (v) => (v.consent.supportReferral = ''), '/consent/supportReferral'],
    ['sharing consent not recorded', (v) => (v.consent.informationSharing = ''), '/consent/informationSharing'],
  ])('%s', (_name, change, path) => {
    const errors = draftErrors(filled(change), NOW);
    expect(errors.map((e) => e.path)).toContain(path);
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it('the suspect’s phone may be the victim’s own (a shared phone: the hub never calls it), only not her safe number', () => {
    expect(
      draftErrors(
        filled((v) => (v.suspect.phone = '07700 900111')),
        NOW,
      ),
    ).toEqual([]);
  });

  it('checks one step at a time', () => {
    const v = filled((x) => ((x.victim.firstName = ''), (x.consent.supportReferral = '')));
    expect(stepErrors('victim', v, NOW).map((e) => e.path)).toEqual(['/victim/firstName']);
    expect(stepErrors('consent', v, NOW).map((e) => e.path)).toEqual(['/consent/supportReferral']);
    expect(stepErrors('review', v, NOW)).toEqual([]);
  });

  it('an empty draft never passes: consent is never assumed', () => {
    const paths = draftErrors(emptyDraftValues(), NOW).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/consent/supportReferral', '/consent/informationSharing']));
  });
});

describe('clockTime: a time as officers type it on the 24-hour clock', () => {
  it.each([
    ['21:30', '21:30'],
    ['9:05', '09:05'],
    ['21.30', '21:30'],
    ['2130', '21:30'],
    [' 00:00 ', '00:00'],
    ['24:00', null],
    ['21:60', null],
    ['9:30pm', null],
    ['', null],
  ])('%s → %s', (typed, expected) => {
    expect(clockTime(typed)).toBe(expected);
  });
});

describe('fieldOfPath and stepOfField', () => {
  it.each([
    ['/victim/firstName', 'victim.firstName', 'victim'],
    ['/victim/address/postcode', 'victim.postcode', 'victim'],
    ['/victim/safeContact/phone', 'safeContact.phone', 'safeContact'],
    ['/victim/gender', 'victim.gender', 'victim'],
    ['/suspect/relationshipToVictim', 'suspect.relationship', 'suspect'],
    ['/suspect/phone', 'suspect.phone', 'suspect'],
    ['/suspect/livesWithVictim', 'suspect.livesWithVictim', 'suspect'],
    ['/suspect/dateOfBirth', 'suspect.dateOfBirth', 'suspect'],
    ['/incident/reportedAt', 'incident.occurredDate', 'incident'],
    ['/incident/occurredTime', 'incident.occurredTime', 'incident'],
    ['/children/0/ageYears', 'incident.childrenAges', 'incident'],
    ['/children/household', 'incident.householdChildrenAges', 'incident'],
    ['/officerRiskAssessment/dash/q14', 'risk.dash.q14', 'risk'],
    ['/consent/informationSharing', 'consent.informationSharing', 'consent'],
  ])('%s → %s', (path, field, step) => {
    expect(fieldOfPath(path)).toBe(field);
    expect(OFFICER_STEPS[stepOfField(fieldOfPath(path))]).toBe(step);
  });

  it('puts a path it does not know on the review step', () => {
    expect(fieldOfPath('/source/force')).toBeNull();
    expect(OFFICER_STEPS[stepOfField(null)]).toBe('review');
  });
});

describe('parseChildrenAges', () => {
  it.each<[string, number[] | null]>([
    ['3, 7', [3, 7]],
    ['0 17', [0, 17]],
    ['5', [5]],
    ['', null],
    ['3, eighteen', null],
    ['18', null],
    ['-1', null],
  ])('%j → %j', (raw, ages) => expect(parseChildrenAges(raw)).toEqual(ages));
});

describe('childrenOf: the household question and the children present, as the hub reads them', () => {
  const incident = (present: string, atHome: '' | 'yes' | 'no' | 'not-known', home = '') => ({
    ...emptyDraftValues().incident,
    childrenPresent: (present ? 'yes' : 'no') as 'yes' | 'no',
    childrenAges: present,
    childrenLiveWithVictim: atHome,
    householdChildrenAges: home,
  });
  const hub = (children: ReturnType<typeof childrenOf>) =>
    childrenFacts({ children, victim: undefined, officerRiskAssessment: undefined } as never);

  it('children who live with the victim but were not present: listed, in the household (the hub’s priority and prompts)', () => {
    const children = childrenOf(incident('', 'yes', '4, 9'));
    expect(children).toEqual([
      { ageYears: 4, presentAtIncident: false, livesWithVictim: true },
      { ageYears: 9, presentAtIncident: false, livesWithVictim: true },
    ]);
    expect(hub(children)).toMatchObject({ listed: 2, listedInHousehold: true, childrenInHousehold: true });
  });

  it('a child present of an age at home is the same child; others present live elsewhere', () => {
    expect(childrenOf(incident('4, 12', 'yes', '4, 9, 4'))).toEqual([
      { ageYears: 4, presentAtIncident: true, livesWithVictim: true },
      { ageYears: 9, presentAtIncident: false, livesWithVictim: true },
      { ageYears: 4, presentAtIncident: false, livesWithVictim: true },
      { ageYears: 12, presentAtIncident: true, livesWithVictim: false },
    ]);
  });

  it('"no": the children present live elsewhere, and the hub does not count them in the household', () => {
    const children = childrenOf(incident('3', 'no'));
    expect(children).toEqual([{ ageYears: 3, presentAtIncident: true, livesWithVictim: false }]);
    expect(hub(children)).toMatchObject({ listed: 1, listedInHousehold: false });
    expect(childrenOf(incident('', 'no'))).toEqual([]);
  });

  it('"not known": the children present without livesWithVictim, which the hub treats as in the household', () => {
    const children = childrenOf(incident('3', 'not-known'));
    expect(children).toEqual([{ ageYears: 3, presentAtIncident: true }]);
    expect(hub(children).listedInHousehold).toBe(true);
  });

  it('a draft saved before the household question (no answer) reads as "not known"', () => {
    const old = { ...incident('5', ''), childrenLiveWithVictim: undefined } as unknown as OfficerDraftValues['incident'];
    expect(childrenOf(old)).toEqual([{ ageYears: 5, presentAtIncident: true }]);
  });
});
