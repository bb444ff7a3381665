import { describe, expect, it } from 'vitest';
import type { PartnerServiceRecord, Role } from '@lantern/shared/domain';
import { describeRoles, partnerAgencies, roleProblems } from './admin-labels';

describe('admin labels and rules', () => {
  it.each<[Role[], string | null, number]>([
    [['caseworker'], null, 0],
    [['caseworker', 'team-lead'], null, 0],
    [[], null, 1],
    [['partner'], null, 1],
    [['partner'], 'idva', 0],
    [['partner', 'caseworker'], 'idva', 1],
  ])('roles %j with agency %s: %i problems', (roles, partnerId, n) => {
    expect(roleProblems(roles, partnerId)).toHaveLength(n);
  });

  it('names roles and lists each agency once', () => {
    expect(describeRoles(['team-lead', 'admin'])).toBe('Team lead, Admin');
    const services = [
      { partnerId: 'idva', partnerName: 'IDVA service' },
      { partnerId: 'idva', partnerName: 'IDVA service' },
      { partnerId: 'outreach', partnerName: 'Outreach' },
    ] as PartnerServiceRecord[];
    expect(partnerAgencies(services)).toEqual([
      { id: 'idva', name: 'IDVA service' },
      { id: 'outreach', name: 'Outreach' },
    ]);
  });
});
