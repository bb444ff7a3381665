import { describe, expect, it } from 'vitest';
import { checkEligibility, DEFAULT_PARTNER_SERVICES, OUTREACH_AREAS, type EligibilityFacts } from './eligibility';
import {
  canonicalArea,
  checkOutreachAreaTable,
  HERTFORDSHIRE_OUTREACH_AREAS,
  lookupPostcode,
  OUT_OF_COUNTY,
  outreachAreaChoices,
  parsePostcode,
  resolveOutreachArea,
} from './outreach-area';

const T = HERTFORDSHIRE_OUTREACH_AREAS;

describe('parsePostcode', () => {
  it.each([
    ['SG5 4AB', 'SG5', 'SG5 4', 'SG5 4AB'],
    ['sg5 4ab', 'SG5', 'SG5 4', 'SG5 4AB'],
    ['SG54AB', 'SG5', 'SG5 4', 'SG5 4AB'],
    ['  sg5   4Ab ', 'SG5', 'SG5 4', 'SG5 4AB'],
    ['s g 5 4 a b', 'SG5', 'SG5 4', 'SG5 4AB'],
    ['AL10 9ZZ', 'AL10', 'AL10 9', 'AL10 9ZZ'],
    ['al109zz', 'AL10', 'AL10 9', 'AL10 9ZZ'],
    ['AL11AB', 'AL1', 'AL1 1', 'AL1 1AB'],
    ['EC1A 1BB', 'EC1A', 'EC1A 1', 'EC1A 1BB'],
    ['W1A 0AX', 'W1A', 'W1A 0', 'W1A 0AX'],
    ['M1 1AE', 'M1', 'M1 1', 'M1 1AE'],
    ['wd17', 'WD17', null, 'WD17'],
  ])('%j → outward %s, sector %s', (raw, outward, sector, normalised) => {
    expect(parsePostcode(raw)).toMatchObject({ outward, sector, normalised });
  });

  it.each([[''], ['   '], [null], [undefined], ['SG5-4AB'], ['12345'], ['ZZ1 1AA'], ['SG5 4A'], ['not a postcode']])(
    '%j is not a postcode',
    (raw) => {
      expect(parsePostcode(raw)).toBeNull();
    },
  );
});

describe('the Hertfordshire table', () => {
  it.each([
    ['AL1 3AA', 'St Albans and Dacorum'],
    ['AL5 2XX', 'St Albans and Dacorum'],
    ['AL8 6AB', 'Welwyn Hatfield and Hertsmere'],
    ['AL10 9ZZ', 'Welwyn Hatfield and Hertsmere'],
    ['SG1 2XY', 'North Herts and Stevenage'],
    ['SG6 3AA', 'North Herts and Stevenage'],
    ['SG8 7AA', 'North Herts and Stevenage'],
    ['SG9 9AA', 'East Herts and Broxbourne'],
    ['sg13 7ab', 'East Herts and Broxbourne'],
    ['CM23 3AA', 'East Herts and Broxbourne'],
    ['CM21 9AA', 'East Herts and Broxbourne'],
    ['EN6 1AA', 'Welwyn Hatfield and Hertsmere'],
    ['EN8 7AA', 'East Herts and Broxbourne'],
    ['EN11 0AA', 'East Herts and Broxbourne'],
    ['WD3 1AA', 'Watford and Three Rivers'],
    ['WD6 1AA', 'Welwyn Hatfield and Hertsmere'],
    ['WD17 1AA', 'Watford and Three Rivers'],
    ['WD23 1AA', 'Welwyn Hatfield and Hertsmere'],
    ['HP2 4QR', 'St Albans and Dacorum'],
    ['HP23 5AA', 'St Albans and Dacorum'],
  ])('%s → %s', (postcode, area) => {
    expect(lookupPostcode(postcode, T)).toBe(area);
  });

  it.each([
    ['EN1 1AA', 'Enfield'],
    ['EN5 1AA', 'Barnet'],
    ['EN9 1AA', 'Waltham Abbey'],
    ['HP5 1AA', 'Chesham'],
    ['HP20 1AA', 'Aylesbury'],
    ['CM20 1AA', 'Harlow'],
    ['CM24 8AA', 'Stansted'],
    ['LU1 1AA', 'Luton'],
    ['SG17 5AA', 'Shefford'],
    ['SG5 4AB', 'Stotfold (a sector of SG5)'],
    ['M1 1AE', 'Manchester (a postcode area the table never names)'],
    ['CB2 1TN', 'Cambridge'],
    ['N1 9GU', 'London'],
    ['BT1 1AA', 'Belfast'],
  ])('%s (%s) is out of county', (postcode) => {
    expect(lookupPostcode(postcode, T)).toBe(OUT_OF_COUNTY);
  });

  it.each([
    ['CM22 7AA', 'straddles the county line'],
    ['HA6 2AA', 'Moor Park (Three Rivers) and Northwood (London)'],
    ['SG99 1AA', 'a district that does not exist in a known postcode area'],
    ['SG5-4AB', 'not a postcode'],
    ['', 'none'],
  ])('%s (%s) is not known: null', (postcode) => {
    expect(lookupPostcode(postcode, T)).toBeNull();
  });

  it('names only the hub’s outreach areas', () => {
    expect(outreachAreaChoices(T)).toEqual([...OUTREACH_AREAS]);
    expect(checkOutreachAreaTable(T)).toEqual([]);
  });
});

describe('resolveOutreachArea', () => {
  it.each([
    [
      'lives in another area than the incident',
      'AL1 3AA',
      'Watford and Three Rivers',
      { area: 'St Albans and Dacorum', source: 'victim-postcode', outOfCounty: false },
    ],
    [
      'lives where the incident was',
      'WD17 1AA',
      'Watford and Three Rivers',
      { area: 'Watford and Three Rivers', source: 'victim-postcode', outOfCounty: false },
    ],
    [
      'no postcode',
      undefined,
      'Watford and Three Rivers',
      { area: 'Watford and Three Rivers', source: 'incident-area', outOfCounty: false },
    ],
    [
      'a code the table does not know',
      'CM22 7AA',
      'East Herts and Broxbourne',
      { area: 'East Herts and Broxbourne', source: 'incident-area', outOfCounty: false },
    ],
    ['garbage', '???', 'St Albans and Dacorum', { area: 'St Albans and Dacorum', source: 'incident-area', outOfCounty: false }],
    ['out of county', 'LU1 1AA', 'St Albans and Dacorum', { area: null, source: 'victim-postcode', outOfCounty: true }],
    [
      'an incident area written another way: the table’s spelling',
      undefined,
      '  watford & three-rivers ',
      { area: 'Watford and Three Rivers', source: 'incident-area', outOfCounty: false },
    ],
    [
      'an incident area the table does not name: as written',
      undefined,
      'Hemel',
      { area: 'Hemel', source: 'incident-area', outOfCounty: false },
    ],
  ])('%s', (_label, postcode, incidentArea, expected) => {
    expect(resolveOutreachArea(postcode, incidentArea, T)).toEqual(expected);
  });

  it('a sector outranks its district, a district its postcode area, and "*" only covers unnamed areas', () => {
    const table = { '*': 'out-of-county', SG: 'North', SG5: 'Hitchin', 'SG5 4': 'Stotfold' };
    expect(lookupPostcode('SG5 4AA', table)).toBe('Stotfold');
    expect(lookupPostcode('SG5 3AA', table)).toBe('Hitchin');
    expect(lookupPostcode('SG1 1AA', table)).toBe('North');
    expect(lookupPostcode('AL1 1AA', table)).toBe('out-of-county');
    expect(lookupPostcode('AL1 1AA', { SG5: 'Hitchin' })).toBeNull();
  });
});

describe('canonicalArea', () => {
  it.each([
    ['Watford & Three Rivers', 'Watford and Three Rivers'],
    ['ST ALBANS AND DACORUM', 'St Albans and Dacorum'],
    ['East Herts, and Broxbourne', 'East Herts and Broxbourne'],
    ['Watford', null],
    ['Three Rivers and Watford', null],
    ['', null],
  ])('%s → %s', (written, expected) => {
    expect(canonicalArea(written, T)).toBe(expected);
  });
});

describe('checkOutreachAreaTable', () => {
  it.each([
    [{ sg5: 'x' }, 'key "sg5"'],
    [{ 'SG5 4AB': 'x' }, 'key "SG5 4AB"'],
    [{ SG5: '' }, 'outreachAreas["SG5"]'],
    [{ SG5: 3 }, 'outreachAreas["SG5"]'],
    [[], 'must be an object'],
  ])('%j is refused', (table, message) => {
    expect(checkOutreachAreaTable(table).join(';')).toContain(message);
  });
});

describe('outreach eligibility follows the outreach area', () => {
  const facts: EligibilityFacts = {
    grade: 'medium',
    maracRequired: false,
    gender: 'female',
    age: 30,
    area: 'St Albans and Dacorum',
    supportReferral: 'given',
    informationSharing: 'given',
    safeguardingBasis: false,
    childrenInHousehold: false,
    childrenPresent: false,
    suspectRelationship: 'partner',
  };
  const outreach = (area: string) => DEFAULT_PARTNER_SERVICES.find((s) => s.kind === 'outreach' && s.rule.areas.includes(area))!;

  it('the team of where the victim lives, not of the incident', () => {
    expect(checkEligibility({ ...facts, areaSource: 'victim-postcode' }, outreach('St Albans and Dacorum')).eligible).toBe(true);
    expect(checkEligibility({ ...facts, areaSource: 'victim-postcode' }, outreach('Watford and Three Rivers')).eligible).toBe(false);
  });

  it('out of county: no outreach team, with that reason', () => {
    for (const area of OUTREACH_AREAS) {
      const e = checkEligibility({ ...facts, area: 'St Albans and Dacorum', outOfCounty: true }, outreach(area));
      expect(e.eligible).toBe(false);
      expect(e.reasons[0]).toMatch(/^Lives out of county/);
    }
  });

  it('falls back to the incident area and says so', () => {
    const e = checkEligibility({ ...facts, areaSource: 'incident-area' }, outreach('St Albans and Dacorum'));
    expect(e.eligible).toBe(true);
    expect(e.reasons.join(' ')).toContain("Incident in St Albans and Dacorum (victim's home postcode not known)");
  });
});
