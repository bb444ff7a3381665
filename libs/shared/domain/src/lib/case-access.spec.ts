import { describe, expect, it } from 'vitest';
import type { Role } from './auth';
import {
  caseAccess,
  DEFAULT_POLICE_STAFF_RULE,
  maySeeCase,
  policeStaffSignals,
  type CaseAccessFacts,
  type CaseAccessKind,
} from './case-access';

const NOW = new Date('2026-12-01T12:00:00Z');
const ME = 'me';
const user = (role: Role) => ({ id: ME, roles: [role] });
const open: CaseAccessFacts = { assigneeId: null, restricted: false, accessList: [], breakGlass: [] };
const mine: CaseAccessFacts = { ...open, assigneeId: ME };
const others: CaseAccessFacts = { ...open, assigneeId: 'someone-else' };
const restricted: CaseAccessFacts = { ...others, restricted: true, accessList: ['someone-else'] };
const listed: CaseAccessFacts = { ...restricted, accessList: ['someone-else', ME] };
const glass: CaseAccessFacts = { ...restricted, breakGlass: [{ userId: ME, expiresAt: '2026-12-01T12:30:00Z' }] };
const expiredGlass: CaseAccessFacts = { ...restricted, breakGlass: [{ userId: ME, expiresAt: '2026-12-01T11:59:59Z' }] };
const othersGlass: CaseAccessFacts = { ...restricted, breakGlass: [{ userId: 'x', expiresAt: '2026-12-01T12:30:00Z' }] };

type Row = [Role, string, CaseAccessFacts, CaseAccessKind, 'allowed' | 'hidden' | 'forbidden'];
const table: Row[] = [
  // A caseworker reads any unrestricted case, claims one, but works only on their own.
  ['caseworker', 'unassigned', open, 'read', 'allowed'],
  ['caseworker', 'unassigned', open, 'claim', 'allowed'],
  ['caseworker', 'unassigned', open, 'write', 'forbidden'],
  ['caseworker', 'assignee', mine, 'write', 'allowed'],
  ['caseworker', "someone else's", others, 'read', 'allowed'],
  ['caseworker', "someone else's", others, 'write', 'forbidden'],
  // A team lead works on any case they can see.
  ['team-lead', "someone else's", others, 'write', 'allowed'],
  ['team-lead', 'unassigned', open, 'write', 'allowed'],
  // Auditors read, never write or claim.
  ['auditor', 'assigned', others, 'read', 'allowed'],
  ['auditor', 'unassigned', open, 'claim', 'forbidden'],
  ['auditor', 'assigned', others, 'write', 'forbidden'],
  // Roles without case.read never see a case.
  ['admin', 'unassigned', open, 'read', 'hidden'],
  ['officer', 'unassigned', open, 'read', 'hidden'],
  ['partner', 'unassigned', open, 'read', 'hidden'],
  // Restricted: invisible off the list, even to team leads and auditors.
  ['caseworker', 'restricted, not listed', restricted, 'read', 'hidden'],
  ['team-lead', 'restricted, not listed', restricted, 'write', 'hidden'],
  ['auditor', 'restricted, not listed', restricted, 'read', 'hidden'],
  ['caseworker', 'restricted, listed', listed, 'read', 'allowed'],
  ['caseworker', 'restricted, listed, not assignee', listed, 'write', 'forbidden'],
  ['team-lead', 'restricted, listed', listed, 'write', 'allowed'],
  ['caseworker', 'restricted, break-glass', glass, 'read', 'allowed'],
  ['caseworker', 'restricted, expired break-glass', expiredGlass, 'read', 'hidden'],
  ['caseworker', "restricted, someone else's break-glass", othersGlass, 'read', 'hidden'],
  // Break the glass lets one look, never take or change the case: claiming and writing need its access list.
  ['team-lead', 'restricted, break-glass', glass, 'write', 'forbidden'],
  ['caseworker', 'restricted, break-glass', glass, 'write', 'forbidden'],
  ['caseworker', 'restricted, listed', listed, 'claim', 'allowed'],
  ['caseworker', 'restricted, break-glass', glass, 'claim', 'forbidden'],
  ['team-lead', 'restricted, break-glass', glass, 'claim', 'forbidden'],
];

describe('caseAccess: who may read, write and claim a case', () => {
  it.each(table)('%s on a %s case, %s → %s', (role, _what, facts, kind, expected) => {
    expect(caseAccess(user(role), facts, kind, NOW).decision).toBe(expected);
  });

  it('says why: restricted, not-assignee, not-on-access-list', () => {
    expect(caseAccess(user('caseworker'), restricted, 'read', NOW).reason).toBe('restricted');
    expect(caseAccess(user('caseworker'), others, 'write', NOW).reason).toBe('not-assignee');
    expect(caseAccess(user('caseworker'), glass, 'claim', NOW).reason).toBe('not-on-access-list');
  });

  it('the list filter is the read rule', () => {
    for (const [role, , facts] of table) {
      expect(maySeeCase(user(role), facts, NOW)).toBe(caseAccess(user(role), facts, 'read', NOW).decision === 'allowed');
    }
  });
});

describe('policeStaffSignals: the police-staff rule (restricted on arrival)', () => {
  const rule = { ...DEFAULT_POLICE_STAFF_RULE, personIds: ['P-42'] };
  it.each([
    [{ emails: ['a.b@met.police.uk'], personIds: [], summary: '' }, ['email-domain']],
    [{ emails: ['A.B@POLICE.UK'], personIds: [], summary: '' }, ['email-domain']],
    [{ emails: ['a@notpolice.uk', null], personIds: [], summary: '' }, []],
    [{ emails: [], personIds: ['P-42'], summary: null }, ['person-id']],
    [{ emails: [], personIds: [], summary: 'The victim is a serving Police Officer.' }, ['phrase']],
    [{ emails: [], personIds: [], summary: 'Suspect works as a pcso in the north.' }, ['phrase']],
    [{ emails: [], personIds: [], summary: 'Officer attended; victim works in retail.' }, []],
    [{ emails: [], personIds: [], summary: 'PCSOs attended' }, []],
    // Invisible characters (pasted text) do not hide a signal.
    [{ emails: ['a.b@herts.police.uk\u200B'], personIds: [], summary: '' }, ['email-domain']],
    [{ emails: [], personIds: ['P-42\u200E'], summary: '' }, ['person-id']],
    [{ emails: [], personIds: [], summary: 'She is a police\u200B officer.' }, ['phrase']],
    [{ emails: [], personIds: [], summary: 'Suspect is a\u200BPCSO.' }, ['phrase']],
    [{ emails: [], personIds: [], summary: 'Victim is a poli\u00ADce officer.' }, ['phrase']],
  ] as const)('%j → %j', (facts, expected) => {
    expect(policeStaffSignals(rule, facts)).toEqual(expected);
  });
});
