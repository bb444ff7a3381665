import { describe, expect, it } from 'vitest';
import {
  compactArrays,
  originalPath,
  pointerToDotPath,
  reportFieldPaths,
  reportLeaf,
  setPath,
  typeCell,
  unescapeCsvFormula,
} from './imports';

describe('reportLeaf: which dot paths are values of the police contract', () => {
  it.each([
    ['reference', 'string'],
    ['revision', 'integer'],
    ['schemaVersion', 'const'],
    ['victim.firstName', 'string'],
    ['victim.address.postcode', 'string'],
    ['victim.safeContact.smsSafe', 'boolean'],
    ['incident.offences.0', 'string'],
    ['incident.previousIncidents12Months', 'integer'],
    ['children.0.ageYears', 'integer'],
    ['children.19.presentAtIncident', 'boolean'],
    ['officerRiskAssessment.dash.q1', 'enum'],
    ['officerRiskAssessment.dash.q27', 'enum'],
    ['consent.supportReferral', 'enum'],
  ])('%s is a %s', (path, kind) => {
    expect(reportLeaf(path)?.kind).toBe(kind);
  });

  it.each([
    'victim',
    'victim.surname',
    'children.0',
    'children.20.ageYears',
    'children.x.ageYears',
    'children.01.ageYears',
    'officerRiskAssessment.dash.q28',
    'officerRiskAssessment.dash.q0',
    'victim..firstName',
    '',
    '__proto__',
    'constructor',
    'victim.__proto__',
  ])('%s is not', (path) => {
    expect(reportLeaf(path)).toBeNull();
  });

  it('tells words (kept as written) from ids, names and codes (read without padding)', () => {
    const words = [
      'incident.summary',
      'incident.offences.0',
      'officerRiskAssessment.rationale',
      'victim.safeContact.notes',
      'victim.safeContact.safeTimes',
    ];
    const values = [
      'reference',
      'victim.personId',
      'victim.firstName',
      'victim.phone',
      'victim.email',
      'incident.occurredAt',
      'source.force',
    ];
    expect(words.filter((p) => reportLeaf(p)?.freeText)).toEqual(words);
    expect(values.filter((p) => reportLeaf(p)?.freeText)).toEqual([]);
  });

  it('lists paths a mapping can choose, every one a leaf', () => {
    const paths = reportFieldPaths(2);
    expect(paths).toContain('children.1.ageYears');
    expect(paths).toContain('officerRiskAssessment.dash.q27');
    for (const p of paths) expect(reportLeaf(p), p).not.toBeNull();
  });
});

describe('typeCell', () => {
  it.each([
    [{ kind: 'integer' }, '42', { value: 42 }],
    [{ kind: 'integer' }, ' 7 ', { value: 7 }],
    [{ kind: 'integer' }, '4.2', { error: 'must be a whole number' }],
    [{ kind: 'integer' }, 'two', { error: 'must be a whole number' }],
    [{ kind: 'number' }, '4.5', { value: 4.5 }],
    [{ kind: 'number' }, '1e9', { error: 'must be a number' }],
    [{ kind: 'boolean' }, 'Yes', { value: true }],
    [{ kind: 'boolean' }, 'FALSE', { value: false }],
    [{ kind: 'boolean' }, '0', { value: false }],
    [{ kind: 'boolean' }, 'maybe', { error: 'must be true or false (yes/no); leave the cell empty when it is not known' }],
    [{ kind: 'enum', values: ['yes', 'no'] }, 'yes', { value: 'yes' }],
    [{ kind: 'enum', values: ['yes', 'no', 'not-known'] }, 'Yes', { value: 'yes' }],
    [{ kind: 'enum', values: ['yes', 'no', 'not-known'] }, 'Not known', { value: 'not-known' }],
    [{ kind: 'enum', values: ['standard', 'medium', 'high'] }, ' MEDIUM ', { value: 'medium' }],
    [{ kind: 'enum', values: ['a', 'A'] }, 'a', { value: 'a' }],
    [{ kind: 'enum', values: ['yes', 'no'] }, 'perhaps', { value: 'perhaps' }],
    [{ kind: 'enum', values: ['yes', 'no', 'not-known'] }, 'Y', { value: 'yes' }],
    [{ kind: 'enum', values: ['yes', 'no', 'not-known'] }, 'n', { value: 'no' }],
    [{ kind: 'enum', values: ['given', 'refused'] }, 'Y', { value: 'Y' }],
    [{ kind: 'enum', values: ['standard', 'medium', 'high'] }, 'High Risk', { value: 'high' }],
    [{ kind: 'enum', values: ['standard', 'medium', 'high'] }, 'standard risk', { value: 'standard' }],
    [{ kind: 'enum', values: ['standard', 'medium', 'high'] }, 'H', { value: 'H' }],
    [{ kind: 'string' }, ' spaced ', { value: 'spaced' }],
    [{ kind: 'string', freeText: true }, ' line one\nline two\n', { value: ' line one\nline two\n' }],
  ] as const)('%o %j → %o', (leaf, cell, expected) => {
    expect(typeCell(leaf as never, cell)).toEqual(expected);
  });
});

describe('setPath, compactArrays, pointers and formula escapes', () => {
  it('builds nested objects and arrays, and compacts holes left by empty cells', () => {
    const body: Record<string, unknown> = {};
    setPath(body, 'victim.firstName', 'A');
    setPath(body, 'children.1.ageYears', 3);
    setPath(body, 'incident.offences.2', 'Assault');
    expect(compactArrays(body)).toEqual({ victim: { firstName: 'A' }, children: [{ ageYears: 3 }], incident: { offences: ['Assault'] } });
  });

  it('says where each packed item was written, so an error names the column the user filled', () => {
    const body: Record<string, unknown> = {};
    setPath(body, 'children.0.ageYears', 2);
    setPath(body, 'children.2.ageYears', 30);
    const origins = new Map<string, string>();
    compactArrays(body, origins);
    expect(body).toEqual({ children: [{ ageYears: 2 }, { ageYears: 30 }] });
    expect(originalPath('children.1.ageYears', origins)).toBe('children.2.ageYears');
    expect(originalPath('children.0.ageYears', origins)).toBe('children.0.ageYears');
    expect(originalPath('victim.firstName', origins)).toBe('victim.firstName');
  });

  it('turns a JSON pointer into a dot path', () => {
    expect(pointerToDotPath('/children/0/ageYears')).toBe('children.0.ageYears');
    expect(pointerToDotPath('/')).toBe('');
  });

  it.each([
    ["'=SUM(A1)", '=SUM(A1)'],
    ["'+447700900123", '+447700900123'],
    ["'-5", '-5'],
    ["O'Brien", "O'Brien"],
    ["'plain", "'plain"],
    // csv-stringify escapes the full-width forms too.
    ["'\uFF1D1+1", '\uFF1D1+1'],
    ["'\uFF20cmd", '\uFF20cmd'],
  ])('%s reads as %s', (cell, expected) => {
    expect(unescapeCsvFormula(cell)).toBe(expected);
  });
});
