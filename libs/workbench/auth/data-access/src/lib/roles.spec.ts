import { describe, expect, it } from 'vitest';
import { homeFor, isAdmin, isAdminOnly, mayReadOutcomes } from './auth.guard';
import { ADMIN_HOME, DEFAULT_AFTER_SIGN_IN, PARTNER_HOME } from './return-url';

describe('where each user belongs', () => {
  it.each([
    [['caseworker'], DEFAULT_AFTER_SIGN_IN, false, false],
    [['team-lead'], DEFAULT_AFTER_SIGN_IN, false, false],
    [['auditor'], DEFAULT_AFTER_SIGN_IN, false, false],
    [['admin'], ADMIN_HOME, true, true],
    [['admin', 'team-lead'], DEFAULT_AFTER_SIGN_IN, true, false],
    [['partner'], PARTNER_HOME, false, false],
    [[], DEFAULT_AFTER_SIGN_IN, false, false],
  ])('%j → %s', (roles, home, admin, adminOnly) => {
    expect(homeFor(roles)).toBe(home);
    expect(isAdmin(roles)).toBe(admin);
    expect(isAdminOnly(roles)).toBe(adminOnly);
  });
});

describe('who may read the outcomes dashboard', () => {
  it.each([
    [['team-lead'], true],
    [['admin'], true],
    [['auditor'], true],
    [['caseworker'], false],
    [['partner'], false],
    [[], false],
  ])('%j → %s', (roles, may) => {
    expect(mayReadOutcomes(roles)).toBe(may);
  });
});
