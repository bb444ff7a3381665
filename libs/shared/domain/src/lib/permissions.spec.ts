import { describe, expect, it } from 'vitest';
import { ROLES } from './auth';
import { ACTIONS, can, CASE_READER_ROLES, PERMISSIONS, rolesWith } from './permissions';

describe('permission table', () => {
  it('gives every role an entry and lists only known actions', () => {
    for (const role of ROLES) {
      expect(PERMISSIONS[role], role).toBeDefined();
      for (const a of PERMISSIONS[role]) expect(ACTIONS).toContain(a);
    }
  });

  it.each([
    ['caseworker', 'case.work', true],
    ['caseworker', 'case.assign', false],
    ['team-lead', 'case.assign', true],
    ['auditor', 'case.read', true],
    ['auditor', 'case.work', false],
    ['partner', 'case.read', false],
    ['partner', 'referrals.act', true],
    ['caseworker', 'referrals.revoke', false],
    ['team-lead', 'referrals.revoke', true],
    ['admin', 'case.read', false],
    ['admin', 'partners.manage', true],
    ['officer', 'case.read', false],
    ['officer', 'session.use', true],
    ['partner', 'triage-rules.read', true],
    ['partner', 'partner-portal.use', true],
    ['caseworker', 'partner-portal.use', false],
    ['caseworker', 'consent.record', true],
    ['team-lead', 'consent.record', true],
    ['auditor', 'consent.record', false],
    ['caseworker', 'safeguarding-basis.record', false],
    ['team-lead', 'risk.agree-with-police', true],
    ['caseworker', 'risk.agree-with-police', false],
    ['auditor', 'risk.agree-with-police', false],
    ['caseworker', 'marac-referral.record', true],
    ['team-lead', 'marac-referral.record', true],
    ['auditor', 'marac-referral.record', false],
    ['caseworker', 'case.close-override', false],
    ['team-lead', 'case.close-override', true],
    ['auditor', 'case.close-override', false],
    ['team-lead', 'case.restrict', true],
    ['caseworker', 'case.restrict', false],
    ['caseworker', 'case.break-glass', true],
    ['auditor', 'case.break-glass', false],
    ['auditor', 'audit.read', true],
    ['team-lead', 'audit.read', false],
    ['admin', 'users.manage', true],
    ['team-lead', 'users.manage', false],
    ['admin', 'feed-sources.manage', true],
    ['admin', 'case.read', false],
    ['officer', 'officer-referral.submit', true],
    ['caseworker', 'officer-referral.submit', false],
    ['officer', 'referrals.read', false],
    ['force-lead', 'force-dashboard.read', true],
    ['force-lead', 'case.read', false],
    ['force-lead', 'outcomes.read', false],
    ['team-lead', 'force-dashboard.read', false],
    ['team-lead', 'imports.run', true],
    ['admin', 'imports.run', true],
    ['caseworker', 'imports.run', false],
    ['officer', 'imports.run', false],
  ] as const)('%s may %s: %s', (role, action, allowed) => {
    expect(can([role], action)).toBe(allowed);
  });

  it('grants an action when any one role does, and nothing to nobody', () => {
    expect(can(['officer', 'team-lead'], 'team.manage')).toBe(true);
    expect(can([], 'case.read')).toBe(false);
    expect(can(null, 'case.read')).toBe(false);
  });

  it('lets every role see who it is signed in as, sign out and read the triage rules', () => {
    for (const action of ['session.use', 'triage-rules.read'] as const) expect(rolesWith(action).sort()).toEqual([...ROLES].sort());
  });

  it('derives the guard roles from the table', () => {
    expect(rolesWith('partners.manage')).toEqual(['admin']);
    expect([...CASE_READER_ROLES].sort()).toEqual(['auditor', 'caseworker', 'team-lead']);
    for (const action of ACTIONS) for (const r of rolesWith(action)) expect(can([r], action)).toBe(true);
  });
});
